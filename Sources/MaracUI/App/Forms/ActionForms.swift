import MaracCore

/// Forms about actions: agreeing one, amending or withdrawing it, who tells an absent owner, and
/// the review of an action from an earlier meeting.

/// The fields of an action (new or amended), SMART-checked live.
enum ActionFields {
    /// The category the field picks as the form shows it (`c` children, its letter; a prefix): the
    /// choice list's reading, so what is saved is what the chair saw highlighted.
    static func category(_ f: FormModel) -> ActionCategory? {
        f.field("category")?.chosen.flatMap(ActionCategory.init(rawValue:)) ?? ActionCategory.parse(f["category"])
    }

    static func model(agencies: [String], existing: Action? = nil) -> FormModel {
        FormModel(title: existing == nil ? "Add an action" : "Amend action \(SafeText.line(existing!.id))", fields: [
            FormField("what", "What", value: existing?.text ?? "", hint: "exactly what will be done, for whom"),
            FormField("owner", "Owner agency", .agency, value: existing?.owner ?? "", hint: "one agency; type to complete, Tab accepts"),
            FormField("due", "Due date", .date, value: existing?.due?.uk ?? "", hint: "14/12, 14/12/2026, +7d, +2w or fri"),
            FormField("category", "Category", .choice(ActionCategory.allCases.map(\.rawValue)), value: existing?.category?.rawValue ?? "",
                      hint: "←/→ to cycle, or type the start of one (perp, vict, cj …)"),
        ], agencies: agencies)
    }

    /// The SMART check of the form as it stands (the rules are MaracCore's `SmartRules`).
    static func findings(_ form: FormModel, in screen: ScreenContext) -> [Finding] {
        SmartRules.check(text: form["what"], owner: form["owner"], dueText: form["due"],
                         category: ActionFields.category(form), today: screen.today,
                         agenciesPresent: screen.state.agenciesPresent)
    }

    static func due(_ form: FormModel, in screen: ScreenContext) -> CalendarDate? {
        try? DueDateInput.parse(form["due"], today: screen.today).get()
    }

    /// The first SMART error, as the reason a save is refused.
    static func refusal(_ form: FormModel, in screen: ScreenContext) -> String? {
        findings(form, in: screen).first { $0.severity == .error }.map { "Not saved: " + $0.message }
    }
}

/// `a` on the case screen: a new action for the case.
struct NewActionForm: FormSpec {
    var caseRef: String
    var keepsDrafts: Bool { true }

    func makeForm(in screen: ScreenContext) -> FormModel {
        screen.ownerForm(ActionFields.model(agencies: screen.ownerAgencies))
    }

    func context(in screen: ScreenContext) -> String? { screen.caseContext(caseRef) }
    func liveChecks(_ form: FormModel, in screen: ScreenContext) -> LiveChecks { .smart(ActionFields.findings(form, in: screen)) }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        if let refusal = ActionFields.refusal(f, in: screen) { return .refused(refusal) }
        if let ask = DueYearForm.ask(f, self, in: screen) { return .next(ask) }
        let action = Action(id: screen.state.nextActionID, caseRef: caseRef, text: f["what"], owner: f["owner"],
                            due: ActionFields.due(f, in: screen), category: ActionFields.category(f))
        // Saved at once; then, for an owner not in the room, who will tell them.
        if let ask = screen.absentOwnerStep(action) {
            return .write([.actionAgreed(action: action)], .reopen(ask, message: "Action \(action.id) agreed: \(SafeText.line(action.owner)) is not here"))
        }
        return .write([.actionAgreed(action: action)], .dismiss(message: "Action \(action.id) agreed"))
    }
}

/// `e` on the case screen: amend the selected action.
struct AmendActionForm: FormSpec {
    var actionID: String
    var keepsDrafts: Bool { true }

    func makeForm(in screen: ScreenContext) -> FormModel {
        screen.ownerForm(ActionFields.model(agencies: screen.ownerAgencies, existing: screen.state.action(actionID)))
    }

    func context(in screen: ScreenContext) -> String? { screen.actionContext(actionID) }
    func liveChecks(_ form: FormModel, in screen: ScreenContext) -> LiveChecks { .smart(ActionFields.findings(form, in: screen)) }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        if let refusal = ActionFields.refusal(f, in: screen) { return .refused(refusal) }
        if let ask = DueYearForm.ask(f, self, in: screen) { return .next(ask) }
        return .write([.actionAmended(actionID: actionID, text: f["what"], owner: f["owner"], due: ActionFields.due(f, in: screen),
                                      category: ActionFields.category(f))],
                      .dismiss(message: "Action \(SafeText.line(actionID)) amended"))
    }
}

/// A due date typed as `dd/mm` that is not after the meeting this year (`01/08` at a meeting on
/// 04/08): which year was meant? Next year writes the action with that date; "change the date"
/// goes back to the action form with the date selected. Esc goes back to the form as it was.
struct DueYearForm: FormSpec {
    var question: DueDateInput.YearQuestion
    var original: FormModel
    var originalSpec: AnyFormSpec

