"""What each layer of a `bg_render='own'` / `'own-hard'` part autoencoder draws (issue 14's horses and synthetic level).

    python bench/partseg_layers.py runs/s13/00000-ps-weiz-bgown --out docs/partseg/weizmann-bgown-1000-layers.jpg

Reads the run's config.json and last checkpoint and, for the first `--n` evaluation images of its dataset (no warp: each image
gives its own appearance), draws: the image; B(f_0), the background renderer's image from the image's own background vector;
B(f_0) from the previous image's vector (if it drew the same picture, f_0 would carry nothing of the image; if it drew this
image's object, f_0 would carry its shape); D(parts), the parts' decoder's image over the whole frame; and S_0 upsampled as the
composite uses it. It prints the quantiles of S_0 and the share of map pixels with 0.2 < S_0 < 0.8, where a soft composite
lets the parts' image through. Nothing is trained; ground truth is not read."""
import argparse, sys
from pathlib import Path
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1])); sys.path.insert(0, str(Path(__file__).resolve().parent))
from unseg.partseg.bottleneck import squeeze
from reevaluate import load_partseg_run, run_eval_batch


@torch.no_grad()
def layers(model, x: torch.Tensor) -> dict:
    "The composite's pieces (`PartSegModel.layers`) for images x, each its own appearance; 'image' is the model's own render."
    if model.cfg.bg_render == 'shared':
        raise ValueError("partseg_layers: the run has bg_render 'shared' (one decoder draws every pixel): there are no layers to show")
    model.eval()
    S = model.parts(x); Fp = squeeze(S, model.app_enc(x))
    L = model.layers(Fp, S)
    return {'S': S, 'fg': L['fg'], 'bg': L['bg'], 'bg_other': model.bg_renderer(Fp[:, 0].roll(1, 0), S.shape[-2:], x.shape[-2:]),
            'S0_up': L['alpha'], 'image': model.render(Fp, S)}


def main(argv=None):
    from unseg.core import to_01
    from unseg.viz import show_grid
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('run'); p.add_argument('--n', type=int, default=6); p.add_argument('--out', default='')
    a = p.parse_args(argv)
    model, cfg = load_partseg_run(Path(a.run))
    x = run_eval_batch(cfg, model.cfg.res).image[:a.n]
    L = layers(model, x)
    s0 = L['S'][:, 0]
    print('S0 quantiles 10/25/50/75/90%:', [round(v, 3) for v in torch.quantile(s0.flatten(), torch.tensor([.1, .25, .5, .75, .9])).tolist()])
    print('share of map pixels with 0.2 < S0 < 0.8:', round(((s0 > 0.2) & (s0 < 0.8)).float().mean().item(), 3))
    out = Path(a.out or Path(a.run) / 'layers.png')
    show_grid([[to_01(i) for i in x], [to_01(i) for i in L['bg']], [to_01(i) for i in L['bg_other']], [to_01(i) for i in L['fg']],
               [i.repeat(3, 1, 1) for i in L['S0_up']]],
              ['image', 'B(f0)', 'B(f0 of the previous image)', 'D(parts)', 'S0 upsampled'], title=f"bg_render {model.cfg.bg_render}",
              path=out)
    print('figure:', out)
    return L


if __name__ == '__main__':
    main()
