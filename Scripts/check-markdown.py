#!/usr/bin/env python3
"""Checks `--format markdown` records with a real CommonMark/GFM parser (Scripts/check-markdown.sh runs it).

usage: check-markdown.py structure NAME HTML_DIR META_JSON TEXT_RUN MARKDOWN_RUN RENDERER... > rows.json
       check-markdown.py totext [--without-title] MARKDOWN_RUN RENDERER... > records.jsonl
       check-markdown.py report rows.json...

structure: for each page, the source's headings, list items, data-table cells and <pre> blocks (parsed
with lxml, libxml2 as Winnow parses) that the extraction kept (their text is a line of the `text`
record; a <pre> block's text is in it as it is, on lines of its own) must come back from the renderer's HTML as the same
element (the same h1-h6, an li, a td/th, a pre) with the same text; a <pre> byte for byte. Stray: a
rendered heading, list item, table cell, pre or blockquote whose text the source has in no element of
that kind (the title line, `#` when the content has no h1, excepted).
totext [--without-title]: each Markdown record rendered to HTML, then to text (blocks on their own lines),
for scoring; --without-title leaves out the `#` title line the Markdown adds when no kept block is an h1.
"""
import collections, glob, gzip, json, os, re, subprocess, sys

import lxml.html

SPACE = re.compile(r"[\s\u00a0]+")
BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead",
         "tbody", "tfoot", "tr", "td", "th", "caption", "blockquote", "pre", "figure", "figcaption", "address",
         "article", "section", "main", "nav", "header", "footer", "aside", "hr", "br", "form", "fieldset",
         "legend", "details", "summary", "center", "hgroup"}
SKIP = {"script", "style", "noscript", "template", "head", "title"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCK_CONTENT = {"table", "ul", "ol", "dl", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "form",
                 "section", "article"}


def norm(s):
    return SPACE.sub(" ", s or "").strip()


def text_of(el, skip_lists=False):
    """Text with a space at block boundaries (as the segmenter splits), nested lists left out if asked."""
    out = []

    def walk(e, top):
        tag = e.tag if isinstance(e.tag, str) else ""
        if tag in SKIP or (not top and skip_lists and tag in ("ul", "ol")):
            if not top and e.tail:
                out.append(e.tail)
            return
        if tag in BLOCK:
            out.append(" ")
        if e.text and isinstance(e.tag, str):
            out.append(e.text)
        for child in e:
            walk(child, False)
        if tag in BLOCK:
            out.append(" ")
        if not top and e.tail:
            out.append(e.tail)

    walk(el, True)
    return norm("".join(out))


def head_text(el):
    """The text of an element's first block (its leading inline text, else its first block child)."""
    parts = [el.text or ""]
    for child in el:
        if tag(child) in BLOCK:
            if norm("".join(parts)):
                break
            # An item whose own text was not kept, holding only a nested list: nothing of its own.
            return "" if tag(child) in ("ul", "ol") else text_of(child, skip_lists=True)
        parts.append(child.text_content() if tag(child) else "")
        parts.append(child.tail or "")
    return norm("".join(parts))


def pre_text(el):
    """A <pre> block as a browser shows it: CR LF as LF, U+00A0 as a space, leading blank lines and
    trailing whitespace cut, <br> as a line break, a block element inside (a highlighter's line
    `<div>`) on a line of its own (a line break at its edges unless a line just ended)."""
    parts = []

    def edge():
        if parts and not parts[-1].endswith("\n"):
            parts.append("\n")

    def walk(e, top):
        t = tag(e)
        if t == "br":
            parts.append("\n")
        elif t in SKIP:
            pass
        else:
            if not top and t in BLOCK:
                edge()
            if e.text and t:
                parts.append(e.text)
            for child in e:
                walk(child, False)
            if not top and t in BLOCK:
                edge()
        if not top and e.tail:
            parts.append(e.tail)

    walk(el, True)
    s = "".join(parts).replace("\r", "").replace("\u00a0", " ").rstrip()
    lines = s.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


def tag(e):
    return e.tag if isinstance(e.tag, str) else ""


def rows_of(table):
    rows = []
    for child in table:
        if tag(child) == "tr":
            rows.append(child)
        elif tag(child) in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if tag(r) == "tr")
    return rows


