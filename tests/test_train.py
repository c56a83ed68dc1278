"Harness properties that need real processes: DDP on two CPU ranks, and SIGTERM writing a checkpoint."
import os, signal, subprocess, sys, time
from pathlib import Path
import torch

HERE = Path(__file__).resolve().parent


def test_ddp_two_cpu_ranks_hold_identical_weights(tmp_path):
    cmd = [sys.executable, '-m', 'torch.distributed.run', '--nproc_per_node', '2', '--master_port', '29533',
           str(HERE / '_tiny_run.py'), str(tmp_path), '6']
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    w0, w1 = (tmp_path / 'rank0.txt').read_text(), (tmp_path / 'rank1.txt').read_text()
    assert w0 == w1
    single = tmp_path / 'single'
    subprocess.run([sys.executable, str(HERE / '_tiny_run.py'), str(single), '6'], check=True, capture_output=True, timeout=300)
    assert (single / 'rank0.txt').read_text() != w0          # the two ranks trained on different shards, and synced
    assert [p.name for p in tmp_path.glob('ckpt-*.pt')] == ['ckpt-00000006.pt']   # rank 0 alone wrote it


def test_sigterm_writes_a_checkpoint_before_exit(tmp_path):
    p = subprocess.Popen([sys.executable, str(HERE / '_tiny_run.py'), str(tmp_path), '100000', '--sleep', '0.01'],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == 'started'
    time.sleep(1.5)
    p.send_signal(signal.SIGTERM)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 0, err
    assert 'stopped by SIGTERM' in out
    ckpts = sorted(tmp_path.glob('ckpt-*.pt'))
    assert len(ckpts) == 1
    step = torch.load(ckpts[0], weights_only=False)['step']
    assert 0 < step < 100000
