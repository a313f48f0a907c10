#!/usr/bin/env bash
# Issue 13's "same result three ways": the same documents with planted exact and near copies
# (Scripts/make-dedup-corpus.py, DOCS of them, split over FILES JSONL files in input order),
# deduplicated
#  (a) by one `winnow run` with dedup.exact and dedup.near on;
#  (b) by `--tasks 4` ranks, then `winnow dedup buckets` (one call per band), `dedup clusters` and
#      `dedup apply --rank R`;
#  (c) over two nights into one output: the first half of the files, then `--incremental` with all of
#      them (the new files are deduplicated against what the first night kept);
#  (d) the same two nights as separate outputs: night 2's new files alone with `--dedup-against`
#      night 1's output (the corpus already built), its records and rejects joined with night 1's.
# Prints each way's removed documents by reason and a digest of its kept records (sorted by id), then
# compares every way with (a): the dedup rejects (id, source, reason, detail) and the record lines.
# The only field normalised is `added` in (c) and (d), where night 2 runs with a later `--added`, as a
# nightly job would (night 1's records keep night 1's time); (b) is compared byte for byte.
# Exits 1 when any way differs, printing the first lines of the diff.
# usage: Scripts/dedup-three-ways.sh [TEXT_DIR] [DOCS] [FILES]
#   WINNOW=path/to/winnow uses that binary (default: the debug build, built if needed)
#   WORK=DIR keeps the outputs in DIR
set -euo pipefail
cd "$(dirname "$0")/.."
text=${1:-../shared/data/text-wcxb-dev/text}
docs=${2:-4000}
files=${3:-24}
if [ -z "${WINNOW:-}" ]; then
  swift build --product winnow >/dev/null
  WINNOW=$(swift build --show-bin-path)/winnow
fi
bin=$WINNOW
work=${WORK:-$(mktemp -d -t winnow-three-ways.XXXXXX)}
[ -n "${WORK:-}" ] || trap 'rm -rf "$work"' EXIT
rm -rf "$work"/{gen,in,night,night1,night2,one,ranks,nights,split}
mkdir -p "$work"
sed -e 's/^  exact: false /  exact: true  /' -e 's/^  near: false /  near: true  /' Config/winnow.yml > "$work/dedup.yml"
grep -q '^  near: true' "$work/dedup.yml"
grep -q '^  exact: true' "$work/dedup.yml"
night1=2026-01-01T00:00:00Z
night2=2026-01-02T00:00:00Z
run() { "$bin" run --quiet --jsonl-kind text --workers 2 --shard-records 500 --config "$work/dedup.yml" "$@"; }
# Runs a command; on failure prints all it said and stops; else prints its lines matching PATTERN.
show() {
  local pattern=$1 said
  shift
  said=$("$@" 2>&1) || { printf '%s\n' "$said" >&2; echo "failed: $*" >&2; exit 1; }
  grep -E "$pattern" <<<"$said" || true
}

python3 Scripts/make-dedup-corpus.py "$text" "$work/gen" "$docs"
# FILES inputs c000.jsonl …, the documents dealt out in turn (document k to file k mod FILES), so
# every file, and so each night, holds originals and copies, and a copy sits in an earlier, the same
# or a later file than its original; with 4 ranks most copies are on another rank than their original.
python3 - "$work/gen/corpus.jsonl" "$work/in" "$files" <<'PY'
import os, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines(keepends=True)
out, n = sys.argv[2], int(sys.argv[3])
os.makedirs(out)
for f in range(n):
    with open(os.path.join(out, f"c{f:03d}.jsonl"), "w", encoding="utf-8") as w:
        w.writelines(lines[f::n])
PY
half=$(( files / 2 ))
first_half() { ls "$work/in" | sort | head -n "$half"; }
second_half() { ls "$work/in" | sort | tail -n +"$(( half + 1 ))"; }

echo "--- (a) one run"
show 'dedup:' run --added "$night1" --output "$work/one" "$work/in"

echo "--- (b) --tasks 4 ranks, dedup buckets (per band), clusters, apply"
for rank in 0 1 2 3; do
  show '^$' run --added "$night1" --tasks 4 --rank "$rank" --output "$work/ranks" "$work/in"
done
bands=$("$bin" dedup buckets --count "$work/ranks")
for (( band = 0; band < bands; band++ )); do
  show "band ($(( bands - 1 ))|0):" "$bin" dedup buckets --band "$band" "$work/ranks"
