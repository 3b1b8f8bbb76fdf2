#!/usr/bin/env bash
# Submission benchmark: 300 RefreshObjectCaches requests against the emulator with 100 ms latency.
# Prints the achieved call rate as a share of --qps, the busiest 1-second window and the throttled calls,
# all measured by the emulator (the server's view). Goal: >= 0.90, <= --qps, 0.
#
#   Benchmarks/submission.sh              # release build
#   BUILD=debug Benchmarks/submission.sh  # reuse the debug build
#   QPS=20 CONCURRENCY=4 REQUESTS=300 LATENCY_MS=100 Benchmarks/submission.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-release}
QPS=${QPS:-50}
CONCURRENCY=${CONCURRENCY:-8}
REQUESTS=${REQUESTS:-300}
LATENCY_MS=${LATENCY_MS:-100}

swift build -c "$BUILD" --product cdn-refresh >/dev/null
BIN="$(swift build -c "$BUILD" --show-bin-path)/cdn-refresh"
WORK=$(mktemp -d)
trap 'kill "$EMULATOR" 2>/dev/null || true; rm -rf "$WORK"' EXIT

source Benchmarks/emulator.sh
start_emulator --latency-ms "$LATENCY_MS" --url-quota 1000000 --qps "$QPS"

seq 1 "$REQUESTS" | sed 's|^|https://bench.example.com/asset/|' >"$WORK/urls.txt"
START=$(date +%s.%N)
"$BIN" run "$WORK/urls.txt" --endpoint "$ENDPOINT" --no-state --batch-size 1 --qps "$QPS" \
  --concurrency "$CONCURRENCY" --report "$WORK/report.csv" --quiet
END=$(date +%s.%N)
kill -TERM "$EMULATOR"
wait "$EMULATOR" || true

STATS=$(grep '^emulator:' "$WORK/emulator.err")
RATE=$(sed -n 's/.*RefreshObjectCaches at \([0-9.]*\) calls\/s.*/\1/p' <<<"$STATS")
BUSIEST=$(sed -n 's/.*busiest second \([0-9]*\) calls.*/\1/p' <<<"$STATS")
THROTTLED=$(sed -n 's/.*calls, \([0-9]*\) throttled.*/\1/p' <<<"$STATS")
SUBMITTED=$(grep -c ',submitted,' "$WORK/report.csv" || true)
echo "requests: $REQUESTS (1 URL each), --qps $QPS, --concurrency $CONCURRENCY, latency ${LATENCY_MS} ms, $BUILD build"
echo "submitted: $SUBMITTED of $REQUESTS URLs in $(awk -v a="$START" -v b="$END" 'BEGIN { printf "%.2f", b - a }') s wall time"
echo "achieved: $RATE calls/s = $(awk -v r="$RATE" -v q="$QPS" 'BEGIN { printf "%.3f", r / q }') x --qps (goal >= 0.90)"
echo "busiest 1-second window: $BUSIEST calls (limit $QPS)"
echo "throttled: $THROTTLED (goal 0)"
