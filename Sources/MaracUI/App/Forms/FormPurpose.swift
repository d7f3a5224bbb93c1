import MaracCore

/// What a form is for: decides its fields, how it is checked and which events it writes.
enum FormPurpose: Equatable {
    case attendance
    case leftAfter(agency: String, representative: String)
    case review(actionID: String)
    case newAction(caseRef: String)
    case amendAction(actionID: String)
    case withdrawAction(actionID: String)
    case note(caseRef: String)
    case feedback(caseRef: String)
    case lateCase
    case deferCase(caseRef: String)
    case withdrawCase(caseRef: String)
    case overrun(CloseFlow)
    case passPrompt(CloseFlow, codes: [String])
    case reopen
    // Case forms (CaseForms.swift).
    case caseDetails(caseRef: String)
    case chooseNote(caseRef: String, withdraw: Bool)
    case amendNote(caseRef: String, seq: Int)
    case withdrawNote(caseRef: String, seq: Int)
    case decideHearing(caseRef: String, key: String)
    case absentOwner(Action)
    // The meeting's shape (Screens/MeetingShape.swift).
    case plannedTimes
    case aobItem
    case nextMeeting
}

extension FormPurpose {
    /// Forms where the chair types content worth keeping if the form is cancelled by mistake.
    var keepsDrafts: Bool {
        switch self {
        case .attendance, .newAction, .amendAction, .note, .feedback, .lateCase, .review: return true
        default: return false
        }
    }
}

/// The form for each purpose. Field keys are what `Forms.events` reads back.
enum Forms {
    static let yesNo = ["yes", "no"]
    static let overrunSuggestions = ["historical information shared", "complex risk picture", "late information from an agency", "several agencies to hear"]

    static func attendance(agencies: [String]) -> FormModel {
        FormModel(title: "Add to the attendance register", fields: [
            FormField("agency", "Agency", .agency, hint: "type to complete from the meeting's agencies; Tab accepts"),
            FormField("rep", "Name", hint: "the representative's name"),
            FormField("role", "Role", .choice(AttendanceRole.allCases.map(\.rawValue)), value: "present", hint: "←/→ to choose, or type the start of one"),
            FormField("conf", "Conf. agreed", .choice(yesNo), hint: "agreed the confidentiality statement? type y or n",
                      onlyWhen: .init(key: "role", values: ["present", "observer"])),
            FormField("info", "Info sent", .choice(yesNo), hint: "did the agency send its information? type y or n",
                      onlyWhen: .init(key: "role", values: ["apologies"])),
            FormField("received", "Received on", .pastDate, hint: "date the information arrived, e.g. 28/11 (blank if not known)",
                      onlyWhen: .init(key: "role", values: ["apologies"])),
        ], agencies: agencies)
    }

    static func leftAfter(caseRefs: [String], suggested: String?) -> FormModel {
        FormModel(title: "Record who left, and after which case", fields: [
            FormField("case", "After case", .choice(caseRefs), value: suggested ?? "", hint: "←/→ to choose the case they left after"),
        ])
    }

    static func review(_ action: OutstandingAction) -> FormModel {
        FormModel(title: "Review action \(SafeText.line(action.displayID)) (\(SafeText.line(action.id)))", fields: [
            FormField("outcome", "Outcome", .choice(ReviewOutcome.allCases.map(\.rawValue)),
                      hint: "not possible = circumstances changed; not done = by the agency, escalates to the steering group"),
            FormField("note", "Note", hint: "optional: what happened"),
        ])
    }

    static func action(agencies: [String], existing: Action? = nil) -> FormModel {
        FormModel(title: existing == nil ? "Add an action" : "Amend action \(SafeText.line(existing!.id))", fields: [
            FormField("what", "What", value: existing?.text ?? "", hint: "exactly what will be done, for whom"),
            FormField("owner", "Owner agency", .agency, value: existing?.owner ?? "", hint: "one agency; type to complete, Tab accepts"),
            FormField("due", "Due date", .date, value: existing?.due?.uk ?? "", hint: "14/12, 14/12/2026, +7d, +2w or fri"),
            FormField("category", "Category", .choice(ActionCategory.allCases.map(\.rawValue)), value: existing?.category?.rawValue ?? "",
                      hint: "←/→ to cycle, or type the start of one (perp, vict, cj …)"),
        ], agencies: agencies)
    }

