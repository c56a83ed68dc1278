"The part-segmentation training notebook under papermill with tiny parameters, on the synthetic data and on CUB50 class 1."
import json
from conftest import run_papermill

TINY = dict(res=32, width=8, feat_dim=16, steps=2, batch=4, eval_n=16, perceptual='l1', progress=False)


def test_train_partseg_synthetic_tiny(tmp_path):
    runs = tmp_path / 'runs'
    run_papermill('train_partseg.ipynb', tmp_path, run_root=str(runs), **TINY)
    (run,) = list(runs.iterdir())
    m = json.loads((run / 'metrics.json').read_text())
    assert m['train']['steps'] == 2 and m['route'] == 'parts' and 0 <= m['nmi'] <= 1
    assert set(m['landmarks']['held_out']) == {'model', 'constant', 'random_centres', 'untrained_network'} == set(m['landmarks']['as_released']) == set(m['landmarks']['held_out_cv'])
    assert {'bg_area', 'part1_area', 'blobs'} <= set(m['health']) and 0 <= m['segmentation']['iou_mean'] <= 1
    for f in ('tps_pairs.png', 'reconstructions.png', 'losses.png', 'health.png', 'eval_predictions.png', 'ckpt-00000002.pt'):
        assert (run / f).exists(), f


def test_train_partseg_cub_class_protocol(tmp_path):
    runs = tmp_path / 'runs'
    run_papermill('train_partseg.ipynb', tmp_path, run_root=str(runs), dataset='cub', classes=[1], protocol='bbox1.5', **TINY)
    (run,) = list(runs.iterdir())
    m = json.loads((run / 'metrics.json').read_text())
    assert m['train']['classes'] == [1] and m['train']['crop'] == 'bbox1.5' and 'model' in m['landmarks']['held_out']
    assert m['protocol']['eval_split'] == 'test' and m['protocol']['reg_split'] == 'train' and m['segmentation'] is None


def test_reevaluate_reproduces_a_partseg_run(tmp_path):
    "bench/reevaluate.py, from the saved weights alone, gives the numbers the notebook's own evaluation gave; --centres mass gives its mass table."
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'bench'))
    from reevaluate import reevaluate
    runs = tmp_path / 'runs'
    run_papermill('train_partseg.ipynb', tmp_path, run_root=str(runs), dataset='cub', classes=[1], protocol='bbox1.5', **TINY)
    (run,) = list(runs.iterdir())
    m = json.loads((run / 'metrics.json').read_text())
    assert m['landmark_centres'] == 'released' and set(m['landmarks_mass']['held_out']) == set(m['landmarks']['held_out'])
    again = reevaluate(run).to_dict()
    assert again['landmarks'] == m['landmarks'] and again['train'] == m['train'] and again['health'] == m['health']
    assert json.loads((run / 'metrics-before-reevaluate.json').read_text()) == m
    mass = reevaluate(run, centres='mass').to_dict()
    assert mass['landmark_centres'] == 'mass' and mass['landmarks'] == m['landmarks_mass'] and mass['landmarks_mass'] == {}
