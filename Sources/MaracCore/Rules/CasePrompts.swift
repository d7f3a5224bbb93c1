/// Checks run when the chair closes a case (docs/DOMAIN.md#smart-actions). The chair can act on each or pass it with
/// a reason; passing is recorded.
public enum CasePrompts {
    /// Phrases that mean the perpetrator has or controls the victim's phone (docs/DOMAIN.md#feedback-to-the-victim: "answering her phone").
    public static let perpetratorHasPhonePhrases = [
        "has her phone", "has his phone", "has their phone", "answering her phone", "answers her phone",
        "took her phone", "takes her phone", "controls her phone", "checks her phone", "monitors her phone",
        "has access to her phone", "access to her phone", "smashed her phone", "tracking her phone",
        "answering his phone", "controls his phone", "checks his phone", "monitors her messages",
    ]

    /// Wording that reads as opinion or blames the victim (docs/DOMAIN.md#information-sharing).
    public static let judgementalPhrases = [
        "refuses to engage", "refused to engage", "won't engage", "will not engage", "not engaging",
        "chose to go back", "chose to return", "chooses to stay", "chose to stay", "went back to him",
        "keeps going back", "allowed him back", "lets him back", "won't help herself", "attention seeking",
        "making it up", "provoked", "provoking", "hysterical", "toxic relationship", "volatile relationship",
        "in my opinion", "i think", "i feel", "failed to protect", "difficult client", "manipulative",
        "non compliant", "non-compliant", "uncooperative", "drama",
    ]

    public static func check(_ record: CaseRecord, in state: MeetingState) -> [Finding] {
        if record.agenda.notification { return [] }
        var findings: [Finding] = []
        let live = state.actions(for: record.ref).filter { $0.status != .withdrawn }
        if live.isEmpty {
            findings.append(Finding(.warning, "no-actions", "No actions agreed for this case"))
        }
        if !live.contains(where: { $0.category == .perpetrator }) {
            findings.append(Finding(.warning, "no-perpetrator-action",
                                    "No action manages, disrupts or diverts the perpetrator"))
        }
        // docs/DOMAIN.md#smart-actions: an action plan addresses the risk to the victim first, and
        // the training scorecard counts a victim-safety (or housing) action for every case heard
        // (`coversVictimSafety`, shared with the rubric so the prompt and the score never disagree).
        if !live.isEmpty, !coversVictimSafety(live) {
            findings.append(Finding(.warning, "no-victim-safety-action", "No action for the victim's safety (victim safety or housing)"))
        }
        if record.agenda.hasChildren, !live.contains(where: { $0.category == .children }) {
            let n = record.agenda.children ?? 0
            findings.append(Finding(.warning, "no-children-action",
                                    "\(n) \(n == 1 ? "child" : "children") in the household but no children action"))
        }
        // An owner not in the room learns of its action only if an agency present tells it: the
        // question asked when the action is agreed can be dismissed, so closing asks again.
        for action in untoldAbsentOwners(live, in: state) {
            findings.append(Finding(.warning, absentOwnerCode(action.id),
                                    "Action \(state.displayID(action.id)) is owned by \(SafeText.line(action.owner)), who are not here: who will tell them?"))
        }
        let allText = record.notes.map(\.text) + live.map(\.text) + [record.feedback?.detail ?? ""]
        if record.agenda.aged16to17 == true, !live.contains(where: { $0.category == .children }) {
            findings.append(Finding(.warning, "victim-16-17",
                                    "The victim is 16–17: a children's case — children's services to be in the plan"))
        }
        if record.agenda.perpetratorUnder18 == true,
           !live.contains(where: { a in ["youth offending", "yos", "yot"].contains { containsPhrase(a.owner + " " + a.text, $0) } }) {
            findings.append(Finding(.warning, "perpetrator-under-18",
                                    "The perpetrator is under 18: children's services and a youth offending referral"))
        }
        if record.agenda.childrenUnknown, !record.agenda.notification {
            findings.append(Finding(.warning, "children-unknown", "Children: not known — ask, and record them"))
        }
        if let feedback = record.feedback, let why = ContactSafetyCheck.warning(for: feedback, record: record) {
            let code = feedback.route == .phone ? "phone-feedback-risk" : "unsafe-feedback-route"
            findings.append(Finding(.warning, code, "Feedback by \(feedback.route.label), but \(why)"))
        } else if record.feedback?.route == .phone,
           let phrase = perpetratorHasPhonePhrases.first(where: { p in allText.contains { containsPhrase($0, p) } }) {
            findings.append(Finding(.warning, "phone-feedback-risk",
                                    "Feedback by phone, but the notes say the perpetrator \(phraseSummary(phrase)): choose a safe route"))
        }
        let suggested = ContactSafetyCheck.suggestedRoutes(record)
        if !suggested.isEmpty {
            findings.append(Finding(.warning, "contact-safety-suggested",
                                    "The notes say the perpetrator can reach her \(suggested.map(\.label).joined(separator: ", ")): add to contact safety (c)"))
        }
        if record.feedback == nil {
            findings.append(Finding(.warning, "no-feedback-route", "Agree who feeds back to the victim, and by what safe route"))
        }
        if !record.notes.contains(where: { $0.kind == .victimsViews }) {
            findings.append(Finding(.warning, "no-victim-views", "The victim's views are not recorded"))
        }
        for text in allText {
            if let phrase = judgementalPhrases.first(where: { containsPhrase(text, $0) }) {
                findings.append(Finding(.warning, "judgemental-wording",
                                        "'\(phrase)' reads as opinion or victim-blaming: record the facts"))
                break
            }
        }
        return findings.filter { record.passedPrompts[$0.code] == nil }
    }

