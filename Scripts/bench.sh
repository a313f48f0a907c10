#!/usr/bin/env bash
# Throughput, side by side, in one run:
#   - Winnow's per-document CPU cost on one thread (`winnow bench`, inputs pre-loaded, as the peers are
#     timed) for the full pipeline and for parse only (libxml2 SAX into Winnow's tree, no extraction);
#   - the peers (../shared/tools/peers.py: trafilatura, resiliparse, readability, jusText) on the same pages;
#   - `winnow run` with 1 and 2 workers on a generated corpus of >= 20,000 documents (the dev pages
#     repeated under distinct names, plus the text dumps): wall-clock docs/s, CPU docs/s, peak RSS.
# Prints the ratios Winnow/resiliparse, Winnow/trafilatura, Winnow/parse-only and 2-worker scaling.
# usage: Scripts/bench.sh [DOCS]   (default 20000; needs ../shared; WINNOW_BENCH_ROUNDS=16 rounds of `winnow bench`)
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

# Winnow's single-thread figures: ROUNDS short `winnow bench` rounds, parse-only and full interleaved,
# half before and half after the peers (CPU time on a shared machine swings by tens of percent from one
# second to the next: medians compare with the peers, best rounds for extraction over parsing).
rounds=${WINNOW_BENCH_ROUNDS:-16}
winnow_rounds() {
  for _ in $(seq $((rounds / 2))); do
    "$bin" bench --repeat 2 --parse-only "$html" >> "$work/bench-parse.txt"
    "$bin" bench --repeat 2 "$html" >> "$work/bench-full.txt"
  done
}
winnow_rounds
venv=$(Scripts/peers-venv.sh "$shared/tools/peers.py")
python3 "$shared/tools/peers.py" --venv "$venv" --out "$work/peers" "$html" > "$work/peers.txt"
winnow_rounds

# `winnow run` with 1 and 2 workers, twice each, alternating; the better run of each counts.
for round in 1 2; do
  for w in 1 2; do
    /usr/bin/time -v "$bin" run --quiet --workers $w --output "$work/out$w-$round" "$corpus" 2> "$work/time$w-$round.txt" || true
  done
done

python3 - "$work" <<'PY'
import json, re, sys
work = sys.argv[1]
def bench(path):
    rows = []
    for line in open(path):
        p = line.split("\t")
        if len(p) >= 6: rows.append((float(p[4].split()[0]), float(p[5].split()[0])))
    return rows
def median(values):
    values = sorted(values)
    return values[len(values) // 2] if len(values) % 2 else (values[len(values) // 2 - 1] + values[len(values) // 2]) / 2
full_rows, parse_rows = bench(f"{work}/bench-full.txt"), bench(f"{work}/bench-parse.txt")
full, full_mb = median([r[0] for r in full_rows]), median([r[1] for r in full_rows])
parse, parse_mb = median([r[0] for r in parse_rows]), median([r[1] for r in parse_rows])
best_full, best_parse = max(r[0] for r in full_rows), max(r[0] for r in parse_rows)
peers = {}
for line in open(f"{work}/peers.txt"):
    p = line.split()
    if len(p) >= 6 and p[0] != "name":
        peers[p[0]] = (float(p[4]), float(p[5]))
print(f"one thread, the 90 dev pages, CPU time of extraction only (pages pre-loaded; Winnow: median of {len(full_rows)} rounds):")
print(f"  {'extractor':20} {'docs/CPU-s':>10} {'MB/CPU-s':>9}")
print(f"  {'winnow':20} {full:10.0f} {full_mb:9.1f}")
print(f"  {'winnow parse-only':20} {parse:10.0f} {parse_mb:9.1f}")
for name, (d, m) in sorted(peers.items(), key=lambda kv: -kv[1][0]):
    print(f"  {name:20} {d:10.0f} {m:9.1f}")
print("ratios (same pages, same run):")
for peer in ("resiliparse", "trafilatura", "trafilatura_fast", "readability"):
    if peer in peers: print(f"  winnow / {peer:17} {full / peers[peer][0]:6.2f}x")
print(f"  winnow / parse-only        {full / parse:6.2f}x  (extraction adds {100 * (parse / full - 1):.0f} % CPU over parsing; "
      f"best rounds: {100 * (best_parse / best_full - 1):.0f} %)")
best = {}
for w in (1, 2):
    for round in (1, 2):
        rep = json.load(open(f"{work}/out{w}-{round}/report.json"))
        t = open(f"{work}/time{w}-{round}.txt").read()
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
        if w not in best or rep["docs_per_second"] > best[w]["docs_per_second"]: best[w] = rep
        print(f"winnow run --workers {w} (run {round}): {rep['inputs']['processed']} docs ({rep['records']} records, {rep['rejects']} rejects), "
              f"{rep['docs_per_second']:.0f} docs/s wall, {rep['inputs']['processed'] / rep['cpu_seconds']:.0f} docs/CPU-s, "
              f"{rep['mb_per_second']:.1f} MB/s wall, peak RSS {rss:.0f} MB")
print(f"2-worker scaling (wall-clock docs/s, better run of each): {best[2]['docs_per_second'] / best[1]['docs_per_second']:.2f}x")
PY