    static func reason(_ title: String, label: String = "Reason", hint: String) -> FormModel {
        FormModel(title: title, fields: [FormField("reason", label, hint: hint)])
    }

    static func note(agencies: [String]) -> FormModel {
        FormModel(title: "Add a note (short, factual)", fields: [
            FormField("agency", "Agency", .agency, hint: "whose information this is"),
            FormField("kind", "Kind", .choice(NoteKind.allCases.map(\.rawValue)), value: NoteKind.riskInformation.rawValue,
                      hint: "←/→ to choose; for information withheld, give the reason in the note"),
            FormField("text", "Note", hint: "facts, not opinion; for 'information withheld' say what and why"),
        ], agencies: agencies)
    }

    static func feedback(agencies: [String], existing: VictimFeedback?) -> FormModel {
        FormModel(title: "Who feeds back to the victim, and how", fields: [
            FormField("agency", "Agency", .agency, value: existing?.agency ?? "Idva", hint: "usually the Idva",
                      suggested: existing == nil),
            FormField("route", "Route", .choice(FeedbackRoute.allCases.map(\.rawValue)), value: existing?.route.rawValue ?? "",
                      hint: "choose a safe route: avoid phone if the perpetrator may control it"),
            FormField("detail", "Detail", value: existing?.detail ?? "", hint: "optional: when, where, what to avoid"),
        ], agencies: agencies)
    }

    static func lateCase(agencies: [String]) -> FormModel {
        FormModel(title: "Add a late case", fields: [
            FormField("ref", "Case ref", hint: "the referral's reference"),
            FormField("victim", "Victim", hint: "the victim's name"),
            FormField("agency", "Referred by", .agency, hint: "the referring agency"),
            FormField("basis", "Basis", .choice(ReferralBasis.allCases.map(\.rawValue)),
                      hint: "←/→ to choose; actuarial = a DASH score at or above the threshold"),
            FormField("dash", "DASH score", hint: "0–24, blank if not known"),
            FormField("children", "Children", hint: "number in the household, blank if not known"),
        ], agencies: agencies)
    }

    static func deferCase() -> FormModel {
        FormModel(title: "Defer the case", fields: [
            FormField("to", "Defer to", .choice(["end of agenda", "next meeting"]), value: "end of agenda",
                      hint: "←/→ to choose"),
            FormField("reason", "Reason", hint: "e.g. the referrer has not briefed the representative"),
        ])
    }

    static func overrun() -> FormModel {
        FormModel(title: "Over the time limit: why?", fields: [
            FormField("reason", "Reason", hint: "optional, e.g. " + overrunSuggestions.joined(separator: " · ")),
        ])
    }

    static func reopen() -> FormModel {
        reason("Reopen the closed meeting", hint: "required: why the record is being reopened")
    }
}

extension MeetingScreen {
    /// Opens a form as the modal, unless editing is not allowed now.
    mutating func openForm(_ form: FormModel, _ purpose: FormPurpose) {
        if let refusal = editRefusal() { setStatus(refusal, error: true); return }
        if let i = drafts.firstIndex(where: { $0.purpose == purpose }) {
            modal = .form(drafts.remove(at: i).form, purpose)
            setStatus("Your unsaved draft is back — Esc again keeps it, Ctrl-U clears a field")
            return
        }
        modal = .form(form, purpose)
        setStatus(nil)
    }

    /// Checks a submitted form and writes its events; a refusal keeps the form open with the reason.
    mutating func submit(_ submitted: FormModel, _ purpose: FormPurpose) -> [Effect] {
        var form = submitted
        form.problem = nil
        let outcome = formEvents(form, purpose)
        switch outcome {
        case .refused(let problem):
            form.problem = problem
            modal = .form(form, purpose)
            return []
        case .next(let next):
            modal = next
            return []
        case .write(let events, let after):
            modal = .form(form, purpose)
            let effects = save(events, then: after)
            if effects.isEmpty, case .form(var f, let p) = modal {
                f.problem = statusMessage
                modal = .form(f, p)
            }
            return effects
        }
    }

    enum FormResult {
        case refused(String)
        case next(Modal?)
        case write([MeetingEvent], AfterSave)
    }

