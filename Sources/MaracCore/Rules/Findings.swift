/// A rule's verdict, with a reason a chair can read. Errors block saving a form field that is
/// required; warnings guide and never block.
public struct Finding: Sendable, Equatable, Hashable {
    public enum Severity: Int, Sendable, Comparable {
        case warning = 1
        case error = 2
        public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
    }

    public var severity: Severity
    /// Stable identifier, e.g. `vague-wording`, `no-perpetrator-action` (used to record a passed prompt).
    public var code: String
    public var message: String

    public init(_ severity: Severity, _ code: String, _ message: String) {
        self.severity = severity; self.code = code; self.message = message
    }

    public var symbol: String { severity == .error ? "✗" : "!" }
}

/// Matches phrases as whole words, case-insensitively.
public func containsPhrase(_ text: String, _ phrase: String) -> Bool {
    let hay = " " + normalisedWords(text) + " "
    return hay.contains(" " + normalisedWords(phrase) + " ")
}

private func normalisedWords(_ text: String) -> String {
    var out = ""
    var lastSpace = true
    for ch in text.lowercased() {
        if ch.isLetter || ch.isNumber || ch == "'" {
            out.append(ch == "’" ? "'" : ch); lastSpace = false
        } else if ch == "’" {
            out.append("'"); lastSpace = false
        } else if !lastSpace {
            out.append(" "); lastSpace = true
        }
    }
    return out.trimmingWhitespace()
}
