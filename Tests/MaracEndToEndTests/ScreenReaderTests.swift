import MaracTestSupport
import Foundation
import MaracCore
import MaracJournal
import Testing

/// `marac run --screen-reader` on a clock the test moves on (Tests/ClockHarness): a real pty has
/// no `<Sleep>`, and a case only goes past its target after ten minutes.
private var clockHarness: String {
    URL(fileURLWithPath: Binary.marac).deletingLastPathComponent().appendingPathComponent("marac-clock-harness").path
}

/// The screen-reader mode (issue 20) through a real pty: tmux runs `marac run --screen-reader` (in
/// the whole meeting, through the clock harness), a pipe on the pane keeps every byte the program
/// wrote (the transcript), and the journal it writes is compared event for event with the same
/// meeting run through the full-screen keys.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable || ProcessInfo.processInfo.environment["CI"] != nil,
                             "tmux is not installed (CI installs it)"))
struct ScreenReaderTests {
    /// The pane's output since the pipe was opened, and the lines typed into it.
    final class Conversation {
        let tmux: TmuxSession
        let transcriptPath: String
        /// Where the transcript had got to when the last line was typed.
        private var mark = 0

        init(tmux: TmuxSession, transcriptPath: String) { self.tmux = tmux; self.transcriptPath = transcriptPath }

        var transcript: String { (try? String(contentsOfFile: transcriptPath, encoding: .utf8)) ?? "" }

        /// Waits (polling, with a deadline) until what was written since the last line typed contains `text`.
        @discardableResult
        func expect(_ text: String, timeout: Double = 20) throws -> String {
            let deadline = Date().addingTimeInterval(timeout)
            var since = ""
            while Date() < deadline {
                let all = Array(transcript.utf8)
                since = String(decoding: all[min(mark, all.count)...], as: UTF8.self)
                if since.contains(text) { return since }
                usleep(30_000)
            }
            throw E2EFailure("timed out waiting for '\(text)'. Since the last answer:\n\(since)")
        }

        /// Types a line once the question `after` has been asked, then waits for `expecting`.
        func say(_ line: String, expecting: String) throws {
            mark = transcript.utf8.count
            if !line.isEmpty { try tmux.type(line) }
            try tmux.press("Enter")
            try expect(expecting)
        }
    }

