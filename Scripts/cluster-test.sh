#!/usr/bin/env bash
# The cluster path end to end on a real Slurm (issue 15), run by Scripts/test.sh after the unit tests:
# a one-node cluster (Scripts/slurm-local.sh) runs Scripts/slurm-array.sh as an array of 4 over a corpus
# of about 2,300 documents (pages from ../shared mixed with its WARC, plus copies of the samples and
# golden pages), and the union of the ranks' records is compared with a one-machine `winnow run`.
#
#   1. sbatch --array=0-3 --wait: status 4 done, report merges them, union = one-machine run
#   2. scancel of task 2 while it runs: status says incomplete (exit 3), the other ranks are intact;
#      sbatch --array=2 completes it; union = one-machine run
#   3. the whole array re-submitted after touching 5 inputs: only those are reprocessed (--incremental)
#   4. the distributed dedup (Scripts/slurm-dedup.sh: ranks, buckets per band, clusters, apply per rank
#      as dependent jobs, sbatch --dependency=afterok) over a small corpus with planted copies: status
#      says every stage done (exit 0) and the ranks removed exactly what one `winnow run` with the same
#      dedup config removes (same sources, reasons and kept ids: an empty diff), same records
#
# CLUSTER_SCENARIOS="4" runs only the scenarios named (default: "1 2 3 4").
#
# Skipped (exit 0, with a message) only where slurm-wlm cannot be installed (not root and no sudo, no
# apt-get, or the install fails). The daemons are started and stopped here; nothing is left running.
# usage: Scripts/cluster-test.sh            (WINNOW=path/to/winnow to test another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
started=$(date +%s)
shared=${WINNOW_SHARED:-$root/../shared}

skip() { echo "cluster tests: SKIPPED: $*" >&2; exit 0; }
fail() { echo "not ok - $*" >&2; failed=$((failed + 1)); }
ok() { echo "ok - $*"; passed=$((passed + 1)); }
passed=0 failed=0
scenarios=" ${CLUSTER_SCENARIOS:-1 2 3 4} "
want() { [[ $scenarios == *" $1 "* ]]; }

# --- Slurm, munge and zstd (to read the shards), installed when missing ------------------------------
missing=()
for tool in sbatch slurmctld slurmd munged zstd; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null && sudo -n true 2>/dev/null || skip "slurm-wlm is not installed (${missing[*]} missing) and this user cannot install it (not root, no sudo)"
    sudo_cmd="sudo -n"
  fi
  command -v apt-get >/dev/null || skip "slurm-wlm is not installed and there is no apt-get to install it"
  echo "cluster tests: installing slurm-wlm munge zstd" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! { $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq slurm-wlm munge zstd; } >/tmp/cluster-test-apt.log 2>&1; then
    tail -n 5 /tmp/cluster-test-apt.log >&2
    skip "slurm-wlm cannot be installed here (apt-get failed, log /tmp/cluster-test-apt.log)"
  fi
fi
# slurmd starts the jobs and must run as root.
[ "$(id -u)" -eq 0 ] || skip "slurmd needs root and this user is $(id -un)"

winnow=${WINNOW:-}
if [ -z "$winnow" ]; then
  winnow=$(swift build --show-bin-path)/winnow
  [ -x "$winnow" ] || swift build --product winnow >/dev/null
fi
export WINNOW=$winnow   # Scripts/slurm-array.sh runs $WINNOW; sbatch passes the environment on

work=$(mktemp -d -t winnow-cluster.XXXXXX)
chmod 755 "$work"   # munged runs as the munge user and must reach its socket below
export WINNOW_SLURM_DIR=$work/slurm
cleanup() {
  local pids=""
  for d in munged slurmctld slurmd; do [ -s "$WINNOW_SLURM_DIR/$d.pid" ] && pids+=" $(cat "$WINNOW_SLURM_DIR/$d.pid")"; done
  Scripts/slurm-local.sh stop || true
  for pid in $pids; do
    if kill -0 "$pid" 2>/dev/null; then echo "cluster tests: daemon PID $pid still running after stop" >&2; fi
  done
  [ -n "$pids" ] && echo "cluster tests: Slurm stopped (daemon PIDs$pids ended)" >&2
  rm -rf "$work"
}
trap cleanup EXIT
eval "$(Scripts/slurm-local.sh start)"

