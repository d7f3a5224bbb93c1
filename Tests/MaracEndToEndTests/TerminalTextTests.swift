import MaracTestSupport
import Foundation
import MaracCore
import MaracJournal
import Testing

/// Names in every script and terminals of every kind, through the real binary in tmux (issue #13).
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable || ProcessInfo.processInfo.environment["CI"] != nil,
                             "tmux is not installed (CI installs it)"))
struct TerminalTextTests {
    /// The representative the issue typed: Bengali and Gurmukhi with spacing vowel signs, a flag
    /// and a skin tone. It must read back from the terminal letter for letter.
    static let name = "স্বপ্না ਪੰਜਾਬੀ 🇬🇧 👍🏽"

    @Test func aNameInBengaliAndGurmukhiWithAFlagReadsBackWhole() throws {
        let dir = try TempFolder()
        let tmux = try TmuxSession(command: "\(Binary.marac) demo; echo \"[exit $?]\"", cols: 120, rows: 40,
                                   environment: ["TMPDIR": dir.path, "MARAC_DATA_DIR": dir.path])
        try tmux.waitFor(text: "Press Enter to start the meeting")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Meeting started")
        try tmux.press("a")
        try tmux.waitFor(text: "Add to the attendance register")
        try tmux.type("Police"); try tmux.press("Tab")
        try tmux.type(Self.name); try tmux.press("Tab"); try tmux.press("Tab")
        try tmux.type("yes"); try tmux.press("C-s")
        let screen = try tmux.waitFor("the register to show the new name") { $0.contains("স্বপ্না") && !$0.contains("Add to the attendance") }
        let row = try #require(screen.split(separator: "\n").first { $0.contains("স্বপ্না") }.map(String.init))
        #expect(row.contains(Self.name), "the register row lost letters: \(row.unicodeScalars.map { String($0.value, radix: 16) })")
        try tmux.press("q"); try tmux.waitFor(text: "saved"); try tmux.press("y")
        try tmux.waitFor(text: "[exit 0]")

        // And the journal holds it exactly as typed.
        let journal = try #require(try FileManager.default.subpathsOfDirectory(atPath: dir.path).first { $0.hasSuffix(".jsonl") })
        let state = MeetingState.fold(try JournalReader.read(path: dir.file(journal)).events)
        #expect(state.attendance.map(\.representative).contains(Self.name))
    }

    /// No screen can be drawn on TERM=dumb, with TERM unset, or on a terminal terminfo does not
    /// know: one line on stderr and status 2, not a blank screen.
    @Test func aTerminalThatCannotShowTheScreenGetsOneLineAndStatus2() throws {
        for (label, term) in [("dumb", "TERM=dumb"), ("unset", "-u TERM"), ("unknown", "TERM=no-such-terminal-13")] {
            let dir = try TempFolder()
            let tmux = try TmuxSession(command: "env \(term) \(Binary.marac) demo 2> \(dir.file("err.txt")); echo \"[exit $?]\"",
                                       environment: ["TMPDIR": dir.path, "MARAC_DATA_DIR": dir.path])
            try tmux.waitFor(text: "[exit 2]")
            let err = try String(contentsOfFile: dir.file("err.txt"), encoding: .utf8)
            #expect(err.split(separator: "\n").count == 1, "\(label): \(err)")
            #expect(err.contains("TERM"), "\(label): \(err)")
        }
    }

    /// TERM=vt100 (and the Linux console, a non-UTF-8 locale, --ascii): ASCII and line drawing,
    /// never a Unicode symbol the terminal would show as garbage.
    @Test func aVT100GetsASCIIAndLineDrawing() throws {
        for (label, prefix, flag) in [("vt100", "env TERM=vt100", ""), ("latin-1 locale", "env LC_ALL=C", ""),
                                      ("forced", "", " --ascii")] {
            let dir = try TempFolder()
            let tmux = try TmuxSession(command: "\(prefix) \(Binary.marac) demo\(flag); echo \"[exit $?]\"",
                                       environment: ["TMPDIR": dir.path, "MARAC_DATA_DIR": dir.path])
            let screen = try tmux.waitFor(text: "Press Enter to start the meeting")
            #expect(screen.contains("> Press Enter"), "\(label): \(screen)")
            #expect(!screen.contains("▶") && !screen.contains("·"), "\(label): Unicode symbols on an ASCII terminal: \(screen)")
            try tmux.press("q")
            try? tmux.waitFor(text: "saved", timeout: 5)
            try tmux.press("y")
            try tmux.waitFor(text: "[exit 0]")
        }
    }
}
