"""One benchmark, one results page: every method and preset on the built-in synthetic data, the Weizmann
horses and CUB50, under one CPU budget and one or more seeds; baselines, published figures and speed beside them.

    make bench                                      # = python bench/run.py: the default budget (see --budget)
    python bench/run.py --budget 20 --jobs 1        # more CPU minutes per run, one run at a time
    python bench/run.py --quick                     # every run for a few steps: checks the whole pipeline (~6 min);
                                                    #   its numbers mean nothing and the page says so
    python bench/run.py --only ganseg-weizmann partseg-cub1       # some runs; the others stay in results.json
    python bench/run.py --only ganseg-synthetic_easy --budget 20 --seeds 3   # three seeds: mean ± sd on the page
    python bench/run.py --suite ablations --seeds 3 # the papers' ablations (layered GANs, GANSeg on the medium level)
    python bench/run.py --page-only                 # rebuild docs/results.md and README's table from results.json
    python bench/run.py --merge runs/a.json runs/b.json   # add the seeds of one-seed runs made with --results runs/a.json ...

How a budget becomes steps: a run of B CPU minutes gets 80% of B for the generative model and 20% for
the segmenter trained on its samples (the part autoencoder gets all of B), converted to steps with
REF_SPEED, the steps per second each method ran at on the 2-core reference machine with one thread
per run. So the same budget gives the same steps on every machine, and, with the same seed and one
thread per run, the same numbers on the same machine; the page reports the wall time each run took.

Every run is a training notebook executed by papermill (bench/train_run.py does one); its run folder
(samples, curves, checkpoints, metrics.json) lands under --out. The page is docs/results.md with
pictures under docs/results/; README.md's table between the `bench:start`/`bench:end` markers is
rewritten from the same results. Every run is graded by unseg.evaluate, and this script reads its Report
(metrics.json); results.json holds, per entry, one Report per seed."""
import argparse, datetime, json, os, platform, shutil, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Steps per second with one thread per run on the 2-core reference machine (GAN or autoencoder, segmenter).
# Steps / notebook seconds of earlier runs with one thread each, two at a time; checked against the first full
# `make bench` (2026-11-22), where all held within 5% except the part autoencoder's, corrected then from 3.85 to 2.2.
# GANSeg's went from 1.46 to 3.9 when its CPU defaults became batch 8 and 32-channel SPADE convs (issue 4, same day).
# Changing a figure changes the steps a budget buys, and so every number in bench/results.json.
REF_SPEED = {'ganseg': (3.9, 2.1), 'perturbgan': (3.1, 3.4), 'elgan': (2.06, 3.4), 'ils': (3.1, 3.4), 'partseg': (2.2, None)}
GAN_SHARE = 0.8

LAYERED_CPU = dict(arch='style', margin=4, bg_down=4, eta_max=0.5, loss='ns', real_gp='one_centred', lambda_gp=0.625, lr_g=2e-4, lr_d=8e-4,
                   beta1=0.5, beta2=0.9, d_head='fc')

