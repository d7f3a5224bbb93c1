import MaracCore

/// Forms about the meeting itself: the attendance register, who left, the overrun reason, a
/// passed prompt, reopening a closed meeting.

/// `a` on the opening screen: someone on the attendance register.
struct AttendanceForm: FormSpec {
    var keepsDrafts: Bool { true }

    func makeForm(in screen: ScreenContext) -> FormModel { Self.model(agencies: screen.agencyChoices) }

    static func model(agencies: [String]) -> FormModel {
        FormModel(title: "Add to the attendance register", fields: [
            FormField("agency", "Agency", .agency, hint: "type to complete from the meeting's agencies; Tab accepts"),
            FormField("rep", "Name", hint: "the representative's name"),
            FormField("role", "Role", .choice(AttendanceRole.allCases.map(\.rawValue)), value: "present", hint: "←/→ to choose, or type its letter, number or start"),
            FormField("conf", "Conf. agreed", .choice(Choices.yesNo), hint: "agreed the confidentiality statement? type y or n",
                      onlyWhen: .init(key: "role", values: ["present", "observer"])),
            FormField("info", "Info sent", .choice(Choices.yesNo), hint: "did the agency send its information? type y or n",
                      onlyWhen: .init(key: "role", values: ["apologies"])),
            FormField("received", "Received on", .pastDate, hint: "date the information arrived, e.g. 28/11 (blank if not known)",
                      onlyWhen: .init(key: "role", values: ["apologies"])),
        ], agencies: agencies)
    }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
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
                switch f.field("received")!.date(today: screen.today) {
                case .success(let d): a.informationReceived = d
                case .failure(let p): return .refused("Received on: \(p)")
                }
            }
        }
        if a.isObserverWithoutConfidentiality {
            return .write([.attendanceRecorded(attendance: a)], .warn(message: Self.observerWarning(a)))
        }
        return .write([.attendanceRecorded(attendance: a)],
                      .dismiss(message: "\(SafeText.line(a.agency)) added to the register as \(role.rawValue)"))
    }

    /// Said as the form is filled in: an observer who has not agreed may not hear case detail.
    func liveChecks(_ f: FormModel, in screen: ScreenContext) -> LiveChecks {
        guard f.field("role")?.chosen == AttendanceRole.observer.rawValue, f.field("conf")?.chosen != "yes" else { return .none }
        return .warnings([Finding(.warning, "observer-not-agreed",
                                  "an observer who has not agreed to confidentiality must not hear case detail: agree first, or leave before the cases")])
    }

    static func observerWarning(_ a: Attendance) -> String {
        "⚠ \(SafeText.line(a.representative)) (\(SafeText.line(a.agency))) observes WITHOUT agreeing to confidentiality: "
            + "they must agree, or leave before case detail is heard"
    }
}

/// `l` on the opening screen: the selected person left, after which case.
struct LeftAfterForm: FormSpec {
    var agency: String
    var representative: String

    func makeForm(in screen: ScreenContext) -> FormModel {
        let suggested = screen.state.activeCase ?? screen.state.heardCases.last?.ref
        return FormModel(title: "Record who left, and after which case", fields: [
            FormField("case", "After case", .choice(screen.state.queue), value: suggested ?? "", hint: "←/→ to choose the case they left after"),
        ])
    }

    func context(in screen: ScreenContext) -> String? { "\(SafeText.line(representative)) (\(SafeText.line(agency)))" }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard let ref = f.field("case")?.chosen else { return .refused("Choose the case they left after") }
        return .write([.attendeeLeft(agency: agency, representative: representative, afterCase: ref)],
                      .dismiss(message: "\(SafeText.line(representative)) left after case \(SafeText.line(ref))"))
    }
}

/// A form of one required reason (withdrawing an action or a case, reopening, passing a prompt).
enum ReasonField {
    static func model(_ title: String, label: String = "Reason", hint: String) -> FormModel {
        FormModel(title: title, fields: [FormField("reason", label, hint: hint)])
    }
}

/// `n` on a case over its limit: why it ran over (optional), then the close prompts.
struct OverrunForm: FormSpec {
    var flow: CloseFlow
    static let suggestions = ["historical information shared", "complex risk picture", "late information from an agency", "several agencies to hear"]

    func makeForm(in screen: ScreenContext) -> FormModel {
        FormModel(title: "Over the time limit: why?", fields: [
            FormField("reason", "Reason", hint: "optional, e.g. " + Self.suggestions.joined(separator: " · ")),
        ])
    }

    func context(in screen: ScreenContext) -> String? {
        let s = screen.state
        guard let c = s.cases[flow.caseRef] else { return nil }
        return "Case \(SafeText.line(flow.caseRef)) took \(formatElapsed(c.elapsedMillis(now: screen.now))) (limit \(s.rules.limitMinutes + c.bonusMinutes) min). Enter to continue."
    }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        var next = flow
        next.overrunReason = f["reason"].isEmpty ? nil : f["reason"]
        return .next(.closePrompts(next))
    }
}

/// `p` / `P` on the close prompts: pass one prompt, or all, with a reason recorded against each.
struct PassPromptForm: FormSpec {
    var flow: CloseFlow
    var codes: [String]
    /// The prompt's message when one is passed (the form's title).
    var message: String?

    var returnsTo: Modal? { .closePrompts(flow) }

    func makeForm(in screen: ScreenContext) -> FormModel {
        if codes.count == 1, let message {
            return ReasonField.model("Pass: \(message)", hint: "required: why this does not apply or can wait")
        }
        return ReasonField.model("Pass all \(codes.count) prompts", hint: "required: one reason recorded against each prompt")
    }

    func context(in screen: ScreenContext) -> String? {
        codes.count == 1 ? "Passing this prompt is recorded with your reason" : "Passing \(codes.count) prompts; the reason is recorded for each"
    }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard !f["reason"].isEmpty else { return .refused("A reason is required to pass a prompt") }
        let events = codes.map { MeetingEvent.promptPassed(caseRef: flow.caseRef, prompt: $0, reason: f["reason"]) }
        var back = flow
        back.selected = 0
        return .write(events, .reopen(.closePrompts(back), message: codes.count == 1 ? "Prompt passed" : "\(codes.count) prompts passed"))
    }
}

/// `R` on a closed meeting: reopen it, with a reason.
struct ReopenForm: FormSpec {
    func makeForm(in screen: ScreenContext) -> FormModel {
        ReasonField.model("Reopen the closed meeting", hint: "required: why the record is being reopened")
    }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard !f["reason"].isEmpty else { return .refused("A reason is required to reopen") }
        return .write([.meetingReopened(reason: f["reason"])], .dismiss(message: "Meeting reopened"))
    }
}
