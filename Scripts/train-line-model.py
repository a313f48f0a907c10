#!/usr/bin/env python3
"""Trains the line model of the text path (Sources/WinnowCore/Learn/LineModel.swift) on the shared dev sets.

usage: Scripts/train-line-model.sh            (builds winnow, dumps line features, runs this in a venv)
       train-line-model.py FEATURES... --out SWIFT_FILE [--folds 5] [--report JSON] [--floor SET=F1]

FEATURES: `winnow features` dumps of text inputs (JSON lines), each given as DATA_DIR=DUMP where DATA_DIR
holds the ground-truth.json (and meta.json, if any) of the dumps. The same method as the block model
(Scripts/train-block-model.py, whose labelling, folds, scoring and export this reuses): every line is
labelled by how much of its text the reviewed main text contains (word trigrams; short lines as a whole
phrase), weighted so each page counts once; folds are split by domain; the reported F1 is the held-out
folds', per page type, with the page text made as Winnow makes it (dumps under 50 words kept whole; when
the model keeps no line, the jusText stage's lines; when that keeps none either, the whole dump). The
threshold is the one that maximises the held-out mean over the page types of every set (each type
counts once), among those at which each --floor set keeps its held-out overall F1 (the .sh asks 0.90
on the news dumps, the text path's target there). The final model is trained on all
pages with the same settings; training is deterministic (fixed seed, no subsampling).
"""
import argparse, importlib.util, json, os, sys

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

_spec = importlib.util.spec_from_file_location("block", os.path.join(os.path.dirname(os.path.abspath(__file__)), "train-block-model.py"))
block = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(block)

PARAMS = dict(max_iter=150, learning_rate=0.1, max_leaf_nodes=24, min_samples_leaf=40, l2_regularization=1.0,
              early_stopping=False, random_state=0)
MIN_WORDS = 50  # TextParagraphClassifier.minWordsForModel


def text_of(page, probs, threshold, jus_kept):
    if page["nwords"].sum() < MIN_WORDS:
        keep = np.ones(len(probs), dtype=bool)
    else:
        keep = probs >= threshold
        if not keep.any():
            keep = page["X"][:, jus_kept] >= 0.5
        if not keep.any():
            keep = np.ones(len(probs), dtype=bool)
    return "\n".join(t for t, k in zip(page["texts"], keep) if k)


def summarize(pages, probs_by_page, threshold, jus_kept):
    import collections
    by_type = collections.defaultdict(list)
    for p in pages:
        f = block.page_f1(text_of(p, probs_by_page[p["id"] + p["set"]], threshold, jus_kept), p["gold"])
        by_type[(p["set"], p["type"])].append(f)
        by_type[(p["set"], "ALL")].append(f)
    return {f"{s}/{t}": (len(v), sum(v) / len(v)) for (s, t), v in sorted(by_type.items())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("features", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--report")
    ap.add_argument("--floor", action="append", default=[], help="SET=F1: a held-out overall F1 the threshold must keep")
    args = ap.parse_args()
    pages, names = block.load(args.features)
    jus_kept = names.index("jus_kept")
    print(f"{len(pages)} pages, {sum(len(p['texts']) for p in pages)} lines, {len(names)} features", file=sys.stderr)
    probs = {}
    for k in range(args.folds):
        train = [p for p in pages if block.fold_of(p["domain"], args.folds) != k]
        test = [p for p in pages if block.fold_of(p["domain"], args.folds) == k]
        X, y, w = block.stack(train)
        model = HistGradientBoostingClassifier(**PARAMS).fit(X, y, sample_weight=w)
        for p in test:
            probs[p["id"] + p["set"]] = block.predict_raw(model, p["X"]) if len(p["texts"]) else np.zeros(0)
        print(f"fold {k}: {len(train)} train pages, {len(test)} held out", file=sys.stderr)
    # The threshold that does best over every page type (each type of each set counts once), so that
    # the rarer types (listings, products) weigh as much as articles.
    thresholds = (0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60)
    scores = {t: summarize(pages, probs, t, jus_kept) for t in thresholds}
    for t in thresholds:
        print(f"threshold {t}: " + "  ".join(f"{key.split('/')[1][:5]} {f1:.3f}" for key, (n, f1) in scores[t].items()), file=sys.stderr)
    # --floor SET=F1: only thresholds at which that set's held-out overall F1 reaches F1 are candidates.
    floors = dict((f.split("=")[0], float(f.split("=")[1])) for f in args.floor)
    allowed = [t for t in thresholds if all(scores[t].get(f"{s}/ALL", (0, 1.0))[1] >= v for s, v in floors.items())] or list(thresholds)
    best = max(allowed, key=lambda t: np.mean([s[1] for key, s in scores[t].items() if not key.endswith("/ALL")]))
    cv = summarize(pages, probs, best, jus_kept)
    print(f"held-out folds (by domain), threshold {best}:")
    for key, (n, f1) in cv.items():
        print(f"  {key:28} {n:5d}  F1 {f1:.3f}")
    X, y, w = block.stack(pages)
    model = HistGradientBoostingClassifier(**PARAMS).fit(X, y, sample_weight=w)
    text = block.export(model, len(names), best)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("// Written by Scripts/train-line-model.py from the shared dev sets; do not edit.\n")
        out.write(f"// {len(pages)} pages; features: LineFeatures.names ({len(names)}); held-out F1 by fold in Scripts/line-model-report.json.\n")
        out.write("enum LineModel {\n    static let text = \"\"\"\n")
        out.write(text)
        out.write("\"\"\"\n}\n")
    if args.report:
        with open(args.report, "w", encoding="utf-8") as report:
            json.dump({"threshold": best, "folds": args.folds, "floors": floors, "held_out": cv,
                       "held_out_by_threshold": {str(t): scores[t] for t in thresholds}, "params": PARAMS}, report, indent=1)
    print(f"model: {len(model._predictors)} trees, {len(text)} bytes -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