def _runs():
    "Every run of the suite: name -> (method, dataset, resolution, extra notebook parameters)."
    R = {}
    for ds in ('synthetic_easy', 'synthetic', 'weizmann', 'cub'): R[f'ganseg-{ds}'] = ('ganseg', ds, 32, {})
    for m in ('perturbgan', 'elgan', 'ils'):
        for ds in ('synthetic_easy', 'synthetic', 'weizmann'): R[f'{m}-{ds}'] = (m, ds, 32, {})
    for ds in ('synthetic_easy', 'synthetic', 'weizmann'): R[f'partseg-{ds}'] = ('partseg', ds, 64, {})
    # PerturbGAN with the switches that first made a layered GAN segment here (issue 13, docs/layered, 2026-12-05): the StyleGAN-like
    # trunk, a canvas, a coarse background, the size prior on both sides, GANSeg's GAN recipe. Fixed steps (its own speed, not REF_SPEED's).
    R['perturbgan-cpu-synthetic_easy'] = ('perturbgan', 'synthetic_easy', 32, dict(LAYERED_CPU, steps=2000, seg_steps=300, seg_batch=16))
    # + ILSGAN's independent-layer term (2026-12-05): it ends the frame phase that held seeds 1 and 2 at step 2,000; at 3,000 GAN steps
    # (about 25 CPU minutes a seed with one thread) the shapes get their limbs (docs/layered sections 6-9)
    # ELGAN and the improved GAN with the same switches (2026-12-05, third session): their own losses and presets otherwise, plus
    # PerturbGAN's size hinge (gamma_size 2), which their presets leave off, so that LAYERED_CPU's two-sided size prior is on for
    # them too (without it the improved GAN's masks were empty in every sample by step 500, at a time when the style trunk did not
    # pass the code to its output, so its MI terms did nothing; docs/layered sections 10-11 for what these entries reach)
    # + the horses with the size cap at 35% of the frame instead of 50% (a stated prior on horses' size, as η is; docs/layered section 12)
    # + the improved GAN on PerturbGAN's footing (2026-12-05, fourth session): PerturbGAN's shift, contrast jitter and size hinge, no
    # spectral norm or flips (the ils preset's 'our choice, as ELGAN'), and G's MI terms from step 1,000 (`mi_start`): MI from
    # step 0 draws frames and code glyphs on either footing, MI from 1,000 finds object masks and spreads the code over them
    # (docs/layered section 13); from step 1,500: the seed still in its frame phase at 1,000 left it by 1,500 (section 14);
    # 'migate' (fifth session): from the first health reading at or after step 1,000 where G's own masks are not a frame (section 15)
    # ELGAN 'lazy' (sixth session): on the same footing, the mask from the foreground trunk with the code (n_super 0: c_sup's own
    # mask trunk drew one bowl, section 14) and the equivariance term every 4th step at 4x weight (equi_every), so that its step costs
    # about PerturbGAN's and 3,000 steps fit the budget (at every step, 2,000 steps took the 30 minutes; section 15)
    # 'noequi': the same without the equivariance term (ELGAN Table 3 D: recovery, no equivariance; shift only, as the entries above)
    # 'lazy-nocolor': 'lazy' without DiffAugment's colour transform on D's inputs (ELGAN's preset has it on; the PerturbGAN and
    # improved-GAN entries that segment here have it off): seed 0 0.879, the code recovered (docs/layered section 16). Its seeds from the
    # seventh session on run with D's trunk shared between the adversarial term and E_x (10-15% less GAN time a run, the same losses)
    # 'lazy-nocolor-max035' on the horses: that footing with the horses' size cap and steps of the PerturbGAN / improved-GAN horse entries
    # 'lazy-nocolor-start1500': 'lazy-nocolor' with the recovery terms from step 1,500, as the improved GAN's entry: in its seed 0 the
    # code was found while the masks were still going between frame and object, and went into the border (docs/layered section 17;
    # mi_gate 'shape' would have opened at step 1,000 in that seed, where one reading was not a frame, so it would change nothing);
    # 3 seeds (eighth session): 0.843 ± 0.024, ELGAN's CPU preset (configs/layered_elgan_cpu_easy.yaml; docs/layered section 18)
    # 'indep3k-noshift' (eighth session): PerturbGAN's Table 1 (b) on the footing that segments, the shift off (docs/layered section 19)
    # the papers' ablations on the CPU footing, one switch each against the CPU presets (tenth session, docs/layered section 21):
    # 'lazy-nocolor-start1500-noequi' ELGAN's preset without the equivariance term (ELGAN Table 3 D against E);
    # 'mistart1500-rounds1' the improved GAN's preset without alternate training (one round; the improved GAN's Table 3)
    # 'mistart1500-nomi' (eleventh session) the improved GAN's preset without G's MI terms, the size loss alone holding the masks
    # (the improved GAN's Table 1: "size loss instead of MI" left all as background)
    # 'lazy-nocolor-start1500-affine' (twelfth session) ELGAN's preset with ELGAN's own affine perturbation (scale, rotation,
    # translation) instead of PerturbGAN's shift, which the CPU footing took from PerturbGAN (ELGAN Table 3 C and D against B)
    # 'lazy-nocolor-start1500-norec' (seventeenth session) ELGAN's preset without the private-code recovery: the size hinge alone
    # holds the masks, as in ELGAN's Table 3 A (PerturbGAN's counterpart); 'lazy-nocolor-start1500-nosize' the preset without the
    # size hinge (and so without the two-sided size prior): the recovery alone, as in Table 3 B (A against B: the recovery replaces it)
    ILS_ON_PG = dict(gamma_size=2.0, perturb='shift', contrast_jitter=True, spectral_norm=False, flip=False, mi_start=1000)
    for m, tag, ds, steps, over in (('perturbgan', 'indep', 'synthetic_easy', 2000, {}), ('perturbgan', 'indep', 'weizmann', 2000, {}),
                                    ('perturbgan', 'indep3k', 'synthetic_easy', 3000, {}), ('perturbgan', 'indep3k', 'weizmann', 3000, {}),
                                    ('perturbgan', 'indep3k-noshift', 'synthetic_easy', 3000, {'perturb': 'none'}),
                                    ('perturbgan', 'indep-max035', 'weizmann', 2000, {'eta_max': 0.35}),
                                    ('ils', 'indep3k', 'synthetic_easy', 3000, {'gamma_size': 2.0}),
                                    ('elgan', 'indep', 'synthetic_easy', 1500, {'gamma_size': 2.0}),
                                    ('ils', 'mistart', 'synthetic_easy', 3000, ILS_ON_PG),
                                    ('ils', 'mistart1500', 'synthetic_easy', 3000, dict(ILS_ON_PG, mi_start=1500)),
                                    ('ils', 'mistart1500-max035', 'weizmann', 2500, dict(ILS_ON_PG, mi_start=1500, eta_max=0.35)),
                                    ('ils', 'migate', 'synthetic_easy', 3000, dict(ILS_ON_PG, mi_gate='shape')),
                                    ('elgan', 'lazy', 'synthetic_easy', 3000, dict(ILS_ON_PG, n_super=0, equi_every=4)),
                                    ('elgan', 'noequi', 'synthetic_easy', 3000, dict(ILS_ON_PG, n_super=0, gamma_equi=0.0)),
                                    ('elgan', 'lazy-nocolor', 'synthetic_easy', 3000, dict(ILS_ON_PG, n_super=0, equi_every=4, color_aug=False)),
                                    ('elgan', 'lazy-nocolor-max035', 'weizmann', 2500, dict(ILS_ON_PG, n_super=0, equi_every=4, color_aug=False, eta_max=0.35)),
                                    ('elgan', 'lazy-nocolor-start1500', 'synthetic_easy', 3000, dict(ILS_ON_PG, n_super=0, equi_every=4, color_aug=False, mi_start=1500)),
                                    ('elgan', 'lazy-nocolor-start1500-noequi', 'synthetic_easy', 3000,
                                     dict(ILS_ON_PG, n_super=0, equi_every=4, color_aug=False, mi_start=1500, gamma_equi=0.0)),
                                    ('elgan', 'lazy-nocolor-start1500-affine', 'synthetic_easy', 3000,
                                     dict(ILS_ON_PG, n_super=0, equi_every=4, color_aug=False, mi_start=1500, perturb='affine')),
                                    ('elgan', 'lazy-nocolor-start1500-norec', 'synthetic_easy', 3000,
                                     dict(ILS_ON_PG, n_super=0, equi_every=4, color_aug=False, mi_start=1500, gamma_r=0.0)),
                                    ('elgan', 'lazy-nocolor-start1500-nosize', 'synthetic_easy', 3000,
                                     dict(ILS_ON_PG, n_super=0, equi_every=4, color_aug=False, mi_start=1500, gamma_size=0.0)),
                                    ('ils', 'mistart1500-rounds1', 'synthetic_easy', 3000, dict(ILS_ON_PG, mi_start=1500, rounds=1)),
                                    ('ils', 'mistart1500-nomi', 'synthetic_easy', 3000, dict(ILS_ON_PG, mi_start=1500, gamma_mi=0.0))):
        R[f'{m}-cpu-{tag}-{ds}'] = (m, ds, 32, dict(LAYERED_CPU, gamma_indep=1.0, indep_warm=100, steps=steps, seg_steps=300, seg_batch=16, **over))
    for c in (1, 2, 3): R[f'partseg-cub{c}'] = ('partseg', 'cub', 64, {'classes': [c], 'protocol': 'bbox1.5'})
    # The part autoencoder at 1,000 steps (measured 11.6-17.4 min a run with one thread beside another run, about 1.4 steps/s on
    # CUB-1/2/3; REF_SPEED's 2.2 is not used: the steps are fixed), on whole class images squashed to the square as the authors
    # train CUB-1/2/3 (2026-12-05, fifth session)
    for c in (1, 2, 3): R[f'partseg-cpu-cub{c}'] = ('partseg', 'cub', 64, {'classes': [c], 'protocol': 'squash', 'steps': 1000})
    # the same at 2,000 steps (sixth session): at 1,000 the background area was still falling (0.91 -> 0.85 on CUB-3) and the part
    # spread still rising; about 25 minutes a run with one thread beside another run
    for c in (1, 2, 3): R[f'partseg-cpu2k-cub{c}'] = ('partseg', 'cub', 64, {'classes': [c], 'protocol': 'squash', 'steps': 2000})
    # eight parts instead of four at 1,000 steps (eleventh session): on the synthetic level K = 8 lowered the held-out landmark
    # error (23.1% against 26.0%) with the same concentration prior
    for c in (1, 2, 3): R[f'partseg-cpu-k8-cub{c}'] = ('partseg', 'cub', 64, {'classes': [c], 'protocol': 'squash', 'steps': 1000, 'n_parts': 8})
    # the horses with twice the authors' background weight (twelfth session, docs/partseg): at 0.3 the background takes 95% of
    # every image, at 1.0 the foreground is one fixed central square; at 0.6 the foreground's edge moves from image to image, but
    # each seed scores what its own mean layout scores (FIXED_LAYOUT below)
    R['partseg-cpu-bg06-weizmann'] = ('partseg', 'weizmann', 64, {'steps': 1000, 'lambda_bg': 0.6})
    # the background drawn coarse from its own vector, composited with a binarised mask ('own-hard', thirteenth session, docs/partseg):
    # an object pixel given to the background now costs reconstruction; with the authors' weights the parts then hold the torso
    # (0.359, 1 seed), with the reconstruction at 3x (lambda_rec 4.5) they reach the legs and the layout follows the horse
    R['partseg-cpu-ownhard-rec45-weizmann'] = ('partseg', 'weizmann', 64, {'steps': 1000, 'bg_render': 'own-hard', 'lambda_rec': 4.5})
    # the same two switches on CUB-1/2/3 (whole class images, as partseg-cpu-cub1..3); CUB-3 is the class whose held-out reading missed the constant
    R['partseg-cpu-ownhard-rec45-synthetic_easy'] = ('partseg', 'synthetic_easy', 64, {'steps': 1000, 'bg_render': 'own-hard', 'lambda_rec': 4.5})
    # each pixel drawn from its own rendered feature (decoder 'local', fifteenth session, docs/partseg): the paper's 3x3 decoder reads
    # the limbs from the silhouette, so any cut of the object reconstructs alike and the concentration prior's cut (limbs to the
    # background, the body in pieces) is left; with the local decoder and the reconstruction at 10x the body is one part (1 seed)
    R['partseg-cpu-local-rec15-synthetic_easy'] = ('partseg', 'synthetic_easy', 64, {'steps': 1000, 'bg_render': 'own-hard', 'lambda_rec': 15.0, 'decoder': 'local'})
    # the same at 2,000 steps (about 30 minutes a run with one thread beside another run): seed 0 reached NMI 0.386 (0.357 at 1,000)
    R['partseg-cpu2k-local-rec15-synthetic_easy'] = ('partseg', 'synthetic_easy', 64, {'steps': 2000, 'bg_render': 'own-hard', 'lambda_rec': 15.0, 'decoder': 'local'})
    # and at 4,000 steps (about an hour a run with one thread beside another run; = configs/partseg_cpu_easy.yaml): NMI 0.432 ± 0.025 (3 seeds)
    R['partseg-cpu4k-local-rec15-synthetic_easy'] = ('partseg', 'synthetic_easy', 64, {'steps': 4000, 'bg_render': 'own-hard', 'lambda_rec': 15.0, 'decoder': 'local'})
    for c in (1, 2, 3):
        R[f'partseg-cpu-ownhard-rec45-cub{c}'] = ('partseg', 'cub', 64, {'classes': [c], 'protocol': 'squash', 'steps': 1000, 'bg_render': 'own-hard', 'lambda_rec': 4.5})
    return R
RUNS = _runs()

