#!/usr/bin/env bash
# Read-and-plan throughput against zcat, on the real lnav access log repeated into a large multi-member gzip
# file (as nginx's `access_log … gzip` writes them). Prints both times, their ratio and peak memory.
#
#   Benchmarks/throughput.sh               # release build, 400 copies (about 1 million lines)
#   COPIES=100 BUILD=debug Benchmarks/throughput.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-release}
COPIES=${COPIES:-400}
RUNS=${RUNS:-3}
CORPUS=${CDN_REFRESH_CORPUS:-../shared/corpus}/lnav/access_log.gz

swift build -c "$BUILD" --product cdn-refresh >/dev/null
BIN="$(swift build -c "$BUILD" --show-bin-path)/cdn-refresh"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for _ in $(seq "$COPIES"); do cat "$CORPUS"; done >"$WORK/big.log.gz"
LINES=$(zcat "$WORK/big.log.gz" | wc -l)

best() {  # best wall time in seconds of RUNS runs of "$@"
  local best=""
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    best=$(awk -v a="$start" -v b="$end" -v c="$best" 'BEGIN { t = b - a; if (c == "" || t < c) c = t; printf "%.3f", c }')
  done
  echo "$best"
}

ZCAT=$(best zcat "$WORK/big.log.gz")
PLAN=$(best "$BIN" plan "$WORK/big.log.gz" --domain www.example.com --no-state --report /dev/null --quiet)
PEAK=$( { /usr/bin/time -f '%M' "$BIN" plan "$WORK/big.log.gz" --domain www.example.com --no-state --report /dev/null --quiet; } 2>&1 | tail -1 || echo "?")
echo "input: $LINES lines, $(du -m "$WORK/big.log.gz" | cut -f1) MiB gzip ($COPIES concatenated members), $BUILD build, best of $RUNS"
echo "zcat > /dev/null:            ${ZCAT} s"
echo "cdn-refresh plan (combined): ${PLAN} s"
echo "ratio plan / zcat:           $(awk -v p="$PLAN" -v z="$ZCAT" 'BEGIN { printf "%.2f", p / z }')"
echo "plan lines per second:       $(awk -v l="$LINES" -v p="$PLAN" 'BEGIN { printf "%.0f", l / p }')"
echo "plan peak memory:            ${PEAK} KiB"
