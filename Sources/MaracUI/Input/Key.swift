/// A key press, decoded once at the edge (ncurses, or a `--keys` script) into this type.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    case enter, tab, backTab, escape, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    /// Ctrl plus a letter, lower case: `.ctrl("l")`.
    case ctrl(Character)

    /// Vim-style notation, the same as `--keys` files use.
    public var description: String {
        switch self {
        case .char(let c): return c == "<" ? "<lt>" : c == " " ? "<Space>" : String(c)
        case .enter: return "<Enter>"
        case .tab: return "<Tab>"
        case .backTab: return "<S-Tab>"
        case .escape: return "<Esc>"
        case .backspace: return "<BS>"
        case .delete: return "<Del>"
        case .insert: return "<Ins>"
        case .up: return "<Up>"
        case .down: return "<Down>"
        case .left: return "<Left>"
        case .right: return "<Right>"
        case .home: return "<Home>"
        case .end: return "<End>"
        case .pageUp: return "<PageUp>"
        case .pageDown: return "<PageDown>"
        case .function(let n): return "<F\(n)>"
        case .ctrl(let c): return "<C-\(c)>"
        }
    }
}

extension Key {
    /// Ctrl-J (a line feed, byte 0x0A) — and Alt-Enter, which the terminal sends as ESC then Enter —
    /// types a line break in a note (`FormField.Kind.prose`). Everywhere else it is Enter, as it was
    /// before notes kept their lines (a terminal that sends a line feed for Enter still works).
    public static let lineBreak = Key.ctrl("j")

    /// The key as a screen reads it outside a note: a line break is Enter.
    public var enterForLineBreak: Key { self == .lineBreak ? .enter : self }
}
