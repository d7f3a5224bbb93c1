import MaracCore

/// Forms about one case: a note (and amending or withdrawing one), who feeds back to the victim,
/// deferring or withdrawing the case, its details (risks, flags, contact safety), and an earlier
/// hearing to confirm or reject. The late case is `LateCaseForm`.

/// `o` on the case screen: a note.
struct NoteForm: FormSpec {
    var caseRef: String
    var keepsDrafts: Bool { true }

    func makeForm(in screen: ScreenContext) -> FormModel {
        FormModel(title: "Add a note (short, factual)", fields: [
            FormField("agency", "Agency", .agency, hint: "whose information this is"),
            FormField("kind", "Kind", .choice(NoteKind.allCases.map(\.rawValue)), value: NoteKind.riskInformation.rawValue,
                      hint: "←/→ to choose; for information withheld, give the reason in the note"),
            FormField("text", "Note", .prose, hint: "facts, not opinion; for 'information withheld' say what and why"),
        ], agencies: screen.agencyChoices)
    }

    func context(in screen: ScreenContext) -> String? { screen.caseContext(caseRef) }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard !f["agency"].isEmpty else { return .refused("Give the agency") }
        guard let kind = f.field("kind")?.chosen.flatMap(NoteKind.init(rawValue:)) else { return .refused("Choose the kind of note") }
        guard !f["text"].isEmpty else {
            return .refused(kind == .withheld ? "Say what is withheld and the reason" : "Write the note")
        }
        return .write([.noteAdded(caseRef: caseRef, agency: f["agency"], kind: kind, text: f["text"])],
                      .dismiss(message: "Note added (\(kind.label))"))
    }
}

/// `f` on the case screen: who feeds back to the victim, and how.
struct FeedbackForm: FormSpec {
    var caseRef: String
    var keepsDrafts: Bool { true }

    func makeForm(in screen: ScreenContext) -> FormModel {
        let existing = screen.state.cases[caseRef]?.feedback
        return FormModel(title: "Who feeds back to the victim, and how", fields: [
            FormField("agency", "Agency", .agency, value: existing?.agency ?? "Idva", hint: "usually the Idva"),
            FormField("route", "Route", .choice(FeedbackRoute.allCases.map(\.rawValue)), value: existing?.route.rawValue ?? "",
                      hint: "choose a safe route: avoid phone if the perpetrator may control it"),
            FormField("detail", "Detail", value: existing?.detail ?? "", hint: "optional: when, where, what to avoid"),
        ], agencies: screen.agencyChoices)
    }

    func context(in screen: ScreenContext) -> String? { screen.caseContext(caseRef) }

    /// The phone-route prompt, live: the same rule the close check applies.
    func liveChecks(_ form: FormModel, in screen: ScreenContext) -> LiveChecks {
        guard var record = screen.state.cases[caseRef], let route = FeedbackRoute.parse(form["route"]) else { return .warnings([]) }
        record.feedback = VictimFeedback(agency: form["agency"], route: route, detail: form["detail"])
        record.passedPrompts = [:]
        return .warnings(CasePrompts.check(record, in: screen.state).filter { $0.code == "phone-feedback-risk" || $0.code == "unsafe-feedback-route" })
    }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard !f["agency"].isEmpty else { return .refused("Give the agency that feeds back") }
        guard let route = FeedbackRoute.parse(f["route"]) else { return .refused("Choose a route with ←/→") }
        return .write([.feedbackAgreed(caseRef: caseRef, feedback: VictimFeedback(agency: f["agency"], route: route, detail: f["detail"]))],
                      .dismiss(message: "Feedback to the victim agreed: \(SafeText.line(f["agency"])), \(route.label)"))
    }
}

/// `d` on the agenda or case screen: defer the case to the end of the agenda or the next meeting.
struct DeferCaseForm: FormSpec {
    var caseRef: String

    func makeForm(in screen: ScreenContext) -> FormModel {
        FormModel(title: "Defer the case", fields: [
            FormField("to", "Defer to", .choice(["end of agenda", "next meeting"]), value: "end of agenda",
                      hint: "←/→ to choose"),
            FormField("reason", "Reason", hint: "e.g. the referrer has not briefed the representative"),
        ])
    }