# The papers' ablations on the built-in synthetic data (issue 5): name -> (method, dataset, px, switches, what the paper found).
ABLATIONS = {
    'perturbgan': ('perturbgan', 'synthetic', 32, {}, 'PerturbGAN (a): the preset'),
    'perturbgan-no-perturb': ('perturbgan', 'synthetic', 32, {'perturb': 'none'}, 'PerturbGAN Table 1 (b): no shift → masks collapse'),
    'perturbgan-no-jitter': ('perturbgan', 'synthetic', 32, {'contrast_jitter': False}, 'PerturbGAN Table 1 (d) undone: no background contrast jitter'),
    'perturbgan-no-crop': ('perturbgan', 'synthetic', 32, {'real_crop': False}, 'PerturbGAN Table 1 (e): real images resized, not cropped'),
    'perturbgan-size10': ('perturbgan', 'synthetic', 32, {'gamma_size': 10.0}, 'PerturbGAN Table 1 (f): γ1 = 10'),
    'perturbgan-eta5': ('perturbgan', 'synthetic', 32, {'eta': 0.05}, 'PerturbGAN Table 1 (g): η = 5%'),
    'elgan-A': ('elgan', 'synthetic', 32, {'perturb': 'shift', 'gamma_r': 0.0, 'gamma_size': 2.0, 'gamma_equi': 0.0}, 'ELGAN Table 3 A: PerturbGAN counterpart (size loss, shift)'),
    'elgan-B': ('elgan', 'synthetic', 32, {'perturb': 'shift', 'gamma_equi': 0.0}, 'ELGAN Table 3 B: private code recovery instead of the size loss'),
    'elgan-D': ('elgan', 'synthetic', 32, {'gamma_equi': 0.0}, 'ELGAN Table 3 C+D: + scale and rotation (affine)'),
    'elgan-E': ('elgan', 'synthetic', 32, {}, 'ELGAN Table 3 E: + equivariance (the preset)'),
    'ils-size': ('ils', 'synthetic', 32, {'gamma_mi': 0.0, 'gamma_size': 2.0}, 'improved GAN Table 1: size loss instead of MI → "all as background"'),
    'ils-mi0.1': ('ils', 'synthetic', 32, {'gamma_mi': 0.1}, 'improved GAN Table 1: γ_mi = 0.1 (IoU 0 in the paper)'),
    'ils': ('ils', 'synthetic', 32, {}, 'improved GAN Table 1: γ_mi = 1 (the preset)'),
    'ils-mi5': ('ils', 'synthetic', 32, {'gamma_mi': 5.0}, 'improved GAN Table 1: γ_mi = 5'),
    'ils-no-at': ('ils', 'synthetic', 32, {'rounds': 1}, 'improved GAN Table 3: without alternate training'),
    # GANSeg Fig. 9 / appendix F on the medium level (issue 17)
    'ganseg-medium': ('ganseg', 'synthetic_medium', 32, {}, 'GANSeg: the defaults'),
    'ganseg-no_points': ('ganseg', 'synthetic_medium', 32, {'ablation': 'no_points'}, 'GANSeg Fig. 9: no points → worse'),
    'ganseg-no_bg': ('ganseg', 'synthetic_medium', 32, {'ablation': 'no_bg'}, 'GANSeg Fig. 9: no separate background → worse'),
    'ganseg-no_con': ('ganseg', 'synthetic_medium', 32, {'ablation': 'no_con'}, 'GANSeg Fig. 9: no concentration loss → worse'),
    'ganseg-no_area': ('ganseg', 'synthetic_medium', 32, {'ablation': 'no_area'}, 'GANSeg Fig. 9: no area loss → worse'),
    'ganseg-fixed_sigma': ('ganseg', 'synthetic_medium', 32, {'ablation': 'fixed_sigma'}, 'GANSeg appendix F.2: a fixed part scale → worse'),
}
SUITES = {'main': RUNS, 'ablations': ABLATIONS}

# The papers' ablations on the CPU footing that segments (issue 13 item 4): (the paper's finding, the main-suite entry with the
# component, the entry without it, which of the two is the ablation's arm: the other is the method's CPU preset). Each pair
# differs in one switch (tests/test_bench.py checks it); 'ablations' above are on the papers' presets at the 8-minute budget,
# where no layered GAN segments, so their rows cannot show a direction. An arm is never the method's headline entry.
FOOTING_ABLATIONS = [
    ('PerturbGAN Table 1 (b): without the shift the masks collapse', 'perturbgan-cpu-indep3k-synthetic_easy',
     'perturbgan-cpu-indep3k-noshift-synthetic_easy', 'without'),
    ('ELGAN Table 3 D against E: the equivariance term helps', 'elgan-cpu-lazy-nocolor-start1500-synthetic_easy',
     'elgan-cpu-lazy-nocolor-start1500-noequi-synthetic_easy', 'without'),
    ('ELGAN Table 3 C and D against B: scale and rotation (the affine perturbation) help over the shift alone',
     'elgan-cpu-lazy-nocolor-start1500-affine-synthetic_easy', 'elgan-cpu-lazy-nocolor-start1500-synthetic_easy', 'with'),
    ('ELGAN Table 3 A against B: the private code recovery helps (without it the size hinge alone holds the masks, as in A)',
     'elgan-cpu-lazy-nocolor-start1500-synthetic_easy', 'elgan-cpu-lazy-nocolor-start1500-norec-synthetic_easy', 'without'),
    ('ELGAN Table 3 B, read the other way: the size hinge helps beside the recovery (B drops it, so the paper expects no loss without it)',
     'elgan-cpu-lazy-nocolor-start1500-synthetic_easy', 'elgan-cpu-lazy-nocolor-start1500-nosize-synthetic_easy', 'without'),
    ("improved GAN Table 3: alternate training helps", 'ils-cpu-mistart1500-synthetic_easy', 'ils-cpu-mistart1500-rounds1-synthetic_easy',
     'without'),
    ("improved GAN Table 1: the MI terms help (the size loss alone: all as background)", 'ils-cpu-mistart1500-synthetic_easy',
     'ils-cpu-mistart1500-nomi-synthetic_easy', 'without'),
]

# Entries whose number is not the method segmenting, kept out of the README's headline (docs/results.md lists them with the rest):
# each scores what its own mean layout scores, one fixed mask for every image (bench/partseg_layout.py), so the number is a
# centred prior reached by another route, as the ellipse is.
FIXED_LAYOUT = {'partseg-cpu-bg06-weizmann'}

def ablation_arms() -> set:
    "The entries that are an ablation's arm (a preset with a component removed or added), kept out of the README's headline."
    return {a if arm == 'with' else b for _, a, b, arm in FOOTING_ABLATIONS}

def ablation_verdict(with_, without) -> str:
    """Whether a paper's "the component helps" holds here, from two (mean, sd, n) triples of a score where higher is better:
    'holds' when the runs with the component are ahead by more than twice the standard error of the difference of the means,
    'contradicts' when they are behind by as much, 'within the seeds' spread' otherwise; no verdict from fewer than 2 seeds a side."""
    if with_ is None or without is None: return 'not run'
    (m1, s1, n1), (m0, s0, n0) = with_, without
    if min(n1, n0) < 2: return f'{min(n1, n0)} seed: no verdict'
    se = (s1 ** 2 / n1 + s0 ** 2 / n0) ** 0.5
    d = m1 - m0
    return 'holds' if d > 2 * se else 'contradicts' if d < -2 * se else "within the seeds' spread"
# The layered GANs need masks to be scored, and CUB50 has none: they are not run on it (said on the page).

PUBLISHED = [  # (method, dataset / protocol, metric, value, source, matches a protocol here?)
    # CUB-1/2/3: the entries on whole class images squashed to the square, as the authors train and evaluate them (protocol squash)
    ('partseg', 'CUB-1 (class 1), landmarks', 'error % (authors\' code: as released)', 18.15, 'partseg paper Table 4', 'partseg-cpu-cub1'),
    ('partseg', 'CUB-2 (class 2), landmarks', 'error % (authors\' code: as released)', 17.54, 'partseg paper Table 4', 'partseg-cpu-cub2'),
    ('partseg', 'CUB-3 (class 3), landmarks', 'error % (authors\' code: as released)', 19.40, 'partseg paper Table 4', 'partseg-cpu-cub3'),
    ('SCOPS', 'CUB-1 / 2 / 3, landmarks', 'error % of box', '18.50 / 18.82 / 21.07', 'partseg paper Table 4', 'partseg-cpu-cub1..3'),
    ('ganseg', 'CUB (full, K=8, 128 px)', 'foreground IoU', 0.629, 'GANSeg Table 2', '-CUB50 has no masks'),
    ('ganseg', 'Flowers (K=8, 128 px)', 'foreground IoU', 0.739, 'GANSeg Table 2', '-Flowers is not in shared/data'),
    ('ganseg', 'CelebA in the wild (K=8)', 'landmark error % of inter-ocular', 12.26, 'GANSeg Table 1', '-CelebA is not in shared/data'),
    ('ganseg', 'CUB, protocol of Lorenz et al.', 'landmark error % of image edge', 3.23, 'GANSeg §4.4',
     '-other protocol (ganseg-cub here: all 50 classes, 32 px, error / box)'),
    ('perturbgan', 'CUB (full)', 'mIoU', 0.380, 'GANSeg Table 2 / improved GAN Table 5', '-CUB50 has no masks'),
    ('ils', 'CUB (full, 128 px)', 'foreground IoU / mIoU / NMI', '0.697 / 0.817 / 0.585', 'improved layered GAN Tables 4–5', '-CUB50 has no masks'),
    ('GrabCut', 'CUB (full)', 'foreground IoU', 0.360, 'improved layered GAN Table 5', '-CUB50 has no masks'),
]

