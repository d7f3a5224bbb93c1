/// Reads notes for signs that the perpetrator can reach the victim's phone, email or post, so
/// that the feedback check does not depend on a fixed phrase. A sentence counts when it mentions
/// the perpetrator (by name, by role, or as "he" / "she"), a channel (phone, mobile, texts,
/// messages, email, post …) and a verb of access or control (answers, checks, controls, monitors,
/// has taken …), and the verb is not negated just before it ("no longer has access").
///
/// It errs towards firing: a false alarm costs the chair a glance and a reason; a miss can put
/// the victim in danger.
public enum ContactNoteMatcher {
    public struct Hit: Sendable, Equatable {
        public var route: ContactRoute
        /// The sentence that fired, as written.
        public var sentence: String
    }

    static let channelWords: [String: ContactRoute] = [
        "phone": .phone, "phones": .phone, "mobile": .phone, "mobiles": .phone, "handset": .phone, "sim": .phone,
        "texts": .phone, "text": .phone, "texting": .phone, "messages": .phone, "message": .phone, "messaging": .phone,
        "whatsapp": .phone, "calls": .phone, "voicemail": .phone, "iphone": .phone, "smartphone": .phone,
        "email": .email, "emails": .email, "inbox": .email, "gmail": .email,
        "post": .post, "letters": .post, "mail": .post,
    ]

    /// Verbs of access or control, in their usual forms.
    static let accessVerbs: Set<String> = [
        "answer", "answers", "answered", "answering",
        "check", "checks", "checked", "checking",
        "control", "controls", "controlled", "controlling",
        "monitor", "monitors", "monitored", "monitoring",
        "take", "takes", "took", "taken", "taking",
        "read", "reads", "reading",
        "open", "opens", "opened", "opening",
        "track", "tracks", "tracked", "tracking",
        "access", "accesses", "accessed", "accessing",
        "intercept", "intercepts", "intercepted", "intercepting",
        "go", "goes", "went", "going",            // "goes through her phone"
        "look", "looks", "looked", "looking",     // "looks at her messages"
        "use", "uses", "used", "using",
        "keep", "keeps", "kept", "keeping",
        "hold", "holds", "held", "holding",
        "confiscate", "confiscates", "confiscated",
        "smash", "smashes", "smashed", "break", "breaks", "broke", "broken",
        "hack", "hacks", "hacked", "log", "logs", "logged",
        "collect", "collects", "collected", "intercept",
        "delete", "deletes", "deleted", "screen", "screens", "screened",
        "share", "shares", "shared", "pay", "pays", "paid",
        "see", "sees", "saw", "seen", "watch", "watches", "watched",
    ]

    /// "has", "knows": access only when what follows is hers or access itself ("has her phone",
    /// "has access to", "knows her email password"), not "she has a new phone".
    static let possessionVerbs: Set<String> = ["has", "have", "had", "got", "gets", "know", "knows", "knew"]
    static let possessionFollowers: Set<String> = ["her", "their", "access", "control", "hold", "his"]

    /// Words that stand for the perpetrator whoever they are.
    static let roleWords: Set<String> = [
        "perpetrator", "perp", "partner", "expartner", "husband", "exhusband", "boyfriend", "exboyfriend",
        "wife", "exwife", "girlfriend", "exgirlfriend", "ex", "abuser", "alleged",
    ]

    static let negations: Set<String> = [
        "not", "never", "no", "longer", "doesnt", "dont", "didnt", "cannot", "cant", "wont", "hasnt", "havent",
        "hadnt", "isnt", "nt",
    ]

    /// Every sentence of `text` that says the perpetrator can reach a route.
    public static func hits(in text: String, perpetrator: String?, victim: String? = nil, victimIsMale: Bool? = nil) -> [Hit] {
        let nameWords = Set(NameMatch.words(perpetrator ?? "").filter { $0.count >= 2 })
        let victimWords = Set(NameMatch.words(victim ?? "").filter { $0.count >= 2 }).subtracting(nameWords)
        let pronoun = victimIsMale == true ? "she" : "he"
        var out: [Hit] = []
        for sentence in sentences(text) {
            let words = NameMatch.words(sentence)
            // "Frank's" folds to "franks".
            let mentions = words.contains { w in
                roleWords.contains(w) || w == pronoun || nameWords.contains(w) || (w.hasSuffix("s") && nameWords.contains(String(w.dropLast())))
            }
            guard mentions, let route = words.lazy.compactMap({ channelWords[$0] }).first else { continue }
            let verbAt = words.indices.filter { i in
                if accessVerbs.contains(words[i]) { return true }
                guard possessionVerbs.contains(words[i]), i + 1 < words.count else { return false }
                let next = words[i + 1]
                return possessionFollowers.contains(next) || victimWords.contains(next)
                    || (next.hasSuffix("s") && victimWords.contains(String(next.dropLast())))
            }
            let affirmed = verbAt.contains { i in
                // "does not have", "no longer has", "never checked": up to two words before the verb.
                let before = words[max(0, i - 2)..<i]
                return !before.contains { negations.contains($0) }
            }
            if affirmed { out.append(Hit(route: route, sentence: sentence)) }
        }
        return out
    }

    static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for ch in text {
            if ch == "." || ch == "!" || ch == "?" || ch == ";" || ch == "\n" {
                if !current.trimmingWhitespace().isEmpty { out.append(current.trimmingWhitespace()) }
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.trimmingWhitespace().isEmpty { out.append(current.trimmingWhitespace()) }
        return out
    }
}

/// The routes the perpetrator has access to, and whether a chosen feedback route is one of them.
public enum ContactSafetyCheck {
    /// Why `feedback` is unsafe for this case, or nil: the case's contact safety first (it does not
    /// depend on wording), then what the notes say.
    public static func warning(for feedback: VictimFeedback, record: CaseRecord) -> String? {
        guard let route = ContactRoute.of(feedback) else { return nil }
        let who = record.agenda.perpetrator.map { SafeText.line($0) } ?? "the perpetrator"
        if record.details.contactSafety.contains(route) {
            return "\(who) has access to her \(route.label) (contact safety): choose a safe route"
        }
        if noteHits(record).contains(where: { $0.route == route }) {
            return "the notes say \(who) can reach her \(route.label): choose a safe route"
        }
        return nil
    }

    /// Routes the notes suggest that the case's contact safety does not list yet (offer to add them).
    public static func suggestedRoutes(_ record: CaseRecord) -> [ContactRoute] {
        var out: [ContactRoute] = []
        for h in noteHits(record) where !record.details.contactSafety.contains(h.route) && !out.contains(h.route) { out.append(h.route) }
        return out
    }

    static func noteHits(_ record: CaseRecord) -> [ContactNoteMatcher.Hit] {
        record.notes.flatMap {
            ContactNoteMatcher.hits(in: $0.text, perpetrator: record.agenda.perpetrator, victim: record.agenda.victim,
                                   victimIsMale: record.agenda.isMaleVictim)
        }
    }
}
