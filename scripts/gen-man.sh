#!/usr/bin/env bash
# Regenerates the man pages in docs/man/ (one for marac and one per subcommand) with
# swift-argument-parser's manual plugin, from the help text in Sources/marac. Works offline once
# the package's dependencies are fetched. Run it after changing a command's options or help;
# HelpTests fails when a page misses an option the command has.
#
#   scripts/gen-man.sh            uses the debug build (builds it if needed)
set -euo pipefail
cd "$(dirname "$0")/.."

# The date in the pages: the last commit's, so regenerating unchanged help changes nothing.
date="$(git log -1 --format=%cs 2>/dev/null || date +%F)"
swift package plugin generate-manual --configuration debug --multi-page --date "$date" 2>&1 \
  | grep -Ev '^\[[0-9]+/[0-9]+\]|prohibited flag' || true
generated=.build/plugins/GenerateManual/outputs/marac
ls "$generated"/*.1 >/dev/null 2>&1 || { echo "gen-man: the plugin wrote no pages in $generated" >&2; exit 1; }
mkdir -p docs/man
rm -f docs/man/*.1
cp "$generated"/*.1 docs/man/
# Pages must not name the machine they were made on.
if grep -l "$PWD" docs/man/*.1 >/dev/null 2>&1; then echo "gen-man: a page names the build folder" >&2; exit 1; fi
echo "gen-man: $(ls docs/man/*.1 | wc -l) pages in docs/man/"
