"""Every component notebook's own tests, run through nbdev (cells flagged `slow` are skipped); the same run
then checks the notebook's committed text outputs against what its code prints now (see `nb_outputs.py`)."""
import json
from pathlib import Path
import pytest
import nbdev.test
from nbdev.test import test_nb as run_nb   # renamed so pytest does not collect it
from execnb.shell import CaptureShell
from nb_outputs import text_mismatches, has_outputs, TRAINED_TOL

ROOT = Path(__file__).resolve().parents[1]
# notebooks driven by papermill parameters are run with tiny parameters in their own tests instead
PAPERMILL = ('train_', 'tour_', 'explore', 'evaluate', 'results')
NBS = sorted(p for p in (ROOT / 'nbs').glob('*.ipynb') if not p.name.startswith(PAPERMILL))
# component notebooks still committed without outputs (their own asserts run; there is nothing to compare yet)
NO_OUTPUTS_YET = set()
TRAINED = {'24_layered.invert.ipynb', '41_segment.ipynb'}     # print results of short training runs (nb_outputs.TRAINED_TOL)
REFRESH = ('refresh the committed outputs: make outputs NB=nbs/{name} (executes it in place on the CPU, '
           'then nbdev_clean), look at the diff, commit')


class _RecordingShell(CaptureShell):
    "nbdev's notebook shell, except that it keeps the notebook it ran, starts each cell empty and marks the cells it skipped."
    ran = None

    def run_all(self, nb, exc_stop=False, preproc=lambda cell: False, **kwargs):
        for cell in nb.cells:
            if cell.cell_type == 'code': cell.outputs = []   # the shell keeps the committed outputs of a silent cell otherwise

        def _skip(cell):
            cell.skipped_ = bool(preproc(cell))
            return cell.skipped_
        type(self).ran = nb
        return super().run_all(nb, exc_stop=exc_stop, preproc=_skip, **kwargs)


def test_there_are_notebooks():
    assert len(NBS) >= 5, NBS


@pytest.mark.parametrize('nb', NBS, ids=lambda p: p.name)
def test_notebook(nb, monkeypatch):
    monkeypatch.setattr(nbdev.test, 'CaptureShell', _RecordingShell)
    _RecordingShell.ran = None
    import torch
    threads = torch.get_num_threads()
    torch.set_num_threads(1)       # as the outputs were made (make outputs: one thread): more threads sum in another order
    try: ok, secs = run_nb(nb, skip_flags=['slow'], basepath=ROOT)
    finally: torch.set_num_threads(threads)
    assert ok, f'{nb.name} failed (traceback above)'
    ran = _RecordingShell.ran
    if ran is None: return   # nbdev skipped the whole notebook (skip_exec, or not Python)
    stored = json.loads(nb.read_text())['cells']
    if nb.name in NO_OUTPUTS_YET:
        assert not has_outputs(stored), f'{nb.name} has committed outputs now: take it out of NO_OUTPUTS_YET'
        return
    problems = text_mismatches(stored, ran.cells, **(TRAINED_TOL if nb.name in TRAINED else {}))
    assert not problems, (f'{nb.name}: the committed outputs are not what its code prints now; '
                          + REFRESH.format(name=nb.name) + '\n\n' + '\n\n'.join(problems))
