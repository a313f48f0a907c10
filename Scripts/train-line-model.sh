#!/usr/bin/env bash
# Retrains the line model of the text path from the shared dev sets and rewrites
# Sources/WinnowCore/Learn/LineModel.swift (then rebuild winnow). Prints the held-out F1 of the
# domain folds per page type. Deterministic: the same winnow, dumps and pinned packages give the same file.
#   1. builds winnow and dumps every text dump's lines and features (`winnow features`; the features
#      do not depend on the model);
#   2. trains in a venv (.build-train/venv, scikit-learn pinned) with Scripts/train-line-model.py.
# usage: Scripts/train-line-model.sh [--folds K]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${WINNOW_SHARED:-../shared}
venv=$(Scripts/train-venv.sh)
swift build -c release --product winnow >&2
work=$(mktemp -d -t winnow-train.XXXXXX)
trap 'rm -rf "$work"' EXIT
.build/release/winnow features "$shared/data/text-wcxb-dev/text" > "$work/wcxb.jsonl"
.build/release/winnow features "$shared/data/text-dev/text" > "$work/news.jsonl"
OMP_NUM_THREADS=${OMP_NUM_THREADS:-2} "$venv/bin/python" Scripts/train-line-model.py \
  "$shared/data/text-wcxb-dev=$work/wcxb.jsonl" "$shared/data/text-dev=$work/news.jsonl" \
  --out Sources/WinnowCore/Learn/LineModel.swift --report Scripts/line-model-report.json --floor text-dev=0.90 "$@"
