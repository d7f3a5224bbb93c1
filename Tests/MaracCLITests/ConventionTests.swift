import Foundation
import MaracApp
import MaracJournal
import MaracTestSupport
import Testing

/// Issue 19 from the user's side: `--version`, one error shape (`marac: <what>: <why>`) and one
/// exit-status convention across commands, and `verify --format json`.
@Suite("conventions: --version, errors, exit status, verify --format json")
struct ConventionTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let samples = repository + "/samples"

    @Test("--version names the program's version and the journal format it writes and reads")
    func version() throws {
        let dir = try TempFolder()
        let run = try marac(["--version"], home: dir.path)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("marac \(MaracVersion.program)\n"))
        #expect(run.stdout.contains("journal format: writes version \(JournalHeader.currentVersion), reads versions 1 to \(JournalHeader.currentVersion)"))
    }

    @Test("a missing journal is exit 66 and the same sentence for run, replay, export and verify")
    func missingJournal() throws {
        let dir = try TempFolder()
        let missing = dir.file("nope.jsonl")
        let expected = "marac: \(missing): no such journal (make one with `marac new`)\n"
        for args in [["run", missing], ["replay", missing], ["export", missing, "--format", "md", "--out", dir.file("out")],
                     ["verify", missing]] {
            let run = try marac(args, home: dir.path)
            #expect(run.status == 66, "\(args): \(run.stderr)")
            #expect(run.stderr == expected, "\(args)")
        }
        let report = try marac(["report", dir.file("no-folder"), "--quarter", "2026Q1"], home: dir.path)
        #expect(report.status == 66)
        #expect(report.stderr == "marac: \(dir.file("no-folder")): no such folder\n")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
    }

    @Test("usage errors are 64; a file that is not a journal is 2; an output that exists already is 73")
    func statuses() throws {
        let dir = try TempFolder()
        #expect(try marac(["--frobnicate"], home: dir.path).status == 64)
        #expect(try marac(["report", Self.samples, "--quarter", "2026Q1", "--format", "pdf"], home: dir.path).status == 64)
        #expect(try marac(["report", Self.samples, "--quarter", "2026Q9"], home: dir.path).status == 64)
        #expect(try marac(["actions", Self.samples, "frobnicate"], home: dir.path).status == 64)

        try "case_ref,victim,referring_agency,referral_basis\nMC-1,Amira K,Police,actuarial\n"
            .write(toFile: dir.file("agenda.csv"), atomically: true, encoding: .utf8)
        let notJournal = try marac(["verify", dir.file("agenda.csv")], home: dir.path)
        #expect(notJournal.status == 2)
        #expect(notJournal.stderr.hasPrefix("marac: \(dir.file("agenda.csv")) is not a marac journal"))
        for args in [["export", dir.file("agenda.csv"), "--format", "md", "--out", dir.file("o")], ["run", dir.file("agenda.csv")],
                     ["replay", dir.file("agenda.csv")]] {
            let run = try marac(args, home: dir.path)
            #expect(run.status == 2, "\(args): \(run.stderr)")
            #expect(run.stderr == "marac: \(dir.file("agenda.csv")) is not a marac journal: its first line is not a marac journal header\n")
        }
        #expect(try marac(["actions", dir.file("no-folder"), "list"], home: dir.path).status == 66)
        #expect(try marac(["train", "no-such-sample"], home: dir.path).status == 64)
        #expect(try marac(["replay", "--sample", "no-such-sample"], home: dir.path).status == 64)

        let new = ["new", "--agenda", dir.file("agenda.csv"), "--date", "01/12/2026", "--area", "Testvale", "--chair", "Ann C",
                   "--out", dir.file("m.jsonl")]
        #expect(try marac(new, home: dir.path).status == 0)
        let again = try marac(new, home: dir.path)
        #expect(again.status == 73)
        #expect(again.stderr.hasPrefix("marac: \(dir.file("m.jsonl")) already exists"))

        let noAgenda = try marac(["new", "--agenda", dir.file("missing.csv"), "--date", "01/12/2026", "--area", "A", "--chair", "C",
                                  "--out", dir.file("n.jsonl")], home: dir.path)
        #expect(noAgenda.status == 66, "\(noAgenda.stderr)")
        let badDate = try marac(["new", "--agenda", dir.file("agenda.csv"), "--date", "31/02/2026", "--area", "A", "--chair", "C",
                                 "--out", dir.file("d.jsonl")], home: dir.path)
        #expect(badDate.status == 64)
        #expect(badDate.stderr == "marac: --date '31/02/2026' is not a date: use dd/mm/yyyy or yyyy-mm-dd (and a real day)\n")
        #expect(try marac(["demo", "--date", "yesterday"], home: dir.path).status == 64)
    }

    @Test("a numeric option given '-5' or a word is refused naming the option and the value, exit 64 (not read as a missing value)")
    func negativeValuesAreRefusedByName() throws {
        let dir = try TempFolder()
        let report = ["report", Self.samples, "--quarter", "2026Q1"]
        for (args, expected) in [
            (report + ["--adult-female-population", "-5"], "--adult-female-population '-5' is not a whole number of people above 0 (e.g. 150000)"),
            (report + ["--adult-female-population", "lots"], "--adult-female-population 'lots' is not a whole number of people above 0 (e.g. 150000)"),
            (report + ["--minoritised-population", "-5"], "--minoritised-population '-5' is not a percentage between 0 and 100 (e.g. 25 or 22.4)"),
            (report + ["--minoritised-population", "-5%"], "--minoritised-population '-5%' is not a percentage between 0 and 100 (e.g. 25 or 22.4)"),
            (["replay", "--sample", "well-run", "--speed", "-5"], "--speed -5 is not a replay speed: give one from 1 to 240"),
            (["demo", "--size", "-80x24"], "--size '-80x24' is not a screen size: give COLSxROWS"),
        ] {
            let run = try marac(args, home: dir.path)
            #expect(run.status == 64, "\(args): \(run.stderr)")
            #expect(run.stderr.hasPrefix("marac: \(expected)"), "\(args): \(run.stderr)")
            #expect(run.stderr.filter { $0 == "\n" }.count == 1, "\(args): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test("report's messages use the same `marac: ` prefix as every other command")
    func reportPrefix() throws {
        let dir = try TempFolder()
        let run = try marac(["report", Self.samples, "--quarter", "2019Q1"], home: dir.path)
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines { #expect(line.hasPrefix("marac: ") && !line.hasPrefix("marac: marac") && !line.hasPrefix("marac report:"), "\(line)") }
    }

    @Test("verify --format json: one object a script can read, for an intact, a damaged and a missing journal")
    func verifyJSON() throws {
        let dir = try TempFolder()
        let journal = dir.file("well-run.jsonl")
        try FileManager.default.copyItem(atPath: Self.samples + "/well-run.jsonl", toPath: journal)
        func object(_ run: CLIRun) throws -> [String: Any] {
            #expect(run.stdout.filter { $0 == "\n" }.count == 1, "one line: \(run.stdout)")
            return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        }
        let intact = try marac(["verify", journal, "--format", "json"], home: dir.path)
        #expect(intact.status == 0)
        let ok = try object(intact)
        #expect(ok["condition"] as? String == "intact")
        #expect(ok["ok"] as? Bool == true)
        #expect(ok["path"] as? String == journal)
        #expect((ok["events"] as? Int ?? 0) > 10)
        #expect((ok["finalHash"] as? String)?.count == 64)

        var bytes = Array(FileManager.default.contents(atPath: journal)!)
        let thirdLine = bytes.indices.filter { bytes[$0] == 0x0A }[1] + 20
        bytes[thirdLine] ^= 0x20
        _ = FileManager.default.createFile(atPath: journal, contents: Data(bytes))
        let damaged = try marac(["verify", journal, "--format", "json"], home: dir.path)
        #expect(damaged.status == 2)
        let bad = try object(damaged)
        #expect(bad["condition"] as? String == "damaged")
        #expect(bad["damagedLine"] as? Int == 3)
        #expect(bad["ok"] as? Bool == false)

        let missing = try marac(["verify", dir.file("nope.jsonl"), "--format", "json"], home: dir.path)
        #expect(missing.status == 66)
        #expect(try object(missing)["condition"] as? String == "missing")
    }

    @Test("the completion list of sample names matches the samples")
    func sampleNames() {
        #expect(Training.sampleNames.sorted() == TrainingSample.all.map(\.name).sorted())
    }
}
