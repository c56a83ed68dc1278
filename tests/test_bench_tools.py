"Helpers of the bench scripts that feed docs/: the convergence study's checkpoint keeper, the NMI reading's labellings, the layout reading, the partseg probe, the intercept reading, the partseg layers."
import sys
from pathlib import Path
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'bench'))
import layered_curve, partseg_nmi_reading as nr, partseg_layout
from unseg.metrics import nmi


def test_keep_links_every_nth_checkpoint_and_stops_when_the_run_is_done(tmp_path):
    for s in (1500, 2000, 2500, 4000): (tmp_path / f'ckpt-{s:08d}.pt').write_text(str(s))
    (tmp_path / 'metrics.json').write_text('{}')                       # the run has finished: one pass, then return
    layered_curve.keep(tmp_path, 2000, poll=0)
    kept = sorted(p.name for p in (tmp_path / 'kept').iterdir())
    assert kept == ['ckpt-00002000.pt', 'ckpt-00004000.pt']
    (tmp_path / 'ckpt-00002000.pt').unlink()                          # the run rotates it out: the kept link survives
    assert (tmp_path / 'kept' / 'ckpt-00002000.pt').read_text() == '2000'


def test_keep_stops_when_the_run_has_gone_quiet(tmp_path):
    import os, time
    (tmp_path / 'ckpt-00002000.pt').write_text('2000')
    (tmp_path / 'stats.jsonl').write_text('{"step": 2000}\n')
    old = time.time() - 120
    os.utime(tmp_path / 'stats.jsonl', (old, old))                     # no metrics.json, nothing logged for two minutes
    layered_curve.keep(tmp_path, 2000, poll=0, idle=60)                # returns instead of waiting forever
    assert (tmp_path / 'kept' / 'ckpt-00002000.pt').exists()


def test_kmeans_parts_separates_two_blobs_and_quadrants_cut_one():
    m = torch.zeros(1, 16, 16, dtype=torch.bool)
    m[0, 1:5, 1:5] = True; m[0, 10:15, 10:15] = True
    truth = torch.zeros(1, 16, 16, dtype=torch.long); truth[0, 1:5, 1:5] = 1; truth[0, 10:15, 10:15] = 2
    km = nr.kmeans_parts(m, K=2)
    assert nmi(km[m], truth[m]) == 1.0 and (km[~m] == 0).all()
    sq = torch.zeros(1, 8, 8, dtype=torch.bool); sq[0, 2:6, 2:6] = True
    q = nr.quadrants(sq)
    assert sorted(q[sq].unique().tolist()) == [1, 2, 3, 4] and (q[sq] == 1).sum() == 4 and (q[~sq] == 0).all()


def test_layout_stats_tell_a_fixed_layout_from_one_that_moves():
    "A square at the same place in every image reads 0 across images; a square that moves reads what its masks read."
    def maps(xs):                                         # N×2×16×16 part maps: background, one part (a 6×6 square at x)
        fg = torch.zeros(len(xs), 16, 16)
        for i, x in enumerate(xs): fg[i, 5:11, x:x + 6] = 1
        return torch.stack([1 - fg, fg], 1), fg
    fixed, fixed_fg = maps([5] * 6)
    s = partseg_layout.layout_stats(fixed, fixed_fg)
    assert s['fg_std_across_images'] == 0 and s['hard_fg_differs'] == 0 and s['true_fg_std_across_images'] == 0
    moving, moving_fg = maps([0, 2, 4, 6, 8, 10])
    s = partseg_layout.layout_stats(moving, moving_fg)
    assert s['fg_std_across_images'] > 0.1 and s['hard_fg_differs'] > 0.1
    assert abs(s['fg_std_across_images'] - s['true_fg_std_across_images']) < 1e-6 and s['hard_fg_differs'] == s['true_fg_differs']
    # a layout that follows the object beats its own mean layout; a fixed one scores the same as its mean
    assert s['iou_model'] == 1.0 and s['iou_own_mean_layout'] < 0.5
    s = partseg_layout.layout_stats(fixed, moving_fg)
    assert s['iou_model'] == s['iou_own_mean_layout'] < 1.0


