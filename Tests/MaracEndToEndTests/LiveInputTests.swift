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
    /// text. Before, the first newline saved the note and "u" / "n" at line starts ran as commands.
    @Test func aPastedThreeLineNoteLandsInTheNote() throws {
        let (dir, journal) = try newMeeting()
        let tmux = try TmuxSession(command: "exec \(Binary.marac) run \(journal) --data-dir \(dir.path)")
        try onTheFirstCase(tmux)
        try tmux.press("o")
        try tmux.waitFor(text: "Add a note")
        try tmux.type("Police"); try tmux.press("Tab"); try tmux.press("Tab")
        let note = dir.file("note.txt")
        try "Seen at home on 28/11\nunder review by the Idva\nno contact since\n".write(toFile: note, atomically: true, encoding: .utf8)
        try tmux.loadBuffer(note)
        try tmux.pasteBuffer()
        try tmux.waitFor(text: "no contact since")
        #expect(try tmux.screen().contains("Add a note"))   // nothing in the paste saved or closed the form
        try tmux.press("C-s")
        try tmux.waitFor("the note saved") { !$0.contains("Add a note") }
        let state = MeetingState.fold(try JournalReader.read(path: journal).events)
        let notes = state.cases.values.flatMap(\.notes).map(\.text)
        #expect(notes == ["Seen at home on 28/11 under review by the Idva no contact since"])
        #expect(!state.isClosed && state.actions.isEmpty)
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
}