    @Test func aWholeMeetingSpokenLineByLineWritesTheSameJournalAsTheFullScreen() throws {
        let dir = try TempFolder()
        // One demo journal, copied for each interface (each in its own folder: `run` reads the
        // meetings beside a journal for their open actions).
        try "".write(toFile: dir.file("none.keys"), atomically: true, encoding: .utf8)
        let made = try run(Binary.marac, ["demo", "--date", "01/12/2026", "--keys", dir.file("none.keys"), "--log-dir", dir.path])
        let demo = try #require(made.split(separator: "\n").last.map { String($0.dropFirst("The demo meeting's journal is ".count)) })
        for name in ["spoken", "full"] {
            try FileManager.default.createDirectory(atPath: dir.file(name), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: demo, toPath: dir.file("\(name)/meeting.jsonl"))
        }

        // The spoken meeting, in a real pty. The program waits for the transcript pipe to be open
        // before it starts (the shell polls for the go file), so the transcript has every byte.
        let clock = dir.file("clock.txt")
        try "0".write(toFile: clock, atomically: true, encoding: .utf8)
        let command = "until [ -e \(dir.file("go")) ]; do sleep 0.05; done; "
            + "\(clockHarness) run \(dir.file("spoken/meeting.jsonl")); echo \"[exit $?]\""
        let tmux = try TmuxSession(command: command, environment: ["MARAC_DATA_DIR": dir.path, "MARAC_CONFIG": dir.file("none.yaml"),
                                                                   "MARAC_TEST_CLOCK_FILE": clock])
        let transcript = dir.file("transcript.txt")
        try run("tmux", ["-L", tmux.socket, "pipe-pane", "-t", tmux.target, "-o", "cat >> \(shellQuote(transcript))"])
        try "".write(toFile: dir.file("go"), atomically: true, encoding: .utf8)
        let chair = Conversation(tmux: tmux, transcriptPath: transcript)
        func jump(minutes: Int) throws { try "\(minutes)".write(toFile: clock, atomically: true, encoding: .utf8) }

        try chair.expect("Type help for the commands available now.")
        try chair.expect("Command: ")
        try chair.say("help", expecting: "Not available now:")
        try chair.say("start", expecting: "Meeting started")

        // Attendance, one labelled question at a time.
        try chair.say("attendee", expecting: "Agency, type a name or a number: ")
        try chair.say("Police", expecting: "Name: ")
        try chair.say("Kim Testwell", expecting: "Role, type a choice or a number: ")
        try chair.say("", expecting: "Conf. agreed, type a choice or a number: ")
        try chair.say("yes", expecting: "Save? Type yes, no, or a field number: ")
        try chair.say("yes", expecting: "Police added to the register")
        try chair.say("statement", expecting: "confidentiality statement read")

        // The review of an earlier meeting's action.
        try chair.say("next", expecting: "Three actions to review")
        try chair.say("outcome 1", expecting: "Outcome, type a choice or a number: ")
        try chair.say("1", expecting: "Note: ")
        try chair.say("Alarm fitted on 20/11", expecting: "Save?")
        try chair.say("yes", expecting: "Saved.")

        // The first case: an action with its SMART findings read as sentences, and a note.
        try chair.say("agenda", expecting: "Command: ")
        try chair.say("next", expecting: "Type start to start its discussion.")
        try chair.say("start", expecting: "Discussion started")
        try chair.say("action", expecting: "What: ")
        try chair.say("Refer the perpetrator to the Changing Paths programme", expecting: "SMART check, must fix: Give a bespoke due date.")
        try chair.expect("Owner agency, type a name or a number: ")
        try chair.say("1", expecting: "Due date, type a date: ")
        try chair.say("+7d", expecting: "Category, type a choice or a number: ")
        try chair.say("perp", expecting: "Due date: +7d, that is Tuesday 8 December 2026.")
        try chair.say("yes", expecting: "Saved.")
        try chair.say("note", expecting: "Agency, type a name or a number: ")
        try chair.say("Police", expecting: "Kind, type a choice or a number: ")
        try chair.say("", expecting: "Note: ")
        try chair.say("Two call-outs since the referral", expecting: "Save?")
        try chair.say("yes", expecting: "Saved.")

        // The clock moves on: the target, then (after a pause) the limit, announced at once.
        try jump(minutes: 11)
        try chair.expect("has reached its 10-minute target")
        try chair.say("pause", expecting: "Meeting paused")
        try chair.say("pause", expecting: "Meeting resumed")
        try jump(minutes: 17)
        try chair.expect("is past its 15-minute limit")

        // Closing over the limit asks the reason, then the case prompts (all passed with a reason).
        try chair.say("close", expecting: "Reason: ")
        try chair.say("historical information shared", expecting: "Save?")
        try chair.say("yes", expecting: "Closing case NV-2611.")
        try chair.expect("Type yes, pass and a number, pass all, or back: ")
        try chair.say("pass all", expecting: "Reason: ")
        try chair.say("Passed in the test", expecting: "Save?")
        try chair.say("yes", expecting: "No prompts are left.")
        try chair.say("yes", expecting: "Case NV-2611 closed")

        // The second case: two actions, the second undone.
        try chair.say("next", expecting: "NV-2612")
        try chair.say("start", expecting: "Discussion started")
        for text in ["Complete a child and family assessment for both children", "Visit the school to agree a safety plan"] {
            try chair.say("action", expecting: "What: ")
            try chair.say(text, expecting: "Owner agency, type a name or a number: ")
            try chair.say("Police", expecting: "Due date, type a date: ")
            try chair.say("14/12", expecting: "Category, type a choice or a number: ")
            try chair.say("children", expecting: "Save?")
            try chair.say("yes", expecting: "Saved.")
        }
        try chair.say("undo", expecting: "Undone")
        try chair.say("case", expecting: "Actions: 1.")
        try chair.say("close", expecting: "Closing case NV-2612.")
        try chair.expect("Type yes, pass and a number, pass all, or back: ")
        try chair.say("pass all", expecting: "Reason: ")
        try chair.say("Passed in the test", expecting: "Save?")
        try chair.say("yes", expecting: "No prompts are left.")
        try chair.say("yes", expecting: "Case NV-2612 closed")

        // The summary: close the meeting (asked first), then quit.
        try chair.say("where", expecting: "next waiting is")
        try chair.say("summary", expecting: "Command: ")
        try chair.say("end", expecting: "Close the meeting?")
        try chair.say("yes", expecting: "Meeting closed")
        try chair.say("quit", expecting: "Quit marac?")
        try chair.say("yes", expecting: "[exit 0]")

        // The transcript: plain text only, every line under 80 columns, every announcement there.
        let bytes = Array(chair.transcript.utf8)
        #expect(!bytes.contains(0x1B), "an escape sequence in the transcript")
        #expect(!bytes.contains { $0 < 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }, "a control character in the transcript")
        let text = chair.transcript.replacingOccurrences(of: "\r", with: "")
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(line.count < 80, "a line of \(line.count) characters: \(line)")
            #expect(!line.unicodeScalars.contains { (0x2500...0x259F).contains($0.value) }, "box drawing: \(line)")
        }
        for announcement in ["Case NV-2611 has reached its 10-minute target: time to agree actions.",
                             "Case NV-2611 is past its 15-minute limit",
                             "Saved.", "Meeting paused", "Meeting resumed", "Undone", "Meeting closed"] {
            #expect(text.contains(announcement), "no '\(announcement)' in the transcript")
        }
        // An announcement starts a line of its own, and the question is asked again after it.
        #expect(text.contains("\nCase NV-2611 has reached its 10-minute target: time to agree actions.\nCommand: "))

