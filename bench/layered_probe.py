"""A short layered-GAN probe: train one preset on one dataset at 32 px with one thread, print the training health
every 250 steps, keep the sample grids (docs/layered/ was made with it).

    python bench/layered_probe.py perturbgan synthetic_easy 1000 pg-base ch=32 eta=0.15 lr_g=2e-4 lr_d=2e-4
    python bench/layered_probe.py perturbgan synthetic_easy 1000 pg-canvas ch=32 eta=0.2 margin=4

Arguments: METHOD DATASET STEPS NAME [KEY=VALUE ...]; keys of LayeredConfig (z_dim, d_c, ch, n_super, margin, bg_down, mask_init, arch, w_dim)
go to the generator; health_every, sample_every, ckpt_every (default 250, 250, 1000 steps) set the run's cadence; any other
key goes to the preset (unseg.layered.train.preset). The run folder is runs/probe/NAME; a second call with the same NAME
resumes from its latest checkpoint."""
import json, sys, time
from pathlib import Path
import torch, yaml
from unseg.data.folders import get_dataset
from unseg.layered.model import LayeredConfig
from unseg.layered.train import preset, train_layered
from unseg.evaluate import data_reference

if len(sys.argv) < 5: raise SystemExit(__doc__)
method, ds, steps, name = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
def _value(v: str):
    "A KEY=VALUE argument's value: YAML, except that '1e-4' (a string in YAML 1.1) is a float."
    x = yaml.safe_load(v)
    if isinstance(x, str):
        try: return float(x)
        except ValueError: pass
    return x
over = {k: _value(v) for k, v in (a.split('=', 1) for a in sys.argv[5:])}
every = {k: int(over.pop(k, d)) for k, d in (('health_every', 250), ('sample_every', 250), ('ckpt_every', 1000))}   # the run's cadence
gk = {k: over.pop(k) for k in list(over) if k in ('z_dim', 'd_c', 'ch', 'n_super', 'margin', 'bg_down', 'mask_init', 'arch', 'w_dim')}
torch.set_num_threads(1)
tcfg = preset(method, **over)
gcfg = LayeredConfig(res=32, **{'d_c': 0 if method == 'perturbgan' else 8, **gk})
data = get_dataset(ds, '', 32, split='train', seed=0)
print('data:', data_reference(data))
run = Path(__file__).resolve().parents[1] / 'runs/probe' / name
t = time.time()
again = str(run) if list(run.glob('ckpt-*.pt')) else ''
train_layered(gcfg, tcfg, data, steps, 16, run, 'cpu', 0, again, seg_steps=300, log_every=50, progress=False, **every)
print(f'{steps} steps in {time.time() - t:.0f} s; run folder {run}')
for line in open(run / 'stats.jsonl'):
    s = json.loads(line)
    if any(k.startswith('health/') for k in s): print(s['step'], {k[7:]: round(v, 3) for k, v in s.items() if k.startswith('health/')})
