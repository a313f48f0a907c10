#!/usr/bin/env bash
# Crash-safety check: starts `winnow run` on a corpus, kills it with SIGKILL at random moments, and
# verifies after every kill that each file named part-*.jsonl is complete (every line is a JSON
# object, the file ends with a newline) and that no rejects.jsonl or report.json is half-written.
# usage: Scripts/kill-test.sh [CORPUS_DIR] [KILLS]
# Default corpus: Samples/corpus copied 200 times into a temp dir (no ../shared needed).
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${2:-10}
swift build -c release --product winnow >/dev/null
bin=.build/release/winnow
corpus=${1:-}
work=$(mktemp -d -t winnow-kill.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ -z "$corpus" ]; then
  corpus=$work/corpus
  for i in $(seq 1 200); do mkdir -p "$corpus/copy-$i"; cp -r Samples/corpus/. "$corpus/copy-$i/"; done
fi
out=$work/out
failures=0
for k in $(seq 1 "$kills"); do
  "$bin" run --quiet --workers 2 --shard-records 50 --output "$out" "$corpus" 2>/dev/null &
  pid=$!
  sleep "0.$(( RANDOM % 9 + 1 ))$(( RANDOM % 10 ))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if ! python3 - "$out" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
bad = []
for path in sorted(glob.glob(os.path.join(out, "part-*.jsonl"))) + [p for p in (os.path.join(out, "rejects.jsonl"), os.path.join(out, "report.json")) if os.path.exists(p)]:
    data = open(path, "rb").read()
    if data and not data.endswith(b"\n"):
        bad.append(f"{path}: does not end with a newline")
        continue
    for n, line in enumerate(data.splitlines(), 1):
        try:
            json.loads(line)
        except Exception as e:
            bad.append(f"{path}:{n}: not JSON ({e})")
            break
shards = len(glob.glob(os.path.join(out, "part-*.jsonl")))
temps = len(glob.glob(os.path.join(out, ".tmp-*")))
print(f"  {shards} complete shard(s), {temps} temporary file(s) left by the kill")
for b in bad: print("  BAD", b)
sys.exit(1 if bad else 0)
PY
  then failures=$((failures + 1)); fi
done
echo "kill-test: $kills kills, $failures with a truncated file"
[ "$failures" -eq 0 ]
