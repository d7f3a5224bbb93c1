/// Terminal column width of text: the one width model that layout (ScreenBuffer, Wrap, widgets)
/// and drawing (the ncurses backend) share.
///
/// Text is measured a grapheme cluster at a time: Swift's `Character` is an extended grapheme
/// cluster (UAX #29), so a base letter and its marks, a flag's two regional indicators, an emoji
/// with its skin-tone modifier or a ZWJ family are each one `Character`. A cluster's width is the
/// sum of its scalars' widths (from `WidthTables`, generated from Unicode 17 data by
/// scripts/gen-width-tables.py) with these rules:
/// - non-spacing marks, format characters and variation selectors add nothing;
/// - spacing marks (general category Mc, e.g. the Bengali vowel sign া) add one column, as glibc
///   and the terminals built on it advance;
/// - East Asian Wide and Fullwidth characters, and emoji with emoji presentation, take two;
/// - a regional indicator is two columns, and a pair of them (a flag) two columns in all;
/// - a skin-tone modifier after an emoji, and an emoji joined by ZWJ to the one before it, add
///   nothing: the sequence is one two-column picture;
/// - VARIATION SELECTOR-16 after a narrow character that has an emoji form makes it two columns.
/// Control characters count 0; they never reach the screen (SafeText replaces them first).
public enum CharWidth {
    /// The Unicode version of the tables (docs/DECISIONS.md "One width model").
    public static let unicodeVersion = WidthTables.unicodeVersion

    public static func of(_ ch: Character) -> Int {
        let scalars = ch.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // Most clusters are one scalar: no sequence rules to apply.
        if scalars.index(after: scalars.startIndex) == scalars.endIndex { return of(scalar: first) }
        return ofSequence(scalars)
    }

    public static func of(_ text: String) -> Int { text.reduce(0) { $0 + of($1) } }

    /// One scalar on its own.
    public static func of(scalar s: Unicode.Scalar) -> Int {
        let v = s.value
        // Printable ASCII, most of what a screen holds: no table walk.
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }   // neither table has anything below U+0300 but NUL
        if contains(WidthTables.spacingMark, v) { return 1 }
        if contains(WidthTables.zeroWidth, v) { return 0 }
        if contains(WidthTables.wide, v) { return 2 }
        return 1
    }

    public static let zeroWidthJoiner: UInt32 = 0x200D
    static let variationSelector16: UInt32 = 0xFE0F

    static func isRegionalIndicator(_ v: UInt32) -> Bool { (0x1F1E6...0x1F1FF).contains(v) }
    static func isSkinToneModifier(_ v: UInt32) -> Bool { (0x1F3FB...0x1F3FF).contains(v) }
    static func isExtendedPictographic(_ v: UInt32) -> Bool { contains(WidthTables.extendedPictographic, v) }

    /// A cluster of several scalars (see the rules above).
    static func ofSequence(_ scalars: String.UnicodeScalarView) -> Int {
        var total = 0
        var lastMeasured: UInt32?      // the last scalar that took columns
        var lastMeasuredWidth = 0
        var joinsNext = false          // a ZWJ after an emoji: the next emoji is part of the same picture
        var regionalIndicators = 0
        for scalar in scalars {
            let v = scalar.value
            if v == zeroWidthJoiner {
                joinsNext = lastMeasured.map { isExtendedPictographic($0) || isRegionalIndicator($0) } ?? false
                continue
            }
            if joinsNext && isExtendedPictographic(v) { joinsNext = false; continue }
            joinsNext = false
            if v == variationSelector16 {
                if let base = lastMeasured, lastMeasuredWidth == 1, contains(WidthTables.narrowToWideWithVS16, base) {
                    total += 1; lastMeasuredWidth = 2
                }
                continue
            }
            if isRegionalIndicator(v) {
                regionalIndicators += 1
                if regionalIndicators % 2 == 0 { continue }   // the second letter of a flag adds nothing
            }
            if isSkinToneModifier(v), let base = lastMeasured, isExtendedPictographic(base) { continue }
            let w = of(scalar: scalar)
            if w > 0 { lastMeasured = v; lastMeasuredWidth = w }
            total += w
        }
        return total
    }

    /// Binary search in a flat list of inclusive (first, last) pairs.
    static func contains(_ table: [UInt32], _ v: UInt32) -> Bool {
        var low = 0, high = table.count / 2 - 1
        if high < 0 || v < table[0] || v > table[table.count - 1] { return false }
        while low <= high {
            let mid = (low + high) / 2
            if v < table[mid * 2] { high = mid - 1 } else if v > table[mid * 2 + 1] { low = mid + 1 } else { return true }
        }
        return false
    }

    /// `text` cut to at most `width` columns, whole clusters only, ending in "…" when anything was
    /// cut (every cut on screen shows that it is one).
    public static func fitting(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var out = "", used = 0
        for ch in text {
            let w = of(ch)
            if used + w > width - 1 { break }
            out.append(ch); used += w
        }
        return out + "…"
    }
}
