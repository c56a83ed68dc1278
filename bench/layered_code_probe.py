"""Can the layered generator's private code be recovered at all? G and the recovery heads trained on the improved GAN's two
MI terms alone (no adversarial loss), batch 16, 32 px: prints −log E_x(c | x) / −log E_π(c | π) every 50 steps (chance log 8 = 2.08).
docs/layered section 10.      python bench/layered_code_probe.py [STEPS] [SEEDS]     (about 1 CPU-minute per 150 steps and setting)"""
import sys, torch
from unseg.layered.model import LayeredConfig
from unseg.layered.train import LayeredModels, preset
from unseg.layered.private_code import code_nll

def probe(arch: str, code_map: str, seed: int, steps: int) -> str:
    torch.manual_seed(seed)
    M = LayeredModels(LayeredConfig(res=32, d_c=8, arch=arch, code_map=code_map, margin=4, bg_down=4), preset('ils', d_head='fc'))
    oD = torch.optim.Adam([*M.D.parameters(), *M.E_x.parameters(), *M.E_pi.parameters()], 8e-4, betas=(0.5, 0.9))
    oG = torch.optim.Adam(M.G.parameters(), 2e-4, betas=(0.5, 0.9))
    nll = lambda o, c: (code_nll(M.E_x(M.D.features(o[0])), c), code_nll(M.E_pi(o[1]), c))
    out = []
    for s in range(steps):
        z, c = M.G.codes(16); o = M.G(z, c)
        oD.zero_grad(); sum(nll((o.image.detach(), o.mask.detach()), c)).backward(); oD.step()
        z, c = M.G.codes(16); o = M.G(z, c); lx, lp = nll((o.image, o.mask), c)
        oG.zero_grad(); (lx + lp).backward(); oG.step()
        if s % 50 == 49: out.append(f'{s + 1}: {lx.item():.3f} / {lp.item():.3f}')
    return '  '.join(out)

if __name__ == '__main__':
    steps, seeds = (int(sys.argv[1]) if len(sys.argv) > 1 else 150), (int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    for arch, cm in (('style', 'concat'), ('style', 'embed'), ('dcgan', 'embed')):
        for seed in range(seeds): print(f'{arch:5s} code_map={cm:6s} seed {seed}:', probe(arch, cm, seed, steps), flush=True)
