#!/usr/bin/env bash
# CDN-log benchmark: `run cdn:www.example.com` reading eight hourly Alibaba CDN logs (2,000,000 lines, ~59 MB gzip,
# Benchmarks/generate-logs.py --cdn) listed and downloaded from the emulator (`--cdn-logs`), against `run` reading
# the same eight files from disk — the same incident selection (GET, 5xx) against the same emulator. For each: the
# median wall time of RUNS runs taken in turns (local, cdn, local, cdn, …), their ratio (goal: at most 1.2), peak
# RSS, and whether the two reports name the same URLs with the same figures (only the `source` column differs).
#
#   Benchmarks/cdn-logs.sh                 # release build, 5 runs each
#   RUNS=9 Benchmarks/cdn-logs.sh
#   BENCH_DATA=/var/tmp/bench Benchmarks/cdn-logs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-release}
RUNS=${RUNS:-5}
DATA=${BENCH_DATA:-${TMPDIR:-/tmp}/cdn-refresh-bench}/cdn

swift build -c "$BUILD" --product cdn-refresh >/dev/null 2>&1
BIN="$(swift build -c "$BUILD" --show-bin-path)/cdn-refresh"
python3 Benchmarks/generate-logs.py --cdn "$DATA"
WORK=$(mktemp -d)
trap 'kill "$EMULATOR" 2>/dev/null || true; rm -rf "$WORK"' EXIT

source Benchmarks/emulator.sh
start_emulator --cdn-logs "$DATA"
SELECT=(--methods GET --status 500-599 --since 2026-11-24T00:00+08:00 --until 2026-11-24T08:00+08:00
  --no-state --endpoint "$ENDPOINT" --quiet)

seconds() { # the wall time of one run (exit 1 is expected: the logs hold a few malformed lines)
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
peak_mib() {
  /usr/bin/time -f '%M' -o "$WORK/peak" "$@" >/dev/null 2>&1 || true
  tail -1 "$WORK/peak" | awk '{ printf "%.0f", $1 / 1024 }'
}

: >"$WORK/local.times"
: >"$WORK/cdn.times"
for run in $(seq "$RUNS"); do
  seconds "$BIN" run "$DATA"/*.gz "${SELECT[@]}" --report "$WORK/local.csv" >>"$WORK/local.times"
  seconds "$BIN" run cdn:www.example.com "${SELECT[@]}" --report "$WORK/cdn.csv" >>"$WORK/cdn.times"
done
local_time=$(median <"$WORK/local.times")
cdn_time=$(median <"$WORK/cdn.times")
local_peak=$(peak_mib "$BIN" run "$DATA"/*.gz "${SELECT[@]}" --report "$WORK/local.csv")
cdn_peak=$(peak_mib "$BIN" run cdn:www.example.com "${SELECT[@]}" --report "$WORK/cdn.csv")
# Everything but `source` (column 7) and the request IDs and task IDs each run gets anew.
strip() { cut -d, -f1-6,8-12,16- "$1"; }
same=$([ "$(strip "$WORK/local.csv")" = "$(strip "$WORK/cdn.csv")" ] && echo yes || echo NO)
echo "case        median wall   peak RSS"
printf "local files %8.2f s   %5s MiB\n" "$local_time" "$local_peak"
printf "cdn: inputs %8.2f s   %5s MiB\n" "$cdn_time" "$cdn_peak"
awk -v c="$cdn_time" -v l="$local_time" 'BEGIN { printf "ratio       %8.2f x   (goal <= 1.2)\n", c / l }'
echo "same report (but source): $same"
grep -c 'downloaded' "$WORK/emulator.err" >/dev/null || true
