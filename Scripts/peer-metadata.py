#!/usr/bin/env python3
"""Trafilatura's metadata (title, author, date) for a folder of pages, as records score_metadata.py reads.

usage: VENV/bin/python Scripts/peer-metadata.py PAGES_DIR > OUT.jsonl
  (VENV: the peers' venv from Scripts/peers-venv.sh, with trafilatura 2.x)
PAGES_DIR holds <id>.html or <id>.html.gz files (searched recursively). One line per page:
  {"source": "<file name>", "created": "YYYY-MM-DD" or null, "metadata": {"title": ..., "author": ...}}
using trafilatura.extract_metadata (the same call bare_extraction(with_metadata=True) makes), without
the page's URL, as Winnow reads the pages from files. A page trafilatura fails on gets null fields.
"""
import gzip, json, sys
from pathlib import Path

import trafilatura


def main(root):
    out = sys.stdout
    for p in sorted(Path(root).rglob("*")):
        if not p.is_file() or ".htm" not in p.name:
            continue
        raw = gzip.open(p).read() if p.name.endswith(".gz") else p.read_bytes()
        try:
            doc = trafilatura.extract_metadata(raw.decode("utf-8", "replace"))
        except Exception:  # a failure on a page counts as no metadata
            doc = None
        title = getattr(doc, "title", None) if doc else None
        author = getattr(doc, "author", None) if doc else None
        date = getattr(doc, "date", None) if doc else None
        out.write(json.dumps({"source": p.name, "created": date or None,
                              "metadata": {"title": title, "author": author}}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
