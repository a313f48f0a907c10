#!/usr/bin/env bash
# Extraction quality and speed, side by side with the peers, on the shared dev sets:
#   ../shared/data/extraction-dev/html  (90 pages, hand-made truth)  and
#   ../shared/data/text-dev/text        (the same pages as whole-page text dumps).
# Builds release, runs Winnow (one worker), scores it with ../shared/tools/score_extraction.py, runs
# ../shared/tools/peers.py on the same HTML pages, and prints one table (F1, precision, recall, exact,
# docs per CPU-second) plus Winnow's metadata coverage and its parse-only speed.
# usage: Scripts/eval-extraction.sh [--no-peers]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${WINNOW_SHARED:-../shared}
html=$shared/data/extraction-dev/html
text=$shared/data/text-dev/text
scorer=$shared/tools/score_extraction.py
peers=$shared/tools/peers.py
work=$(mktemp -d -t winnow-eval.XXXXXX)
trap 'rm -rf "$work"' EXIT

swift build -c release --product winnow >&2
bin=.build/release/winnow

run_winnow() {  # corpus name truth
  "$bin" run --quiet --workers 1 --output "$work/$2" "$1" 2>/dev/null
  python3 - "$work/$2" > "$work/$2.pred.jsonl" <<'PY'
import glob, json, os, sys
for path in sorted(glob.glob(os.path.join(sys.argv[1], "part-*.jsonl"))):
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        print(json.dumps({"id": os.path.basename(r["source"]).split(".")[0], "text": r["text"]}))
PY
  python3 "$scorer" "$3" "$work/$2.pred.jsonl" --json "$work/$2.score.json" >/dev/null
}

run_winnow "$html" html "$shared/data/extraction-dev/ground-truth.json"
run_winnow "$text" text "$shared/data/text-dev/ground-truth.json"
"$bin" bench --repeat 3 "$html" > "$work/bench-html.txt"
"$bin" bench --repeat 3 --parse-only "$html" > "$work/bench-parse.txt"
"$bin" bench --repeat 3 "$text" > "$work/bench-text.txt"

# The raw text dumps scored as they are: the baseline the text path improves on.
python3 - "$text" > "$work/raw.pred.jsonl" <<'PY'
import glob, gzip, json, os, sys
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.txt.gz"))):
    print(json.dumps({"id": os.path.basename(path).split(".")[0], "text": gzip.open(path, "rt", encoding="utf-8").read()}))
PY
python3 "$scorer" "$shared/data/text-dev/ground-truth.json" "$work/raw.pred.jsonl" --json "$work/raw.score.json" >/dev/null

if [ "${1:-}" != "--no-peers" ]; then
  venv=$(Scripts/peers-venv.sh "$peers")
  python3 "$peers" --venv "$venv" --out "$work/peers" "$html" > "$work/peers.txt"
  for f in "$work"/peers/*.jsonl; do
    python3 "$scorer" "$shared/data/extraction-dev/ground-truth.json" "$f" --json "$f.score.json" >/dev/null
  done
fi

python3 - "$work" <<'PY'
import glob, json, os, sys
work = sys.argv[1]
def score(path):
    s = json.load(open(path))
    c = s["summary"]
    return c["f1"], c["precision"], c["recall"], c["exact"]
def bench(path):
    parts = open(path).read().split("\t")
    return float(parts[4].split()[0])
rows = []
rows.append(("winnow (HTML)", *score(f"{work}/html.score.json"), bench(f"{work}/bench-html.txt")))
speeds = {}
if os.path.exists(f"{work}/peers.txt"):
    for line in open(f"{work}/peers.txt"):
        p = line.split()
        if len(p) >= 6 and p[0] != "name":
            speeds[p[0]] = float(p[4])
    for f in sorted(glob.glob(f"{work}/peers/*.jsonl.score.json")):
        name = os.path.basename(f).split(".")[0]
        rows.append((name, *score(f), speeds.get(name, float("nan"))))
rows.append(("winnow (text dumps)", *score(f"{work}/text.score.json"), bench(f"{work}/bench-text.txt")))
rows.append(("raw text dumps", *score(f"{work}/raw.score.json"), float("nan")))
print(f"{'extractor':22} {'F1':>6} {'prec':>6} {'recall':>6} {'exact':>6} {'docs/CPU-s':>10}")
for name, f1, p, r, e, speed in rows:
    print(f"{name:22} {f1:6.3f} {p:6.3f} {r:6.3f} {e:6.3f} {speed:10.0f}")
parse = bench(f"{work}/bench-parse.txt")
full = bench(f"{work}/bench-html.txt")
print(f"\nwinnow parse only (libxml2 SAX into the tree): {parse:.0f} docs/CPU-s; full extraction {full:.0f} docs/CPU-s;"
      f" extraction adds {100 * (parse / full - 1):.0f} % CPU time over parsing")
if "resiliparse" in speeds:
    print(f"winnow / resiliparse speed: {full / speeds['resiliparse']:.2f}x; winnow / trafilatura: {full / speeds.get('trafilatura', float('nan')):.1f}x")
recs = [json.loads(l) for f in sorted(glob.glob(f"{work}/html/part-*.jsonl")) for l in open(f)]
n = len(recs)
share = lambda k: 100 * sum(1 for r in recs if k(r)) / n
print(f"\nmetadata coverage on {n} HTML pages: title {share(lambda r: r['metadata']['title']):.0f} %, "
      f"author {share(lambda r: r['metadata']['author']):.0f} %, date {share(lambda r: r['created']):.0f} %, "
      f"language {share(lambda r: r['metadata']['language']):.0f} %")
PY
