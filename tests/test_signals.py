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

def _kernel_in_fit(p: subprocess.Popen, wait_s: float = 600):
    "The pid of papermill's kernel once it is inside Trainer.fit (a state to wait for, not a timing), or None if it never gets there."
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and p.poll() is None:
        kids = subprocess.run(['pgrep', '-P', str(p.pid)], capture_output=True, text=True).stdout.split()
        kernel = next((int(k) for k in kids if _catches_sigterm(int(k))), None)
        if kernel: return kernel
        time.sleep(0.5)
    return None

def test_sigterm_to_the_kernel_checkpoints_stops_and_resumes(tmp_path):
    runs = tmp_path / 'runs'
    p = subprocess.Popen([sys.executable, '-m', 'papermill', str(ROOT / 'nbs/train_ganseg.ipynb'), str(tmp_path / 'out.ipynb'), '--execution-timeout', '1200',
                          *TINY, '-p', 'steps', '100000', '-p', 'run_root', str(runs)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        kernel = _kernel_in_fit(p)
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


def test_parent_poller_stand_in_stops_a_fit_and_waits_for_it():
    "ipykernel's parent poller calls os._exit; the stand-in first sends SIGTERM to a running fit and exits only once it ended."
    import threading, types
    from unseg.train import FITTING, _ExitAfterCheckpoint
    calls = []
    fake = types.SimpleNamespace(getpid=lambda: 4242, kill=lambda pid, sig: calls.append(('kill', pid, sig)),
                                 _exit=lambda code: calls.append(('exit', code, FITTING.is_set())), sep='/')
    ex = _ExitAfterCheckpoint(fake, wait_s=600)
    assert ex.sep == '/'                                            # everything else is the real module's
    ex._exit(1); assert calls == [('exit', 1, False)]               # nothing training: exit at once
    calls.clear(); FITTING.set()
    done = threading.Event()
    def fit_ends():                                                 # the 'fit' ends once it has been asked to stop
        while not calls: pass
        FITTING.clear(); done.set()
    threading.Thread(target=fit_ends, daemon=True).start()
    ex._exit(1)
    assert done.is_set() and calls == [('kill', 4242, signal.SIGTERM), ('exit', 1, False)]


def test_killing_papermill_checkpoints_the_kernel(tmp_path):
    """`kill PID` on papermill (or `timeout`): its kernel, orphaned, writes a checkpoint before it ends. Steps here are made
    slower than ipykernel's parent poll (1 s), as real ones are, so that a kernel ended by the poller mid-step would have none."""
    runs = tmp_path / 'runs'
    slow = [*TINY, '-p', 'res', '64', '-p', 'ch', '32', '-p', 'batch', '48', '-p', 'd_ch', '32']     # later -p values win
    p = subprocess.Popen([sys.executable, '-m', 'papermill', str(ROOT / 'nbs/train_ganseg.ipynb'), str(tmp_path / 'out.ipynb'), '--execution-timeout', '1200',
                          *slow, '-p', 'steps', '100000', '-p', 'run_root', str(runs)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    kernel = None
    try:
        kernel = _kernel_in_fit(p)
        assert kernel, 'the kernel never reached the training loop'
        os.kill(p.pid, signal.SIGTERM)                       # papermill itself, not its kernel
        p.communicate(timeout=600)
        deadline = time.monotonic() + 600                    # wait for the orphaned kernel to end
        while time.monotonic() < deadline and Path(f'/proc/{kernel}').exists(): time.sleep(0.2)
        assert not Path(f'/proc/{kernel}').exists(), 'the orphaned kernel did not end'
    finally:
        if p.poll() is None: p.kill()
        if kernel and Path(f'/proc/{kernel}').exists(): os.kill(kernel, signal.SIGKILL)
    (run,) = list(runs.iterdir())
    ckpts = sorted(run.glob('ckpt-*.pt'))
    assert ckpts, 'no checkpoint: the kernel ended without saving'
    import torch
    assert torch.load(ckpts[-1], map_location='cpu', weights_only=False)['step'] > 0