    func context(in screen: ScreenContext) -> String? { screen.caseContext(caseRef) }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard let to = f.field("to")?.chosen else { return .refused("Choose end of agenda or next meeting") }
        guard !f["reason"].isEmpty else { return .refused("A reason is required") }
        return .write([.caseDeferred(caseRef: caseRef, toNextMeeting: to == "next meeting", reason: f["reason"])],
                      .dismiss(message: "Case \(SafeText.line(caseRef)) deferred to the \(to)"))
    }
}

/// `w` on the agenda: withdraw the case, with a reason.
struct WithdrawCaseForm: FormSpec {
    var caseRef: String

    func makeForm(in screen: ScreenContext) -> FormModel {
        ReasonField.model("Withdraw case \(SafeText.line(caseRef))", hint: "required: why the case is withdrawn")
    }

    func context(in screen: ScreenContext) -> String? { screen.caseContext(caseRef) }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard !f["reason"].isEmpty else { return .refused("A reason is required") }
        return .write([.caseWithdrawn(caseRef: caseRef, reason: f["reason"])],
                      .dismiss(message: "Case \(SafeText.line(caseRef)) withdrawn"))
    }
}

/// `c` on the case screen: the referral summary, risks, flags and unsafe contact routes.
struct CaseDetailsForm: FormSpec {
    var caseRef: String

    func makeForm(in screen: ScreenContext) -> FormModel {
        let d = screen.state.cases[caseRef]?.details ?? CaseDetails()
        return FormModel(title: "Case details: referral, risks, flags, contact safety", fields: [
            FormField("summary", "Referral", value: d.referralSummary ?? "", hint: "why the case was referred, in a line or two"),
            FormField("risks", "Risks", value: d.riskFactors.map(\.label).joined(separator: "; "),
                      hint: "; between them: strangulation, pregnancy, separation, weapons, threats to kill, stalking, escalation, sexual abuse, child contact, or your words"),
            FormField("flags", "Flags", value: d.flags.map(\.rawValue).joined(separator: "; "),
                      hint: "; between them: " + CaseFlag.allCases.map(\.rawValue).joined(separator: ", ")),
            FormField("contact", "Unsafe contact", value: d.contactSafety.map(\.rawValue).joined(separator: "; "),
                      hint: "routes the perpetrator has access to: phone, email, post, home, work"),
        ])
    }

    func context(in screen: ScreenContext) -> String? { screen.caseContext(caseRef) }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        switch CaseDetails.parse(summary: f["summary"], risks: f["risks"], flags: f["flags"], contact: f["contact"]) {
        case .failure(let p): return .refused(p.message)
        case .success(let d):
            return .write([.caseDetailsSet(caseRef: caseRef, details: d)], .dismiss(message: "Case details for \(SafeText.line(caseRef)) updated (recorded)"))
        }
    }
}

/// `m` / `W` on the case screen: which note to amend or withdraw.
struct ChooseNoteForm: FormSpec {
    var caseRef: String
    var withdraw: Bool

    func makeForm(in screen: ScreenContext) -> FormModel {
        let notes = screen.state.cases[caseRef]?.notes ?? []
        return FormModel(title: withdraw ? "Withdraw a note" : "Amend a note", fields: [
            FormField("note", "Note", .choice(notes.map(Self.label)), value: notes.count == 1 ? Self.label(notes[0]) : "",
                      hint: "the note's number, as the case screen shows it (←/→)"),
        ])
    }

    /// "#2 Police: Three call-outs since October; per…": the note's number (which picks it when
    /// typed, ChoiceList), its agency and the start of its text, so the chair sees which note it is.
    static func label(_ note: Note) -> String {
        let firstLine = note.text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        let more = note.text.contains("\n") ? " …" : ""
        return "#\(note.id) \(SafeText.line(note.agency)): " + CharWidth.fitting(SafeText.line(firstLine) + more, 40)
    }

