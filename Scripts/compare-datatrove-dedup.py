#!/usr/bin/env python3
"""The datatrove side of Scripts/compare-datatrove-dedup.sh, and the comparison.

  quality WORK  datatrove 0.10.1 exact dedup and MinHash (signatures -> buckets -> clusters -> filter,
                FineWeb's settings) over WORK/plain (Winnow's records without dedup); compares the
                removed set with Winnow's (WORK/winnow) and prints Winnow's recall and false-positive
                rate by the planted copies' Jaccard similarity to their originals (WORK/gen/truth.jsonl).
  scale WORK N  writes WORK/scale/corpus.jsonl (N short documents, a tenth of them copies), for the
                timing runs.
  time WORK     datatrove MinHash over WORK/scale-plain (Winnow's records of the scale corpus), timed.
  progress WORK N SECONDS
                after `time` was stopped at SECONDS: how many of the N documents datatrove's signatures
                stage had signed (the size of its band-0 signature files, 8 hashes and a 4-byte index a
                document), and what that rate makes of all N.
"""
import glob, json, os, random, shutil, sys, time


def records(directory):
    for path in sorted(glob.glob(os.path.join(directory, "part-*.jsonl"))):
        with open(path) as f:
            for line in f:
                yield json.loads(line)


def run_datatrove(plain, work, exact=True):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup import MinhashDedupBuckets, MinhashDedupCluster, MinhashDedupFilter, MinhashDedupSignature
    from datatrove.pipeline.dedup.exact_dedup import ExactDedupConfig, ExactDedupFilter, ExactDedupSignature, ExactFindDedups
    from datatrove.pipeline.dedup.minhash import MinhashConfig
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove.utils.hashing import HashConfig
    from datatrove.utils.text import simplify_text

    dt = os.path.join(work, "datatrove")
    shutil.rmtree(dt, ignore_errors=True)
    reader = lambda: JsonlReader(plain, glob_pattern="part-*.jsonl")
    config = MinhashConfig(hash_config=HashConfig(precision=64), num_buckets=14, hashes_per_bucket=8)
    timings = {}

    def stage(name, pipeline, tasks=1, workers=1):
        start = time.time()
        LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=workers, logging_dir=f"{dt}/logs/{name}").run()
        timings[name] = time.time() - start

    # One task per input file, two at a time (this machine has 2 cores, as Winnow's --workers 2).
    files = len(glob.glob(os.path.join(plain, "part-*.jsonl")))
    stage("minhash.signatures", [reader(), MinhashDedupSignature(output_folder=f"{dt}/sigs", config=config)], tasks=files, workers=2)
    stage("minhash.buckets", [MinhashDedupBuckets(input_folder=f"{dt}/sigs", output_folder=f"{dt}/buckets", config=config)],
          tasks=config.num_buckets, workers=2)
    stage("minhash.clusters", [MinhashDedupCluster(input_folder=f"{dt}/buckets", output_folder=f"{dt}/remove", config=config)])
    stage("minhash.filter", [reader(), MinhashDedupFilter(input_folder=f"{dt}/remove", exclusion_writer=JsonlWriter(f"{dt}/removed-near", compression=None))],
          tasks=files, workers=2)
    removed = {"near": set(), "exact": set()}
    for path in glob.glob(f"{dt}/removed-near/*.jsonl"):
        removed["near"] |= {json.loads(line)["id"] for line in open(path)}
    if exact:
        # Exact dedup of the normalised text, as Winnow's dedup.exact.
        exact_config = ExactDedupConfig(content_getter=lambda doc: simplify_text(doc.text))
        stage("exact.signatures", [reader(), ExactDedupSignature(output_folder=f"{dt}/esigs", config=exact_config)])
        stage("exact.find", [ExactFindDedups(data_folder=f"{dt}/esigs", output_folder=f"{dt}/eremove", config=exact_config)])
        stage("exact.filter", [reader(), ExactDedupFilter(data_folder=f"{dt}/eremove", config=exact_config,
                                                          exclusion_writer=JsonlWriter(f"{dt}/removed-exact", compression=None))])
        for path in glob.glob(f"{dt}/removed-exact/*.jsonl"):
            removed["exact"] |= {json.loads(line)["id"] for line in open(path)}
    return removed, timings


