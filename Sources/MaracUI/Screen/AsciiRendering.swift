/// Which characters the terminal can show.
public enum Charset: String, Sendable, Equatable {
    /// UTF-8 locale and a terminal with Unicode fonts: draw every cluster.
    case unicode
    /// A non-UTF-8 locale, the Linux console, a VT100 or `--ascii`: ASCII plus the terminal's own
    /// line-drawing characters (ncurses ACS).
    case ascii
}

/// What the terminal is, as far as marac needs to know before starting the screen.
public enum TerminalSupport: Equatable, Sendable {
    case screen(Charset)
    /// No screen can be drawn: the one line to print before exiting with status 2.
    case unsupported(String)

    /// The environment variable that `--ascii` and `--unicode` set (and a user may set).
    public static let forceVariable = "MARAC_CHARSET"

    /// Decides from TERM, whether the locale's character set is UTF-8 and any forced choice. (A TERM
    /// that terminfo does not know is found when curses starts: the same one line, status 2.)
    public static func detect(term: String?, localeIsUTF8: Bool, forced: String?) -> TerminalSupport {
        let term = term ?? ""
        if term.isEmpty || term == "dumb" {
            return .unsupported("this terminal cannot show marac's screen (TERM is \(term.isEmpty ? "not set" : "'dumb'")); "
                + "run it in a terminal emulator, for example with TERM=xterm-256color, or use --screen-reader, which needs no screen")
        }
        switch forced?.lowercased() {
        case "ascii": return .screen(.ascii)
        case "unicode": return .screen(.unicode)
        default: break
        }
        if !localeIsUTF8 { return .screen(.ascii) }
        // The Linux console's font has no room for most of Unicode, and a VT100 has none.
        if term == "linux" || term.hasPrefix("vt") || term == "ansi" || term.hasPrefix("cons") { return .screen(.ascii) }
        return .screen(.unicode)
    }
}

/// A TERM value is printed back to the user: keep it to printable ASCII.
public enum SafeTerminalName {
    public static func clean(_ term: String) -> String {
        String(String.UnicodeScalarView(term.unicodeScalars.prefix(40).map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? $0 : "?" }))
    }
}

/// How a frame drawn with Unicode looks on an ASCII terminal, cell by cell, keeping every cluster
/// in its columns so the layout is the same in both modes:
/// - box-drawing lines become the terminal's line-drawing characters (ncurses ACS; in the text
///   form used by goldens and `--dump-screen`, "|", "-" and "+");
/// - the UI's symbols become ASCII symbols of the same width (▶ ">", ⚠ "!", ✓ "x", … "~");
/// - letters with accents become their base letter (é "e", Ł "L") and anything else "?", one per
///   column, and the cell is marked (underlined) so a transliterated name is never taken for the
///   real spelling. The journal and the documents keep the real text.
public enum AsciiRendering {
    /// ACS line characters by the VT100 alternate-charset letter ncurses uses for them.
    public enum Line: Character, Sendable {
        case vertical = "x", horizontal = "q", upperLeft = "l", upperRight = "k", lowerLeft = "m", lowerRight = "j"
        case teeLeft = "t", teeRight = "u", teeDown = "w", teeUp = "v", cross = "n"

        /// The plain ASCII a terminal without line drawing shows (ncurses' own fallback).
        public var ascii: String {
            switch self {
            case .vertical: return "|"
            case .horizontal: return "-"
            default: return "+"
            }
        }
    }

    public enum Glyph: Equatable, Sendable {
        case line(Line)
        /// ASCII text exactly as wide as the cluster it replaces; `marked` when it stands for other letters.
        case text(String, marked: Bool)
    }

    static let lines: [Character: Line] = [
        "│": .vertical, "┃": .vertical, "║": .vertical, "─": .horizontal, "━": .horizontal, "═": .horizontal,
        "┌": .upperLeft, "╭": .upperLeft, "╔": .upperLeft, "┐": .upperRight, "╮": .upperRight, "╗": .upperRight,
        "└": .lowerLeft, "╰": .lowerLeft, "╚": .lowerLeft, "┘": .lowerRight, "╯": .lowerRight, "╝": .lowerRight,
        "├": .teeLeft, "┤": .teeRight, "┬": .teeDown, "┴": .teeUp, "┼": .cross,
    ]

