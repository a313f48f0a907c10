#!/usr/bin/env bash
# Extraction quality, metadata and speed, side by side with the peers, on the shared dev sets, in one run:
#   1. ../shared/data/wcxb-dev/html (1,337 pages of 7 page types): ../shared/tools/score_by_type.py per
#      page type for Winnow and the peers (PEERS_WCXB), plus Winnow's extract.empty rejects;
#   2. ../shared/data/text-wcxb-dev/text (the same pages as whole-page text dumps): per page type, Winnow
#      on the dumps against the raw dumps;
#   3. ../shared/data/extraction-dev/html (90 news pages) and text-dev/text: score_extraction.py's F1,
#      precision, recall, exact for Winnow, all the peers, Winnow on the dumps and the raw dumps;
#   4. metadata on wcxb-dev: title/author/date accuracy (../shared/tools/score_metadata.py) for Winnow and
#      trafilatura (Scripts/peer-metadata.py), Winnow's coverage and its metadata.page_type share;
#   5. speed on one thread: `winnow bench` (median of ROUNDS short rounds before and as many after the
#      peers) against the peers' docs per CPU-second on wcxb-dev, and the parse-only line on extraction-dev.
# Peers come from ../shared/tools/peers.py in the venv of Scripts/peers-venv.sh.
# usage: Scripts/eval-extraction.sh [--no-peers]
#   (WINNOW_SHARED: the shared folder, default ../shared; WINNOW_EVAL_ROUNDS: bench rounds on each side
#   of the peers, default 3; PEERS_WCXB: the peers run on wcxb-dev, default
#   trafilatura,resiliparse,readability,justext: about 2, 0.2, 1.5 and 1 CPU-minutes there). About 8
#   CPU-minutes in all, more wall-clock time on a busy machine.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${WINNOW_SHARED:-../shared}
wcxb=$shared/data/wcxb-dev
twcxb=$shared/data/text-wcxb-dev
html=$shared/data/extraction-dev/html
text=$shared/data/text-dev/text
scorer=$shared/tools/score_extraction.py
by_type=$shared/tools/score_by_type.py
peers=$shared/tools/peers.py
rounds=${WINNOW_EVAL_ROUNDS:-3}
peers_wcxb=${PEERS_WCXB:-trafilatura,resiliparse,readability,justext}
with_peers=1
[ "${1:-}" = "--no-peers" ] && with_peers=0
work=$(mktemp -d -t winnow-eval.XXXXXX)
trap 'rm -rf "$work"' EXIT
start=$SECONDS

swift build -c release --product winnow >&2
bin=.build/release/winnow

run_winnow() {  # corpus name: the output dir $work/name and its records as {id,text} in $work/name.pred.jsonl
  "$bin" run --quiet --workers 1 --output "$work/$2" "$1" 2>/dev/null
  python3 - "$work/$2" > "$work/$2.pred.jsonl" <<'PY'
import glob, json, os, sys
for path in sorted(glob.glob(os.path.join(sys.argv[1], "part-*.jsonl"))):
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        print(json.dumps({"id": os.path.basename(r["source"]).split(".")[0], "text": r["text"]}))
PY
}

raw_dumps() {  # text dir: the dumps as they are, {id,text} JSONL (the baseline the text path improves on)
  python3 - "$1" <<'PY'
import glob, gzip, json, os, sys
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.txt.gz"))):
    print(json.dumps({"id": os.path.basename(path).split(".")[0], "text": gzip.open(path, "rt", encoding="utf-8").read()}))
PY
}

run_winnow "$wcxb/html" wcxb
run_winnow "$twcxb/text" twcxb
run_winnow "$html" html
run_winnow "$text" text
raw_dumps "$twcxb/text" > "$work/twcxb-raw.jsonl"
raw_dumps "$text" > "$work/raw.pred.jsonl"
cat "$work"/wcxb/part-*.jsonl > "$work/wcxb.records.jsonl"

