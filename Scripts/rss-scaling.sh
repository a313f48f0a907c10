#!/usr/bin/env bash
# Peak memory against corpus size: builds release, then for each size makes a corpus of that many
# documents (Scripts/make-bench-corpus.sh: copies of the dev pages and text dumps under distinct names)
# and runs `/usr/bin/time -v winnow run --quiet --output OUT CORPUS` with the default settings (all
# cores, built-in rules, 256M shards). Prints one row per size (documents, records, rejects, wall
# seconds, peak RSS) and the ratio of the largest corpus's peak RSS to the smallest's.
# Exit 1 if that ratio is above 1.15 or a peak RSS is 300 MB or more (the acceptance bound).
# usage: Scripts/rss-scaling.sh [SMALL [LARGE [MORE...]]]   (defaults: SMALL 2000, LARGE 200000; needs ../shared)
# 200,000 documents take about 4 GB of copies plus about 1 GB of output; the work directory is
# under ${TMPDIR:-/tmp} and is removed at the end. WINNOW_SCRATCH: build directory (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2000)
[ ${#sizes[@]} -gt 1 ] || sizes+=(200000)
for n in "${sizes[@]}"; do
  [[ "$n" =~ ^[0-9]+$ ]] && (( n > 0 )) || { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "rss-scaling.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/winnow-rss.XXXXXX")
trap 'rm -rf "$work"' EXIT

# One corpus at a time (made, run, removed), so the largest sets the disk needed: its copies plus its
# output (records and rejects are at most about as large as the input) plus 1 GiB spare.
largest=0
for n in "${sizes[@]}"; do (( n > largest )) && largest=$n; done
need=$(( $(Scripts/make-bench-corpus.sh --bytes "$largest") * 2 + (1 << 30) ))
free=$(( $(df -Pk "$work" | awk 'NR == 2 { print $4 }') * 1024 ))
if (( need > free )); then
  printf 'rss-scaling.sh: %d documents need about %.1f GiB free in %s (corpus copies and output), only %.1f GiB there\n' \
    "$largest" "$(awk -v b="$need" 'BEGIN { print b / 2^30 }')" "$work" "$(awk -v b="$free" 'BEGIN { print b / 2^30 }')" >&2
  exit 1
fi

scratch=${WINNOW_SCRATCH:-.build}
swift build -c release --scratch-path "$scratch" --product winnow >&2
bin=$scratch/release/winnow

for n in "${sizes[@]}"; do
  echo "rss-scaling.sh: $n documents: making the corpus" >&2
  Scripts/make-bench-corpus.sh "$work/corpus" "$n"
  echo "rss-scaling.sh: $n documents: winnow run" >&2
  if ! /usr/bin/time -v -o "$work/time-$n.txt" "$bin" run --quiet --output "$work/out" "$work/corpus" 2> "$work/run-$n.txt"; then
    echo "rss-scaling.sh: winnow run failed on $n documents:" >&2
    tail -20 "$work/run-$n.txt" "$work/time-$n.txt" >&2
    exit 1
  fi
  cp "$work/out/report.json" "$work/report-$n.json"
  rm -rf "$work/corpus" "$work/out"
done

python3 - "$work" "${sizes[@]}" <<'PY'
import json, re, sys
work, sizes = sys.argv[1], [int(n) for n in sys.argv[2:]]
rows = []
print(f"{'documents':>10} {'records':>10} {'rejects':>8} {'wall s':>8} {'peak RSS MB':>12}")
for n in sizes:
    rep = json.load(open(f"{work}/report-{n}.json"))
    t = open(f"{work}/time-{n}.txt").read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    rows.append((n, rss))
    print(f"{rep['inputs']['processed']:>10} {rep['records']:>10} {rep['rejects']:>8} {rep['wall_seconds']:>8.1f} {rss:>12.1f}")
small = min(rows)
large = max(rows)
ratio = large[1] / small[1]
peak = max(r for _, r in rows)
print(f"peak RSS {large[0]} / {small[0]} documents: {ratio:.2f}x; largest peak {peak:.1f} MB")
ok = ratio <= 1.15 and peak < 300
print("OK: peak RSS does not grow with corpus size and stays under 300 MB" if ok
      else "FAIL: peak RSS grows with corpus size (> 1.15x) or reaches 300 MB")
sys.exit(0 if ok else 1)
PY
