"Shared fixtures: the repository root, the shared data, and a papermill runner."
import os, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path: sys.path.insert(0, str(ROOT))
os.environ.setdefault('MPLBACKEND', 'Agg')


@pytest.fixture(scope='session')
def root(): return ROOT


@pytest.fixture(scope='session')
def data():
    from unseg.data.folders import shared_data_root
    d = shared_data_root()
    if d is None: pytest.fail('shared/data not found beside the repository: set UNSEG_DATA to its path')
    return d


# Seconds before a notebook run counts as hung: per cell (papermill's own timeout) and for the whole run (a hang outside a cell,
# in the client or at kernel start or shutdown). The tiny runs take seconds to about a minute; these are guards, not budgets.
CELL_TIMEOUT, RUN_TIMEOUT = 600, 900


def _kill_tree(pid: int):
    "Kill a process and everything under it (papermill's kernel runs in its own session, so a process group would miss it)."
    import psutil
    try: procs = psutil.Process(pid).children(recursive=True) + [psutil.Process(pid)]
    except psutil.NoSuchProcess: return
    for q in procs:
        try: q.kill()
        except psutil.NoSuchProcess: pass
    psutil.wait_procs(procs, timeout=10)


def _cell_error(nb):
    "(index, cell, output) of the first code cell whose outputs hold an error, or None."
    for i, c in enumerate(nb.cells):
        for o in c.get('outputs', []) if c.cell_type == 'code' else []:
            if o.get('output_type') == 'error': return i, c, o
    return None


def run_papermill(nb: str, dest: Path, **params):
    """Execute nbs/<nb> (or the notebook at an absolute path) with papermill (kernel python3, cwd nbs/) in a child process
    and return the executed notebook. A failing cell raises papermill's `PapermillExecutionError`, as an in-process run would. A run that hangs (twice in sixteen
    sessions a full `make test` beside training runs stalled with an idle kernel; it never recurred alone) is killed with its
    kernel after CELL_TIMEOUT / RUN_TIMEOUT seconds and run once more, with a warning; a second hang fails the test."""
    import subprocess, warnings, nbformat, yaml
    from papermill.exceptions import PapermillExecutionError
    src = Path(nb) if Path(nb).is_absolute() else ROOT / 'nbs' / nb
    out, pfile = Path(dest) / src.name, Path(dest) / f'{src.stem}.params.yaml'
    Path(dest).mkdir(parents=True, exist_ok=True); pfile.write_text(yaml.safe_dump(params))
    env = dict(os.environ)
    if str(ROOT) not in env.get('PYTHONPATH', '').split(os.pathsep):
        env['PYTHONPATH'] = os.pathsep.join([str(ROOT), env.get('PYTHONPATH', '')]).rstrip(os.pathsep)
    cmd = [sys.executable, '-m', 'papermill', str(src), str(out), '-f', str(pfile), '-k', 'python3',
           '--cwd', str(ROOT / 'nbs'), '--no-progress-bar', '--execution-timeout', str(CELL_TIMEOUT)]
    for attempt in (1, 2):
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            log, _ = p.communicate(timeout=RUN_TIMEOUT); hung = None
        except subprocess.TimeoutExpired:
            _kill_tree(p.pid); log, _ = p.communicate(); hung = f'no end after {RUN_TIMEOUT} s'
        if p.returncode and hung is None and ('CellTimeoutError' in log or 'DeadKernelError' in log):
            hung = f'a cell over {CELL_TIMEOUT} s or a dead kernel'
        if hung is None: break
        if attempt == 2: pytest.fail(f'{nb} hung twice ({hung}); the last lines of papermill:\n{log[-3000:]}')
        warnings.warn(f'{nb} hung ({hung}); killed with its kernel and run once more')
    if p.returncode == 0: return nbformat.read(out, as_version=4)
    err = _cell_error(nbformat.read(out, as_version=4)) if out.exists() else None
    if err is None: raise RuntimeError(f'papermill failed on {nb} before any cell raised:\n{log[-3000:]}')
    i, c, o = err
    raise PapermillExecutionError(i, c.get('execution_count'), c.source, o.get('ename'), o.get('evalue'), o.get('traceback', []))
