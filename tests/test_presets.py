"""The GPU presets under configs/, one way for every method (`papermill -f configs/<method>_*.yaml`): every key is a parameter
of its notebook (named by the file's prefix) with the type the notebook takes, and every preset builds its method's models."""
import ast, json
from dataclasses import fields
from pathlib import Path
import pytest, yaml

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = {'ganseg': 'train_ganseg.ipynb', 'layered': 'train_layered.ipynb', 'partseg': 'train_partseg.ipynb'}
PRESETS = sorted((ROOT / 'configs').glob('*.yaml'))


def notebook_parameters(nb: str) -> set:
    "Names assigned in the cell tagged `parameters`."
    return {k for k in notebook_defaults(nb) if not k.startswith('_')}


def notebook_defaults(nb: str) -> dict:
    "The namespace at the end of the notebook's `parameters` cell, as the notebook's own parameter check sees it."
    cells = json.loads((ROOT / 'nbs' / nb).read_text())['cells']
    src = next(''.join(c['source']) for c in cells if 'parameters' in c['metadata'].get('tags', []))
    names = {t.id for n in ast.parse(src).body if isinstance(n, ast.Assign) for t in n.targets}
    ns = {}
    exec(src, ns)
    return {k: ns[k] for k in names}


def _config(cls, y: dict, **extra):
    names = {f.name for f in fields(cls)}
    return cls(**{**{k: tuple(v) if isinstance(v, list) else v for k, v in y.items() if k in names}, **extra})


def test_presets_every_method_has_one():
    assert {p.name.split('_')[0] for p in PRESETS} == set(NOTEBOOK)
    assert {p.stem for p in PRESETS} >= {'layered_perturbgan_cub128', 'layered_elgan_cub128', 'layered_ils_cub128', 'partseg_cub128'}


@pytest.mark.parametrize('path', PRESETS, ids=lambda p: p.stem)
def test_preset_keys_are_its_notebooks_parameters(path):
    from unseg.core import check_notebook_params
    prefix = path.name.split('_')[0]
    assert prefix in NOTEBOOK, f'{path.name}: the file name must start with one of {sorted(NOTEBOOK)} (the notebook it presets)'
    y = yaml.safe_load(path.read_text())
    defaults = notebook_defaults(NOTEBOOK[prefix])
    unknown = set(y) - set(defaults)
    assert not unknown, f'{path.name}: keys that {NOTEBOOK[prefix]} does not take: {sorted(unknown)}'
    check_notebook_params({**defaults, **y}, defaults)      # the notebook's own check: names and types as papermill passes them


@pytest.mark.parametrize('path', sorted((ROOT / 'configs').glob('ganseg_*.yaml')), ids=lambda p: p.stem)
def test_ganseg_preset_is_the_released_model(path):
    from unseg.ganseg.model import GANSegConfig, GANSegGenerator
    cfg = _config(GANSegConfig, yaml.safe_load(path.read_text()))
    assert cfg.levels == [32, 32, 64, 64, 128, 128]
    n = sum(p.numel() for p in GANSegGenerator(cfg).parameters() if p.requires_grad)
    assert abs(n - 23_221_833) / 23_221_833 < 0.02, f'{path.name}: {n / 1e6:.2f} M parameters, released 23.22 M'


@pytest.mark.parametrize('path', sorted((ROOT / 'configs').glob('layered_*.yaml')), ids=lambda p: p.stem)
def test_layered_preset_builds_its_method(path):
    import torch
    from unseg.layered.model import LayeredConfig
    from unseg.layered.train import LayeredModels, LayeredTrainConfig, preset
    from unseg.layered.train import FOOTING_KEYS, footing_params
    y = yaml.safe_load(path.read_text())
    assert path.stem.split('_')[1] == y['method'], f'{path.name} presets {y["method"]}'
    # as the notebook resolves it: the footing's values (its default 'cpu' unless the file names one) where the file is silent
    resolved = footing_params(y.get('footing', notebook_defaults('train_layered.ipynb')['footing']), y['method'], {k: y.get(k) for k in FOOTING_KEYS}, y['res'])
    y = {**y, **{k: v for k, v in resolved.items() if v is not None}}          # None: the paper preset's value, as in the notebook
    tcfg = preset(y['method'], **{k: v for k, v in y.items() if k in {f.name for f in fields(LayeredTrainConfig)} and k != 'method'})
    gcfg = _config(LayeredConfig, y, d_c=0 if y['method'] == 'perturbgan' else y.get('d_c', 8))
    assert tcfg.round_steps * tcfg.rounds in (0, y['steps']), 'the rounds cover the run'
    M = LayeredModels(gcfg, tcfg)
    with torch.no_grad(): o = M.G(*M.G.codes(1))
    assert o.image.shape == (1, 3, y['res'], y['res']) and M.D(o.image).shape[0] == 1


