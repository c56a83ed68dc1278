# unseg — the two commands of README.md are `make demo` and `make test`; the rest are helpers.
SHELL := /bin/bash
UNSEG_VENV ?= $(HOME)/.cache/unseg/venv
BIN := $(UNSEG_VENV)/bin
PY := $(BIN)/python
REQ_HASH := $(shell sha256sum requirements-ci.txt | cut -c1-16)
STAMP := $(UNSEG_VENV)/.unseg-req-$(REQ_HASH)
BENCH_ARGS ?=
export PYTHONPATH := $(CURDIR):$(PYTHONPATH)
export MPLBACKEND ?= Agg

.PHONY: install demo tour test check-sync export outputs lab bench

# The venv lives outside the clone and is rebuilt only when requirements-ci.txt changes.
$(STAMP): requirements-ci.txt
	@echo "== building $(UNSEG_VENV) from requirements-ci.txt (first time: a few minutes, ~6 GB)"
	rm -rf "$(UNSEG_VENV)"
	python3 -m venv "$(UNSEG_VENV)"
	$(PY) -m pip install -q --upgrade pip setuptools wheel
	$(PY) -m pip install -r requirements-ci.txt
	touch "$(STAMP)"

install: $(STAMP)
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .

# The main job: GANSeg on the built-in synthetic data (its easy level) with the notebook's CPU defaults (1200 + 250 steps, about 10 min on 2 cores).
demo: install
	mkdir -p runs/demo
	$(BIN)/papermill nbs/train_ganseg.ipynb runs/demo/train_ganseg.ipynb -k python3 --cwd nbs -p run_root runs/demo
	@echo "== executed notebook: runs/demo/train_ganseg.ipynb; run folder with samples, curves, checkpoints and metrics.json: runs/demo/NNNNN-ganseg/"

# The data-and-metrics tour: synthetic data, the real sets, baselines (about a minute).
tour: install
	mkdir -p runs/tour
	$(BIN)/papermill nbs/tour_data.ipynb runs/tour/tour_data.ipynb -k python3 --cwd nbs -p out_dir ../runs/tour

# Fails when the package and the notebooks disagree (nbdev_export or nbdev_clean would change anything).
check-sync: install
	@tmp=$$(mktemp -d); cp -r unseg nbs "$$tmp"/; \
	$(BIN)/nbdev_export && $(BIN)/nbdev_clean; \
	if ! diff -r -q -x __pycache__ "$$tmp/unseg" unseg || ! diff -r -q -x __pycache__ -x .ipynb_checkpoints "$$tmp/nbs" nbs; then \
	  echo "ERROR: nbdev_export/nbdev_clean changed files above: run them and commit the result (never edit unseg/ by hand)"; exit 1; fi; \
	echo "== notebooks and package agree"

test: check-sync
	$(PY) -m pytest tests -q -ra

export: install
	$(BIN)/nbdev_export && $(BIN)/nbdev_clean

# Refreshes the committed outputs of component notebooks: executes each in place in a fresh kernel on the CPU
# (one thread, inline figures), then nbdev_clean keeps the outputs and drops metadata. tests/test_notebooks.py
# fails when a notebook's committed text outputs differ from what its code prints. Usage: make outputs NB="nbs/11_ganseg.masks.ipynb ..."
outputs: install
	@test -n "$(NB)" || { echo 'usage: make outputs NB="nbs/11_ganseg.masks.ipynb ..."'; exit 1; }
	@for nb in $(NB); do echo "== executing $$nb"; \
	  (cd nbs && env -u MPLBACKEND OMP_NUM_THREADS=1 $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.timeout=1200 "$$(basename $$nb)") && $(BIN)/nbdev_clean --fname "$$nb" || exit 1; \
	  ls -l "$$nb"; done

lab: install
	$(BIN)/jupyter lab nbs

# Every method on every dataset here under one budget: bench/results.json, docs/results.md and README's table (~80 min).
bench: install
	$(PY) bench/run.py $(BENCH_ARGS)
