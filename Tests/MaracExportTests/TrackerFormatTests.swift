import Foundation
import MaracApp
import MaracCore
import MaracJournal
import Testing

/// A folder whose `tracker.jsonl` was made by an earlier marac in journal format 1: updates (a
/// format 2 kind) carry on in `tracker-2.jsonl`, the old tracker is left byte for byte, and both
/// are read (docs/JOURNAL-FORMAT.md, "Continuing a version 1 journal").
@Suite("Action tracker: a format 1 tracker.jsonl carries on in tracker-2.jsonl")
struct TrackerFormatTests {
    let dir = TempFolder()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    @Test("an update in a folder with a format 1 tracker is recorded, in tracker-2.jsonl, and the old tracker is untouched")
    func format1TrackerCarriesOn() throws {
        try writeJournal(dir.file("2026-12-01-northvale.jsonl"), id: "2026-12-01-northvale", TwoMeetings.meetingOne)
        try FileManager.default.copyItem(atPath: Self.fixtures + "/journal-v1/tracker.jsonl", toPath: dir.file("tracker.jsonl"))
        let before = FileManager.default.contents(atPath: dir.file("tracker.jsonl"))
        #expect(ActionFolder.trackerPathForWriting(folder: dir.path) == dir.file("tracker-2.jsonl"))

        let done = try ActionTracker.record(.done, actionID: "20261201-1", note: "Appointment held", folder: dir.path,
                                            now: TrackerUpdateTests.typedOn)
        #expect(done.status == .done)
        #expect(FileManager.default.contents(atPath: dir.file("tracker.jsonl")) == before, "the format 1 tracker is never written again")
        let second = try JournalReader.read(path: dir.file("tracker-2.jsonl"))
        #expect(second.header.version == JournalHeader.currentVersion)
        #expect(second.header.kind == .tracker && second.header.id == "tracker-2")
        #expect(second.events.count == 1)

        // Read back with the folder: the update counts, and neither tracker is called a copy of the other.
        let folder = try ActionFolder.load(folder: dir.path)
        #expect(folder.action("20261201-1")?.status == .done)
        #expect(folder.problems.isEmpty, "\(folder.problems)")

        // The next update goes to the same continuation.
        _ = try ActionTracker.record(.done, actionID: "20261201-2", note: "Done", folder: dir.path, now: TrackerUpdateTests.typedOn + 1)
        #expect(try JournalReader.read(path: dir.file("tracker-2.jsonl")).events.count == 2)
    }

    @Test("a folder with no tracker, or a format 2 one, writes tracker.jsonl as before")
    func newTrackerIsTrackerJsonl() throws {
        try writeJournal(dir.file("2026-12-01-northvale.jsonl"), id: "2026-12-01-northvale", TwoMeetings.meetingOne)
        _ = try ActionTracker.record(.done, actionID: "20261201-1", note: "Held", folder: dir.path, now: TrackerUpdateTests.typedOn)
        let first = try JournalReader.read(path: dir.file("tracker.jsonl"))
        #expect(first.header.id == "tracker" && first.header.version == JournalHeader.currentVersion)
        #expect(!FileManager.default.fileExists(atPath: dir.file("tracker-2.jsonl")))
        #expect(ActionFolder.trackerPathForWriting(folder: dir.path) == dir.file("tracker.jsonl"))
    }
}
