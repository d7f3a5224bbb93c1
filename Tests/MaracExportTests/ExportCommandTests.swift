import Foundation
import MaracApp
import MaracCore
import MaracJournal
import Testing
@testable import MaracExport

@Suite("marac export")
struct ExportCommandTests {
    let dir = TempFolder()
    var journal: String { dir.file("2026-12-01-harbourside.jsonl") }

    init() throws { try writeJournal(journal, id: Fixture.info.id, Fixture.events) }

    @Test("each format is written whole, mode 0600, into a new folder made mode 0700, with the journal's real hash",
          arguments: ExportFormat.allCases)
    func writesEachFormat(format: ExportFormat) throws {
        // The folder above the output must exist (export makes only the one it is given).
        try FileManager.default.createDirectory(atPath: dir.file("out"), withIntermediateDirectories: false)
        let out = dir.file("out/minutes")
        let outcome = try ExportMinutes.run(.init(journalPath: journal, format: format, outDir: out, environment: [:]), now: Fixture.generatedAt)
        #expect(outcome.written.count == 1)
        let path = try #require(outcome.written.first)
        #expect(mode(of: out) == 0o700)
        #expect(mode(of: path) == 0o600)
        let contents = try JournalReader.read(path: journal)
        let facts = JournalFacts(fileName: "2026-12-01-harbourside.jsonl", finalHash: contents.finalHash, verified: true, condition: "intact")
        let zone = DocumentTime.zone(named: "Europe/London", around: Fixture.generatedAt)
        let expected = Exporter.minutes(Minutes(state: MeetingState.fold(contents.events), journal: facts, now: Fixture.generatedAt, zone: zone),
                                        format: format, options: ExportOptions())
        #expect(path == out + "/" + expected.fileName)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == (try ExportMinutes.bytes(of: expected)))
        #expect(outcome.warnings.isEmpty)
        if format != .csv && format != .xlsx { #expect(expected.contents.contains(contents.finalHash)) }
        // Nothing else is left in the folder (no temporary files).
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == [expected.fileName])
    }

    @Test("--agency all writes one pack per agency with actions; names match in any case")
    func packs() throws {
        let out = dir.file("packs")
        let all = try ExportMinutes.run(.init(journalPath: journal, format: .csv, outDir: out, agency: "ALL"), now: Fixture.generatedAt)
        #expect(all.written.map { URL(fileURLWithPath: $0).lastPathComponent } == [
            "2026-12-01-harbourside-actions-police.csv", "2026-12-01-harbourside-actions-children-s-social-care.csv",
            "2026-12-01-harbourside-actions-housing.csv", "2026-12-01-harbourside-actions-idva.csv",
            "2026-12-01-harbourside-actions-probation.csv",
        ])
        let one = try ExportMinutes.run(.init(journalPath: journal, format: .md, outDir: out, agency: "pRoBaTiOn"), now: Fixture.generatedAt)
        let text = try String(contentsOfFile: try #require(one.written.first), encoding: .utf8)
        #expect(text.contains("Check the perpetrator's licence conditions"))
        #expect(!text.contains("Sanctuary"))
    }

    @Test("an unknown agency is an error naming the agencies in the meeting, and nothing is written")
    func unknownAgency() {
        let out = dir.file("none")
        do {
            _ = try ExportMinutes.run(.init(journalPath: journal, format: .md, outDir: out, agency: "Fire Service"))
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("no agency called 'Fire Service'"))
            #expect(error.message.contains("Police, Children's Social Care, Housing, Idva, Probation"))
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("an export interrupted between write and rename leaves no partial file and keeps the old export",
          arguments: [FailingFileIO.Step.write, .fsync, .rename])
    func interrupted(step: FailingFileIO.Step) throws {
        let out = dir.file("exports")
        let first = try ExportMinutes.run(.init(journalPath: journal, format: .html, outDir: out), now: Fixture.generatedAt)
        let path = try #require(first.written.first)
        let before = try String(contentsOfFile: path, encoding: .utf8)
        do {
            _ = try ExportMinutes.run(.init(journalPath: journal, format: .html, outDir: out), now: Fixture.generatedAt + 60_000,
                                      fileIO: FailingFileIO(failing: step))
            Issue.record("expected the export to fail")
        } catch {
            #expect(error.message.contains("nothing was written"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == [URL(fileURLWithPath: path).lastPathComponent])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    }

    @Test("a first export interrupted mid-write leaves the folder empty")
    func interruptedFirstWrite() throws {
        let out = dir.file("fresh")
        #expect(throws: CommandFailure.self) {
            try ExportMinutes.run(.init(journalPath: journal, format: .json, outDir: out), fileIO: FailingFileIO(failing: .write))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
    }

    @Test("a journal damaged in the middle is still exported, marked NOT verified, with a warning naming the line")
    func damagedJournal() throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: journal))
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let offset = lines.prefix(10).reduce(0) { $0 + $1.count + 1 } + 20   // inside line 11
        bytes[offset] = bytes[offset] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        try bytes.write(to: URL(fileURLWithPath: journal))
        let outcome = try ExportMinutes.run(.init(journalPath: journal, format: .md, outDir: dir.file("d")), now: Fixture.generatedAt)
        #expect(outcome.warnings.contains { $0.contains("line 11 is damaged") })
        let text = try String(contentsOfFile: try #require(outcome.written.first), encoding: .utf8)
        #expect(text.contains("**Verified:** NO — damaged at line 11"))
    }

    @Test("the tracker journal is not a meeting: a clear error")
    func trackerIsNotAMeeting() throws {
        let tracker = dir.file("tracker.jsonl")
        try writeJournal(tracker, kind: .tracker, id: "tracker", [RecordedEvent(seq: 0, at: 0, event: .actionStatusUpdated(
            actionID: "20261201-1", status: .done, escalated: false, note: "x"))])
        do {
            _ = try ExportMinutes.run(.init(journalPath: tracker, format: .md, outDir: dir.file("t")))
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("is the action tracker, not a meeting journal"))
        }
    }

    @Test("a missing journal is an error naming the file")
    func missingJournal() {
        do {
            _ = try ExportMinutes.run(.init(journalPath: dir.file("nope.jsonl"), format: .md, outDir: dir.file("t")))
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("nope.jsonl"))
            #expect(error.exitCode == 66)
        }
    }
}
