"""PerturbGAN's two routes to real masks on the same trained generator (issue 13, item 3): the U-Net trained on the
generator's samples (the route every entry reports) against the inversion encoder of §3.3, G(E(x)).mask.

    python bench/invert_compare.py runs/bench-suite/00011-perturbgan-cpu-indep3k-synthetic_easy-s0 [more run folders] \
        [--steps 1000] [--batch 32] [--out docs/layered/invert.json]

For each finished layered run: the EMA generator and D of its last checkpoint, frozen; the encoder is trained for --steps
on the run's **training** images (unlabelled, as the paper trains it), with PerturbGAN eq. 7 (L1 + D-feature distance),
then scored on the same 256 evaluation images as the run's segmenter. The segmenter's IoU is read from the run's
metrics.json, not recomputed. One thread is enough: the encoder is small.
"""
import argparse, json, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load_run(run_dir: Path):
    "LayeredModels of a finished run, its EMA generator (frozen) and its config."
    import torch
    from unseg.layered.model import LayeredConfig, LayeredGenerator
    from unseg.layered.train import LayeredModels, LayeredTrainConfig
    from unseg.train import list_checkpoints
    cfg = json.loads((run_dir / 'config.json').read_text())
    ck = list_checkpoints(run_dir)
    if not ck: raise FileNotFoundError(f'{run_dir}: no checkpoint (ckpt-*.pt)')
    state = torch.load(ck[-1], map_location='cpu', weights_only=False)['models']
    gcfg, tcfg = LayeredConfig(**cfg['generator']), LayeredTrainConfig(**cfg['train'])
    M = LayeredModels(gcfg, tcfg)
    M.G.load_state_dict(state['G']); M.D.load_state_dict(state['D'])
    G = LayeredGenerator(gcfg)
    if 'G_ema' in state:                                   # the EMA copy, as the run's segmenter saw it
        G.load_state_dict({k[len('module.'):]: v for k, v in state['G_ema'].items() if k.startswith('module.')})
    else: G.load_state_dict(state['G'])
    return M, G.eval(), cfg


def compare(run_dir: Path, steps: int, batch: int) -> dict:
    import torch
    from unseg.data.folders import get_dataset
    from unseg.evaluate import protocol_for, eval_dataset
    from unseg.layered.invert import train_inversion, invert_masks
    from unseg.metrics import seg_scores
    run_dir = Path(run_dir)
    M, G, cfg = load_run(run_dir)
    seed, ds, res = cfg['seed'], cfg['dataset'], cfg['res']
    train_set = get_dataset(ds, '', res, split='train', seed=seed)
    t0 = time.perf_counter()
    E = train_inversion(G, M.D, train_set, steps=steps, batch=batch, seed=seed)
    secs = time.perf_counter() - t0
    ev = eval_dataset(protocol_for(ds, cfg.get('eval_n', 256)), '', res, seed)
    eb = ev.batch(range(len(ev)))
    inv = seg_scores(invert_masks(G, E, eb.image), eb.fg)
    old = json.loads((run_dir / 'metrics.json').read_text())
    return dict(run=str(run_dir), method=cfg['method'],
                dataset=ds, seed=seed, segmenter_iou=old['segmentation']['iou_mean'], inversion_iou=inv['iou_mean'],
                ellipse=old['baselines']['centred_ellipse']['iou_mean'], grabcut=old['baselines'].get('grabcut', {}).get('iou_mean'),
                invert_steps=steps, invert_seconds=round(secs))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('runs', nargs='+', type=Path)
    ap.add_argument('--steps', type=int, default=1000)
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--out', type=Path, default=None, help='write the rows as JSON here')
    a = ap.parse_args(argv)
    for r in a.runs:
        if not (r / 'config.json').exists() or not (r / 'metrics.json').exists():
            ap.error(f'{r}: not a finished run folder (config.json and metrics.json are needed)')
    rows = []
    for r in a.runs:
        row = compare(r, a.steps, a.batch); rows.append(row)
        print(f"{row['run']}: segmenter {row['segmenter_iou']:.3f}, inversion {row['inversion_iou']:.3f} "
              f"({row['invert_steps']} steps, {row['invert_seconds']} s); ellipse {row['ellipse']:.3f}", flush=True)
    if a.out: a.out.parent.mkdir(parents=True, exist_ok=True); a.out.write_text(json.dumps(rows, indent=1) + '\n')


if __name__ == '__main__':
    main()
