import Foundation
import MaracTestSupport
import Testing

/// `marac replay` options and its notes file, through the built binary.
@Suite struct ReplayCommandTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples").path

    /// A bad notes file: one line on stderr naming the file, the line and the field; a non-zero
    /// exit; nothing drawn, and the notes file is as it was.
    @Test func aBadNotesFileIsOneLineAndANonZeroExit() throws {
        let dir = try TempFolder()
        let journal = dir.file("vague-actions.jsonl")
        try FileManager.default.copyItem(atPath: Self.samples + "/vague-actions.jsonl", toPath: journal)
        let notes = dir.file("vague-actions.notes.yaml")
        let bad = "notes:\n  - seq: 19\n    pause: yes\n    qestion: \"Rewrite it\"\n"
        try bad.write(toFile: notes, atomically: true, encoding: .utf8)
        try "<Sleep 1m>".write(toFile: dir.file("k.keys"), atomically: true, encoding: .utf8)
        let run = try marac(["replay", journal, "--keys", dir.file("k.keys"), "--dump-screen", dir.file("screen.txt")], home: dir.path)
        #expect(run.status != 0)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("\(notes):4 (qestion): unknown field"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("screen.txt")))
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == bad)
    }

    @Test func pauseAtTakesCommaListsAndRefusesOtherWords() throws {
        let dir = try TempFolder()
        try "<Sleep 1m>".write(toFile: dir.file("k.keys"), atomically: true, encoding: .utf8)
        let good = try marac(["replay", "--sample", "well-run", "--pause-at", "amber,prompt", "--pause-at", "action",
                              "--speed", "240", "--keys", dir.file("k.keys"), "--dump-screen", dir.file("s.txt")], home: dir.path)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try String(contentsOfFile: dir.file("s.txt"), encoding: .utf8).contains("stops: amber prompt action"))
        let bad = try marac(["replay", "--sample", "well-run", "--pause-at", "amber,late"], home: dir.path)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--pause-at 'amber,late': give amber, overrun, prompt or action"), "\(bad.stderr)")
        let fast = try marac(["replay", "--sample", "well-run", "--speed", "241"], home: dir.path)
        #expect(fast.status == 64 && fast.stderr.contains("from 1 to 240"), "\(fast.stderr)")
    }
}
