/// A `--keys` file: characters as typed, Vim-style `<Enter> <Tab> <S-Tab> <Esc> <Up>
/// <Down> <Left> <Right> <F12> <C-b> <C-l>`, `<lt>` for a literal `<`, `<Space>`, and
/// `<Sleep 90s>` / `<Sleep 11m>` / `<Sleep 1h>` to advance the manual clock. Line breaks in the
/// file are ignored (use `<Enter>`), so scripts can be laid out one step per line; `#` at the start
/// of a line makes the line a comment. `<Paste text>` delivers `text` as one bracketed paste (`\n`
/// in it is a line break, `\t` a tab; it cannot hold `>`).
public enum ScriptStep: Equatable, Sendable {
    case key(Key)
    case sleep(millis: Int64)
    /// Change the terminal size, for resize tests: `<Resize 100x30>`.
    case resize(Size)
    /// A bracketed paste: `<Paste first line\nsecond line>`.
    case paste(String)
}

public enum KeyScript {
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    static let named: [String: Key] = [
        "enter": .enter, "cr": .enter, "return": .enter, "tab": .tab, "s-tab": .backTab, "esc": .escape,
        "bs": .backspace, "backspace": .backspace, "del": .delete, "delete": .delete, "ins": .insert, "insert": .insert, "up": .up, "down": .down,
        "left": .left, "right": .right, "home": .home, "end": .end, "pageup": .pageUp, "pagedown": .pageDown,
        "space": .char(" "), "lt": .char("<"), "m-enter": .altEnter, "a-enter": .altEnter,
    ]

    public static func parse(_ text: String) throws(Problem) -> [ScriptStep] {
        var steps: [ScriptStep] = []
        var lineNo = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.hasPrefix("#") { continue }
            var i = line.startIndex
            var col = 1
            while i < line.endIndex {
                let ch = line[i]
                if ch == "<", let close = line[i...].firstIndex(of: ">") {
                    let name = String(line[line.index(after: i)..<close])
                    steps.append(try step(named: name, line: lineNo, column: col))
                    col += line[i...close].count
                    i = line.index(after: close)
                    continue
                }
                steps.append(.key(.char(ch)))
                i = line.index(after: i)
                col += 1
            }
        }
        return steps
    }

    static func step(named name: String, line: Int, column: Int) throws(Problem) -> ScriptStep {
        let lower = name.lowercased()
        if lower.hasPrefix("paste ") {
            return .paste(unescapePaste(name.dropFirst(6)))
        }
        if lower.hasPrefix("sleep ") {
            let arg = lower.dropFirst(6).trimmingWhitespace()
            guard let unit = arg.last, let n = Int64(arg.dropLast()), n >= 0 else {
                throw Problem(line: line, column: column, message: "<\(name)>: write <Sleep 90s>, <Sleep 11m> or <Sleep 1h>")
            }
            switch unit {
            case "s": return .sleep(millis: n * 1000)
            case "m": return .sleep(millis: n * 60_000)
            case "h": return .sleep(millis: n * 3_600_000)
            default: throw Problem(line: line, column: column, message: "<\(name)>: the unit must be s, m or h")
            }
        }
        if lower.hasPrefix("resize ") {
            let parts = lower.dropFirst(7).split(separator: "x")
            guard parts.count == 2, let c = Int(parts[0]), let r = Int(parts[1]), c > 0, r > 0 else {
                throw Problem(line: line, column: column, message: "<\(name)>: write <Resize 100x30>")
            }
            return .resize(Size(cols: c, rows: r))
        }
        if let key = named[lower] { return .key(key) }
        if lower.hasPrefix("c-"), lower.count == 3, let c = lower.last, c.isLetter { return .key(.ctrl(c)) }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) { return .key(.function(n)) }
        throw Problem(line: line, column: column, message: "unknown key <\(name)>")
    }

    /// `\n` and `\t` in a `<Paste …>` step; any other backslash is itself.
    static func unescapePaste(_ text: Substring) -> String {
        var out = ""
        var escaped = false
        for ch in text {
            if escaped {
                switch ch {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append("\\"); out.append(ch)
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        if escaped { out.append("\\") }
        return out
    }
}