def steps_for(method: str, budget: float, quick: bool) -> dict:
    "Notebook step parameters for a run of `budget` CPU minutes."
    if quick: return {'steps': 4} if method == 'partseg' else {'steps': 4, 'seg_steps': 4}
    g, s = REF_SPEED[method]
    r10 = lambda x: max(10, int(round(x, -1)))
    if method == 'partseg': return {'steps': r10(budget * 60 * g)}
    return {'steps': r10(GAN_SHARE * budget * 60 * g), 'seg_steps': r10((1 - GAN_SHARE) * budget * 60 * s)}

def run_one(name: str, seed: int, a, log) -> dict:
    "Execute one run's notebook with one seed in a fresh process with one thread (bench/train_run.py) and read its Report."
    method, ds, res, extra = SUITES[a.suite][name][:4]
    # the layered entries name every switch over the papers' presets (footing 'paper', the notebook's default until 2026-12-06),
    # so that an entry means what it meant when it was measured, whatever the notebook's default footing
    from unseg.layered.train import PRESETS as LAYERED_METHODS
    base = {'footing': 'paper'} if method in LAYERED_METHODS else {}
    params = {**base, **steps_for(method, a.budget, a.quick), **extra, 'seed': seed, **({'eval_n': 32} if a.quick else {})}
    cmd = [sys.executable, str(ROOT / 'bench/train_run.py'), '--method', method, '--dataset', ds, '--res', str(res),
           '--name', (name if a.suite == 'main' else f'ablation-{name}') + f'-s{seed}', '--out', str(a.out), '--quiet']
    for k, v in params.items(): cmd += ['-p', k, json.dumps(v)]
    env = {**os.environ, 'OMP_NUM_THREADS': str(a.threads), 'MKL_NUM_THREADS': str(a.threads), 'MPLBACKEND': 'Agg'}
    log(f'start {name} seed {seed}: {params}')
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t
    if p.returncode:
        log(f'FAILED {name} seed {seed} after {wall:.0f} s:\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}')
        return {'seed': seed, 'params': params, 'wall_s': round(wall), 'error': (p.stderr or p.stdout)[-2000:]}
    run_dir = Path(p.stdout.strip().splitlines()[-1])
    from unseg.evaluate import Report
    m = Report.load(run_dir / 'metrics.json').to_dict()        # the one metrics.json layout (a clear error for any other)
    log(f'done {name} seed {seed} in {wall / 60:.1f} min ({run_dir})')
    return {'seed': seed, 'params': params, 'wall_s': round(wall), 'run_dir': str(run_dir.relative_to(ROOT) if run_dir.is_relative_to(ROOT) else run_dir),
            'metrics': m}

# ----------------------------------------------------------------------------------------------- speed
def measure_speed(quick: bool, log) -> dict:
    """Training steps/s of every method at 32, 64, 128 px (the notebooks' CPU-default widths, batch 16, all
    threads), timed as (time of 1 + n steps) − (time of 1 step) after an untimed warm-up run, so that building
    the models, first-call costs and the first step cancel; segmenter (U-Net) inference images/s; ratios to
    GANSeg at 32 px from the same process and minute."""
    import torch
    from unseg.data.synthetic import SyntheticShapes
    from unseg.ganseg.model import GANSegConfig
    from unseg.ganseg.train import train_ganseg
    from unseg.layered.model import LayeredConfig
    from unseg.layered.train import preset, train_layered
    from unseg.partseg.model import PartSegConfig, train_partseg
    from unseg.segment import SegmenterConfig, build_segmenter, predict
    dev = 'cuda' if torch.cuda.is_available() else 'cpu'
    ress = (32,) if quick else (32, 64, 128)
    n_for = (lambda res: 2) if quick else (lambda res: {32: 12, 64: 6}.get(res, 3))
    def fit(method, res, steps):
        data = SyntheticShapes(res=res)
        if method == 'ganseg':
            train_ganseg(GANSegConfig(res=res, ch=32, emb_dim=32, d_ch=32, start_res=min(8, res)), data, steps, 16, None, dev, progress=False)
        elif method == 'partseg':
            train_partseg(PartSegConfig(res=res), data, steps, 16, None, dev, progress=False)
        else:
            train_layered(LayeredConfig(res=res, ch=32, d_c=0 if method == 'perturbgan' else 8), preset(method, rounds=1), data, steps, 16, None, dev, progress=False)
        if dev == 'cuda': torch.cuda.synchronize()
    def sps(method, res):
        n = n_for(res)
        fit(method, res, 1)                                               # warm-up: lazy imports, weights files, allocator
        t0 = time.perf_counter(); fit(method, res, 1); t1 = time.perf_counter(); fit(method, res, 1 + n); t2 = time.perf_counter()
        dt = (t2 - t1) - (t1 - t0)
        if dt <= 0:      # a busy machine can make the longer run look no slower: no figure rather than a wrong one or a crash
            log(f'speed of {method} at {res} px: {n} extra steps took no measurable time ({t1 - t0:.2f} s vs {t2 - t1:.2f} s); not reported')
            return None
        return n / dt
    out = {'device': dev, 'threads': torch.get_num_threads(), 'steps_timed': {str(r): n_for(r) for r in ress}, 'train_steps_per_s': {}, 'segmenter_images_per_s': {}}
    for m in ('ganseg', 'perturbgan', 'elgan', 'ils', 'partseg'):
        out['train_steps_per_s'][m] = {}
        for res in ress:
            v = sps(m, res)
            out['train_steps_per_s'][m][str(res)] = None if v is None else round(v, 3)
            log(f"speed {m} {res} px: {out['train_steps_per_s'][m][str(res)]} steps/s")
    for res in ress:
        net = build_segmenter(SegmenterConfig(mode='parts', n_parts=4)).to(dev)
        x = torch.randn(64, 3, res, res)
        predict(net, x[:8])
        t = time.perf_counter(); k = 0
        while time.perf_counter() - t < (0.5 if quick else 3): predict(net, x); k += 1
        out['segmenter_images_per_s'][str(res)] = round(64 * k / (time.perf_counter() - t), 1)
    ref = out['train_steps_per_s']['ganseg']['32']
    out['ratio_to_ganseg_32'] = {m: {r: None if v is None or not ref else round(v / ref, 2) for r, v in d.items()} for m, d in out['train_steps_per_s'].items()}
    if not quick: out['paper_presets'] = measure_paper_presets(dev, log)
    return out

# The released CUB generator (xingzhehe/GANSeg @a3f5078, log/gan_cub_k8/parameters.json): its parameter count, and its forward +
# backward at batch 4 timed on this 2-core CPU with the same harness as measure_paper_presets (2026-12-02, median of 3 after a
# warm-up, idle machine, between two timings of unseg's preset: 23.80 and 25.13 s): 26.09 s. Issue 17 quoted 11.9 s for it,
# a figure this harness does not reproduce on this machine.
RELEASED_GANSEG = {'params': 23_221_833, 's_per_step': 26.09}

def measure_paper_presets(dev: str, log, batch: int = 4, repeats: int = 3) -> dict:
    "GANSeg's paper preset at 128 px (the released widths): parameters, and generator forward + backward seconds per step at batch 4 (median of 3)."
    import statistics, torch
    from unseg.ganseg.model import GANSegConfig, GANSegGenerator
    out = {}
    for ds in ('cub',):
        G = GANSegGenerator(GANSegConfig.paper(ds)).to(dev)
        n = sum(p.numel() for p in G.parameters() if p.requires_grad)
        def step():
            G.zero_grad(set_to_none=True); G.generate(batch, dev).image.mean().backward()
            if dev == 'cuda': torch.cuda.synchronize()
        step()                                                            # warm-up
        ts = []
        for _ in range(repeats):
            t = time.perf_counter(); step(); ts.append(time.perf_counter() - t)
        out[f'ganseg-{ds}128'] = {'params': n, 'released_params': RELEASED_GANSEG['params'], 'batch': batch,
                                  's_per_step': round(statistics.median(ts), 2), 'released_s_per_step': RELEASED_GANSEG['s_per_step']}
        log(f"paper preset ganseg-{ds}128: {n / 1e6:.2f} M parameters, {statistics.median(ts):.2f} s per generator step at batch {batch}")
        del G
    return out

BASELINE_DATA = ('synthetic_easy', 'synthetic_medium', 'synthetic', 'weizmann')