def is_data_table(table):
    """Winnow's rule (TableShape): two or more columns, not role=presentation, no cell holding blocks."""
    if (table.get("role") or "").lower() == "presentation":
        return False
    columns = 0
    for row in rows_of(table):
        width = 0
        for cell in row:
            if tag(cell) in ("td", "th"):
                try:
                    width += max(1, min(64, int(re.match(r"\s*(\d+)", cell.get("colspan") or "1").group(1))))
                except (AttributeError, ValueError):
                    width += 1
                if any(tag(d) in BLOCK_CONTENT for d in cell.iterdescendants()):
                    return False
        columns = max(columns, width)
    return columns >= 2


def elements(root, source):
    """headings [(tag, text)], list items [text], cells [(row text, cell text, row number)], pre [text],
    quotes [text]."""
    heads, items, cells, pres, quotes = [], [], [], [], []
    rows = 0
    for e in root.iter():
        t = tag(e)
        if t in HEADINGS:
            heads.append((t, text_of(e)))
        elif t == "li":
            items.append(text_of(e, skip_lists=True))
        elif t == "pre":
            pres.append(pre_text(e) if source else (e.text_content()[:-1] if e.text_content().endswith("\n") else e.text_content()))
        elif t == "blockquote":
            quotes.append(text_of(e))
        elif t == "table" and (not source or is_data_table(e)):
            for row in rows_of(e):
                texts = [text_of(c) for c in row if tag(c) in ("td", "th")]
                row_text = norm(" ".join(x for x in texts if x))
                cells.extend((row_text, x, rows) for x in texts)
                rows += 1
    return heads, items, cells, pres, quotes


def occurrences(body, needle):
    """How often `needle` is in `body`, overlaps counted (blocks share the blank line between them)."""
    count, at = 0, body.find(needle)
    while at >= 0:
        count += 1
        at = body.find(needle, at + 1)
    return count


def pre_uses(body, p):
    """How often the text record holds the <pre> text `p` as a block of its own (between blank lines,
    not as some lines of another code block), or cut at its line elements into one block per line
    (the text layout puts a blank line between blocks; blank lines and line ends are trimmed there)."""
    split = "\n\n".join(l.rstrip() for l in p.split("\n") if l.strip())
    found = occurrences(body, "\n\n" + p + "\n\n")
    if split != p:
        found += occurrences(body, "\n\n" + split + "\n\n")
    return found


