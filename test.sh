#!/usr/bin/env bash
# Tests: set up, then run the whole suite on the real corpus, model and index
# (including the evaluation gate on the test split).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
python3 -m pytest -q
