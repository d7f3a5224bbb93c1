import MaracUI

/// What one read from the terminal produced.
public enum TerminalInput: Hashable, Sendable {
    case key(Key)
    /// The terminal changed size; ask the terminal for the new `size`.
    case resize
}

/// Turns what `wget_wch` returned into a typed input, in one place. Pure: the numbers
/// are ncurses' own constants, so the table can be tested without a terminal.
public enum KeyDecoder {
    /// `wget_wch`'s return value for "a character" (`OK`).
    public static let characterStatus: Int32 = 0
    /// `wget_wch`'s return value for "a key code" (`KEY_CODE_YES`, 0o400).
    public static let keyCodeStatus: Int32 = 0o400

    /// ncurses key codes (`<ncursesw/curses.h>`; these values are fixed by the X/Open curses ABI).
    public enum Code {
        public static let down: UInt32 = 0o402, up: UInt32 = 0o403, left: UInt32 = 0o404, right: UInt32 = 0o405
        public static let home: UInt32 = 0o406, backspace: UInt32 = 0o407, f0: UInt32 = 0o410
        public static let deleteChar: UInt32 = 0o512, nextPage: UInt32 = 0o522, previousPage: UInt32 = 0o523
        public static let enter: UInt32 = 0o527, backTab: UInt32 = 0o541, end: UInt32 = 0o550
        /// Some terminals (PuTTY, xterm in vt220 mode) send Find/Select for Home/End.
        public static let find: UInt32 = 0o552, select: UInt32 = 0o601
        public static let resize: UInt32 = 0o632
        public static func function(_ n: Int) -> UInt32 { f0 + UInt32(n) }
    }

    /// - Parameters:
    ///   - status: `wget_wch`'s return value: `OK` (a character), `KEY_CODE_YES` (a key code), `ERR` (timeout).
    ///   - code: the `wint_t` it stored.
    /// - Returns: nil for a timeout and for anything the UI has no use for (unknown keys, NUL, C1 controls).
    public static func decode(status: Int32, code: UInt32) -> TerminalInput? {
        switch status {
        case characterStatus: return decodeCharacter(code).map(TerminalInput.key)
        case keyCodeStatus: return decodeKeyCode(code)
        default: return nil
        }
    }

    static func decodeCharacter(_ code: UInt32) -> Key? {
        switch code {
        case 13: return .enter              // nonl() gives \r for the Enter key
        case 10: return .lineBreak          // Ctrl-J: a line break in a note, Enter anywhere else (Key.lineBreak)
        case 9: return .tab
        case 27: return .escape
        case 127, 8: return .backspace      // DEL (most terminals) and ^H (some)
        case 1...26:                        // raw(): Ctrl-C, Ctrl-S, Ctrl-Q, Ctrl-Z arrive as keys
            return .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        case 0..<32, 0x7F..<0xA0: return nil  // NUL, Ctrl-\ ] ^ _, C1 controls: never text
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }

    static func decodeKeyCode(_ code: UInt32) -> TerminalInput? {
        switch code {
        case Code.resize: return .resize
        case Code.enter: return .key(.enter)
        case Code.backTab: return .key(.backTab)
        case Code.backspace: return .key(.backspace)
        case Code.deleteChar: return .key(.delete)
        case Code.up: return .key(.up)
        case Code.down: return .key(.down)
        case Code.left: return .key(.left)
        case Code.right: return .key(.right)
        case Code.home, Code.find: return .key(.home)
        case Code.end, Code.select: return .key(.end)
        case Code.previousPage: return .key(.pageUp)
        case Code.nextPage: return .key(.pageDown)
        case Code.function(1)...Code.function(12): return .key(.function(Int(code - Code.f0)))
        default: return nil
        }
    }
}
