#!/usr/bin/env bash
# sls: inputs: 1,000,000 URLs counted by the emulator's Simple Log Service (100 pages of 10,000 groups) against the
# same 1,000,000 records read from a local alicdn log (1,000,000 distinct URLs). Both through `plan` with the same
# selection, quota and collapse off. For each: the median wall time of RUNS runs taken in turns (local, sls, local,
# sls, …), the peak RSS of the tool (not of the emulator), and whether both planned the same URLs.
# Goal: sls peak <= 128 MiB, and sls wall <= local wall.
#
#   Benchmarks/sls.sh              # release build, 5 runs each; about 4 minutes (the emulator loads 1M records)
#   RUNS=9 Benchmarks/sls.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-release}
RUNS=${RUNS:-5}
URLS=${URLS:-1000000}
swift build -c "$BUILD" --product cdn-refresh >/dev/null 2>&1
BIN="$(swift build -c "$BUILD" --show-bin-path)/cdn-refresh"
WORK=$(mktemp -d)
trap 'kill "$EMULATOR" 2>/dev/null || true; rm -rf "$WORK"' EXIT

# One GET answered 502 per URL, in the hour that ends at END (UTC): as SLS records, and as an alicdn log.
END=1796558400
python3 - "$WORK" "$URLS" "$END" <<'PY'
import gzip, json, sys, time
work, count, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(f"{work}/records.jsonl", "w") as records, gzip.open(f"{work}/edge.log.gz", "wt", compresslevel=6) as log:
    for index in range(count):
        t = end - 3600 + index * 3600 // count
        uri, param = f"/assets/{index // 1000}/{index}.js", ("v=%d" % (index % 7) if index % 3 == 0 else "-")
        records.write(json.dumps({"__time__": t, "domain": "www.example.com", "scheme": "https", "method": "GET",
                                  "uri": uri, "uri_param": param, "return_code": "502"}) + "\n")
        stamp = time.strftime("%d/%b/%Y:%H:%M:%S +0800", time.gmtime(t + 8 * 3600))
        target = f"https://www.example.com{uri}" + ("" if param == "-" else "?" + param)
        log.write(f'[{stamp}] 203.0.113.9 - 12 "-" "GET {target}" 502 300 1000 MISS "Mozilla/5.0" "text/javascript"\n')
PY

source Benchmarks/emulator.sh
start_emulator --sls-records "$WORK/records.jsonl"

SINCE=$(date -u -d "@$((END - 3600))" +%Y-%m-%dT%H:%M:%SZ)
UNTIL=$(date -u -d "@$END" +%Y-%m-%dT%H:%M:%SZ)
COMMON=(--methods GET --status 500-599 --since "$SINCE" --until "$UNTIL" --quota-urls 2000000 --quota-dirs 100
  --collapse off --no-state --quiet)

# measure NAME INPUT: wall seconds and peak RSS (KiB) of one plan, its report kept as $WORK/NAME.csv.
measure() {
  local name=$1 input=$2
  /usr/bin/time -f "%e %M" -o "$WORK/$name.time" "$BIN" plan "$input" "${COMMON[@]}" --sls-endpoint "$ENDPOINT" \
    --endpoint "$ENDPOINT" --report "$WORK/$name.csv" >/dev/null 2>&1 || true
  cat "$WORK/$name.time"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# The first query groups the million records on the emulator; it is not part of what the tool is measured for.
measure warm sls:cdn-logs/cdn-access >/dev/null
: >"$WORK/local.runs"
: >"$WORK/sls.runs"
for _ in $(seq "$RUNS"); do
  measure local "$WORK/edge.log.gz" >>"$WORK/local.runs"
  measure sls sls:cdn-logs/cdn-access >>"$WORK/sls.runs"
done
local_wall=$(cut -d' ' -f1 "$WORK/local.runs" | median)
sls_wall=$(cut -d' ' -f1 "$WORK/sls.runs" | median)
local_peak=$(cut -d' ' -f2 "$WORK/local.runs" | sort -n | tail -1)
sls_peak=$(cut -d' ' -f2 "$WORK/sls.runs" | sort -n | tail -1)
same=$(cmp -s <(cut -d, -f1 "$WORK/local.csv" | sort) <(cut -d, -f1 "$WORK/sls.csv" | sort) && echo yes || echo no)
echo "sls: $URLS URLs, $BUILD build, median of $RUNS runs in turns"
printf "  local alicdn log   wall %6.2f s   peak %4d MiB\n" "$local_wall" $((local_peak / 1024))
printf "  sls (100 pages)    wall %6.2f s   peak %4d MiB   (%.2f x the local wall)\n" "$sls_wall" \
  $((sls_peak / 1024)) "$(awk -v s="$sls_wall" -v l="$local_wall" 'BEGIN { print s / l }')"
echo "  same URLs planned: $same"
