import MaracTestSupport
import Foundation
import Logging
@testable import MaracApp
import MaracCore
import MaracJournal
import MaracUI
import Testing

/// A journal damaged part-way (one altered byte) is shown for what it is: the meeting as it stood
/// before the damage, frozen there and marked on every screen, never a meeting that looks live;
/// and a tracker command that finds nothing says the folder was not read in full.
@Suite("A damaged journal is never shown as a live meeting")
struct DamagedJournalTests {
    /// A meeting with a discussion under way and Police's action, then one byte of that action's
    /// line altered: everything from that line on is not used.
    static func damagedMeeting(in dir: TempFolder) throws -> String {
        let journal = try HardeningFileTests.meeting(in: dir, owners: ["Police", "Housing"])
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: journal)))
        let text = String(decoding: bytes, as: UTF8.self)
        let at = try #require(text.range(of: "Action for Police"))
        bytes[text.utf8.distance(from: text.utf8.startIndex, to: at.lowerBound)] = UInt8(ascii: "B")
        try Data(bytes).write(to: URL(fileURLWithPath: journal))
        return journal
    }

    @Test("the clock stands still at the last good event, and every screen says DAMAGED")
    func frozenAndMarked() throws {
        let dir = try TempFolder()
        let journal = try Self.damagedMeeting(in: dir)
        let session = try MeetingSession(path: journal, passphrase: nil, logger: Logger(label: "test"))
        #expect(session.isReadOnly)
        // Half an hour passes with the meeting on screen: no timer may run on.
        try write("<Sleep 30m>3", to: dir.file("agenda.keys"))
        let agenda = try #require(try session.run(options: .init(keysFile: dir.file("agenda.keys"), size: Size(cols: 80, rows: 24))))
        let lines = agenda.lines()
        #expect(lines[0].contains("DAMAGED — READ-ONLY"), "\(lines[0])")
        #expect(!agenda.text.contains("30:00") && !agenda.text.contains("▲"), "a timer ran on:\n\(lines.joined(separator: "\n"))")
        try write("5", to: dir.file("summary.keys"))
        let summary = try #require(try MeetingSession(path: journal, passphrase: nil, logger: Logger(label: "test"))
            .run(options: .init(keysFile: dir.file("summary.keys"), size: Size(cols: 80, rows: 24))))
        #expect(summary.lines()[0].contains("DAMAGED — READ-ONLY"), "\(summary.lines()[0])")
    }

    @Test("a chaser that finds nothing for an agency says a journal was not read in full")
    func chaseSaysItMayBeIncomplete() throws {
        let dir = try TempFolder()
        _ = try Self.damagedMeeting(in: dir)
        do {
            _ = try Chasers.write(.init(folder: dir.path, agency: "Housing", format: "csv", out: dir.path))
            Issue.record("Housing's action is after the damage: there should be nothing to chase")
        } catch {
            #expect(error.message.contains("not read in full, so this may be incomplete"), "\(error.message)")
            #expect(error.message.contains("meeting.jsonl"), "\(error.message)")
        }
    }
}
