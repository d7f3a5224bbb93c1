import Testing
@testable import MaracUI

/// Which terminals get Unicode, which ASCII, and which no screen at all (issue #13).
struct TerminalSupportTests {
    @Test func dumbOrMissingTerminalsGetOneLineAndNoScreen() {
        for term: String? in [nil, "", "dumb"] {
            guard case .unsupported(let message) = TerminalSupport.detect(term: term, localeIsUTF8: true, forced: nil) else {
                Issue.record("\(term ?? "nil"): expected unsupported"); continue
            }
            #expect(!message.contains("\n"))
            #expect(message.contains("TERM"))
        }
    }

    @Test func theChoiceIsAutomaticAndCanBeForced() {
        #expect(TerminalSupport.detect(term: "xterm-256color", localeIsUTF8: true, forced: nil) == .screen(.unicode))
        #expect(TerminalSupport.detect(term: "xterm-256color", localeIsUTF8: false, forced: nil) == .screen(.ascii))
        #expect(TerminalSupport.detect(term: "linux", localeIsUTF8: true, forced: nil) == .screen(.ascii))
        #expect(TerminalSupport.detect(term: "vt100", localeIsUTF8: true, forced: nil) == .screen(.ascii))
        #expect(TerminalSupport.detect(term: "xterm-256color", localeIsUTF8: true, forced: "ascii") == .screen(.ascii))
        #expect(TerminalSupport.detect(term: "linux", localeIsUTF8: false, forced: "unicode") == .screen(.unicode))
        // Forcing never makes a dumb terminal draw.
        #expect(TerminalSupport.detect(term: "dumb", localeIsUTF8: true, forced: "unicode") != .screen(.unicode))
    }

    @Test func asciiRenderingKeepsEveryClusterInItsColumns() {
        var buffer = ScreenBuffer(size: Size(cols: 40, rows: 2))
        buffer.put("│ ▶ Łódź · ✓ done … 王小明 ⚠", col: 0, row: 0)
        buffer.put("Nguye\u{0302}\u{0303}n স্বপ্না", col: 0, row: 1)
        let lines = AsciiRendering.lines(of: buffer)
        #expect(lines[0].hasPrefix("| > Lodz - x done ~ ?????? !"))
        #expect(lines[1].hasPrefix("Nguyen ?????"))
        // Same width as the Unicode frame, row for row: nothing moves.
        for (ascii, unicode) in zip(lines, buffer.lines()) { #expect(ascii.count == CharWidth.of(unicode)) }
        // Transliterated letters are marked; ASCII and symbols are not.
        #expect(AsciiRendering.glyph(for: buffer[4, 0]) == .text("L", marked: true))
        #expect(AsciiRendering.glyph(for: buffer[2, 0]) == .text(">", marked: false))
        #expect(AsciiRendering.glyph(for: buffer[0, 0]) == .line(.vertical))
    }

    @Test func theLinuxConsoleKeepsEuropeanLettersButNotSymbolsOrOtherScripts() {
        #expect(AsciiRendering.linuxConsoleShows(Cell("Ł")))
        #expect(AsciiRendering.linuxConsoleShows(Cell("ж")))
        #expect(AsciiRendering.linuxConsoleShows(Cell("e\u{301}")))
        #expect(!AsciiRendering.linuxConsoleShows(Cell("│")))
        #expect(!AsciiRendering.linuxConsoleShows(Cell("·")))
        #expect(!AsciiRendering.linuxConsoleShows(Cell("স")))
        #expect(!AsciiRendering.linuxConsoleShows(Cell("王", width: 2)))
    }
}