    /// Whether the actions address the victim's safety: one in the victim-safety or the housing
    /// category (a move, target hardening, a sanctuary scheme). The scorecard's coverage uses it too.
    public static func coversVictimSafety(_ actions: [Action]) -> Bool {
        actions.contains { $0.category == .victimSafety || $0.category == .housing }
    }

    /// The prompt code for an action whose absent owner nobody present will tell: one per action,
    /// so passing it for one action never hides another.
    public static let absentOwnerPrefix = "absent-owner-untold:"
    public static func absentOwnerCode(_ actionID: String) -> String { absentOwnerPrefix + actionID }

    /// The action a prompt code is about, when it is an absent-owner prompt.
    public static func absentOwnerAction(inCode code: String) -> String? {
        code.hasPrefix(absentOwnerPrefix) ? String(code.dropFirst(absentOwnerPrefix.count)) : nil
    }

    /// Actions owned by an agency not in the room (apologies, absent, not on the register, gone)
    /// for which no agency present was named to tell it. Nothing is asked before a register is
    /// taken, as when the action is agreed (nobody present could be named).
    public static func untoldAbsentOwners(_ actions: [Action], in state: MeetingState) -> [Action] {
        guard !state.agenciesPresent.isEmpty else { return [] }
        return actions.filter { a in
            state.absentOwnerInformers[a.id] == nil
                && !state.attendance.contains { $0.isInRoom && $0.agency.lowercased() == a.owner.lowercased() }
        }
    }

    /// The first phrase in `text` that reads as opinion or victim-blaming, if any (the minutes mark
    /// such wording as flagged rather than printing it as if it were fact).
    public static func judgementalPhrase(in text: String) -> String? {
        judgementalPhrases.first { containsPhrase(text, $0) }
    }

    /// What each prompt asks, for the minutes of a prompt the chair passed (by its finding code).
    public static func promptTitle(_ code: String) -> String {
        switch code {
        case "no-actions": return "No actions agreed for the case"
        case "no-perpetrator-action": return "No action manages, disrupts or diverts the perpetrator"
        case "no-children-action": return "Children in the household but no children action"
        case "phone-feedback-risk": return "Feedback by phone although the perpetrator may control the phone"
        case "no-feedback-route": return "No agreed route for feedback to the victim"
        case "no-victim-views": return "The victim's views not recorded"
        case "judgemental-wording": return "Wording that reads as opinion or victim-blaming"
        case "no-victim-safety-action": return "No action for the victim's safety"
        default:
            if let id = absentOwnerAction(inCode: code) { return "Action \(id): its owner not present, and no one named to tell them" }
            return code
        }
    }

    private static func phraseSummary(_ phrase: String) -> String {
        phrase.hasPrefix("has ") || phrase.hasPrefix("controls ") || phrase.hasPrefix("checks ") ? phrase : "may control her phone"
    }
}
