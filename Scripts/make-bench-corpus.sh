#!/usr/bin/env bash
# Makes a benchmark corpus of DOCS documents in DIR: copies of the dev pages
# ($WINNOW_SHARED/data/extraction-dev/html, default ../shared) and the text dumps
# ($WINNOW_SHARED/data/text-dev/text), in that order, under their own names in subfolders
# DIR/c0000, DIR/c0001, … (one full set of pages per subfolder, the last one partial). They are copies,
# not hard links or symlinks: discovery reads a file reached twice, by any name, only once.
# Checks first that DIR's filesystem has room (exit 1 with a message if not).
# usage: Scripts/make-bench-corpus.sh DIR DOCS
#        Scripts/make-bench-corpus.sh --bytes DOCS   (print the bytes the corpus takes on disk, make nothing)
# Used by Scripts/bench.sh and Scripts/rss-scaling.sh.
set -euo pipefail
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -eq 2 ] || usage
# DIR as given, from where the script was called (it then works from the checkout's root).
if [ "$1" != --bytes ]; then case $1 in /*) target=$1 ;; *) target=$PWD/$1 ;; esac; fi
cd "$(dirname "$0")/.."
shared=${WINNOW_SHARED:-../shared}
html=$shared/data/extraction-dev/html
text=$shared/data/text-dev/text
[ -d "$html" ] && [ -d "$text" ] || { echo "make-bench-corpus.sh: $html or $text not found (set WINNOW_SHARED)" >&2; exit 1; }

if [ "$1" = --bytes ]; then mode=bytes; dir=; docs=$2; else mode=make; dir=$target; docs=$2; fi
[[ "$docs" =~ ^[0-9]+$ ]] && (( docs > 0 )) || usage

python3 - "$mode" "$html" "$text" "$dir" "$docs" <<'PY'
import os, shutil, sys
mode, html, text, corpus, want = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
files = sorted(os.path.join(html, f) for f in os.listdir(html)) + sorted(os.path.join(text, f) for f in os.listdir(text))
# On disk: whole 4 KiB blocks per file, plus one directory per set of pages.
block = lambda n: (n + 4095) // 4096 * 4096
sizes = [block(os.path.getsize(f)) for f in files]
need = (want // len(files)) * (sum(sizes) + 4096) + sum(sizes[:want % len(files)]) + 4096
if mode == "bytes":
    print(need)
    sys.exit(0)
os.makedirs(corpus, exist_ok=True)
st = os.statvfs(corpus)
free = st.f_bavail * st.f_frsize
if need + (1 << 30) > free:
    sys.exit(f"make-bench-corpus.sh: {want} documents need about {need / 2**30:.1f} GiB (+1 GiB spare) in {corpus}, "
             f"only {free / 2**30:.1f} GiB free")
made = 0
copy = 0
while made < want:
    folder = os.path.join(corpus, f"c{copy:04d}")
    os.makedirs(folder)
    for f in files:
        if made >= want: break
        shutil.copyfile(f, os.path.join(folder, os.path.basename(f)))
        made += 1
    copy += 1
PY
