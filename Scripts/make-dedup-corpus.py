#!/usr/bin/env python3
"""Builds the dedup comparison corpus: originals made of prose lines from the shared text dumps, and
planted copies of some of them: exact copies (case, punctuation and spacing changed) and near copies
(random word insertions and deletions and boilerplate swaps, at similarities spread from 0.1 to 1).
Writes OUT/corpus.jsonl ({"id", "text"}, the order Winnow and datatrove both read) and OUT/truth.jsonl
({"id", "base", "kind"}: base is the original a planted copy was made from).

usage: make-dedup-corpus.py TEXT_DIR OUT_DIR [DOCS]
"""
import gzip, json, os, random, sys

text_dir, out, total = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 20500
rng = random.Random(13)
lines, chrome = [], []
for name in sorted(os.listdir(text_dir)):
    path = os.path.join(text_dir, name)
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            line = " ".join(line.split())
            words = len(line.split())
            if words >= 15:
                lines.append(line)
            elif 2 <= words <= 8:
                chrome.append(line)
lines = sorted(set(lines))
chrome = sorted(set(chrome))
rng.shuffle(lines)
vocabulary = sorted({w for line in lines[:2000] for w in line.split()})

originals_wanted = int(total * 0.62)
exact_wanted = int(total * 0.08)
near_wanted = total - originals_wanted - exact_wanted
originals = []
cursor = 0
# Each original: 2-5 lines not used by another original (lines are used once while they last, then
# again in new combinations), so originals are not near copies of each other by accident.
for i in range(originals_wanted):
    k = rng.randint(2, 5)
    if cursor + k > len(lines):
        rng.shuffle(lines)
        cursor = 0
    originals.append("\n".join(lines[cursor:cursor + k]))
    cursor += k

def exact_copy(text):
    variant = rng.choice(["upper", "punct", "space", "same"])
    if variant == "upper":
        return text.upper()
    if variant == "punct":
        return text.replace(",", " ,").replace(".", "!") + " ..."
    if variant == "space":
        return text.replace(" ", "  ")
    return text

def near_copy(text):
    paragraphs = text.split("\n")
    words = [p.split() for p in paragraphs]
    n = sum(len(p) for p in words)
    # Edit rate spread so that the copies cover Jaccard 0.1 to 1.
    edits = max(1, int(n * rng.choice([0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.18, 0.25, 0.35])))
    for _ in range(edits):
        p = rng.randrange(len(words))
        op = rng.random()
        if op < 0.45 and len(words[p]) > 3:
            del words[p][rng.randrange(len(words[p]))]
        elif op < 0.9:
            words[p].insert(rng.randrange(len(words[p]) + 1), rng.choice(vocabulary))
        else:
            # Boilerplate swap: a chrome line from another page replaces or joins a paragraph end.
            words[p] = words[p][: max(1, len(words[p]) - 6)] + rng.choice(chrome).split()
    if rng.random() < 0.3:
        words.insert(0, rng.choice(chrome).split())
    return "\n".join(" ".join(p) for p in words if p)

docs, truth = [], []
for i, text in enumerate(originals):
    docs.append((f"o{i:06d}", text))
planted = []
for j in range(exact_wanted):
    base = rng.randrange(len(originals))
    planted.append(("exact", base, exact_copy(originals[base])))
for j in range(near_wanted):
    base = rng.randrange(len(originals))
    planted.append(("near", base, near_copy(originals[base])))
# Copies come after their originals in input order, so the original is the one that survives.
rng.shuffle(planted)
for j, (kind, base, text) in enumerate(planted):
    docs.append((f"p{j:06d}", text))
    truth.append({"id": f"p{j:06d}", "base": f"o{base:06d}", "kind": kind})
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "corpus.jsonl"), "w") as f:
    for doc_id, text in docs:
        f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
with open(os.path.join(out, "truth.jsonl"), "w") as f:
    for row in truth:
        f.write(json.dumps(row) + "\n")
print(f"{len(docs)} documents: {len(originals)} originals, {exact_wanted} exact and {near_wanted} near copies planted", file=sys.stderr)
