import MaracCore

/// `L` on the agenda: a case added during the meeting, queued at the end of the agenda.
struct LateCaseForm: FormSpec {
    var keepsDrafts: Bool { true }

    func makeForm(in screen: MeetingScreen) -> FormModel {
        FormModel(title: "Add a late case", fields: [
            FormField("ref", "Case ref", hint: "the referral's reference"),
            FormField("victim", "Victim", hint: "the victim's name"),
            FormField("agency", "Referred by", .agency, hint: "the referring agency"),
            FormField("basis", "Basis", .choice(ReferralBasis.allCases.map(\.rawValue)),
                      hint: "←/→ to choose; actuarial = a DASH score at or above the threshold"),
            FormField("dash", "DASH score", hint: "0–24, blank if not known"),
            FormField("children", "Children", hint: "number in the household, blank if not known"),
        ], agencies: screen.state.knownAgencies)
    }

    func submit(_ f: FormModel, in screen: MeetingScreen) -> FormResult {
        // A reference that reads the same as one on the agenda is that case (CaseReference).
        let cleaned = CaseReference.clean(f["ref"])
        let ref = cleaned.value
        guard !ref.isEmpty else { return .refused("Give the case ref") }
        if let existing = CaseReference.match(ref, in: screen.state.cases.keys) {
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
    }
}
