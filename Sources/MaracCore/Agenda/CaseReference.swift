/// Case references as people read them. `MC-1001`, `MC-‮1001` (with a hidden right-to-left
/// override) and `MC-1001` with a zero-width space all look the same on screen and in the minutes,
/// so they must be one case. Every place a reference comes in (the agenda file, the late-case form)
/// cleans it with `clean`, compares it with `key`, and reports a reference that needed cleaning.
public enum CaseReference {
    public struct Cleaned: Sendable, Equatable {
        /// The reference to store: invisible and control characters removed, any run of white space
        /// (including no-break and other Unicode spaces) one ordinary space, trimmed.
        public var value: String
        /// The characters removed or replaced, as `U+202E` codes (empty: the reference was clean).
        public var changes: [String]
        public var needsReport: Bool { !changes.isEmpty }
    }

    /// Whether a scalar is invisible or reorders text: control characters, format characters
    /// (general category Cf: zero-width space and joiners, bidi embeddings, overrides and
    /// isolates, the byte-order mark, soft hyphen) and anything Unicode says to ignore when drawing.
    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        let p = s.properties
        switch p.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate: return true
        default: return p.isDefaultIgnorableCodePoint || p.isBidiControl
        }
    }

    public static func clean(_ raw: String) -> Cleaned {
        var out = String.UnicodeScalarView()
        var changes: [String] = []
        var pendingSpace = false
        for s in raw.unicodeScalars {
            if s == " " { pendingSpace = true; continue }
            if s.properties.isWhitespace {
                pendingSpace = true
                changes.append(code(s))
                continue
            }
            if isInvisible(s) { changes.append(code(s)); continue }
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(s)
        }
        var seen = Set<String>()
        return Cleaned(value: String(out), changes: changes.filter { seen.insert($0).inserted })
    }

    /// What two references are compared by: cleaned, then letter case folded. (Swift compares
    /// strings by canonical equivalence, so `é` typed as one character or as `e` and an accent are
    /// already equal: the NFC rule holds without rewriting the text.)
    public static func key(_ raw: String) -> String {
        clean(raw).value.lowercased()
    }

    /// The first of `refs` that is the same case as `ref`, if any.
    public static func match(_ ref: String, in refs: some Sequence<String>) -> String? {
        let k = key(ref)
        return refs.first { key($0) == k }
    }

    static func code(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
