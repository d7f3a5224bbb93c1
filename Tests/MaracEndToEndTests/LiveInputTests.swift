import MaracTestSupport
import Foundation
import MaracCore
import MaracJournal
import Testing

/// The real binary under tmux: what reaches it from a real terminal (pastes, every form of Home
/// and End) and the live-only `--dump-screen`.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable || ProcessInfo.processInfo.environment["CI"] != nil,
                             "tmux is not installed (CI installs it)"))
struct LiveInputTests {
    /// A new journal from the template agenda, in a fresh folder.
    func newMeeting() throws -> (dir: TempFolder, journal: String) {
        let dir = try TempFolder()
        let journal = dir.file("meeting.jsonl")
        let template = try run(Binary.marac, ["new", "--print-template"])
        try template.write(toFile: dir.file("agenda.csv"), atomically: true, encoding: .utf8)
        try run(Binary.marac, ["new", "--agenda", dir.file("agenda.csv"), "--date", "2026-12-01", "--area", "Test",
                               "--chair", "Test Chair", "--out", journal])
        return (dir, journal)
    }

    /// Starts the meeting and the first case's discussion; returns on the case screen.
    func onTheFirstCase(_ tmux: TmuxSession) throws {
        try tmux.waitFor(text: "Press Enter to start the meeting")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Meeting started")
        try tmux.press("3")
        try tmux.press("s")
        try tmux.waitFor(text: "discussing")
    }

    /// The bug: the terminal was restored before the screen was read, so the dump was empty.
    @Test func liveDumpScreenWritesTheLastScreenAtTheTerminalsSize() throws {
        let (dir, journal) = try newMeeting()
        let dump = dir.file("end.txt")
        let tmux = try TmuxSession(command: "\(Binary.marac) run \(journal) --data-dir \(dir.path) --dump-screen \(dump); echo \"[exit $?]\"",
                                   cols: 100, rows: 30)
        try tmux.waitFor(text: "Press Enter to start the meeting")
        try tmux.press("q")
        try tmux.waitFor(text: "Quit")
        try tmux.press("y")
        try tmux.waitFor(text: "[exit 0]")
        let text = try String(contentsOfFile: dump, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 30)
        #expect(text.contains("Press Enter to start the meeting"))
        #expect(lines.contains { $0.count > 80 })   // drawn at 100 columns, not at a default 80
    }

