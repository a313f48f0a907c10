#!/usr/bin/env python3
"""Winnow's quality filters against datatrove 0.10.1's own filter classes (default settings) on the
same extracted documents. Run by Scripts/compare-datatrove-filters.sh, which makes the venv and builds
winnow. Prints, per filter and document set: documents, both decisions, agreement, and the first
disagreements with the values each side measured; then the speed of both on the same documents."""
import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from datatrove.data import Document
from datatrove.pipeline.filters import C4QualityFilter, FineWebQualityFilter, GopherQualityFilter, GopherRepetitionFilter
from datatrove.pipeline.filters.gopher_repetition_filter import find_all_duplicate, find_duplicates, find_top_duplicate, get_n_grams
from datatrove.utils.text import split_into_sentences, split_into_words

# datatrove's reason → Winnow's check (filter.<name>.<check>)
REASONS = {
    "gopher_short_doc": "word_count", "gopher_long_doc": "too_many_words", "gopher_below_avg_threshold": "short_words",
    "gopher_above_avg_threshold": "long_words", "gopher_too_many_hashes": "hash_ratio", "gopher_too_many_ellipsis": "ellipsis_ratio",
    "gopher_too_many_bullets": "bullet_lines", "gopher_too_many_end_ellipsis": "ellipsis_lines",
    "gopher_below_alpha_threshold": "alpha_words", "gopher_enough_stop_words": "stop_words",
    "char_dup_ratio": "char_dup_ratio", "line_punct_ratio": "line_punct_ratio", "short_line_ratio": "short_line_ratio",
    "list_ratio": "list_ratio", "empty": "empty", "lorem_ipsum": "lorem_ipsum", "curly_bracket": "curly_bracket",
    "too_few_sentences": "too_few_sentences",
}
FILTERS = [  # (winnow name, reason prefix, datatrove class)
    ("gopher_repetition", "gopher_repetition", GopherRepetitionFilter),
    ("gopher_quality", "gopher_quality", GopherQualityFilter),
    ("c4", "c4", C4QualityFilter),
    ("fineweb_quality", "fineweb", FineWebQualityFilter),
]
SETS = ["wcxb-dev", "extraction-dev", "larger"]


def datatrove_reason(result):
    if result is True:
        return "keep"
    reason = result[1] if isinstance(result, tuple) else "dropped"
    if reason.startswith("top_") or reason.startswith("duplicated_"):
        n = reason.split("_")[1]
        return ("top_%s_gram" % n) if reason.startswith("top_") else ("dup_%s_gram" % n)
    if reason.startswith("dup_"):
        return reason
    return REASONS.get(reason, reason)


def datatrove_values(name, text):
    """What datatrove measures, for the disagreements (its own helpers, its definitions)."""
    words = split_into_words(text)
    out = {"words": len(words)}
    if name == "gopher_repetition" and text:
        for n in (2, 3, 4):
            grams = get_n_grams(words, n)
            if grams:
                out["top_%d_gram" % n] = round(find_top_duplicate(grams) / len(text), 6)
        for n in range(5, 11):
            out["dup_%d_gram" % n] = round(find_all_duplicate(words, n) / len(text), 6)
    elif name == "c4":
        out["sentences"] = sum(len(split_into_sentences(l.strip())) for l in text.splitlines() if len(l.split()) >= 3)
    elif name == "fineweb_quality":
        lines = [l for l in text.split("\n") if l.strip()]
        if lines:
            out["char_dup_ratio"] = round(find_duplicates(lines)[1] / max(1, len(text.replace("\n", ""))), 6)
            out["list_ratio"] = round(text.count("\n") / max(1, len(words)), 6)
    return out


