#!/usr/bin/env bash
# Winnow's dedup next to datatrove 0.10.1's (from PyPI, in .build-datatrove/venv) on the same documents:
#  1. quality: ~20,500 documents built from the shared text dumps with planted exact and near copies
#     (Scripts/make-dedup-corpus.py). Winnow runs once without dedup (the texts both sides compare)
#     and once with dedup.exact and dedup.near on; datatrove runs its MinHash pipeline (signatures,
#     buckets, clusters, filter; FineWeb's 5-grams, 14 x 8) and its exact dedup on the first run's
#     records. Prints both removed sets, their agreement, and Winnow's recall and false positives by
#     the copies' Jaccard similarity.
#     QUALITY=0 skips this part.
#  2. scale: SCALE_DOCS short generated documents (default 1,000,000; 0 skips), Winnow with dedup
#     (time, docs/s, peak RSS) and datatrove's MinHash pipeline on the same documents (time).
#     DATATROVE_TIMEOUT=SECONDS stops datatrove after that long and prints how many documents its
#     signatures stage had signed by then (for sizes where it would run for hours).
# usage: Scripts/compare-datatrove-dedup.sh [TEXT_DIR] [DOCS]
set -euo pipefail
cd "$(dirname "$0")/.."
text=${1:-../shared/data/text-wcxb-dev/text}
docs=${2:-20500}
scale=${SCALE_DOCS:-1000000}
venv=.build-datatrove/venv
if ! "$venv/bin/python" -c "import datatrove, spacy, regex, tokenizers, orjson, xxhash; xxhash.xxh64_intdigest('a')" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q -U pip
  "$venv/bin/python" -m pip install -q "datatrove==0.10.1" regex spacy tokenizers "xxhash==3.5.0" orjson  # xxhash 4 no longer hashes str, which datatrove 0.10.1 passes
fi
scratch=${WINNOW_SCRATCH:-.build}
swift build -c release --scratch-path "$scratch" --product winnow >/dev/null
bin=$scratch/release/winnow
work=${WORK:-$(mktemp -d -t winnow-dedup.XXXXXX)}
[ -n "${WORK:-}" ] || trap 'rm -rf "$work"' EXIT
# The default rules with both methods on (the same extraction as the run without dedup).
sed -e 's/^  exact: false /  exact: true  /' -e 's/^  near: false /  near: true  /' Config/winnow.yml > "$work/dedup.yml"
grep -q '^  near: true' "$work/dedup.yml"

if [ "${QUALITY:-1}" != 0 ]; then
python3 Scripts/make-dedup-corpus.py "$text" "$work/gen" "$docs"
"$bin" run --quiet --jsonl-kind text --added 2026-01-01T00:00:00Z --output "$work/plain" "$work/gen/corpus.jsonl" 2>/dev/null
"$bin" run --quiet --jsonl-kind text --added 2026-01-01T00:00:00Z --config "$work/dedup.yml" --output "$work/winnow" "$work/gen/corpus.jsonl" 2>&1 | grep 'dedup:'
"$venv/bin/python" Scripts/compare-datatrove-dedup.py quality "$work" 2>/dev/null
fi

if [ "$scale" -gt 0 ]; then
  echo "--- scale: $scale short documents"
  python3 Scripts/compare-datatrove-dedup.py scale "$work" "$scale"
  "$bin" run --quiet --jsonl-kind text --workers 2 --config "$work/dedup.yml" --output "$work/scale-winnow" "$work/scale/corpus.jsonl" 2>&1 | grep -E 'complete|dedup:'
  python3 - "$work/scale-winnow/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"Winnow with dedup: {r['inputs']['processed']} documents in {r['wall_seconds']:.1f} s ({r['docs_per_second']:.0f} docs/s), "
      f"dedup stage {r['stages']['dedup']['seconds']:.1f} s summed over workers and writer, peak RSS {r['peak_rss_bytes'] / 1048576:.0f} MB")
PY
  "$bin" run --quiet --jsonl-kind text --workers 2 --shard-records $(( (scale + 1) / 2 )) --output "$work/scale-plain" "$work/scale/corpus.jsonl" 2>&1 | grep -E 'complete'
  # timeout signals its whole process group: datatrove's worker processes stop too.
  status=0
  timeout -k 30 "${DATATROVE_TIMEOUT:-0}" "$venv/bin/python" Scripts/compare-datatrove-dedup.py time "$work" 2>/dev/null || status=$?
  if { [ "$status" = 124 ] || [ "$status" = 137 ]; } && [ -n "${DATATROVE_TIMEOUT:-}" ]; then
    python3 Scripts/compare-datatrove-dedup.py progress "$work" "$scale" "$DATATROVE_TIMEOUT"
  elif [ "$status" != 0 ]; then
    exit "$status"
  fi
fi
