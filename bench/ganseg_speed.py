"""GANSeg training speed (steps per second: D, Dreg every gp_every, G) at 32, 64 and 128 px.

    python bench/ganseg_speed.py [--batch 16] [--steps 5] [--res 32 64 128]

Default width: the CPU notebook defaults (ch 32, SPADE convs 32, start 8 px); paper width: ch 64, emb 64, D width 64,
SPADE convs 128 (released code), start 32 px with two blocks there (appendix B.4). Timed over --steps steps after two warm-up steps."""
import argparse, time
import torch
from unseg.ganseg.model import GANSegConfig
from unseg.ganseg.train import build_ganseg, ganseg_phases
from unseg.data.synthetic import SyntheticShapes

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--batch', type=int, default=16)
p.add_argument('--steps', type=int, default=5)
p.add_argument('--res', type=int, nargs='+', default=[32, 64, 128])
a = p.parse_args()
dev = 'cuda' if torch.cuda.is_available() else 'cpu'
print(f'torch {torch.__version__} on {dev}, {torch.get_num_threads()} threads, batch {a.batch}')
print(f"{'res':>4s} {'width':8s} {'G params':>9s} {'steps/s':>8s}")
for res in a.res:
    for name, kw in (('default', dict(ch=32, emb_dim=32, d_ch=32, start_res=min(8, res))),
                     ('paper', dict(ch=64, emb_dim=64, d_ch=64, spade_hidden=128, start_res=min(32, res), n_start_blocks=2, margin=10))):
        cfg = GANSegConfig(res=res, gp_every=4, **kw)
        G, D, ema = build_ganseg(cfg, dev)
        phases = ganseg_phases(G, D, cfg, ema)
        b = SyntheticShapes(res=res).batch(range(a.batch))
        b = b._replace(image=b.image.to(dev))
        for i in range(a.steps + 2):
            if i == 2:
                if dev == 'cuda': torch.cuda.synchronize()
                t = time.perf_counter()
            for ph in phases:
                if i % ph.interval: continue
                ph.opt.zero_grad(); ph.fn(b, i)['loss'].backward(); ph.opt.step()
        if dev == 'cuda': torch.cuda.synchronize()
        sps = a.steps / (time.perf_counter() - t)
        print(f"{res:4d} {name:8s} {sum(p.numel() for p in G.parameters()) / 1e6:8.2f}M {sps:8.2f}", flush=True)
