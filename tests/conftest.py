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


def run_papermill(nb: str, dest: Path, **params):
    "Execute nbs/<nb> with papermill (kernel python3, cwd nbs/) and return the executed notebook."
    import papermill as pm
    env_pp = os.environ.get('PYTHONPATH', '')
    if str(ROOT) not in env_pp.split(os.pathsep): os.environ['PYTHONPATH'] = os.pathsep.join([str(ROOT), env_pp]).rstrip(os.pathsep)
    out = Path(dest) / nb
    return pm.execute_notebook(str(ROOT / 'nbs' / nb), str(out), parameters=params, kernel_name='python3',
                               cwd=str(ROOT / 'nbs'), progress_bar=False,
                               execution_timeout=1200)   # per cell: a hung kernel fails the test instead of stalling the suite