def records(run):
    out = {}
    for path in sorted(glob.glob(os.path.join(run, "part-*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            r = json.loads(line)
            out[os.path.basename(r["source"]).split(".")[0]] = r
    return out


def render(renderer, markdown):
    return subprocess.run(renderer, input=markdown.encode("utf-8"), capture_output=True, check=True).stdout.decode("utf-8")


# C1 controls as windows-1252 characters, its five undefined bytes as U+FFFD: what Winnow's tree
# builder makes of them (C1Controls, Transcoder.windows1252).
C1 = {}
for _b in range(0x80, 0xA0):
    try:
        C1[_b] = bytes([_b]).decode("cp1252")
    except UnicodeDecodeError:
        C1[_b] = "\ufffd"


def parse_page(raw, encoding):
    """The page decoded as Winnow decoded it (the record's metadata.encoding), parsed by libxml2."""
    label = encoding.lower()
    if label in ("windows-1252", "cp1252", "iso-8859-1", "latin1", "us-ascii", "ascii"):
        text = raw.decode("latin-1")  # WHATWG: windows-1252, its five undefined bytes as C1 controls
    else:
        try:
            text = raw.decode(encoding, errors="replace")
        except LookupError:
            text = raw.decode("utf-8", errors="replace")
    # C1 controls read as windows-1252 characters, as browsers and Winnow's decoder do.
    text = text.translate(C1)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    # An early </body> or </html> ends nothing in a browser (HTML5: what follows goes in the body),
    # nor in Winnow's tree; libxml2's own tree builder would stop the body there.
    text = re.sub(r"</(?:body|html)\s*>", "", text, flags=re.I)
    try:
        return lxml.html.document_fromstring(text)
    except Exception:
        return None


def parse_fragment(html):
    return lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")


def structure(name, html_dir, meta_path, text_run, md_run, renderer):
    meta = json.load(open(meta_path, encoding="utf-8")) if os.path.exists(meta_path) else {}
    texts, mds = records(text_run), records(md_run)
    rows = []
    for pid in sorted(mds):
        md, txt = mds[pid], texts.get(pid)
        if txt is None or md["metadata"].get("format") != "markdown":
            continue
        path = next(iter(glob.glob(os.path.join(html_dir, pid + ".*"))), None)
        if path is None:
            continue
        raw = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
        source = parse_page(raw, txt["metadata"].get("encoding") or "utf-8")
        if source is None:
            continue
        s_heads, s_items, s_cells, s_pres, s_quotes = elements(source, True)
        rendered = parse_fragment(render(renderer, md["text"]))
        r_heads, r_items, r_cells, r_pres, r_quotes = elements(rendered, False)
        r_item_heads = [head_text(e) for e in rendered.iter("li")]
        r_quote_heads = [head_text(e) for e in rendered.iter("blockquote")]
        lines = collections.Counter(norm(l) for l in txt["text"].split("\n"))

        def kept(items, key=lambda x: x):
            """Source elements whose text is a line of the text record, each line used once (a
            widget repeated on the page is kept once)."""
            left = collections.Counter(lines)
            out = []
            for x in items:
                k = key(x)
                if k and left[k] > 0:
                    left[k] -= 1
                    out.append(x)
            return out
        row = {"set": name, "id": pid, "type": meta.get(pid, {}).get("page_type") or "article"}

        def share(kept, found):
            left = collections.Counter(found)
            hit = 0
            for x in kept:
                if left[x] > 0:
                    left[x] -= 1
                    hit += 1
            return [hit, len(kept)]

        # A text both a heading and a list item have (a table of contents) that the text record holds
        # fewer times than the page: which of them was kept cannot be told, so neither is counted.
        both = collections.Counter(h[1] for h in s_heads) + collections.Counter(s_items)
        ambiguous = {t for t in set(h[1] for h in s_heads) & set(s_items) if lines[t] < both[t]}
        row["headings"] = share(kept([h for h in s_heads if h[1] not in ambiguous], lambda h: h[1]), r_heads)
        row["items"] = share(kept([i for i in s_items if i not in ambiguous]), r_items)
        # A row is kept when its text is a line of the text record, each line once (a table repeated
        # on the page, for phones and for desktops, is kept once).
        source_rows = list(dict.fromkeys((r, n) for r, _, n in s_cells if r))
        rows_kept = set(kept(source_rows, lambda x: x[0]))
        row["cells"] = share([c for r, c, n in s_cells if (r, n) in rows_kept and c], [c for _, c, _ in r_cells])
        body = "\n\n" + txt["text"] + "\n\n"
        uses = collections.Counter()
        pres_kept = []
        for p in s_pres:  # a code block repeated on the page (tabs, copies) counts as often as the text has it
            if p and uses[p] < pre_uses(body, p):
                uses[p] += 1
                pres_kept.append(p)
        row["pre"] = share(pres_kept, r_pres)
        title = norm(md["metadata"].get("title") or "")
        heads = list(r_heads)
        if heads and heads[0][0] == "h1" and norm(heads[0][1]) == title and not any(h[0] == "h1" for h in s_heads if h[1] == title):
            heads = heads[1:]
        # Stray: no element of that kind in the source holds the text's start (a kept part of one is
        # fine: the extraction may drop a block in the middle of an item or a quote).
        def squeeze(t):  # whitespace left out: only the characters decide
            return SPACE.sub("", t)

        def pool(texts):
            return "\x00" + "\x00".join(squeeze(t) for t in texts) + "\x00"

        def absent(text, within):
            return squeeze(text[:60]) not in within
        source_heads, source_items = pool(h[1] for h in s_heads), pool(s_items)
        source_cells = pool([c for _, c, _ in s_cells] + [c for _, c, _ in elements(source, False)[2]])
        source_pres, source_quotes = pool(s_pres), pool(s_quotes)
        stray = ([f"{h[0]}: {h[1][:60]}" for h in heads if absent(h[1], source_heads)]
                 + [f"li: {i[:60]}" for i in r_item_heads if absent(i, source_items)]
                 + [f"cell: {c[:60]}" for _, c, _ in r_cells if c and absent(c, source_cells)]
                 + [f"pre: {p[:60]!r}" for p in r_pres if absent(p.split("\n")[0], source_pres)]
                 + [f"blockquote: {q[:60]}" for q in r_quote_heads if absent(q, source_quotes)])
        row["stray"] = stray
        rows.append(row)
    json.dump(rows, sys.stdout)


def totext(md_run, renderer, without_title=False):
    for pid, r in sorted(records(md_run).items()):
        text = r["text"]
        if r["metadata"].get("format") == "markdown":
            root = parse_fragment(render(renderer, text))
            first = next(iter(root), None)
            if without_title and first is not None and tag(first) == "h1" and norm(first.text_content()) == norm(r["metadata"].get("title") or ""):
                # The title line the Markdown adds (`#` when no kept block is an h1): metadata, not a kept block.
                first.drop_tree()
            for br in root.iter("br"):
                br.tail = "\n" + (br.tail or "")
            blocks = []
            for e in root.iter():
                if tag(e) in BLOCK and e.text:
                    e.text = "\n" + e.text
                if tag(e) in BLOCK:
                    e.tail = "\n" + (e.tail or "")
            text = "\n".join(l.strip() for l in root.text_content().split("\n") if l.strip())
        print(json.dumps({"id": pid, "text": text}, ensure_ascii=False))


def report(paths):
    rows = [r for p in paths for r in json.load(open(p, encoding="utf-8"))]
    groups = collections.defaultdict(list)
    for r in rows:
        groups[(r["set"], r["type"])].append(r)
        groups[(r["set"], "ALL")].append(r)
        groups[("both", "ALL")].append(r)
    def ratio(rs, key, only=None):
        hit = sum(r[key][0] for r in rs if only is None or only(r))
        total = sum(r[key][1] for r in rs if only is None or only(r))
        return hit, total, (hit / total if total else float("nan"))
    print(f"{'set':15} {'page type':14} {'pages':>5}  {'headings':>16} {'list items':>16} {'table cells':>16} {'pre exact':>14} {'stray':>5}")
    worst = {"headings": 1.0, "items": 1.0, "cells": 1.0, "pre": 1.0}
    for (s, t), rs in sorted(groups.items(), key=lambda kv: (kv[0][0] == "both", kv[0][0], kv[0][1] == "ALL", kv[0][1])):
        cols = []
        for key in ("headings", "items", "cells", "pre"):
            hit, total, share = ratio(rs, key)
            cols.append(f"{share:6.3f} {hit:>4}/{total:<5}" if total else f"{'-':>6} {'0/0':<10}")
            if total and t == "ALL" and s == "both":
                worst[key] = share
        stray = sum(1 for r in rs if r["stray"])
        print(f"{s:15} {t:14} {len(rs):5}  {cols[0]:>16} {cols[1]:>16} {cols[2]:>16} {cols[3]:>14} {stray:5}")
    strays = [r for r in rows if r["stray"]]
    for r in strays[:10]:
        print(f"stray in {r['set']}/{r['id']}: {'; '.join(r['stray'][:3])}")
    ok = worst["headings"] >= 0.95 and worst["items"] >= 0.95 and worst["cells"] >= 0.95 and worst["pre"] == 1.0 and not strays
    print(f"targets (headings, list items, table cells >= 0.95; pre 1.000; 0 stray records): {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "structure":
        structure(args[0], args[1], args[2], args[3], args[4], args[5:])
    elif cmd == "totext":
        without = args[0] == "--without-title"
        totext(args[1] if without else args[0], args[2:] if without else args[1:], without)
    elif cmd == "report":
        sys.exit(report(args))
    else:
        sys.exit(__doc__)