# --- the corpus ----------------------------------------------------------------------------------------
corpus=$work/corpus
mkdir -p "$corpus"
if [ -d "$shared/data/warc" ]; then
  mkdir -p "$corpus/news" "$corpus/text" "$corpus/wcxb" "$corpus/warc"
  cp "$shared"/data/extraction-dev/html/* "$corpus/news/"
  cp "$shared"/data/text-dev/text/* "$corpus/text/"
  find "$shared/data/wcxb-dev/html" -type f | sort > "$work/wcxb.txt"
  sed -n 1,250p "$work/wcxb.txt" | xargs cp -t "$corpus/wcxb/"
  cp "$shared/data/warc/dev.warc.gz" "$corpus/warc/"
else
  echo "cluster tests: $shared/data not found: the corpus is the samples and golden pages only" >&2
fi
for i in $(seq -w 1 40); do
  mkdir -p "$corpus/copies/$i/golden"
  cp -r Samples/corpus/. "$corpus/copies/$i/"
  rm -f "$corpus/copies/$i/README.md"
  for page in Tests/Fixtures/golden/*/source.*; do
    cp "$page" "$corpus/copies/$i/golden/$(basename "$(dirname "$page")").${page##*.}"
  done
done

# Every record of an output directory (taken from its manifests' shard lists), one line each without
# `added` (the run's time), sorted: two outputs with the same ids and the same text compare equal.
records() {
  local dir=$1 manifest shard
  for manifest in "$dir"/manifest*.json; do
    for shard in $(python3 -c 'import json,sys; print("\n".join(s["name"] for s in json.load(open(sys.argv[1]))["shards"]))' "$manifest"); do
      case $shard in *.zst) zstd -dcq "$dir/$shard" ;; *.gz) gzip -dc "$dir/$shard" ;; *) cat "$dir/$shard" ;; esac
    done
  done | python3 -c '
import json, sys
for line in sys.stdin:
    record = json.loads(line)
    record.pop("added", None)
    print(json.dumps(record, sort_keys=True, ensure_ascii=False))' | LC_ALL=C sort
}

# The union of a ranked output equals the one-machine run: a printed id count and an empty diff.
same_as_single() {
  local dir=$1 label=$2
  records "$dir" > "$work/union.jsonl"
  local ids unique
  ids=$(wc -l < "$work/union.jsonl")
  unique=$(python3 -c 'import json,sys; print(len({json.loads(l)["id"] for l in sys.stdin}))' < "$work/union.jsonl")
  echo "  $label: $ids records, $unique distinct ids (one-machine run: $(wc -l < "$work/single.jsonl"))"
  echo "  diff <(records one-machine) <(records $label):"
  if diff "$work/single.jsonl" "$work/union.jsonl" > "$work/diff.txt"; then
    echo "  (empty)"
    [ "$ids" -eq "$unique" ]
  else
    head -n 4 "$work/diff.txt" | cut -c1-200 | sed 's/^/  /'
    return 1
  fi
}

# Waits until no task of job $1 is in the queue.
wait_job() {
  for _ in $(seq 1 1200); do
    [ -z "$(squeue -h -j "$1" -o %i 2>/dev/null)" ] && return 0
    sleep 0.5
  done
  echo "job $1 still queued after 10 minutes" >&2
  return 1
}