    /// The UI's own symbols, each with a one-column ASCII stand-in.
    static let symbols: [Character: Character] = [
        "·": "-", "•": "*", "—": "-", "–": "-", "…": "~", "→": ">", "←": "<", "↑": "^", "↓": "v", "↳": ">",
        "▶": ">", "▸": ">", "›": ">", "»": ">", "▲": "^", "▼": "v", "✓": "x", "✔": "x", "✗": "-", "✘": "-",
        "×": "x", "⚠": "!", "○": "o", "●": "*", "■": "#", "▪": "#", "█": "#", "▀": "#", "▄": "#", "░": ":",
        "▒": ":", "▓": "#", "Ⅱ": "=", "§": "S", "£": "L", "€": "E", "‘": "'", "’": "'", "“": "\"", "”": "\"",
        "\u{00A0}": " ",
    ]

    /// Letters that do not decompose to an ASCII base letter.
    static let letters: [Character: Character] = [
        "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "Æ": "A", "æ": "a", "Œ": "O", "œ": "o",
        "ß": "s", "Þ": "T", "þ": "t", "ı": "i", "Ħ": "H", "ħ": "h", "Ŀ": "L", "ŀ": "l", "Ŧ": "T", "ŧ": "t",
    ]

    public static func glyph(for cell: Cell) -> Glyph {
        let text = cell.text
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return .text(text, marked: false) }
        let width = max(1, cell.width)
        guard let ch = text.first else { return .text(String(repeating: " ", count: width), marked: false) }
        if let line = lines[ch], text.count == 1 { return .line(line) }
        if let symbol = symbols[ch], text.count == 1 { return .text(String(symbol) + String(repeating: " ", count: width - 1), marked: false) }
        if let letter = baseLetter(ch) {
            return .text(String(letter) + String(repeating: " ", count: width - 1), marked: true)
        }
        return .text(String(repeating: "?", count: width), marked: true)
    }

    /// "é" → "e", "ễ" → "e", "Ł" → "L", "e" + U+0301 → "e"; nil for letters of other scripts.
    static func baseLetter(_ ch: Character) -> Character? {
        if let letter = letters[ch] { return letter }
        var scalars = ch.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return nil }
        // The rest may only be non-spacing marks (accents typed as combining characters).
        while let next = scalars.next() {
            if next.properties.generalCategory != .nonspacingMark { return nil }
        }
        if first.isASCII { return first.properties.isAlphabetic ? Character(first) : nil }
        // A precomposed Latin letter names its base: "LATIN SMALL LETTER E WITH CIRCUMFLEX AND TILDE".
        guard let name = first.properties.name else { return nil }
        for (prefix, lower) in [("LATIN SMALL LETTER ", true), ("LATIN CAPITAL LETTER ", false)] where name.hasPrefix(prefix) {
            guard let letter = name.dropFirst(prefix.count).first, letter.isASCII, letter.isLetter else { return nil }
            return lower ? Character(letter.lowercased()) : letter
        }
        return nil
    }

    /// Whether the Linux console (in a UTF-8 locale) can show this cluster as it is: its font holds
    /// the Latin, Greek and Cyrillic letters below U+0530, so names in those scripts keep their real
    /// spelling there; symbols and line drawing still go the ASCII way.
    public static func linuxConsoleShows(_ cell: Cell) -> Bool {
        guard cell.width == 1, let first = cell.text.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return cell.text.unicodeScalars.allSatisfy { $0.value < 0x0530 }
    }

    /// The frame as an ASCII terminal shows it, as text (goldens, `--dump-screen` in ASCII mode).
    public static func lines(of buffer: ScreenBuffer) -> [String] {
        (0..<buffer.size.rows).map { y in
            var line = ""
            for x in 0..<buffer.size.cols {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                switch glyph(for: cell) {
                case .line(let l): line += l.ascii
                case .text(let t, _): line += t
                }
            }
            return line
        }
    }
}

