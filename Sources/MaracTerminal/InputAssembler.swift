import MaracUI

/// Escape sequences ncurses did not turn into a key code, decoded by hand.
///
/// ncurses (with `keypad`) knows only the sequences in the terminal's terminfo entry. Anything else
/// — `ESC [ 4 ~` (End, as tmux and PuTTY send it under `TERM=screen`), rxvt's `ESC [ 7 ~`, the Linux
/// console's `ESC [ [ A` — arrives as ESC followed by plain characters, which would otherwise be
/// read as keys (`[`, `4`, `~`). This table covers every common form of the keys the screen uses
/// (xterm, rxvt, the Linux console, tmux/screen, PuTTY); an unknown sequence is dropped whole.
public enum EscapeSequence {
    /// What a CSI sequence (`ESC [` params final) means, or nil for one to drop.
    public static func csi(params: String, final: Character) -> Key? {
        // Modifiers (`1;5A`: Ctrl-Up) do not change what the key does here: keep the base key.
        let first = params.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "P", "Q", "R", "S":       // xterm: F1–F4 with a modifier, `ESC [ 1 ; 2 P`
            return params.isEmpty ? nil : .function(Int(final.asciiValue! - Character("P").asciiValue!) + 1)
        case "~", "$", "^", "@":       // vt220 style; rxvt adds $ (Shift), ^ (Ctrl), @ (Ctrl-Shift)
            return tilde(Int(first))
        default: return nil
        }
    }

    static func tilde(_ n: Int?) -> Key? {
        switch n {
        case 1, 7: return .home        // 1: vt220, tmux/screen, PuTTY, Linux console; 7: rxvt
        case 2: return .insert
        case 3: return .delete
        case 4, 8: return .end         // 4: vt220, tmux/screen, PuTTY, Linux console; 8: rxvt
        case 5: return .pageUp
        case 6: return .pageDown
        case 11, 12, 13, 14, 15: return .function(n! - 10)      // rxvt, PuTTY: F1–F5
        case 17, 18, 19, 20, 21: return .function(n! - 11)      // F6–F10
        case 23, 24: return .function(n! - 12)                  // F11, F12
        default: return nil
        }
    }

    /// SS3 (`ESC O` final): application cursor and keypad mode, and F1–F4 on xterm.
    public static func ss3(_ final: Character) -> Key? {
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "M": return .enter        // keypad Enter
        case "P": return .function(1)
        case "Q": return .function(2)
        case "R": return .function(3)
        case "S": return .function(4)
        default: return nil
        }
    }

    /// The Linux console's F1–F5: `ESC [ [ A` … `ESC [ [ E`.
    public static func linuxFunction(_ final: Character) -> Key? {
        guard let v = final.asciiValue, v >= Character("A").asciiValue!, v <= Character("E").asciiValue! else { return nil }
        return .function(Int(v - Character("A").asciiValue!) + 1)
    }
}

/// Turns what the terminal's reads produced (keys, one at a time) into inputs for the loop:
/// escape sequences become one key or nothing, and a bracketed paste (`ESC [ 200 ~` … `ESC [ 201 ~`)
/// becomes one `.paste` of text. Pure apart from the `read` function it is given, so it is tested
/// with scripted reads.
public struct InputAssembler {
    /// How long to wait for the rest of a sequence that has begun (bytes of one sequence normally
    /// arrive together; ncurses has already waited its escape delay for the first).
    public static let sequenceWaitMillis = 30
    /// A paste whose end marker never comes (a broken terminal) ends after this much silence.
    public static let pasteSilenceMillis = 500
    /// The most characters one paste keeps; the rest is read and dropped (a field has its own, far
    /// smaller, cap and says so).
    public static let pasteLimit = 1_000_000
    /// Longest parameter string kept for one CSI sequence; longer ones are dropped whole.
    static let parameterLimit = 32

    /// Reads that came in while looking for the end of a sequence and belong to the next input.
    private var pushedBack: [TerminalInput] = []

    public init() {}

    public enum Output: Equatable {
        case key(Key)
        case paste(String)
        case resize
    }

    /// The next input, reading with `read(timeoutMillis)` (nil: nothing in time, or nothing usable).
    public mutating func next(timeoutMillis: Int, read: (Int) -> TerminalInput?) -> Output? {
        guard let first = pop(timeoutMillis, read) else { return nil }
        switch first {
        case .resize: return .resize
        case .key(.escape): return escape(read)
        case .key(let key): return .key(key)
        }
    }

