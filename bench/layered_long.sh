#!/bin/bash
# The convergence study of issue 13: one CPU preset of a layered GAN on the synthetic medium level for 20,000 steps, one
# thread, training health every 500 steps; a second call with the same NAME resumes the run from its last checkpoint.
#   bench/layered_long.sh NAME METHOD PRESET [-p KEY VALUE ...]
#   bench/layered_long.sh long-pg-medium perturbgan configs/layered_perturbgan_cpu_easy.yaml
#   bench/layered_long.sh long-elgan-medium elgan configs/layered_elgan_cpu_easy.yaml -p equi_ramp 1500
# Every key of PRESET but method, dataset, res and steps is passed on; the run folder is runs/long/NNNNN-NAME, the log
# runs/long/NAME.log. Beside it, bench/layered_curve.py RUN --keep 2000 keeps every 2,000th checkpoint for --eval.
set -e
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { sed -n 2,8p "$0"; exit 2; }
NAME=$1; METHOD=$2; CFG=$3; shift 3
[ -f "$CFG" ] || { echo "preset not found: $CFG" >&2; exit 2; }
export PYTHONPATH=$PWD OMP_NUM_THREADS=1 MPLBACKEND=Agg
[ -x ~/.cache/unseg/venv/bin/python ] && export PATH=~/.cache/unseg/venv/bin:$PATH     # the venv that `make install` builds
P=$(python - "$CFG" <<'PY'
import sys, yaml
c = yaml.safe_load(open(sys.argv[1]))
for k in ('method', 'dataset', 'res', 'steps'): c.pop(k, None)
print(' '.join(f'-p {k} {v}' for k, v in c.items()))
PY
)
RES=""; ls -d runs/long/*-"$NAME" >/dev/null 2>&1 && RES="-p resume latest"
mkdir -p runs/long
python bench/train_run.py --method "$METHOD" --dataset synthetic_medium --steps 20000 --name "$NAME" --out runs/long $P \
    -p health_every 500 "$@" $RES >> "runs/long/$NAME.log" 2>&1
