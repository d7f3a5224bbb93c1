import MaracTestSupport
import Foundation
import Testing

/// `marac replay` in a real terminal (tmux, 80×24), as a trainer in front of a class uses it.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable || ProcessInfo.processInfo.environment["CI"] != nil,
                             "tmux is not installed (CI installs it)"))
struct ReplayLiveTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples").path

    /// `--pause-at amber` on the annotated sample stops at 10:00 of NV-3201 with the trainer's
    /// question on screen; Esc closes it, b bookmarks the moment in the notes file, q quits.
    @Test func pauseAtAmberShowsTheNoteThenBookmarks() throws {
        let dir = try TempFolder()
        let journal = dir.file("historical-overrun.jsonl")
        try FileManager.default.copyItem(atPath: Self.samples + "/historical-overrun.jsonl", toPath: journal)
        try FileManager.default.copyItem(atPath: Self.samples + "/historical-overrun.notes.yaml", toPath: dir.file("historical-overrun.notes.yaml"))
        let tmux = try TmuxSession(command: "\(Binary.marac) replay \(shellQuote(journal)) --speed 240 --pause-at amber; echo \"[exit $?]\"",
                                   environment: ["TMPDIR": dir.path, "MARAC_DATA_DIR": dir.path])
        let stopped = try tmux.waitFor("the stop at NV-3201's target") { $0.contains("NV-3201 at 10:00") && $0.contains("PAUSED") }
        #expect(stopped.contains("What is current, relevant and"))
        #expect(stopped.contains("Discussion 10:00"))
        #expect(stopped.contains("Esc close note"))
        try tmux.press("Escape")
        try tmux.waitFor("the note closed") { !$0.contains("NV-3201 at 10:00") && $0.contains("Space play") }
        try tmux.press("b")
        try tmux.waitFor(text: "What to remember:")
        try tmux.type("Ask who knew of the threats")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Bookmark saved: NV-3201 at 10:00")
        let notes = try String(contentsOfFile: dir.file("historical-overrun.notes.yaml"), encoding: .utf8)
        #expect(notes.hasSuffix("  - case: \"NV-3201\"\n    time: \"10:00\"\n    bookmark: \"Ask who knew of the threats\"\n"))
        // The next key clears the message.
        try tmux.press("-")
        try tmux.waitFor("the message cleared") { !$0.contains("Bookmark saved") && $0.contains("120×") }
        try tmux.press("q")
        try tmux.waitFor(text: "Quit")
        try tmux.press("y")
        try tmux.waitFor(text: "[exit 0]")
    }
}
