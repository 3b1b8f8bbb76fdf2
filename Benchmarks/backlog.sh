#!/usr/bin/env bash
# The backlog at scale (DESIGN §7): one run over a manifest of ENTRIES URLs against an emulator with a 2,000-URL
# quota builds a state whose backlog holds ENTRIES − 2,000 entries; then `run` with no input is timed from copies of
# that state, against a fresh emulator (a new day: a full quota) and against one with no quota left. Wall time and
# peak RSS (from /usr/bin/time), median of RUNS runs. `--collapse off` builds the state, so that the backlog holds
# files; the runs use it too, except one with `--collapse auto` (the default), where directories are sent for them.
# `plan` against the same backlog is timed as well.
#
#   Benchmarks/backlog.sh                     # release build, 1,000,000 entries, 3 runs each
#   ENTRIES=200000 RUNS=5 Benchmarks/backlog.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-release}
ENTRIES=${ENTRIES:-1000000}
RUNS=${RUNS:-3}

swift build -c "$BUILD" --product cdn-refresh >/dev/null 2>&1
BIN="$(swift build -c "$BUILD" --show-bin-path)/cdn-refresh"
WORK=$(mktemp -d)
EMULATOR_PID=
cleanup() {
  if [ -n "$EMULATOR_PID" ]; then kill "$EMULATOR_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export HOME="$WORK/home" ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIsandbox0000000000000
export ALIBABA_CLOUD_ACCESS_KEY_SECRET=sandbox-secret-not-for-production
mkdir -p "$HOME"

# start_emulator URL_QUOTA: a fresh emulator (a new day) on a free port; sets ENDPOINT.
start_emulator() {
  if [ -n "$EMULATOR_PID" ]; then kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true; fi
  rm -f "$WORK/emulator.out"
  "$BIN" emulator --port 0 --url-quota "$1" --dir-quota 100 >"$WORK/emulator.out" 2>/dev/null &
  EMULATOR_PID=$!
  for _ in $(seq 100); do
    if grep -q '^listening on ' "$WORK/emulator.out" 2>/dev/null; then break; fi
    sleep 0.05
  done
  ENDPOINT=$(sed -n 's/^listening on //p' "$WORK/emulator.out" | head -1)
}

# measure LABEL STATE COMMAND...: wall seconds and peak MiB of one run, appended to $WORK/LABEL.
measure() {
  local label=$1
  shift
  /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || true
  tail -1 "$WORK/time" | awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' >>"$WORK/$label"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
report() { # report LABEL DESCRIPTION
  printf '%-44s %8s s  peak %6s MiB\n' "$2" "$(cut -d' ' -f1 "$WORK/$1" | median)" "$(cut -d' ' -f2 "$WORK/$1" | median)"
}

python3 - "$ENTRIES" >"$WORK/manifest.txt" <<'EOF'
import sys
count = int(sys.argv[1])
sys.stdout.write("".join(f"https://www.example.com/d{i % 1000}/f{i}.js\n" for i in range(count)))
EOF

start_emulator 2000
measure build "$BIN" run "$WORK/manifest.txt" --endpoint "$ENDPOINT" --state-dir "$WORK/base" \
  --report "$WORK/build.csv" --collapse off --quiet
BACKLOG=$("$BIN" backlog list --state-dir "$WORK/base" 2>&1 >/dev/null | sed -n 's/.* of \([0-9]*\) backlog entries.*/\1/p')

for _ in $(seq "$RUNS"); do
  for case in quota empty collapse; do
    rm -rf "$WORK/state" && cp -r "$WORK/base" "$WORK/state"
    if [ "$case" = empty ]; then start_emulator 0; else start_emulator 2000; fi
    collapse=off
    if [ "$case" = collapse ]; then collapse=auto; fi
    measure "$case" "$BIN" run --endpoint "$ENDPOINT" --state-dir "$WORK/state" --report "$WORK/$case.csv" \
      --collapse "$collapse" --quiet </dev/null
  done
  measure plan "$BIN" plan --state-dir "$WORK/base" --quota-urls 2000 --quota-dirs 100 --collapse off \
    --report "$WORK/plan.csv" --quiet </dev/null
done

echo "cdn-refresh backlog at scale, $BUILD build, $(nproc) cores, median of $RUNS runs (build: one run)"
report build "one run over $ENTRIES URLs (quota 2,000)"
echo "backlog after it: $BACKLOG entries"
report quota "no input, a fresh 2,000-URL quota"
report empty "no input, no quota left"
report collapse "no input, a fresh quota, --collapse auto"
report plan "plan, no input, 2,000 URLs"
rows() { echo $(($(wc -l <"$WORK/$1.csv") - 1)); }
echo "rows in the last reports: quota $(rows quota), no quota $(rows empty), collapse auto $(rows collapse)," \
  "plan $(rows plan)"
