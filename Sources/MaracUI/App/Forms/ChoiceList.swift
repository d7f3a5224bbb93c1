/// The options of a choice field and how what the chair types picks one. Any of these picks an
/// option: the option itself; its letter (`a` apologies, `b` absent; shown beside it); its number in
/// the list (`3`); the start of it, when only one option starts so (`obs`, `not p`); the start of one
/// of its words or its initials (`poss`, `cf`). When several options start with what was typed, the
/// one whose letter is its first character is picked (`not` → not done, letter `n`), so typing on
/// from a letter keeps the option it picked until the text names another.
///
/// Letters and numbers are given only to lists of words (roles, outcomes, categories, agencies):
/// a list of references or numbers ("NV-101", "#3") is matched by its text alone, and an option
/// that starts with its number ("#3 Police: Three call-outs…") by that number (`3` or `#3`).
struct ChoiceList: Equatable {
    let options: [String]
    let letters: [Character?]

    init(_ options: [String], letters explicit: [Character?]? = nil) {
        self.options = options
        if let explicit, explicit.count == options.count {
            letters = explicit
        } else {
            letters = Self.letters(for: options)
        }
    }

    /// Options made only of letters and spaces (and ' or -) get letters: the first letter of a word
    /// not yet taken, from the first word on, then the other letters of the option.
    static func letters(for options: [String]) -> [Character?] {
        let wordy = options.allSatisfy { o in !o.isEmpty && o.allSatisfy { $0.isLetter || $0 == " " || $0 == "'" || $0 == "’" || $0 == "-" } }
        guard wordy, options.count > 1 else { return options.map { _ in nil } }
        var taken = Set<Character>()
        return options.map { option in
            let lower = option.lowercased()
            let initials = lower.split(whereSeparator: { !$0.isLetter }).compactMap(\.first)
            let candidates = initials + lower.filter { $0.isLetter && $0.isASCII }
            guard let letter = candidates.first(where: { $0.isASCII && !taken.contains($0) }) else { return nil }
            taken.insert(letter)
            return letter
        }
    }

    var numbered: Bool { letters.contains { $0 != nil } }

    private static func words(_ option: String) -> [Substring] {
        option.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    }

    /// The option what was typed picks, or nil (nothing typed, nothing matches, or several do).
    func resolve(_ typedRaw: String) -> String? {
        let typed = typedRaw.trimmingWhitespace().lowercased()
        guard !typed.isEmpty else { return nil }
        if let exact = options.first(where: { $0.lowercased() == typed || $0.lowercased() == "#" + typed }) { return exact }
        // A numbered item shown with its words ("#2 Police: Three call-outs…"): its number picks it.
        let digits = typed.hasPrefix("#") ? String(typed.dropFirst()) : typed
        if !digits.isEmpty, digits.allSatisfy(\.isNumber),
           let tagged = options.first(where: { $0.lowercased().hasPrefix("#" + digits + " ") }) { return tagged }
        if typed.count == 1, let i = letters.firstIndex(where: { $0 != nil && String($0!) == typed }) { return options[i] }
        if numbered, let n = Int(typed), options.indices.contains(n - 1) { return options[n - 1] }
        let starts = options.indices.filter { options[$0].lowercased().hasPrefix(typed) }
        if starts.count == 1 { return options[starts[0]] }
        if starts.count > 1 {
            let byLetter = starts.filter { letters[$0].map { String($0) } == String(typed.prefix(1)) }
            return byLetter.count == 1 ? options[byLetter[0]] : nil
        }
        let wordStarts = options.indices.filter { i in Self.words(options[i]).contains { $0.hasPrefix(typed) } }
        if wordStarts.count == 1 { return options[wordStarts[0]] }
        if typed.count > 1, !typed.contains(" ") {
            let byInitials = options.indices.filter { i in String(Self.words(options[i]).compactMap(\.first)) == typed }
            if byInitials.count == 1 { return options[byInitials[0]] }
        }
        return nil
    }

    /// The options still in play for what was typed (all of them when nothing is), in list order:
    /// shown under the field as the chair types.
    func matches(_ typedRaw: String) -> [Int] {
        let typed = typedRaw.trimmingWhitespace().lowercased()
        guard !typed.isEmpty else { return Array(options.indices) }
        return options.indices.filter { i in
            let o = options[i].lowercased()
            if o.hasPrefix(typed) { return true }
            if typed.count == 1, letters[i].map({ String($0) }) == typed { return true }
            if numbered, Int(typed) == i + 1 { return true }
            if Self.words(o).contains(where: { $0.hasPrefix(typed) }) { return true }
            return typed.count > 1 && String(Self.words(o).compactMap(\.first)) == typed
        }
    }
}