# slurm_array ARRAY OUT [sbatch flags]: Scripts/slurm-array.sh over the corpus into OUT, as array ARRAY
# (1 CPU and 1 GB a task instead of the script's 8 and 8G, which this node does not have).
slurm_array() {
  local array=$1 out=$2
  shift 2
  sbatch "$@" --array="$array" --cpus-per-task=1 --mem=1G --output="$work/logs/%A_%a.log" Scripts/slurm-array.sh "$corpus" "$out"
}
# The tasks' logs, after a failure.
show_logs() { tail -n 5 "$work"/logs/*.log >&2 || true; }
mkdir -p "$work/logs"
status_of() { "$winnow" status "$1" > "$work/status.txt" 2>&1 && echo 0 || echo $?; }
show_status() { sed 's/^/  | /' "$work/status.txt"; }

if want 1 || want 2 || want 3; then
documents=$(find "$corpus" -type f | wc -l)
echo "cluster tests: corpus of $documents input files ($(du -sh "$corpus" | cut -f1)); winnow $winnow"
t=$(date +%s)
"$winnow" run --quiet --workers 2 --output "$work/single" "$corpus" 2> "$work/single.log" || { cat "$work/single.log" >&2; exit 1; }
records "$work/single" > "$work/single.jsonl"
echo "  one-machine run: $(wc -l < "$work/single.jsonl") records in $(( $(date +%s) - t )) s"

# --- 1. an array of 4 ------------------------------------------------------------------------------------
t=$(date +%s)
out1=$work/out1
if slurm_array 0-3 "$out1" --wait --quiet; then
  code=$(status_of "$out1"); show_status
  "$winnow" report "$out1" > "$work/report1.json" 2> "$work/report1.txt" || true
  sed 's/^/  | /' "$work/report1.txt"
  merged=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["status"], r["tasks_merged"], r["records"])' "$work/report1.json")
  if [ "$code" -eq 0 ] && grep -q "4 done" "$work/status.txt" && [ "$merged" = "complete 4 $(wc -l < "$work/single.jsonl")" ] \
     && same_as_single "$out1" "4 ranks"; then
    ok "1. sbatch --array=0-3: status 4 done (exit 0), report merges 4 (complete), union = one-machine run ($(( $(date +%s) - t )) s)"
  else
    fail "1. array of 4: status exit $code, report '$merged'"
  fi
else
  fail "1. sbatch --wait --array=0-3 failed"; show_logs
fi

# --- 2. a cancelled task, re-submitted -----------------------------------------------------------------
t=$(date +%s)
out2=$work/out2
job=$(slurm_array 0-3 "$out2" --parsable | cut -d';' -f1)
# Task 2 starts when a CPU is free; cancel it once it is writing (its staging directory exists).
for _ in $(seq 1 600); do
  state=$(squeue -h -j "${job}_2" -o %T 2>/dev/null || true)
  [ "$state" = RUNNING ] && [ -d "$out2/.winnow/staging-00002" ] && break
  sleep 0.2
done
sleep 0.5   # into its inputs, well before its commit (a rank of this corpus takes a few seconds)
echo "  task ${job}_2 is $state; scancel ${job}_2"
scancel "${job}_2"
wait_job "$job"
code=$(status_of "$out2"); show_status
line=$(grep '^rank 00002' "$work/status.txt" || true)
records "$out2" > "$work/others.jsonl"
# The other ranks' records: each one exactly as in the one-machine run.
foreign=$(LC_ALL=C comm -13 "$work/single.jsonl" "$work/others.jsonl" | wc -l)
if [ "$code" -eq 3 ] && [[ $line == *incomplete* ]] && grep -q "3 done, 1 incomplete" "$work/status.txt" && [ "$foreign" -eq 0 ]; then
  ok "2a. scancel of task 2 while it runs: status says rank 2 incomplete (exit 3), 3 done; the other ranks' $(wc -l < "$work/others.jsonl") records are those of the one-machine run"
else
  fail "2a. after scancel: status exit $code, rank 2 '$line', $foreign records not in the one-machine run"
fi
if slurm_array 2 "$out2" --wait --quiet; then
  code=$(status_of "$out2"); show_status
  if [ "$code" -eq 0 ] && grep -q "4 done" "$work/status.txt" && same_as_single "$out2" "4 ranks after re-submitting task 2"; then
    ok "2b. sbatch --array=2 completes it: status 4 done (exit 0), union = one-machine run ($(( $(date +%s) - t )) s)"
  else
    fail "2b. after sbatch --array=2: status exit $code"
  fi
else
  fail "2b. sbatch --wait --array=2 failed"; show_logs
fi

# --- 3. the whole array again after touching 5 inputs ----------------------------------------------------
t=$(date +%s)
find "$corpus/copies" -name '*.html' | sort | awk 'NR % 97 == 1 && n++ < 5' > "$work/touched.txt"
sleep 1
xargs touch < "$work/touched.txt"
if slurm_array 0-3 "$out1" --wait --quiet; then
  "$winnow" report "$out1" > "$work/report3.json" 2>/dev/null || true
  counts=$(python3 -c '
import json, sys
i = json.load(open(sys.argv[1])).get("incremental", {})
print(i.get("changed"), i.get("new"), i.get("deleted"), i.get("unchanged"), i.get("carried_documents"))' "$work/report3.json")
  read -r changed new deleted unchanged carried <<< "$counts"
  echo "  incremental: changed $changed, new $new, deleted $deleted, unchanged $unchanged, carried documents $carried"
  code=$(status_of "$out1")
  if [ "$code" -eq 0 ] && [ "$changed" = 5 ] && [ "$new" = 0 ] && [ "$deleted" = 0 ] \
     && same_as_single "$out1" "4 ranks, incremental"; then
    ok "3. the whole array re-submitted after touching 5 inputs: 5 reprocessed, $unchanged inputs ($carried documents) copied; union = one-machine run ($(( $(date +%s) - t )) s)"
  else
    fail "3. incremental re-submission: status exit $code, changed $changed new $new deleted $deleted"
  fi
else
  fail "3. sbatch --wait --array=0-3 (incremental) failed"; show_logs
fi

fi

# --- 4. the distributed dedup as dependent jobs -----------------------------------------------------------
if want 4; then
t=$(date +%s)
corpus4=$work/corpus4
mkdir -p "$corpus4"
# Originals, exact copies, near copies (words replaced) and copies of near copies; the
# copies sort before and after their originals and fall into other ranks.
python3 - "$corpus4" "$shared/data/text-dev/text" <<'PY'
import gzip, os, random, sys
out, shared = sys.argv[1], sys.argv[2]
random.seed(15)
texts = []
if os.path.isdir(shared):
    for name in sorted(os.listdir(shared))[:60]:
        path = os.path.join(shared, name)
        with (gzip.open if name.endswith(".gz") else open)(path, "rt", encoding="utf-8", errors="replace") as f:
            texts.append(f.read())
words = "harbour council morning storm boats coast repairs library children history winter market river station garden".split()
while len(texts) < 60:
    texts.append(" ".join(random.choice(words) for _ in range(300)) + "\n")
for i, text in enumerate(texts):
    open(os.path.join(out, "orig-%03d.txt" % i), "w").write(text)
for i in range(40):
    source = texts[random.randrange(len(texts))].split(" ")
    kind = i % 4
    if kind == 0:
        text = " ".join(source)
    else:
        for _ in range(1 + kind):
            source[random.randrange(len(source))] = random.choice(words)
        text = " ".join(source)
    open(os.path.join(out, "%s-copy-%03d.txt" % ("a" if i % 2 else "z", i)), "w").write(text)
PY
printf 'version: 1\ndedup:\n  exact: true\n  near: true\n' > "$work/dedup.yml"
"$winnow" run --quiet --workers 2 --config "$work/dedup.yml" --output "$work/single4" "$corpus4" 2> "$work/single4.log" || { cat "$work/single4.log" >&2; exit 1; }
# "source reason detail" of every dedup reject: the documents removed and the kept id each names.
removed() { cat "$1"/rejects*.jsonl | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    if r["stage"] == "dedup":
        print(r["source"], r["reason"], r["detail"])' | LC_ALL=C sort; }
removed "$work/single4" > "$work/single4-removed.txt"
records "$work/single4" > "$work/single4.jsonl"
echo "  corpus of $(find "$corpus4" -type f | wc -l) files; one-machine run with dedup: $(wc -l < "$work/single4.jsonl") records, $(wc -l < "$work/single4-removed.txt") copies removed"
out4=$work/out4
jobs=$(WINNOW_SBATCH="--cpus-per-task=1 --mem=1G --output=$work/logs/%x-%A_%a.log" Scripts/slurm-dedup.sh "$corpus4" "$out4" "$work/dedup.yml" 3)
echo "  Scripts/slurm-dedup.sh: $jobs"
read -r _ ranks _ buckets _ clusters _ apply <<< "$jobs"
wait_job "$apply"
code=$(status_of "$out4"); show_status
states=$(sacct -n -X -P -j "$ranks,$buckets,$clusters,$apply" -o State 2>/dev/null | sort | uniq -c | tr -s ' ' | tr '\n' ',' || true)
[ -n "$states" ] && echo "  job states: $states"
removed "$out4" > "$work/out4-removed.txt"
records "$out4" > "$work/out4.jsonl"
echo "  3 ranks + stages: $(wc -l < "$work/out4.jsonl") records, $(wc -l < "$work/out4-removed.txt") copies removed"
echo "  diff <(removed one-machine) <(removed 3 ranks):"
if diff "$work/single4-removed.txt" "$work/out4-removed.txt" > "$work/diff4.txt" && diff -q "$work/single4.jsonl" "$work/out4.jsonl" >/dev/null; then
  echo "  (empty)"
  if [ "$code" -eq 0 ] && grep -q "applied 3/3 ranks" "$work/status.txt" && [ -s "$work/single4-removed.txt" ]; then
    ok "4. slurm-dedup.sh (ranks → buckets → clusters → apply, afterok): status all done (exit 0), the same $(wc -l < "$work/out4-removed.txt") copies removed as one winnow run, same records ($(( $(date +%s) - t )) s)"
  else
    fail "4. distributed dedup: status exit $code"
  fi
else
  head -n 6 "$work/diff4.txt" | sed 's/^/  /'
  fail "4. distributed dedup removed other documents than one winnow run"; show_logs
fi
fi

echo "cluster tests: $passed passed, $failed failed in $(( $(date +%s) - started )) s"
[ "$failed" -eq 0 ]
