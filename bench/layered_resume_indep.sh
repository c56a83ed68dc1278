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
# the entry's own parameters, read from bench/run.py (LAYERED_CPU + gamma_indep ...), with STEPS, the seed and the resume folder;
# equi_ramp and round_steps are the 2,000-step run's recorded values (a resumed run must keep them; unused by PerturbGAN)
params=$(python - "$steps" "$s" "$PWD/$dst" <<'PY'
import json, sys
sys.path.insert(0, 'bench')
from run import RUNS
method, ds, res, extra = RUNS['perturbgan-cpu-indep-synthetic_easy']
print(json.dumps({**extra, 'method': method, 'dataset': ds, 'res': res, 'steps': int(sys.argv[1]), 'seed': int(sys.argv[2]),
                  'resume': sys.argv[3], 'equi_ramp': 1000, 'round_steps': 2000, 'progress': False}))
PY
)
papermill nbs/train_layered.ipynb runs/probe3/indep-s$s-$steps.ipynb -k python3 --cwd nbs --progress-bar -y "$params" \
  > runs/probe3/indep-s$s-$steps.log 2>&1
