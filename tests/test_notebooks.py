"Every component notebook's own tests, run through nbdev (cells flagged `slow` are skipped)."
from pathlib import Path
import pytest
from nbdev.test import test_nb as run_nb   # renamed so pytest does not collect it

ROOT = Path(__file__).resolve().parents[1]
# notebooks driven by papermill parameters are run with tiny parameters in their own tests instead
PAPERMILL = ('train_', 'tour_', 'explore', 'evaluate', 'results')
NBS = sorted(p for p in (ROOT / 'nbs').glob('*.ipynb') if not p.name.startswith(PAPERMILL))


def test_there_are_notebooks():
    assert len(NBS) >= 5, NBS


@pytest.mark.parametrize('nb', NBS, ids=lambda p: p.name)
def test_notebook(nb):
    ok, secs = run_nb(nb, skip_flags=['slow'], basepath=ROOT)
    assert ok, f'{nb.name} failed (traceback above)'
