#!/usr/bin/env bash
# Checks `--format markdown` with a real CommonMark/GFM implementation, in one run:
#   1. structure: every Markdown record of wcxb-dev and extraction-dev rendered by cmark-gfm (Debian's,
#      installed with apt when missing; else markdown-it-py from PyPI in the venv) and compared, per page
#      type, with the source page's kept headings, list items, data-table cells and <pre> blocks
#      (Scripts/check-markdown.py); targets: >= 0.95, >= 0.95, >= 0.95, 1.000 byte-identical, 0 strays;
#   2. words: the Markdown records (as written) rendered to text score within 0.005 word F1 of the
#      text records, per page type and per set (../shared/tools/score_by_type.py); without the `#`
#      title line shown beside;
#   3. speed: instructions of `winnow bench` in both formats (one thread, same pages) counted by
#      valgrind's callgrind, and their ratio (target <= 1.05); without valgrind, CPU time of
#      alternating rounds;
#   4. determinism: the Markdown run with 1 and with 2 workers, shards byte for byte.
# usage: Scripts/check-markdown.sh   (WINNOW_SHARED: the shared folder, default ../shared;
#   WINNOW_BIN: a built winnow, default: build release; CHECK_ROUNDS: bench rounds per format, default 5;
#   CHECK_WORK: a folder to keep the runs and tables in, default a temporary one removed at the end;
#   CHECK_SPEED=0: leave out the speed check, e.g. with a debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${WINNOW_SHARED:-../shared}
wcxb=$shared/data/wcxb-dev
news=$shared/data/extraction-dev
rounds=${CHECK_ROUNDS:-5}
venv=.build-markdown/venv
if [ -n "${CHECK_WORK:-}" ]; then  # keep the runs and tables there, for a look afterwards
  work=$CHECK_WORK; rm -rf "$work"; mkdir -p "$work"
else
  work=$(mktemp -d -t winnow-markdown.XXXXXX)
  trap 'rm -rf "$work"' EXIT
fi
start=$SECONDS

apt_install() { { apt-get install -y "$@" || { apt-get update && apt-get install -y "$@"; }; } >&2 || true; }
# The source pages are parsed by Debian's lxml, on the system's libxml2: the one Winnow links. (A
# wheel from PyPI brings its own, newer libxml2, which decodes HTML5 entities such as &colon; and
# &reg without its semicolon that Winnow's libxml2 leaves as text: strays that are no rendering's.)
if ! /usr/bin/python3 -I -c 'import lxml.html' 2>/dev/null; then apt_install python3-lxml; fi
if ! command -v cmark-gfm >/dev/null 2>&1; then apt_install cmark-gfm; fi
if /usr/bin/python3 -I -c 'import lxml.html' 2>/dev/null; then
  py=(/usr/bin/python3 -I)
else
  [ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet lxml; } >&2
  py=("$venv/bin/python")
fi
echo "source parser: lxml on libxml2 $("${py[@]}" -c 'import lxml.etree as e; print(".".join(map(str, e.LIBXML_VERSION)))')" \
  "(the system's: $(xml2-config --version 2>/dev/null || echo unknown))"
if command -v cmark-gfm >/dev/null 2>&1; then
  renderer=(cmark-gfm -e table)
  echo "renderer: $(cmark-gfm --version | head -1) with the table extension"
else
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet markdown-it-py >&2
  renderer=("$venv/bin/python" -c 'import sys, markdown_it; sys.stdout.write(markdown_it.MarkdownIt("gfm-like").render(sys.stdin.read()))')
  echo "renderer: markdown-it-py (gfm-like)"
fi

if [ -n "${WINNOW_BIN:-}" ]; then bin=$WINNOW_BIN; else swift build -c release --product winnow >&2; bin=.build/release/winnow; fi

run() {  # format input dir workers
  "$bin" run --quiet --workers "$4" --added 2026-01-01T00:00:00Z --format "$1" --output "$work/$3" "$2" 2>/dev/null
}
run text "$wcxb/html" wcxb-text 2
run markdown "$wcxb/html" wcxb-md 2
run text "$news/html" news-text 2
run markdown "$news/html" news-md 2

echo
echo "== 1. structure: kept elements that come back as the same element with the same text (per page type)"
"${py[@]}" Scripts/check-markdown.py structure wcxb-dev "$wcxb/html" "$wcxb/meta.json" "$work/wcxb-text" "$work/wcxb-md" "${renderer[@]}" > "$work/wcxb.rows.json"
"${py[@]}" Scripts/check-markdown.py structure extraction-dev "$news/html" /nonexistent "$work/news-text" "$work/news-md" "${renderer[@]}" > "$work/news.rows.json"
structure_ok=0
"${py[@]}" Scripts/check-markdown.py report "$work/wcxb.rows.json" "$work/news.rows.json" || structure_ok=1

echo
echo "== 2. words: Markdown rendered to text vs the text record, word F1 (score_by_type.py)"
for set in wcxb news; do
  "${py[@]}" Scripts/check-markdown.py totext "$work/$set-md" "${renderer[@]}" > "$work/$set-md.pred.jsonl"
  "${py[@]}" Scripts/check-markdown.py totext --without-title "$work/$set-md" "${renderer[@]}" > "$work/$set-md-body.pred.jsonl"
