#!/usr/bin/env bash
# CPU the FineWeb preset's filters add over extraction alone, on the same pages (issue 12: at most
# 10 %): `winnow bench` (inputs pre-loaded, one thread) with Config/winnow.yml and with
# Config/fineweb.yml, interleaved ROUNDS times, best round of each (CPU time on a shared machine swings
# between runs); prints both figures and the ratio.
# usage: Scripts/filter-overhead.sh [ROUNDS] [PAGES_DIR...]   (default 5 rounds; wcxb-dev and extraction-dev)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
shift || true
shared=${WINNOW_SHARED:-../shared}
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=("$shared/data/wcxb-dev/html" "$shared/data/extraction-dev/html")
swift build -c release --product winnow >&2
work=$(mktemp -d -t winnow-filter-overhead.XXXXXX)
trap 'rm -rf "$work"' EXIT
for _ in $(seq "$rounds"); do
  .build/release/winnow bench --config Config/winnow.yml "${pages[@]}" >> "$work/extract.tsv"
  .build/release/winnow bench --config Config/fineweb.yml "${pages[@]}" >> "$work/fineweb.tsv"
done
best() { awk -F'\t' '{ split($4, a, " "); if (min == "" || a[1] < min) { min = a[1]; line = $0 } } END { print min "\t" line }' "$1"; }
read -r e eline < <(best "$work/extract.tsv")
read -r f fline < <(best "$work/fineweb.tsv")
echo "extraction alone (Config/winnow.yml): $eline"
echo "with FineWeb filters (Config/fineweb.yml): $fline"
awk -v e="$e" -v f="$f" 'BEGIN { printf "filters add %.1f %% CPU (%.3f vs %.3f cpu_s, best of each)\n", (f / e - 1) * 100, f, e }'