        // The same meeting through the full-screen interface's keys (a `--keys` script).
        let keys = """
        <Enter>aPolice<Tab>Kim Testwell<Tab><Tab>yes<C-s>c\
        2<Enter><End><C-u>done<Tab>Alarm fitted on 20/11<C-s>\
        3<Home><Enter>s\
        aRefer the perpetrator to the Changing Paths programme<Tab>Police<Tab>+7d<Tab>perp<C-s>\
        oPolice<Tab><Tab>Two call-outs since the referral<C-s>\
        <Sleep 11m>pp<Sleep 6m>\
        nhistorical information shared<C-s>PPassed in the test<C-s><Enter>\
        s\
        aComplete a child and family assessment for both children<Tab>Police<Tab>14/12<Tab>children<C-s>\
        aVisit the school to agree a safety plan<Tab>Police<Tab>14/12<Tab>children<C-s>\
        unPPassed in the test<C-s><Enter>\
        5Cy
        """
        try keys.write(toFile: dir.file("full.keys"), atomically: true, encoding: .utf8)
        try run(Binary.marac, ["run", dir.file("full/meeting.jsonl"), "--keys", dir.file("full.keys"), "--log-dir", dir.path])

        let spoken = try JournalReader.read(path: dir.file("spoken/meeting.jsonl")).events.map(\.event)
        let full = try JournalReader.read(path: dir.file("full/meeting.jsonl")).events.map(\.event)
        if let keep = ProcessInfo.processInfo.environment["MARAC_KEEP_TRANSCRIPT"] { try? chair.transcript.write(toFile: keep, atomically: true, encoding: .utf8) }
        #expect(spoken.count > 25, "only \(spoken.count) events: the meeting was not run")
        #expect(spoken.count == full.count, "spoken \(spoken.count) events, full-screen \(full.count)")
        for (i, (a, b)) in zip(spoken, full).enumerated() {
            #expect(a == b, "event \(i) differs:\n spoken:      \(a)\n full screen: \(b)")
        }
        let state = MeetingState.fold(try JournalReader.read(path: dir.file("spoken/meeting.jsonl")).events)
        #expect(state.isClosed)
        #expect(state.cases["NV-2611"]?.overrunReason == "historical information shared")
        #expect(state.actions(for: "NV-2611").count == 1)
        #expect(state.actions(for: "NV-2612").count == 1, "the undone action is still there")
    }

    /// A copy of the demo meeting (made with an empty key script) at `dir/m/NAME`.
    static func demoJournal(in dir: TempFolder, named name: String) throws -> String {
        try "".write(toFile: dir.file("none.keys"), atomically: true, encoding: .utf8)
        let made = try run(Binary.marac, ["demo", "--date", "01/12/2026", "--keys", dir.file("none.keys"), "--log-dir", dir.path])
        let demo = try #require(made.split(separator: "\n").last.map { String($0.dropFirst("The demo meeting's journal is ".count)) })
        try FileManager.default.createDirectory(atPath: dir.file("m"), withIntermediateDirectories: true)
        let journal = dir.file("m/" + name)
        try FileManager.default.copyItem(atPath: demo, toPath: journal)
        return journal
    }

    /// `marac run JOURNAL --screen-reader` in tmux, its output piped to `dir/NAME.txt` from before
    /// it starts (it waits for a go file), and a conversation with it.
    static func spokenRun(_ journal: String, in dir: TempFolder, named name: String) throws -> (TmuxSession, Conversation) {
        let go = dir.file("go-\(name)")
        let command = "until [ -e \(go) ]; do sleep 0.05; done; \(Binary.marac) run \(journal) --screen-reader --log-dir \(dir.path); echo \"[exit $?]\""
        let tmux = try TmuxSession(command: command, environment: ["MARAC_DATA_DIR": dir.path, "MARAC_CONFIG": dir.file("none.yaml")])
        let transcript = dir.file("\(name).txt")
        try run("tmux", ["-L", tmux.socket, "pipe-pane", "-t", tmux.target, "-o", "cat >> \(shellQuote(transcript))"])
        try "".write(toFile: go, atomically: true, encoding: .utf8)
        return (tmux, Conversation(tmux: tmux, transcriptPath: transcript))
    }

    /// Killed (kill -9) mid-discussion, the same command carries on: the case is still under
    /// discussion and its timer still counts from its recorded start.
    @Test func afterAKillTheSameCommandCarriesOn() throws {
        let dir = try TempFolder()
        let journal = try Self.demoJournal(in: dir, named: "crash-meeting.jsonl")
        func session(_ name: String) throws -> (TmuxSession, Conversation) { try Self.spokenRun(journal, in: dir, named: name) }
        let (first, chair) = try session("first")
        try chair.expect("Command: ")
        try chair.say("start", expecting: "Meeting started")
        try chair.say("agenda", expecting: "Command: ")
        try chair.say("next", expecting: "Type start to start its discussion.")
        try chair.say("start", expecting: "Discussion started")
        let pid = try #require(processID(commandLineContaining: "crash-meeting.jsonl"))
        kill(pid, SIGKILL)
        try chair.expect("[exit 137]")
        _ = first

        let (_, again) = try session("second")
        try again.expect("Type help for the commands available now.")
        let heard = again.transcript.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: " ")
        #expect(heard.contains("case 1 of 7, NV-2611"), "\(heard)")
        #expect(heard.contains("discussing for"), "\(heard)")
        try again.say("quit", expecting: "Quit marac?")
        try again.say("yes", expecting: "[exit 0]")
        let state = MeetingState.fold(try JournalReader.read(path: journal).events)
        #expect(state.activeCase == "NV-2611")
    }

    /// A note of several lines pasted into the real terminal (tmux `paste-buffer`; the mode does
    /// not turn on bracketed paste, so the lines arrive as typed lines) between two lines of three
    /// quotes: one answer, read back line by line, saved as one note with its line breaks.
    @Test func aPastedNoteOfSeveralLinesBetweenThreeQuotesIsOneNote() throws {
        let dir = try TempFolder()
        let journal = try Self.demoJournal(in: dir, named: "meeting.jsonl")
        let (tmux, chair) = try Self.spokenRun(journal, in: dir, named: "transcript")
        try chair.expect("Command: ")
        try chair.say("start", expecting: "Meeting started")
        try chair.say("agenda", expecting: "Command: ")
        try chair.say("next", expecting: "Type start to start its discussion.")
        try chair.say("start", expecting: "Discussion started")
        try chair.say("note", expecting: "Agency")
        try chair.say("Police", expecting: "Kind")
        try chair.say("", expecting: "For several lines, type three quotes")
        try chair.say("\"\"\"", expecting: "Note, line 1, or three quotes to end: ")
        let lines = ["Seen at home on 28/11", "under review by the Idva", "no contact since"]
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir.file("note.txt"), atomically: true, encoding: .utf8)
        try tmux.loadBuffer(dir.file("note.txt"))
        try tmux.pasteBuffer()
        try chair.expect("Note, line 4, or three quotes to end: ")
        try chair.say("\"\"\"", expecting: "Save?")
        let heard = chair.transcript.replacingOccurrences(of: "\r", with: "")
        #expect(heard.contains("3. Note: Seen at home on 28/11\n   under review by the Idva\n   no contact since."), "\(heard)")
        try chair.say("yes", expecting: "Saved.")
        try chair.say("quit", expecting: "Quit marac?")
        try chair.say("yes", expecting: "[exit 0]")
        let notes = MeetingState.fold(try JournalReader.read(path: journal).events).cases.values.flatMap(\.notes).map(\.text)
        #expect(notes == [lines.joined(separator: "\n")], "\(notes)")
    }

    /// The real binary: the flag, MARAC_SCREEN_READER=1 and `screen_reader: yes` each choose the
    /// mode, on a terminal ncurses could not even drive (TERM=dumb): nothing but plain lines.
    @Test(arguments: ["flag", "environment", "configuration"])
    func theRealBinaryTurnsTheModeOn(_ how: String) throws {
        let dir = try TempFolder()
        try "".write(toFile: dir.file("none.keys"), atomically: true, encoding: .utf8)
        let made = try run(Binary.marac, ["demo", "--date", "01/12/2026", "--keys", dir.file("none.keys"), "--log-dir", dir.path])
        let demo = try #require(made.split(separator: "\n").last.map { String($0.dropFirst("The demo meeting's journal is ".count)) })
        try FileManager.default.createDirectory(atPath: dir.file("m"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: demo, toPath: dir.file("m/meeting.jsonl"))
        try (how == "configuration" ? "screen_reader: yes\n" : "").write(toFile: dir.file("config.yaml"), atomically: true, encoding: .utf8)
        var environment = ["MARAC_DATA_DIR": dir.path, "MARAC_CONFIG": dir.file("config.yaml"), "TERM": "dumb"]
        if how == "environment" { environment["MARAC_SCREEN_READER"] = "1" }
        let command = "until [ -e \(dir.file("go")) ]; do sleep 0.05; done; "
            + "\(Binary.marac) run \(dir.file("m/meeting.jsonl"))\(how == "flag" ? " --screen-reader" : "") --log-dir \(dir.path); echo \"[exit $?]\""
        let tmux = try TmuxSession(command: command, environment: environment)
        let transcript = dir.file("transcript.txt")
        try run("tmux", ["-L", tmux.socket, "pipe-pane", "-t", tmux.target, "-o", "cat >> \(shellQuote(transcript))"])
        try "".write(toFile: dir.file("go"), atomically: true, encoding: .utf8)
        let chair = Conversation(tmux: tmux, transcriptPath: transcript)
        try chair.expect("marac, screen-reader mode.")
        try chair.expect("Command: ")
        try chair.say("list", expecting: "The agenda has seven cases:")
        try chair.say("quit", expecting: "Quit marac? Everything is already saved.")
        try chair.say("yes", expecting: "[exit 0]")
        let bytes = Array(chair.transcript.utf8)
        #expect(!bytes.contains(0x1B), "an escape sequence in the transcript")
    }

    /// Through a real pty: an encrypted journal asks its passphrase first (never echoed, never in
    /// the transcript), an unfinished last write is recovered and said, and Ctrl-C at the command
    /// prompt asks "Quit?" as the full screen does — "no" carries on, nothing is ended or lost.
    @Test func anEncryptedTornJournalAsksThePassphraseSaysTheRecoveryAndCtrlCAsksFirst() throws {
        let dir = try TempFolder()
        try """
        case_ref,victim,referring_agency,referral_basis,dash_score
        SR-1,Robin Sample,Police,actuarial,16
        SR-2,Kit Example,Idva,actuarial,15

        """.write(toFile: dir.file("agenda.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir.file("m"), withIntermediateDirectories: true)
        let journal = dir.file("m/locked.jsonl")
        let passphrase = "quiet harbour lantern"
        try run("/usr/bin/env", ["MARAC_PASSPHRASE=\(passphrase)", "MARAC_DATA_DIR=\(dir.path)", "MARAC_CONFIG=\(dir.file("none.yaml"))",
                                 Binary.marac, "new", "--agenda", dir.file("agenda.csv"), "--date", "01/12/2026", "--area", "Northvale",
                                 "--chair", "Chair Sample", "--out", journal, "--encrypt"])
        // A write cut short: half a line at the end, as a power cut leaves it.
        let handle = try #require(FileHandle(forWritingAtPath: journal))
        handle.seekToEndOfFile()
        handle.write(Data("{\"seq\":9,\"t\":17961".utf8))
        try handle.close()

        // Ctrl-C reaches the whole foreground group, the shell too: `trap : INT` keeps the shell
        // (dash, which would otherwise end once marac does) alive to print the exit status.
        let command = "trap : INT; until [ -e \(dir.file("go")) ]; do sleep 0.05; done; \(Binary.marac) run \(journal) --screen-reader --log-dir \(dir.path); echo \"[exit $?]\""
        let tmux = try TmuxSession(command: command, environment: ["MARAC_DATA_DIR": dir.path, "MARAC_CONFIG": dir.file("none.yaml")])
        let transcript = dir.file("transcript.txt")
        try run("tmux", ["-L", tmux.socket, "pipe-pane", "-t", tmux.target, "-o", "cat >> \(shellQuote(transcript))"])
        try "".write(toFile: dir.file("go"), atomically: true, encoding: .utf8)
        let chair = Conversation(tmux: tmux, transcriptPath: transcript)
        try chair.expect("Passphrase for locked.jsonl: ")
        try chair.say(passphrase, expecting: "marac, screen-reader mode.")
        try chair.expect("Recovered: the last 18 bytes were an unfinished write and were set aside.")
        try chair.expect("Command: ")
        try tmux.press("C-c")
        try chair.expect("Quit marac?")
        try chair.say("no", expecting: "Command: ")
        try chair.say("list", expecting: "The agenda has two cases:")
        try chair.say("quit", expecting: "Quit marac? Everything is already saved.")
        try chair.say("yes", expecting: "[exit 0]")
        #expect(!chair.transcript.contains(passphrase), "the passphrase was echoed")
        let contents = try JournalReader.read(path: journal, passphrase: passphrase)
        #expect(contents.condition == .intact)
        let state = MeetingState.fold(contents.events)
        #expect(state.queue == ["SR-1", "SR-2"] && !state.isClosed)
    }
}