    static let nextYear = "next year", meetingDay = "the meeting day", change = "change the date"

    /// The question for an action form, or nil when its due date is clear.
    static func ask(_ form: FormModel, _ spec: some FormSpec, in screen: ScreenContext) -> Modal? {
        guard let q = DueDateInput.yearQuestion(form["due"], today: screen.today) else { return nil }
        return .form(DueYearForm(question: q, original: form, originalSpec: AnyFormSpec(spec)), in: screen)
    }

    var returnsTo: Modal? { .form(original, originalSpec) }

    var options: [String] {
        [Self.nextYear] + (question.thisYearIsTheMeetingDay ? [Self.meetingDay] : []) + [Self.change]
    }

    func makeForm(in screen: ScreenContext) -> FormModel {
        let q = question
        return FormModel(title: "Which year for the due date \(SafeText.line(q.typed))?", fields: [
            FormField("year", "Due", .choice(options),
                      hint: "next year = \(q.nextYear.uk) (in \(q.meetingDate.days(until: q.nextYear)) days)"
                        + (q.thisYearIsTheMeetingDay ? "; the meeting day = \(q.thisYear.uk)" : "")
                        + "; or change the date"),
        ])
    }

    func context(in screen: ScreenContext) -> String? {
        let q = question
        return q.thisYearIsTheMeetingDay
            ? "\(q.typed) is the meeting day (\(q.meetingDate.uk)): due today, or next year?"
            : "\(q.typed) has already passed this year: the meeting is on \(q.meetingDate.uk), so \(q.typed) reads as \(q.nextYear.uk)"
    }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard let choice = f.field("year")?.chosen else { return .refused("Choose next year or change the date") }
        var form = original
        if choice == Self.change {
            form.focus(on: "due")
            return .next(.form(form, originalSpec))
        }
        form.set("due", (choice == Self.meetingDay ? question.thisYear : question.nextYear).uk)
        switch originalSpec.spec.submit(form, in: screen) {
        case .refused(let problem):
            form.problem = problem
            return .next(.form(form, originalSpec))
        case let other:
            return other
        }
    }
}

/// `x` on the case screen: withdraw the selected action, with a reason.
struct WithdrawActionForm: FormSpec {
    var actionID: String

    func makeForm(in screen: ScreenContext) -> FormModel {
        ReasonField.model("Withdraw action \(SafeText.line(screen.state.displayID(actionID)))", hint: "required: why the action is withdrawn")
    }

    func context(in screen: ScreenContext) -> String? { screen.actionContext(actionID) }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard !f["reason"].isEmpty else { return .refused("A reason is required") }
        return .write([.actionWithdrawn(actionID: actionID, reason: f["reason"])],
                      .dismiss(message: "Action \(SafeText.line(actionID)) withdrawn"))
    }
}

/// After an action is agreed for an agency not in the room: which agency present tells it. Asked
/// again from the case's close prompts (`t`) when it was dismissed; it then goes back to them.
struct AbsentOwnerForm: FormSpec {
    var action: Action
    /// The close prompts it was opened from (`t`), to return to when saved or cancelled.
    var closing: CloseFlow?

    var returnsTo: Modal? { closing.map { .closePrompts($0) } }

    func makeForm(in screen: ScreenContext) -> FormModel {
        let present = screen.state.agenciesPresent
        // The action as the case screen numbers it (#2): the full ID did not fit the title at 80 columns.
        let shown = SafeText.line(screen.state.displayID(action.id))
        return FormModel(title: "\(SafeText.line(action.owner)) is not here: who will tell them about action \(shown)?", fields: [
            FormField("by", "Told by", .choice(present), value: present.first { $0.lowercased().contains("idva") } ?? present.first ?? "",
                      hint: "an agency present (←/→); recorded, and the minutes say so"),
        ])
    }

    func context(in screen: ScreenContext) -> String? { "\(SafeText.line(action.owner)): \(SafeText.line(action.text))" }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard let by = f.field("by")?.chosen else { return .refused("Choose the agency present that will tell them") }
        let message = "\(SafeText.line(by)) will tell \(SafeText.line(action.owner)) about action \(SafeText.line(screen.state.displayID(action.id))) (recorded)"
        if var back = closing {
            back.selected = 0
            return .write([.absentOwnerToBeTold(actionID: action.id, byAgency: by)], .reopen(.closePrompts(back), message: message))
        }
        return .write([.absentOwnerToBeTold(actionID: action.id, byAgency: by)], .dismiss(message: message))
    }
}

/// Enter on the review screen: the outcome of an action from an earlier meeting (again: the
/// outcome already recorded is shown, to change).
struct ReviewForm: FormSpec {
    var actionID: String
    var keepsDrafts: Bool { true }

