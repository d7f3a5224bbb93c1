#!/usr/bin/env bash
# Installs marac under a prefix (issue 19):
#
#   scripts/install.sh [--binary PATH] [PREFIX]          PREFIX defaults to /usr/local
#
#   PREFIX/bin/marac
#   PREFIX/share/marac/themes/*.yaml, agenda-template.csv, samples/
#   PREFIX/share/man/man1/marac.1, marac-<command>.1 …        (committed in docs/man/)
#   PREFIX/share/bash-completion/completions/marac
#   PREFIX/share/zsh/site-functions/_marac
#   PREFIX/share/fish/vendor_completions.d/marac.fish
#
# Without --binary it builds the release binary first (`swift build -c release --product marac`).
# The installed program finds its shared files relative to its own real path, so the prefix can
# be moved or symlinked; nothing it prints names the build folder.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=""
prefix=""
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="${2:?--binary needs a path}"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "install: unknown option $1 (see scripts/install.sh --help)" >&2; exit 64 ;;
    *) [ -z "$prefix" ] || { echo "install: give one PREFIX" >&2; exit 64; }; prefix="$1"; shift ;;
  esac
done
prefix="${prefix:-/usr/local}"

if [ -z "$binary" ]; then
  echo "install: building the release binary"
  swift build -c release --product marac 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]|prohibited flag' || true
  binary="$(swift build -c release --show-bin-path)/marac"
fi
[ -x "$binary" ] || { echo "install: $binary is not an executable (build it first)" >&2; exit 66; }

share="$prefix/share/marac"
install -d -m 0755 "$prefix/bin" "$share/themes" "$share/samples" "$prefix/share/man/man1" \
  "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"

# Written under a temporary name then renamed, so a running marac is never overwritten in place.
install -m 0755 "$binary" "$prefix/bin/.marac.installing"
mv -f "$prefix/bin/.marac.installing" "$prefix/bin/marac"

install -m 0644 Themes/*.yaml "$share/themes/"
install -m 0644 Sources/MaracApp/Resources/agenda-template.csv "$share/agenda-template.csv"
install -m 0644 samples/* "$share/samples/"
install -m 0644 docs/man/*.1 "$prefix/share/man/man1/"

# Completions come from the installed program itself (swift-argument-parser writes them).
"$prefix/bin/marac" --generate-completion-script bash > "$prefix/share/bash-completion/completions/marac"
"$prefix/bin/marac" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_marac"
"$prefix/bin/marac" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/marac.fish"

echo "install: marac installed in $prefix ($("$prefix/bin/marac" --version | head -n 1))"
echo "install: man marac; completions for bash, zsh and fish are in $prefix/share"
