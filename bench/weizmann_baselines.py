"""Trivial baselines on the Weizmann horses (all 328 images with their masks).

    python bench/weizmann_baselines.py [--res 128] [--data PATH]

The data README gives 0.252 (all foreground) and 0.428 (centred ellipse, 30%) mean per-image IoU."""
import argparse, time
from pathlib import Path
from unseg.data.folders import WeizmannHorses, shared_data_root
from unseg.metrics import baseline_scores

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--res', type=int, nargs='+', default=[64, 128])
p.add_argument('--data', default='', help='shared/data folder (default: found beside the repository or $UNSEG_DATA)')
a = p.parse_args()
root = Path(a.data) if a.data else shared_data_root()
if root is None: raise SystemExit('shared/data not found: pass --data')
for res in a.res:
    h = WeizmannHorses(root / 'weizmann_horse', res=res)
    b = h.batch(range(len(h)))
    t = time.perf_counter(); scores = baseline_scores(b.image, b.fg); dt = time.perf_counter() - t
    print(f'\nWeizmann horses, {len(h)} images squashed to {res} px ({dt:.1f} s)')
    print(f"{'baseline':26s} {'IoU/img':>8s} {'IoU/set':>8s} {'mIoU':>6s} {'acc':>6s} {'Dice':>6s}")
    for k, v in scores.items():
        print(f"{k:26s} {v['iou_mean']:8.3f} {v['iou_dataset']:8.3f} {v['miou']:6.3f} {v['accuracy']:6.3f} {v['dice']:6.3f}")
