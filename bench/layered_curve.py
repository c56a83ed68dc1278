"""Training-health curves of a layered run folder, and the segmenter's IoU at chosen checkpoints (the convergence study
of issue 13). Nothing is trained but the segmenters; the generator is read from the checkpoints.

    python bench/layered_curve.py runs/probe/long-pg-medium                      # curves only
    python bench/layered_curve.py runs/probe/long-pg-medium --eval 2000 6000     # + a U-Net on the EMA generator at those steps
    python bench/layered_curve.py runs/long/00000-long-pg-medium --keep 2000     # beside a training run: keep every 2,000th checkpoint

For each step in --eval the nearest checkpoint at or before it is loaded, a U-Net (the training notebook's segmenter:
width 32, depth 3, batch 16, lr 1e-3) is trained on --seg-steps batches of the EMA generator's samples, and it is scored
by `unseg.evaluate.evaluate` on the dataset's protocol (the synthetic levels: 256 held-out images) beside the floors.
The scores go to <run>/curve.json (kept across calls, one entry per checkpoint, with the health curves), the figure to <run>/curve.png, and
8 EMA samples and the segmenter's predictions to <run>/eval-<step>/."""
import argparse, json, os, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def ckpt_step(c) -> int:
    "The step in a checkpoint's name, ckpt-<step>.pt."
    return int(Path(c).stem.split('-')[1])


def health_curves(run: Path) -> dict:
    "{key: ([steps], [values])} of every health/<key> logged in the run's stats.jsonl."
    from unseg.train import read_stats
    out = {}
    for s in read_stats(run):
        for k, v in s.items():
            if k.startswith('health/'): out.setdefault(k[7:], ([], []))[0].append(s['step']); out[k[7:]][1].append(v)
    return out


def load_generator(run: Path, step: int):
    "The run's models at the last checkpoint at or before `step`: (LayeredModels, the EMA generator, the checkpoint's step)."
    import torch
    from unseg.layered.model import LayeredConfig
    from unseg.layered.train import LayeredTrainConfig, build_layered_method
    from unseg.train import list_checkpoints, load_checkpoint
    cfg = json.loads((run / 'config.json').read_text())
    # kept/: hard links to checkpoints the run itself has since rotated out (`--keep` below)
    ck = sorted((c for c in list_checkpoints(run) + list_checkpoints(run / 'kept') if ckpt_step(c) <= step), key=ckpt_step)
    if not ck: raise FileNotFoundError(f'{run}: no checkpoint at or before step {step}')
    state = load_checkpoint(ck[-1])
    built = build_layered_method(LayeredConfig(**(cfg.get('layered') or cfg['generator'])), LayeredTrainConfig(**cfg['train'])).build(None, torch.device('cpu'))
    for k, m in built.models.items():
        m.load_state_dict(state['models'][k])
    return built.extra['M'], built.show.eval(), state['step']


def score(run: Path, step: int, dataset: str, seg_steps: int, seed: int = 0) -> dict:
    import torch
    from unseg.core import seed_everything
    from unseg.evaluate import evaluate, protocol_for, mask_health
    from unseg.segment import SegmenterConfig, train_segmenter, predict
    _, G, at = load_generator(run, step)
    t = time.time()
    net = train_segmenter(G, SegmenterConfig(kind='unet', mode='fg', steps=seg_steps, batch=16, lr=1e-3, seed=seed), None, 'cpu', progress=False)
    seed_everything(seed)
    health = mask_health(G.sample(256, torch.Generator().manual_seed(seed)).fg)
    from unseg.viz import show_sample
    import matplotlib.pyplot as plt
    (run / f'eval-{at:06d}').mkdir(exist_ok=True)                 # the EMA generator's samples beside the segmenter's predictions
    with torch.no_grad(): show_sample(G.sample(8, torch.Generator().manual_seed(seed)), title=f'{run.name}, step {at}',
                                      path=run / f'eval-{at:06d}' / 'samples.png')
    plt.close('all')
    rep = evaluate(lambda x: predict(net, x), protocol_for(dataset), 'layered', 'segmenter', res=G.cfg.res, seed=seed,
                   out_dir=run / f'eval-{at:06d}', health=health)
    return {'step': at, 'iou': rep.segmentation['iou_mean'], 'iou_set': rep.segmentation.get('iou_dataset'),
            'baselines': {k: v['iou_mean'] for k, v in rep.baselines.items()}, 'seg_steps': seg_steps,
            'seg_seconds': round(time.time() - t), 'health': health}


