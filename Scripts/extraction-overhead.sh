#!/usr/bin/env bash
# How much CPU extraction adds over parsing alone, on the dev pages (issue: "extraction adds at most
# 50 % CPU over parsing"). Two measures, both from `winnow bench` (inputs pre-loaded, one thread):
#   1. instructions per page, counted by valgrind's callgrind: `bench --repeat 2` minus `--repeat 1`
#      is one pass over the pages without start-up costs. Repeatable to the instruction whatever else
#      the machine does, so this is the figure to compare before and after a change;
#   2. CPU seconds per page: `bench --repeat R` for parse-only and full, interleaved ROUNDS times, best
#      round of each (CPU time on a shared machine swings by tens of percent between runs).
# parse only = decode + byte pre-pass + libxml2 SAX into Winnow's tree; full = parse + clean + extract
# + filter + record encoding.
# usage: Scripts/extraction-overhead.sh [PAGES_DIR] [ROUNDS] [R]
#        (default ../shared/data/extraction-dev/html, 30 rounds of --repeat 2; needs valgrind:
#        apt-get install valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-${WINNOW_SHARED:-../shared}/data/extraction-dev/html}
rounds=${2:-30}
repeat=${3:-2}
command -v valgrind >/dev/null || { echo "extraction-overhead.sh: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
[ -d "$pages" ] || { echo "extraction-overhead.sh: no such directory $pages" >&2; exit 2; }

swift build -c release --product winnow >&2
work=$(mktemp -d -t winnow-overhead.XXXXXX)
trap 'rm -rf "$work"' EXIT
# valgrind cannot read Swift's debug info: count on a copy without it.
strip --strip-debug -o "$work/winnow" .build/release/winnow
count=$(find "$pages" -maxdepth 1 -type f | wc -l)

instructions() {  # instructions of `winnow bench ARGS...`, deterministic hashing for repeatability
  SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/winnow" bench "$@" "$pages" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
parse1=$(instructions --parse-only --repeat 1); parse2=$(instructions --parse-only --repeat 2)
full1=$(instructions --repeat 1); full2=$(instructions --repeat 2)

for _ in $(seq "$rounds"); do
  "$work/winnow" bench --parse-only --repeat "$repeat" "$pages" >> "$work/parse.tsv"
  "$work/winnow" bench --repeat "$repeat" "$pages" >> "$work/full.tsv"
done

python3 - "$count" "$parse1" "$parse2" "$full1" "$full2" "$work/parse.tsv" "$work/full.tsv" "$repeat" <<'PY'
import sys
count, p1, p2, f1, f2 = int(sys.argv[1]), *map(int, sys.argv[2:6])
parse_i, full_i = (p2 - p1) / count, (f2 - f1) / count
def best(path):
    return min(float(line.split("\t")[3].split()[0]) for line in open(path) if line.strip())
repeat = int(sys.argv[8])
parse_s, full_s = best(sys.argv[6]), best(sys.argv[7])
per = lambda s: s / (count * repeat) * 1e3
print(f"{count} pages")
print(f"{'measure':<32}{'parse only':>14}{'full':>14}{'extraction adds':>17}")
print(f"{'instructions per page (callgrind)':<32}{parse_i/1e6:>13.2f}M{full_i/1e6:>13.2f}M{(full_i/parse_i-1)*100:>16.1f}%")
print(f"{'CPU ms per page (best round)':<32}{per(parse_s):>14.3f}{per(full_s):>14.3f}{(full_s/parse_s-1)*100:>16.1f}%")
PY
