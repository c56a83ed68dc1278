"""A tiny training run used by the tests: `python tests/_tiny_run.py RUN_DIR STEPS [--sleep S]`.

Under torchrun it trains with DistributedDataParallel (gloo on CPU) and each rank writes the sum of
its parameters to RUN_DIR/rank<r>.txt."""
import argparse, os, sys, time
from pathlib import Path
import torch, torch.nn as nn
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from unseg.core import seed_everything
from unseg.train import Trainer, Phase, LoopConfig, StepBatches, init_distributed, ddp

p = argparse.ArgumentParser()
p.add_argument('run_dir'); p.add_argument('steps', type=int); p.add_argument('--sleep', type=float, default=0.0)
a = p.parse_args()
rank, world, device = init_distributed()
seed_everything(0)
model = nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 1))
net = ddp(model, device)
data = [(torch.randn(4, generator=torch.Generator().manual_seed(i)),) for i in range(64)]
class DS:
    def __len__(self): return len(data)
    def batch(self, idx):
        x = torch.stack([data[i][0] for i in idx]); return x, x.sum(1, keepdim=True).sin()
opt = torch.optim.SGD(net.parameters(), 0.05)
def step(batch, s):
    if a.sleep: time.sleep(a.sleep)
    x, y = batch; return {'loss': (net(x) - y).pow(2).mean()}
tr = Trainer({'net': net}, [Phase('fit', step, opt, [net])], StepBatches(DS(), 8, seed=0, rank=rank, world=world),
             LoopConfig(steps=a.steps, ckpt_every=1000, log_every=1, progress=False), Path(a.run_dir), {'steps': a.steps}, rank=rank)
print('started', flush=True)
tr.fit()
print(tr.status, flush=True)
Path(a.run_dir, f'rank{rank}.txt').write_text(repr([float(t.double().sum()) for t in model.state_dict().values()]))
if world > 1:
    import torch.distributed as dist; dist.destroy_process_group()