    func actionFindings(_ form: FormModel) -> [Finding] {
        var findings = SmartRules.check(text: form["what"], owner: form["owner"], due: dueDate(form["due"]),
                                        category: ActionCategory.parse(form["category"]), today: today,
                                        agenciesPresent: state.agenciesPresent)
        if case .failure(let problem) = DueDateInput.parse(form["due"], today: today), problem != .empty,
           let i = findings.firstIndex(where: { $0.code == "no-due-date" }) {
            findings[i] = Finding(.error, "bad-due-date", problem.description)
        }
        return findings
    }

    func dueDate(_ text: String) -> CalendarDate? {
        if case .success(let d) = DueDateInput.parse(text, today: today) { return d }
        return nil
    }

    private func formEvents(_ f: FormModel, _ purpose: FormPurpose) -> FormResult {
        switch purpose {
        case .attendance:
            guard !f["agency"].isEmpty else { return .refused("Give the agency") }
            guard !f["rep"].isEmpty else { return .refused("Give the representative's name") }
            guard let role = f.field("role")?.chosen.flatMap(AttendanceRole.init(rawValue:)) else {
                return .refused("Choose a role: present, observer, apologies or absent")
            }
            var a = Attendance(agency: f["agency"], representative: f["rep"], role: role)
            if role == .present || role == .observer {
                a.confidentialityAgreed = f.field("conf")?.chosen.map { $0 == "yes" }
            }
            if role == .apologies {
                a.informationSent = f.field("info")?.chosen.map { $0 == "yes" }
                if !f["received"].isEmpty {
                    switch f.field("received")!.date(today: today) {
                    case .success(let d): a.informationReceived = d
                    case .failure(let p): return .refused("Received on: \(p)")
                    }
                }
            }
            return .write([.attendanceRecorded(attendance: a)],
                          .dismiss(message: "\(SafeText.line(a.agency)) added to the register as \(role.rawValue)"))
        case .leftAfter(let agency, let rep):
            guard let ref = f.field("case")?.chosen else { return .refused("Choose the case they left after") }
            return .write([.attendeeLeft(agency: agency, representative: rep, afterCase: ref)],
                          .dismiss(message: "\(SafeText.line(rep)) left after case \(SafeText.line(ref))"))
        case .review(let id):
            guard let outcome = f.field("outcome")?.chosen.flatMap(ReviewOutcome.init(rawValue:)) else {
                return .refused("Choose an outcome with ←/→")
            }
            return .write([.outstandingActionReviewed(actionID: id, outcome: outcome, note: f["note"])],
                          .dismiss(message: "Action \(SafeText.line(id)): \(outcome.label)"))
        case .newAction(let ref):
            let findings = actionFindings(f)
            if let error = findings.first(where: { $0.severity == .error }) { return .refused("Not saved: " + error.message) }
            let action = Action(id: state.nextActionID, caseRef: ref, text: f["what"], owner: f["owner"],
                                due: dueDate(f["due"]), category: ActionCategory.parse(f["category"]))
            // Saved at once; then, for an owner not in the room, who will tell them.
            if let ask = absentOwnerStep(action) {
                return .write([.actionAgreed(action: action)], .reopen(ask, message: "Action \(action.id) agreed: \(SafeText.line(action.owner)) is not here"))
            }
            return .write([.actionAgreed(action: action)], .dismiss(message: "Action \(action.id) agreed"))
        case .amendAction(let id):
            let findings = actionFindings(f)
            if let error = findings.first(where: { $0.severity == .error }) { return .refused("Not saved: " + error.message) }
            return .write([.actionAmended(actionID: id, text: f["what"], owner: f["owner"], due: dueDate(f["due"]),
                                          category: ActionCategory.parse(f["category"]))],
                          .dismiss(message: "Action \(SafeText.line(id)) amended"))
        case .withdrawAction(let id):
            guard !f["reason"].isEmpty else { return .refused("A reason is required") }
            return .write([.actionWithdrawn(actionID: id, reason: f["reason"])],
                          .dismiss(message: "Action \(SafeText.line(id)) withdrawn"))
        case .note(let ref):
            guard !f["agency"].isEmpty else { return .refused("Give the agency") }
            guard let kind = f.field("kind")?.chosen.flatMap(NoteKind.init(rawValue:)) else { return .refused("Choose the kind of note") }
            guard !f["text"].isEmpty else {
                return .refused(kind == .withheld ? "Say what is withheld and the reason" : "Write the note")
            }
            return .write([.noteAdded(caseRef: ref, agency: f["agency"], kind: kind, text: f["text"])],
                          .dismiss(message: "Note added (\(kind.label))"))
        case .feedback(let ref):
            guard !f["agency"].isEmpty else { return .refused("Give the agency that feeds back") }
            guard let route = FeedbackRoute.parse(f["route"]) else { return .refused("Choose a route with ←/→") }
            return .write([.feedbackAgreed(caseRef: ref, feedback: VictimFeedback(agency: f["agency"], route: route, detail: f["detail"]))],
                          .dismiss(message: "Feedback to the victim agreed: \(SafeText.line(f["agency"])), \(route.label)"))
        case .lateCase:
            // A reference that reads the same as one on the agenda is that case (CaseReference).
            let cleaned = CaseReference.clean(f["ref"])
            let ref = cleaned.value
            guard !ref.isEmpty else { return .refused("Give the case ref") }
            if let existing = CaseReference.match(ref, in: state.cases.keys) {
                return .refused("Case \(SafeText.line(existing)) is already on the agenda")
            }
            guard !f["victim"].isEmpty else { return .refused("Give the victim's name") }
            guard !f["agency"].isEmpty else { return .refused("Give the referring agency") }
            guard let basis = f.field("basis")?.chosen.flatMap(ReferralBasis.init(rawValue:)) else {
                return .refused("Choose the referral basis with ←/→")
            }
            let dash: Int?
            switch DashScore.parse(f["dash"]) {
            case .success(let n): dash = n
            case .failure(let problem): return .refused(problem.description)
            }
            var children: Int?
            if !f["children"].isEmpty {
                guard let n = Int(f["children"]), n >= 0 else { return .refused("Children must be a number (0 or more)") }
                children = n
            }
            let agenda = AgendaCase(caseRef: ref, victim: f["victim"], referringAgency: f["agency"], referralBasis: basis,
                                    dashScore: dash, children: children)
            return .write([.caseQueued(agendaCase: agenda, late: true)],
                          .dismiss(message: "Late case \(SafeText.line(ref)) added at the end of the agenda"
                                   + (cleaned.needsReport ? " (hidden characters removed: \(cleaned.changes.joined(separator: ", ")))" : "")))
        case .deferCase(let ref):
            guard let to = f.field("to")?.chosen else { return .refused("Choose end of agenda or next meeting") }
            guard !f["reason"].isEmpty else { return .refused("A reason is required") }
            let toNext = to == "next meeting"
            return .write([.caseDeferred(caseRef: ref, toNextMeeting: toNext, reason: f["reason"])],
                          .dismiss(message: "Case \(SafeText.line(ref)) deferred to the \(to)"))
        case .withdrawCase(let ref):
            guard !f["reason"].isEmpty else { return .refused("A reason is required") }
            return .write([.caseWithdrawn(caseRef: ref, reason: f["reason"])],
                          .dismiss(message: "Case \(SafeText.line(ref)) withdrawn"))
        case .overrun(var flow):
            flow.overrunReason = f["reason"].isEmpty ? nil : f["reason"]
            return .next(.closePrompts(flow))
        case .passPrompt(let flow, let codes):
            guard !f["reason"].isEmpty else { return .refused("A reason is required to pass a prompt") }
            let events = codes.map { MeetingEvent.promptPassed(caseRef: flow.caseRef, prompt: $0, reason: f["reason"]) }
            var back = flow
            back.selected = 0
            return .write(events, .reopen(.closePrompts(back), message: codes.count == 1 ? "Prompt passed" : "\(codes.count) prompts passed"))
        case .reopen:
            guard !f["reason"].isEmpty else { return .refused("A reason is required to reopen") }
            return .write([.meetingReopened(reason: f["reason"])], .dismiss(message: "Meeting reopened"))
        case .caseDetails, .chooseNote, .amendNote, .withdrawNote, .decideHearing, .absentOwner:
            return caseFormEvents(f, purpose)
        case .plannedTimes, .aobItem, .nextMeeting:
            return meetingShapeEvents(f, purpose)
        }
    }
}
