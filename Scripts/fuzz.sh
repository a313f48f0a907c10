#!/usr/bin/env bash
# Scripts/fuzz.sh [SECONDS] [TARGET]
#
# Builds the libFuzzer target `winnow-fuzz` (release, -sanitize=fuzzer,address, scratch .build-fuzz),
# seeds a corpus from the repository's fixtures, and fuzzes for SECONDS (default 60).
#
# TARGET: all (default) | html | text | file | warc | warc-gz | jsonl — see
# Sources/WinnowCore/Support/FuzzHarness.swift for what each one feeds where (the input's first
# byte picks the target and whether the rules run with tight limits; with a TARGET other than `all`,
# inputs for other targets are skipped).
#
# Everything generated stays under .build-fuzz/ (never committed):
#   .build-fuzz/fuzz/seeds/TARGET/   seeds, rebuilt every run from Tests/Fixtures (pages, text dumps,
#                                    golden sources, and the regression inputs in Tests/Fixtures/fuzz),
#                                    Samples/corpus, and WARC/JSONL files made from them
#   .build-fuzz/fuzz/corpus/TARGET/  the corpus libFuzzer grows, kept between runs
#   .build-fuzz/fuzz/artifacts/      crashers: crash-*, timeout-*, oom-*, leak-*
#   .build-fuzz/fuzz/TARGET.log      libFuzzer's output
#
# Exit status: 0 when the time ran out with no finding; 1 on any finding (the crasher path is
# printed; replay it with `.build-fuzz/.../winnow-fuzz CRASHER`, then keep it as a regression test
# under Tests/Fixtures/fuzz/); 2 on a build or usage error.
#
# Environment: FUZZ_MAX_LEN (default 65536 bytes), FUZZ_TIMEOUT (seconds per input, default 10),
# FUZZ_RSS_MB (default 2048), FUZZ_EXTRA (more libFuzzer flags, e.g. "-jobs=2 -workers=2").
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_TO_RUN="${1:-60}"
TARGET="${2:-all}"
MAX_LEN="${FUZZ_MAX_LEN:-65536}"
TIMEOUT="${FUZZ_TIMEOUT:-10}"
RSS_MB="${FUZZ_RSS_MB:-2048}"
TARGETS=(html text file warc warc-gz jsonl)

usage() { sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ "$SECONDS_TO_RUN" =~ ^[0-9]+$ ]] || usage
if [[ "$TARGET" != all ]] && [[ ! " ${TARGETS[*]} " =~ " $TARGET " ]]; then usage; fi

SCRATCH=.build-fuzz
WORK="$SCRATCH/fuzz"
mkdir -p "$WORK/artifacts"

echo "fuzz.sh: building winnow-fuzz (release, -sanitize=fuzzer,address) in $SCRATCH" >&2
# Release (-O keeps Swift's bounds and overflow checks): about 12× more executions per second than a
# debug build under ASan, with the same coverage instrumentation.
BUILD_FLAGS=(-c release --scratch-path "$SCRATCH" --product winnow-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING)
# gold prints thousands of harmless "Cannot export local symbol '__asan_…'" warnings: hide them.
if ! swift build "${BUILD_FLAGS[@]}" > "$WORK/build.log" 2>&1; then
    grep -v "Cannot export local symbol" "$WORK/build.log" | tail -40 >&2
    echo "fuzz.sh: build failed (full log: $WORK/build.log)" >&2
    exit 2
fi
BIN="$(swift build "${BUILD_FLAGS[@]}" --show-bin-path)/winnow-fuzz"

echo "fuzz.sh: seeding $WORK/seeds from Tests/Fixtures and Samples/corpus" >&2
rm -rf "$WORK/seeds"
python3 - "$WORK/seeds" <<'PY'
import gzip, hashlib, json, os, pathlib, sys

out = pathlib.Path(sys.argv[1])
selector = {"html": 0, "text": 1, "file": 2, "warc": 3, "warc-gz": 4, "jsonl": 5}
# Transport charset indices in FuzzHarness.charsets: nil, utf-8, windows-1252, …, shift_jis (5).
CHARSET_NONE, CHARSET_UTF8, CHARSET_1252, CHARSET_SJIS = 0, 1, 2, 5

def write(target, data, extra=b""):
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    blob = bytes([selector[target]]) + extra + data
    (d / hashlib.sha1(blob).hexdigest()[:16]).write_bytes(blob)

