#!/usr/bin/env bash
# Installs qa and its dependencies into the current Python. torch is installed first and pinned,
# so pip takes the CPU wheel on the machine instead of the newest CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
"$PY" -m pip install --quiet "torch==2.13.0"
"$PY" -m pip install --quiet -e ".[dev]"
