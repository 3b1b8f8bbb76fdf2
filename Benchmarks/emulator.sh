# Sourced by the benchmark scripts: start_emulator ARGS… starts `$BIN emulator --port 0 ARGS…` in the background
# (its output in $WORK), waits until it listens, and sets EMULATOR (its pid), ENDPOINT and the exported
# ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET the tool signs with. The caller's EXIT trap kills $EMULATOR.
start_emulator() {
  "$BIN" emulator --port 0 "$@" >"$WORK/emulator.out" 2>"$WORK/emulator.err" &
  EMULATOR=$!
  # Up to 5 minutes: an emulator given a million SLS records loads them before it listens.
  for _ in $(seq 3000); do
    grep -q '^listening on ' "$WORK/emulator.out" 2>/dev/null && break
    kill -0 "$EMULATOR" 2>/dev/null || break
    sleep 0.1
  done
  ENDPOINT=$(head -1 "$WORK/emulator.out" | sed 's/^listening on //')
  export ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET
  ALIBABA_CLOUD_ACCESS_KEY_ID=$(sed -n 's/^access key id: //p' "$WORK/emulator.out")
  ALIBABA_CLOUD_ACCESS_KEY_SECRET=$(sed -n 's/^access key secret: //p' "$WORK/emulator.out")
}
