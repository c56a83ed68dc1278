"The layered-GAN training notebook under papermill, every preset with tiny parameters, and early failures."
import json
import torch
import pytest
from papermill.exceptions import PapermillExecutionError
from conftest import run_papermill

TINY = dict(res=16, ch=8, z_dim=16, steps=2, batch=4, seg_steps=2, seg_batch=4, seg_round_steps=2, eval_n=16, progress=False)


@pytest.mark.parametrize('footing', ['cpu', 'paper'])
@pytest.mark.parametrize('method', ['perturbgan', 'elgan', 'ils'])
def test_train_layered_presets_tiny(tmp_path, method, footing):
    runs = tmp_path / 'runs'
    run_papermill('train_layered.ipynb', tmp_path, run_root=str(runs), method=method, footing=footing,
                  invert_steps=2 if method == 'perturbgan' else 0, **TINY)
    (run,) = list(runs.iterdir())
    cfg = json.loads((run / 'config.json').read_text())     # the footing reaches the models; TINY's own values win over it
    assert (cfg['generator']['arch'], cfg['train']['loss'] == 'ns', cfg['segmenter']['batch']) == \
           ({'cpu': 'style', 'paper': 'dcgan'}[footing], footing == 'cpu', TINY['seg_batch'])
    m = json.loads((run / 'metrics.json').read_text())
    assert m['train']['gan_steps'] == 2 and 0 <= m['segmentation']['iou_mean'] <= 1 and 'all_foreground' in m['baselines']
    assert m['method'] == method and m['schema_version'] == 1 and {'cover', 'all_bg', 'all_fg', 'border_cover'} <= set(m['health'])
    assert ('nmi_E_x' in m['extra']) == (method != 'perturbgan') and ('inversion' in m['extra']) == (method == 'perturbgan')
    for f in ('config.json', 'final_samples.png', 'eval_predictions.png', 'losses.png', 'health.png'):
        assert (run / f).exists(), f


def test_train_layered_bad_method_fails_early(tmp_path):
    with pytest.raises(PapermillExecutionError) as e:
        run_papermill('train_layered.ipynb', tmp_path, run_root=str(tmp_path / 'runs'), method='redo', **TINY)
    assert '`method`' in str(e.value)


def test_train_layered_style_trunk_tiny(tmp_path):
    """arch='style' (the StyleGAN-like trunk) reaches the generator that trains, and the run ends in the same metrics.json;
    gamma_indep (ILSGAN's independent-layer term) reaches the trainer and is logged."""
    runs = tmp_path / 'runs'
    run_papermill('train_layered.ipynb', tmp_path, run_root=str(runs), method='perturbgan', arch='style', eta_max=0.5,
                  gamma_indep=1.0, indep_warm=1, **TINY)
    (run,) = list(runs.iterdir())
    cfg = json.loads((run / 'config.json').read_text())
    assert cfg['generator']['arch'] == 'style' and cfg['train']['eta_max'] == 0.5
    assert cfg['train']['gamma_indep'] == 1.0 and cfg['train']['indep_warm'] == 1
    assert any('G/indep' in json.loads(l) for l in (run / 'stats.jsonl').read_text().splitlines())
    m = json.loads((run / 'metrics.json').read_text())
    assert m['train']['gan_steps'] == 2 and 0 <= m['segmentation']['iou_mean'] <= 1


def test_train_layered_code_map_tiny(tmp_path):
    "code_map reaches the style trunk of a method with a private code: 'concat' keeps the earlier mapping (no embedding layer); so does mi_start."
    runs = tmp_path / 'runs'
    run_papermill('train_layered.ipynb', tmp_path, run_root=str(runs), method='ils', arch='style', code_map='concat', mi_start=1, **TINY)
    (run,) = list(runs.iterdir())
    cfg = json.loads((run / 'config.json').read_text())
    assert cfg['generator']['arch'] == 'style' and cfg['generator']['code_map'] == 'concat' and cfg['train']['mi_start'] == 1
    stats = [json.loads(l) for l in (run / 'stats.jsonl').read_text().splitlines()]
    # logged after steps 0 and 1: G's MI term is off in the first and on in the second (mi_start reaches the trainer)
    assert [('G/mi_x' in s) for s in stats] == [False, True]
    keys = torch.load(max(run.glob('ckpt-*.pt')), map_location='cpu', weights_only=False)['models']['G'].keys()
    assert not any(k.startswith('fg.embed') for k in keys) and any(k.startswith('fg.mapping') for k in keys)


def test_train_layered_mi_gate_tiny(tmp_path):
    """mi_gate='shape' reaches the trainer: G logs whether its MI terms are on, and the checkpoint keeps the gate's opened step
    (so a resumed run neither re-opens nor re-reads it)."""
    runs = tmp_path / 'runs'
    run_papermill('train_layered.ipynb', tmp_path, run_root=str(runs), method='ils', mi_gate='shape', **TINY)
    (run,) = list(runs.iterdir())
    assert json.loads((run / 'config.json').read_text())['train']['mi_gate'] == 'shape'
    stats = [json.loads(l) for l in (run / 'stats.jsonl').read_text().splitlines()]
    assert len(stats) == 2 and all('G/mi_open' in s for s in stats)
    opened = int(torch.load(max(run.glob('ckpt-*.pt')), map_location='cpu', weights_only=False)['models']['mi_gate']['opened'])
    # step 0 is a check (0 % mi_check == 0): the gate opened there or not at all in these two steps
    assert opened in (-1, 0) and (opened == 0) == (stats[0]['G/mi_open'] == 1.0) and stats[1]['G/mi_open'] == stats[0]['G/mi_open']
    assert (opened == 0) == ('G/mi_x' in stats[1])
