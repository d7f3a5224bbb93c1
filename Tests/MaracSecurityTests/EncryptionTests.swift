import MaracTestSupport
import Foundation
import MaracCore
import MaracJournal
import Testing

/// `marac new --encrypt` and every command on an encrypted journal, through the real binary (issue 7).
@Suite("Encryption at rest, end to end", .serialized)
struct EncryptionEndToEndTests {
    let passphrase = "correct horse battery staple"

    /// A folder with an encrypted meeting that has been run: a note, an action.
    func encryptedMeeting() throws -> (dir: TempFolder, journal: String) {
        let dir = try TempFolder()
        try write(Secret.agenda, to: dir.file("agenda.csv"))
        try FileManager.default.createDirectory(atPath: dir.file("meetings"), withIntermediateDirectories: false)
        let journal = dir.file("meetings/m.jsonl")
        let made = try marac(["new", "--agenda", dir.file("agenda.csv"), "--date", "01/12/2026", "--area", "Secvale",
                              "--chair", "Ann C", "--out", journal, "--encrypt"], passphrase: passphrase, folder: dir.path)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stderr.contains("encrypted"))
        try write(Secret.keys, to: dir.file("steps.keys"))
        let ran = try marac(["run", journal, "--keys", dir.file("steps.keys")], passphrase: passphrase, folder: dir.path)
        #expect(ran.status == 0, "\(ran.stderr)")
        return (dir, journal)
    }

    @Test("no case text in the journal's bytes; the events are all there with the passphrase")
    func nothingReadableAtRest() throws {
        let (dir, journal) = try encryptedMeeting()
        defer { withExtendedLifetime(dir) {} }
        let stored = bytes(journal)
        #expect(!stored.isEmpty)
        for secret in Secret.all + ["SX-0001", "Wren Talbotson", "Secvale", "Ann C"] {
            #expect(!stored.contains(secret), "the journal file holds '\(secret)' in clear")
        }
        #expect(!stored.contains("\"event\""), "an event line is stored unencrypted")
        let contents = try JournalReader.read(path: journal, passphrase: passphrase)
        let state = MeetingState.fold(contents.events)
        #expect(state.cases.count == 2)
        #expect(state.actions.map(\.text) == [Secret.action])
        #expect(contents.events.contains { if case .noteAdded(_, _, _, let text) = $0.event { return text == Secret.note }; return false })
        #expect(throws: JournalError.passphraseRequired(path: journal)) { try JournalReader.read(path: journal) }
    }

    @Test("every command works on an encrypted journal with MARAC_PASSPHRASE")
    func everyCommandWithThePassphrase() throws {
        let (dir, journal) = try encryptedMeeting()
        let folder = dir.file("meetings")

        let verifiedBlind = try marac(["verify", journal], folder: dir.path)
        #expect(verifiedBlind.status == 0 && verifiedBlind.stdout.contains("the events were not decrypted"), "\(verifiedBlind)")
        let verified = try marac(["verify", journal], passphrase: passphrase, folder: dir.path)
        #expect(verified.status == 0 && verified.stdout.contains("2 cases"), "\(verified)")

        let exported = try marac(["export", journal, "--format", "md", "--out", dir.file("out")], passphrase: passphrase, folder: dir.path)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(bytes(dir.file("out/" + (try FileManager.default.contentsOfDirectory(atPath: dir.file("out")).first ?? ""))).contains(Secret.action))

        try write("<Sleep 1m>", to: dir.file("replay.keys"))
        let replayed = try marac(["replay", journal, "--keys", dir.file("replay.keys"), "--dump-screen", dir.file("replay.txt")],
                                 passphrase: passphrase, folder: dir.path)
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.file("replay.txt")))

        let listed = try marac(["actions", folder, "list", "--on", "01/12/2026"], passphrase: passphrase, folder: dir.path)
        #expect(listed.status == 0 && listed.stdout.contains(Secret.action), "\(listed)")
        let state = MeetingState.fold(try JournalReader.read(path: journal, passphrase: passphrase).events)
        let actionID = try #require(state.actions.first?.id)
        let done = try marac(["actions", folder, "done", actionID, "--note", Secret.doneNote], passphrase: passphrase, folder: dir.path)
        #expect(done.status == 0, "\(done.stderr)")
        // The tracker in a folder of encrypted meetings is encrypted with the same passphrase.
        let tracker = folder + "/tracker.jsonl"
        #expect(!bytes(tracker).contains(Secret.doneNote) && !bytes(tracker).contains(actionID))
        #expect(try JournalReader.verifyChain(path: tracker).header.encryption != nil)
        let after = try marac(["actions", folder, "list", "--on", "01/12/2026"], passphrase: passphrase, folder: dir.path)
        #expect(after.status == 0 && !after.stdout.contains(Secret.action), "\(after)")

        let report = try marac(["report", folder, "--quarter", "2026Q4"], passphrase: passphrase, folder: dir.path)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("Secvale") || report.stdout.contains("01/12/2026"), "\(report.stdout)")

        try write("<Enter>", to: dir.file("one.keys"))
        let resumed = try marac(["run", journal, "--keys", dir.file("one.keys")], passphrase: passphrase, folder: dir.path)
        #expect(resumed.status == 0, "\(resumed.stderr)")
    }

    @Test("no passphrase and no terminal: one clear line, non-zero exit, for every command that reads events")
    func noPassphraseNoTerminal() throws {
        let (dir, journal) = try encryptedMeeting()
        let folder = dir.file("meetings")
        try write("<Enter>", to: dir.file("one.keys"))
        for args in [["run", journal, "--keys", dir.file("one.keys")],
                     ["export", journal, "--format", "md", "--out", dir.file("out")],
                     ["replay", journal, "--keys", dir.file("one.keys")],
                     ["actions", folder, "list"],
                     ["actions", folder, "done", "20261201-1", "--note", "x"],
                     ["report", folder, "--quarter", "2026Q4"]] {
            let r = try marac(args, folder: dir.path)
            #expect(r.status != 0, "\(args[0]) succeeded without a passphrase")
            #expect(r.errorLines.count == 1, "\(args[0]): \(r.stderr)")
            #expect(r.stderr.contains("is encrypted: set MARAC_PASSPHRASE or run in a terminal"), "\(args[0]): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
    }

    @Test("a wrong passphrase: one line saying so, non-zero exit, nothing written")
    func wrongPassphrase() throws {
        let (dir, journal) = try encryptedMeeting()
        let folder = dir.file("meetings")
        let before = bytes(journal)
        try write("<Enter>", to: dir.file("one.keys"))
        for args in [["run", journal, "--keys", dir.file("one.keys"), "--dump-screen", dir.file("dump.txt")],
                     ["verify", journal],
                     ["export", journal, "--format", "html", "--out", dir.file("out")],
                     ["replay", journal, "--keys", dir.file("one.keys")],
                     ["actions", folder, "list"],
                     ["actions", folder, "done", "20261201-1", "--note", "x"],
                     ["report", folder, "--quarter", "2026Q4"]] {
            let r = try marac(args, passphrase: "Tr0ub4dor&3", folder: dir.path)
            #expect(r.status != 0, "\(args[0]) succeeded with a wrong passphrase")
            #expect(r.errorLines.count == 1, "\(args[0]): \(r.stderr)")
            #expect(r.stderr.contains("passphrase is wrong"), "\(args[0]): \(r.stderr)")
            #expect(!r.stderr.contains("Fatal error") && !r.stdout.contains("\u{1B}"), "\(args[0])")
        }
        #expect(bytes(journal) == before)
        for made in ["dump.txt", "out", "meetings/tracker.jsonl"] {
            #expect(!FileManager.default.fileExists(atPath: dir.file(made)), "\(made) was written")
        }
    }

    @Test("new --encrypt with no passphrase and no terminal makes nothing")
    func newNeedsAPassphrase() throws {
        let dir = try TempFolder()
        try write(Secret.agenda, to: dir.file("agenda.csv"))
        let r = try marac(["new", "--agenda", dir.file("agenda.csv"), "--date", "01/12/2026", "--area", "Secvale",
                           "--chair", "Ann C", "--out", dir.file("m.jsonl"), "--encrypt"], folder: dir.path)
        #expect(r.status != 0)
        #expect(r.errorLines.count == 1 && r.stderr.contains("--encrypt needs a passphrase"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("m.jsonl")))
    }
}

