import MaracTestSupport
import Foundation
import MaracCore
import MaracJournal
import Testing

/// Actions tracked between meetings reach the next meeting's opening review (issue: action tracking).
@Suite struct NextMeetingReviewTests {
    @Test func openActionsFromAnEarlierMeetingAreReviewedAtTheNext() throws {
        let dir = try TempFolder()
        // Meeting 1: a recorded sample meeting with 14 actions (03/03/2026).
        let first = try run(Binary.marac, ["train", "well-run", "--write", dir.path]).trimmingCharacters(in: .whitespacesAndNewlines)
        let agreed = MeetingState.fold(try JournalReader.read(path: first).events).actions
        #expect(agreed.count == 14)

        // Between meetings, through the tracker: one done; one not done by the agency and escalated
        // to the steering group (that closes it as 'not done': it goes to governance, not back on the list).
        try run(Binary.marac, ["actions", dir.path, "done", agreed[0].id, "--note", "Disclosure made on 05/03"])
        try run(Binary.marac, ["actions", dir.path, "escalate", agreed[1].id, "--note", "No marker placed; no reply"])
        let listed = try run(Binary.marac, ["actions", dir.path, "list"])
        #expect(!listed.contains(agreed[0].id + " "))

        // Meeting 2 in the same folder, a fortnight later.
        try run(Binary.marac, ["new", "--print-template"]).write(toFile: dir.file("agenda.csv"), atomically: true, encoding: .utf8)
        let second = dir.file("2026-03-17-northvale.jsonl")
        try run(Binary.marac, ["new", "--agenda", dir.file("agenda.csv"), "--date", "17/03/2026", "--area", "Northvale",
                               "--chair", "DI Rowan Pike", "--out", second])
        try "2".write(toFile: dir.file("review.keys"), atomically: true, encoding: .utf8)
        try run(Binary.marac, ["run", second, "--keys", dir.file("review.keys"), "--dump-screen", dir.file("screen.txt"),
                               "--size", "120x40", "--data-dir", dir.path])

        // Exactly the 12 still open are imported...
        let state = MeetingState.fold(try JournalReader.read(path: second).events)
        #expect(Set(state.outstanding.map(\.id)) == Set(agreed.dropFirst(2).map(\.id)))
        // ...and the review screen shows them.
        let screen = try String(contentsOfFile: dir.file("screen.txt"), encoding: .utf8)
        #expect(screen.contains("Review"))
        #expect(screen.contains(agreed[2].text.prefix(25)))
        #expect(!screen.contains(agreed[0].text.prefix(25)))

        // Running it again does not import them twice.
        try run(Binary.marac, ["run", second, "--keys", dir.file("review.keys"), "--data-dir", dir.path])
        let again = try JournalReader.read(path: second).events.filter {
            if case .outstandingActionsImported = $0.event { return true } else { return false }
        }
        #expect(again.count == 1)

        // The journal was made and opened early; the tracker then closes one of the twelve. Opened
        // again before the meeting starts, the review no longer lists it (it would have been reviewed
        // a second time, and "not done" there would have escalated an action already done).
        try run(Binary.marac, ["actions", dir.path, "done", agreed[2].id, "--note", "Visit made on 10/03"])
        try "".write(toFile: dir.file("none.keys"), atomically: true, encoding: .utf8)
        try run(Binary.marac, ["run", second, "--keys", dir.file("none.keys"), "--dump-screen", dir.file("reopened.txt"),
                               "--size", "160x40", "--data-dir", dir.path])
        let reread = MeetingState.fold(try JournalReader.read(path: second).events)
        #expect(Set(reread.outstanding.map(\.id)) == Set(agreed.dropFirst(3).map(\.id)))
        let told = try String(contentsOfFile: dir.file("reopened.txt"), encoding: .utf8)
        #expect(told.contains("The open actions from earlier meetings were read again; closed since: 03/03 #\(agreed[2].id.split(separator: "-").last!)"), "\(told)")
        try run(Binary.marac, ["run", second, "--keys", dir.file("review.keys"), "--dump-screen", dir.file("screen.txt"),
                               "--size", "120x40", "--data-dir", dir.path])
        let review = try String(contentsOfFile: dir.file("screen.txt"), encoding: .utf8)
        #expect(!review.contains(agreed[2].text.prefix(25)))
        #expect(review.contains(agreed[3].text.prefix(25)))
        // Nothing changed since: nothing more is written.
        let imports = try JournalReader.read(path: second).events.filter {
            if case .outstandingActionsImported = $0.event { return true } else { return false }
        }
        #expect(imports.count == 2)
    }
}

@Suite struct WrongJournalTests {
    @Test func runAndReplayRefuseTheActionTracker() throws {
        let dir = try TempFolder()
        let first = try run(Binary.marac, ["train", "well-run", "--write", dir.path]).trimmingCharacters(in: .whitespacesAndNewlines)
        let id = MeetingState.fold(try JournalReader.read(path: first).events).actions[0].id
        try run(Binary.marac, ["actions", dir.path, "done", id, "--note", "Done"])
        let tracker = dir.file("tracker.jsonl")
        let before = try Data(contentsOf: URL(fileURLWithPath: tracker))
        try "<Enter>c".write(toFile: dir.file("k.keys"), atomically: true, encoding: .utf8)
        for args in [["run", tracker, "--keys", dir.file("k.keys")], ["replay", tracker, "--keys", dir.file("k.keys")]] {
            #expect(throws: E2EFailure.self) { try run(Binary.marac, args) }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: tracker)) == before, "the tracker was written to")
    }
}