    func context(in screen: ScreenContext) -> String? { screen.caseContext(caseRef) }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard let c = screen.state.cases[caseRef], let chosen = f.field("note")?.chosen,
              let note = c.notes.first(where: { Self.label($0) == chosen }) else { return .refused("Choose the note with ←/→") }
        return withdraw
            ? .next(.form(WithdrawNoteForm(caseRef: caseRef, seq: note.seq, noteID: note.id), in: screen))
            : .next(.form(AmendNoteForm(caseRef: caseRef, seq: note.seq), in: screen))
    }
}

/// Amend a note: its agency, kind and text, with a reason (the original stays in the journal).
struct AmendNoteForm: FormSpec {
    var caseRef: String
    var seq: Int

    func makeForm(in screen: ScreenContext) -> FormModel {
        let n = screen.state.cases[caseRef]?.notes.first { $0.seq == seq }
        return FormModel(title: "Amend note #\(n?.id ?? 0) (the original stays in the journal)", fields: [
            FormField("agency", "Agency", .agency, value: n?.agency ?? "", hint: "whose information this is"),
            FormField("kind", "Kind", .choice(NoteKind.allCases.map(\.rawValue)), value: n?.kind.rawValue ?? "", hint: "←/→ to choose"),
            FormField("text", "Note", .prose, value: n?.text ?? "", hint: "the corrected text"),
            FormField("reason", "Reason", hint: "required: why it is corrected (e.g. wrong agency, name misspelt)"),
        ], agencies: screen.agencyChoices)
    }

    func context(in screen: ScreenContext) -> String? { screen.caseContext(caseRef) }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard !f["agency"].isEmpty else { return .refused("Give the agency") }
        guard let kind = f.field("kind")?.chosen.flatMap(NoteKind.init(rawValue:)) else { return .refused("Choose the kind of note") }
        guard !f["text"].isEmpty else { return .refused("Write the note, or withdraw it instead (W)") }
        guard !f["reason"].isEmpty else { return .refused("A reason is required") }
        return .write([.noteAmended(caseRef: caseRef, noteSeq: seq, agency: f["agency"], kind: kind, text: f["text"], reason: f["reason"])],
                      .dismiss(message: "Note amended (the original stays in the journal)"))
    }
}

/// Withdraw a note, with a reason (the note stays in the journal).
struct WithdrawNoteForm: FormSpec {
    var caseRef: String
    var seq: Int
    var noteID: Int

    func makeForm(in screen: ScreenContext) -> FormModel {
        ReasonField.model("Withdraw note #\(noteID)", hint: "required: why (the note stays in the journal)")
    }

    func context(in screen: ScreenContext) -> String? { screen.caseContext(caseRef) }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard !f["reason"].isEmpty else { return .refused("A reason is required") }
        return .write([.noteWithdrawn(caseRef: caseRef, noteSeq: seq, reason: f["reason"])], .dismiss(message: "Note withdrawn (recorded)"))
    }
}

/// `H` on the case screen: is a possible earlier hearing this case?
struct DecideHearingForm: FormSpec {
    var caseRef: String
    var hearing: EarlierHearing

    func makeForm(in screen: ScreenContext) -> FormModel {
        let h = hearing
        return FormModel(title: "Earlier hearing \(h.date.uk) as \(SafeText.line(h.caseRef)): the same case?", fields: [
            FormField("same", "Same case", .choice(Choices.yesNo),
                      hint: "then: victim \(SafeText.line(h.victim))" + (h.perpetrator.map { ", perpetrator \(SafeText.line($0))" } ?? "")),
        ])
    }

    func context(in screen: ScreenContext) -> String? { screen.caseContext(caseRef) }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard let same = f.field("same")?.chosen else { return .refused("Choose yes or no") }
        return .write([.earlierHearingDecided(caseRef: caseRef, hearingKey: hearing.key, confirmed: same == "yes")],
                      .dismiss(message: same == "yes" ? "Earlier hearing confirmed as this case (recorded)" : "Earlier hearing rejected: another case (recorded)"))
    }
}
