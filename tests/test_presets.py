"The GPU presets under configs/: every key is a parameter of its notebook, and GANSeg's build the released widths."
import ast, json
from dataclasses import fields
from pathlib import Path
import pytest, yaml

ROOT = Path(__file__).resolve().parents[1]

def notebook_parameters(nb: str) -> set:
    "Names assigned in the cell tagged `parameters`."
    cells = json.loads((ROOT / 'nbs' / nb).read_text())['cells']
    src = next(''.join(c['source']) for c in cells if 'parameters' in c['metadata'].get('tags', []))
    return {t.id for n in ast.parse(src).body if isinstance(n, ast.Assign) for t in n.targets}

@pytest.mark.parametrize('path', sorted((ROOT / 'configs').glob('ganseg_*.yaml')), ids=lambda p: p.stem)
def test_ganseg_preset_is_the_released_model(path):
    from unseg.ganseg.model import GANSegConfig, GANSegGenerator
    y = yaml.safe_load(path.read_text())
    unknown = set(y) - notebook_parameters('train_ganseg.ipynb')
    assert not unknown, f'{path.name}: keys that train_ganseg.ipynb does not take: {sorted(unknown)}'
    names = {f.name for f in fields(GANSegConfig)}
    cfg = GANSegConfig(**{k: tuple(v) if isinstance(v, list) else v for k, v in y.items() if k in names})
    assert cfg.levels == [32, 32, 64, 64, 128, 128]
    n = sum(p.numel() for p in GANSegGenerator(cfg).parameters() if p.requires_grad)
    assert abs(n - 23_221_833) / 23_221_833 < 0.02, f'{path.name}: {n / 1e6:.2f} M parameters, released 23.22 M'
