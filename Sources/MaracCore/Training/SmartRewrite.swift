/// A SMART version of a weak action, for the trainer to discuss (not to paste into a real plan):
/// built from the action's own owner, due date and category, with the vague words replaced by a
/// concrete verb and the empty hedges dropped (docs/TRAINING.md#suggested-rewrites).
public enum SmartRewrite {
    /// Vague verbs and what a plan says instead. Longest first, so "keep an eye on" wins over "keep".
    static let verbs: [(vague: String, concrete: String)] = [
        ("liaise as required", "contact"), ("keep an eye on", "check on"), ("keep an eye", "check on"),
        ("keep in mind", "record"), ("look into", "assess"), ("monitoring", "check"), ("monitor", "check"),
        ("considering", "decide on"), ("consider", "decide on"), ("explore", "assess"), ("be aware of", "record"),
    ]

    /// Hedges that leave the timing or the commitment open: the due date says when instead.
    static let hedges = [
        "as soon as one becomes available", "as soon as one became available", "as soon as possible", "as appropriate",
        "if appropriate", "when available", "when possible", "if possible", "where necessary", "as needed", "if needed",
        "to be confirmed", "ongoing", "asap", "tbc",
    ]

    /// Objects that leave a concrete verb saying nothing ("check the situation"): with one of
    /// these, the category's concrete step stands instead of the action's words.
    static let vagueObjects = ["the situation", "situation", "things", "matters", "everything", "it", "the case"]

    /// What a plan in each category typically commits to, when the action's own words say too little.
    static func concreteStep(_ category: ActionCategory?) -> String {
        switch category {
        case .victimSafety: return "agree a safety plan with the victim in person"
        case .children: return "complete a child and family assessment"
        case .perpetrator: return "check the perpetrator's bail or licence conditions and act on any breach"
        case .housing: return "offer a Housing Options appointment about a management move"
        case .health: return "book a face-to-face review with the victim, seen alone"
        case .criminalJustice: return "take a statement and make a charging decision"
        case .adultSafeguarding: return "make an adult safeguarding referral"
        case nil: return "say what will be done, for whom"
        }
    }

    /// A bespoke timescale when the action has none (or one in the past): sooner for immediate safety.
    static func suggestedDays(_ category: ActionCategory?) -> Int {
        switch category {
        case .victimSafety, .perpetrator, .criminalJustice: return 3
        case .children, .adultSafeguarding: return 5
        default: return 7
        }
    }

    public static func suggest(_ action: Action, today: CalendarDate, agenciesPresent: [String]) -> String {
        let owner = SafeText.line(action.owner).trimmingWhitespace()
        let who = owner.isEmpty ? "[one agency in the room]" : owner
        var what = concreteWords(SafeText.line(action.text), owner: owner)
        // "monitor the situation" → "check the situation" is no more of a plan than before.
        if what.split(separator: " ").count <= 4, vagueObjects.contains(where: { what.lowercased().hasSuffix(" " + $0) }) { what = "" }
        // One word ("Monitor", "Support") says nothing: the category's step instead. Two or three
        // ("check her mood") say too little: the step is added.
        switch what.split(separator: " ").count {
        case 0, 1: what = concreteStep(action.category)
        case 2, 3: what += " and " + concreteStep(action.category)
        default: break
        }
        let due: CalendarDate = {
            if let d = action.due, d >= today, today.days(until: d) <= 90 { return d }
            return today.adding(days: suggestedDays(action.category))
        }()
        var out = "\(who) to \(what) by \(due.uk)"
        if let category = action.category { out += " (\(category.label.lowercased()))" } else { out += " (category: choose one)" }
        if !owner.isEmpty, !agenciesPresent.isEmpty, !agenciesPresent.contains(where: { $0.lowercased() == owner.lowercased() }) {
            out += "; \(owner) is not in the room: agree who tells them today"
        }
        return out
    }

    /// The action's words with vague verbs made concrete, hedges dropped, a leading "X to" (the owner
    /// said again) removed, and the first letter lower-cased to follow "Owner to".
    static func concreteWords(_ text: String, owner: String) -> String {
        var words = text.trimmingWhitespace()
        while words.hasSuffix(".") { words.removeLast() }
        for hedge in hedges { words = replacePhrase(hedge, with: "", in: words) }
        for (vague, concrete) in verbs { words = replacePhrase(vague, with: concrete, in: words) }
        var parts = words.split(separator: " ").map(String.init)
        // "School to keep an eye…", "Police to…": the owner comes first in the rewrite already.
        if let to = parts.prefix(4).firstIndex(where: { $0.lowercased() == "to" }), to > 0, to < parts.count - 1 {
            let lead = parts[..<to].joined(separator: " ").lowercased()
            let looksLikeAnAgency = lead == owner.lowercased() || CoreAgency.allCases.contains { $0.matches(lead) }
                || ["school", "the school", "gp", "social worker", "officer"].contains(lead)
            if looksLikeAnAgency { parts.removeFirst(to + 1) }
        }
        // Trailing joiners left by a dropped hedge ("Support …  and").
        while let last = parts.last?.lowercased(), ["and", "or", "to", "for", "when", "if"].contains(last) { parts.removeLast() }
        guard var first = parts.first else { return "" }
        if first.count > 1, first.dropFirst().allSatisfy({ !$0.isUppercase }) { first = first.lowercased() }
        parts[0] = first
        return parts.joined(separator: " ")
    }

    /// Replaces whole-word, case-insensitive occurrences of `phrase` in `text`.
    static func replacePhrase(_ phrase: String, with replacement: String, in text: String) -> String {
        let target = phrase.split(separator: " ").map { $0.lowercased() }
        var words = text.split(separator: " ").map(String.init)
        var i = 0
        while i + target.count <= words.count {
            let window = words[i..<(i + target.count)].map { $0.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "'" } }
            if window == target {
                let trailing = String(words[i + target.count - 1].reversed().prefix { !$0.isLetter && !$0.isNumber }.reversed())
                let swap = replacement.isEmpty ? [] : replacement.split(separator: " ").map(String.init)
                words.replaceSubrange(i..<(i + target.count), with: swap)
                if !trailing.isEmpty, !swap.isEmpty { words[i + swap.count - 1] += trailing }
                i += max(1, swap.count)
            } else {
                i += 1
            }
        }
        return words.joined(separator: " ")
    }
}
