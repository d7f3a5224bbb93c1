import MaracCore

/// Words for the screen-reader mode (docs/ACCESSIBILITY.md): dates as a listener hears them,
/// durations in minutes, counts in words, and plain text that a reader speaks cleanly.
enum Spoken {
    /// The widest line the mode prints: under 80 columns, so nothing wraps on the smallest terminal
    /// and a braille display's line breaks fall between words.
    static let width = 78

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// "1 December 2026".
    static func date(_ d: CalendarDate) -> String { "\(d.day) \(monthNames[max(0, min(11, d.month - 1))]) \(d.year)" }

    /// "Tuesday 1 December 2026".
    static func dayAndDate(_ d: CalendarDate) -> String { "\(weekday(d)) \(date(d))" }

    /// The day of the week (Sakamoto's method, proleptic Gregorian).
    static func weekday(_ d: CalendarDate) -> String {
        let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = d.month < 3 ? d.year - 1 : d.year
        let index = (y + y / 4 - y / 100 + y / 400 + t[max(0, min(11, d.month - 1))] + d.day) % 7
        return weekdayNames[index]
    }

    /// "1 minute", "11 minutes", "less than a minute".
    static func minutes(_ millis: Int64) -> String {
        let m = max(0, millis) / 60_000
        if m == 0 { return "less than a minute" }
        return count(Int(m), "minute")
    }

    static let smallNumbers = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]

    /// "three children", "one action", "12 cases".
    static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        let word = n >= 0 && n < smallNumbers.count ? smallNumbers[n] : "\(n)"
        return "\(word) \(n == 1 ? noun : plural ?? noun + "s")"
    }

    /// "Police, Idva and Housing".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    /// Text made safe for the terminal (no control characters, SafeText) and plain for a reader:
    /// the symbols the full-screen interface draws become words or ordinary punctuation, and any
    /// box-drawing or block character is dropped.
    static func plain(_ text: String) -> String {
        var out = ""
        for ch in SafeText.line(text) {
            switch ch {
            case "—", "–": out += ","
            case "·", "•", "│": out += ","
            case "…": out += "..."
            case "→": out += " to "
            case "←": out += " from "
            case "✓": out += "done:"
            case "✗": out += "not done:"
            case "⚠": out += "warning:"
            case "▶": out += "running"
            case "Ⅱ": out += "paused"
            case "‘", "’": out += "'"
            case "“", "”": out += "\""
            default:
                let v = ch.unicodeScalars.first?.value ?? 0
                // Box drawing, blocks, geometric shapes and arrows say nothing to a listener.
                if (0x2190...0x21FF).contains(v) || (0x2500...0x25FF).contains(v) || (0x2600...0x27BF).contains(v) { continue }
                out.append(ch)
            }
        }
        // Collapse what the replacements left behind (" , " and doubled spaces).
        while out.contains("  ") { out = out.replacing("  ", with: " ") }
        out = out.replacing(" ,", with: ",").replacing(",,", with: ",")
        return spokenDates(out.trimmingWhitespace())
    }

    /// Every dd/mm/yyyy in the text read as "1 December 2026" (a reader says "zero one slash …").
    static func spokenDates(_ text: String) -> String {
        let chars = Array(text)
        guard chars.count >= 10 else { return text }
        var out = ""
        var i = 0
        func digits(_ from: Int, _ n: Int) -> Bool { from + n <= chars.count && chars[from..<from + n].allSatisfy(\.isASCIIDigit) }
        while i < chars.count {
            let startsWord = i == 0 || !chars[i - 1].isASCIIDigit
            if startsWord, digits(i, 2), i + 10 <= chars.count, chars[i + 2] == "/", digits(i + 3, 2), chars[i + 5] == "/", digits(i + 6, 4),
               i + 10 == chars.count || !chars[i + 10].isASCIIDigit,
               let d = CalendarDate.parse(String(chars[i..<i + 10])) {
                out += date(d)
                i += 10
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return out
    }

    /// Plain text wrapped into lines under 80 columns. A line break in the text (a note of several
    /// lines) starts a new line here too, so the note is read as its lines.
    static func lines(_ text: String, indent: String = "") -> [String] {
        let paragraphs = SafeText.block(text).split(separator: "\n").map { plain(String($0)) }.filter { !$0.isEmpty }
        let body = paragraphs.count > 1 ? paragraphs.flatMap { wrap($0, width: width - indent.count) }
            : wrap(plain(text), width: width - indent.count)
        return body.enumerated().map { $0.offset == 0 ? $0.element : indent + $0.element }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    /// For sentences built from parts: ends with a full stop unless it already ends a sentence.
    var sentence: String {
        let t = trimmingWhitespace()
        guard let last = t.last else { return t }
        return ".!?:".contains(last) ? t : t + "."
    }
}
