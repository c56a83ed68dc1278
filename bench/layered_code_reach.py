"""Where does a layered generator's private code still show? For one checkpoint of a layered run (G frozen), fresh
classifiers are trained to read the code c from D's pooled features (D frozen), from the composite image, from the mask
and from the foreground layer; each gets 300 steps on 64 new samples a step and is scored on 512 new samples
(chance 1 / d_c). Also prints the run's own E_x and E_π on those samples. docs/layered section 16.

    python bench/layered_code_reach.py runs/s5/00002-elgan-pg-mistart-nosuper-s0 1500     # that step's checkpoint
    python bench/layered_code_reach.py runs/s5/00002-elgan-pg-mistart-nosuper-s0 0        # 0: fresh G and D of the run's config

About 2 CPU-minutes with one thread.
"""
import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT)); sys.path.insert(0, str(ROOT / 'bench'))

import torch
import torch.nn as nn
import torch.nn.functional as F
from unseg.layered.model import LayeredConfig
from unseg.layered.train import LayeredModels, LayeredTrainConfig, perturbed_composite
from unseg.layered.private_code import CodeHead


def small_conv(cin: int, d_c: int) -> nn.Module:
    return nn.Sequential(nn.Conv2d(cin, 32, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                         nn.Conv2d(64, 128, 4, 2, 1), nn.LeakyReLU(0.2), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(128, d_c))


def main(run: Path, step: int, steps: int = 300, seed: int = 1):
    cfg = json.loads((run / 'config.json').read_text())
    gcfg, tcfg = LayeredConfig(**cfg['generator']), LayeredTrainConfig(**cfg['train'])
    if not gcfg.d_c or gcfg.code_kind != 'categorical': sys.exit(f'{run}: this run has no categorical private code')
    if step:
        from layered_curve import load_generator              # the run's models at that checkpoint
        if not (run / f'ckpt-{step:08d}.pt').exists(): sys.exit(f'{run}: no checkpoint ckpt-{step:08d}.pt')
        M = load_generator(run, step)[0]
    else: M = LayeredModels(gcfg, tcfg)
    M.eval().requires_grad_(False)
    torch.manual_seed(seed)

    def draw(n):
        z, c = M.G.codes(n)
        with torch.no_grad(): o = M.G(z, c); x = perturbed_composite(o, tcfg)
        return dict(features=M.D.features(x), image=x, mask=o.mask, foreground=o.fg), c.argmax(1)

    v, y = draw(512)
    with torch.no_grad():
        print(f"{run.name} step {step}: the run's E_x {(M.E_x(v['features']).argmax(1) == y).float().mean():.3f}, "
              f"E_pi {(M.E_pi(v['mask']).argmax(1) == y).float().mean():.3f} (chance {1 / gcfg.d_c:.3f})")
    for name in ('features', 'image', 'mask', 'foreground'):
        net = CodeHead(M.D.out_ch, gcfg.d_c) if name == 'features' else small_conv(v[name].shape[1], gcfg.d_c)
        opt = torch.optim.Adam(net.parameters(), 1e-3)
        for _ in range(steps):
            b, t = draw(64)
            loss = F.cross_entropy(net(b[name]), t); opt.zero_grad(); loss.backward(); opt.step()
        with torch.no_grad(): acc = (net(v[name]).argmax(1) == y).float().mean()
        print(f'  a fresh classifier on the {name}: accuracy {acc:.3f} on 512 new samples', flush=True)


if __name__ == '__main__':
    if len(sys.argv) != 3: sys.exit(__doc__)
    main(Path(sys.argv[1]), int(sys.argv[2]))
