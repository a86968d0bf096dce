#!/usr/bin/env bash
# Installs qa and its dependencies into the current Python. torch is installed first and pinned,
# so pip takes the CPU wheel on the machine instead of the newest CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
"$PY" -m pip install --quiet "torch==2.13.0"
"$PY" -m pip install --quiet -e ".[dev]"
# Compile qa once: a machine that sets PYTHONDONTWRITEBYTECODE (this one does) would otherwise compile
# every qa module from source in every process (~0.4 s CPU a cold `qa ask`); Python still reads an
# existing, up-to-date .pyc, and an edited module is compiled from its source again.
"$PY" -m compileall -q qa