def plot(run: Path, curves: dict, evals: list, ref_cover=None):
    import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
    fig, axs = plt.subplots(1, 3, figsize=(15, 3.6))
    for k in ('cover', 'border_cover', 'centre_cover', 'binary'):
        if k in curves: axs[0].plot(*curves[k], label=k)
    if ref_cover is not None: axs[0].axhline(ref_cover, ls='--', c='k', lw=1, label="data's cover")
    axs[0].set_title('mask cover (64 EMA samples)'); axs[0].set_ylim(0, 1); axs[0].legend(fontsize=7)
    for k in ('all_fg', 'all_bg', 'nmi_code'):
        if k in curves: axs[1].plot(*curves[k], label=k)
    axs[1].set_title('collapse fractions, code NMI'); axs[1].set_ylim(0, 1); axs[1].legend(fontsize=7)
    if evals:
        e = sorted(evals, key=lambda d: d['step'])
        axs[2].plot([d['step'] for d in e], [d['iou'] for d in e], 'o-', label='U-Net on samples')
        for name, c in (('all_foreground', 'grey'), ('centred_ellipse', 'orange'), ('grabcut', 'green')):
            if name in e[-1]['baselines']: axs[2].axhline(e[-1]['baselines'][name], ls='--', c=c, lw=1, label=name)
        axs[2].legend(fontsize=7)
    axs[2].set_title('per-image foreground IoU (held-out)'); axs[2].set_ylim(0, 1)
    for a in axs: a.set_xlabel('GAN step')
    fig.suptitle(run.name); fig.tight_layout(); fig.savefig(run / 'curve.png', dpi=80); plt.close(fig)


def keep(run: Path, every: int, poll: float = 60.0, idle: float = 1800.0):
    """Hard-link the run's checkpoints at multiples of `every` steps into run/kept/ as they appear; stop when the run has
    finished (metrics.json) or has written nothing to stats.jsonl for `idle` seconds (it died or was stopped; start the
    keeper again beside the resumed run)."""
    (run / 'kept').mkdir(exist_ok=True)
    stats = run / 'stats.jsonl'
    while True:
        done = (run / 'metrics.json').exists()
        last = stats.stat().st_mtime if stats.exists() else (run / 'kept').stat().st_mtime
        if time.time() - last > idle:
            print(f'{run}: nothing logged for {idle:.0f} s; the keeper stops', flush=True); done = True
        for c in sorted(run.glob('ckpt-*.pt')):
            k = run / 'kept' / c.name
            if ckpt_step(c) % every == 0 and not k.exists():
                try: os.link(c, k); print('kept', k, flush=True)
                except FileNotFoundError: pass              # rotated out between the glob and the link
        if done: return
        time.sleep(poll)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('run', type=Path)
    p.add_argument('--eval', type=int, nargs='*', default=[], help='GAN steps whose checkpoints get a segmenter')
    p.add_argument('--seg-steps', type=int, default=300)
    p.add_argument('--idle', type=float, default=1800, help='with --keep: stop after this many seconds without a line in stats.jsonl')
    p.add_argument('--dataset', default=None, help='protocol to score on (default: the run\'s dataset, from its probe log or synthetic_medium)')
    p.add_argument('--keep', type=int, default=0, help='instead: while the run trains, hard-link each checkpoint at a multiple of '
                   'this many steps into <run>/kept/ (the run keeps only its last 3), until <run>/metrics.json appears')
    a = p.parse_args(argv)
    run = a.run
    if a.keep:
        if a.keep < 0: raise SystemExit(f'--keep must be a positive number of steps, got {a.keep}')
        if not run.is_dir(): raise SystemExit(f'{run}: no such run folder')
        return keep(run, a.keep, idle=a.idle)
    import torch; torch.set_num_threads(1)
    if not (run / 'stats.jsonl').exists(): raise SystemExit(f'{run}: no stats.jsonl (is this a layered run folder?)')
    dataset = a.dataset or json.loads((run / 'config.json').read_text()).get('dataset') or 'synthetic_medium'
    out = run / 'curve.json'
    done = json.loads(out.read_text()) if out.exists() else {'dataset': dataset, 'evals': []}
    for st in a.eval:
        e = score(run, st, dataset, a.seg_steps)
        done['evals'] = [d for d in done['evals'] if d['step'] != e['step']] + [e]
        out.write_text(json.dumps(done, indent=1))
        print(f"step {e['step']}: IoU {e['iou']:.3f} (ellipse {e['baselines'].get('centred_ellipse', float('nan')):.3f}), "
              f"cover {e['health']['cover']:.3f}, {e['seg_seconds']} s")
    from unseg.data.folders import get_dataset
    from unseg.evaluate import data_reference
    ref = data_reference(get_dataset(dataset, '', 32, split='train', seed=0)).get('cover')
    curves = health_curves(run)
    done['health'] = {k: {'steps': st, 'values': [round(v, 4) for v in vs]} for k, (st, vs) in curves.items()}   # curve.json alone redraws the figure
    out.write_text(json.dumps(done, indent=1))
    plot(run, curves, done['evals'], ref)
    print('wrote', run / 'curve.png')


if __name__ == '__main__':
    main()
