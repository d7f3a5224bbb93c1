import Testing
import Foundation
@testable import MaracApp
@testable import MaracCore
import MaracExport
import MaracJournal

/// `marac report` over real journal files in a temporary folder.
@Suite("marac report command")
struct ReportCommandTests {
    /// A fresh folder under the system temp folder, removed by the caller.
    func makeFolder() throws -> String {
        let path = NSTemporaryDirectory() + "marac-report-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func write(_ events: [RecordedEvent], to path: String, kind: JournalKind = .meeting, id: String) throws {
        let first = events.first!
        let writer = try JournalWriter.create(path: path, kind: kind, id: id, events: [first.event], at: first.at)
        for r in events.dropFirst() { _ = try writer.append([r.event], at: r.at) }
        writer.close()
    }

    /// The fixture's two meetings, a tracker, a damaged third meeting and an unrelated file.
    func populatedFolder() throws -> String {
        let dir = try makeFolder()
        let meetings = reportFixtureEvents()
        try write(meetings[0], to: dir + "/2026-07-15-test.jsonl", id: "2026-07-15-test")
        try write(meetings[1], to: dir + "/2026-09-16-test.jsonl", id: "2026-09-16-test")
        // Tracker: the 15/07 action is marked done on 20/07.
        let done = Int64(CalendarDate.parse("2026-07-20")!.dayNumber) * 86_400_000
        try write([RecordedEvent(seq: 0, at: done, event: .actionStatusUpdated(actionID: "2026-07-15-1", status: .done, escalated: false, note: "Visit made"))],
                  to: dir + "/tracker.jsonl", kind: .tracker, id: "tracker")
        // A meeting damaged at its third line (the header is line 1).
        var damagedEvents = reportFixtureEvents()[1]
        let aug = CalendarDate.parse("2026-08-19")!
        if case .meetingCreated(var info, let rules) = damagedEvents[0].event {
            info.id = "2026-08-19-test"; info.date = aug
            damagedEvents[0].event = .meetingCreated(info: info, rules: rules)
        }
        let damagedPath = dir + "/2026-08-19-test.jsonl"
        try write(damagedEvents, to: damagedPath, id: "2026-08-19-test")
        var lines = try String(contentsOfFile: damagedPath, encoding: .utf8).components(separatedBy: "\n")
        lines[2] = lines[2].replacingOccurrences(of: "R4", with: "R5")
        try lines.joined(separator: "\n").write(toFile: damagedPath, atomically: false, encoding: .utf8)
        try "not a journal".write(toFile: dir + "/notes.txt", atomically: false, encoding: .utf8)
        return dir
    }

    @Test func csvOverAFolderWithADamagedJournal() throws {
        let dir = try populatedFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let outcome = MaracReportCommand.run(.init(folder: dir, quarter: "2026Q3", format: "csv"))
        #expect(outcome.exitCode == MaracReportCommand.exitIncomplete)
        let rows = outcome.stdout.components(separatedBy: "\r\n")
        #expect(rows[2].hasPrefix("\"INCOMPLETE:"))
        // Still counted: R1 R2 R3 (15/07) + R4 (16/09) = 4; the damaged 19/08 meeting stopped before its case.
        #expect(rows.contains("Cases heard (repeats included),4,,,,"))
        #expect(rows.contains("Repeat cases,1,4,25.0,28–40 %,below"))
        // The tracker's "done" counts: Police owns no action; the 15/07 action (hostile owner) is done.
        #expect(rows.contains { $0.hasPrefix("\"Actions done: <script>") && $0.contains(",1,1,") })
        let damagedLine = outcome.stderr.first { $0.contains("2026-08-19-test.jsonl line 3") }
        #expect(damagedLine != nil, "stderr: \(outcome.stderr)")
        #expect(outcome.stdout.contains("2026-08-19-test.jsonl line 3"))
        #expect(!outcome.stderr.contains { $0.contains("notes.txt") })
    }

    @Test func trackerIsReadAndMeetingsFolded() throws {
        let dir = try populatedFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let loaded = try MaracReportCommand.load(folder: dir)
        #expect(loaded.meetings.count == 3)
        #expect(loaded.tracker?.count == 1)
        #expect(loaded.problems.count == 1 && loaded.problems[0].line == 3 && loaded.problems[0].makesIncomplete)
    }

