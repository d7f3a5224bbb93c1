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

    /// One RFC 4180 CSV field: neutralised (below), then quoted when it holds a comma, a quote, a
    /// line break or leading/trailing white space, with quotes doubled.
    public static func csv(_ raw: String) -> String {
        let value = csvNeutralised(raw)
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || value.first?.isWhitespace == true || value.last?.isWhitespace == true
        guard needsQuotes else { return value }
        var out = "\""
        for ch in value.unicodeScalars {
            if ch == "\"" { out += "\"\"" } else { out.unicodeScalars.append(ch) }
        }
        return out + "\""
    }

    /// Rows as CSV with CRLF line ends, every field through `csv`.
    public static func csvTable(_ rows: [[String]]) -> String {
        rows.map { $0.map(csv).joined(separator: ",") + "\r\n" }.joined()
    }

    /// Spreadsheets run a cell beginning `=`, `+`, `-`, `@`, tab or CR as a formula (OWASP "CSV
    /// injection"). A leading apostrophe makes it text. Leading spaces are looked through, because some
    /// spreadsheets trim them before deciding. (An agency return is read back with the apostrophe
    /// removed again: `AgencyReturn.unescape`.)
    public static func csvNeutralised(_ value: String) -> String {
        let trigger: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]
        guard let first = value.unicodeScalars.first(where: { $0 != " " }), trigger.contains(first) else { return value }
        return "'" + value
    }

    /// A JSON string literal, quotes included. Also safe to embed in HTML (`<`, `>`, `&` as
    /// `\u003c` …) and in JavaScript (U+2028, U+2029); control characters as `\u00XX`.
    public static func json(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x7F || v == 0x2028 || v == 0x2029 {
                    let hex = String(v, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
