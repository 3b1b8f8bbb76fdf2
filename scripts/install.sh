#!/usr/bin/env bash
# Builds cdn-refresh for hosts without a Swift toolchain and installs it with its man page and shell completions.
#
#   scripts/install.sh [--prefix DIR]        # default /usr/local; run as a user who may write there
#
# The binary is a release build with the Swift standard library and Foundation linked in (--static-swift-stdlib):
# it needs only the system's C and C++ runtime, zlib and SQLite libraries (apt: zlib1g libsqlite3-0). It installs
#   PREFIX/bin/cdn-refresh
#   PREFIX/share/man/man1/cdn-refresh.1 (and one page per subcommand), generated from the command definitions by
#     swift-argument-parser's generate-manual plugin
#   PREFIX/share/bash-completion/completions/cdn-refresh, PREFIX/share/zsh/site-functions/_cdn-refresh,
#   PREFIX/share/fish/vendor_completions.d/cdn-refresh.fish — where each shell looks for completions
set -euo pipefail
cd "$(dirname "$0")/.."

PREFIX=/usr/local
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX=${2:?--prefix needs a directory}; shift 2 ;;
    --prefix=*) PREFIX=${1#--prefix=}; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (use --prefix DIR)" >&2; exit 64 ;;
  esac
done

# The manual first: its plugin builds the tool its own way, into the same release directory.
echo "generating the man pages…" >&2
rm -rf .build/plugins/GenerateManual
swift package --disable-sandbox generate-manual --multi-page >&2
MANUAL_DIR=$(dirname "$(find .build/plugins/GenerateManual -name 'cdn-refresh.1' | head -1)")
[ -f "$MANUAL_DIR/cdn-refresh.1" ] || { echo "install.sh: the man page was not generated" >&2; exit 1; }

echo "building a release binary with the Swift runtime linked in…" >&2
swift build -c release --product cdn-refresh --static-swift-stdlib >&2
BIN="$(swift build -c release --static-swift-stdlib --show-bin-path)/cdn-refresh"

if ldd "$BIN" 2>/dev/null | grep -q 'libswift'; then
  echo "install.sh: $BIN still links a Swift runtime library dynamically" >&2
  exit 1
fi

install -d "$PREFIX/bin" "$PREFIX/share/man/man1" "$PREFIX/share/bash-completion/completions" \
  "$PREFIX/share/zsh/site-functions" "$PREFIX/share/fish/vendor_completions.d"
install -m 0755 -s "$BIN" "$PREFIX/bin/cdn-refresh"
install -m 0644 "$MANUAL_DIR"/*.1 "$PREFIX/share/man/man1/"
"$BIN" --generate-completion-script bash >"$PREFIX/share/bash-completion/completions/cdn-refresh"
"$BIN" --generate-completion-script zsh >"$PREFIX/share/zsh/site-functions/_cdn-refresh"
"$BIN" --generate-completion-script fish >"$PREFIX/share/fish/vendor_completions.d/cdn-refresh.fish"

echo "installed $PREFIX/bin/cdn-refresh, its man pages and bash/zsh/fish completions" >&2
