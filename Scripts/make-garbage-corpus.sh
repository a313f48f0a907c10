#!/usr/bin/env bash
# Makes a corpus of hostile inputs in DIR (default: a new temp dir) and prints DIR:
# random bytes named .html, a truncated .html.gz, an empty file, a 50 MB single-line file,
# 10,000-deep nested <div>s, invalid UTF-8, plus a few good pages so the run has records.
set -euo pipefail
dir=${1:-$(mktemp -d -t winnow-garbage.XXXXXX)}
mkdir -p "$dir"
head -c 200000 /dev/urandom > "$dir/random-bytes.html"
{ printf '<html><body><article>'; for i in $(seq 1 400); do printf '<p>Paragraph %d of a long article that will be cut short by truncation, with enough words.</p>' "$i"; done; printf '</article></body></html>'; } | gzip -c > "$dir/full.html.gz"
head -c $(( $(stat -c %s "$dir/full.html.gz") / 2 )) "$dir/full.html.gz" > "$dir/truncated.html.gz"
rm "$dir/full.html.gz"
: > "$dir/empty.html"
printf '   \n\n  \t\n' > "$dir/whitespace.txt"
python3 -c "
import sys
with open(sys.argv[1], 'w') as f:
    f.write('<html><body><p>')
    chunk = 'word ' * 200000
    for _ in range(50): f.write(chunk)
    f.write('</p></body></html>')
" "$dir/huge-single-line.html"
python3 -c "
import sys
n = 10000
open(sys.argv[1], 'w').write('<html><body>' + '<div>' * n + 'deep text at the bottom of ten thousand divs' + '</div>' * n + '</body></html>')
" "$dir/deep-nesting.html"
printf 'Caf\xe9 cr\xe8me \xff\xfe broken \xc3\x28 bytes everywhere in this plain text line.\n\nA second paragraph with more words so that it is kept as body text.\n' > "$dir/invalid-utf8.txt"
printf '<html><body><article><p>Invalid bytes \xc3\x28 \xa0\xa1 inside an otherwise ordinary paragraph of a web page article.</p></article></body></html>' > "$dir/invalid-utf8.html"
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR' > "$dir/image-named.htm"
printf '<!DOCTYPE html><html><head><title>Good page</title></head><body><article><h1>Good page</h1><p>This is a perfectly ordinary article paragraph, with commas, and enough words to count as text.</p><p>A second paragraph follows it, equally ordinary, and equally worth keeping in the corpus.</p></article></body></html>' > "$dir/good.html"
printf 'A text dump title\n\nThe body of a plain text dump, one paragraph long, with a sentence or two in it.\n' | gzip -c > "$dir/good.txt.gz"
printf 'not an input' > "$dir/notes.md"
echo "$dir"
