"The GANSeg training notebook under papermill with tiny parameters: it runs, resumes, and rejects bad parameters early."
import json
from pathlib import Path
import pytest
from papermill.exceptions import PapermillExecutionError
from conftest import run_papermill

TINY = dict(res=16, start_res=8, ch=8, emb_dim=8, d_ch=8, steps=2, batch=4, seg_steps=2, seg_batch=4, eval_n=16, progress=False)


def test_train_ganseg_tiny_then_resume(tmp_path):
    runs = tmp_path / 'runs'
    run_papermill('train_ganseg.ipynb', tmp_path, run_root=str(runs), **TINY)
    (run,) = list(runs.iterdir())
    m = json.loads((run / 'metrics.json').read_text())
    assert m['schema_version'] == 1 and m['method'] == 'ganseg' and m['train']['gan_steps'] == 2
    assert 0 <= m['segmentation']['iou_mean'] <= 1 and {'all_foreground', 'centred_ellipse'} == set(m['baselines'])   # no GrabCut below 32 px
    assert {'model', 'constant', 'random_centres'} == set(m['landmarks']['held_out']) and 'as_released' in m['landmarks']
    assert 0 <= m['nmi'] <= 1 and {'cover', 'all_bg', 'all_fg', 'border_cover', 'edge', 'spread', 'halo'} <= set(m['health'])
    stats = [json.loads(l) for l in (run / 'stats.jsonl').read_text().splitlines()]
    assert any('health/cover' in s for s in stats)
    assert json.loads((run / 'config.json').read_text())['ganseg']['point_shift'] == 0.0    # the easy level's prior: the released behaviour
    for f in ('config.json', 'stats.jsonl', 'final_samples.png', 'losses.png', 'health.png', 'eval_predictions.png', 'ckpt-00000002.pt'):
        assert (run / f).exists(), f
    # resume the same run for two more steps: same folder, step 4
    run_papermill('train_ganseg.ipynb', tmp_path, run_root=str(runs), resume='latest', **{**TINY, 'steps': 4, 'seg_steps': 3})
    assert [p.name for p in runs.iterdir()] == [run.name]
    assert json.loads((run / 'metrics.json').read_text())['train']['gan_steps'] == 4
    # resuming with another architecture fails with the differing field named, before the run folder is touched
    before = (run / 'config.json').read_text()
    with pytest.raises(PapermillExecutionError) as e:
        run_papermill('train_ganseg.ipynb', tmp_path, run_root=str(runs), resume='latest', **{**TINY, 'steps': 6, 'spade_hidden': 16})
    assert 'ganseg.spade_hidden: 32 in the run, 16 now' in str(e.value)   # named by the run folder's config.json, before anything is written
    assert (run / 'config.json').read_text() == before


@pytest.mark.parametrize('bad,where', [({'dataset': 'mnist'}, '`dataset`'), ({'steps': -3}, '`steps`'),
                                       ({'res': 48}, '`res`'), ({'ablation': 'no_gan'}, '`ablation`'),
                                       ({'mask_losses_on': 'frame'}, '`mask_losses_on`'), ({'reg_every': 0}, '`reg_every`'),
                                       ({'point_shift': 1.5}, '`point_shift`')])
def test_train_ganseg_bad_parameter_fails_before_training(tmp_path, bad, where):
    with pytest.raises(PapermillExecutionError) as e:
        run_papermill('train_ganseg.ipynb', tmp_path, run_root=str(tmp_path / 'runs'), **{**TINY, **bad})
    assert where in str(e.value)
    assert not (tmp_path / 'runs').exists() or not any((tmp_path / 'runs').rglob('ckpt-*.pt'))


def test_explore_ganseg_runs_with_and_without_a_run(tmp_path):
    run_papermill('explore_ganseg.ipynb', tmp_path, run_root=str(tmp_path / 'none'))       # no run: random generator
    runs = tmp_path / 'runs'
    run_papermill('train_ganseg.ipynb', tmp_path, run_root=str(runs), **TINY)
    nb = run_papermill('explore_ganseg.ipynb', tmp_path, run_root=str(runs))
    out = ''.join(o.get('text', '') for c in nb.cells if c.cell_type == 'code' for o in c.get('outputs', []))
    assert 'loaded G_ema' in out


@pytest.mark.parametrize('name', ['celeba_wild', 'taichi'])
def test_train_ganseg_on_fixture_layouts(tmp_path, name):
    "The CelebA (inter-ocular) and Taichi (summed pixel error, masks) evaluation branches, on fixtures in the official layouts."
    from unseg.data.folders import make_celeba_fixture, make_taichi_fixture
    root = (make_celeba_fixture if name == 'celeba_wild' else make_taichi_fixture)(tmp_path / name)
    runs = tmp_path / 'runs'
    run_papermill('train_ganseg.ipynb', tmp_path, run_root=str(runs), dataset=name, data_root=str(root), **TINY)
    (run,) = list(runs.iterdir())
    m = json.loads((run / 'metrics.json').read_text())
    assert set(m['landmarks']['held_out']) == {'model', 'constant', 'random_centres'}
    assert ('inter-ocular' if name == 'celeba_wild' else 'summed') in m['landmark_metric']
    assert (m['segmentation'] is not None) == (name == 'taichi')          # Taichi has masks, CelebA does not
    if name == 'celeba_wild': assert m['protocol']['eval_split'] == 'mafl_test' and m['protocol']['reg_split'] == 'mafl_train'


def test_train_ganseg_takes_the_layout_shift_prior_of_its_dataset(tmp_path):
    "point_shift=None is the dataset's stated prior (POINT_SHIFT: 0.5 on the hard level); an explicit value wins."
    for extra, want in (({}, 0.5), ({'point_shift': 0.1}, 0.1)):
        runs = tmp_path / f'runs{want}'
        run_papermill('train_ganseg.ipynb', tmp_path, run_root=str(runs), dataset='synthetic', **{**TINY, 'steps': 1, 'seg_steps': 1, **extra})
        (run,) = list(runs.iterdir())
        assert json.loads((run / 'config.json').read_text())['ganseg']['point_shift'] == want


def test_reevaluate_reproduces_a_ganseg_run(tmp_path):
    "bench/reevaluate.py scores a GAN run again through its saved segmenter: the same numbers as the notebook's evaluation."
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'bench'))
    from reevaluate import reevaluate
    runs = tmp_path / 'runs'
    run_papermill('train_ganseg.ipynb', tmp_path, run_root=str(runs), **TINY)
    (run,) = list(runs.iterdir())
    m = json.loads((run / 'metrics.json').read_text())
    again = reevaluate(run).to_dict()
    for k in ('segmentation', 'baselines', 'nmi', 'landmarks', 'health', 'train', 'fid'): assert again[k] == m[k], k
