"The papermill runner every notebook test uses: a hung run is killed with its kernel and run once more; cell errors surface as papermill's."
import warnings
import nbformat, psutil, pytest
from papermill.exceptions import PapermillExecutionError
import conftest
from conftest import run_papermill


def _notebook(path, source):
    nb = nbformat.v4.new_notebook(metadata={'kernelspec': {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'},
                                            'language_info': {'name': 'python'}})
    nb.cells = [nbformat.v4.new_code_cell('flag = ""', metadata={'tags': ['parameters']}), nbformat.v4.new_code_cell(source)]
    nbformat.write(nb, path); return path


@pytest.mark.parametrize('guard,hung', [('RUN_TIMEOUT', 'no end after 40 s'), ('CELL_TIMEOUT', 'a cell over 40 s or a dead kernel')])
def test_a_hung_run_is_killed_and_run_again(tmp_path, monkeypatch, guard, hung):
    """The first run sleeps far past the guard (a hang: the whole run's, or papermill's per cell); the second finds the flag it
    left and ends: one warning, no kernel left over."""
    monkeypatch.setattr(conftest, guard, 40)
    src = _notebook(tmp_path / 'hang.ipynb', 'import pathlib, time\nf = pathlib.Path(flag)\nif not f.exists():\n    f.touch(); time.sleep(3600)\nprint("second run")')
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        nb = run_papermill(str(src), tmp_path / 'out', flag=str(tmp_path / 'flag'))
    assert [str(x.message) for x in w if 'hung' in str(x.message)] == [f'{src} hung ({hung}); killed with its kernel and run once more']
    assert 'second run' in nb.cells[-1].outputs[0]['text']
    left = {p.pid for p in psutil.Process().children(recursive=True)} - before
    assert not left, f'processes left running: {left}'


def test_a_cell_error_is_papermills_error(tmp_path):
    src = _notebook(tmp_path / 'bad.ipynb', 'raise ValueError(f"`flag` must not be {flag!r}")')
    with pytest.raises(PapermillExecutionError) as e:
        run_papermill(str(src), tmp_path / 'out', flag='x')
    assert e.value.ename == 'ValueError' and "`flag` must not be 'x'" in str(e.value)
