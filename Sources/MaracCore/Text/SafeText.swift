/// Cleans text from users and files before it reaches a terminal or an export (docs/SECURITY.md): control
/// characters, escape sequences (CSI, OSC, DCS, ...) and bidirectional overrides are removed, so a
/// note can never drive the chair's terminal or disguise itself.
public enum SafeText {
    /// Bidi embedding/override/isolate controls and other invisible formatting that can reorder text.
    static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// One line of display text: escape sequences dropped, line breaks and tabs become spaces.
    public static func line(_ text: String) -> String {
        clean(text, keepNewlines: false)
    }

    /// Multi-line text (notes): as `line`, but newlines are kept.
    public static func block(_ text: String) -> String {
        clean(text, keepNewlines: true)
    }

    private enum Mode { case text, escape, csi, stringSequence, stringEscape }

    private static func clean(_ text: String, keepNewlines: Bool) -> String {
        var out = String.UnicodeScalarView()
        var mode = Mode.text
        for s in text.unicodeScalars {
            let v = s.value
            switch mode {
            case .escape:
                switch v {
                case 0x5B: mode = .csi                                   // ESC [
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F: mode = .stringSequence // ESC ] P X ^ _
                case 0x20...0x2F: mode = .escape                          // intermediate bytes
                default: mode = .text                                     // two-byte escape ends here
                }
                continue
            case .csi:
                if (0x40...0x7E).contains(v) { mode = .text }
                else if v == 0x1B { mode = .escape }
                continue
            case .stringSequence:
                if v == 0x07 || v == 0x9C { mode = .text }                // BEL or ST ends OSC/DCS
                else if v == 0x1B { mode = .stringEscape }
                continue
            case .stringEscape:
                mode = v == 0x5C ? .text : .stringSequence                // ESC \ is ST
                continue
            case .text:
                break
            }
            if v == 0x1B { mode = .escape; continue }
            if v == 0x9B { mode = .csi; continue }                         // 8-bit CSI
            if v == 0x9D || v == 0x90 || v == 0x98 || v == 0x9E || v == 0x9F { mode = .stringSequence; continue }
            if v == 0x0A || v == 0x0D {
                if keepNewlines { if v == 0x0A { out.append("\n") } } else { out.append(" ") }
                continue
            }
            if v == 0x09 { out.append(" "); continue }
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { continue }
            if isBidiControl(v) { continue }
            out.append(s)
        }
        return String(out)
    }

    /// A value quoted from a file in a message: in single quotes, cut to `limit` characters, and
    /// every character that would be invisible or act on the terminal shown as its code
    /// (`\u{1B}`, `\u{202E}`), so the reader sees exactly what the file holds and nothing runs.
    public static func quoted(_ text: String, limit: Int = 60) -> String {
        var out = ""
        var shown = 0
        for s in text.unicodeScalars {
            if shown >= limit { out += "…"; break }
            let v = s.value
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || isBidiControl(v) || CaseReference.isInvisible(s) {
                out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(s)
            }
            shown += 1
        }
        return "'" + out + "'"
    }

    /// Cuts to at most `max` characters, marking the cut with an ellipsis.
    public static func truncate(_ text: String, _ max: Int) -> String {
        guard max > 0 else { return "" }
        if text.count <= max { return text }
        return String(text.prefix(max - 1)) + "…"
    }
}