def test_partseg_probe_trains_then_scores_the_same_weights(tmp_path):
    "The probe trains a few steps and scores its network; score_only=1 reloads the run's last checkpoint and scores it the same."
    import partseg_probe
    a = partseg_probe.main(['synthetic_easy', '2', 'p', 'res=32', 'batch=2', 'health_every=1', f'out={tmp_path}'])
    assert (tmp_path / 'p' / 'metrics.json').exists() and a.nmi is not None
    b = partseg_probe.main(['synthetic_easy', '0', 'p', 'score_only=1', f'out={tmp_path}'])
    assert b.segmentation['iou_mean'] == a.segmentation['iou_mean'] and b.nmi == a.nmi


def test_intercept_reading_switches_the_evaluators_regressor_and_restores_it():
    "Inside `intercept(True)` unseg.evaluate fits with an intercept (exact on y = 2x + 0.3, which has an offset); outside, as before."
    import torch, landmark_intercept as li
    import unseg.evaluate as E
    g = torch.Generator().manual_seed(0)
    c = torch.rand(40, 3, 2, generator=g)                          # 40 images, 3 "parts"
    k = (2 * c[:, :1] + 0.3).expand(-1, 2, -1).clone()             # 2 keypoints at 2·(part 0) + 0.3
    before = E.fit_landmark_regressor
    with li.intercept(True):
        W = E.fit_landmark_regressor(c, k)
        assert W.shape[0] == 7 and torch.allclose(E.apply_landmark_regressor(W, c), k, atol=1e-4)
    assert E.fit_landmark_regressor is before and E.fit_landmark_regressor(c, k).shape[0] == 6
    with li.intercept(False): assert E.fit_landmark_regressor is before


def test_partseg_layers_rebuild_the_models_own_render():
    """The layers the figure shows are the ones the model composites: S̃_0·B(f_0) + (1 − S̃_0)·D(parts) is its own render, S̃_0
    the background map upsampled ('own') or that map binarised ('own-hard')."""
    import pytest, partseg_layers
    import torch.nn.functional as F
    from unseg.partseg.model import PartSegConfig, PartSegModel
    torch.manual_seed(0)
    x = torch.rand(3, 3, 32, 32) * 2 - 1
    for mode in ('own', 'own-hard'):
        m = PartSegModel(PartSegConfig(res=32, width=8, feat_dim=16, perceptual='l1', bg_render=mode))
        L = partseg_layers.layers(m, x)
        s0 = F.interpolate(L['S'][:, :1], size=x.shape[-2:], mode='bilinear', align_corners=False)
        assert torch.allclose(L['S0_up'], s0 if mode == 'own' else (s0 > 0.5).float(), atol=1e-6)
        assert torch.allclose(L['image'], L['S0_up'] * L['bg'] + (1 - L['S0_up']) * L['fg'], atol=1e-5)
        assert not torch.allclose(L['bg'], L['bg_other'])          # another image's background vector draws another picture
    with pytest.raises(ValueError, match="bg_render 'shared'"):
        partseg_layers.layers(PartSegModel(PartSegConfig(res=32, width=8, feat_dim=16, perceptual='l1')), x)


def test_contingency_rows_are_where_each_true_part_goes():
    "Row t: the share of true label t's pixels in each predicted channel; a body split in two shows as two half cells."
    true = torch.tensor([[0, 0, 1, 1, 1, 1, 2, 2]])
    pred = torch.tensor([[0, 1, 1, 1, 2, 2, 0, 0]])
    C = nr.contingency(pred, true)
    assert C.shape == (3, 3)
    assert torch.allclose(C, torch.tensor([[50., 50., 0.], [0., 50., 50.], [100., 0., 0.]]))


def test_label_figure_draws_images_true_and_predicted_rows(tmp_path):
    import pytest
    from PIL import Image
    x = torch.rand(2, 3, 8, 8) * 2 - 1
    t = torch.zeros(2, 8, 8, dtype=torch.long); t[:, 2:5, 2:5] = 1
    p = torch.zeros(2, 8, 8, dtype=torch.long); p[:, 2:5, 2:5] = 2
    nr.label_figure(x, t, p, str(tmp_path / 'f.png'), scale=1)
    im = torch.tensor(list(Image.open(tmp_path / 'f.png').getdata())).reshape(24, 16, 3)
    assert im[8 + 3, 3].tolist() == [200, 200, 200] and im[16 + 3, 3].tolist() == [255, 0, 0] and im[16 + 0, 0].tolist() == [0, 0, 0]
    with pytest.raises(ValueError, match='at most'):
        nr.label_figure(x, t + 20, p, str(tmp_path / 'g.png'))


