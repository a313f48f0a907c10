#!/usr/bin/env bash
# Acceptance check for WARC input: runs Winnow on ../shared/data/warc/dev.warc.gz and on the same 90
# pages as files (../shared/data/extraction-dev/html), then compares the extracted text page by page
# (matched by URL through ground-truth.json). Prints the record and skip counts and the comparison;
# exits 1 if any page's text differs or a page is missing.
# usage: Scripts/compare-warc-text.sh [BIN]   (default: build release, use .build/release/winnow)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${WINNOW_SHARED:-../shared}
bin=${1:-}
if [ -z "$bin" ]; then
  swift build -c release --product winnow >&2
  bin=.build/release/winnow
fi
work=$(mktemp -d -t winnow-warc.XXXXXX)
trap 'rm -rf "$work"' EXIT

"$bin" run --quiet --output "$work/warc" "$shared/data/warc/dev.warc.gz" 2>"$work/warc.log"
"$bin" run --quiet --output "$work/html" "$shared/data/extraction-dev/html" 2>"$work/html.log"

python3 - "$work" "$shared/data/extraction-dev/ground-truth.json" <<'PY'
import glob, json, os, sys
work, truth_path = sys.argv[1], sys.argv[2]
truth = json.load(open(truth_path, encoding="utf-8"))
url_to_id = {v["url"]: k for k, v in truth.items()}

def records(d):
    out = []
    for path in sorted(glob.glob(os.path.join(d, "part-*.jsonl"))):
        out += [json.loads(line) for line in open(path, encoding="utf-8")]
    return out

report = json.load(open(os.path.join(work, "warc", "report.json")))
print("warc: records %d, rejects %d, skipped_records %s, encodings %s" % (
    report["records"], report["rejects"], json.dumps(report["inputs"]["skipped_records"], sort_keys=True),
    json.dumps(report["encodings"], sort_keys=True)))
warc = {url_to_id.get(r["metadata"]["url"], "?" + str(r["metadata"]["url"])): r for r in records(os.path.join(work, "warc"))}
html = {os.path.basename(r["source"]).split(".")[0]: r for r in records(os.path.join(work, "html"))}
same = sum(1 for k in html if k in warc and warc[k]["text"] == html[k]["text"])
differ = sorted(k for k in html if k in warc and warc[k]["text"] != html[k]["text"])
missing = sorted(set(html) - set(warc))
extra = sorted(set(warc) - set(html))
print("pages: %d from files, %d from the WARC; identical text: %d; different: %d; missing from WARC: %d; only in WARC: %d"
      % (len(html), len(warc), same, len(differ), len(missing), len(extra)))
for k in differ[:10]:
    print("  differs:", k, truth[k]["url"])
sys.exit(0 if not differ and not missing and not extra and len(html) == 90 else 1)
PY