done
mkdir -p "$work/news-data"
cp "$news/ground-truth.json" "$work/news-data/"
echo '{}' > "$work/news-data/meta.json"
python3 "$shared/tools/score_by_type.py" "$wcxb" text="$work/wcxb-text" markdown="$work/wcxb-md.pred.jsonl" \
  markdown-body="$work/wcxb-md-body.pred.jsonl" --json "$work/wcxb.f1.json"
python3 "$shared/tools/score_by_type.py" "$work/news-data" text="$work/news-text" markdown="$work/news-md.pred.jsonl" \
  markdown-body="$work/news-md-body.pred.jsonl" --json "$work/news.f1.json" | sed 's/^unknown /article /'
words_ok=0
python3 - "$work/wcxb.f1.json" "$work/news.f1.json" <<'PY' || words_ok=1
import json, sys
# markdown: the record as written, which is what must score within 0.005 of the text record, per
# page type and over each set; markdown-body: without the `#` title line (shown for what it costs).
worst = {"markdown": 0.0, "markdown-body": 0.0}
for path, name in zip(sys.argv[1:], ("wcxb-dev", "extraction-dev")):
    result = json.load(open(path))
    for group, text in result["text"].items():
        diffs = {k: result[k][group]["f1"] - text["f1"] for k in worst}
        for k, d in diffs.items():
            worst[k] = max(worst[k], abs(d))
        label = "article" if group == "unknown" else group
        print(f"{name:15} {label:14} F1 text {text['f1']:.4f}  markdown {result['markdown'][group]['f1']:.4f} ({diffs['markdown']:+.4f})"
              f"  without the title line {result['markdown-body'][group]['f1']:.4f} ({diffs['markdown-body']:+.4f})")
print(f"largest difference: markdown as written {worst['markdown']:.4f} (without the title line {worst['markdown-body']:.4f}): "
      f"{'PASS' if worst['markdown'] <= 0.005 else 'FAIL'} (target <= 0.005)")
sys.exit(0 if worst["markdown"] <= 0.005 else 1)
PY

echo
speed_ok=0
if [ "${CHECK_SPEED:-1}" = 0 ]; then
  echo "== 3. speed: skipped (CHECK_SPEED=0)"
elif command -v valgrind >/dev/null 2>&1; then
  # Instructions, not seconds: CPU time on a shared machine swings by tens of percent between runs,
  # an instruction count does not. The same command in both formats, the whole process counted.
  echo "== 3. speed: instructions of \`winnow bench\` on wcxb-dev (one thread, all pages), callgrind, text then markdown"
  # valgrind 3.19 cannot read the DWARF 5 debug info Swift writes: a copy without it is measured.
  cp "$bin" "$work/winnow-nodebug" && strip --strip-debug "$work/winnow-nodebug"
  for format in text markdown; do
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/winnow-nodebug" bench --format "$format" "$wcxb/html" > "$work/bench-$format.txt" 2> "$work/callgrind-$format.txt"
  done
  speed_ok=0
  python3 - "$work/callgrind-text.txt" "$work/callgrind-markdown.txt" <<'PY' || speed_ok=1
import re, sys
def collected(path):
    return int(re.search(r"Collected : (\d+)", open(path).read()).group(1))
text, md = collected(sys.argv[1]), collected(sys.argv[2])
ratio = md / text
print(f"text {text:,} instructions; markdown {md:,} instructions")
print(f"markdown / text = {ratio:.4f}: {'PASS' if ratio <= 1.05 else 'FAIL'} (target <= 1.05)")
sys.exit(0 if ratio <= 1.05 else 1)
PY
else
  echo "== 3. speed: winnow bench on wcxb-dev, one thread, text and markdown alternately ($rounds rounds each; no valgrind)"
  for _ in $(seq "$rounds"); do
    "$bin" bench --format text "$wcxb/html" >> "$work/bench-text.txt"
    "$bin" bench --format markdown "$wcxb/html" >> "$work/bench-md.txt"
  done
  speed_ok=0
  python3 - "$work/bench-text.txt" "$work/bench-md.txt" <<'PY' || speed_ok=1
import statistics, sys
def rates(path):  # docs/CPU-s of each round (field 4: "N docs/cpu_s")
    return [float(l.split("\t")[4].split()[0]) for l in open(path) if l.count("\t") >= 5]
text, md = rates(sys.argv[1]), rates(sys.argv[2])
t, m = statistics.median(text), statistics.median(md)
ratio = t / m
best = max(text) / max(md)
print(f"text {t:.1f} docs/CPU-s (rounds {', '.join(f'{x:.0f}' for x in text)}); markdown {m:.1f} docs/CPU-s (rounds {', '.join(f'{x:.0f}' for x in md)})")
print(f"markdown CPU time / text CPU time = {ratio:.3f} (medians), {best:.3f} (best rounds): {'PASS' if ratio <= 1.05 else 'FAIL'} (target <= 1.05)")
sys.exit(0 if ratio <= 1.05 else 1)
PY
fi

echo
echo "== 4. determinism: markdown with 1 and 2 workers"
run markdown "$wcxb/html" wcxb-md-1 1
same_ok=0
if cmp -s <(cat "$work"/wcxb-md-1/part-*.jsonl) <(cat "$work"/wcxb-md/part-*.jsonl); then
  echo "$(cat "$work"/wcxb-md/part-*.jsonl | wc -l) records, shards byte-identical for 1 and 2 workers: PASS"
else
  echo "shards differ between 1 and 2 workers: FAIL"; same_ok=1
fi
echo "(run time $((SECONDS - start)) s)"
exit $((structure_ok | words_ok | speed_ok | same_ok))