def test_run_eval_batch_takes_the_runs_own_evaluation_settings():
    "The readings of a trained run score the images it was evaluated on: its dataset, eval_n, seed and resolution."
    from reevaluate import run_eval_batch
    b = run_eval_batch({'dataset': 'synthetic_easy', 'seed': 0, 'eval_n': 8}, 32)
    assert b.image.shape == (8, 3, 32, 32) and b.parts is not None
    assert run_eval_batch({'dataset': 'synthetic_easy', 'seed': 0}, 16).image.shape[0] == 256


def test_prior_costs_charge_a_spread_part_more_than_a_compact_one():
    # one 4×4 blob at the centre against the same pixels cut into two far-apart 4×2 blobs, as one part; an 8×8 map, stride 1
    one = torch.zeros(1, 8, 8, dtype=torch.long); one[0, 2:6, 2:6] = 1
    far = torch.zeros(1, 8, 8, dtype=torch.long); far[0, 0:4, 0:2] = 1; far[0, 4:8, 6:8] = 1
    a, b = nr.prior_costs(one, 1, stride=1), nr.prior_costs(far, 1, stride=1)
    assert b['fg_clamp'] > a['fg_clamp'] and b['fg_full'] > a['fg_full']
    # the clamped form is mass × variance (mass above one pixel), the area-normalised one the variance alone: 16 pixels → ×16
    assert abs(a['fg_clamp'] / a['fg_full'] - 16) < 1e-3
    # the far blobs touch the border, where background mass is cheap: moving the background inwards costs more
    assert b['bg'] > a['bg']
    assert abs(a['sum_clamp'] - (1.5 * a['fg_clamp'] + 0.3 * a['bg'])) < 1e-6


def test_limbs_by_direction_names_each_limb_by_where_it_points():
    # a body in the centre, limb 2 above it, limb 3 to its right: up is the first sector (centred on 90°), right the third
    L = torch.zeros(1, 9, 9, dtype=torch.long); L[0, 3:6, 3:6] = 1; L[0, 0:2, 4] = 2; L[0, 4, 7:9] = 3
    D = nr.limbs_by_direction(L, body=1)
    assert (D[0][L[0] == 1] == 1).all() and (D[0][L[0] == 0] == 0).all()
    assert (D[0][L[0] == 2] == 4).all() and (D[0][L[0] == 3] == 6).all()
    # the same object turned a quarter clockwise: limb 2 now points right and takes limb 3's old name
    R = torch.rot90(L, -1, (1, 2))
    assert (nr.limbs_by_direction(R, body=1)[0][R[0] == 2] == 6).all()


def test_limb_permutation_nmi_spans_the_exact_naming_and_the_swapped_ones():
    L = torch.zeros(2, 6, 6, dtype=torch.long); L[:, 1:4, 1:4] = 1; L[:, 0, :3] = 2; L[:, 5, 3:] = 3
    r = nr.limb_permutation_nmi(L, torch.tensor([0, 1]), body=1)
    assert len(r) == 2                                   # species 1's two limbs kept or swapped; species 0 as is
    assert abs(r.max().item() - 1) < 1e-6 and r.min() < 0.99


def test_train_run_resumes_in_the_runs_own_folder(tmp_path, monkeypatch):
    "`-p resume` goes to the notebook as an absolute path (it runs in nbs/), and the report is read from the resumed folder."
    import pytest
    from train_run import resume_target
    assert resume_target('', tmp_path, 'x') == ('', None)
    run = tmp_path / '00003-x'; run.mkdir(); (run / 'ckpt-00000010.pt').write_bytes(b'')
    (tmp_path / '00001-x').mkdir(); (tmp_path / '00004-x').mkdir()          # no checkpoints: not resumable
    monkeypatch.chdir(tmp_path)
    assert resume_target('00003-x', tmp_path, 'x') == (str(run), run)
    assert resume_target('00003-x/ckpt-00000010.pt', tmp_path, 'x') == (str(run / 'ckpt-00000010.pt'), run)
    assert resume_target('latest', tmp_path, 'x') == ('latest', run)
    with pytest.raises(ValueError, match='resume'):
        resume_target('nope', tmp_path, 'x')
    with pytest.raises(FileNotFoundError, match='named y'):
        resume_target('latest', tmp_path, 'y')
