"""Does a trained part autoencoder's layout follow the object, or is it one layout for every image? (issue 14's horses)

    python bench/partseg_layout.py runs/bench-suite/00002-partseg-cpu-bg1-weizmann-s0
    python bench/partseg_layout.py RUN --out docs/partseg/layout.png --n 8

Reads the run's config.json and last checkpoint, predicts the part maps of the dataset's evaluation images (`unseg.evaluate`'s
protocol for the run's dataset, at the run's resolution) and prints, per pixel and averaged over the image:
- the across-image standard deviation of the foreground probability 1 − S_0 (the background channel's complement) and of each
  channel; the true masks' own across-image deviation beside it where the data has masks (a layout that moves with the object
  varies about as much as the objects do; a fixed one near 0);
- the share of pixels whose hard label (argmax), and whose hard foreground/background, differs from that pixel's most common one;
- where the data has masks, the foreground IoU per image of the model (1 − S_0, as `unseg.evaluate` scores it) beside that of
  the run's own mean layout (the mean of 1 − S_0 over the images, one fixed mask for all): a model whose layout follows the
  object beats its own mean layout; a fixed layout scores the same.
The figure: images, 1 − S_0, and 1 − S_0 minus its mean over the images. Ground truth is read here only to be printed beside
the model's figures; nothing is trained."""
import argparse, sys
from pathlib import Path
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1])); sys.path.insert(0, str(Path(__file__).resolve().parent))
from unseg.partseg.model import predict_parts
from unseg.metrics import seg_scores
from reevaluate import load_partseg_run, run_eval_batch          # the run folder's model and evaluation data, as reevaluate reads them


def layout_stats(parts: torch.Tensor, fg_true=None) -> dict:
    "N×(K+1)×H×W part maps (channel 0 the background) → the statistics the module docstring lists."
    fg = 1 - parts[:, 0]
    hard = parts.argmax(1)
    hard_fg = hard > 0
    out = {'fg_std_across_images': fg.std(0).mean().item(),
           'channel_std_across_images': [round(parts[:, k].std(0).mean().item(), 3) for k in range(parts.shape[1])],
           'hard_label_differs': (hard != hard.mode(0).values[None]).float().mean().item(),
           'hard_fg_differs': (hard_fg != (hard_fg.float().mean(0) > 0.5)[None]).float().mean().item()}
    if fg_true is not None:
        t = fg_true.bool()
        out['true_fg_std_across_images'] = t.float().std(0).mean().item()
        out['true_fg_differs'] = (t != (t.float().mean(0) > 0.5)[None]).float().mean().item()
        # the control for a layout that moves: the run's own mean layout, one fixed mask for every image, scored the same way
        gt = fg_true.float().reshape(len(fg), 1, *fg.shape[-2:])
        out['iou_model'] = seg_scores(fg[:, None], gt)['iou_mean']
        out['iou_own_mean_layout'] = seg_scores(fg.mean(0, keepdim=True).expand_as(fg)[:, None], gt)['iou_mean']
    return out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('run', type=Path); p.add_argument('--out', type=Path, default=None, help='figure (default RUN/layout.png)')
    p.add_argument('--n', type=int, default=8, help='images in the figure')
    a = p.parse_args(argv)
    torch.set_num_threads(1)
    try: model, conf = load_partseg_run(a.run)
    except (FileNotFoundError, ValueError) as e: p.error(str(e))
    eb = run_eval_batch(conf, model.cfg.res)
    parts = predict_parts(model, eb.image)
    s = layout_stats(parts, eb.fg)
    for k, v in s.items(): print(f'{k}: {v if isinstance(v, list) else round(v, 4)}')
    import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
    fg = 1 - parts[:, 0]; n = min(a.n, len(fg))
    fig, ax = plt.subplots(3, n, figsize=(2 * n, 6.3), squeeze=False)
    for i in range(n):
        r = fg[i] - fg.mean(0); m = max(r.abs().max().item(), 1e-6)
        ax[0, i].imshow((eb.image[i].permute(1, 2, 0) * 0.5 + 0.5).clamp(0, 1)); ax[1, i].imshow(fg[i], vmin=0, vmax=1)
        ax[2, i].imshow(r, cmap='bwr', vmin=-m, vmax=m)
        for j in range(3): ax[j, i].axis('off')
    for j, t in enumerate(['image', '1 − S_0 (foreground probability)', '1 − S_0 minus its mean over the images']):
        ax[j, 0].set_title(t, loc='left', fontsize=9)
    fig.suptitle(f'{a.run.name}: across-image std of 1 − S_0 {s["fg_std_across_images"]:.3f}'
                 + (f' (true masks {s["true_fg_std_across_images"]:.3f})' if 'true_fg_std_across_images' in s else ''))
    out = a.out or a.run / 'layout.png'; out.parent.mkdir(parents=True, exist_ok=True); fig.savefig(out, dpi=60, bbox_inches='tight')
    print(f'figure: {out}')
    return s


if __name__ == '__main__':
    main()
