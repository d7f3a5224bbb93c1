import MaracCore

/// Forms for the case as the chair needs it: its details (risks, flags, contact safety), an
/// earlier hearing to confirm or reject, a note to amend or withdraw, and who tells an absent
/// owner about its action. `formEvents` hands these purposes here.
extension Forms {
    static func caseDetails(_ d: CaseDetails) -> FormModel {
        FormModel(title: "Case details: referral, risks, flags, contact safety", fields: [
            FormField("summary", "Referral", value: d.referralSummary ?? "", hint: "why the case was referred, in a line or two"),
            FormField("risks", "Risks", value: d.riskFactors.map(\.label).joined(separator: "; "),
                      hint: "; between them: strangulation, pregnancy, separation, weapons, threats to kill, stalking, escalation, sexual abuse, child contact, or your words"),
            FormField("flags", "Flags", value: d.flags.map(\.rawValue).joined(separator: "; "),
                      hint: "; between them: " + CaseFlag.allCases.map(\.rawValue).joined(separator: ", ")),
            FormField("contact", "Unsafe contact", value: d.contactSafety.map(\.rawValue).joined(separator: "; "),
                      hint: "routes the perpetrator has access to: phone, email, post, home, work"),
        ])
    }

    static func chooseNote(_ notes: [Note], withdraw: Bool) -> FormModel {
        FormModel(title: withdraw ? "Withdraw a note" : "Amend a note", fields: [
            FormField("note", "Note", .choice(notes.map { "#\($0.id)" }), value: notes.count == 1 ? "#\(notes[0].id)" : "",
                      hint: "the note's number, as the case screen shows it (←/→)"),
        ])
    }

    static func amendNote(_ n: Note) -> FormModel {
        FormModel(title: "Amend note #\(n.id) (the original stays in the journal)", fields: [
            FormField("agency", "Agency", .agency, value: n.agency, hint: "whose information this is"),
            FormField("kind", "Kind", .choice(NoteKind.allCases.map(\.rawValue)), value: n.kind.rawValue, hint: "←/→ to choose"),
            FormField("text", "Note", value: n.text, hint: "the corrected text"),
            FormField("reason", "Reason", hint: "required: why it is corrected (e.g. wrong agency, name misspelt)"),
        ])
    }

    static func decideHearing(_ h: EarlierHearing) -> FormModel {
        FormModel(title: "Earlier hearing \(h.date.uk) as \(SafeText.line(h.caseRef)): the same case?", fields: [
            FormField("same", "Same case", .choice(yesNo),
                      hint: "then: victim \(SafeText.line(h.victim))" + (h.perpetrator.map { ", perpetrator \(SafeText.line($0))" } ?? "")),
        ])
    }

    static func absentOwner(_ action: Action, present: [String]) -> FormModel {
        FormModel(title: "\(SafeText.line(action.owner)) is not here: who will tell them about action \(SafeText.line(action.id))?", fields: [
            FormField("by", "Told by", .choice(present), value: present.first { $0.lowercased().contains("idva") } ?? present.first ?? "",
                      hint: "an agency present (←/→); recorded, and the minutes say so"),
        ])
    }
}

extension MeetingScreen {
    /// `H`: the first possible earlier hearing still waiting for the chair, then the next.
    mutating func startDecideHearing(_ c: CaseRecord) {
        let pending = c.unconfirmedHistory.isEmpty ? c.history : c.unconfirmedHistory
        guard let h = pending.first else { setStatus("No earlier hearings found for \(SafeText.line(c.ref))"); return }
        openForm(Forms.decideHearing(h), .decideHearing(caseRef: c.ref, key: h.key))
    }

    mutating func startNoteCorrection(_ c: CaseRecord, withdraw: Bool) {
        guard !c.notes.isEmpty else { setStatus("No notes to \(withdraw ? "withdraw" : "amend") yet"); return }
        openForm(Forms.chooseNote(c.notes, withdraw: withdraw), .chooseNote(caseRef: c.ref, withdraw: withdraw))
    }

    /// Agencies for an owner field: those present first, then the rest (the form marks them).
    var ownerAgencies: [String] {
        let present = state.agenciesPresent
        return present + state.knownAgencies.filter { a in !present.contains { $0.lowercased() == a.lowercased() } }
    }

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
        let present = state.agenciesPresent
        guard !present.isEmpty else { return nil }
        return .form(Forms.absentOwner(action, present: present), .absentOwner(action))
    }

    func caseFormEvents(_ f: FormModel, _ purpose: FormPurpose) -> FormResult {
        switch purpose {
        case .caseDetails(let ref):
            switch CaseDetails.parse(summary: f["summary"], risks: f["risks"], flags: f["flags"], contact: f["contact"]) {
            case .failure(let p): return .refused(p.message)
            case .success(let d):
                return .write([.caseDetailsSet(caseRef: ref, details: d)], .dismiss(message: "Case details for \(SafeText.line(ref)) updated (recorded)"))
            }
        case .chooseNote(let ref, let withdraw):
            guard let c = state.cases[ref], let chosen = f.field("note")?.chosen,
                  let note = c.notes.first(where: { "#\($0.id)" == chosen }) else { return .refused("Choose the note with ←/→") }
            return withdraw
                ? .next(.form(Forms.reason("Withdraw note #\(note.id)", hint: "required: why (the note stays in the journal)"),
                              .withdrawNote(caseRef: ref, seq: note.seq)))
                : .next(.form(Forms.amendNote(note), .amendNote(caseRef: ref, seq: note.seq)))
        case .amendNote(let ref, let seq):
            guard !f["agency"].isEmpty else { return .refused("Give the agency") }
            guard let kind = f.field("kind")?.chosen.flatMap(NoteKind.init(rawValue:)) else { return .refused("Choose the kind of note") }
            guard !f["text"].isEmpty else { return .refused("Write the note, or withdraw it instead (W)") }
            guard !f["reason"].isEmpty else { return .refused("A reason is required") }
            return .write([.noteAmended(caseRef: ref, noteSeq: seq, agency: f["agency"], kind: kind, text: f["text"], reason: f["reason"])],
                          .dismiss(message: "Note amended (the original stays in the journal)"))
        case .withdrawNote(let ref, let seq):
            guard !f["reason"].isEmpty else { return .refused("A reason is required") }
            return .write([.noteWithdrawn(caseRef: ref, noteSeq: seq, reason: f["reason"])], .dismiss(message: "Note withdrawn (recorded)"))
        case .decideHearing(let ref, let key):
            guard let same = f.field("same")?.chosen else { return .refused("Choose yes or no") }
            return .write([.earlierHearingDecided(caseRef: ref, hearingKey: key, confirmed: same == "yes")],
                          .dismiss(message: same == "yes" ? "Earlier hearing confirmed as this case (recorded)" : "Earlier hearing rejected: another case (recorded)"))
        case .absentOwner(let action):
            guard let by = f.field("by")?.chosen else { return .refused("Choose the agency present that will tell them") }
            return .write([.absentOwnerToBeTold(actionID: action.id, byAgency: by)],
                          .dismiss(message: "\(SafeText.line(by)) will tell \(SafeText.line(action.owner)) about action \(action.id) (recorded)"))
        default:
            return .refused("internal: not a case form")
        }
    }
}
