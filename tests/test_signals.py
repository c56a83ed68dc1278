"Stopping a training notebook: SIGTERM to its kernel writes a checkpoint and stops the notebook with the resume command, and the run resumes."
import json, os, signal, subprocess, sys, time
from pathlib import Path
from conftest import run_papermill

ROOT = Path(__file__).resolve().parents[1]
TINY = ['-p', 'res', '16', '-p', 'start_res', '8', '-p', 'ch', '8', '-p', 'emb_dim', '8', '-p', 'd_ch', '8', '-p', 'batch', '4',
        '-p', 'seg_steps', '2', '-p', 'seg_batch', '4', '-p', 'eval_n', '16', '-p', 'progress', 'False']

def _catches_sigterm(pid: int) -> bool:
    "True once the process has a SIGTERM handler installed (the Trainer's, during fit)."
    try: line = next(l for l in Path(f'/proc/{pid}/status').read_text().splitlines() if l.startswith('SigCgt:'))
    except (OSError, StopIteration): return False
    return bool(int(line.split()[1], 16) >> (signal.SIGTERM - 1) & 1)

def test_sigterm_to_the_kernel_checkpoints_stops_and_resumes(tmp_path):
    runs = tmp_path / 'runs'
    p = subprocess.Popen([sys.executable, '-m', 'papermill', str(ROOT / 'nbs/train_ganseg.ipynb'), str(tmp_path / 'out.ipynb'), '--execution-timeout', '1200',
                          *TINY, '-p', 'steps', '100000', '-p', 'run_root', str(runs)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 600                    # a state to wait for, not a timing: the kernel inside Trainer.fit
        kernel = None
        while time.monotonic() < deadline and p.poll() is None:
            kids = subprocess.run(['pgrep', '-P', str(p.pid)], capture_output=True, text=True).stdout.split()
            kernel = next((int(k) for k in kids if _catches_sigterm(int(k))), None)
            if kernel: break
            time.sleep(0.5)
        assert kernel, 'the kernel never reached the training loop'
        os.kill(kernel, signal.SIGTERM)
        out, _ = p.communicate(timeout=600)
    finally:
        if p.poll() is None: p.kill()
    assert p.returncode != 0 and 'TrainingStopped' in out and '-p resume latest' in out, out[-2000:]
    (run,) = list(runs.iterdir())
    ckpts = sorted(run.glob('ckpt-*.pt'))
    assert ckpts and not (run / 'metrics.json').exists()             # a checkpoint, and nothing evaluated half-trained
    step = int(ckpts[-1].stem.split('-')[1])
    run_papermill('train_ganseg.ipynb', tmp_path, run_root=str(runs), resume='latest', res=16, start_res=8, ch=8, emb_dim=8, d_ch=8,
                  batch=4, seg_steps=2, seg_batch=4, eval_n=16, progress=False, steps=step + 2)
    assert json.loads((run / 'metrics.json').read_text())['train']['gan_steps'] == step + 2