html, text, raw = [], [], []
roots = [pathlib.Path("Tests/Fixtures"), pathlib.Path("Samples/corpus")]
for root in roots:
    for p in sorted(root.rglob("*")):
        if not p.is_file():
            continue
        name = p.name.lower()
        data = p.read_bytes()
        # Golden folders: only the page itself (expected/truth files are outputs, not inputs).
        if "golden" in p.parts and not name.startswith("source."):
            continue
        if name.endswith((".html", ".htm", ".xhtml")):
            html.append(data); raw.append(data)
        elif name.endswith(".txt"):
            text.append(data); raw.append(data)
        elif name.endswith((".html.gz", ".txt.gz")):
            raw.append(data)  # the file target gunzips it
            (html if ".html" in name else text).append(gzip.decompress(data))

for page in html:
    write("html", page, bytes([CHARSET_NONE]))
for page in html[:4]:
    write("html", page, bytes([CHARSET_1252]))
    write("html", page, bytes([CHARSET_SJIS]))
for doc in text:
    write("text", doc, bytes([CHARSET_NONE]))
    write("text", doc, bytes([CHARSET_UTF8]))
for data in raw:
    write("file", data)
# Small hand-made oddities for the file target: empty, NUL bytes, deep nesting, BOMs.
for data in [b"", b"\x00\x01\x02", b"<div>" * 1200, b"\xef\xbb\xbf<p>bom</p>", b"\xff\xfe<\x00p\x00>\x00x\x00",
             gzip.compress(b"<html><body><p>gz</p></body></html>")[:-5]]:
    write("file", data)

# WARC seeds built from the smaller pages (whole records must fit in FUZZ_MAX_LEN).
small_html = sorted((p for p in html if len(p) < 12000), key=len)[:6]
small_text = sorted(text, key=len)[:3]

def record(rtype, block, uri=None, ctype=None, rid=0, length=None, version=b"WARC/1.0"):
    head = version + b"\r\nWARC-Type: " + rtype + b"\r\n"
    head += b"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n" % rid
    head += b"WARC-Date: 2024-01-02T03:04:05Z\r\n"
    if uri: head += b"WARC-Target-URI: " + uri + b"\r\n"
    if ctype: head += b"Content-Type: " + ctype + b"\r\n"
    head += b"Content-Length: %d\r\n\r\n" % (len(block) if length is None else length)
    return head + block + b"\r\n\r\n"

def http(body, status=b"200 OK", headers=(b"Content-Type: text/html",)):
    return b"HTTP/1.1 " + status + b"\r\n" + b"".join(h + b"\r\n" for h in headers) + b"\r\n" + body

