#!/usr/bin/env bash
# Prints the path of the training venv (.build-train/venv, scikit-learn and numpy pinned so a model
# retrained from the same dumps is the same file), creating it on first use. Used by
# train-block-model.sh and train-line-model.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build-train/venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/python" -m pip install -q -U pip >&2
  "$venv/bin/python" -m pip install -q scikit-learn==1.9.1 numpy==2.4.6 >&2
fi
echo "$venv"
