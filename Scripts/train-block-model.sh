#!/usr/bin/env bash
# Retrains the block classifier from the shared dev sets and rewrites
# Sources/WinnowCore/Learn/BlockModel.swift (then rebuild winnow). Prints the held-out F1 of the
# domain folds per page type. Deterministic: the same winnow, pages and pinned packages give the same file.
#   1. builds winnow and dumps every page's blocks and features (`winnow features`) with the current
#      model's own inputs (the features do not depend on the model);
#   2. trains in a venv (.build-train/venv, scikit-learn pinned) with Scripts/train-block-model.py.
# usage: Scripts/train-block-model.sh [--folds K] [--iterations N]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${WINNOW_SHARED:-../shared}
venv=$(Scripts/train-venv.sh)
swift build -c release --product winnow >&2
work=$(mktemp -d -t winnow-train.XXXXXX)
trap 'rm -rf "$work"' EXIT
.build/release/winnow features "$shared/data/wcxb-dev/html" > "$work/wcxb.jsonl"
.build/release/winnow features "$shared/data/extraction-dev/html" > "$work/news.jsonl"
OMP_NUM_THREADS=${OMP_NUM_THREADS:-2} "$venv/bin/python" Scripts/train-block-model.py \
  "$shared/data/wcxb-dev=$work/wcxb.jsonl" "$shared/data/extraction-dev=$work/news.jsonl" \
  --out Sources/WinnowCore/Learn/BlockModel.swift --page-out Sources/WinnowCore/Learn/PageTypeModel.swift --report Scripts/block-model-report.json "$@"