def measure_baselines(quick: bool, log) -> dict:
    "The three baselines on every synthetic level's evaluation images and the Weizmann horses at 32, 64 and 128 px (GrabCut improves with resolution)."
    from unseg.evaluate import protocol_for, eval_dataset, _BASELINE_KEYS
    from unseg.metrics import baseline_scores
    out = {}
    for ds in BASELINE_DATA:
        for res in ((32,) if quick else (32, 64, 128)):
            d = eval_dataset(protocol_for(ds, 256), '', res, seed=0)
            b = d.batch(range(len(d)))
            out.setdefault(ds, {})[str(res)] = {_BASELINE_KEYS[k]: {'iou_mean': round(v['iou_mean'], 4), 'iou_dataset': round(v['iou_dataset'], 4), 'miou': round(v['miou'], 4)}
                                                for k, v in baseline_scores(b.image, b.fg, grabcut_too=True).items()}
            log(f'baselines {ds} {res} px: ' + ', '.join(f"{k} {v['iou_mean']:.3f}" for k, v in out[ds][str(res)].items()))
    return out

LANDMARK_FLOORS = {  # name -> (dataset, px, get_dataset kwargs, the runs it is the floor of)
    'cub50': ('cub', 32, {}, 'ganseg-cub'),
    **{f'cub{c}': ('cub', 64, {'classes': [c], 'protocol': 'bbox1.5'}, f'partseg-cub{c}') for c in (1, 2, 3)},
}

def measure_floors(quick: bool, log) -> dict:
    """Landmark floors that need no training, on each landmark protocol here: the constant predictor (the mean
    keypoint of the fitting images), random part centres and an untrained part-segmentation network (seed 0,
    the notebook's CPU architecture), under the held-out and the as-released protocols (unseg.evaluate)."""
    import torch
    from unseg.core import seed_everything
    from unseg.evaluate import protocol_for, eval_dataset, maps_landmark_table, _batch_all
    from unseg.partseg.model import PartSegConfig, PartSegModel, predict_parts
    out = {}
    for name, (ds, px, kw, _) in LANDMARK_FLOORS.items():
        p = protocol_for(ds)
        fb, tb = (_batch_all(eval_dataset(p, '', px, 0, split=sp, **kw)) for sp in (p.reg_split, p.eval_split))
        if quick: fb, tb = (type(b)(*(None if f is None else f[:32] for f in b)) for b in (fb, tb))
        seed_everything(0); net = PartSegModel(PartSegConfig(res=px, perceptual='l1')).eval()
        t = maps_landmark_table({'untrained_network': predict_parts(net, fb.image)}, {'untrained_network': predict_parts(net, tb.image)},
                                fb, tb, p.normaliser)        # the evaluator's centres (the authors' positions, background included)
        out[name] = {'dataset': ds, 'res': px, **kw, 'fit_images': len(fb.image), 'test_images': len(tb.image), 'centres': 'released', **t}
        log(f'floors {name}: ' + '; '.join(f"{prot} " + ', '.join(f'{k} {100 * v:.1f}%' for k, v in d.items()) for prot, d in t.items()))
    return out

# ------------------------------------------------------------------------------------------------- page
# A run entry: {'method', 'dataset', 'res', 'extra', 'budget_min', 'quick', 'seeds': {seed: {'params', 'wall_s', 'run_dir', 'metrics'}}},
# 'metrics' being an `unseg.evaluate.Report` (the one metrics.json layout). Figures are the mean ± standard deviation over seeds.
def _seeds(r: dict) -> list:
    return [v for _, v in sorted(r.get('seeds', {}).items(), key=lambda t: int(t[0])) if 'metrics' in v]

def _get(m: dict, *path):
    for k in path:
        if not isinstance(m, dict) or m.get(k) is None: return None
        m = m[k]
    return m

def _stat(r: dict, *path):
    "(mean, std, n) of a metric over the entry's seeds; None where no seed has it."
    vals = [v for s in _seeds(r) if (v := _get(s['metrics'], *path)) is not None]
    if not vals: return None
    mu = sum(vals) / len(vals)
    sd = (sum((v - mu) ** 2 for v in vals) / (len(vals) - 1)) ** 0.5 if len(vals) > 1 else 0.0
    return mu, sd, len(vals)

def _f(v, pct=False, nd=3):
    "A number, or a (mean, std, n) triple as 'mean ± std' when n > 1."
    if v is None: return '—'
    if isinstance(v, tuple):
        mu, sd, n = v
        return (f'{100 * mu:.1f} ± {100 * sd:.1f}%' if pct else f'{mu:.{nd}f} ± {sd:.{nd}f}') if n > 1 else _f(mu, pct, nd)
    return f'{100 * v:.1f}%' if pct else f'{v:.{nd}f}'

def _best_baseline(r: dict):
    "Name and per-image IoU of the best trivial baseline on the run's own evaluation images (first seed)."
    s = _seeds(r)
    m = s[0]['metrics'] if s else {}
    b = m.get('best_baseline')
    return (b, m['baselines'][b]['iou_mean']) if b else (None, None)

def run_row(name, r):
    "One table row of an entry: what it learned (mean ± sd over seeds), beside its floors, with its health."
    ss = _seeds(r)
    fails = [v for v in r.get('seeds', {}).values() if 'error' in v]
    if not ss: return f"| {name} | {r['dataset']} | {r['res']} | {len(fails)} failed: see results.json |" + ' |' * 9
    m0 = ss[0]['metrics']; t = m0.get('train', {})
    steps = f"{t.get('gan_steps', t.get('steps'))}" + (f" + {t['segmenter_steps']}" if 'segmenter_steps' in t else '')
    bname, bval = _best_baseline(r)
    lm = lambda prot, who: _stat(r, 'landmarks', prot, who)
    held = f"{_f(lm('held_out', 'model'), pct=True)} / {_f(lm('held_out', 'constant'), pct=True)}" if m0.get('landmarks') else '—'
    if _get(m0, 'landmarks', 'held_out_cv'):     # the ridge chosen on the fitting images (evaluator of 2026-12-05, fifth session)
        held += f" (ridge by CV: {_f(lm('held_out_cv', 'model'), pct=True)}" + (f", untrained {_f(lm('held_out_cv', 'untrained_network'), pct=True)}"
                                                                            if _get(m0, 'landmarks', 'held_out_cv', 'untrained_network') is not None else '') + ')'
    rel = (f"{_f(lm('as_released', 'model'), pct=True)} / {_f(lm('as_released', 'constant'), pct=True)}"
           + (f" / {_f(lm('as_released', 'untrained_network'), pct=True)}" if _get(m0, 'landmarks', 'as_released', 'untrained_network') is not None else '')
           if _get(m0, 'landmarks', 'as_released') else '—')
    other = [f'NMI parts {_f(_stat(r, "nmi"))}' if m0.get('nmi') is not None else '', f'NMI E_x {_f(_stat(r, "extra", "nmi_E_x"))}' if _get(m0, 'extra', 'nmi_E_x') is not None else '',
             f'inversion {_f(_stat(r, "extra", "inversion", "iou_mean"))}' if _get(m0, 'extra', 'inversion') else '', f'FID {_f(_stat(r, "fid"), nd=1)}' if m0.get('fid') is not None else '']
    h = m0.get('health', {})
    health = ', '.join(f'{k} {_f(_stat(r, "health", k), nd=2)}' for k in ('cover', 'all_bg', 'all_fg', 'border_cover', 'edge', 'spread', 'halo', 'bg_area') if k in h)
    warn = sum(len(s['metrics'].get('warnings', [])) for s in ss)
    seeds = f"{len(ss)}" + (f' ({len(fails)} failed)' if fails else '')
    wall = sum(s['wall_s'] for s in ss) / len(ss) / 60
    return (f"| {name} | {r['dataset']}{' ' + str(r['extra']['classes']) if 'classes' in r.get('extra', {}) else ''} | {r['res']} | {seeds} | {steps} | "
            f"{_f(_stat(r, 'segmentation', 'iou_mean'))} | {f'{bname} {bval:.3f}' if bname else '—'} | {held} | {rel} | "
            f"{', '.join(o for o in other if o) or '—'} | {health or '—'}{f'; **{warn} warning(s)**' if warn else ''} | {wall:.1f} | {t.get('peak_rss_mb', '—')} |")

HEAD = ("| run | data | px | seeds | steps (model + segmenter) | fg IoU / image | best trivial baseline (same images) | landmarks held-out: model / constant | "
        "as released: model / constant (/ untrained) | other | training health (last reading) | wall min | peak MiB |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|")