/// The passphrase prompt in a real terminal: nothing typed is shown, echo is back afterwards,
/// also after Ctrl-C at the prompt.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable || ProcessInfo.processInfo.environment["CI"] != nil,
                             "tmux is not installed (CI installs it)"))
struct PassphrasePromptTests {
    let secret = "plum-tree-harbour"

    func newCommand(_ dir: TempFolder) throws -> String {
        try write(Secret.agenda, to: dir.file("agenda.csv"))
        return "\(Binary.marac) new --agenda \(dir.file("agenda.csv")) --date 01/12/2026 --area Promptvale --chair Ann "
            + "--out \(dir.file("m.jsonl")) --encrypt; echo \"[exit $?]\"; stty -a > \(dir.file("stty.txt"))"
    }

    @Test func askedTwiceWithoutEcho() throws {
        let dir = try TempFolder()
        let tmux = try TmuxSession(command: try newCommand(dir), environment: ["MARAC_DATA_DIR": dir.path])
        try tmux.waitFor(text: "New passphrase for this journal:")
        try tmux.type(secret); try tmux.press("Enter")
        try tmux.waitFor(text: "The same passphrase again:")
        try tmux.type(secret); try tmux.press("Enter")
        let screen = try tmux.waitFor(text: "[exit 0]")
        #expect(!screen.contains(secret), "the passphrase was echoed")
        try tmux.waitFor("stty output") { _ in FileManager.default.fileExists(atPath: dir.file("stty.txt")) && !bytes(dir.file("stty.txt")).isEmpty }
        #expect(bytes(dir.file("stty.txt")).contains(" echo "), "echo was not restored")
        #expect(try JournalReader.read(path: dir.file("m.jsonl"), passphrase: secret).events.count == 3)
        #expect(!bytes(dir.file("m.jsonl")).contains(Secret.victim))

        // Then `marac run` in the same kind of terminal asks once and opens it.
        try write("4", to: dir.file("one.keys"))
        let run = try TmuxSession(command: "\(Binary.marac) run \(dir.file("m.jsonl")) --keys \(dir.file("one.keys")); echo \"[exit $?]\"",
                                  environment: ["MARAC_DATA_DIR": dir.path])
        try run.waitFor(text: "Passphrase for m.jsonl:")
        try run.type("wrong-one"); try run.press("Enter")
        let wrong = try run.waitFor(text: "[exit 1]")
        #expect(wrong.contains("the passphrase is wrong") && !wrong.contains("wrong-one"))
    }