    @Test func writesAtomicallyWithMode0600() throws {
        let dir = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let meetings = reportFixtureEvents()
        try write(meetings[0], to: dir + "/a.jsonl", id: "2026-07-15-test")
        let out = dir + "/q3.html"
        try "old".write(toFile: out, atomically: false, encoding: .utf8)
        let outcome = MaracReportCommand.run(.init(folder: dir, quarter: "2026q3", format: "html", out: out))
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("wrote \(out)"))
        #expect(outcome.stdout.contains("; 1 meeting, "), "one meeting, not '1 meetings': \(outcome.stdout)")
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.hasPrefix("<!DOCTYPE html>") && written.contains("RESTRICTED when complete (OFFICIAL-SENSITIVE)"))
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // Nothing left behind but the journal and the report (the html file does not count as a journal).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.jsonl", "q3.html"])
    }

    @Test("bad periods are refused before anything is read", arguments: [
        (MaracReportCommand.Request(folder: "/nonexistent", quarter: "2026Q5"), "not a quarter"),
        (MaracReportCommand.Request(folder: "/nonexistent", quarter: "26Q1"), "not a quarter"),
        (MaracReportCommand.Request(folder: "/nonexistent", from: "01/09/2026", to: "01/08/2026"), "starts (01/09/2026) after it ends"),
        (MaracReportCommand.Request(folder: "/nonexistent", from: "31/02/2026", to: "01/03/2026"), "'31/02/2026' is not a date"),
        (MaracReportCommand.Request(folder: "/nonexistent", from: "01/02/2026"), "give both --from and --to"),
        (MaracReportCommand.Request(folder: "/nonexistent"), "say which period"),
        (MaracReportCommand.Request(folder: "/nonexistent", quarter: "2026Q1", from: "01/01/2026", to: "02/01/2026"), "not both"),
        (MaracReportCommand.Request(folder: "/nonexistent", quarter: "2026Q1", format: "pdf"), "not a format"),
        (MaracReportCommand.Request(folder: "/nonexistent", quarter: "2026Q1", minoritisedPopulation: "120"), "between 0 and 100"),
        (MaracReportCommand.Request(folder: "/nonexistent", quarter: "2026Q1", adultFemalePopulation: "lots"), "whole number"),
        (MaracReportCommand.Request(folder: "/nonexistent", quarter: "2026Q1"), "no such folder"),
    ])
    func badArguments(request: MaracReportCommand.Request, expected: String) {
        let outcome = MaracReportCommand.run(request)
        // The exit-status convention (README): 64 a usage error, 66 a missing input.
        #expect(outcome.exitCode == (expected == "no such folder" ? 66 : 64))
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.joined().contains(expected), "\(outcome.stderr)")
    }

    @Test func emptyFolderAndEmptyPeriod() throws {
        let dir = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let empty = MaracReportCommand.run(.init(folder: dir, quarter: "2026Q3"))
        #expect(empty.exitCode == 1 && empty.stderr.joined().contains("has no meeting journals"))

        try write(reportFixtureEvents()[0], to: dir + "/a.jsonl", id: "2026-07-15-test")
        let none = MaracReportCommand.run(.init(folder: dir, quarter: "2025Q1"))
        #expect(none.exitCode == 1)
        #expect(none.stderr.joined().contains("no meetings in 2025Q1"))
        #expect(none.stderr.joined().contains("15/07/2026"))
    }

    @Test func populationOptionsAcceptCommonSpellings() {
        #expect(MaracReportCommand.parsePercent("22.4 %") == 22.4)
        #expect(MaracReportCommand.parseCount("150,000") == 150_000)
        #expect(MaracReportCommand.parseCount("-5") == nil)
    }

    @Test func aTornLastLineIsANoteNotIncomplete() throws {
        let dir = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/a.jsonl"
        try write(reportFixtureEvents()[0], to: path, id: "2026-07-15-test")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"seq\":99,\"at".utf8))  // the writer died mid-line
        handle.closeFile()
        let outcome = MaracReportCommand.run(.init(folder: dir, quarter: "2026Q3", format: "text"))
        #expect(outcome.exitCode == 0)
        #expect(!outcome.stdout.contains("INCOMPLETE"))
        #expect(outcome.stdout.contains("Cases heard (repeats included)         3"))
        #expect(outcome.stderr.contains { $0.contains("a.jsonl line") && $0.contains("last line is incomplete") })
    }

    @Test func copiesOfOneMeetingCountOnce() throws {
        let dir = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let events = reportFixtureEvents()[0]
        try write(events, to: dir + "/a.jsonl", id: "2026-07-15-test")
        try write(events, to: dir + "/copy.jsonl", id: "2026-07-15-test")
        let outcome = MaracReportCommand.run(.init(folder: dir, quarter: "2026Q3", format: "csv"))
        #expect(outcome.exitCode == 0)  // a duplicate is a note, not damage
        #expect(outcome.stdout.contains("Cases heard (repeats included),3,,,,"))
        #expect(outcome.stderr.contains { $0.contains("same meeting") })
    }
}
