#!/usr/bin/env bash
# Fuzzes the journal reader and the agenda importer with libFuzzer for a bounded time (issue 7).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]      default 60
#
# Each target is built with `--sanitize fuzzer -DFUZZING` in its own scratch folder (.build-fuzz),
# so the normal build is left alone, then run from a copy of the committed corpus (Fuzz/corpus/…).
# A crash makes libFuzzer write the input to Fuzz/crashes/<target>-crash-…: this script then fails
# and names it. Commit that input under Tests/MaracSecurityTests/Regressions/<journal|agenda>/ and
# fix the bug; FuzzRegressionTests replays every file there on each `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
scratch=.build-fuzz
mkdir -p "$scratch" Fuzz/crashes
# Reuse the dependencies already fetched for the normal build (no network needed).
if [ -d .build/checkouts ] && [ ! -d "$scratch/checkouts" ]; then
  cp -a .build/checkouts .build/repositories "$scratch"/ 2>/dev/null || true
  cp .build/workspace-state.json "$scratch"/ 2>/dev/null || true
fi

status=0
for pair in "fuzz-journal:journal" "fuzz-agenda:agenda"; do
  product="${pair%%:*}"; corpus="${pair##*:}"
  echo "fuzz: building $product with libFuzzer"
  swift build -c debug --sanitize fuzzer -Xswiftc -DFUZZING --product "$product" --scratch-path "$scratch" 2>&1 \
    | grep -Ev '^\[[0-9]+/[0-9]+\]|prohibited flag' || true
  binary="$scratch/debug/$product"
  [ -x "$binary" ] || { echo "fuzz: $product did not build"; exit 2; }
  work="$(mktemp -d)"
  cp Fuzz/corpus/"$corpus"/* "$work"/
  echo "fuzz: running $product for ${seconds}s"
  if ! "$binary" "$work" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="Fuzz/crashes/$product-" -print_final_stats=1 2> "$work.log"; then
    status=1
    tail -n 30 "$work.log"
    echo "fuzz: $product FOUND A CRASH: $(ls -t Fuzz/crashes/"$product"-* | head -n1)"
  else
    grep -E 'stat::number_of_executed_units|Done [0-9]+ runs' "$work.log" | tail -n 2 || true
  fi
  rm -rf "$work" "$work.log"
done
exit $status
