/// The one place text is escaped for the formats the exports write (minutes, packs and the data
/// return all use these): a renderer never escapes on its own, so two documents cannot disagree
/// about which characters are dangerous.
public enum Escape {
    /// Text for XML and HTML element content and attribute values. Drops what XML 1.0 cannot carry
    /// (`SafeText` already removed control characters; U+FFFE and U+FFFF remain possible).
    public static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if isXMLCharacter(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Characters XML 1.0 allows in a document.
    public static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000
    }

    /// Text that Markdown shows literally: no emphasis, code, links, HTML tags, headings, list
    /// markers or table cells. A line break becomes a space (callers that keep lines split first).
    public static func markdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var atLineStart = true
        for ch in text {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#":
                out.append("\\"); out.append(ch)
            case "+" where atLineStart, "-" where atLineStart, "=" where atLineStart:
                // A line starting "- " or "+ " would become a list item, "===" an underline heading.
                out.append("\\"); out.append(ch)
            case "\n", "\r":
                out.append(" ")
            default:
                out.append(ch)
            }
            atLineStart = false
        }
        return out
    }
}