    /// A 3-line note pasted with bracketed paste (`paste-buffer -p`): it lands in the note field as
    /// text and keeps its lines — on three rows of the form, in the journal, on the case screen and
    /// in the minutes (Markdown, HTML, JSON, and Word read by python-docx). Before, the first newline
    /// saved the note and "u" / "n" at line starts ran as commands; then the lines were joined.
    @Test func aPastedThreeLineNoteLandsInTheNote() throws {
        let (dir, journal) = try newMeeting()
        let tmux = try TmuxSession(command: "exec \(Binary.marac) run \(journal) --data-dir \(dir.path)", cols: 120, rows: 40)
        try onTheFirstCase(tmux)
        try tmux.press("o")
        try tmux.waitFor(text: "Add a note")
        try tmux.type("Police"); try tmux.press("Tab"); try tmux.press("Tab")
        let note = dir.file("note.txt")
        let lines = ["Seen at home on 28/11", "under review by the Idva", "no contact since"]
        try (lines.joined(separator: "\n") + "\n").write(toFile: note, atomically: true, encoding: .utf8)
        try tmux.loadBuffer(note)
        try tmux.pasteBuffer()
        let form = try tmux.waitFor(text: "no contact since")
        #expect(form.contains("Add a note"))   // nothing in the paste saved or closed the form
        #expect(Self.rowsFollowEachOther(lines, in: form), "the note's lines are not on three rows:\n\(form)")
        try tmux.press("C-s")
        let caseScreen = try tmux.waitFor("the note saved") { !$0.contains("Add a note") && $0.contains("no contact since") }
        #expect(Self.rowsFollowEachOther(lines, in: caseScreen), "the case screen joined the note's lines:\n\(caseScreen)")
        let state = MeetingState.fold(try JournalReader.read(path: journal).events)
        let notes = state.cases.values.flatMap(\.notes).map(\.text)
        #expect(notes == [lines.joined(separator: "\n")])   // the trailing line break of the paste is trimmed
        #expect(!state.isClosed && state.actions.isEmpty)

        let out = dir.file("minutes")
        for format in ["md", "html", "json", "docx"] {
            try run(Binary.marac, ["export", journal, "--format", format, "--out", out])
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        func read(_ ext: String) throws -> String {
            let name = try #require(files.first { $0.hasSuffix("." + ext) }, "no .\(ext) in \(files)")
            return try String(contentsOfFile: out + "/" + name, encoding: .utf8)
        }
        let markdown = try read("md").split(separator: "\n").map(String.init)
        let first = try #require(markdown.firstIndex { $0.contains(lines[0]) }, "the note is not in the Markdown minutes")
        #expect(markdown[first].hasSuffix(lines[0] + "  "))        // a Markdown line break
        #expect(markdown[first + 1].trimmingCharacters(in: .whitespaces) == lines[1])
        #expect(markdown[first + 2].trimmingCharacters(in: .whitespaces) == lines[2])
        #expect(try read("html").contains(lines.joined(separator: "<br/>")))
        #expect(try read("json").contains(lines.joined(separator: "\\n")))
        if let python = which("python3"), (try? run(python, ["-c", "import docx"])) != nil || ProcessInfo.processInfo.environment["CI"] != nil {
            let name = try #require(files.first { $0.hasSuffix(".docx") })
            let script = "import docx, sys\nfor p in docx.Document(sys.argv[1]).paragraphs:\n    print(repr(p.text))"
            let paragraphs = try run(python, ["-c", script, out + "/" + name])
            #expect(paragraphs.contains(lines.joined(separator: "\\n")), "Word did not keep the note's lines:\n\(paragraphs)")
        }
    }

    /// The line-break keys a chair types by hand, as a real terminal sends them: Ctrl-J (a line feed)
    /// and Alt-Enter (ESC then Enter, together). Enter still saves the note.
    @Test func ctrlJAndAltEnterStartANewLineInTheNote() throws {
        let (dir, journal) = try newMeeting()
        let tmux = try TmuxSession(command: "exec \(Binary.marac) run \(journal) --data-dir \(dir.path)", cols: 120, rows: 40)
        try onTheFirstCase(tmux)
        try tmux.press("o")
        try tmux.waitFor(text: "Add a note")
        try tmux.type("Police"); try tmux.press("Tab"); try tmux.press("Tab")
        try tmux.type("typed first")
        try tmux.sendRaw("\n")
        try tmux.type("typed second")
        try tmux.sendRaw("\u{1B}\r")
        try tmux.type("typed third")
        let form = try tmux.waitFor(text: "typed third")
        #expect(form.contains("Add a note"))
        #expect(Self.rowsFollowEachOther(["typed first", "typed second", "typed third"], in: form), "\(form)")
        try tmux.press("Enter")
        try tmux.waitFor("the note saved") { !$0.contains("Add a note") }
        let state = MeetingState.fold(try JournalReader.read(path: journal).events)
        #expect(state.cases.values.flatMap(\.notes).map(\.text) == ["typed first\ntyped second\ntyped third"])
    }

    /// Each text on its own row, one row after the other, in the order given.
    static func rowsFollowEachOther(_ texts: [String], in screen: String) -> Bool {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = rows.firstIndex(where: { $0.contains(texts[0]) }) else { return false }
        return texts.enumerated().allSatisfy { i, text in first + i < rows.count && rows[first + i].contains(text)
            && !rows[first + i].contains(texts[(i + 1) % texts.count]) || texts.count == 1 }
    }

    /// End and Home as tmux, rxvt, PuTTY and xterm send them, raw (`send-keys -H`): in a note field
    /// the cursor goes to the end or the start, and nothing else is typed.
    @Test func homeAndEndInEveryCommonFormMoveTheCursor() throws {
        let (dir, journal) = try newMeeting()
        let tmux = try TmuxSession(command: "exec \(Binary.marac) run \(journal) --data-dir \(dir.path)")
        try onTheFirstCase(tmux)
        try tmux.press("o")
        try tmux.waitFor(text: "Add a note")
        try tmux.type("Police"); try tmux.press("Tab"); try tmux.press("Tab")
        try tmux.type("mid")
        let homes = ["\u{1B}[1~", "\u{1B}[7~", "\u{1B}[H", "\u{1B}OH"]
        let ends = ["\u{1B}[4~", "\u{1B}[8~", "\u{1B}[F", "\u{1B}OF"]
        for (i, (home, end)) in zip(homes, ends).enumerated() {
            try tmux.sendRaw(home); try tmux.type("<")
            try tmux.sendRaw(end); try tmux.type(">")
            let expected = String(repeating: "<", count: i + 1) + "mid" + String(repeating: ">", count: i + 1)
            try tmux.waitFor(text: expected)
        }
        // An unknown sequence is dropped whole; F-keys and Delete in their other forms decode too.
        try tmux.sendRaw("\u{1B}[99~"); try tmux.sendRaw("\u{1B}[3~"); try tmux.type("!")
        try tmux.waitFor(text: "<<<<mid>>>>!")
        #expect(!(try tmux.screen()).contains("99~"))
        try tmux.sendRaw("\u{1B}[24~")   // F12 as vt220/tmux send it: the privacy screen
        try tmux.waitFor(text: "Screen hidden")
    }
    /// F1 and PgUp/PgDn in their other common forms, raw (`send-keys -H`): F1 opens help whichever form
    /// it comes in — xterm's SS3 `ESC O P`, rxvt and PuTTY's `ESC [ 11 ~`, the Linux console's
    /// `ESC [ [ A` — and vt220 PgDn/PgUp (`ESC [ 6 ~` / `5 ~`) scroll it. None of their bytes is typed
    /// as a key (the case screen would act on `[`, `1`, `~`). (Shift-F1, `ESC [ 1 ; 2 P`, is F13 in
    /// xterm's terminfo, which ncurses decodes and marac ignores, so it is not in the list.)
    @Test func functionAndPageKeysInEveryCommonForm() throws {
        let (dir, journal) = try newMeeting()
        let tmux = try TmuxSession(command: "exec \(Binary.marac) run \(journal) --data-dir \(dir.path)")
        try onTheFirstCase(tmux)
        let heading = "screen (this one)"
        for f1 in ["\u{1B}OP", "\u{1B}[11~", "\u{1B}[[A"] {
            try tmux.sendRaw(f1)
            try tmux.waitFor(text: heading)
            try tmux.sendRaw("\u{1B}[6~")
            try tmux.waitFor("PgDn scrolled help") { !$0.contains(heading) && $0.contains("Help") }
            try tmux.sendRaw("\u{1B}[5~")
            try tmux.waitFor(text: heading)
            try tmux.press("Escape")
            try tmux.waitFor("help closed") { !$0.contains(heading) }
        }
        let screen = try tmux.screen()
        #expect(screen.contains("discussing"))   // still on the case, nothing else happened
        let state = MeetingState.fold(try JournalReader.read(path: journal).events)
        #expect(state.cases.values.allSatisfy { $0.notes.isEmpty } && state.actions.isEmpty && state.activeCase != nil)
    }
}
