"""Train one method end to end on one dataset within a CPU budget, through its training notebook
(papermill), then print its metrics beside the baselines.

    python bench/train_run.py --method ganseg --dataset synthetic --steps 2500 --seg-steps 800      # ~20 CPU min
    python bench/train_run.py --method ganseg --dataset weizmann --steps 2500 --seg-steps 800       # ~25 CPU min
    python bench/train_run.py --method elgan --dataset synthetic --steps 1500                       # ~8 CPU min
    python bench/train_run.py --method perturbgan --dataset weizmann -p perturb none                # an ablation

    python bench/train_run.py --method partseg --dataset cub --res 64 --steps 1500 -p classes "[1]" -p protocol bbox1.5   # CUB-1

--method is ganseg (nbs/train_ganseg.ipynb), perturbgan / elgan / ils (nbs/train_layered.ipynb) or
partseg (nbs/train_partseg.ipynb; --seg-steps is ignored). Any
other notebook parameter can be passed as -p NAME VALUE (YAML-parsed). The executed notebook and the
run folder go under --out (default runs/bench).

    python bench/train_run.py --method partseg --dataset synthetic_easy --res 64 --steps 3000 -p resume runs/bench/00009-NAME

goes on from a run's last checkpoint (`-p resume` a run folder, a checkpoint file, or 'latest': the newest run called
--name under --out) in that run's own folder, with the settings it was trained with; the notebook says which differ."""
import argparse, json, time
from pathlib import Path
import papermill as pm
import yaml

ROOT = Path(__file__).resolve().parents[1]


def resume_target(resume, out: Path, name: str):
    """(the value to pass the notebook, the run folder it will write to) for `-p resume`: a relative path is made absolute
    (the notebook runs with cwd nbs/), and the folder is the one the notebook resumes in (`unseg.train.resolve_resume`, which
    also names what is missing). (resume, None) when not resuming."""
    if not resume: return resume, None
    from unseg.train import resolve_resume
    value = resume if resume == 'latest' else str(Path(resume).resolve())
    return value, resolve_resume(value, out, name).parent


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--method', default='ganseg', choices=['ganseg', 'perturbgan', 'elgan', 'ils', 'partseg'])
    p.add_argument('--dataset', default='synthetic')
    p.add_argument('--steps', type=int, default=None, help='GAN steps (default: the notebook default)')
    p.add_argument('--seg-steps', type=int, default=800)
    p.add_argument('--res', type=int, default=32)
    p.add_argument('--tag', default='', help='suffix for the run name (for ablations)')
    p.add_argument('--name', default='', help='the run name (default METHOD-DATASET[-TAG])')
    p.add_argument('--quiet', action='store_true', help='print only the run folder (for bench/run.py)')
    p.add_argument('--out', default=str(ROOT / 'runs/bench'))
    p.add_argument('-p', nargs=2, action='append', default=[], metavar=('NAME', 'VALUE'))
    a = p.parse_args(argv)
    out = Path(a.out).resolve(); out.mkdir(parents=True, exist_ok=True)   # absolute: the notebook runs with cwd nbs/
    name = a.name or f'{a.method}-{a.dataset}' + (f'-{a.tag}' if a.tag else '')
    nb = {'ganseg': 'train_ganseg.ipynb', 'partseg': 'train_partseg.ipynb'}.get(a.method, 'train_layered.ipynb')
    params = dict(dataset=a.dataset, res=a.res, run_root=str(out), run_name=name, progress=False)
    if a.method != 'partseg': params['seg_steps'] = a.seg_steps
    if a.method not in ('ganseg', 'partseg'): params['method'] = a.method
    if a.steps is not None: params['steps'] = a.steps
    params.update({k: yaml.safe_load(v) for k, v in a.p})
    resumed = None
    if params.get('resume'): params['resume'], resumed = resume_target(str(params['resume']), out, name)
    t = time.perf_counter()
    pm.execute_notebook(str(ROOT / 'nbs' / nb), str(out / f'{name}.ipynb'), parameters=params, kernel_name='python3',
                        cwd=str(ROOT / 'nbs'), progress_bar=False)
    wall = time.perf_counter() - t
    run = resumed or sorted(out.glob(f'*-{name}'))[-1]
    from unseg.evaluate import Report
    report = Report.load(run / 'metrics.json')
    if a.quiet: print(run.resolve()); raise SystemExit
    print(f"\n{name} at {a.res} px: wall {wall / 60:.1f} min; run folder {run}; {report.train}")
    print(report.table())


if __name__ == '__main__':
    main()
