#!/bin/bash
# Resume one seed of the bench entry perturbgan-cpu-indep-synthetic_easy (2,000 steps) to STEPS GAN steps with a fresh U-Net
# (docs/layered section 7). The bench's run folder is copied to runs/probe3/indep-sSEED first (the copy's segmenter and
# metrics removed), so the 2,000-step record stays as it was.   Usage: bench/layered_resume_indep.sh SEED STEPS
set -e
cd "$(dirname "$0")/.."
s=$1; steps=$2; src=$(ls -d runs/bench-suite/*-perturbgan-cpu-indep-synthetic_easy-s$s | tail -1)
dst=runs/probe3/indep-s$s
mkdir -p runs/probe3
[ -d $dst ] || { cp -r $src $dst; rm -rf $dst/segmenter $dst/metrics.json; }
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 MPLBACKEND=Agg PATH=~/.cache/unseg/venv/bin:$PATH
# equi_ramp and round_steps are the 2,000-step run's recorded values (a resumed run must keep them; unused by PerturbGAN)
papermill nbs/train_layered.ipynb runs/probe3/indep-s$s-$steps.ipynb -k python3 --cwd nbs --progress-bar \
  -p resume $PWD/$dst -p method perturbgan -p dataset synthetic_easy -p steps $steps -p equi_ramp 1000 -p round_steps 2000 \
  -p seg_steps 300 -p seg_batch 16 -p arch style -p margin 4 -p bg_down 4 -p eta_max 0.5 -p loss ns -p real_gp one_centred \
  -p lambda_gp 0.625 -p lr_g 0.0002 -p lr_d 0.0008 -p beta1 0.5 -p beta2 0.9 -p d_head fc -p gamma_indep 1.0 -p indep_warm 100 \
  -p seed $s -p progress False > runs/probe3/indep-s$s-$steps.log 2>&1
