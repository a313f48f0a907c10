#!/usr/bin/env bash
# Measures `winnow run --incremental` against a full run on a generated corpus: COPIES copies of
# Samples/corpus and the golden pages (Tests/Fixtures/golden/*/source.html), or of the HTML files of
# PAGES_DIR (e.g. ../shared/data/extraction-dev), each copy in its own directory. Prints both wall
# times and the ratio (the goal: >= 20x).
# usage: Scripts/incremental-bench.sh [COPIES [PAGES_DIR]]   (default 150 copies: about 4,350 inputs)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-150}
scratch=${WINNOW_SCRATCH:-.build}
swift build -c release --scratch-path "$scratch" --product winnow >/dev/null
bin=$scratch/release/winnow
work=$(mktemp -d -t winnow-incr.XXXXXX)
trap 'rm -rf "$work"' EXIT
pages=${2:-}
for i in $(seq 1 "$copies"); do
  mkdir -p "$work/corpus/copy-$i/golden"
  if [ -n "$pages" ]; then
    find "$pages" -type f \( -name '*.html' -o -name '*.html.gz' \) | while read -r f; do
      cp "$f" "$work/corpus/copy-$i/$(echo "$f" | md5sum | cut -c1-12)-$(basename "$f")"
    done
    continue
  fi
  cp -r Samples/corpus/. "$work/corpus/copy-$i/"
  for page in Tests/Fixtures/golden/*/source.html; do cp "$page" "$work/corpus/copy-$i/golden/$(basename "$(dirname "$page")").html"; done
done
docs=$(find "$work/corpus" -type f \( -name '*.html' -o -name '*.htm' -o -name '*.txt' -o -name '*.gz' \) | wc -l)
now() { date +%s.%N; }
t0=$(now); "$bin" run --quiet --output "$work/out" "$work/corpus" 2>/dev/null; t1=$(now)
"$bin" run --quiet --incremental --output "$work/out" "$work/corpus" 2>/dev/null; t2=$(now)
python3 - "$docs" "$t0" "$t1" "$t2" "$work/out/report.json" <<'PY'
import json, sys
docs, t0, t1, t2, report = int(sys.argv[1]), *map(float, sys.argv[2:5]), sys.argv[5]
full, incr = t1 - t0, t2 - t1
inc = json.load(open(report)).get("incremental", {})
print(f"{docs} input files: full run {full:.2f} s, incremental run {incr:.3f} s: {full / incr:.1f}x faster; incremental = {inc}")
PY
