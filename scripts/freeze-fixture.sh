#!/bin/sh
# Freezes a new journal fixture in Tests/Fixtures/journal-vN/ (docs/JOURNAL-FORMAT.md, section 11),
# with its .expected summary beside it. Never writes over an existing fixture.
#
#   scripts/freeze-fixture.sh KIND EVENTS.jsonl           kind-NN-KIND.jsonl (numbered on)
#   scripts/freeze-fixture.sh --name NAME EVENTS.jsonl    NAME.jsonl
# Options (before the events file): --tracker, --passphrase P, --version N (the header's),
#   --folder-version N (which journal-vN folder; default the newest format).
# EVENTS.jsonl: one event per line, as a journal line's "event" member, e.g.
#   {"noteWithdrawn":{"caseRef":"MC-2001","noteSeq":6,"reason":"Recorded against the wrong case"}}
# Unless the first event is meetingCreated they follow the standard opening (seq 1-5), so the
# first event given is seq 6.
set -eu
usage() { echo "usage: scripts/freeze-fixture.sh [--tracker] [--passphrase P] [--version N] [--folder-version N] (KIND | --name NAME) EVENTS.jsonl" >&2; exit 64; }
unset MARAC_FREEZE_NAME MARAC_FREEZE_KIND MARAC_FREEZE_TRACKER MARAC_FREEZE_PASSPHRASE MARAC_FREEZE_VERSION MARAC_FREEZE_FOLDER_VERSION || true
while [ $# -gt 1 ]; do
    case "$1" in
        --name) MARAC_FREEZE_NAME=$2; export MARAC_FREEZE_NAME; shift 2 ;;
        --tracker) MARAC_FREEZE_TRACKER=1; export MARAC_FREEZE_TRACKER; shift ;;
        --passphrase) MARAC_FREEZE_PASSPHRASE=$2; export MARAC_FREEZE_PASSPHRASE; shift 2 ;;
        --version) MARAC_FREEZE_VERSION=$2; export MARAC_FREEZE_VERSION; shift 2 ;;
        --folder-version) MARAC_FREEZE_FOLDER_VERSION=$2; export MARAC_FREEZE_FOLDER_VERSION; shift 2 ;;
        -*) usage ;;
        *) [ -z "${MARAC_FREEZE_NAME:-}" ] && [ -z "${MARAC_FREEZE_KIND:-}" ] || usage
           MARAC_FREEZE_KIND=$1; export MARAC_FREEZE_KIND; shift ;;
    esac
done
[ $# -eq 1 ] || usage
[ -n "${MARAC_FREEZE_NAME:-}${MARAC_FREEZE_KIND:-}" ] || usage
[ -f "$1" ] || { echo "$1: no such file" >&2; exit 66; }
MARAC_FREEZE_EVENTS=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); export MARAC_FREEZE_EVENTS
cd "$(dirname "$0")/.."
swift build --build-tests >/dev/null
swift test --skip-build --filter 'FixtureFreezer' 2>&1 | grep -v '^\[' 
