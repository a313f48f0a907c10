#!/usr/bin/env bash
# Scripts/tsan.sh [DOCUMENTS]
#
# ThreadSanitizer check, in two parts, both built in .build-tsan (debug, -sanitize=thread):
#   1. the test suite: swift test --sanitize=thread (but the one test TSan cannot run, see below)
#   2. `winnow run --workers 2` over DOCUMENTS (default 2000) documents: copies of Samples/corpus and
#      the golden pages (Tests/Fixtures/golden/*/source.*) under distinct names in a temp dir, and
#      one tenth of them as responses in a .warc.gz (its reader runs under the scheduler's lock).
# Fails (exit 1) if either part fails or TSan reports anything ("WARNING: ThreadSanitizer"). Logs are
# kept in .build-tsan/tsan-tests.log and .build-tsan/tsan-run.log.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCUMENTS="${1:-2000}"
[[ "$DOCUMENTS" =~ ^[0-9]+$ ]] && (( DOCUMENTS > 0 )) || { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
SCRATCH=.build-tsan
mkdir -p "$SCRATCH"
TESTS_LOG="$SCRATCH/tsan-tests.log"
RUN_LOG="$SCRATCH/tsan-run.log"
# Keep going after a report so one run shows all of them; exit 66 at the end if there was any.
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=0 exitcode=66 second_deadlock_stack=1}"
FAILED=0

tsan_reports() { grep -a -c "WARNING: ThreadSanitizer" "$1" || true; }

echo "tsan.sh: 1/2 test suite under -sanitize=thread (log: $TESTS_LOG)" >&2
set +e
# One test runs winnow under `ulimit -f 64`; that limit also kills ThreadSanitizer's own runtime
# (SIGBUS before main, even for `winnow --version`), so it runs in the plain suite only.
swift test --sanitize=thread --scratch-path "$SCRATCH" --skip aFailedWriteMakesStatusAndReportAgree > "$TESTS_LOG" 2>&1
STATUS=$?
set -e
REPORTS=$(tsan_reports "$TESTS_LOG")
grep -a -E "Test run with [0-9]+ tests" "$TESTS_LOG" | tail -1 >&2 || true
echo "tsan.sh: tests exit $STATUS, ThreadSanitizer reports: $REPORTS" >&2
if [[ $STATUS -ne 0 || $REPORTS -ne 0 ]]; then
    grep -a -E -A12 "WARNING: ThreadSanitizer" "$TESTS_LOG" | head -60 >&2 || true
    grep -a -E "✘|error:|failed" "$TESTS_LOG" | head -20 >&2 || true
    FAILED=1
fi

BIN="$(swift build --sanitize=thread --scratch-path "$SCRATCH" --show-bin-path)/winnow"
echo "tsan.sh: 2/2 building winnow with -sanitize=thread" >&2
swift build --sanitize=thread --scratch-path "$SCRATCH" --product winnow > "$SCRATCH/tsan-build.log" 2>&1 \
    || { tail -30 "$SCRATCH/tsan-build.log" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/winnow-tsan.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/in"
mapfile -t SOURCES < <( { find Samples/corpus -type f ! -name README.md; find Tests/Fixtures/golden -type f -name 'source.*'; } | sort)
(( ${#SOURCES[@]} > 0 )) || { echo "tsan.sh: no sample documents found" >&2; exit 1; }
WARC_DOCS=$(( DOCUMENTS / 10 ))
FILES=$(( DOCUMENTS - WARC_DOCS ))
for (( i = 0; i < FILES; i++ )); do
    src="${SOURCES[i % ${#SOURCES[@]}]}"
    base="$(basename "$src")"
    # Keep the extensions (.html, .txt.gz, …) so each copy is read the way the original is.
    stem="${base%%.*}"; ext="${base#"$stem"}"
    [[ "$stem" == source ]] && stem="$(basename "$(dirname "$src")")"
    dir="$WORK/in/$(( i / 500 ))"
    mkdir -p "$dir"
    cp "$src" "$dir/$(printf '%05d' "$i")-$stem$ext"
done
# The WARC: one gzip member per record, each a 200 response with one of the HTML pages.
python3 - "$WORK/in/crawl.warc.gz" "$WARC_DOCS" "${SOURCES[@]}" <<'PY'
import gzip, sys
out, count, sources = sys.argv[1], int(sys.argv[2]), [s for s in sys.argv[3:] if s.endswith((".html", ".htm"))]
with open(out, "wb") as f:
    for i in range(count):
        body = open(sources[i % len(sources)], "rb").read()
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
        head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%08d-0000-4000-8000-000000000000>\r\n"
                b"WARC-Date: 2024-01-02T03:04:05Z\r\nWARC-Target-URI: http://example.com/%d\r\n"
                b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n") % (i, i, len(http))
        f.write(gzip.compress(head + http + b"\r\n\r\n"))
PY

echo "tsan.sh: winnow run --workers 2 on $DOCUMENTS documents ($FILES files, $WARC_DOCS in a .warc.gz; log: $RUN_LOG)" >&2
set +e
"$BIN" run --workers 2 --quiet --added 2026-01-01T00:00:00Z --output "$WORK/out" "$WORK/in" > "$RUN_LOG" 2>&1
STATUS=$?
set -e
REPORTS=$(tsan_reports "$RUN_LOG")
set +e
SUMMARY=$(python3 - "$WORK/out/report.json" "$DOCUMENTS" 2>&1 <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
expected = int(sys.argv[2])
i = r["inputs"]
print(f'status={r["status"]} documents={i["documents"]} processed={i["processed"]} records={r["records"]} '
      f'rejects={r["rejects"]} wall={r["wall_seconds"]:.1f}s')
ok = r["status"] == "complete" and i["processed"] == expected and r["records"] + r["rejects"] == expected
sys.exit(0 if ok else 1)
PY
)
REPORT_OK=$?
set -e
echo "tsan.sh: run exit $STATUS, $SUMMARY, ThreadSanitizer reports: $REPORTS" >&2
if [[ $STATUS -ne 0 || $REPORTS -ne 0 || $REPORT_OK -ne 0 ]]; then
    grep -a -E -A12 "WARNING: ThreadSanitizer" "$RUN_LOG" | head -60 >&2 || true
    tail -5 "$RUN_LOG" >&2
    FAILED=1
fi

if [[ $FAILED -ne 0 ]]; then
    echo "tsan.sh: FAILED" >&2
    exit 1
fi
echo "tsan.sh: clean (test suite and a $DOCUMENTS-document run with 2 workers, no ThreadSanitizer report)" >&2
