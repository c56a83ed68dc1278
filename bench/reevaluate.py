"""Score a finished run again with today's evaluator, from its saved weights, without training anything.

    python bench/reevaluate.py runs/bench-suite/00000-ganseg-cub-s0 [--centres released] [--results bench/results.json]

For a run whose metrics.json was written by an earlier evaluator (for instance before the landmark regressor took the
authors' part positions, 2026-12-02). A GAN run is scored through its trained segmenter (its `segmenter/` folder), a
partseg run through its part network (beside the untrained network of the same seed, as the notebook does). Training
figures, health and FID are kept from the old metrics.json, which is kept as metrics-before-reevaluate.json. With
--results, every benchmark entry whose run_dir is this run gets the new metrics.
"""
import argparse, json, shutil, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _last_ckpt(folder: Path) -> Path:
    from unseg.train import list_checkpoints
    ck = list_checkpoints(folder)
    if not ck: raise FileNotFoundError(f'{folder}: no checkpoint (ckpt-*.pt) to score')
    return Path(ck[-1])


def run_data_kwargs(cfg: dict) -> dict:
    "The evaluation-data keywords a run folder's config.json implies: its crop protocol and CUB classes, when it set them."
    return {'protocol': cfg['protocol'], **({'classes': cfg['classes']} if cfg.get('classes') else {})} if cfg.get('protocol') else {}


def run_eval_batch(cfg: dict, res: int):
    """Every evaluation image of a run (a config.json as a dict) in one Batch: its dataset's protocol with the run's eval_n,
    data_root, seed, crop protocol and CUB classes, at `res`. The bench readings of a trained run score these images."""
    from unseg.evaluate import eval_dataset, protocol_for, _batch_all
    return _batch_all(eval_dataset(protocol_for(cfg['dataset'], cfg.get('eval_n')), cfg.get('data_root', ''), res, cfg.get('seed', 0),
                                   **run_data_kwargs(cfg)))


def load_partseg_run(run_dir: Path):
    "(the part network at the run's last checkpoint in eval mode, its config.json as a dict) of a partseg run folder."
    import torch
    from unseg.partseg.model import PartSegConfig, PartSegModel
    run_dir = Path(run_dir)
    if not (run_dir / 'config.json').exists(): raise FileNotFoundError(f'{run_dir}: no config.json (not a run folder)')
    cfg = json.loads((run_dir / 'config.json').read_text())
    if 'partseg' not in cfg: raise ValueError(f'{run_dir}: not a part-autoencoder run (config.json has no partseg section)')
    model = PartSegModel(PartSegConfig(**cfg['partseg']))
    model.load_state_dict(torch.load(_last_ckpt(run_dir), map_location='cpu', weights_only=False)['models']['model'])
    return model.eval(), cfg


def reevaluate(run_dir: Path, centres: str = 'released'):
    import torch
    from unseg.core import seed_everything
    from unseg.evaluate import evaluate, protocol_for
    run_dir = Path(run_dir)
    for f in ('config.json', 'metrics.json'):
        if not (run_dir / f).exists(): raise FileNotFoundError(f'{run_dir / f}: missing (is this a finished run folder?)')
    cfg = json.loads((run_dir / 'config.json').read_text())
    old = json.loads((run_dir / 'metrics.json').read_text())
    keep = dict(health=old.get('health'), health_reference=old.get('health_reference'), train=old.get('train'), fid=old.get('fid'),
                scores=old.get('extra'))
    seed, dataset = cfg['seed'], cfg['dataset']
    res = cfg['res'] if 'res' in cfg else cfg['partseg']['res']
    proto = protocol_for(dataset, cfg.get('eval_n', 256))          # 256: every training notebook's default
    if 'partseg' in cfg:
        from unseg.partseg.model import PartSegConfig, PartSegModel, predict_parts
        model, _ = load_partseg_run(run_dir)
        seed_everything(seed); untrained = PartSegModel(PartSegConfig(**cfg['partseg'])).eval()
        kw = run_data_kwargs(cfg)
        rep = evaluate(lambda x: predict_parts(model, x), proto, 'partseg', 'parts', cfg.get('data_root', ''), res, seed, None,
                       data_kwargs=kw, extra={'untrained_network': lambda x: predict_parts(untrained, x)}, centres=centres, **keep)
    else:
        from unseg.segment import SegmenterConfig, build_segmenter, predict
        seg_dir = run_dir / 'segmenter'
        scfg = SegmenterConfig(**json.loads((seg_dir / 'config.json').read_text())['segmenter'])
        net = build_segmenter(scfg); net.load_state_dict(torch.load(_last_ckpt(seg_dir), map_location='cpu', weights_only=False)['models']['F'])
        rep = evaluate(lambda x: predict(net.eval(), x), proto, old['method'], old['route'], cfg.get('data_root', ''), res, seed, None,
                       centres=centres, **keep)
    before = run_dir / 'metrics-before-reevaluate.json'
    if not before.exists(): shutil.copy(run_dir / 'metrics.json', before)
    rep.save(run_dir / 'metrics.json')
    return rep


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('run_dir', type=Path, nargs='+')
    p.add_argument('--centres', default='released', choices=['released', 'mass'])
    p.add_argument('--results', type=Path, default=None, help='a bench results.json whose entries for these runs get the new metrics')
    a = p.parse_args(argv)
    res = json.loads(a.results.read_text()) if a.results else None
    for rd in a.run_dir:
        rep = reevaluate(rd, a.centres)
        print(f'== {rd}\n{rep.table()}')
        if res is None: continue
        for entry in res.get('runs', {}).values():
            for s in entry.get('seeds', {}).values():
                if Path(s.get('run_dir', '')).resolve() == rd.resolve(): s['metrics'] = rep.to_dict()
    if res is not None: a.results.write_text(json.dumps(res, indent=1))


if __name__ == '__main__':
    main()