def chunked(body, size=700):
    out = b""
    for i in range(0, len(body), size):
        part = body[i:i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"

def response(uri, body, rid, **kw):
    return record(b"response", http(body, **kw), uri=uri, ctype=b"application/http; msgtype=response", rid=rid)

warcs = []
for i, page in enumerate(small_html):
    u = b"http://example.com/%d" % i
    recs = [
        record(b"warcinfo", b"software: fuzz\r\nformat: WARC File Format 1.1\r\n", ctype=b"application/warc-fields", rid=1, version=b"WARC/1.1"),
        record(b"request", b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n", uri=u, ctype=b"application/http; msgtype=request", rid=2),
        response(u, page, 3),
    ]
    variant = i % 6
    if variant == 1:
        recs.append(record(b"response", http(chunked(page), headers=(b"Content-Type: text/html; charset=windows-1252", b"Transfer-Encoding: chunked")),
                           uri=u + b"/c", ctype=b"application/http; msgtype=response", rid=4))
    elif variant == 2:
        recs.append(record(b"response", http(gzip.compress(page), headers=(b"Content-Type: text/html; charset=utf-8", b"Content-Encoding: gzip")),
                           uri=u + b"/g", ctype=b"application/http; msgtype=response", rid=4))
    elif variant == 3:
        recs.append(response(u + b"/404", page[:200], 4, status=b"404 Not Found"))
        recs.append(record(b"revisit", b"HTTP/1.1 200 OK\r\n\r\n", uri=u, ctype=b"application/http; msgtype=response", rid=5))
    elif variant == 4:
        recs.append(record(b"resource", small_text[0] if small_text else b"plain text", uri=b"file:///notes.txt", ctype=b"text/plain", rid=4))
        recs.append(response(u + b"/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 5, headers=(b"Content-Type: image/png",)))
    elif variant == 5:
        # A record whose Content-Length is wrong, then a good one: the reader must resynchronise.
        recs.append(record(b"response", http(page[:300]), uri=u + b"/bad", ctype=b"application/http; msgtype=response", rid=4, length=250))
        recs.append(response(u + b"/after", page[:400], 5))
    warcs.append(recs)

for recs in warcs:
    write("warc", b"".join(recs))
    write("warc-gz", b"".join(gzip.compress(r) for r in recs))       # one member per record
write("warc-gz", gzip.compress(b"".join(warcs[0])))                  # the whole file in one member
damaged = b"".join(gzip.compress(r) for r in warcs[0])
write("warc-gz", damaged[:len(damaged) // 2] + b"\x00" * 7 + damaged[len(damaged) // 2 + 7:])

lines = []
for i, doc in enumerate(small_text):
    lines.append(json.dumps({"id": "t%d" % i, "text": doc.decode("utf-8", "replace"), "metadata": {"url": "http://example.com/t%d" % i}}))
for i, page in enumerate(small_html[:3]):
    lines.append(json.dumps({"id": i, "text": page.decode("utf-8", "replace")}, ensure_ascii=(i % 2 == 0)))
write("jsonl", ("\n".join(lines) + "\n").encode())
write("jsonl", b'{"text": "short"}\n\n[1,2]\n{"no_text": 1}\nnot json\n{"text": "\\u00e9t\\u00e9 \\ud83d\\ude00"}')

# Regression inputs (Tests/Fixtures/fuzz) already carry their selector byte.
names = ["html", "text", "file", "warc", "warc-gz", "jsonl"]
for p in sorted(pathlib.Path("Tests/Fixtures/fuzz").glob("*")):
    if p.is_file() and p.name != "README.md":
        blob = p.read_bytes()
        if blob:
            d = out / names[blob[0] % 6]
            d.mkdir(parents=True, exist_ok=True)
            (d / ("regression-" + p.name)).write_bytes(blob)

# Every third seed again with the tight-limits bit (selector + 6): small inputs reach the budgets.
for d in sorted(out.iterdir()):
    for k, f in enumerate(sorted(d.iterdir())):
        if k % 3 == 0:
            blob = f.read_bytes()
            tight = bytes([blob[0] + 6]) + blob[1:]
            (d / (hashlib.sha1(tight).hexdigest()[:16])).write_bytes(tight)
PY

TARGET_LIST=("$TARGET")
[[ "$TARGET" == all ]] && TARGET_LIST=("${TARGETS[@]}")
CORPUS="$WORK/corpus/$TARGET"
mkdir -p "$CORPUS"
SEED_DIRS=()
for t in "${TARGET_LIST[@]}"; do SEED_DIRS+=("$WORK/seeds/$t"); done

LOG="$WORK/$TARGET.log"
MARK="$WORK/.start-$$"
touch "$MARK"
echo "fuzz.sh: fuzzing target '$TARGET' for ${SECONDS_TO_RUN}s (log: $LOG)" >&2
set +e
# shellcheck disable=SC2086
WINNOW_FUZZ_TARGET="$TARGET" ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" "$BIN" \
    "$CORPUS" "${SEED_DIRS[@]}" \
    -dict=Scripts/fuzz.dict \
    -max_total_time="$SECONDS_TO_RUN" -max_len="$MAX_LEN" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" \
    -artifact_prefix="$WORK/artifacts/" -print_final_stats=1 ${FUZZ_EXTRA:-} > "$LOG" 2>&1
STATUS=$?
set -e

CRASHERS=$(find "$WORK/artifacts" -maxdepth 1 -type f -newer "$MARK" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | sort)
rm -f "$MARK"
grep -E "^(stat::|Done )" "$LOG" >&2 || true
if [[ $STATUS -ne 0 || -n "$CRASHERS" ]]; then
    grep -E "ERROR: |==ERROR|Fatal error|winnow-fuzz finding|SUMMARY" "$LOG" | head -5 >&2 || true
    echo "fuzz.sh: FINDING (libFuzzer exit $STATUS); full output: $LOG" >&2
    for c in $CRASHERS; do echo "crasher: $c"; done
    echo "replay: $BIN CRASHER   (then copy it to Tests/Fixtures/fuzz/<name> as a regression test)" >&2
    exit 1
fi
echo "fuzz.sh: no finding in ${SECONDS_TO_RUN}s (corpus: $(find "$CORPUS" -type f | wc -l) inputs in $CORPUS)" >&2
