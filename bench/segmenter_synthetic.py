"""The segmenter path alone: a U-Net trained on synthetic images with their TRUE masks, scored on
held-out synthetic images (another world seed). This is the ceiling a GAN's samples can give.

    python bench/segmenter_synthetic.py [--steps 1500] [--res 32] [--mode parts] [--minutes 3]

Prints foreground IoU (per image and dataset-level), wall time and steps/s."""
import argparse, time, tempfile
import torch
from unseg.data.synthetic import SyntheticShapes
from unseg.segment import SyntheticTruth, SegmenterConfig, train_segmenter, evaluate_segmenter
from unseg.train import LoopConfig

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--steps', type=int, default=1500)
p.add_argument('--res', type=int, default=32)
p.add_argument('--mode', default='parts', choices=['fg', 'parts'])
p.add_argument('--width', type=int, default=32)
p.add_argument('--depth', type=int, default=3)
p.add_argument('--batch', type=int, default=32)
p.add_argument('--lr', type=float, default=1e-3)
p.add_argument('--out', default='', help='run folder (default: a temporary one)')
a = p.parse_args()
out = a.out or tempfile.mkdtemp()
cfg = SegmenterConfig(kind='unet', mode=a.mode, width=a.width, depth=a.depth, steps=a.steps, batch=a.batch, lr=a.lr)
t = time.perf_counter()
net = train_segmenter(SyntheticTruth(SyntheticShapes(res=a.res, seed=0)), cfg, out)
dt = time.perf_counter() - t
sc = evaluate_segmenter(net, SyntheticShapes(res=a.res, seed=1, length=512), out, name='synthetic_heldout')
print(f'\nU-Net (width {a.width}, depth {a.depth}, mode {a.mode}) on true synthetic masks, {a.res} px, {a.steps} steps x batch {a.batch}')
print(f'training: {dt:.0f} s ({a.steps / dt:.1f} steps/s, {torch.get_num_threads()} threads)')
print(f"held-out synthetic (512 images, seed 1): fg IoU per image {sc['iou_mean']:.3f}, dataset {sc['iou_dataset']:.3f}, "
      f"mIoU {sc['miou']:.3f}, accuracy {sc['accuracy']:.3f}")
print(f'run folder: {out}')
