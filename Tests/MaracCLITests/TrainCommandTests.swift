import Foundation
import Testing
import MaracTestSupport

/// `marac train NAME --out DIR --trainee NAME --compare`, run as the real binary: the files kept
/// together, the exit message naming each of them, and a second run refusing to replace them.
@Suite struct TrainCommandTests {
    @Test func aMockKeepsItsFilesTogetherAndTheExitMessageNamesThem() throws {
        let dir = try TempFolder()
        try "<Enter>3s<Sleep 4m>nPPassed for the exercise<Enter><Enter>".write(toFile: dir.file("mock.keys"), atomically: true, encoding: .utf8)
        let args = ["train", "well-run", "--keys", dir.file("mock.keys"), "--out", dir.file("sam"), "--trainee", "Sam Lee", "--compare"]
        let run = try marac(args, home: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("TRAINING — MOCK MEETING SCORECARD"))
        #expect(run.stdout.contains("Trainee: Sam Lee"))
        #expect(run.stdout.contains("TRAINING — YOUR RUN BESIDE THE RECORDED RUN"))
        let files = ["well-run-mock.jsonl", "well-run-scorecard.txt", "well-run-scorecard.html", "well-run-compare.txt", "well-run-compare.html"]
            .map { dir.file("sam/" + $0) }
        #expect(run.stdout.hasSuffix("Saved (TRAINING, fictional cases):\n" + files.map { "  " + $0 + "\n" }.joined()), "\(run.stdout)")
        for f in files { #expect(FileManager.default.fileExists(atPath: f), "\(f)") }
        // The journal verifies, and its export says TRAINING.
        #expect(try marac(["verify", files[0]], home: dir.path).status == 0)
        let export = try marac(["export", files[0], "--format", "md", "--out", dir.file("minutes")], home: dir.path)
        #expect(export.status == 0, "\(export.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: dir.file("minutes"))
        let minutes = try String(contentsOfFile: dir.file("minutes/" + (written.first { $0.hasSuffix(".md") } ?? "")), encoding: .utf8)
        #expect(minutes.contains("TRAINING — Marac minutes"))

        let before = try Data(contentsOf: URL(fileURLWithPath: files[1]))
        let again = try marac(args, home: dir.path)
        #expect(again.status == 73)
        #expect(again.stderr == "marac: \(files[0]) already exists: choose another --out folder (nothing was written)\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: files[1])) == before)
    }

    /// The scorecard printed when the mock ends wraps at whole words to the terminal's width
    /// ($COLUMNS here: the output is a pipe), continuation lines indented; the saved .txt files
    /// are wrapped at 80 whatever the terminal.
    @Test func theScorecardPrintedFitsTheTerminalAndTheFilesEightyColumns() throws {
        let dir = try TempFolder()
        try "<Enter>3s<Sleep 4m>nPPassed for the exercise<Enter><Enter>".write(toFile: dir.file("mock.keys"), atomically: true, encoding: .utf8)
        let run = try marac(["train", "well-run", "--keys", dir.file("mock.keys"), "--out", dir.file("sam"), "--compare"],
                            home: dir.path, environment: ["COLUMNS": "64"])
        #expect(run.status == 0, "\(run.stderr)")
        let printed = run.stdout.split(separator: "\n")
        // Only the saved files' paths (never broken, so they can be copied) may be longer.
        for line in printed where !line.hasPrefix("  " + dir.path) { #expect(line.count <= 64, "\(line)") }
        #expect(run.stdout.contains("\n          "))   // a message going on under itself
        for name in ["well-run-scorecard.txt", "well-run-compare.txt"] {
            let lines = try String(contentsOfFile: dir.file("sam/" + name), encoding: .utf8).split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= 80 }, "\(name)")
            #expect(lines.contains { $0.count > 64 }, "\(name) is wrapped at 80, not at the terminal's width")
        }
    }
}
