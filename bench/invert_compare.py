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
sys.path.insert(0, str(ROOT)); sys.path.insert(0, str(ROOT / 'bench'))


def compare(run_dir: Path, steps: int, batch: int) -> dict:
    import torch
    from unseg.data.folders import get_dataset
    from unseg.evaluate import protocol_for, eval_dataset
    from unseg.layered.invert import train_inversion, invert_masks
    from unseg.metrics import seg_scores
    from layered_curve import load_generator                # the EMA generator and D of the run's last checkpoint
    run_dir = Path(run_dir)
    cfg = json.loads((run_dir / 'config.json').read_text())
    M, G, _ = load_generator(run_dir, cfg['steps'])
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
