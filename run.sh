#!/usr/bin/env bash
# Main job: set up, build (or validate) the index, answer a question.
# Usage: bash run.sh ["your question"]
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
qa index
qa ask "${1:-Which sources were used for SLE?}"