@pytest.mark.parametrize('path', sorted((ROOT / 'configs').glob('partseg_*128.yaml')), ids=lambda p: p.stem)
def test_partseg_preset_is_the_authors_model(path):
    import torch
    from unseg.partseg.model import PartSegConfig, PartSegModel
    y = yaml.safe_load(path.read_text())
    cfg = _config(PartSegConfig, y)
    authors = PartSegConfig.preset(y['dataset'])            # appendix Table 1 as the authors' code reads it
    assert (cfg.lambda_rec, cfg.lambda_cls, cfg.lambda_fg, cfg.lambda_bg, cfg.n_parts) == \
           (authors.lambda_rec, authors.lambda_cls, authors.lambda_fg, authors.lambda_bg, authors.n_parts)
    assert (cfg.encoder, cfg.res, cfg.stride) == ('resnet', 128, 8)
    with torch.no_grad(): S = PartSegModel(cfg).eval().parts(torch.zeros(1, 3, 128, 128))
    assert S.shape == (1, cfg.n_parts + 1, 16, 16)


# The CPU presets: unseg's footing for each layered method on the built-in data and the horses (and the part autoencoder's on the horses), each the bench entry whose
# measured numbers its header quotes. Kept equal here, so a preset cannot drift from what was measured.
CPU_ENTRY = {'layered_perturbgan_cpu_easy': 'perturbgan-cpu-indep3k-synthetic_easy',
             'layered_ils_cpu_easy': 'ils-cpu-mistart1500-synthetic_easy',
             'layered_elgan_cpu_easy': 'elgan-cpu-lazy-nocolor-start1500-synthetic_easy',
             'layered_perturbgan_cpu_weizmann': 'perturbgan-cpu-indep-max035-weizmann',
             'layered_ils_cpu_weizmann': 'ils-cpu-mistart1500-max035-weizmann',
             'layered_elgan_cpu_weizmann': 'elgan-cpu-lazy-nocolor-max035-weizmann',
             'partseg_cpu_weizmann': 'partseg-cpu-ownhard-rec45-weizmann', 'partseg_cpu_easy': 'partseg-cpu4k-local-rec15-synthetic_easy'}


def test_cpu_presets_are_their_bench_entries():
    import sys
    sys.path.insert(0, str(ROOT / 'bench'))
    from run import RUNS
    assert {p.stem for p in PRESETS if '_cpu_' in p.stem} == set(CPU_ENTRY), 'every CPU preset names its bench entry here'
    for stem, entry in CPU_ENTRY.items():
        method, dataset, res, extra = RUNS[entry]
        y = yaml.safe_load((ROOT / 'configs' / f'{stem}.yaml').read_text())
        want = {'dataset': dataset, 'res': res, **extra, **({} if method == 'partseg' else {'method': method})}   # partseg: one notebook, no `method`
        assert y == want, f'{stem}.yaml differs from bench entry {entry}'


def test_cpu_footing_is_what_the_easy_presets_measured():
    """The training notebook's default footing ('cpu') is, method by method, the easy-level CPU preset whose 3 seeds its
    header quotes: every value the footing sets is the preset's (or, where the file is silent, the paper preset's it relied
    on), the footing sets everything the file does, and the notebook's default data and steps are the file's."""
    from dataclasses import asdict
    from unseg.layered.train import footing_params, preset
    d = notebook_defaults('train_layered.ipynb')
    assert d['footing'] == 'cpu'
    for m in ('perturbgan', 'ils', 'elgan'):
        y = yaml.safe_load((ROOT / 'configs' / f'layered_{m}_cpu_easy.yaml').read_text())
        run = {k: v for k, v in y.items() if k not in ('method', 'dataset', 'res', 'steps')}
        foot, paper = footing_params('cpu', m, {}, y['res']), asdict(preset(m))
        assert set(run) <= set(foot), f'{m}: the preset sets {sorted(set(run) - set(foot))}, the footing does not'
        assert {k: run.get(k, paper.get(k)) for k in foot} == foot, f'{m}: the footing differs from layered_{m}_cpu_easy.yaml'
        assert (d['dataset'], d['res'], d['steps']) == (y['dataset'], y['res'], y['steps'])
