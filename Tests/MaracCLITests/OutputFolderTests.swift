import Foundation
import MaracTestSupport
import Testing

/// marac makes the file or folder an output names, never a missing folder above it (a typo would
/// hide the journal or the export where nobody looks); marac's own data folder is still made on
/// first use. Run as the real binary (docs/DECISIONS.md, "s4-polish: outputs only where their
/// folder exists").
@Suite("outputs: a missing folder above the output is refused, the data folder is made")
struct OutputFolderTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let samples = repository + "/samples"

    static func agenda(in dir: TempFolder) throws -> String {
        let path = dir.file("agenda.csv")
        try "case_ref,victim,referring_agency,referral_basis\nMC-1,Amira K,Police,actuarial\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func newMeeting(_ agenda: String, _ extra: [String]) -> [String] {
        ["new", "--agenda", agenda, "--date", "01/12/2026", "--area", "Testvale", "--chair", "Ann C"] + extra
    }

    /// The one line every refusal says, for an output `path` whose folder `missing` is not there.
    static func refusal(_ path: String, missing: String, shellWord: String? = nil) -> String {
        "marac: \(path): cannot write here: the folder \(missing) does not exist "
            + "(make it with `mkdir -p \(shellWord ?? missing)`); nothing was written\n"
    }

    @Test("new --out into a folder that does not exist: one line naming it and the mkdir, exit 73, nothing made")
    func newRefusesAMissingFolder() throws {
        let dir = try TempFolder()
        let agenda = try Self.agenda(in: dir)
        let journal = dir.file("meetngs/december/m.jsonl")
        let run = try marac(Self.newMeeting(agenda, ["--out", journal]), home: dir.path)
        #expect(run.status == 73, "\(run.stderr)")
        #expect(run.stderr == Self.refusal(journal, missing: dir.file("meetngs/december")))
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir.file("meetngs")), "a folder was made")

        // A name a shell would split is quoted in the mkdir it suggests.
        let spaced = dir.file("new meetings/m.jsonl")
        let quoted = try marac(Self.newMeeting(agenda, ["--out", spaced]), home: dir.path)
        #expect(quoted.status == 73)
        #expect(quoted.stderr == Self.refusal(spaced, missing: dir.file("new meetings"), shellWord: "'\(dir.file("new meetings"))'"))

        // A file where the folder should be.
        let underFile = try marac(Self.newMeeting(agenda, ["--out", agenda + "/m.jsonl"]), home: dir.path)
        #expect(underFile.status == 73)
        #expect(underFile.stderr == "marac: \(agenda)/m.jsonl: cannot write here: \(agenda) is not a folder; nothing was written\n")
        let deeper = try marac(Self.newMeeting(agenda, ["--out", agenda + "/x/m.jsonl"]), home: dir.path)
        #expect(deeper.status == 73)
        #expect(deeper.stderr == "marac: \(agenda)/x/m.jsonl: cannot write here: a name on the way to \(agenda)/x is a file, not a folder; "
                + "nothing was written\n")

        // Once the folder is there, the same command works.
        try FileManager.default.createDirectory(atPath: dir.file("meetngs/december"), withIntermediateDirectories: true)
        let made = try marac(Self.newMeeting(agenda, ["--out", journal]), home: dir.path)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout == journal + "\n")
    }

    @Test("new without --out still makes the data folder, parents and all, on first use")
    func newMakesTheDataFolder() throws {
        let dir = try TempFolder()
        let agenda = try Self.agenda(in: dir)
        // $HOME/.local/share/marac: none of it exists in a fresh home.
        let byDefault = try marac(Self.newMeeting(agenda, []), home: dir.path)
        #expect(byDefault.status == 0, "\(byDefault.stderr)")
        #expect(byDefault.stdout == dir.file(".local/share/marac/2026-12-01-testvale.jsonl") + "\n")
        #expect(FileManager.default.fileExists(atPath: dir.file(".local/share/marac/2026-12-01-testvale.jsonl")))
        // Said, so a mistyped --data-dir or MARAC_DATA_DIR is seen at once; not said once it is there.
        #expect(byDefault.stderr.contains("marac: made the data folder \(dir.file(".local/share/marac")) (its first journal)\n"), "\(byDefault.stderr)")
        let second = try marac(Self.newMeeting(agenda, ["--date", "08/12/2026"]), home: dir.path)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(!second.stderr.contains("made the data folder"), "\(second.stderr)")
        // MARAC_DATA_DIR naming a folder not made yet.
        let data = dir.file("marac-data/northvale")
        let fromEnvironment = try marac(Self.newMeeting(agenda, []), home: dir.path, environment: ["MARAC_DATA_DIR": data])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        #expect(fromEnvironment.stdout == data + "/2026-12-01-testvale.jsonl\n")
        // And the demo, which a first-time user runs first.
        try "4".write(toFile: dir.file("demo.keys"), atomically: true, encoding: .utf8)
        let demo = try marac(["demo", "--keys", dir.file("demo.keys"), "--dump-screen", dir.file("demo.txt")], home: dir.path)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.file("demo.txt")))
    }

    @Test("export, report, actions list and chase, train --write, demo --dump-screen and --log-dir refuse a missing folder above the output")
    func everyOutputRefusesAMissingFolder() throws {
        let dir = try TempFolder()
        let missing = dir.file("no-such")
        try "4".write(toFile: dir.file("demo.keys"), atomically: true, encoding: .utf8)
        for (args, output) in [
            (["export", Self.samples + "/well-run.jsonl", "--format", "md", "--out", missing + "/minutes"], missing + "/minutes"),
            (["report", Self.samples, "--quarter", "2026Q1", "--out", missing + "/q1.txt"], missing + "/q1.txt"),
            (["actions", Self.samples, "list", "--format", "csv", "--out", missing + "/actions.csv"], missing + "/actions.csv"),
            (["actions", Self.samples, "chase", "--agency", "all", "--by", "Pat C", "--out", missing + "/chasers"], missing + "/chasers"),
            (["train", "well-run", "--write", missing + "/recordings"], missing + "/recordings"),
            (["demo", "--keys", dir.file("demo.keys"), "--dump-screen", missing + "/screen.txt"], missing + "/screen.txt"),
            (["demo", "--keys", dir.file("demo.keys"), "--log-dir", missing + "/logs"], missing + "/logs"),
        ] {
            let run = try marac(args, home: dir.path)
            #expect(run.status == 73, "\(args): \(run.stderr)")
            #expect(run.stderr == Self.refusal(output, missing: missing), "\(args)")
            #expect(!FileManager.default.fileExists(atPath: missing), "\(args): a folder was made")
        }
    }

    @Test("export --out and chase --out make the folder they name when the folder above it exists")
    func aNamedFolderIsMade() throws {
        let dir = try TempFolder()
        let export = try marac(["export", Self.samples + "/well-run.jsonl", "--format", "md", "--out", dir.file("minutes")], home: dir.path)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.hasPrefix(dir.file("minutes/")))
        let chase = try marac(["actions", Self.samples, "chase", "--agency", "all", "--by", "Pat C", "--out", dir.file("chasers")], home: dir.path)
        #expect(chase.status == 0, "\(chase.stderr)")
        #expect(chase.stdout.hasPrefix("wrote \(dir.file("chasers/chaser-"))"), "\(chase.stdout)")
        for folder in ["minutes", "chasers"] {
            let mode = try FileManager.default.attributesOfItem(atPath: dir.file(folder))[.posixPermissions] as? Int
            #expect(mode == 0o700, "\(folder)")
        }
    }
}
