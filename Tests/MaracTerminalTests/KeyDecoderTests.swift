import MaracUI
import Testing
@testable import MaracTerminal

/// The decoder table, with ncurses' numbers written out so a change to either side shows up.
@Suite struct KeyDecoderTests {
    static let ok: Int32 = 0, keyCode: Int32 = 256, err: Int32 = -1

    static let characters: [(UInt32, TerminalInput?)] = [
        (13, .key(.enter)), (10, .key(.lineBreak)), (9, .key(.tab)), (27, .key(.escape)),
        (127, .key(.backspace)), (8, .key(.backspace)),
        (3, .key(.ctrl("c"))), (1, .key(.ctrl("a"))), (12, .key(.ctrl("l"))), (17, .key(.ctrl("q"))),
        (19, .key(.ctrl("s"))), (26, .key(.ctrl("z"))),
        (0x61, .key(.char("a"))), (0x20, .key(.char(" "))), (0x3C, .key(.char("<"))),
        (0xE9, .key(.char("é"))), (0x4F1A, .key(.char("会"))), (0x2713, .key(.char("✓"))),
        (0x1F600, .key(.char("😀"))),
        (0, nil), (28, nil), (31, nil), (0x9B, nil), (0xD800, nil), (0x110000, nil),
    ]

    @Test("characters from wget_wch", arguments: characters)
    func character(code: UInt32, expected: TerminalInput?) {
        #expect(KeyDecoder.decode(status: Self.ok, code: code) == expected)
    }

    static let keyCodes: [(UInt32, TerminalInput?)] = [
        (343, .key(.enter)), (353, .key(.backTab)), (263, .key(.backspace)), (330, .key(.delete)),
        (259, .key(.up)), (258, .key(.down)), (260, .key(.left)), (261, .key(.right)),
        (262, .key(.home)), (360, .key(.end)), (362, .key(.home)), (385, .key(.end)),
        (339, .key(.pageUp)), (338, .key(.pageDown)),
        (265, .key(.function(1))), (269, .key(.function(5))), (276, .key(.function(12))),
        (410, .resize),
        (264, nil), (277, nil), (409, nil), (0, nil), (13, nil),
    ]

    @Test("key codes from wget_wch", arguments: keyCodes)
    func keyCodeTable(code: UInt32, expected: TerminalInput?) {
        #expect(KeyDecoder.decode(status: Self.keyCode, code: code) == expected)
    }

    @Test func timeoutIsNothing() {
        #expect(KeyDecoder.decode(status: Self.err, code: 0) == nil)
        #expect(KeyDecoder.decode(status: Self.err, code: 97) == nil)
    }

    @Test func tableMatchesTheCursesHeader() {
        #expect(KeyDecoder.codesMatchCurses())
    }
}
