/// Compares people's names as a coordinator would, across agendas typed by different people:
/// letter case, spacing, accents and the order of given and family names do not matter
/// ("Zoë  O'Brien" is "obrien zoe"). Close spellings are only "similar": a person must confirm
/// them, because a sister, a cousin or a namesake is a different case (the false friends).
public enum NameMatch {
    public enum Level: Sendable, Equatable {
        /// The same words in any order, once case, spacing and accents are set aside.
        case same
        /// One word differs by a single slip (one letter added, dropped, changed or swapped) or is
        /// an initial of the other's word; every other word is the same. Needs confirming.
        case similar
        case different
    }

    /// The words of a name, folded: lower case, accents removed, apostrophes and full stops
    /// dropped, hyphens and other punctuation as spaces.
    public static func words(_ name: String) -> [String] {
        var out: [String] = []
        var current = ""
        for ch in name.lowercased() {
            guard let first = ch.unicodeScalars.first else { continue }
            if ch == "'" || ch == "’" || ch == "." || ch == "‘" { continue }
            let isLetter = first.properties.isAlphabetic || first.properties.numericType != nil
            guard isLetter else {
                if !current.isEmpty { out.append(current); current = "" }
                continue
            }
            for s in ch.unicodeScalars {
                if let folded = fold(s) { current += folded } else { current.unicodeScalars.append(s) }
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// The folded words in a fixed order: two names with the same key are the same name.
    public static func key(_ name: String) -> String { words(name).sorted().joined(separator: " ") }

    public static func compare(_ a: String, _ b: String) -> Level {
        let x = words(a).sorted(), y = words(b).sorted()
        if x.isEmpty || y.isEmpty { return .different }
        if x == y { return .same }
        guard x.count == y.count else { return .different }
        // Take away the words both share; exactly one pair may remain, and it must be a slip.
        var left = x, right = y
        for w in x { if let j = right.firstIndex(of: w) { right.remove(at: j); left.remove(at: left.firstIndex(of: w)!) } }
        guard left.count == 1, right.count == 1 else { return .different }
        let (p, q) = (left[0], right[0])
        if isInitial(p, of: q) || isInitial(q, of: p) { return .similar }
        // A slip in a short word is another name (Jo / Joe, Ann / Anna is 4 letters: allowed only from 5).
        if min(p.count, q.count) >= 5, isOneSlip(p, q) { return .similar }
        return .different
    }

    private static func isInitial(_ short: String, of long: String) -> Bool {
        short.count == 1 && long.count > 1 && long.hasPrefix(short)
    }

    /// Levenshtein distance 1, or two neighbouring letters swapped.
    static func isOneSlip(_ a: String, _ b: String) -> Bool {
        let s = Array(a), t = Array(b)
        if s == t { return false }
        if s.count == t.count {
            let diffs = s.indices.filter { s[$0] != t[$0] }
            if diffs.count == 1 { return true }
            if diffs.count == 2, diffs[1] == diffs[0] + 1, s[diffs[0]] == t[diffs[1]], s[diffs[1]] == t[diffs[0]] { return true }
            return false
        }
        let (long, short) = s.count > t.count ? (s, t) : (t, s)
        guard long.count == short.count + 1 else { return false }
        var i = 0
        while i < short.count && long[i] == short[i] { i += 1 }
        return Array(long[(i + 1)...]) == Array(short[i...])
    }

    /// Latin letters with accents and a few ligatures, as plain letters. nil: not one of them.
    static func fold(_ s: Unicode.Scalar) -> String? {
        // Combining marks (a decomposed "e" + acute) are dropped.
        if (0x0300...0x036F).contains(s.value) { return "" }
        return folds[s]
    }

    private static let folds: [Unicode.Scalar: String] = {
        let groups: [(String, String)] = [
            ("a", "àáâãäåāăą"), ("c", "çćĉċč"), ("d", "ďđð"), ("e", "èéêëēĕėęě"), ("g", "ĝğġģ"), ("h", "ĥħ"),
            ("i", "ìíîïĩīĭįı"), ("j", "ĵ"), ("k", "ķ"), ("l", "ĺļľŀł"), ("n", "ñńņňŉ"), ("o", "òóôõöøōŏő"),
            ("r", "ŕŗř"), ("s", "śŝşšș"), ("t", "ţťŧț"), ("u", "ùúûüũūŭůűų"), ("w", "ŵ"), ("y", "ýÿŷ"), ("z", "źżž"),
            ("ss", "ß"), ("ae", "æ"), ("oe", "œ"), ("th", "þ"),
        ]
        var map: [Unicode.Scalar: String] = [:]
        for (plain, accented) in groups { for s in accented.unicodeScalars { map[s] = plain } }
        return map
    }()
}
