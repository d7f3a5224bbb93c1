import MaracUI
import Testing
@testable import MaracTerminal

/// Escape sequences and bracketed pastes, fed to the assembler as ncurses hands them over: ESC
/// and then plain characters for every sequence its terminfo entry does not know.
@Suite struct InputAssemblerTests {
    /// Decodes `bytes` (as characters, ESC written as \u{1B}, CR as \r) the way the terminal port does.
    static func assemble(_ bytes: String, extra: [TerminalInput] = []) -> [InputAssembler.Output] {
        var reads: [TerminalInput] = bytes.unicodeScalars.compactMap { KeyDecoder.decode(status: 0, code: $0.value) } + extra
        var assembler = InputAssembler()
        var out: [InputAssembler.Output] = []
        var idle = 0
        while idle < 3 {
            if let next = assembler.next(timeoutMillis: 0, read: { _ in reads.isEmpty ? nil : reads.removeFirst() }) {
                out.append(next); idle = 0
            } else if reads.isEmpty {
                idle += 1   // nothing left to read: a few empty answers more flush anything pushed back
            }
        }
        return out
    }

    static let sequences: [(String, Key)] = [
        // End and Home in every common form: vt220/tmux/screen/PuTTY/Linux console, rxvt, xterm, SS3.
        ("\u{1B}[4~", .end), ("\u{1B}[8~", .end), ("\u{1B}[F", .end), ("\u{1B}OF", .end),
        ("\u{1B}[1~", .home), ("\u{1B}[7~", .home), ("\u{1B}[H", .home), ("\u{1B}OH", .home),
        ("\u{1B}[2~", .insert), ("\u{1B}[3~", .delete), ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown),
        ("\u{1B}[A", .up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
        ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left),
        ("\u{1B}[1;5A", .up), ("\u{1B}[1;2D", .left), ("\u{1B}[3;5~", .delete), ("\u{1B}[7^", .home), ("\u{1B}[8$", .end),
        ("\u{1B}[Z", .backTab), ("\u{1B}OM", .enter),
        ("\u{1B}OP", .function(1)), ("\u{1B}OQ", .function(2)), ("\u{1B}OR", .function(3)), ("\u{1B}OS", .function(4)),
        ("\u{1B}[11~", .function(1)), ("\u{1B}[15~", .function(5)), ("\u{1B}[17~", .function(6)),
        ("\u{1B}[21~", .function(10)), ("\u{1B}[23~", .function(11)), ("\u{1B}[24~", .function(12)),
        ("\u{1B}[1;2P", .function(1)),
        ("\u{1B}[[A", .function(1)), ("\u{1B}[[E", .function(5)),    // the Linux console
    ]

    @Test("every common form of a key decodes to that key", arguments: sequences)
    func sequence(bytes: String, key: Key) {
        #expect(Self.assemble(bytes) == [.key(key)])
    }

    @Test func unknownSequencesAreDroppedWholeNeverReadAsKeys() {
        // `ESC [ 99 ~`, a focus report, a mouse-ish sequence, an SS3 the table lacks, a far too long one.
        let junk = "\u{1B}[99~\u{1B}[I\u{1B}[<0;1;2M\u{1B}Oz\u{1B}[" + String(repeating: "1", count: 40) + "~"
        #expect(Self.assemble(junk + "a") == [.key(.char("a"))])
    }

    @Test func aLoneEscapeIsEscapeAndEscapeThenAKeyIsBoth() {
        #expect(Self.assemble("\u{1B}") == [.key(.escape)])
        #expect(Self.assemble("\u{1B}q") == [.key(.escape), .key(.char("q"))])
        #expect(Self.assemble("\u{1B}\u{1B}[4~") == [.key(.escape), .key(.end)])
    }

    /// Alt-Enter arrives as ESC and Enter together; it is one key (a new line in a note), never Esc
    /// (which would close the form) then Enter. Ctrl-J (a line feed) is the line-break key, and a
    /// paste that holds line feeds keeps them as text.
    @Test func altEnterAndCtrlJAreTheLineBreakKey() {
        #expect(Self.assemble("\u{1B}\r") == [.key(.altEnter)])
        #expect(Self.assemble("a\nb") == [.key(.char("a")), .key(.lineBreak), .key(.char("b"))])
        #expect(Self.assemble("\u{1B}[200~one\ntwo\r\nthree\u{1B}[201~") == [.paste("one\ntwo\nthree")])   // CR LF is one break
    }

    @Test func aSequenceCutShortByAKeyDropsTheSequenceAndKeepsTheKey() {
        #expect(Self.assemble("\u{1B}[1\r") == [.key(.enter)])
    }

    @Test func aBracketedPasteIsTextOnlyWithNoKeysInIt() {
        // A three-line note; the second line starts with shortcut letters, the third has an ESC and Ctrl-S.
        let pasted = "Seen at home\runder review\r\u{1B}q\u{13}done"
        let out = Self.assemble("\u{1B}[200~" + pasted + "\u{1B}[201~x")
        #expect(out == [.paste("Seen at home\nunder review\nqdone"), .key(.char("x"))])
    }

    @Test func sequencesInsideAPasteAreDroppedAndKeyCodesToo() {
        let out = Self.assemble("\u{1B}[200~a\u{1B}[4~b\tc", extra: [.key(.up), .resize, .key(.char("d"))]
                                + Self.keys("\u{1B}[201~"))
        #expect(out == [.paste("ab\tcd"), .resize])
    }

    @Test func aPasteWithoutItsEndMarkerEndsWhenInputStops() {
        #expect(Self.assemble("\u{1B}[200~half a note") == [.paste("half a note")])
    }

    static func keys(_ bytes: String) -> [TerminalInput] {
        bytes.unicodeScalars.compactMap { KeyDecoder.decode(status: 0, code: $0.value) }
    }
}