def headline(res: dict) -> str:
    """The README's table: one row per method, the datasets as columns, the floors below. A cell is the method's entry on that
    dataset with the most seeds, then the best mean (the entry named, with its seeds), so the table shows what a method reaches
    under any of its bench settings; docs/results.md lists every entry."""
    runs, lines = res['runs'], []
    ablated = ablation_arms() | FIXED_LAYOUT
    def cell(m, ds, key=('segmentation', 'iou_mean'), pct=False, lower=False):
        "Entries on one class (CUB-1/2/3) have their own column; an ablation's arm is not the method, and a fixed layout is not segmenting."
        c = [(n, v) for n, r in runs.items() if r.get('method') == m and r.get('dataset') == ds and not r.get('quick')
             and 'classes' not in r.get('extra', {}) and n not in ablated if (v := _stat(r, *key)) is not None]
        if not c: return '—'
        n, v = max(c, key=lambda t: (t[1][2], -t[1][0] if lower else t[1][0]))
        return f"{_f(v, pct=pct)} (`{n}`, {v[2]} seed{'s' if v[2] > 1 else ''})"
    def cub(c):
        "CUB-c's entry with the most seeds, then the lowest held-out error (ridge by CV where the entry has it)."
        err = lambda r: (_stat(r, 'landmarks', 'held_out_cv', 'model') or _stat(r, 'landmarks', 'held_out', 'model'))[0]
        c_ = [n for n, r in runs.items() if r.get('method') == 'partseg' and r.get('extra', {}).get('classes') == [c]
              and not r.get('quick') and n not in ablated and _stat(r, 'landmarks', 'held_out', 'model') is not None]
        if not c_: return '—'
        name = max(c_, key=lambda n: (len(_seeds(runs[n])), -err(runs[n])))
        r = runs[name]; old = any((s['metrics'].get('landmark_centres') or 'mass') != 'released' for s in _seeds(r))   # before 2026-12-02
        cv = lambda who: _f(_stat(r, 'landmarks', 'held_out_cv', who), pct=True)
        return (_f(_stat(r, 'landmarks', 'held_out', 'model'), pct=True) + (' (centres of mass)' if old else '')
                + (f"; ridge by CV {cv('model')}, its constant {cv('constant')}, untrained {cv('untrained_network')}"
                   if _stat(r, 'landmarks', 'held_out_cv', 'model') else '') + f" (`{name}`, {len(_seeds(r))} seed{'s' if len(_seeds(r)) > 1 else ''})")
    lines.append('| method | synthetic easy fg IoU | synthetic (hard) fg IoU | Weizmann fg IoU | CUB50 landmark error (held-out) | CUB-1 / 2 / 3 landmark error (held-out) |')
    lines.append('|---|---|---|---|---|---|')
    for m in ('ganseg', 'perturbgan', 'elgan', 'ils', 'partseg'):
        cub123 = ' / '.join(cub(c) for c in (1, 2, 3)) if m == 'partseg' else '—'
        cub50 = cell(m, 'cub', ('landmarks', 'held_out', 'model'), pct=True, lower=True) if m == 'ganseg' else '—'
        lines.append(f"| {m} | {cell(m, 'synthetic_easy')} | {cell(m, 'synthetic')} | {cell(m, 'weizmann')} | {cub50} | {cub123} |")
    b = res.get('baselines', {})
    for k in ('all_foreground', 'centred_ellipse', 'grabcut'):
        cells = []
        for ds in ('synthetic_easy', 'synthetic', 'weizmann'):
            d = b.get(ds, {})
            cells.append(' / '.join(f"{d[r][k]['iou_mean']:.3f}" for r in sorted(d, key=int)) if d else '—')
        lines.append(f"| *{k}* ({'/'.join(sorted(b.get('weizmann', {}), key=int))} px) | {cells[0]} | {cells[1]} | {cells[2]} | — | — |")
    fl = res.get('floors', {})
    floor = lambda n, who: _f(_get(fl, n, 'held_out', who), pct=True)
    lines.append(f"| *constant keypoint predictor* | — | — | — | {floor('cub50', 'constant')} | {' / '.join(floor(f'cub{c}', 'constant') for c in (1, 2, 3))} |")
    lines.append(f"| *untrained part network* | — | — | — | {floor('cub50', 'untrained_network')} | {' / '.join(floor(f'cub{c}', 'untrained_network') for c in (1, 2, 3))} |")
    lines.append('| *partseg paper (128 px, 30 epochs; authors\' protocol, not held-out)* | — | — | — | — | 18.15% / 17.54% / 19.40% |')
    return '\n'.join(lines)

def pictures(res: dict, docs: Path) -> dict:
    "Copy (downscaled) each entry's main pictures (first seed) to docs/results/; returns name -> relative path."
    from PIL import Image
    out = {}
    (docs / 'results').mkdir(parents=True, exist_ok=True)
    for name, r in res['runs'].items():
        ss = _seeds(r)
        rd = ROOT / (ss[0].get('run_dir', '-') if ss else '-')
        for suffix, files in (('', ('eval_predictions.png', 'reconstructions.png')), ('-samples', ('final_samples.png',)), ('-health', ('health.png',))):
            src = next((rd / f for f in files if (rd / f).exists()), None)
            dst = docs / 'results' / f'{name}{suffix}.jpg'
            if src is not None:
                im = Image.open(src).convert('RGB'); im.thumbnail((900, 900)); im.save(dst, quality=85)
            if dst.exists(): out[name + suffix] = f'results/{name}{suffix}.jpg'   # a fresh clone keeps the pictures on the page
    return out

