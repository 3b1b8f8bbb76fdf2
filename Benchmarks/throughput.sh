#!/usr/bin/env bash
# Reading and planning throughput against zcat, and peak memory, on three generated cases (Benchmarks/generate-logs.py):
#   1. mix     one 2,000,000-line combined log, ~100,000 distinct candidates among ~275,000 distinct URLs read
#   2. unique  2,000,000 lines, every GET with a unique query (2,000,000 distinct URLs read), 40,000 PUT candidates
#   3. hours   eight hourly slices of 250,000 lines, one `plan` over all eight
# For each: the median wall time of RUNS runs of `zcat` (all eight in a row for case 3) and of `cdn-refresh plan`,
# taken in turns (zcat, plan, zcat, plan, …) so that a slow moment of a shared machine hits both; their ratio; peak
# RSS; and whether every run wrote the same report. With REFERENCE set to another cdn-refresh binary (an older
# build, say), it is timed the same way and its reports are compared byte for byte with this build's.
#
#   Benchmarks/throughput.sh                          # release build, 5 runs each
#   RUNS=9 Benchmarks/throughput.sh
#   REFERENCE=/tmp/old/cdn-refresh Benchmarks/throughput.sh
#   BENCH_DATA=/var/tmp/bench Benchmarks/throughput.sh  # where the generated logs are kept (about 200 MB)
#   CASES="hours" Benchmarks/throughput.sh             # some of the cases
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-release}
RUNS=${RUNS:-5}
DATA=${BENCH_DATA:-${TMPDIR:-/tmp}/cdn-refresh-bench}
REFERENCE=${REFERENCE:-}
CASES=${CASES:-mix unique hours}

swift build -c "$BUILD" --product cdn-refresh >/dev/null 2>&1
BIN="$(swift build -c "$BUILD" --show-bin-path)/cdn-refresh"
python3 Benchmarks/generate-logs.py "$DATA"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# seconds COMMAND...: the wall time of one run, in seconds (the command's exit status is ignored: plan exits 1
# when an input has invalid lines, as these do).
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
ratio() { awk -v p="$1" -v z="$2" 'BEGIN { printf "%.2f", p / z }'; }

# peak_mib COMMAND...: the peak resident set size of one run, in MiB.
peak_mib() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$WORK/peak" "$@" >/dev/null 2>&1 || true
    tail -1 "$WORK/peak" | awk '{ printf "%.0f", $1 / 1024 }'
  else
    echo "?"
  fi
}

zcat_all() { zcat "$@" >/dev/null; }

plan_with() { # plan_with BINARY REPORT INPUT...
  local binary=$1 report=$2
  shift 2
  "$binary" plan "$@" --domain www.example.com --no-state --report "$report" --quiet
}

run_case() { # run_case NAME GOAL_RATIO GOAL_MIB INPUT...
  local name=$1 goal_ratio=$2 goal_mib=$3
  shift 3
  local inputs=("$@")
  local lines bytes zcat_time plan_time peak same reference_time=""
  lines=$(zcat "${inputs[@]}" | wc -l)
  bytes=$(zcat "${inputs[@]}" | wc -c)
  : >"$WORK/zcat.times"
  : >"$WORK/plan.times"
  : >"$WORK/reference.times"
  for run in $(seq "$RUNS"); do
    seconds zcat_all "${inputs[@]}" >>"$WORK/zcat.times"
    seconds plan_with "$BIN" "$WORK/$name-$run.csv" "${inputs[@]}" >>"$WORK/plan.times"
    if [ -n "$REFERENCE" ]; then
      seconds plan_with "$REFERENCE" "$WORK/$name-reference.csv" "${inputs[@]}" >>"$WORK/reference.times"
    fi
  done
  zcat_time=$(median <"$WORK/zcat.times")
  plan_time=$(median <"$WORK/plan.times")
  peak=$(peak_mib "$BIN" plan "${inputs[@]}" --domain www.example.com --no-state --report "$WORK/$name-peak.csv" --quiet)
  same="yes"
  for run in $(seq 2 "$RUNS"); do cmp -s "$WORK/$name-1.csv" "$WORK/$name-$run.csv" || same="NO"; done
  printf '%-7s %9s lines %4.0f MB  zcat %6.3f s  plan %6.3f s  ratio %5s (goal <= %s)  peak %4s MiB (goal <= %s)  %4.0f MB/s  same report every run: %s\n' \
    "$name" "$lines" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$zcat_time" "$plan_time" \
    "$(ratio "$plan_time" "$zcat_time")" "$goal_ratio" "$peak" "$goal_mib" \
    "$(awk -v b="$bytes" -v p="$plan_time" 'BEGIN { print b / 1e6 / p }')" "$same"
  if [ -n "$REFERENCE" ]; then
    reference_time=$(median <"$WORK/reference.times")
    local reference_peak verdict="identical to"
    reference_peak=$(peak_mib "$REFERENCE" plan "${inputs[@]}" --domain www.example.com --no-state \
      --report "$WORK/$name-reference-peak.csv" --quiet)
    cmp -s "$WORK/$name-1.csv" "$WORK/$name-reference.csv" || verdict="DIFFERENT from"
    printf '        reference %6.3f s  ratio %5s  peak %4s MiB; this build is %sx as fast; report %s the reference\n' \
      "$reference_time" "$(ratio "$reference_time" "$zcat_time")" "$reference_peak" \
      "$(ratio "$reference_time" "$plan_time")" "$verdict"
  fi
}

echo "cdn-refresh plan vs zcat, $BUILD build, median of $RUNS runs, $(nproc) cores, data in $DATA"
for name in $CASES; do
  case $name in
    mix) run_case mix 1.05 96 "$DATA/mix.log.gz" ;;
    unique) run_case unique 1.05 128 "$DATA/unique.log.gz" ;;
    hours) run_case hours 0.80 96 "$DATA"/hour-0?.log.gz ;;
    *) echo "unknown case '$name' (mix, unique, hours)" >&2 ;;
  esac
done
