#!/usr/bin/env bash
# Crash-safety check: starts `winnow run` on a corpus, kills it with SIGKILL at random moments (while
# it discovers, processes, writes shards or commits), and verifies after every kill that
#  1. each file named part-*.jsonl is complete (every line a JSON object, ends with a newline), and
#     the committed generation (manifest.json) is whole unless the kill came after its commit point;
#  2. a restart (alternately plain and --incremental) finishes with every input exactly once: the ids
#     of the records and rejects equal those of a clean run.
# usage: Scripts/kill-test.sh [CORPUS_DIR] [KILLS]
# Default corpus: Samples/corpus copied 200 times into a temp dir (no ../shared needed).
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${2:-20}
scratch=${WINNOW_SCRATCH:-.build}
swift build -c release --scratch-path "$scratch" --product winnow >/dev/null
bin=$scratch/release/winnow
corpus=${1:-}
work=$(mktemp -d -t winnow-kill.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ -z "$corpus" ]; then
  corpus=$work/corpus
  for i in $(seq 1 200); do mkdir -p "$corpus/copy-$i"; cp -r Samples/corpus/. "$corpus/copy-$i/"; done
fi
"$bin" run --quiet --shard-records 50 --output "$work/clean" "$corpus" 2>/dev/null
out=$work/out
failures=0
check() {
  python3 - "$1" "$2" "$work/clean" <<'PY'
import glob, json, os, sys
out, phase, clean = sys.argv[1], sys.argv[2], sys.argv[3]
def ids(d):
    m = json.load(open(os.path.join(d, "manifest.json")))
    got = []
    for s in m["shards"]:
        got += [json.loads(l)["id"] for l in open(os.path.join(d, s["name"]), "rb")]
    got += [json.loads(l)["id"] for l in open(os.path.join(d, m["rejects_file"]), "rb")]
    return got
bad = []
for path in sorted(glob.glob(os.path.join(out, "part-*.jsonl"))):
    data = open(path, "rb").read()
    if data and not data.endswith(b"\n"):
        bad.append(f"{path}: does not end with a newline")
        continue
    for n, line in enumerate(data.splitlines(), 1):
        try: json.loads(line)
        except Exception as e: bad.append(f"{path}:{n}: not JSON ({e})"); break
committing = os.path.exists(os.path.join(out, ".winnow", "staging", "COMMIT"))
if os.path.exists(os.path.join(out, "manifest.json")) and (phase == "restarted" or not committing):
    got, want = ids(out), ids(clean)
    if sorted(got) != sorted(want) or len(got) != len(set(got)):
        bad.append(f"{phase}: {len(got)} ids ({len(set(got))} distinct), expected {len(want)}")
elif phase == "restarted":
    bad.append("no manifest.json after a restart")
print(f"  {phase}: {len(glob.glob(os.path.join(out, 'part-*.jsonl')))} shard(s){' (kill after the commit point)' if committing else ''}")
for b in bad: print("  BAD", b)
sys.exit(1 if bad else 0)
PY
}
for k in $(seq 1 "$kills"); do
  "$bin" run --quiet --workers 2 --shard-records 50 --output "$out" "$corpus" 2>/dev/null &
  pid=$!
  sleep "0.$(( RANDOM % 9 ))$(( RANDOM % 10 ))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  check "$out" killed || failures=$((failures + 1))
  flags=(); [ $((k % 2)) -eq 0 ] && flags=(--incremental)
  "$bin" run --quiet "${flags[@]}" --shard-records 50 --output "$out" "$corpus" 2>/dev/null
  check "$out" restarted || failures=$((failures + 1))
done
echo "kill-test: $kills kills, $failures failed checks"
[ "$failures" -eq 0 ]
