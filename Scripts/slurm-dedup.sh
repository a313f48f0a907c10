#!/usr/bin/env bash
# Winnow's distributed dedup on Slurm: submits the whole chain as dependent jobs and prints their ids.
#
#   1. ranks    sbatch --array=0-(TASKS-1) Scripts/slurm-array.sh INPUT OUTPUT --config CONFIG
#               (each rank writes its records and their signatures, .winnow/dedup/signatures-RRRRR.bin)
#   2. buckets  sbatch --dependency=afterok:<1> --array=0-(K-1): `winnow dedup buckets OUTPUT`, one band
#               per array task (K = `winnow dedup buckets --count --config CONFIG`: 15 for 14 bands + exact)
#   3. clusters sbatch --dependency=afterok:<2>: `winnow dedup clusters OUTPUT`
#   4. apply    sbatch --dependency=afterok:<3> --array=0-(TASKS-1): `winnow dedup apply OUTPUT`, one rank
#               per array task, each committing its deduplicated output as a new generation
#
# CONFIG must have dedup.exact and/or dedup.near on. Every stage is idempotent (a stage whose output
# already belongs to the ranks' current generations does nothing), so a failed or cancelled job is
# re-submitted alone (sbatch --array=3 … or the whole chain again). `winnow status OUTPUT` shows where
# each stage stands. README: Deduplication → On Slurm.
#
#   Scripts/slurm-dedup.sh /data/crawl /shared/out Config/fineweb.yml 16
#   SKIP_RANKS=1 Scripts/slurm-dedup.sh …     # the ranks already ran: submit stages 2-4 only
#   WINNOW_SBATCH="--cpus-per-task=1 --mem=1G" Scripts/slurm-dedup.sh …   # flags for every sbatch
#   WINNOW=/path/to/winnow Scripts/slurm-dedup.sh …
#
# Prints "ranks J1 buckets J2 clusters J3 apply J4" on stdout (J1 empty with SKIP_RANKS=1); the last
# job's id is the last word, for `squeue -j` or a --dependency of your own.
set -euo pipefail
usage="usage: Scripts/slurm-dedup.sh INPUT OUTPUT CONFIG TASKS [extra winnow run flags]"
input=${1:?$usage}
output=${2:?$usage}
config=${3:?$usage}
tasks=${4:?$usage}
shift 4
here=$(cd "$(dirname "$0")" && pwd)
winnow=${WINNOW:-winnow}
export WINNOW=$winnow
read -r -a extra <<< "${WINNOW_SBATCH:-}"
keys=$("$winnow" dedup buckets --count --config "$config")
q() { printf '%q ' "$@"; }
ranks=""
dependency=()
if [ -z "${SKIP_RANKS:-}" ]; then
  ranks=$(sbatch --parsable "${extra[@]}" --job-name=winnow-ranks --array="0-$((tasks - 1))" \
    "$here/slurm-array.sh" "$input" "$output" --config "$config" "$@" | cut -d';' -f1)
  dependency=(--dependency="afterok:$ranks")
fi
# The band (or rank) of each array task comes from $SLURM_ARRAY_TASK_ID.
buckets=$(sbatch --parsable "${extra[@]}" "${dependency[@]}" --job-name=winnow-buckets --array="0-$((keys - 1))" \
  --wrap "$(q "$winnow" dedup buckets "$output")" | cut -d';' -f1)
clusters=$(sbatch --parsable "${extra[@]}" --dependency="afterok:$buckets" --job-name=winnow-clusters \
  --wrap "$(q "$winnow" dedup clusters "$output")" | cut -d';' -f1)
apply=$(sbatch --parsable "${extra[@]}" --dependency="afterok:$clusters" --job-name=winnow-apply --array="0-$((tasks - 1))" \
  --wrap "$(q "$winnow" dedup apply "$output")" | cut -d';' -f1)
echo "ranks $ranks buckets $buckets clusters $clusters apply $apply"
