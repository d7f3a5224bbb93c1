/// A key press, decoded once at the edge (ncurses, or a `--keys` script) into this type.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    case enter, tab, backTab, escape, backspace, delete, insert
    /// Alt-Enter (ESC and Enter arriving together): a line break in a note, nothing anywhere else.
    case altEnter
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    /// Ctrl plus a letter, lower case: `.ctrl("l")`.
    case ctrl(Character)

    /// Vim-style notation, the same as `--keys` files use.
    public var description: String {
        switch self {
        case .char(let c): return c == "<" ? "<lt>" : c == " " ? "<Space>" : String(c)
        case .enter: return "<Enter>"
        case .altEnter: return "<M-Enter>"
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
    /// Ctrl-J (a line feed, byte 0x0A) types a line break in a note (`FormField.Kind.prose`), as
    /// does `.altEnter`. Everywhere else Ctrl-J is Enter, as it was before notes kept their lines (a
    /// terminal that sends a line feed for Enter still works); Alt-Enter does nothing there, so Esc and
    /// Enter pressed together can never become Enter (a save) where Esc was meant.
    public static let lineBreak = Key.ctrl("j")

    /// Either key that types a line break in a note.
    public var typesLineBreak: Bool { self == .lineBreak || self == .altEnter }

    /// The key as a screen reads it outside a note: a line break is Enter.
    public var enterForLineBreak: Key { self == .lineBreak ? .enter : self }
}
