import Foundation
import MaracCore
import MaracJournal
import MaracTestSupport
import Testing

/// Correcting a case after the meeting (`marac correct`), from the user's side (issue 15, item 6):
/// the minutes and the data return use the corrected value, the journal keeps both.
@Suite("marac correct", .serialized)
struct CorrectionTests {
    /// The counts of the per-meeting row of the text report for `date` (Case, Rpt, Chn, Male, Min, …).
    func perMeeting(_ report: String, _ date: String) throws -> [Int] {
        let row = try #require(report.split(separator: "\n").first { $0.hasPrefix(date) }, "\(report)")
        return row.split(separator: " ").dropFirst().compactMap { Int($0) }
    }

    func minutes(_ journal: String, _ dir: TempFolder, _ name: String) throws -> String {
        let out = dir.file(name)
        try run(Binary.marac, ["export", journal, "--format", "md", "--out", out])
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasSuffix(".md") })
        return try String(contentsOfFile: out + "/" + file, encoding: .utf8)
    }

    @Test func aCorrectionAfterTheMeetingChangesTheMinutesAndTheReturnAndKeepsTheOriginal() throws {
        let dir = try TempFolder()
        // A closed meeting (17/03/2026): NV-3203's ethnicity was left blank, NV-3204's DASH typed as 9.
        let journal = try run(Binary.marac, ["train", "historical-overrun", "--write", dir.path]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(MeetingState.fold(try JournalReader.read(path: journal).events).isClosed)
        let before = try run(Binary.marac, ["report", dir.path, "--quarter", "2026Q1"])
        let counts = try perMeeting(before, "17/03/2026")
        #expect(counts[0] == 4 && counts[4] == 1, "cases heard, minoritised: \(counts)")
        let minutesBefore = try minutes(journal, dir, "before")
        #expect(!minutesBefore.contains("Corrected"))

        let said = try run(Binary.marac, ["correct", journal, "NV-3203", "minoritised", "yes", "--reason", "Idva confirmed with the victim"])
        #expect(said.contains("NV-3203 Black, Asian or racially minoritised: not known → yes (Idva confirmed with the victim), recorded after the meeting's close"), "\(said)")
        try run(Binary.marac, ["correct", journal, "nv-3204", "dash", "12", "--reason", "referral form mistyped"])

        // The data return counts the corrected value.
        let after = try run(Binary.marac, ["report", dir.path, "--quarter", "2026Q1"])
        #expect(try perMeeting(after, "17/03/2026")[4] == 2, "\(after)")
        // The minutes use it and say what was corrected, when and why.
        let text = try minutes(journal, dir, "after")
        #expect(text.contains("DASH score: 9 → 12 (referral form mistyped; corrected after the meeting on"), "\(text)")
        #expect(text.contains("Black, Asian or racially minoritised: not known → yes (Idva confirmed with the victim"), "\(text)")
        let nv3204 = try #require(text.components(separatedBy: "NV-3204 — ").dropFirst().first, "\(text)")
        #expect(nv3204.contains("**DASH:** 12 of 24"), "the corrected score: \(nv3204)")
        #expect(!text.contains("**DASH:** 9 of 24"), "the old score: \(text)")
        #expect(minutesBefore.contains("**DASH:** 9 of 24"))

        // The journal keeps both: the agenda's line as it was, and the correction as a new line.
        let lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0.contains("\"caseQueued\"") && $0.contains("NV-3204") && $0.contains("\"dashScore\":9") })
        #expect(lines.last?.contains("\"caseCorrected\"") == true && lines.last?.contains("\"value\":\"12\"") == true)
        try run(Binary.marac, ["verify", journal])
        let state = MeetingState.fold(try JournalReader.read(path: journal).events)
        #expect(state.cases["NV-3204"]?.corrections.map { [$0.from, $0.to] } == [["9", "12"]])
        #expect(state.isClosed, "a correction does not reopen the meeting")
    }

    @Test func aCorrectionInTheMeetingFromTheCaseScreen() throws {
        let dir = try TempFolder()
        try run(Binary.marac, ["new", "--print-template"]).write(toFile: dir.file("agenda.csv"), atomically: true, encoding: .utf8)
        let journal = dir.file("m.jsonl")
        try run(Binary.marac, ["new", "--agenda", dir.file("agenda.csv"), "--date", "01/12/2026", "--area", "Northvale",
                               "--chair", "Ann C", "--out", journal])
        let first = try #require(MeetingState.fold(try JournalReader.read(path: journal).events).orderedCases.first)
        let oldDash = try #require(first.agenda.dashScore)
        let newDash = oldDash == 20 ? 21 : 20
        // The case screen: F, the field by its start, then the value (typed over the current one) and why.
        try "4Fdash<Enter>\(newDash)<Tab>DASH recounted with the Idva<Enter>".write(toFile: dir.file("k.keys"), atomically: true, encoding: .utf8)
        try run(Binary.marac, ["run", journal, "--keys", dir.file("k.keys"), "--dump-screen", dir.file("s.txt"), "--size", "120x40",
                               "--data-dir", dir.path])
        let screen = try String(contentsOfFile: dir.file("s.txt"), encoding: .utf8)
        #expect(screen.contains("DASH score of \(first.ref) corrected to \(newDash) (recorded)"), "\(screen)")
        #expect(screen.contains("corrected: DASH score"), "the case screen says so: \(screen)")
        #expect(screen.contains("DASH \(newDash)/24"), "\(screen)")
        let text = try minutes(journal, dir, "out")
        #expect(text.contains("DASH score: \(oldDash) → \(newDash) (DASH recounted with the Idva)"), "\(text)")
    }

    @Test func aBadCorrectionIsOneLineAndWritesNothing() throws {
        let dir = try TempFolder()
        let journal = try run(Binary.marac, ["train", "historical-overrun", "--write", dir.path]).trimmingCharacters(in: .whitespacesAndNewlines)
        let original = try Data(contentsOf: URL(fileURLWithPath: journal))
        let cases: [([String], String)] = [
            (["NV-3204", "dash_score", "31"], "'31' is not a value for dash score: give 0–24"),
            (["NV-9999", "dash_score", "12"], "no case"),
            (["NV-3204", "shoe_size", "12"], "is not a case field"),
            (["NV-3204", "dash_score", "9"], "already 9: nothing to correct"),
        ]
        for (args, message) in cases {
            let r = try finish(try spawn(Binary.marac, ["correct", journal] + args + ["--reason", "test"]))
            #expect(r.status == 64, "\(args): \(r.err)")
            #expect(r.err.contains(message) && r.err.split(separator: "\n").count == 1, "\(args): \(r.err)")
        }
        let noReason = try finish(try spawn(Binary.marac, ["correct", journal, "NV-3204", "dash_score", "12", "--reason", " "]))
        #expect(noReason.status == 64 && noReason.err.contains("a reason is required"), "\(noReason.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: journal)) == original, "the journal was written to")
    }
}
