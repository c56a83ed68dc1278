"""GANSeg end to end on one dataset within a CPU budget, through the training notebook (papermill),
then its metrics beside the baselines.

    python bench/ganseg_run.py --dataset synthetic --steps 2500 --seg-steps 800          # ~20 CPU minutes
    python bench/ganseg_run.py --dataset weizmann --steps 3000 --seg-steps 800 --res 32   # ~30 CPU minutes

Any other notebook parameter can be passed as -p NAME VALUE. The executed notebook and the run folder
go under --out (default runs/bench)."""
import argparse, json, time
from pathlib import Path
import papermill as pm
import yaml

ROOT = Path(__file__).resolve().parents[1]
p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--dataset', default='synthetic')
p.add_argument('--steps', type=int, default=2500)
p.add_argument('--seg-steps', type=int, default=800)
p.add_argument('--res', type=int, default=32)
p.add_argument('--out', default=str(ROOT / 'runs/bench'))
p.add_argument('-p', nargs=2, action='append', default=[], metavar=('NAME', 'VALUE'))
a = p.parse_args()
out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
params = dict(dataset=a.dataset, steps=a.steps, seg_steps=a.seg_steps, res=a.res, run_root=str(out), run_name=f'ganseg-{a.dataset}', progress=False)
params.update({k: yaml.safe_load(v) for k, v in a.p})
t = time.perf_counter()
pm.execute_notebook(str(ROOT / 'nbs/train_ganseg.ipynb'), str(out / f'train_ganseg-{a.dataset}.ipynb'), parameters=params,
                    kernel_name='python3', cwd=str(ROOT / 'nbs'), progress_bar=False)
wall = time.perf_counter() - t
run = sorted(out.glob(f'*-ganseg-{a.dataset}'))[-1]
m = json.loads((run / 'metrics.json').read_text())
print(f"\nGANSeg on {a.dataset} at {a.res} px: {m['gan_steps']} GAN steps ({m['gan_seconds']} s) + {m['segmenter_steps']} segmenter steps "
      f"({m['segmenter_seconds']} s); wall {wall / 60:.1f} min; run folder {run}")
rows = ([('GANSeg -> segmenter', m['segmenter'])] if 'segmenter' in m else []) + list(m.get('baselines', {}).items())
if rows:
    print(f"{'foreground (' + str(m['eval_images']) + ' images)':32s} {'IoU/img':>8s} {'IoU/set':>8s} {'mIoU':>6s} {'acc':>6s}")
    for k, v in rows: print(f"{k:32s} {v['iou_mean']:8.3f} {v['iou_dataset']:8.3f} {v['miou']:6.3f} {v['accuracy']:6.3f}")
for k, v in m.get("landmarks", {}).items(): print(f"landmark error ({m.get('landmark_metric')}), {k:24s} {v:8.4f}")
if 'fid' in m: print(f"FID: {m['fid']:.1f}")
