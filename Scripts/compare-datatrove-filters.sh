#!/usr/bin/env bash
# Compares Winnow's quality filters with datatrove 0.10.1's own classes on the same documents (see
# Scripts/compare-datatrove-filters.py): makes the venv (datatrove from PyPI, spaCy for its English
# word tokenizer), builds winnow (release), assembles the documents from ../shared/data, prints the
# agreement table and the speed of both. Work files in .build-datatrove/ (git-ignored).
#   Scripts/compare-datatrove-filters.sh [--larger N] [--show N]
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build-datatrove/venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import datatrove.utils.text, spacy' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q datatrove==0.10.1 spacy==3.8.18 regex
fi
swift build -c release --product winnow >&2
shared=${WINNOW_SHARED:-$(cd .. && pwd)/shared}
[ -d "$shared/data" ] || { echo "no shared data at $shared/data (set WINNOW_SHARED)" >&2; exit 66; }
exec "$venv/bin/python" Scripts/compare-datatrove-filters.py --winnow .build/release/winnow --shared "$shared" --work .build-datatrove/compare "$@"
