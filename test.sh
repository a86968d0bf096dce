#!/usr/bin/env bash
# Tests: set up, then run the whole suite on the real corpus, model and index
# (including the evaluation gate on every split: tests/evaluation/test_eval_gate.py runs `qa eval --split all --check`).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
# one pytest-xdist worker per CPU; each test file stays on one worker, so a module's fixtures are
# built once (a session fixture once per worker; the index builds share a lock, qa.index.store)
python3 -m pytest -q -n auto --dist loadfile
