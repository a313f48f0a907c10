#!/usr/bin/env bash
# Winnow on a Slurm array: one array task per rank, all writing into one shared output directory.
# Each task processes the inputs whose index in the sorted input list is ≡ rank (mod N) and writes
# part-RRRRR-SSSSS.jsonl, rejects-RRRRR.jsonl, report-RRRRR.json, manifest-RRRRR.json and
# .winnow/completions/RRRRR. `winnow run` reads the rank from SLURM_ARRAY_TASK_ID and N from the
# output directory (the ranks already there), or for a new one from SLURM_ARRAY_TASK_MAX + 1, so no
# --tasks/--rank is needed here; a re-submitted task keeps the directory's N. README: Running on Slurm.
#
#   sbatch --array=0-15 Scripts/slurm-array.sh /data/crawl /shared/winnow-out
#   winnow status /shared/winnow-out        # done / running / incomplete / failed / missing per rank
#   sbatch --array=7 Scripts/slurm-array.sh /data/crawl /shared/winnow-out   # re-run a failed rank alone
#   winnow report /shared/winnow-out > merged-report.json
#   WINNOW=/path/to/winnow sbatch …         # another binary than the winnow on the PATH
#
#SBATCH --job-name=winnow
#SBATCH --cpus-per-task=8
#SBATCH --mem=8G
#SBATCH --time=04:00:00
#SBATCH --output=winnow-%A_%a.log
set -euo pipefail
input=${1:?usage: sbatch --array=0-N Scripts/slurm-array.sh INPUT_DIR OUTPUT_DIR [extra winnow run flags]}
output=${2:?usage: sbatch --array=0-N Scripts/slurm-array.sh INPUT_DIR OUTPUT_DIR [extra winnow run flags]}
shift 2
winnow=${WINNOW:-winnow}
# --incremental: a re-submitted array only redoes the inputs that changed (or everything after a rule
# change); a rank whose lock is held by a live run exits 75 at once.
exec "$winnow" run --quiet --incremental --workers "${SLURM_CPUS_PER_TASK:-1}" --compress zstd \
  --output "$output" "$@" "$input"
