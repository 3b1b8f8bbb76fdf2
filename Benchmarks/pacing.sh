#!/usr/bin/env bash
# Pacing benchmark: real 60-second minutes against the emulator enforcing 1,000 URLs a minute per domain (Alibaba's
# older documented limit), with a daily quota large enough for every case. For each case: the wall time, the
# scheduling refusals, and the outcome, next to the floor the limit allows.
#   1. one domain, 6,000 changed URLs, no limit known (a fresh state)        floor ~ 300 s (6 windows, the first at 0)
#   2. three domains, 2,000 URLs each, no limit known                         floor ~  60 s
#   3. the same night as 1, repeated a minute later with the limit learned    floor ~ 300 s, no refusal
#   4. one domain, 3,000 URLs, a neighbour takes half of each minute (another  floor ~ 300 s (500 a minute left)
#      client on the account; the emulator's --neighbour), a fresh state       goal: wall <= floor + 10 %, 0 failed
# With REFERENCE set to an older cdn-refresh, case 1 runs it too (it knows no pacing) as the baseline.
#
#   Benchmarks/pacing.sh                       # release build; about 19 minutes
#   REFERENCE=/tmp/old/cdn-refresh Benchmarks/pacing.sh
#   CASES="2" Benchmarks/pacing.sh             # some of the cases
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-release}
CASES=${CASES:-1 2 3 4}
REFERENCE=${REFERENCE:-}
LIMIT=${LIMIT:-1000}

swift build -c "$BUILD" --product cdn-refresh >/dev/null
BIN="$(swift build -c "$BUILD" --show-bin-path)/cdn-refresh"
WORK=$(mktemp -d)
trap 'kill "$EMULATOR" 2>/dev/null || true; rm -rf "$WORK"' EXIT

source Benchmarks/emulator.sh
start_emulator --url-quota 10000000 --domain-urls-per-minute "$LIMIT"

urls() { # urls NAME COUNT DOMAIN...: COUNT URLs per domain, into $WORK/NAME.txt
  local name=$1 count=$2
  shift 2
  for domain in "$@"; do seq 1 "$count" | sed "s|^|https://$domain/$name/|"; done >"$WORK/$name.txt"
}

run_case() { # run_case LABEL FLOOR BINARY STATE INPUT
  local label=$1 floor=$2 binary=$3 state=$4 input=$5 start end summary
  start=$(date +%s.%N)
  "$binary" run "$input" --endpoint "$ENDPOINT" --state-dir "$state" --report "$WORK/$label.csv" \
    --summary json --quiet 2>"$WORK/$label.json" || true
  end=$(date +%s.%N)
  summary=$(tail -1 "$WORK/$label.json")
  python3 - "$label" "$floor" "$start" "$end" "$summary" "$WORK/$label.csv" <<'PY'
import csv, json, sys
label, floor, start, end, text, report = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]
try:
    summary = json.loads(text)
except ValueError:
    summary = {}
rows = list(csv.DictReader(open(report)))
status = {}
for row in rows:
    status[row["status"]] = status.get(row["status"], 0) + 1
pacing = summary.get("pacing") or {}
# An older build does not count refusals in its summary.
refusals = f'{sum((pacing.get("refusals") or {}).values()):3d}' if "pacing" in summary or "reference" not in label else "n/a"
wall = end - start
limits = ", ".join(f"{d['domain']} {d['urls_per_minute']}/min ({d['source']})" for d in pacing.get("domains", []))
print(f"{label:<36} wall {wall:6.1f} s  floor {floor:4.0f} s  ({wall / floor:4.2f} x)  refusals {refusals:>3}  "
      f"{', '.join(f'{n} {s}' for s, n in sorted(status.items()))}  exit {summary.get('exit_code', '?')}"
      + (f"  [{limits}]" if limits else ""))
PY
}

echo "pacing against $LIMIT URLs a minute per domain, real 60-second windows, $BUILD build"
for name in $CASES; do
  case $name in
    1)
      if [ -n "$REFERENCE" ]; then
        urls reference 6000 night.example.com
        run_case "1. one domain, 6,000 (reference)" 300 "$REFERENCE" "$WORK/state-reference" "$WORK/reference.txt"
        sleep 61  # the reference's last requests leave the window
      fi
      urls one 6000 night.example.com
      run_case "1. one domain, 6,000" 300 "$BIN" "$WORK/state-one" "$WORK/one.txt"
      ;;
    2)
      urls three 2000 a.example.com b.example.com c.example.com
      run_case "2. three domains, 2,000 each" 60 "$BIN" "$WORK/state-three" "$WORK/three.txt"
      ;;
    3)
      sleep 61  # the next night: the window is clear
      urls again 6000 night.example.com
      run_case "3. case 1 again, the limit learned" 300 "$BIN" "$WORK/state-one" "$WORK/again.txt"
      ;;
    4)
      # A second emulator whose neighbour takes half of every domain's minute.
      kill "$EMULATOR" 2>/dev/null || true
      wait "$EMULATOR" 2>/dev/null || true
      start_emulator --url-quota 10000000 --domain-urls-per-minute "$LIMIT" --neighbour "busy.example.com=0.5"
      urls busy 3000 busy.example.com
      run_case "4. a neighbour takes half of each minute" 300 "$BIN" "$WORK/state-busy" "$WORK/busy.txt"
      ;;
    *) echo "unknown case '$name' (1, 2, 3, 4)" >&2 ;;
  esac
done