# Winnow's single-thread figures: short rounds of `winnow bench`, half before and half after the peers
# (CPU time on a shared 2-core machine swings by tens of percent: the medians compare with the peers).
bench_rounds() {
  for _ in $(seq "$rounds"); do
    "$bin" bench --repeat 3 "$wcxb/html" >> "$work/bench-wcxb.txt"
    "$bin" bench --repeat 3 "$html" >> "$work/bench-html.txt"
    "$bin" bench --repeat 3 --parse-only "$html" >> "$work/bench-parse.txt"
    "$bin" bench --repeat 3 "$text" >> "$work/bench-text.txt"
  done
}
bench_rounds
if [ "$with_peers" = 1 ]; then
  venv=$(Scripts/peers-venv.sh "$peers")
  python3 "$peers" --venv "$venv" --only "$peers_wcxb" --out "$work/peers-wcxb" "$wcxb/html" > "$work/peers-wcxb.txt"
  python3 "$peers" --venv "$venv" --out "$work/peers" "$html" > "$work/peers.txt"
fi
bench_rounds
# Trafilatura's metadata (untimed, ~1.5 CPU-minutes) runs beside the scoring below.
if [ "$with_peers" = 1 ]; then
  "$venv/bin/python" Scripts/peer-metadata.py "$wcxb/html" > "$work/trafilatura-meta.jsonl" &
  meta_pid=$!
fi

