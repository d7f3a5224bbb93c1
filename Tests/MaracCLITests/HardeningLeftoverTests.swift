import Foundation
import MaracApp
import MaracCore
import MaracJournal
import MaracTestSupport
import Testing

/// Issue 21's leftovers, through the real binary: usage errors as one safe line, `--keys` only
/// from a regular file, `sign` in the configuration, the signature in the minutes, and a format 1
/// meeting journal still opening.
@Suite("hardening leftovers (issue 21)")
struct HardeningLeftoverTests {
    let agenda = "case_ref,victim,referring_agency,referral_basis\nMC-1,Amira K,Police,actuarial\n"

    func newMeeting(in dir: TempFolder, _ extra: [String] = [], environment: [String: String] = [:]) throws -> (String, CLIRun) {
        try agenda.write(toFile: dir.file("agenda.csv"), atomically: true, encoding: .utf8)
        let journal = dir.file("m.jsonl")
        let run = try marac(["new", "--agenda", dir.file("agenda.csv"), "--date", "01/12/2026", "--area", "Northvale",
                             "--chair", "Ann Pike", "--out", journal] + extra, home: dir.path, environment: environment)
        return (journal, run)
    }

    @Test("an unknown option carrying an escape sequence and a control character: one safe line, exit 64",
          arguments: [["run", "x.jsonl", "--bogus\u{1B}]0;pwned\u{07}\u{01}"], ["verify", "--format", "yaml\u{1B}[2J", "x.jsonl"],
                      ["nonsense\u{1B}]52;c;Y3VybA==\u{07}"], ["actions", "/tmp", "done", "1201-2"],
                      ["actions", "/tmp", "list", "--agnecy\u{1B}[2J", "x"]])
    func usageErrorsAreOneSafeLine(args: [String]) throws {
        let dir = try TempFolder()
        let run = try marac(args, home: dir.path)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.count == 1, "more than one line: \(run.stderr.debugDescription)")
        #expect(run.stderr.hasPrefix("marac: "), "\(run.stderr.debugDescription)")
        #expect(!run.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "a control character reached stderr: \(run.stderr.debugDescription)")
        #expect(!run.stderr.contains("Usage:"), "the usage block is not dumped after the line")
        #expect(run.stderr.contains("--help"), "the line says where help is: \(run.stderr)")
    }

    /// ArgumentParser names a missing required option before an unknown one, so `--fromat md` was
    /// reported as "--format missing" and the typo never named. The typo is named, with the nearest.
    @Test("a mistyped option is named as unknown, with the option meant", arguments: [
        (["export", "--fromat", "md", "x.jsonl"], "unknown option '--fromat' (did you mean '--format'?) (see `marac export --help`)"),
        (["new", "--agnda", "a.csv", "--date", "01/12/2026", "--area", "W", "--chair", "X"],
         "unknown option '--agnda' (did you mean '--agenda'?) (see `marac new --help`)"),
        (["new", "--date", "01/12/2026", "--area", "W", "--chair", "X"], "missing --agenda (see `marac new --help`)"),
    ])
    func aMistypedOptionIsNamed(args: [String], says: String) throws {
        let dir = try TempFolder()
        let run = try marac(args, home: dir.path)
        #expect(run.status == 64)
        #expect(run.stderr == "marac: \(says)\n", "\(run.stderr)")
    }

    /// A key script that ends with a refused form saved nothing of it: the run says so on stderr.
    @Test("a key script ending with a form still open says so")
    func aScriptEndingInAnOpenFormSaysSo() throws {
        let dir = try TempFolder()
        try "3<Enter>aCall the victim<Tab>Police<Tab>yesterday<C-s>".write(toFile: dir.file("k.keys"), atomically: true, encoding: .utf8)
        let run = try marac(["demo", "--date", "01/12/2026", "--keys", dir.file("k.keys"), "--log-dir", dir.path], home: dir.path)
        #expect(run.status == 0)
        #expect(run.stderr.contains("marac: warning: the key script ended with the form 'Add an action' still open (its last save was refused: "), "\(run.stderr)")
        #expect(run.stderr.contains("nothing in it was saved"))
    }

    @Test("--help still prints the whole help on stdout, exit 0")
    func helpStillWorks() throws {
        let dir = try TempFolder()
        let run = try marac(["run", "--help"], home: dir.path)
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE: marac run"), "\(run.stdout.prefix(300))")
    }

    @Test("--keys naming a FIFO or a device: one line naming the file, never a hang", arguments: ["fifo", "/dev/zero"])
    func keysMustBeARegularFile(kind: String) throws {
        let dir = try TempFolder()
        let (journal, made) = try newMeeting(in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        let keys: String
        if kind == "fifo" {
            keys = dir.file("keys.fifo")
            #expect(mkfifo(keys, 0o600) == 0)
        } else {
            keys = kind
        }
        // With no writer on the FIFO, reading it would wait for ever: the test would hang, not fail.
        let run = try marac(["run", journal, "--keys", keys, "--dump-screen", dir.file("screen.txt")], home: dir.path)
        #expect(run.status != 0)
        let lines = run.stderr.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains(keys) && run.stderr.contains("not an ordinary file"), "\(run.stderr)")
    }

    @Test("`sign: yes` in the configuration signs `marac new`; --no-sign overrides it")
    func signFromTheConfiguration() throws {
        let dir = try TempFolder()
        try FileManager.default.createDirectory(atPath: dir.file("config/marac"), withIntermediateDirectories: true)
        try "sign: yes\n".write(toFile: dir.file("config/marac/config.yaml"), atomically: true, encoding: .utf8)
        let env = ["XDG_CONFIG_HOME": dir.file("config")]
        let (journal, made) = try newMeeting(in: dir, environment: env)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stderr.contains("signed by key"), "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: journal + ".sig"))
        let shown = try marac(["config"], home: dir.path, environment: env)
        #expect(shown.stdout.split(separator: "\n").contains { $0.hasPrefix("sign ") && $0.contains("yes") }, "\(shown.stdout)")

        let other = try TempFolder()
        try FileManager.default.createDirectory(atPath: other.file("config/marac"), withIntermediateDirectories: true)
        try "sign: yes\n".write(toFile: other.file("config/marac/config.yaml"), atomically: true, encoding: .utf8)
        let (unsigned, plain) = try newMeeting(in: other, ["--no-sign"], environment: ["XDG_CONFIG_HOME": other.file("config")])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(!FileManager.default.fileExists(atPath: unsigned + ".sig"))
    }

    @Test("the minutes of a signed journal print the key's fingerprint beside the final hash")
    func minutesCarryTheFingerprint() throws {
        let dir = try TempFolder()
        let env = ["XDG_CONFIG_HOME": dir.file("config")]
        let (journal, made) = try newMeeting(in: dir, ["--sign"], environment: env)
        #expect(made.status == 0, "\(made.stderr)")
        let fingerprint = try #require(made.stderr.range(of: "signed by key ").map { String(made.stderr[$0.upperBound...].prefix(19)) })
        let out = dir.file("out")
        let exported = try marac(["export", journal, "--format", "md", "--out", out], home: dir.path, environment: env)
        #expect(exported.status == 0, "\(exported.stderr)")
        let minutes = try Self.documents(in: out)
        let hash = try JournalReader.verifyChain(path: journal).finalHash
        #expect(minutes.contains(hash), "the final hash")
        let signed = try #require(minutes.split(separator: "\n").first { $0.contains("Signed") }, "no Signed row in:\n\(minutes.suffix(600))")
        #expect(signed.contains(fingerprint), "\(signed)")

        // An unsigned journal's minutes have no such row.
        let other = try TempFolder()
        let (plain, _) = try newMeeting(in: other)
        let plainOut = other.file("out")
        _ = try marac(["export", plain, "--format", "md", "--out", plainOut], home: other.path)
        let plainMinutes = try Self.documents(in: plainOut)
        #expect(plainMinutes.contains("Final hash"))
        #expect(!plainMinutes.contains("Signed"))
    }

    /// Every document `export` wrote into `folder`, one after the other.
    static func documents(in folder: String) throws -> String {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            .map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }.joined(separator: "\n")
    }

    @Test("a format 1 meeting journal made by an earlier marac still opens with `marac run` (no earlier-hearings look-up is recorded)")
    func format1MeetingOpens() throws {
        let dir = try TempFolder()
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
        let journal = dir.file("2026-12-01-northvale.jsonl")
        try FileManager.default.copyItem(atPath: fixtures + "/journal-v1/kind-20-noteAdded.jsonl", toPath: journal)
        // An earlier meeting in the same folder that heard the same case: in a format 2 journal `run` would record the history found.
        var earlier = try JournalReader.read(path: fixtures + "/journal-v1/kind-19-discussionEnded.jsonl").events.map(\.event)
        guard case .meetingCreated(var info, let rules) = earlier[0] else { Issue.record("no meetingCreated"); return }
        info.id = "2026-11-17-northvale"
        info.date = CalendarDate(year: 2026, month: 11, day: 17)!
        earlier[0] = .meetingCreated(info: info, rules: rules)
        let writer = try JournalWriter.create(path: dir.file("2026-11-17-northvale.jsonl"), kind: .meeting, id: info.id, events: earlier,
                                              at: 1_795_000_000_000)
        writer.close()
        let found = CaseHistoryImport.earlierMeetings(folder: dir.path, passphrase: nil, excludingMeeting: "2026-12-01-northvale")
        #expect(!CaseHistoryImport.events(for: MeetingState.fold(try JournalReader.read(path: journal).events).orderedCases.map { ($0.agenda, $0.history) },
                                          meetingDate: CalendarDate(year: 2026, month: 12, day: 1)!, earlier: found.meetings).isEmpty,
                "the earlier meeting is history for this one, so a format 2 journal would record it")
        let before = try JournalReader.read(path: journal)
        try "".write(toFile: dir.file("keys.txt"), atomically: true, encoding: .utf8)
        let run = try marac(["run", journal, "--keys", dir.file("keys.txt"), "--dump-screen", dir.file("screen.txt")], home: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let after = try JournalReader.read(path: journal)
        #expect(after.header.version == 1)
        #expect(after.condition == .intact)
        #expect(!after.events.contains { $0.event.name == "case history found" })
        #expect(after.events.prefix(before.events.count).elementsEqual(before.events))
    }
}
