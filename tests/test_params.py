"Parameters as users type them: misspelt names and wrong types fail before any folder is made, in every training notebook."
import pytest
from papermill.exceptions import PapermillExecutionError
from conftest import run_papermill

NBS = {'train_ganseg.ipynb': dict(res=16, start_res=8, ch=8, emb_dim=8, d_ch=8, steps=2, batch=4, seg_steps=2, seg_batch=4, eval_n=16),
       'train_layered.ipynb': dict(res=16, ch=8, z_dim=16, steps=2, batch=4, seg_steps=2, seg_batch=4, seg_round_steps=2, eval_n=16),
       'train_partseg.ipynb': dict(res=32, width=8, feat_dim=16, perceptual='l1', steps=2, batch=4, eval_n=16)}
LR = {'train_ganseg.ipynb': 'lr_g', 'train_layered.ipynb': 'seg_steps', 'train_partseg.ipynb': 'lr'}

@pytest.mark.parametrize('nb', list(NBS))
@pytest.mark.parametrize('case', ['string_for_int', 'string_for_number', 'misspelt', 'batch_zero'])
def test_bad_parameter_fails_before_any_folder(tmp_path, nb, case):
    bad, where = {'string_for_int': ({'batch': 'eight'}, '`batch`'), 'string_for_number': ({LR[nb]: 'fast'}, f'`{LR[nb]}`'),
                  'misspelt': ({'lr_gen': 0.5}, 'its parameters:'), 'batch_zero': ({'batch': 0}, '`batch`')}[case]
    runs = tmp_path / 'runs'
    with pytest.raises(PapermillExecutionError) as e:
        run_papermill(nb, tmp_path, run_root=str(runs), progress=False, **{**NBS[nb], **bad})
    assert where in str(e.value) and 'ParamError' in str(e.value)
    assert not runs.exists() or not any(runs.iterdir()), 'a run folder was made before the parameter was checked'

def test_relative_run_root_lands_in_the_clone():
    from unseg.core import resolve_run_root, repo_root
    root = repo_root()
    assert root is not None and resolve_run_root('runs') == root / 'runs'

def test_make_demo_run_folder_is_where_it_says():
    "The demo's `-p run_root` resolves to the runs/demo/ its echo line names, inside the clone (it once pointed at ../runs/demo)."
    import re, shlex
    from unseg.core import resolve_run_root, repo_root
    root = repo_root()
    lines = (root / 'Makefile').read_text().split('\ndemo:', 1)[1].split('\n\n', 1)[0]
    args = shlex.split(next(l for l in lines.splitlines() if 'papermill' in l))
    run_root = args[args.index('run_root') + 1]
    assert resolve_run_root(run_root) == root / 'runs/demo'
    assert re.search(r'run folder .*: runs/demo/NNNNN-ganseg/', lines)
