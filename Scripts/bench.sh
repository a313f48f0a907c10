#!/usr/bin/env bash
# Throughput, side by side, in one run:
#   - Winnow's per-document CPU cost on one thread (`winnow bench`, inputs pre-loaded, as the peers are
#     timed) for the full pipeline and for parse only (libxml2 SAX into Winnow's tree, no extraction);
#   - the peers (../shared/tools/peers.py: trafilatura, resiliparse, readability, jusText) on the same pages;
#   - `winnow run` with 1 and 2 workers on a generated corpus of >= 20,000 documents (the dev pages
#     repeated under distinct names, plus the text dumps): wall-clock docs/s, CPU docs/s, peak RSS.
# Prints the ratios Winnow/resiliparse, Winnow/trafilatura, Winnow/parse-only and 2-worker scaling.
# usage: Scripts/bench.sh [DOCS]   (default 20000; needs ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-20000}
shared=${WINNOW_SHARED:-../shared}
html=$shared/data/extraction-dev/html
text=$shared/data/text-dev/text
work=$(mktemp -d -t winnow-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

swift build -c release --product winnow >&2
bin=.build/release/winnow

# The corpus: copies of the dev pages and text dumps under distinct names (copies, not hard links:
# discovery reads a file reached twice, by any name, only once).
corpus=$work/corpus
Scripts/make-bench-corpus.sh "$corpus" "$docs"

"$bin" bench --repeat 5 "$html" > "$work/bench-full.txt"
"$bin" bench --repeat 5 --parse-only "$html" > "$work/bench-parse.txt"

venv=$(Scripts/peers-venv.sh "$shared/tools/peers.py")
python3 "$shared/tools/peers.py" --venv "$venv" --out "$work/peers" "$html" > "$work/peers.txt"

for w in 1 2; do
  /usr/bin/time -v "$bin" run --quiet --workers $w --output "$work/out$w" "$corpus" 2> "$work/time$w.txt" || true
done

python3 - "$work" <<'PY'
import json, re, sys
work = sys.argv[1]
def bench(path):
    p = open(path).read().split("\t")
    return float(p[4].split()[0]), float(p[5].split()[0])
full, full_mb = bench(f"{work}/bench-full.txt")
parse, parse_mb = bench(f"{work}/bench-parse.txt")
peers = {}
for line in open(f"{work}/peers.txt"):
    p = line.split()
    if len(p) >= 6 and p[0] != "name":
        peers[p[0]] = (float(p[4]), float(p[5]))
print("one thread, the 90 dev pages, CPU time of extraction only (pages pre-loaded):")
print(f"  {'extractor':20} {'docs/CPU-s':>10} {'MB/CPU-s':>9}")
print(f"  {'winnow':20} {full:10.0f} {full_mb:9.1f}")
print(f"  {'winnow parse-only':20} {parse:10.0f} {parse_mb:9.1f}")
for name, (d, m) in sorted(peers.items(), key=lambda kv: -kv[1][0]):
    print(f"  {name:20} {d:10.0f} {m:9.1f}")
print("ratios (same pages, same run):")
for peer in ("resiliparse", "trafilatura", "trafilatura_fast", "readability"):
    if peer in peers: print(f"  winnow / {peer:17} {full / peers[peer][0]:6.2f}x")
print(f"  winnow / parse-only        {full / parse:6.2f}x  (extraction adds {100 * (parse / full - 1):.0f} % CPU over parsing)")
runs = {}
for w in (1, 2):
    rep = json.load(open(f"{work}/out{w}/report.json"))
    t = open(f"{work}/time{w}.txt").read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    runs[w] = rep
    print(f"winnow run --workers {w}: {rep['inputs']['processed']} docs ({rep['records']} records, {rep['rejects']} rejects), "
          f"{rep['docs_per_second']:.0f} docs/s wall, {rep['inputs']['processed'] / rep['cpu_seconds']:.0f} docs/CPU-s, "
          f"{rep['mb_per_second']:.1f} MB/s wall, peak RSS {rss:.0f} MB")
print(f"2-worker scaling (wall-clock docs/s): {runs[2]['docs_per_second'] / runs[1]['docs_per_second']:.2f}x")
PY