python3 "$scorer" "$shared/data/extraction-dev/ground-truth.json" "$work/html.pred.jsonl" --json "$work/html.score.json" >/dev/null
python3 "$scorer" "$shared/data/text-dev/ground-truth.json" "$work/text.pred.jsonl" --json "$work/text.score.json" >/dev/null
python3 "$scorer" "$shared/data/text-dev/ground-truth.json" "$work/raw.pred.jsonl" --json "$work/raw.score.json" >/dev/null
wcxb_cols=("winnow=$work/wcxb")
if [ "$with_peers" = 1 ]; then
  for f in "$work"/peers/*.jsonl; do
    python3 "$scorer" "$shared/data/extraction-dev/ground-truth.json" "$f" --json "$f.score.json" >/dev/null
  done
  IFS=, read -ra names <<< "$peers_wcxb"
  for name in "${names[@]}"; do wcxb_cols+=("$name=$work/peers-wcxb/$name.jsonl"); done
fi
python3 "$shared/tools/score_metadata.py" "$wcxb/meta.json" "$work/wcxb.records.jsonl" > "$work/meta-winnow.txt"
python3 "$by_type" "$wcxb" "${wcxb_cols[@]}" > "$work/by-type-wcxb.txt"
python3 "$by_type" "$twcxb" "winnow=$work/twcxb" "raw=$work/twcxb-raw.jsonl" > "$work/by-type-twcxb.txt"
if [ "$with_peers" = 1 ]; then
  wait "$meta_pid"
  python3 "$shared/tools/score_metadata.py" "$wcxb/meta.json" "$work/trafilatura-meta.jsonl" > "$work/meta-trafilatura.txt"
fi

echo "== wcxb-dev: $(ls "$wcxb/html" | wc -l) pages, word F1 per page averaged, by page type (score_by_type.py)"
cat "$work/by-type-wcxb.txt"
python3 - "$work/wcxb/rejects.jsonl" "$(ls "$wcxb/html" | wc -l)" <<'PY'
import collections, json, sys
reasons = collections.Counter(json.loads(l).get("reason") for l in open(sys.argv[1], encoding="utf-8") if l.strip())
print(f"winnow extract.empty rejects on wcxb-dev: {reasons['extract.empty']} of {sys.argv[2]} pages"
      + "".join(f"; {r} {n}" for r, n in sorted(reasons.items()) if r != "extract.empty"))
PY

echo
echo "== text-wcxb-dev: the same pages as whole-page text dumps, by page type (raw = the dump as it is)"
cat "$work/by-type-twcxb.txt"

echo
echo "== extraction-dev (90 news pages) and text-dev (their text dumps): score_extraction.py"
python3 - "$work" <<'PY'
import glob, json, os, statistics, sys
work = sys.argv[1]
def score(path):
    c = json.load(open(path))["summary"]
    return c["f1"], c["precision"], c["recall"], c["exact"]
def bench(path):  # median docs/CPU-s of the rounds (field 4: "N docs/cpu_s")
    return statistics.median(float(l.split("\t")[4].split()[0]) for l in open(path) if l.count("\t") >= 5)
rows = [("winnow (HTML)", *score(f"{work}/html.score.json"), bench(f"{work}/bench-html.txt"))]
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
PY

echo
echo "== metadata on wcxb-dev: accuracy over the pages whose truth has the field (score_metadata.py)"
python3 - "$work" "$wcxb/meta.json" <<'PY'
import glob, json, os, sys
work = sys.argv[1]
print(f"{'extractor':14} {'title':>6} {'author':>6} {'date':>6} {'records':>7}")
for name in ("winnow", "trafilatura"):
    path = f"{work}/meta-{name}.txt"
    if os.path.exists(path):
        t, a, d, n = open(path).read().split()
        print(f"{name:14} {t:>6} {a:>6} {d:>6} {n:>7}")
def coverage(label, recs):
    n = len(recs)
    share = lambda k: 100 * sum(1 for r in recs if k(r)) / n
    print(f"winnow metadata coverage on {n} {label} records: title {share(lambda r: r['metadata'].get('title')):.0f} %, "
          f"author {share(lambda r: r['metadata'].get('author')):.0f} %, date {share(lambda r: r.get('created')):.0f} %, "
          f"language {share(lambda r: r['metadata'].get('language')):.0f} %")
records = lambda d: [json.loads(l) for f in sorted(glob.glob(f"{work}/{d}/part-*.jsonl")) for l in open(f, encoding="utf-8")]
wcxb = records("wcxb")
coverage("wcxb-dev", wcxb)
coverage("extraction-dev", records("html"))
typed = [r for r in wcxb if r["metadata"].get("page_type")]
if typed:
    meta = json.load(open(sys.argv[2], encoding="utf-8"))
    same = sum(1 for r in typed if meta.get(os.path.basename(r["source"]).split(".")[0], {}).get("page_type") == r["metadata"]["page_type"])
    print(f"page_type: on {100 * len(typed) / len(wcxb):.0f} % of the wcxb-dev records; equal to meta.json's on {100 * same / len(typed):.0f} % of those")
else:
    print("page_type: absent")
PY

echo
echo "== speed, one thread, CPU time of extraction only (pages pre-loaded)"
python3 - "$work" "$rounds" <<'PY'
import os, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
def figures(path):  # docs/CPU-s of each round (field 4: "N docs/cpu_s")
    return [float(l.split("\t")[4].split()[0]) for l in open(path) if l.count("\t") >= 5]
runs = figures(f"{work}/bench-wcxb.txt")
full = statistics.median(runs)
speeds = {}
if os.path.exists(f"{work}/peers-wcxb.txt"):
    for line in open(f"{work}/peers-wcxb.txt"):
        p = line.split()
        if len(p) >= 6 and p[0] != "name":
            speeds[p[0]] = float(p[4])
side = f"{rounds} before and {rounds} after the peers" if speeds else f"{2 * rounds} rounds"
print(f"wcxb-dev        {'docs/CPU-s':>10}")
print(f"{'winnow':14} {full:10.1f}   median of {len(runs)} rounds of bench --repeat 3 ({side}); "
      f"range {min(runs):.0f}-{max(runs):.0f}")
for name, d in sorted(speeds.items(), key=lambda kv: -kv[1]):
    print(f"{name:14} {d:10.1f}")
for peer in ("resiliparse", "trafilatura"):
    if peer in speeds:
        print(f"winnow / {peer} on wcxb-dev: {full / speeds[peer]:.2f}x")
parse = statistics.median(figures(f"{work}/bench-parse.txt"))
news = statistics.median(figures(f"{work}/bench-html.txt"))
print(f"extraction-dev: winnow parse only (libxml2 SAX into the tree): {parse:.0f} docs/CPU-s; full extraction {news:.0f} docs/CPU-s;"
      f" extraction adds {100 * (parse / news - 1):.0f} % CPU time over parsing (medians)")
PY
echo "(run time $((SECONDS - start)) s)"
