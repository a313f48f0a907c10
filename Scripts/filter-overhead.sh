#!/usr/bin/env bash
# CPU the FineWeb preset's filter chain adds over extraction alone, on the same pages (issue 12: at most
# 10 %), two figures from one command:
#   1. instructions per page (valgrind's callgrind) of `winnow bench` with Config/winnow.yml and with
#      Config/fineweb.yml: `--repeat 2` minus `--repeat 1` is one pass over the pages without start-up
#      (config compile, the tokenizer's tables). Repeatable to the instruction on a shared machine;
#   2. CPU seconds: `winnow bench` with each config, interleaved ROUNDS times, best round of each.
# `winnow bench` runs the stages and the record encoding, not dedup (which runs after the filters on
# the records: see README, Deduplication), so the difference is the filter chain.
# usage: Scripts/filter-overhead.sh [ROUNDS] [PAGES_DIR...]   (default 3 rounds; wcxb-dev and extraction-dev)
#        CALLGRIND=0 skips figure 1 (it takes minutes under valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
shift || true
shared=${WINNOW_SHARED:-../shared}
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=("$shared/data/wcxb-dev/html" "$shared/data/extraction-dev/html")
swift build -c release --product winnow >&2
work=$(mktemp -d -t winnow-filter-overhead.XXXXXX)
trap 'rm -rf "$work"' EXIT
count=$(find "${pages[@]}" -maxdepth 1 -type f | wc -l)
if [ "${CALLGRIND:-1}" != 0 ] && command -v valgrind >/dev/null; then
  # valgrind cannot read Swift's debug info: count on a copy without it.
  strip --strip-debug -o "$work/winnow" .build/release/winnow
  instructions() {
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/winnow" bench "$@" "${pages[@]}" 2>&1 \
      | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
  }
  e1=$(instructions --config Config/winnow.yml --repeat 1); e2=$(instructions --config Config/winnow.yml --repeat 2)
  f1=$(instructions --config Config/fineweb.yml --repeat 1); f2=$(instructions --config Config/fineweb.yml --repeat 2)
  awk -v n="$count" -v e1="$e1" -v e2="$e2" -v f1="$f1" -v f2="$f2" 'BEGIN {
    e = (e2 - e1) / n; f = (f2 - f1) / n
    printf "instructions per page (callgrind, %d pages): extraction alone %.2fM, with FineWeb filters %.2fM: filters add %.1f %%\n", n, e / 1e6, f / 1e6, (f / e - 1) * 100 }'
fi
for _ in $(seq "$rounds"); do
  .build/release/winnow bench --config Config/winnow.yml "${pages[@]}" >> "$work/extract.tsv"
  .build/release/winnow bench --config Config/fineweb.yml "${pages[@]}" >> "$work/fineweb.tsv"
done
best() { awk -F'\t' '{ split($4, a, " "); if (min == "" || a[1] < min) { min = a[1]; line = $0 } } END { print min "\t" line }' "$1"; }
read -r e eline < <(best "$work/extract.tsv")
read -r f fline < <(best "$work/fineweb.tsv")
echo "extraction alone (Config/winnow.yml): $eline"
echo "with FineWeb filters (Config/fineweb.yml): $fline"
awk -v e="$e" -v f="$f" 'BEGIN { printf "CPU seconds: filters add %.1f %% (%.3f vs %.3f cpu_s, best of each)\n", (f / e - 1) * 100, f, e }'