def write_page(res: dict, page: Path, readme: Path = None):
    meta = res.get('meta') or res.get('meta_ablations')
    pics = pictures(res, page.parent)
    L = ['# Benchmark results', '',
         f"Written by `bench/run.py` on {meta['date']} ({meta['machine']}; torch {meta['torch']}; last command at commit {meta['commit']}).",
         f"Reproduce: `{meta.get('full_command') or 'python bench/run.py'}` (the last command was `{meta['command']}`; "
         "`python bench/run.py --page-only` rebuilds this page from `bench/results.json`).", '']
    if any(r.get('quick') for r in res['runs'].values()):
        L += ['> **Quick mode**: some runs below trained for a handful of steps to check the pipeline. Their numbers mean nothing.', '']
    budgets = sorted({r.get('budget_min') for r in res['runs'].values() if r.get('budget_min')})
    L += ['## Every run', '',
          f"Each entry is one training notebook per seed, every seed under the same CPU budget ({', '.join(map(str, budgets)) or '—'} CPU minutes a run, "
          f"one thread; {meta['jobs']} run(s) at a time); figures are the mean ± standard deviation over its seeds. The budget becomes steps through "
          "reference speeds (see `bench/run.py`): 80% for the generative model, 20% for the U-Net trained on its samples; the part autoencoder gets it all. "
          "Every run is graded by `unseg.evaluate`: foreground IoU per image is the segmenter's (GANs) or the non-background part channels' "
          "(partseg), beside the best trivial baseline on the same images at the same resolution; landmark error is a linear map without "
          "bias from part positions to keypoints (the part paper's positions: every channel with the background, in [0, 1], where the background "
          "acts as the intercept; entries measured before 2026-12-02 used centres of mass, see each run's `landmark_centres`), **held-out** (fitted on the fitting split, error / box w,h) beside the constant predictor "
          "(the mean keypoint), and **as released** (the part paper's code: fitted on all images, error / box corner) beside the constant "
          "and, for partseg, the untrained network. Training health is the last reading of the run (mask cover, all-bg / all-fg shares, "
          "border cover, parts at the edge, spread of part centres, halo); warnings are counted over seeds. "
          "These are short CPU runs, far from the papers' budgets (tens of thousands of steps on GPUs).", '', HEAD]
    L += [run_row(n, res['runs'][n]) for n in [*[n for n in RUNS if n in res['runs']], *sorted(set(res['runs']) - set(RUNS))]]
    L += ['', 'The layered GANs are not run on CUB50: it has no masks to score them with, and their masks have no parts for landmarks.', '']
    if res.get('ablations'):
        ab, mab = res['ablations'], res.get('meta_ablations', {})
        bud = sorted({r.get('budget_min') for r in ab.values() if r.get('budget_min')})
        L += ['## Ablations', '',
              f"`python bench/run.py --suite ablations` ({', '.join(map(str, bud)) or '—'} CPU minutes a run, {mab.get('date', '—')}). "
              "Each row switches what the papers' ablation tables switch; the paper's finding is in the second column, ours in the rest "
              "(mean ± sd over seeds: read a direction only where the gap exceeds the spread). `cover` is the last health reading's mean "
              "generated-mask cover; `all-bg` / `all-fg` the shares of samples under 2% / over 98%.", '',
              '| ablation | paper | seeds | steps | fg IoU / image | cover | all-bg | all-fg | NMI E_x |', '|---|---|---|---|---|---|---|---|---|']
        for n, (meth, ds, px, sw, what) in ABLATIONS.items():
            if n not in ab: continue
            r = ab[n]; ss = _seeds(r)
            if not ss: L.append(f'| {n} | {what} | failed | | | | | | |'); continue
            t = ss[0]['metrics'].get('train', {})
            L.append(f"| {n} | {what} | {len(ss)} | {t.get('gan_steps')} + {t.get('segmenter_steps')} | {_f(_stat(r, 'segmentation', 'iou_mean'))} | "
                     f"{_f(_stat(r, 'health', 'cover'), nd=2)} | {_f(_stat(r, 'health', 'all_bg'), nd=2)} | {_f(_stat(r, 'health', 'all_fg'), nd=2)} | "
                     f"{_f(_stat(r, 'extra', 'nmi_E_x'))} |")
        L.append('')
    if any(n in res['runs'] for _, a, b, _ in FOOTING_ABLATIONS for n in (a, b)):
        L += ["## The papers' ablations on the CPU footing", '',
              "Each row compares two entries of the table above (synthetic `easy`, 3,000 GAN steps + 300 segmenter steps, one thread a run) "
              "that differ in one switch: the CPU preset of the method and its arm, the same with the component the paper ablates removed "
              "(or, for ELGAN's affine perturbation, added; the arm is in italics). "
              "*Holds* means the side with the component is ahead by more than twice the standard error of the difference of the means, *contradicts* "
              "behind by as much (`ablation_verdict`). Border cover is the generated masks' mean cover on the frame's outer 4 px at the last health "
              "reading (`unseg.evaluate.mask_health`). docs/layered sections 21, 23, 24 and 29 have the pictures.", '',
              '| paper | with (entry) | fg IoU / image | without (entry) | fg IoU / image | verdict | border cover with / without | all-bg without |',
              '|---|---|---|---|---|---|---|---|']
        for what, a, b, arm in FOOTING_ABLATIONS:
            ra, rb = res['runs'].get(a, {}), res['runs'].get(b, {})
            ia, ib = _stat(ra, 'segmentation', 'iou_mean'), _stat(rb, 'segmentation', 'iou_mean')
            seeds = lambda v: f"{v[2] if v else 0} seed{'' if v and v[2] == 1 else 's'}"
            name = lambda n, side: f"*`{n}`*" if side == arm else f"`{n}`"
            L.append(f"| {what} | {name(a, 'with')} | {_f(ia)} ({seeds(ia)}) | {name(b, 'without')} | {_f(ib)} ({seeds(ib)}) | "
                     f"{ablation_verdict(ia, ib)} | {_f(_stat(ra, 'health', 'border_cover'), nd=3)} / {_f(_stat(rb, 'health', 'border_cover'), nd=3)} | "
                     f"{_f(_stat(rb, 'health', 'all_bg'), nd=2)} |")
        L.append('')
    if res.get('baselines'):
        L += ['## Baselines', '', 'Mean per-image foreground IoU of predictors that learn nothing, at each resolution, on the evaluation '
              'images of every synthetic level (256 held-out images) and on all 328 horses (GrabCut initialised with a centred box covering 80% of the image).', '',
              '| data | px | all foreground | centred ellipse (30%) | GrabCut |', '|---|---|---|---|---|']
        for ds, d in res['baselines'].items():
            for r, v in sorted(d.items(), key=lambda t: int(t[0])):
                L.append(f"| {ds} | {r} | {v['all_foreground']['iou_mean']:.3f} | {v['centred_ellipse']['iou_mean']:.3f} | {v['grabcut']['iou_mean']:.3f} |")
        L.append('')
    if res.get('floors'):
        L += ['## Landmark floors', '', "Landmark error of predictors that learn nothing, on each landmark protocol here (`measure_floors`): the constant "
              "predictor (every image gets the mean keypoint of the fitting images), random part centres through a fitted regressor, and an untrained "
              "part-segmentation network (seed 0, the notebook's CPU architecture). *Held-out*: fitted on the train split, error / box w,h per image; "
              "*as released*: the part paper's code, fitted on all images including the scored ones, error / box corner, per keypoint. A model that "
              "does not beat the constant under held-out has learnt nothing about where the keypoints are.", '',
              '| data | px | images (fit / scored) | held-out: constant / random / untrained | as released: constant / random / untrained |', '|---|---|---|---|---|']
        for n, f in res['floors'].items():
            cells = [' / '.join(_f(f[prot].get(k), pct=True) for k in ('constant', 'random_centres', 'untrained_network')) for prot in ('held_out', 'as_released')]
            L.append(f"| {n} | {f['res']} | {f['fit_images']} / {f['test_images']} | {cells[0]} | {cells[1]} |")
        L.append('')
    L += ['## Published figures (paper scale)', '',
          "Numbers from the papers themselves, at their resolutions and budgets, on the full datasets unless said. "
          "Only the CUB-1/2/3 landmark protocol matches a run here, and only under the authors' own evaluation (*as released*: "
          "regressor fitted on all images, error / box corner), where an untrained network already scores 16–18%; "
          "our CUB50 images are downscaled to 256 px and the runs are far shorter.", '',
          '| method | data / protocol | metric | published | matching run here (model / constant / untrained) |', '|---|---|---|---|---|']
    for m, d, k, v, src, match in PUBLISHED:
        if match.startswith('-'): here = 'none: ' + match[1:]
        elif match in res['runs'] and _seeds(res['runs'][match]):
            r = res['runs'][match]
            here = f"{match}: " + ' / '.join(_f(_stat(r, 'landmarks', 'as_released', w), pct=True) for w in ('model', 'constant', 'untrained_network'))
        else: here = match
        L.append(f'| {m} | {d} | {k} | {v} ({src}) | {here} |')
    sp = res.get('speed')
    if sp:
        rs = sorted(next(iter(sp['train_steps_per_s'].values())), key=int)
        L += ['', '## Speed', '', f"Training steps per second (batch 16, the notebooks' CPU-default widths, {sp['threads']} threads on {sp['device']}, "
              f"{', '.join(f'{v} timed steps at {r} px' for r, v in sp['steps_timed'].items()) if isinstance(sp['steps_timed'], dict) else sp['steps_timed']} after a warm-up run and one untimed step), and in brackets the ratio to GANSeg at 32 px measured in the same minute, "
              "which holds better than the absolute figures on a noisy machine.", '',
              '| method | ' + ' | '.join(f'{r} px' for r in rs) + ' |', '|---|' + '---|' * len(rs)]
        for m, d in sp['train_steps_per_s'].items():
            L.append(f'| {m} | ' + ' | '.join('— (not measurable)' if d[r] is None else f"{d[r]:.2f}" + ('' if sp['ratio_to_ganseg_32'][m][r] is None else f" ({sp['ratio_to_ganseg_32'][m][r]:.2f}×)") for r in rs) + ' |')
        L.append('| U-Net segmenter inference, images/s | ' + ' | '.join(f"{sp['segmenter_images_per_s'][r]:.0f}" for r in rs) + ' |')
        if sp.get('paper_presets'):
            L += ['', "Paper presets (GPU settings) on the same machine: the generator's forward + backward pass per step, the median of 3; "
                  "beside it the released generator (its own code and CUB config, run only to time it) under the same harness on this machine "
                  "(issue 17 quoted 11.9 s for it, which this harness does not reproduce here).", '',
                  '| preset | generator parameters | released | s per step (batch) | released, s per step |', '|---|---|---|---|---|']
            for k, v in sp['paper_presets'].items():
                L.append(f"| {k} | {v['params'] / 1e6:.2f} M | {v['released_params'] / 1e6:.2f} M | {v['s_per_step']:.2f} ({v['batch']}) | {v['released_s_per_step']:.2f} |")
    if pics:
        L += ['', '## Pictures', '', 'For each entry (its first seed): predictions beside the ground truth (the segmenter or the part maps on '
              'evaluation images), the generator\'s samples, and the training-health curves.', '']
        for name in sorted(n for n in pics if not n.endswith(('-samples', '-health'))):
            L += [f'### {name}', '', f'![{name}]({pics[name]})', '']
            for suf in ('-samples', '-health'):
                if name + suf in pics: L += [f'![{name}{suf}]({pics[name + suf]})', '']
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text('\n'.join(L) + '\n')
    if readme is not None and readme.exists():
        txt = readme.read_text()
        a, b = '<!-- bench:start -->', '<!-- bench:end -->'
        if a in txt and b in txt:
            nseeds = sorted({len(_seeds(r)) for r in res['runs'].values()})
            note = (f"\n*Each run {', '.join(map(str, budgets)) or '?'} CPU minutes (GANs at 32 px, partseg at 64 px), {'/'.join(map(str, nseeds))} seed(s) an entry (mean ± sd), {meta['date']}"
                    f"{'; QUICK MODE: meaningless numbers' if any(r.get('quick') for r in res['runs'].values()) else ''}. "
                    f"Every run, the health readings, the speed table and pictures: [docs/results.md](docs/results.md).*\n\n")
            txt = txt[:txt.index(a) + len(a)] + note + headline(res) + '\n' + txt[txt.index(b):]
            readme.write_text(txt)

