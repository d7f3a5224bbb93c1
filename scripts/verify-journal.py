#!/usr/bin/env python3
"""Verify a marac journal's lines, hash chain and sequence numbers, from docs/JOURNAL-FORMAT.md alone.

    scripts/verify-journal.py JOURNAL

Written only from the format document (it shares no code with marac), to show that the document is
enough to check a journal independently. It checks what `marac verify` checks without a passphrase:
every line's checksum, the chain, the sequence numbers and the header; for plain journals it also
checks that each event is one object naming a known event kind. It does not fold the meeting.

Exit status, as `marac verify`: 0 intact, or a torn tail (the writer stopped mid-write; recoverable);
2 damaged at a named line, not a marac journal, or written by a newer marac; 66 no such file.

Output: one line. `intact <events> <final hash>`, `torn <bytes> <events> <final hash>`,
`damaged <line> <events before it> <final hash>: <reason>`, or `not-a-journal: <reason>`.
"""
import hashlib
import json
import re
import sys

FORMAT_NAME = "marac-journal"
READS_UP_TO_VERSION = 2
MAX_LINE = 16 * 1024 * 1024   # section 6, condition 8: a longer line is damage
ZERO_HASH = b"0" * 64
HASH_TAIL = re.compile(rb',"h":"([0-9a-f]{64})"\}$')
PREV_FIELD = re.compile(rb',"prev":"([0-9a-f]{64})"$')
HEX = re.compile(rb"^[0-9a-f]{64}$")

# Event kinds (docs/JOURNAL-FORMAT.md, "Events"): version 1's, then version 2's. A version 1 journal
# may hold version 2 kinds too (written by the release before version 2 was declared: section 10).
EVENT_KINDS_V2 = {
    "trackerUpdated", "caseHistoryFound", "earlierHearingDecided", "caseDetailsSet", "noteAmended",
    "noteWithdrawn", "absentOwnerToBeTold", "caseDeferredFrom", "outstandingActionCarriedForward",
    "caseCorrected", "meetingPlanChanged", "aobItemAdded", "nextMeetingSet",
}
EVENT_KINDS = EVENT_KINDS_V2 | {
    "meetingCreated", "caseQueued", "outstandingActionsImported", "meetingStarted", "meetingPaused",
    "meetingResumed", "attendanceRecorded", "attendanceRemoved", "attendeeLeft",
    "confidentialityStatementRead", "outstandingActionReviewed", "caseMoved", "caseDeferred",
    "caseWithdrawn", "discussionStarted", "discussionPaused", "discussionResumed",
    "bonusMinutesGranted", "discussionEnded", "noteAdded", "feedbackAgreed", "promptPassed",
    "actionAgreed", "actionAmended", "actionWithdrawn", "actionStatusUpdated", "meetingClosed",
    "meetingReopened", "undone",
}


class Bad(Exception):
    """The first bad line. `whole` is true when the line's own checksum is good (so it is not torn)."""

    def __init__(self, reason, whole):
        super().__init__(reason)
        self.reason = reason
        self.whole = whole


def own_checksum(line):
    """'good', 'missing' or 'mismatch': does a complete line (no LF) carry the SHA-256 of its own bytes?"""
    m = HASH_TAIL.search(line)
    if m is None:
        return "missing"
    body = line[: m.start()]
    return "good" if hashlib.sha256(body).hexdigest().encode() == m.group(1) else "mismatch"


def check_line(line, number, prev, encrypted):
    """Checks line `number` (1-based) against the previous line's hash; returns its own hash."""
    if len(line) > MAX_LINE:
        raise Bad("the line is longer than any journal line marac writes", True)
    state = own_checksum(line)
    if state == "missing":
        raise Bad("it is not a complete journal line (no checksum at its end)", False)
    if state == "mismatch":
        raise Bad("its checksum does not match its content", False)
    link = PREV_FIELD.search(line[: HASH_TAIL.search(line).start()])
    if link is None or link.group(1) != prev:
        raise Bad("the hash chain is broken: it does not follow the line before", True)
    seq = number - 1
    if not line.startswith(b'{"seq":%d,' % seq):
        raise Bad("its sequence number is not %d" % seq, True)
    try:
        obj = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise Bad("it is not JSON (%s)" % e, True)
    if not isinstance(obj, dict) or obj.get("seq") != seq:
        raise Bad("it is not a JSON object with seq %d" % seq, True)
    if number > 1:
        if not isinstance(obj.get("t"), int) or isinstance(obj.get("t"), bool):
            raise Bad("its time t is not an integer", True)
        if encrypted:
            if not isinstance(obj.get("enc"), str) or "event" in obj:
                raise Bad("an encrypted journal's line has no enc string", True)
        else:
            event = obj.get("event")
            if not isinstance(event, dict) or len(event) != 1:
                raise Bad("its event is not an object with one key", True)
            (kind, payload), = event.items()
            if kind not in EVENT_KINDS:
                raise Bad("its event kind %r is not a known kind" % kind, True)
            if not isinstance(payload, dict):
                raise Bad("its event %s has no object" % kind, True)
    return HASH_TAIL.search(line).group(1), obj


def verify(data):
    """Returns (exit status, output line)."""
    if not data:
        return 2, "not-a-journal: the file is empty"
    offset, number, prev = 0, 0, ZERO_HASH
    events, encrypted, bad, bad_start = 0, False, None, 0
    while offset < len(data):
        nl = data.find(b"\n", offset)
        number += 1
        if nl < 0:
            long = len(data) - offset > MAX_LINE
            bad, bad_start = Bad("the line is incomplete (no line end)", long), offset
            break
        line = data[offset:nl]
        try:
            h, obj = check_line(line, number, prev, encrypted)
        except Bad as e:
            bad, bad_start = e, offset
            break
        if number == 1:
            if obj.get("format") != FORMAT_NAME or not isinstance(obj.get("version"), int):
                return 2, "not-a-journal: its first line is not a marac journal header"
            if obj["version"] > READS_UP_TO_VERSION:
                return 2, "not-a-journal: written by a newer marac (format %d)" % obj["version"]
            encrypted = obj.get("encryption") is not None
        else:
            events += 1
        prev = h
        offset = nl + 1

    if bad is None:
        return 0, "intact %d %s" % (events, prev.decode())
    # Damage, not a torn tail, when: the bad line is whole (its own checksum holds), or any complete
    # line after it has a good checksum of its own (header rule); for event lines, torn means torn:
    # any line feed from the bad line to the end, or a whole line whose line feed was altered.
    rest = data[bad_start:]
    lines_after = rest.split(b"\n")[1:-1]   # complete lines after the bad one
    later_good = any(own_checksum(l) == "good" for l in lines_after)
    altered = b"\n" in rest or (len(rest) > 1 and own_checksum(rest[:-1]) == "good")
    if number == 1:
        if bad.whole or later_good:
            return 2, "damaged 1 0 %s: %s" % (ZERO_HASH.decode(), bad.reason)
        return 2, "not-a-journal: its header line is incomplete or not a header"
    if bad.whole or later_good or altered:
        return 2, "damaged %d %d %s: %s" % (number, events, prev.decode(), bad.reason)
    return 0, "torn %d %d %s" % (len(rest), events, prev.decode())


def main(argv):
    if len(argv) != 2:
        print("usage: verify-journal.py JOURNAL", file=sys.stderr)
        return 2
    try:
        with open(argv[1], "rb") as f:
            data = f.read()
    except FileNotFoundError as e:
        print("not-a-journal: %s" % e)
        return 66
    except OSError as e:
        print("not-a-journal: %s" % e)
        return 2
    status, text = verify(data)
    print(text)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
