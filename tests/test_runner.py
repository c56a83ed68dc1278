"One runner: every method trains through `unseg.train.run`, every method refuses to resume another config, and the test GAN is a fixture."
import pytest, torch
import unseg.train
from unseg.data.synthetic import SyntheticShapes


def _ganseg():
    import unseg.ganseg.train as m
    from unseg.ganseg.model import GANSegConfig
    cfg = lambda **k: GANSegConfig(res=16, start_res=8, ch=8, emb_dim=8, hidden=16, z_dim=8, d_ch=8, **k)
    return m, 'ganseg', lambda c, **kw: m.train_ganseg(c, SyntheticShapes(res=16), batch=2, progress=False, **kw), cfg(), cfg(spade_hidden=16), 'ganseg.spade_hidden: 32 in the checkpoint, 16 now'


def _layered():
    import unseg.layered.train as m
    from unseg.layered.model import LayeredConfig
    g = LayeredConfig(res=16, ch=8, z_dim=16, d_c=4)
    return (m, 'layered-ils', lambda c, **kw: m.train_layered(g, c, SyntheticShapes(res=16), batch=2, seg_steps=1, progress=False, **kw),
            m.preset('ils', round_steps=2), m.preset('ils', round_steps=2, gamma_mi=0.5), 'train.gamma_mi: 1.0 in the checkpoint, 0.5 now')


def _partseg():
    import unseg.partseg.model as m
    cfg = lambda **k: m.PartSegConfig(res=32, width=8, feat_dim=16, perceptual='l1', **k)
    return m, 'partseg', lambda c, **kw: m.train_partseg(c, SyntheticShapes(res=32), batch=2, progress=False, **kw), cfg(), cfg(n_parts=3), 'partseg.n_parts: 4 in the checkpoint, 3 now'


def _inversion():
    import unseg.layered.invert as m
    from unseg.layered.model import LayeredConfig, LayeredGenerator
    from unseg.nn.discriminators import Discriminator
    G, D = LayeredGenerator(LayeredConfig(res=16, ch=8, z_dim=8, d_c=0)), Discriminator(16, ch=8)
    return (m, 'inversion', lambda lr, **kw: m.train_inversion(G, D, SyntheticShapes(res=16), batch=2, lr=lr, **kw),
            1e-3, 2e-3, 'inversion.lr: 0.001 in the checkpoint, 0.002 now')


METHODS = {'ganseg': _ganseg, 'layered': _layered, 'partseg': _partseg, 'inversion': _inversion}


@pytest.mark.parametrize('name', list(METHODS))
def test_runner_every_method_trains_through_run_and_refuses_another_config(tmp_path, monkeypatch, name):
    module, method_name, train, cfg, other, named = METHODS[name]()
    calls = []
    def spy(method, *a, **k):
        calls.append(method); return unseg.train.run(method, *a, **k)
    monkeypatch.setattr(module, 'run', spy)          # the wrapper's runner is unseg.train.run (today's wrappers have none)
    train(cfg, steps=2, run_dir=tmp_path / 'run')
    assert [m.name for m in calls] == [method_name] and isinstance(calls[0], unseg.train.Method)
    ck = tmp_path / 'run' / 'ckpt-00000002.pt'
    saved = unseg.train.load_checkpoint(ck)
    assert {saved['config']['steps'], saved['config']['batch']} == {2}
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / 'run').rglob('*')}
    with pytest.raises(ValueError, match=named.replace('.', r'\.')):
        train(other, steps=3, run_dir=tmp_path / 'run', resume=str(ck))
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / 'run').rglob('*')} == before   # nothing written before the refusal
    train(cfg, steps=3, run_dir=tmp_path / 'run', resume=str(ck))                           # the same config with more steps resumes
    assert unseg.train.load_checkpoint(tmp_path / 'run' / 'ckpt-00000003.pt')['step'] == 3


def test_runner_test_gan_is_a_fixture_not_the_package(tmp_path):
    for n in ('tiny_dcgan', 'tiny_gan_phases'):
        assert not hasattr(unseg.train, n) and n not in unseg.train.__all__, n
    from _fixtures import tiny_dcgan, tiny_gan_phases
    from unseg.train import Built, Method, EMA, run, read_stats

    def build(data, device):
        G, D = tiny_dcgan(16); ema = EMA(G, 0.9)
        return Built({'G': G, 'D': D, 'G_ema': ema}, tiny_gan_phases(G, D, ema=ema), show=ema.module,
                     health_hook=lambda: {'mean': ema(torch.zeros(2, 32)).mean()})
    tr = run(Method('toy', {'lr': 2e-4}, build), SyntheticShapes(res=16, length=64), 4, batch=8, run_dir='new', runs_root=tmp_path,
             record={'dataset': 'synthetic', 'lr': 2e-4}, health_every=2, log_every=2, progress=False)
    assert tr.run_dir.name == '00000-toy' and tr.built.show is tr.models['G_ema'].module
    assert (tr.run_dir / 'config.json').read_text().count('"dataset"') == 1          # the record, not the method's config
    assert [s['step'] for s in read_stats(tr.run_dir) if 'health/mean' in s] == [2, 4]