# ------------------------------------------------------------------------------------------------- main
def save_results(res: dict, path: Path):
    "Write results.json whole or not at all (a temporary file, then a rename), so that a stopped run never leaves half a file."
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix('.tmp'); tmp.write_text(json.dumps(res, indent=1)); tmp.replace(path)


def merge_results(res: dict, files: list) -> list:
    """Copy the seeds of other results files (one-seed runs made with --results elsewhere) into `res`, in place.
    An entry must be one of this file's suites with the same parameters (`extra`) and the same budget as the entry it joins;
    a seed in a file replaces the same seed in `res`. Returns [(suite key, NAME, seed, FILE), ...]; ValueError names a bad file or entry."""
    done = []
    for f in map(Path, files):
        try: other = json.loads(f.read_text())
        except (OSError, ValueError) as e: raise ValueError(f'--merge: cannot read {f}: {e}') from e
        for key, suite in (('runs', SUITES['main']), ('ablations', SUITES['ablations'])):
            for name, entry in (other.get(key) or {}).items():
                if name not in suite: raise ValueError(f'--merge: {f}: {key} entry {name!r} is not in bench/run.py')
                if entry.get('extra') != suite[name][3]:
                    raise ValueError(f'--merge: {f}: {name} was run with {entry.get("extra")}, bench/run.py now has {suite[name][3]}')
                mine = res.setdefault(key, {}).get(name)
                if mine and mine.get('seeds') and (mine.get('budget_min'), mine.get('quick')) != (entry.get('budget_min'), entry.get('quick')):
                    raise ValueError(f'--merge: {f}: {name} has budget {entry.get("budget_min")} min (quick {entry.get("quick")}), '
                                     f'the entry it would join {mine.get("budget_min")} min (quick {mine.get("quick")})')
                if not (mine and mine.get('seeds')): mine = res[key][name] = {**entry, 'seeds': {}}   # an empty entry takes the file's budget
                for seed, r in entry.get('seeds', {}).items():
                    if 'metrics' not in r: continue            # a failed seed does not replace anything
                    mine['seeds'][seed] = r; done.append((key, name, seed, f))
    return done


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--budget', type=float, default=8, help='CPU minutes per run (default 8: about 75 minutes in all with 2 jobs on 2 cores)')
    p.add_argument('--quick', action='store_true', help='a few steps per run, to check the pipeline')
    p.add_argument('--suite', default='main', choices=list(SUITES), help="main: every method and dataset; ablations: the papers' ablations on synthetic data")
    p.add_argument('--only', nargs='+', default=None, metavar='RUN', help=f"runs to do, of the main suite: {' '.join(RUNS)}; "
                   f"of the ablations: {' '.join(ABLATIONS)}; 'none' for none")
    p.add_argument('--jobs', type=int, default=2, help='runs at a time (each with --threads threads)')
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--seed', type=int, default=0, help='the first seed')
    p.add_argument('--seeds', type=int, default=1, help='seeds per run (seed, seed+1, ...): the page shows mean ± standard deviation')
    p.add_argument('--no-speed', action='store_true'); p.add_argument('--no-baselines', action='store_true', help='neither the baselines nor the landmark floors')
    p.add_argument('--page-only', action='store_true', help='only rebuild the page and the README table from --results')
    p.add_argument('--merge', nargs='+', type=Path, default=None, metavar='FILE', help='copy the seeds of these results files (runs made '
                   'with --results FILE) into --results, then rebuild the page; nothing is run')
    p.add_argument('--out', type=Path, default=ROOT / 'runs/bench-suite')
    p.add_argument('--results', type=Path, default=ROOT / 'bench/results.json')
    p.add_argument('--page', type=Path, default=ROOT / 'docs/results.md')
    p.add_argument('--readme', default=str(ROOT / 'README.md'), help="README to update ('' for none)")
    a = p.parse_args(argv)
    suite = SUITES[a.suite]
    only = [] if a.only == ['none'] else a.only or list(suite)
    bad = [n for n in only if n not in suite]
    if bad: p.error(f"--only: unknown run(s) {bad} in the {a.suite} suite; its runs are: {' '.join(suite)}")
    if a.budget <= 0: p.error('--budget must be > 0 (CPU minutes per run)')
    if a.seeds < 1: p.error('--seeds must be >= 1')
    readme = Path(a.readme) if a.readme else None
    res = json.loads(a.results.read_text()) if a.results.exists() else {}
    res.setdefault('runs', {}); res.setdefault('ablations', {})
    key = 'runs' if a.suite == 'main' else 'ablations'
    if a.merge:
        try: done = merge_results(res, a.merge)
        except ValueError as e: p.error(str(e))
        commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=ROOT, capture_output=True, text=True).stdout.strip() or '?'
        for k, mk in (('runs', 'meta'), ('ablations', 'meta_ablations')):     # the page's "last command" names the merge
            if res.get(mk) and any(suite_key == k for suite_key, *_ in done):
                res[mk].update(date=f'{datetime.date.today()}', commit=commit,
                               command='python bench/run.py ' + ' '.join(sys.argv[1:] if argv is None else map(str, argv)))
        save_results(res, a.results)
        print('\n'.join(f'merged {name} seed {seed} ({f})' for _, name, seed, f in done) or 'nothing to merge')
        write_page(res, a.page, readme); print(f'wrote {a.results} and {a.page}'); return res
    if a.page_only:
        write_page(res, a.page, readme); print(f'wrote {a.page}'); return res
    import torch
    log = lambda s: print(f"[{datetime.datetime.now():%H:%M:%S}] {s}", flush=True)
    commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=ROOT, capture_output=True, text=True).stdout.strip() or '?'
    mk = 'meta' if a.suite == 'main' else 'meta_ablations'
    res[mk] = {'date': f'{datetime.date.today()}', 'machine': f'{platform.machine()}, {os.cpu_count()} CPU cores', 'torch': torch.__version__,
                   'commit': commit, 'seed': a.seed, 'seeds': a.seeds, 'jobs': a.jobs, 'threads_per_run': a.threads,
                   'command': 'python bench/run.py ' + ' '.join(sys.argv[1:] if argv is None else argv),
                   'full_command': (res.get(mk) or {}).get('full_command', '') if a.only else 'python bench/run.py ' + ' '.join(sys.argv[1:] if argv is None else argv)}
    a.out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    jobs = [(n, s) for n in only for s in range(a.seed, a.seed + a.seeds)]
    earlier = {n: res[key].get(n) for n in only}   # kept if every seed of the new entry fails
    for n in only:       # a fresh entry per run: earlier seeds of another budget or commit do not mix in
        method, ds, px, extra = SUITES[a.suite][n][:4]
        res[key][n] = {'method': method, 'dataset': ds, 'res': px, 'extra': extra, 'budget_min': None if a.quick else a.budget, 'quick': a.quick, 'seeds': {}}
    with ThreadPoolExecutor(max(1, a.jobs)) as ex:
        for (name, seed), r in zip(jobs, ex.map(lambda j: run_one(j[0], j[1], a, log), jobs)):
            res[key][name]['seeds'][str(seed)] = r
            save_results(res, a.results)
    log(f'{len(jobs)} runs in {(time.perf_counter() - t) / 60:.1f} min')
    for n in only:
        if earlier[n] and all('error' in r for r in res[key][n]['seeds'].values()):
            log(f'every seed of {n} failed: its earlier entry stays in {a.results}')
            res[key][n] = earlier[n]
    if a.suite != 'main': a.no_baselines = a.no_speed = True      # those belong to the main suite
    if not a.no_baselines: res['baselines'], res['floors'] = measure_baselines(a.quick, log), measure_floors(a.quick, log)
    if not a.no_speed: res['speed'] = measure_speed(a.quick, log)
    save_results(res, a.results)
    write_page(res, a.page, readme)
    print(headline(res))
    print(f'\nresults: {a.results}; page: {a.page}')
    failed = [f'{n} seed {s}' for n in only for s, r in res[key][n]['seeds'].items() if 'error' in r]
    failed += [f'{n} (all seeds; the earlier entry was kept)' for n in only if res[key][n] is earlier[n] and earlier[n]]
    if failed: sys.exit(f'failed runs: {failed} (their errors are in {a.results})')
    return res

if __name__ == '__main__':
    main()
