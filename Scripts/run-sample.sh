#!/usr/bin/env bash
# Set-up command 1: installs what is missing, builds Winnow (release), and runs it on the sample
# corpus shipped in Samples/corpus. Output goes to ./winnow-out (or the directory given as $1).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift build -c release --product winnow
out=${1:-winnow-out}
status=0
.build/release/winnow run --output "$out" Samples/corpus || status=$?
echo
echo "records: $out/part-*.jsonl   rejects: $out/rejects.jsonl   report: $out/report.json"
exit $status
