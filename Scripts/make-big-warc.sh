#!/usr/bin/env bash
# Makes a large WARC for memory and throughput checks by repeating and varying the 90 dev pages
# (../shared/data/extraction-dev/html): copy k of a page gets the URL ?copy=k, its <title> gets " #k"
# and a comment naming the copy, so no two payloads are byte-identical. Records are written as
# crawlers write them: warcinfo first, then per page a request and a response record (HTTP/1.1 200,
# Content-Type text/html, no charset), each record one gzip member (level 6).
#
# usage: Scripts/make-big-warc.sh [--size BYTES] [--files] [--plain] OUT_DIR
#   --size BYTES  stop once the WARC reaches this size on disk (default 2G; suffixes K M G)
#   --files       also write the same payloads as OUT_DIR/files/cNNNNN/<id>.html.gz (same pages as
#                 files, for the throughput comparison)
#   --plain       write OUT_DIR/big.warc (uncompressed) instead of OUT_DIR/big.warc.gz; with --files,
#                 the files are plain .html
# Then, e.g.:
#   /usr/bin/time -v .build/release/winnow run --output /tmp/out-warc OUT_DIR/big.warc.gz
#   /usr/bin/time -v .build/release/winnow run --output /tmp/out-files OUT_DIR/files
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${WINNOW_SHARED:-../shared}
size=2G
files=0
plain=0
while [ $# -gt 1 ]; do
  case "$1" in
    --size) size=$2; shift 2 ;;
    --files) files=1; shift ;;
    --plain) plain=1; shift ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--size BYTES] [--files] [--plain] OUT_DIR" >&2; exit 64; }
out=$1
mkdir -p "$out"

python3 - "$shared/data/extraction-dev" "$out" "$size" "$files" "$plain" <<'PY'
import glob, gzip, json, multiprocessing, os, sys, uuid, zlib

dev, out, size_text, files, plain = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1", sys.argv[5] == "1"
units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
target = int(size_text[:-1]) * units[size_text[-1].upper()] if size_text[-1].upper() in units else int(size_text)
truth = json.load(open(os.path.join(dev, "ground-truth.json"), encoding="utf-8"))
pages = []
for path in sorted(glob.glob(os.path.join(dev, "html", "*.html.gz"))):
    page_id = os.path.basename(path).split(".")[0]
    pages.append((page_id, truth[page_id]["url"], gzip.decompress(open(path, "rb").read())))

def vary(body, k):
    marker = b"<!-- winnow big-warc copy %d -->" % k
    lower = body[:4096].lower()
    t = lower.find(b"</title>")
    if t >= 0:
        body = body[:t] + b" #%d" % k + body[t:]
    h = body[:4096].lower().find(b"<head")
    if h >= 0:
        e = body.find(b">", h)
        return body[:e + 1] + marker + body[e + 1:]
    return marker + body

def record(rtype, uri, block, content_type, k, i):
    rid = uuid.uuid5(uuid.NAMESPACE_URL, "%s %s %d %d" % (rtype, uri, k, i))
    head = ("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
            "WARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (rtype, rid, uri, content_type, len(block)))
    return head.encode() + block + b"\r\n\r\n"

def compress(data):
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()

def make(job):
    k, i = job
    page_id, url, body = pages[i]
    uri = url + ("&" if "?" in url else "?") + "copy=%d" % k
    payload = vary(body, k)
    host = uri.split("/")[2]
    path = "/" + uri.split("/", 3)[3] if uri.count("/") >= 3 else "/"
    request = ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: winnow-big-warc\r\n\r\n" % (path, host)).encode()
    http = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(payload)).encode() + payload
    data = record("request", uri, request, "application/http; msgtype=request", k, i) + \
           record("response", uri, http, "application/http; msgtype=response", k, i)
    if not plain:
        req_len = len(record("request", uri, request, "application/http; msgtype=request", k, i))
        data = compress(data[:req_len]) + compress(data[req_len:])
    file_bytes = None
    if files:
        file_bytes = payload if plain else compress(payload)
    return k, page_id, data, file_bytes, len(payload)

def jobs():
    k = 0
    while True:
        for i in range(len(pages)):
            yield (k, i)
        k += 1

name = os.path.join(out, "big.warc" if plain else "big.warc.gz")
info = b"software: winnow Scripts/make-big-warc.sh\r\nformat: WARC File Format 1.0\r\ndescription: extraction-dev pages repeated and varied\r\n"
written = payload_bytes = documents = 0
with open(name, "wb") as warc, multiprocessing.Pool(os.cpu_count() or 2) as pool:
    first = record("warcinfo", "urn:winnow:big-warc", info, "application/warc-fields", 0, 0)
    first = first.replace(b"WARC-Target-URI: urn:winnow:big-warc\r\n", b"")
    warc.write(first if plain else compress(first))
    written = warc.tell()
    for k, page_id, data, file_bytes, n in pool.imap(make, jobs(), chunksize=16):
        if written >= target:
            break
        warc.write(data)
        written += len(data)
        payload_bytes += n
        documents += 1
        if files:
            d = os.path.join(out, "files", "c%05d" % k)
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, page_id + (".html" if plain else ".html.gz")), "wb") as f:
                f.write(file_bytes)
    pool.terminate()
print("%s: %d bytes, %d response records (HTML payload %.1f MB)%s" % (
    name, written, documents, payload_bytes / 1048576, ", same pages as files in %s/files" % out if files else ""))
PY