done
show 'clusters' "$bin" dedup clusters "$work/ranks"
for rank in 0 1 2 3; do show '^$' "$bin" dedup apply --rank "$rank" "$work/ranks"; done
show '^dedup:' "$bin" status "$work/ranks"

echo "--- (c) two nights into one output, --incremental"
mkdir -p "$work/night"
for f in $(first_half); do cp "$work/in/$f" "$work/night/"; done
show 'dedup:' run --added "$night1" --incremental --output "$work/nights" "$work/night"
for f in $(second_half); do cp "$work/in/$f" "$work/night/"; done
show 'incremental|dedup:' run --added "$night2" --incremental --output "$work/nights" "$work/night"

echo "--- (d) night 2's new files alone, --dedup-against night 1's output"
mkdir -p "$work/night1" "$work/night2"
for f in $(first_half); do cp "$work/in/$f" "$work/night1/"; done
for f in $(second_half); do cp "$work/in/$f" "$work/night2/"; done
show '^$' run --added "$night1" --output "$work/split/1" "$work/night1"
show 'dedup:' run --added "$night2" --dedup-against "$work/split/1" --output "$work/split/2" "$work/night2"

echo "--- comparison"
python3 - "$work" <<'PY'
import difflib, glob, hashlib, json, os, sys

work = sys.argv[1]

def committed(output):
    """Record lines and dedup rejects of OUTPUT's committed generations (every rank's manifest)."""
    records, removed = [], []
    for manifest_path in sorted(glob.glob(os.path.join(output, "manifest*.json"))):
        manifest = json.load(open(manifest_path))
        for shard in manifest["shards"]:
            records += open(os.path.join(output, shard["name"]), encoding="utf-8").read().splitlines()
        with open(os.path.join(output, manifest["rejects_file"]), encoding="utf-8") as f:
            for line in f:
                reject = json.loads(line)
                if reject["stage"] == "dedup":
                    removed.append(f'{reject["id"]} {reject["source"]} {reject["reason"]} {reject["detail"]}')
    return records, removed

def normalised(records, added):
    """Sorted by id; with `added`, that field's value replaced (it legitimately differs between nights)."""
    keyed = []
    for line in records:
        record = json.loads(line)
        if added:
            assert line.count('"added":"') == 1, line[:200]
            start = line.index('"added":"') + len('"added":"')
            line = line[:start] + "*" + line[line.index('"', start):]
        keyed.append((record["id"], line))
    return [line for _, line in sorted(keyed)]

ways = {"(a) one run": ("one",), "(b) 4 ranks + stages": ("ranks",), "(c) two nights, --incremental": ("nights",),
        "(d) night 2 --dedup-against night 1": ("split/1", "split/2")}
results = {}
for name, outputs in ways.items():
    records, removed = [], []
    for output in outputs:
        r, d = committed(os.path.join(work, output))
        records += r
        removed += d
    by_reason = {}
    for line in removed:
        reason = line.split(" ")[2]
        by_reason[reason] = by_reason.get(reason, 0) + 1
    results[name] = (records, sorted(removed))
    print(f"{name}: removed {len(removed)} ({', '.join(f'{k} {v}' for k, v in sorted(by_reason.items()))}); kept {len(records)} records")

reference_records, reference_removed = results["(a) one run"]
failed = False
for name, (records, removed) in results.items():
    if name == "(a) one run":
        continue
    nights = name.startswith(("(c)", "(d)"))
    mine, theirs = normalised(records, nights), normalised(reference_records, nights)
    same_removed, same_records = removed == reference_removed, mine == theirs
    digest = hashlib.sha256("\n".join(mine).encode()).hexdigest()[:16]
    what = "records with `added` normalised" if nights else "record bytes"
    print(f"{name} vs (a): removed set {'identical' if same_removed else 'DIFFERENT'}; {what} "
          f"{'identical' if same_records else 'DIFFERENT'} (sha256 of the sorted lines {digest}…)")
    for ok, a, b, label in [(same_removed, reference_removed, removed, "removed"), (same_records, theirs, mine, "records")]:
        if not ok:
            failed = True
            diff = list(difflib.unified_diff(a, b, "(a) " + label, name + " " + label, lineterm="", n=0))
            print("\n".join(line[:300] for line in diff[:20]))
            if len(diff) > 20:
                print(f"… {len(diff) - 20} more diff lines")
sys.exit(1 if failed else 0)
PY
echo "same result three ways: identical"
