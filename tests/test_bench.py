"bench/run.py end to end in quick mode: runs, results.json, the page, README's table, reproducibility, bad input."
import json, os, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
TIMING = {'seconds', 'gan_seconds', 'segmenter_seconds', 'peak_rss_mb', 'cuda_peak_mb'}


def bench(tmp, *args, check=True):
    env = {**os.environ, 'PYTHONPATH': os.pathsep.join([str(ROOT), os.environ.get('PYTHONPATH', '')])}
    p = subprocess.run([sys.executable, str(ROOT / 'bench/run.py'), '--out', str(tmp / 'runs'), '--results', str(tmp / 'results.json'),
                        '--page', str(tmp / 'docs/results.md'), '--readme', str(tmp / 'README.md'), *args],
                       capture_output=True, text=True, env=env, cwd=ROOT)
    if check: assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    return p


def untimed(m): return {k: v for k, v in m.items() if k not in TIMING}


@pytest.fixture(scope='module')
def quick(tmp_path_factory):
    "One quick run of two entries with baselines and speed, README copy with the markers."
    tmp = tmp_path_factory.mktemp('bench')
    (tmp / 'README.md').write_text('# x\n<!-- bench:start -->\nold table\n<!-- bench:end -->\nafter\n')
    bench(tmp, '--quick', '--only', 'partseg-synthetic', 'perturbgan-weizmann')
    return tmp


def test_results_json(quick):
    r = json.loads((quick / 'results.json').read_text())
    assert set(r['runs']) == {'partseg-synthetic', 'perturbgan-weizmann'}
    ps, pg = r['runs']['partseg-synthetic']['metrics'], r['runs']['perturbgan-weizmann']['metrics']
    assert ps['steps'] == 4 and 0 <= ps['foreground']['iou_mean'] <= 1 and 'part centres' in ps['landmarks']
    assert pg['gan_steps'] == 4 and pg['eval_images'] == 328 and 'segmenter' in pg and 0 <= pg['gen_masks']['mean_cover'] <= 1
    assert ps['peak_rss_mb'] > 100
    # baselines at 32 px in quick mode: the Weizmann all-foreground IoU is the data README's 0.252
    assert abs(r['baselines']['weizmann']['32']['all foreground']['iou_mean'] - 0.252) < 0.002
    sp = r['speed']
    assert set(sp['train_steps_per_s']) == {'ganseg', 'perturbgan', 'elgan', 'ils', 'partseg'}
    # a real step (G and D, batch 16) cannot be faster than 1000/s on any machine; the first version measured 3e6
    assert all(0 < v['32'] < 1000 for v in sp['train_steps_per_s'].values()) and sp['ratio_to_ganseg_32']['ganseg']['32'] == 1.0
    assert sp['segmenter_images_per_s']['32'] > 0


def test_page_and_readme(quick):
    page = (quick / 'docs/results.md').read_text()
    assert 'Quick mode' in page and '| partseg-synthetic | synthetic | 64 | 4 |' in page and '18.15' in page and '## Speed' in page
    assert (quick / 'docs/results/perturbgan-weizmann.jpg').exists()
    readme = (quick / 'README.md').read_text()
    assert 'old table' not in readme and readme.endswith('<!-- bench:end -->\nafter\n') and '| partseg |' in readme and 'QUICK MODE' in readme


def test_same_seed_same_numbers(quick, tmp_path):
    "A second run of the same entry, in a fresh results file, gives the same metrics (timings aside)."
    bench(tmp_path, '--quick', '--only', 'partseg-synthetic', '--no-speed', '--no-baselines', '--readme', '')
    a = json.loads((quick / 'results.json').read_text())['runs']['partseg-synthetic']['metrics']
    b = json.loads((tmp_path / 'results.json').read_text())['runs']['partseg-synthetic']['metrics']
    assert untimed(a) == untimed(b)


def test_page_only_keeps_pictures_without_run_folders(quick, tmp_path):
    r = json.loads((quick / 'results.json').read_text())
    for v in r['runs'].values(): v['run_dir'] = 'gone/away'
    (tmp_path / 'results.json').write_text(json.dumps(r))
    (tmp_path / 'docs/results').mkdir(parents=True)
    (tmp_path / 'docs/results/perturbgan-weizmann.jpg').write_bytes((quick / 'docs/results/perturbgan-weizmann.jpg').read_bytes())
    bench(tmp_path, '--page-only', '--readme', '')
    assert '(results/perturbgan-weizmann.jpg)' in (tmp_path / 'docs/results.md').read_text()


def test_bad_input(tmp_path):
    p = bench(tmp_path, '--only', 'ganseg-nowhere', check=False)
    assert p.returncode == 2 and 'ganseg-nowhere' in p.stderr and 'partseg-cub1' in p.stderr
    p = bench(tmp_path, '--budget', '0', check=False)
    assert p.returncode == 2 and '--budget' in p.stderr
