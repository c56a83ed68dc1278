"""Would an intercept change the held-out landmark reading? For partseg run folders, the held-out errors (least squares and
ridge by CV on the fitting images, as `unseg.evaluate.landmark_table`) of the model and of the untrained network of the
run's seed, once as unseg reads them (a linear map without bias, as the authors' regression) and once with an unpenalised
intercept (ridge on the slopes only: as the ridge grows, the map tends to the constant predictor).

    python bench/landmark_intercept.py runs/bench-suite/00017-partseg-cpu-k8-cub3-s0 ...

Nothing is trained; a few seconds a run. Printed, not saved: a reading for docs/partseg, not a protocol."""
import argparse, sys
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


@contextmanager
def intercept(on: bool):
    "`unseg.evaluate`'s regressor with (on) or without (off, unchanged) the intercept, inside the block."
    from functools import partial
    import unseg.evaluate as E
    saved = E.fit_landmark_regressor
    if on: E.fit_landmark_regressor = partial(saved, intercept=True)     # apply_landmark_regressor reads the intercept from W's shape
    try: yield
    finally: E.fit_landmark_regressor = saved


def reading(run_dir: Path) -> dict:
    "{'without' | 'with': {'held_out' | 'held_out_cv': {source: error %}}} for one partseg run folder, through `unseg.evaluate`."
    import unseg.evaluate as E
    from unseg.core import seed_everything
    from unseg.partseg.model import PartSegConfig, PartSegModel, predict_parts
    from reevaluate import load_partseg_run, run_data_kwargs
    model, cfg = load_partseg_run(run_dir); seed = cfg['seed']
    seed_everything(seed); untrained = PartSegModel(PartSegConfig(**cfg['partseg'])).eval()
    proto = E.protocol_for(cfg['dataset'], cfg.get('eval_n', 256))
    if not (proto.has_keypoints and proto.reg_split): raise ValueError(f'{run_dir}: dataset {cfg["dataset"]} has no held-out keypoints')
    out = {}
    for tag, on in (('without', False), ('with', True)):
        with intercept(on):
            rep = E.evaluate(lambda x: predict_parts(model, x), proto, 'partseg', 'parts', cfg.get('data_root', ''), cfg['partseg']['res'],
                             seed, None, grabcut=False, data_kwargs=run_data_kwargs(cfg),
                             extra={'untrained_network': lambda x: predict_parts(untrained, x)})
        out[tag] = {p: {k: round(100 * v, 1) for k, v in rep.landmarks[p].items()} for p in ('held_out', 'held_out_cv')}
    return out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('run_dir', type=Path, nargs='+')
    a = p.parse_args(argv)
    print('| run | model, ridge by CV: without / with intercept | untrained network | constant |\n|---|---|---|---|')
    for rd in a.run_dir:
        r = reading(rd); w, i = r['without']['held_out_cv'], r['with']['held_out_cv']
        print(f"| {rd.name} | {w['model']} / {i['model']} | {w['untrained_network']} / {i['untrained_network']} | {w['constant']} |", flush=True)


if __name__ == '__main__':
    main()