    func makeForm(in screen: ScreenContext) -> FormModel {
        let action = screen.state.outstanding.first { $0.id == actionID }
        var form = FormModel(title: "Review action \(SafeText.line(action?.displayID ?? actionID)) (\(SafeText.line(actionID)))", fields: [
            FormField("outcome", "Outcome", .choice(ReviewOutcome.allCases.map(\.rawValue)),
                      hint: "not possible = circumstances changed; not done = by the agency, escalates to the steering group",
                      letters: ReviewOutcome.allCases.map(\.letter)),
            // Carried forward: when it is now due, offered as the next meeting's date (15c).
            FormField("due", "New due date", .date, value: screen.state.carriedForwardDueDate.uk,
                      hint: "when it is now due (the next meeting unless changed): 14/12, +2w, fri",
                      onlyWhen: .init(key: "outcome", values: [ReviewOutcome.carriedForward.rawValue])),
            FormField("note", "Note", hint: "optional: what happened"),
        ])
        if let previous = screen.state.reviews[actionID] {
            form.set("outcome", previous.outcome.rawValue)
            form.set("note", previous.note)
            if let due = previous.newDue { form.set("due", due.uk) }
        }
        return form
    }

    func context(in screen: ScreenContext) -> String? {
        guard let a = screen.state.outstanding.first(where: { $0.id == actionID }) else { return nil }
        var lines = ["\(SafeText.line(a.owner)): \(SafeText.line(a.text))"]
        // How late it is at this meeting, and what came back since, so the chair need not ask again.
        let meetingDay = screen.state.info.date
        if let late = a.overdueWords(on: meetingDay), let due = a.due {
            lines.append("Due \(due.uk): \(late) at this meeting (\(meetingDay.uk))")
        }
        if let progress = a.progress { lines.append("Latest: " + progress.line) }
        return lines.joined(separator: "\n")
    }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard let outcome = f.field("outcome")?.chosen.flatMap(ReviewOutcome.init(rawValue:)) else {
            return .refused("Choose an outcome with ←/→")
        }
        // Once recorded, the review moves on to the next action still to review, so the next
        // outcome can never overwrite this one.
        if outcome == .carriedForward {
            // Carried forward: due again on a new date, which the tracker and the next review use (15c).
            guard case .success(let due) = DueDateInput.parse(f["due"], today: screen.today) else {
                return .refused("Give the new due date for the carried-forward action (e.g. \(screen.state.carriedForwardDueDate.uk))")
            }
            return .write([.outstandingActionCarriedForward(actionID: actionID, due: due, note: f["note"])],
                          .reviewed(actionID: actionID, message: "Action \(SafeText.line(actionID)): carried forward, now due \(due.uk)"))
        }
        return .write([.outstandingActionReviewed(actionID: actionID, outcome: outcome, note: f["note"])],
                      .reviewed(actionID: actionID, message: "Action \(SafeText.line(actionID)): \(outcome.label)"))
    }
}

extension ReviewOutcome {
    /// The letter that picks the outcome in the review form: `n` is not done (by the agency), `p`
    /// not possible, so the words' own first letters never pick the wrong one.
    var letter: Character? {
        switch self {
        case .done: return "d"
        case .notPossible: return "p"
        case .notDone: return "n"
        case .carriedForward: return "c"
        }
    }
}

extension ScreenContext {
    /// The agencies every agency field of the meeting offers, in one shared order: those present,
    /// in register order, then the rest of the meeting's agencies (the protocol's list, then the
    /// agenda's). The screen-reader mode numbers agencies by this order, so an agency keeps its
    /// number from the action form to the note form to the feedback form (it moves only when the
    /// register changes).
    var agencyChoices: [String] {
        let present = state.agenciesPresent
        return present + state.knownAgencies.filter { a in !present.contains { $0.lowercased() == a.lowercased() } }
    }

    /// Agencies for an owner field: the shared order (the form marks those not in the room).
    var ownerAgencies: [String] { agencyChoices }

    /// "apologies" / "not here" for an agency not in the room (nil: present, or no register yet).
    func presenceMark(_ agency: String) -> String? {
        guard !state.attendance.isEmpty else { return nil }
        let rows = state.attendance.filter { $0.agency.lowercased() == agency.lowercased() }
        if rows.contains(where: \.isInRoom) { return nil }
        return rows.contains { $0.role == .apologies } ? "apologies" : "not here"
    }

    /// An action form whose owner list marks the agencies not in the room.
    func ownerForm(_ form: FormModel) -> FormModel {
        var f = form
        for a in f.agencies { if let mark = presenceMark(a) { f.agencyMarks[a] = mark } }
        return f
    }

    /// After an action is agreed for an agency that is not in the room, ask who tells it.
    func absentOwnerStep(_ action: Action) -> Modal? {
        guard presenceMark(action.owner) != nil else { return nil }
        guard !state.agenciesPresent.isEmpty else { return nil }
        return .form(AbsentOwnerForm(action: action), in: self)
    }
}
