"Test fixtures for tests/: a minimal DCGAN pair and its phases (not part of the package; nbs/40_train.ipynb has the same for its own tests)."
import math
from typing import Optional
import torch
import torch.nn as nn
import torch.nn.functional as F
from unseg.train import EMA, Phase


def tiny_dcgan(res: int = 16, z_dim: int = 32, ch: int = 32):
    "A minimal DCGAN pair (G, D) for testing the harness."
    n_up = int(math.log2(res // 4))
    G = nn.Sequential(nn.Linear(z_dim, ch * 4 * 16), nn.Unflatten(1, (ch * 4, 4, 4)),
                      *[m for i in range(n_up) for m in (nn.Upsample(scale_factor=2), nn.Conv2d(ch * 4 if i == 0 else ch, ch, 3, padding=1),
                                                          nn.BatchNorm2d(ch), nn.LeakyReLU(0.2))],
                      nn.Conv2d(ch, 3, 3, padding=1), nn.Tanh())
    D = nn.Sequential(*[m for i in range(n_up) for m in (nn.Conv2d(3 if i == 0 else ch, ch, 4, 2, 1), nn.LeakyReLU(0.2))],
                      nn.Flatten(), nn.Linear(ch * 16, 1))
    return G, D


def tiny_gan_phases(G, D, z_dim: int = 32, lr: float = 2e-4, ema: Optional[EMA] = None):
    "Non-saturating GAN phases for `tiny_dcgan`."
    optG, optD = torch.optim.Adam(G.parameters(), lr, betas=(0.5, 0.99)), torch.optim.Adam(D.parameters(), lr, betas=(0.5, 0.99))

    def d_step(batch, step):
        real = batch.image; fake = G(torch.randn(len(real), z_dim)).detach()
        lr_, lf = F.softplus(-D(real)).mean(), F.softplus(D(fake)).mean()
        return {'loss': lr_ + lf, 'real': lr_, 'fake': lf}

    def g_step(batch, step):
        return {'loss': F.softplus(-D(G(torch.randn(len(batch.image), z_dim)))).mean()}
    return [Phase('D', d_step, optD, [D]), Phase('G', g_step, optG, [G], ema=ema, ema_of=G)]
