/// The SMART check on one action (docs/DOMAIN.md#smart-actions): Specific text, an owner agency that is
/// here to commit, a bespoke due date, a category that ties it to a risk.
public enum SmartRules {
    /// Wording that hides who does what by when ("monitor", "as appropriate", "asap" ...).
    public static let vaguePhrases = [
        "monitor", "monitoring", "consider", "considering", "as appropriate", "if appropriate", "asap",
        "as soon as possible", "when available", "when possible", "if possible", "as soon as one becomes available",
        "as soon as one became available", "ongoing", "keep an eye", "keep in mind", "be aware", "look into",
        "explore", "tbc", "to be confirmed", "as needed", "if needed", "where necessary", "liaise as required",
    ]

    public static func check(text: String, owner: String, due: CalendarDate?, category: ActionCategory?,
                             today: CalendarDate, agenciesPresent: [String]) -> [Finding] {
        var findings: [Finding] = []
        let what = text.trimmingWhitespace()
        if what.isEmpty {
            findings.append(Finding(.error, "no-text", "Say what will be done"))
        } else {
            let vague = vaguePhrases.filter { containsPhrase(what, $0) }
            if let first = vague.first {
                findings.append(Finding(.warning, "vague-wording", "'\(first)' is vague: say exactly what will be done"))
            }
            if what.split(whereSeparator: { $0 == " " }).count < 3 {
                findings.append(Finding(.warning, "too-short", "Too short to be specific"))
            }
        }
        let who = owner.trimmingWhitespace()
        if who.isEmpty {
            findings.append(Finding(.error, "no-owner", "Name the one agency that owns this action"))
        } else if !agenciesPresent.isEmpty,
                  !agenciesPresent.contains(where: { $0.lowercased() == who.lowercased() }) {
            findings.append(Finding(.warning, "owner-absent", "\(who) is not present to commit to it"))
        }
        if let due {
            if due < today { findings.append(Finding(.error, "due-in-past", "Due date \(due.uk) is in the past")) }
            // `14/12` typed after 14/12 means next year; a date that far off is rarely a bespoke timescale.
            if today.days(until: due) > 90 {
                findings.append(Finding(.warning, "due-far-off", "Due \(due.uk), \(today.days(until: due)) days away: is that the timescale the risk needs?"))
            }
        } else {
            findings.append(Finding(.error, "no-due-date", "Give a bespoke due date"))
        }
        if category == nil {
            findings.append(Finding(.warning, "no-category", "Choose a category (victim safety, children, perpetrator …)"))
        }
        return findings
    }

    public static func check(_ action: Action, today: CalendarDate, agenciesPresent: [String]) -> [Finding] {
        check(text: action.text, owner: action.owner, due: action.due, category: action.category,
              today: today, agenciesPresent: agenciesPresent)
    }
}

extension SmartRules {
    /// The SMART check of an action as typed in a form: the due date still as text, so a date that
    /// cannot be read is said as such ("'31/02' is not a real day") rather than as a missing one.
    public static func check(text: String, owner: String, dueText: String, category: ActionCategory?,
                             today: CalendarDate, agenciesPresent: [String]) -> [Finding] {
        let parsed = DueDateInput.parse(dueText, today: today)
        var findings = check(text: text, owner: owner, due: try? parsed.get(), category: category,
                             today: today, agenciesPresent: agenciesPresent)
        if case .failure(let problem) = parsed, problem != .empty,
           let i = findings.firstIndex(where: { $0.code == "no-due-date" }) {
            findings[i] = Finding(.error, "bad-due-date", problem.description)
        }
        if let q = DueDateInput.yearQuestion(dueText, today: today) {
            let when = q.thisYearIsTheMeetingDay ? "is the meeting day" : "has passed this year"
            findings.append(Finding(.warning, "due-year-unclear", "\(q.typed) \(when): saving asks which year you meant"))
        }
        return findings
    }
}