    private mutating func pop(_ timeout: Int, _ read: (Int) -> TerminalInput?) -> TerminalInput? {
        if !pushedBack.isEmpty { return pushedBack.removeFirst() }
        return read(timeout)
    }

    /// After ESC: a lone Esc, a sequence (one key, a paste, or nothing), or Esc then an ordinary key.
    private mutating func escape(_ read: (Int) -> TerminalInput?) -> Output? {
        switch pop(0, read) {
        case nil:
            return .key(.escape)
        case .key(.char("[")):
            switch csi(read) {
            case .key(let key): return .key(key)
            case .pasteStart: return paste(read)
            case .pasteEnd, .unknown: return nil
            }
        case .key(.char("O")):
            guard case .key(.char(let final))? = pop(Self.sequenceWaitMillis, read) else { return nil }
            return EscapeSequence.ss3(final).map(Output.key)
        case .key(.enter)?:
            // Alt-Enter: the terminal sends ESC and Enter together (a person pressing Esc, then Enter,
            // is far slower than ncurses' escape delay). It types a line break in a note, nothing elsewhere.
            return .key(.altEnter)
        case let other?:
            // Esc typed just before another key (or Alt-key): both keys, as ncurses gave them.
            pushedBack.append(other)
            return .key(.escape)
        }
    }

    private enum Sequence: Equatable { case key(Key), pasteStart, pasteEnd, unknown }

    /// Reads a CSI sequence after `ESC [` up to its final character.
    private mutating func csi(_ read: (Int) -> TerminalInput?) -> Sequence {
        var params = ""
        var overlong = false
        while true {
            guard let next = pop(Self.sequenceWaitMillis, read) else { return .unknown }
            guard case .key(.char(let c)) = next, let v = c.asciiValue else {
                // Not part of a sequence (a key code, Enter, a resize): the sequence is dropped, the key kept.
                pushedBack.append(next)
                return .unknown
            }
            if params.isEmpty && c == "[" {
                guard case .key(.char(let final))? = pop(Self.sequenceWaitMillis, read) else { return .unknown }
                return EscapeSequence.linuxFunction(final).map(Sequence.key) ?? .unknown
            }
            let endsRxvt = c == "$" && !params.isEmpty && params.allSatisfy(\.isNumber)
            if (0x40...0x7E).contains(v) || endsRxvt {
                if overlong { return .unknown }
                if c == "~" && params == "200" { return .pasteStart }
                if c == "~" && params == "201" { return .pasteEnd }
                return EscapeSequence.csi(params: params, final: c).map(Sequence.key) ?? .unknown
            }
            guard (0x20...0x3F).contains(v) else { return .unknown }
            // A runaway sequence is read to its end and dropped, so none of it is taken as keys.
            if params.count < Self.parameterLimit { params.append(c) } else { overlong = true }
        }
    }

    /// Reads a bracketed paste up to `ESC [ 201 ~`. Text only: Enter is a newline, Tab a tab; every
    /// other key and every escape sequence inside it (an ESC in the pasted text) is dropped.
    private mutating func paste(_ read: (Int) -> TerminalInput?) -> Output {
        var text = ""
        var count = 0
        // A resize during a paste still counts: it is handed on once the paste is over.
        var resized = false
        defer { if resized { pushedBack.append(.resize) } }
        func add(_ c: Character) {
            guard count < Self.pasteLimit else { return }
            text.append(c); count += 1
        }
        // CR LF (a Windows clipboard) is one line break, as are CR and LF alone.
        var afterCR = false
        while let next = pop(Self.pasteSilenceMillis, read) {
            defer { afterCR = next == .key(.enter) }
            switch next {
            case .key(.char(let c)): add(c)
            case .key(.enter): add("\n")
            case .key(.lineBreak): if !afterCR { add("\n") }
            case .key(.tab): add("\t")
            case .key(.escape):
                // ESC in pasted text is dropped; a sequence after it too, except the paste's end.
                guard let after = pop(Self.sequenceWaitMillis, read) else { continue }
                guard after == .key(.char("[")) else { pushedBack.insert(after, at: 0); continue }
                if csi(read) == .pasteEnd { return .paste(text) }
            case .resize:
                resized = true
            case .key:
                continue
            }
        }
        return .paste(text)
    }
}