def shingles(text, n=5):
    from datatrove.utils.text import simplify_text
    words = simplify_text(text).split()
    if len(words) < n:
        return {" ".join(words)}
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def quality(work):
    plain = os.path.join(work, "plain")
    text = {}
    id_by_source = {}
    for record in records(plain):
        text[record["id"]] = record["text"]
        id_by_source[record["source"]] = record["id"]
    winnow = {}
    with open(os.path.join(work, "winnow", "rejects.jsonl")) as f:
        for line in f:
            reject = json.loads(line)
            if reject["reason"].startswith("dedup."):
                winnow[id_by_source[reject["source"]]] = (reject["reason"], reject["detail"])
    removed, timings = run_datatrove(plain, work)
    dt = removed["near"] | removed["exact"]
    w = set(winnow)
    print(f"documents compared (Winnow's records without dedup): {len(text)}")
    print(f"datatrove removed: {len(dt)} (MinHash {len(removed['near'])}, exact {len(removed['exact'])}, both {len(removed['near'] & removed['exact'])})")
    print(f"Winnow removed:    {len(w)} (dedup.near {sum(1 for r in winnow.values() if r[0] == 'dedup.near')}, dedup.exact {sum(1 for r in winnow.values() if r[0] == 'dedup.exact')})")
    common = len(w & dt)
    print(f"in common: {common}; only Winnow: {len(w - dt)}; only datatrove: {len(dt - w)}")
    print(f"agreement: {100 * common / max(1, len(w | dt)):.2f} % of all removed documents are removed by both "
          f"({100 * common / max(1, len(w)):.2f} % of Winnow's, {100 * common / max(1, len(dt)):.2f} % of datatrove's)")
    bands = [(0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.0), (1.0, 1.01)]
    rows = {band: [0, 0, 0] for band in bands}  # copies, removed by Winnow, removed by datatrove
    wrong_survivor = 0
    with open(os.path.join(work, "gen", "truth.jsonl")) as f:
        truth = [json.loads(line) for line in f]
    for row in truth:
        if row["id"] not in text or row["base"] not in text:
            continue
        a, b = shingles(text[row["id"]]), shingles(text[row["base"]])
        j = len(a & b) / len(a | b)
        band = next(x for x in bands if x[0] <= j < x[1])
        rows[band][0] += 1
        rows[band][1] += row["id"] in w
        rows[band][2] += row["id"] in dt
        if row["id"] in winnow and j >= 0.8 and winnow[row["id"]][1] != row["base"] and winnow[row["id"]][1] not in {r["id"] for r in truth if r["base"] == row["base"]}:
            wrong_survivor += 1
    print("planted copies by Jaccard similarity to their original (5-word shingles of the normalised text):")
    print(f"{'jaccard':>12} {'copies':>7} {'winnow':>8} {'datatrove':>10}")
    for band in bands:
        n, wr, dr = rows[band]
        label = "1 (exact)" if band[0] == 1.0 else f"{band[0]:.1f}-{band[1]:.1f}"
        print(f"{label:>12} {n:>7} {wr / max(1, n):>8.3f} {dr / max(1, n):>10.3f}")
    high = [rows[b] for b in bands if b[0] >= 0.8]
    low = [rows[b] for b in bands if b[1] <= 0.5]
    recall = sum(r[1] for r in high) / max(1, sum(r[0] for r in high))
    fp = sum(r[1] for r in low) / max(1, sum(r[0] for r in low))
    originals_removed = sum(1 for i in w if i.startswith("o"))
    print(f"Winnow recall at Jaccard >= 0.8: {recall:.3f} (needs >= 0.90)")
    print(f"Winnow false positives below Jaccard 0.5: {100 * fp:.2f} % of {sum(r[0] for r in low)} copies (needs <= 1 %); originals removed: {originals_removed}")
    print(f"removed near copies (J >= 0.8) naming a document outside their original's cluster: {wrong_survivor}")
    print("datatrove seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()) + f"; total {sum(timings.values()):.1f}")


def scale_corpus(work, n):
    rng = random.Random(7)
    # Letters only: digits would all normalise to "0".
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = [letters[i % 26] + letters[i // 26 % 26] + letters[i // 676 % 26] + letters[i // 17576 % 26] for i in range(50_000)]
    os.makedirs(os.path.join(work, "scale"), exist_ok=True)
    kept = []
    with open(os.path.join(work, "scale", "corpus.jsonl"), "w") as f:
        for i in range(n):
            if kept and rng.random() < 0.1:
                words = list(rng.choice(kept))
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
            else:
                words = [rng.choice(vocabulary) for _ in range(rng.randint(20, 40))]
                if len(kept) < 10_000:
                    kept.append(words)
                else:
                    kept[rng.randrange(len(kept))] = words
            f.write(json.dumps({"id": f"s{i:07d}", "text": " ".join(words) + "."}) + "\n")


def time_datatrove(work):
    removed, timings = run_datatrove(os.path.join(work, "scale-plain"), os.path.join(work, "scale"), exact=False)
    print(f"datatrove MinHash: {len(removed['near'])} removed in {sum(timings.values()):.1f} s ("
          + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()) + ")")


def progress(work, n, seconds):
    sigs = glob.glob(os.path.join(work, "scale", "datatrove", "sigs", "bucket_000", "*"))
    signed = sum(os.path.getsize(path) for path in sigs) // (8 * 8 + 4)
    if not signed:
        print(f"datatrove MinHash: stopped after {seconds} s, no signatures written yet")
        return
    rate = signed / seconds
    print(f"datatrove MinHash: stopped after {seconds} s; its signatures stage had signed {signed} of {n} documents "
          f"({rate:.0f} docs/s with 2 tasks), so ~{n / rate / 60:.0f} min for the signatures of all {n} alone, "
          "before buckets, clusters and filter")


if __name__ == "__main__":
    mode, work = sys.argv[1], sys.argv[2]
    if mode == "quality":
        quality(work)
    elif mode == "scale":
        scale_corpus(work, int(sys.argv[3]))
    elif mode == "time":
        time_datatrove(work)
    elif mode == "progress":
        progress(work, int(sys.argv[3]), int(sys.argv[4]))