def read_text(path):
    data = Path(path).read_bytes()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def assemble(args, work):
    """The documents: Winnow's extraction of wcxb-dev and extraction-dev pages, and a larger set of
    20,000 made from all shared corpora — whole records, reviewed texts, raw boilerplate dumps, and
    windows of their lines (short documents and near-threshold ones)."""
    data = Path(args.shared) / "data"
    docs = []
    for name, inputs in (("wcxb-dev", [data / "wcxb-dev/html"]), ("extraction-dev", [data / "extraction-dev/html"]),
                         ("others", [data / "text-wcxb-dev/text", data / "text-dev/text", data / "warc/dev.warc.gz"])):
        out = work / ("extracted-" + name)
        if not (out / "part-00000.jsonl").exists():
            subprocess.run([args.winnow, "run", "--workers", "2", "--added", "2026-01-01T00:00:00Z", "--output", str(out)] + [str(i) for i in inputs],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for part in sorted(out.glob("part-*.jsonl")):
            for line in open(part, encoding="utf-8"):
                r = json.loads(line)
                docs.append({"id": r["id"], "set": name, "text": r["text"], "metadata": {"language": r["metadata"]["language"],
                             "language_confidence": r["metadata"]["language_confidence"]}})
    base = [d["text"] for d in docs]
    langs = [d["metadata"]["language"] or "un" for d in docs]
    for gt in (data / "wcxb-dev/ground-truth.json", data / "extraction-dev/ground-truth.json"):
        for key, value in json.load(open(gt, encoding="utf-8")).items():
            body = value.get("articleBody") if isinstance(value, dict) else None
            if body:
                base.append(body); langs.append("en")
    for folder in (data / "text-dev/text", data / "text-wcxb-dev/text"):
        for path in sorted(folder.glob("*.txt.gz")):
            base.append(read_text(str(path))); langs.append("raw")
    rng = random.Random(12)
    larger = [{"text": t, "lang": l} for t, l in zip(base, langs)]
    sizes = [1, 2, 3, 5, 8, 13, 21, 34]
    while len(larger) < args.larger:
        i = rng.randrange(len(base))
        lines = base[i].split("\n")
        size = rng.choice(sizes)
        start = rng.randrange(max(1, len(lines) - size + 1))
        larger.append({"text": "\n".join(lines[start:start + size]), "lang": langs[i]})
    # non-English records: every one, in windows too, so the set holds several hundred
    for t, l in zip(base, langs):
        if l not in ("en", "raw") and not l.startswith("en-"):
            lines = t.split("\n")
            for size in sizes:
                for start in range(0, max(1, len(lines) - size + 1), max(1, size)):
                    larger.append({"text": "\n".join(lines[start:start + size]), "lang": l})
    for k, d in enumerate(larger[: max(args.larger, len(larger))]):
        docs.append({"id": "larger-%05d" % k, "set": "larger", "text": d["text"], "metadata": {"language": d["lang"], "language_confidence": None}})
    docs = [d for d in docs if d["set"] in SETS]
    with open(work / "corpus.jsonl", "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return docs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--winnow", required=True)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--larger", type=int, default=20000)
    parser.add_argument("--show", type=int, default=5, help="disagreements shown per filter")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    docs = assemble(args, work)
    config = work / "datatrove-defaults.yml"
    config.write_text("version: 1\nfilters:\n" + "".join("  - name: %s\n" % f[0] for f in FILTERS))

    out = subprocess.run([args.winnow, "filters", "eval", "--config", str(config), str(work / "corpus.jsonl")],
                         check=True, capture_output=True, text=True)
    ours = [json.loads(l) for l in out.stdout.splitlines()]
    winnow_seconds = float(out.stderr.split(" cpu_s")[0].split()[-1])

    # datatrove: each filter, default settings, on its own copy of each document; time the calls only
    filters = [(name, cls()) for name, _, cls in FILTERS]
    theirs = []
    seconds = 0.0
    for d in docs:
        row = {}
        for name, f in filters:
            doc = Document(text=d["text"], id=d["id"], metadata=dict(d["metadata"]))
            start = time.process_time()
            result = f.filter(doc)
            seconds += time.process_time() - start
            row[name] = datatrove_reason(result)
        theirs.append(row)

    print("Winnow vs datatrove 0.10.1 filters (default settings), %d documents" % len(docs))
    print("%-18s %-15s %7s %9s %9s %10s %10s %10s %9s" % ("filter", "set", "docs", "kept both", "drop both", "only dt", "only win", "agreement", "reasons="))
    worst = 100.0
    for name, prefix, _ in FILTERS:
        shown = []
        for s in SETS:
            idx = [i for i, d in enumerate(docs) if d["set"] == s]
            if not idx:
                continue
            kb = db = od = ow = same_reason = 0
            for i in idx:
                a, b = theirs[i][name], ours[i]["decisions"][name]
                b = b.split(".")[-1] if b != "keep" else b
                if a == "keep" and b == "keep": kb += 1
                elif a != "keep" and b != "keep":
                    db += 1
                    same_reason += a == b
                elif a != "keep": od += 1
                else: ow += 1
                if (a == "keep") != (b == "keep") and len(shown) < args.show:
                    shown.append((i, a, b))
            agreement = 100.0 * (kb + db) / len(idx)
            worst = min(worst, agreement)
            print("%-18s %-15s %7d %9d %9d %10d %10d %9.2f%% %8d/%d" % (name, s, len(idx), kb, db, od, ow, agreement, same_reason, db))
        for i, a, b in shown:
            ours_values = {k.split(".", 1)[1]: v for k, v in ours[i]["measured"].items() if k.startswith(name + ".")}
            print("    disagreement %s (%s): datatrove %s, winnow %s" % (docs[i]["id"][:16], docs[i]["set"], a, b))
            print("      datatrove measured: %s" % json.dumps(datatrove_values(name, docs[i]["text"])))
            print("      winnow measured:    %s" % json.dumps(ours_values))
    print("lowest agreement: %.2f%%" % worst)
    n = len(docs)
    print("speed, same %d documents, the four filters each on its own: datatrove %.1f cpu_s (%.0f docs/cpu_s), winnow %.2f cpu_s (%.0f docs/cpu_s): winnow %.0fx"
          % (n, seconds, n / seconds, winnow_seconds, n / winnow_seconds, seconds / winnow_seconds))


if __name__ == "__main__":
    main()
