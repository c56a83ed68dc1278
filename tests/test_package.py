"The exported package imports cleanly in a fresh interpreter (catches test code leaking into an exported cell)."
import subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_module_imports_in_a_fresh_process():
    code = ("import pkgutil, importlib, unseg\n"
            "mods = [m.name for m in pkgutil.walk_packages(unseg.__path__, 'unseg.')]\n"
            "[importlib.import_module(m) for m in mods]\n"
            "print(len(mods))")
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    assert int(r.stdout.strip()) >= 15
