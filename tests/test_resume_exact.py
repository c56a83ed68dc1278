"N steps + resume + N steps equals 2N steps, through the training notebooks, for the layered GANs and the part autoencoder."
import pytest, torch
from conftest import run_papermill

TINY = {'ils': ('train_layered.ipynb', dict(method='ils', footing='paper', res=16, ch=8, z_dim=16, batch=4, seg_steps=2, seg_batch=4, seg_round_steps=2,
                                             eval_n=16, equi_ramp=4, round_steps=3)),
        'elgan': ('train_layered.ipynb', dict(method='elgan', footing='paper', res=16, ch=8, z_dim=16, batch=4, seg_steps=2, seg_batch=4, eval_n=16,
                                               equi_ramp=4, round_steps=6)),
        'partseg': ('train_partseg.ipynb', dict(res=32, width=8, feat_dim=16, perceptual='l1', batch=4, eval_n=16))}

def _last_state(runs):
    (run,) = list(runs.iterdir())
    ck = sorted(run.glob('ckpt-*.pt'))[-1]
    return torch.load(ck, map_location='cpu', weights_only=False)

@pytest.mark.parametrize('name', list(TINY))
def test_half_resume_half_equals_whole(tmp_path, name):
    nb, p = TINY[name]
    for d in ('a', 'b'): (tmp_path / d).mkdir()
    run_papermill(nb, tmp_path / 'a', run_root=str(tmp_path / 'whole'), progress=False, steps=6, **p)
    run_papermill(nb, tmp_path / 'b', run_root=str(tmp_path / 'halves'), progress=False, steps=3, **p)   # ils: ends at the round boundary
    run_papermill(nb, tmp_path / 'b', run_root=str(tmp_path / 'halves'), progress=False, steps=6, resume='latest', **p)
    a, b = _last_state(tmp_path / 'whole'), _last_state(tmp_path / 'halves')
    assert a['step'] == b['step'] == 6
    differ = [f'{m}.{k}' for m in a['models'] for k, v in a['models'][m].items()
              if torch.is_tensor(v) and v.is_floating_point() and not torch.equal(v, b['models'][m][k])]
    assert not differ, f'{len(differ)} tensors differ after resuming, e.g. {differ[:5]}'