    @Test func differentAnswersMakeNothing() throws {
        let dir = try TempFolder()
        let tmux = try TmuxSession(command: try newCommand(dir), environment: ["MARAC_DATA_DIR": dir.path])
        try tmux.waitFor(text: "New passphrase for this journal:")
        try tmux.type(secret); try tmux.press("Enter")
        try tmux.waitFor(text: "The same passphrase again:")
        try tmux.type(secret + "x"); try tmux.press("Enter")
        let screen = try tmux.waitFor(text: "[exit 1]")
        #expect(screen.contains("the two passphrases differ"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("m.jsonl")))
    }

    @Test func ctrlCAtThePromptRestoresEcho() throws {
        let dir = try TempFolder()
        // The shell traps SIGINT (as an interactive one would) so it outlives marac and reports.
        let tmux = try TmuxSession(command: "trap 'true' INT; " + (try newCommand(dir)), environment: ["MARAC_DATA_DIR": dir.path])
        try tmux.waitFor(text: "New passphrase for this journal:")
        try tmux.type("half")
        try tmux.press("C-c")
        try tmux.waitFor(text: "[exit 130]")
        try tmux.waitFor("stty output") { _ in FileManager.default.fileExists(atPath: dir.file("stty.txt")) && !bytes(dir.file("stty.txt")).isEmpty }
        let stty = bytes(dir.file("stty.txt"))
        #expect(stty.contains(" echo ") && !stty.contains("-echo "), "echo is still off after Ctrl-C: \(stty)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("m.jsonl")))
    }
}
