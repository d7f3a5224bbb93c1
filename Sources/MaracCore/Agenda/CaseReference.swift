/// Case references as people read them. `MC-1001`, `MC-‮1001` (with a hidden right-to-left
/// override) and `MC-1001` with a zero-width space all look the same on screen and in the minutes,
/// so they must be one case. Every place a reference comes in (the agenda file, the late-case form)
/// cleans it with `clean`, compares it with `key`, and reports a reference that needed cleaning.
/// Letters from other scripts that look Latin (the Cyrillic М and К of "МК-0104") are folded too.
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
        // Letters from another script that look Latin (Cyrillic М, Greek Κ) and full-width forms are
        // stored as the Latin letters they look like when that makes the whole reference Latin:
        // "МК-0104" typed with Cyrillic letters is the reference MK-0104, and must be found by it.
        let folds = isLatinOnceFolded(raw)
        for s in raw.unicodeScalars {
            if folds, let latin = lookAlike(s) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(latin)
                changes.append(code(s))
                continue
            }
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
        // Look-alikes are folded even in a reference that is not Latin otherwise: two references
        // that differ only by a Cyrillic К and a Latin K cannot be told apart by anyone reading them.
        var folded = String.UnicodeScalarView()
        for s in clean(raw).value.unicodeScalars { folded.append(lookAlike(s) ?? s) }
        return String(folded).lowercased()
    }

    /// The Latin letter or ASCII character a scalar is drawn like, when it is a different one.
    static func lookAlike(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        // Full-width ASCII (U+FF01…U+FF5E), as some input methods type it.
        if (0xFF01...0xFF5E).contains(s.value) { return Unicode.Scalar(s.value - 0xFEE0) }
        return lookAlikes[s]
    }

    /// Whether every letter of `raw` is ASCII or looks like a Latin letter (so folding makes it all Latin).
    static func isLatinOnceFolded(_ raw: String) -> Bool {
        var foldsSomething = false
        for s in raw.unicodeScalars where s.properties.isAlphabetic || s.properties.numericType != nil {
            if s.isASCII { continue }
            guard lookAlike(s) != nil else { return false }
            foldsSomething = true
        }
        return foldsSomething
    }

    /// Cyrillic and Greek letters drawn like Latin ones in the common fonts (after the Unicode
    /// confusables list, letters only: the ones a reference such as MC-1001 could be typed with).
    static let lookAlikes: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs: [(String, String)] = [
            // Cyrillic capitals and small letters
            ("АВЕЅІЈКМНОРСТХУԚԜ", "ABESIJKMHOPCTXYQW"),
            ("аеѕіјорсхуԁһԛԝ", "aesijopcxydhqw"),
            // Greek capitals and small letters
            ("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX"),
            ("οκρχ", "okpx"),
        ]
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (from, to) in pairs {
            for (a, b) in zip(from.unicodeScalars, to.unicodeScalars) { table[a] = b }
        }
        return table
    }()

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
