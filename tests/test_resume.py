"Resuming refuses a different run: every differing field is named before anything in the run folder is written."
import pytest
from papermill.exceptions import PapermillExecutionError
from conftest import run_papermill

TINY = {'train_layered.ipynb': dict(method='elgan', footing='paper', res=16, ch=8, z_dim=16, steps=2, batch=4, seg_steps=2, seg_batch=4, seg_round_steps=2, eval_n=16, equi_ramp=1,
                                                 round_steps=2),   # fixed, as a resumed run must keep its rounds (check_resume names them otherwise)
        'train_partseg.ipynb': dict(res=32, width=8, feat_dim=16, perceptual='l1', steps=2, batch=4, eval_n=16),
        'train_ganseg.ipynb': dict(res=16, start_res=8, ch=8, emb_dim=8, d_ch=8, steps=2, batch=4, seg_steps=2, seg_batch=4, eval_n=16)}

@pytest.mark.parametrize('nb', list(TINY))
def test_resume_with_another_batch_or_dataset_is_refused(tmp_path, nb):
    runs = tmp_path / 'runs'
    run_papermill(nb, tmp_path, run_root=str(runs), progress=False, **TINY[nb])
    (run,) = list(runs.iterdir())
    before = (run / 'config.json').read_text()
    for change, named in (({'batch': 2}, 'batch: 4 in the run, 2 now'), ({'dataset': 'synthetic_easy'}, "dataset: 'synthetic' in the run")):
        if nb in ('train_ganseg.ipynb', 'train_layered.ipynb') and 'dataset' in change:    # their default is the easy level
            change, named = {'dataset': 'synthetic'}, "dataset: 'synthetic_easy' in the run"
        with pytest.raises(PapermillExecutionError) as e:
            run_papermill(nb, tmp_path, run_root=str(runs), progress=False, resume='latest', **{**TINY[nb], 'steps': 4, **change})
        assert named in str(e.value), str(e.value)[-1500:]
        assert (run / 'config.json').read_text() == before and [p.name for p in runs.iterdir()] == [run.name]
    # the same settings with more steps resume
    run_papermill(nb, tmp_path, run_root=str(runs), progress=False, resume='latest', **{**TINY[nb], 'steps': 4})
    assert (run / 'config.json').read_text() == before
