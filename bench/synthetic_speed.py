"""Rendering speed of the built-in synthetic dataset (images per second) on this machine.

    python bench/synthetic_speed.py [--batch 256] [--repeats 5]

The issue's aim is >= 1000 images/s at 64 px on the 2-core CPU machine."""
import argparse, time, torch
from unseg.data.synthetic import SyntheticShapes

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--batch', type=int, default=256)
p.add_argument('--repeats', type=int, default=5)
a = p.parse_args()
print(f'torch {torch.__version__}, {torch.get_num_threads()} threads, batch {a.batch}')
for res in (32, 64, 128):
    ds = SyntheticShapes(res=res)
    ds.batch(range(a.batch))                               # warm-up
    best = 0.0
    for r in range(a.repeats):
        t = time.perf_counter(); ds.batch(range(r * a.batch, (r + 1) * a.batch)); dt = time.perf_counter() - t
        best = max(best, a.batch / dt)
    loader = ds.loader(a.batch)
    t = time.perf_counter(); n = 0
    for i, b in enumerate(loader):
        n += len(b.image)
        if i == a.repeats - 1: break
    print(f'{res:4d} px: {best:7.0f} images/s (best of {a.repeats} batches), DataLoader {n / (time.perf_counter() - t):7.0f} images/s')
