"""A short part-autoencoder probe: train PartSegConfig(res, **overrides) on one dataset with one thread and print the
background and part areas every HEALTH steps (docs/partseg's collapse tables were made this way).

    python bench/partseg_probe.py weizmann 200 ps-resnet encoder=resnet
    python bench/partseg_probe.py synthetic_easy 1000 ps-easy health_every=250

Arguments: DATASET STEPS NAME [KEY=VALUE ...]; keys of PartSegConfig, plus res (64), batch (16), seed (0), health_every (20),
out (the folder of run folders, runs/psprobe). The run folder is OUT/NAME (removed first: a probe starts fresh). At the end the part network is scored by
unseg.evaluate on the dataset's evaluation images (route 'parts': foreground IoU from the non-background channels beside
the floors, NMI where the data has parts, landmarks beside the untrained network of the same seed), into NAME/metrics.json.
With score_only=1 nothing is trained: the last checkpoint of runs/psprobe/NAME is scored (its config.json gives the model)."""
import shutil, sys, time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))             # bench/reevaluate.py: the one partseg run loader


def main(argv=None):
    import torch, yaml
    from unseg.data.folders import get_dataset
    from unseg.core import seed_everything
    from unseg.evaluate import evaluate, protocol_for
    from unseg.partseg.model import PartSegConfig, PartSegModel, predict_parts, train_partseg
    from unseg.train import read_stats, list_checkpoints
    from reevaluate import load_partseg_run
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 3: raise SystemExit(__doc__)
    ds, steps, name = argv[0], int(argv[1]), argv[2]
    over = {k: yaml.safe_load(v) for k, v in (a.split('=', 1) for a in argv[3:])}
    out = Path(str(over.pop('out', Path(__file__).resolve().parents[1] / 'runs/psprobe')))
    res, batch, seed, every, score_only = (int(over.pop(k, d)) for k, d in (('res', 64), ('batch', 16), ('seed', 0),
                                                                            ('health_every', 20), ('score_only', 0)))
    torch.set_num_threads(1)
    run = out / name
    if score_only:
        model, conf = load_partseg_run(run)
        cfg, seed = PartSegConfig(**conf['partseg']), conf['seed']; res = cfg.res
        print('scoring', list_checkpoints(run)[-1])
    else:
        cfg = PartSegConfig(res=res, **over)
        data = get_dataset(ds, '', res, split='train', seed=0)
        shutil.rmtree(run, ignore_errors=True)
        t = time.time()
        model, tr = train_partseg(cfg, data, steps, batch, run, 'cpu', seed, log_every=10, sample_every=max(steps, 1),
                                  ckpt_every=max(steps, 1), progress=False, health_every=every)
        print(f'{name}: {steps} steps in {time.time() - t:.0f} s ({(time.time() - t) / max(steps, 1):.2f} s/step); run folder {run}')
    for s in read_stats(run):
        if 'health/bg_area' in s:
            parts = [round(v, 3) for k, v in s.items() if k.startswith('health/part') and k.endswith('_area')]
            terms = {k[3:]: round(v, 2) for k, v in s.items() if k.startswith('AE/') and k != 'AE/loss'}
            print(s['step'], 'bg', round(s['health/bg_area'], 3), 'parts', parts, terms)
    seed_everything(seed); untrained = PartSegModel(cfg).eval()
    rep = evaluate(lambda x: predict_parts(model, x), protocol_for(ds, 256), 'partseg', 'parts', '', res, seed, run,
                   extra={'untrained_network': lambda x: predict_parts(untrained, x)})
    print(rep.table())
    return rep


if __name__ == '__main__':
    main()
