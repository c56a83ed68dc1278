"The data-and-metrics tour runs under papermill with tiny parameters and writes its figures and scores."
import json
from conftest import run_papermill


def test_tour_runs_with_tiny_parameters(tmp_path):
    out = tmp_path / 'tour'
    run_papermill('tour_data.ipynb', tmp_path, res=32, n_show=3, baseline_res=32, grabcut=False,
                  n_landmark=60, out_dir=str(out))
    scores = json.loads((out / 'tour_scores.json').read_text())
    assert abs(scores['weizmann_baselines']['all foreground']['iou_mean'] - 0.252) < 0.01
    lm = scores['synthetic_landmarks']
    assert lm['true part centres'] < lm['random centres'] / 5
    for png in ('synthetic.png', 'weizmann.png', 'cub_squash.png', 'cub_bbox1.5.png'):
        assert (out / png).stat().st_size > 1000


def test_tour_committed_outputs_are_what_it_prints(tmp_path, root, monkeypatch):
    "The tour is committed with its outputs at its defaults: a run at the defaults prints the same (its speed aside)."
    from nb_outputs import text_mismatches
    monkeypatch.delenv('MPLBACKEND', raising=False)   # the kernel draws inline figures, as in Jupyter, not to Agg
    monkeypatch.setenv('OMP_NUM_THREADS', '1')          # one thread, as the outputs were made (make outputs)
    nb = run_papermill('tour_data.ipynb', tmp_path, out_dir=str(tmp_path / 'tour'))
    stored = json.loads((root / 'nbs' / 'tour_data.ipynb').read_text())['cells']
    problems = text_mismatches(stored, nb.cells, volatile=[r'rendering speed at \d+ px: \d+ images/s',
                                                           r'figures and scores in \S+'])
    assert not problems, ('nbs/tour_data.ipynb: the committed outputs are not what it prints now; refresh them with '
                          'make outputs NB=nbs/tour_data.ipynb\n\n' + '\n\n'.join(problems))
