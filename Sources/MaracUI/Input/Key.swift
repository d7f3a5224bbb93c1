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
