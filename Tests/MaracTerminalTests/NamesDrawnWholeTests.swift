#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MaracUI
import Testing
@testable import MaracTerminal

/// Names from the scripts a UK caseload brings, drawn through the real ncurses backend: every
/// code point must reach the screen and nothing after the name may move (issue #13). Part of the
/// serialized headless suite: ncurses has one screen per process.
extension HeadlessTerminalTests {
    /// (script, name, columns the layout gives it).
    static let namesTable: [(script: String, name: String, width: Int)] = [
        ("Bengali", "স্বপ্না", 5),                      // conjuncts and the spacing vowel sign া
        ("Gurmukhi", "ਪੰਜਾਬੀ", 5),                     // tippi, spacing vowel signs ਾ ੀ
        ("Gujarati", "પ્રિયા પટેલ", 9),
        ("Devanagari", "प्रियंका शर्मा", 11),
        ("Tamil", "தமிழ்செல்வி", 9),
        ("Arabic", "محمد عبدالله", 12),
        ("Hebrew with points", "יִצְחָק כֹּהֵן", 8),
        ("Polish", "Łucja Wąsowska-Źródło", 21),
        ("Vietnamese precomposed", "Nguyễn Thị Hương", 16),
        ("Vietnamese decomposed", "Nguye\u{0302}\u{0303}n Thi\u{0323}", 10),
        ("Chinese", "王小明", 6),
        ("Korean", "김민준", 6),
        ("Flag", "Amira 🇬🇧", 8),
        ("Skin tone", "Sam 👍🏽", 6),
        ("ZWJ family", "Rees 👨‍👩‍👧", 7),
        ("Keycap and VS16", "Ayo ❤️", 6),
        ("Mixed, as the issue typed it", "স্বপ্না ਪੰਜਾਬੀ 🇬🇧 👍🏽", 17),
    ]

    @Test func everyNameKeepsEveryCodePointAndItsColumns() throws {
        let size = Size(cols: 40, rows: Self.namesTable.count)
        var frame = ScreenBuffer(size: size)
        for (row, entry) in Self.namesTable.enumerated() {
            #expect(CharWidth.of(entry.name) == entry.width, "\(entry.script): layout width")
            let end = frame.put("|" + entry.name, col: 0, row: row)
            frame.put("|", col: end, row: row)
        }
        let terminal = try NcursesTerminal(theme: .fallback, output: .headless(size), environment: [:])
        defer { terminal.restore() }
        terminal.draw(frame)
        let lines = terminal.dumpLines()
        for (row, entry) in Self.namesTable.enumerated() {
            let line = lines[row]
            // Every scalar, in order (VS16 on a narrow base is padded with one blank after it).
            let padding = entry.name.hasSuffix("❤️") ? " " : ""
            let expected = "|" + entry.name + padding + "|"
            #expect(line.hasPrefix(expected), "\(entry.script): drew \(Array(line.unicodeScalars.prefix(40)).map { String($0.value, radix: 16) })")
            // The closing bar sits exactly where the layout put it: ncurses' grid did not shift.
            #expect(terminal.inspect(col: 1 + entry.width, row: row)?.text == "|", "\(entry.script): grid shifted")
            #expect(terminal.inspect(col: size.cols - 1, row: row)?.text == " ", "\(entry.script): row overflowed")
        }
    }

    /// The pieces ncurses gets for a cluster, measured with the C library's widths.
    static func drawnPieces(_ text: String) -> [(String, Int)] {
        let cell = Cell(text, width: CharWidth.of(text))
        return NcursesTerminal.pieces(for: cell, terminalWidth: NcursesTerminal.cLibraryWidth).map { piece in
            (String(String.UnicodeScalarView(piece.scalars.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) })), piece.width)
        }
    }

    @Test func clustersSplitWhereTheCLibrarySeesSpacingCharacters() {
        // A conjunct with a spacing vowel sign: three columns, one piece per column.
        #expect(Self.drawnPieces("প্না").map(\.0) == ["প্", "ন", "া"])
        // A flag: two regional indicators side by side, one column each for the C library.
        #expect(Self.drawnPieces("🇬🇧").map(\.1) == [1, 1])
        // A skin tone: one two-column cell holding both code points.
        #expect(Self.drawnPieces("👍🏽").map(\.0) == ["👍🏽"])
        #expect(Self.drawnPieces("👍🏽").map(\.1) == [2])
        // VS16 on a narrow heart: the heart and its selector, then a blank to fill two columns.
        #expect(Self.drawnPieces("❤️").map(\.0) == ["❤️", " "])
    }

    @Test func aClusterLongerThanACellFallsBackToItsFirstEmoji() {
        // A family of four is seven code points; a curses cell holds five.
        let family = "👨‍👩‍👧‍👦"
        #expect(CharWidth.of(family) == 2)
        let drawn = Self.drawnPieces(family)
        #expect(drawn.map(\.0) == ["👨"])
        #expect(drawn.map(\.1) == [2])
    }
}

/// ASCII mode through real ncurses: line drawing as ACS, names transliterated and underlined.
extension HeadlessTerminalTests {
    @Test func linesBecomeLineDrawingAndNamesAreMarked() throws {
        let size = Size(cols: 30, rows: 2)
        var frame = ScreenBuffer(size: size)
        frame.put("│ ▶ Łucja 王 ✓", col: 0, row: 0)
        let terminal = try NcursesTerminal(theme: .fallback, output: .headless(size), environment: [:], charset: .ascii)
        defer { terminal.restore() }
        #expect(terminal.charset == .ascii)
        terminal.draw(frame)
        let line = terminal.dumpLines()[0]
        // The vertical bar is the terminal's line-drawing character: ncurses holds it as the ACS
        // letter "x" in the alternate character set (or its own Unicode or "|" stand-in).
        #expect(["x", "│", "|"].contains(line.first.map(String.init) ?? ""), "drew \(line)")
        #expect(line.dropFirst().hasPrefix(" > Lucja ?? x"), "drew \(line)")
        #expect(terminal.inspect(col: 4, row: 0)?.underline == true)     // Ł → L, marked
        #expect(terminal.inspect(col: 5, row: 0)?.underline == false)    // u is itself
        #expect(terminal.inspect(col: 10, row: 0)?.underline == true)    // 王 → ??, marked
    }
}
