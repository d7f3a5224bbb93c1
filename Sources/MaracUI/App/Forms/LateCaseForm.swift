import MaracCore

/// `L` on the agenda: a case added during the meeting, queued at the end of the agenda. It has
/// every column an agenda row has (docs/AGENDA-FORMAT.md), so a late case counts in the data
/// return like any other; only the reference, victim, referrer and basis are required. Field keys
/// are the agenda's column names. Values are read by MaracCore's `CaseFieldRules`, as the import
/// reads them.
struct LateCaseForm: FormSpec {
    var keepsDrafts: Bool { true }

    static let yesNoHint = "y or n; blank if not known"

    func makeForm(in screen: ScreenContext) -> FormModel {
        FormModel(title: "Add a late case (every agenda column; * required)", fields: [
            FormField("case_ref", "Case ref *", hint: "the referral's reference"),
            FormField("victim", "Victim *", hint: "the victim's name"),
            FormField("referring_agency", "Referrer *", .agency, hint: "the referring agency"),
            FormField("referral_basis", "Basis *", .choice(ReferralBasis.allCases.map(\.rawValue)),
                      hint: "←/→ or its letter; actuarial = a DASH score at or above the threshold"),
            FormField("dash_score", "DASH score", hint: "0–24, blank if not known"),
            FormField("children", "Children", hint: "number in the household; blank if not known (then asked at the case)"),
            FormField("perpetrator", "Perpetrator", hint: "the perpetrator's name, blank if not known"),
            FormField("referral_date", "Referred on", .pastDate, hint: "when it was referred, e.g. 28/11 (blank if not known)"),
            FormField("previous_hearings", "Heard before", hint: "dates of earlier Marac hearings, ; between them (e.g. 15/03/2026; 02/06/2025)"),
            FormField("repeat", "Repeat", .choice(Choices.yesNo), hint: "a repeat referral? " + Self.yesNoHint),
            FormField("victim_sex", "Victim sex", .choice(CaseFieldRules.victimSexChoices), hint: "←/→ or its letter; blank if not known"),
            FormField("minoritised", "Minoritised", .choice(Choices.yesNo), hint: "from a minoritised community? " + Self.yesNoHint),
            FormField("lgbt", "LGBT+", .choice(Choices.yesNo), hint: Self.yesNoHint),
            FormField("disabled", "Disabled", .choice(Choices.yesNo), hint: Self.yesNoHint),
            FormField("aged_16_17", "Aged 16–17", .choice(Choices.yesNo), hint: "is the victim 16 or 17? " + Self.yesNoHint),
            FormField("perpetrator_under_18", "Perp. <18", .choice(Choices.yesNo), hint: "is the perpetrator under 18? " + Self.yesNoHint),
            FormField("agencies_involved", "Agencies", hint: "agencies already working with the family, ; between them"),
            FormField("notification", "Notification", .choice(Choices.yesNo), value: "no",
                      hint: "yes: a 12-month notification (read out, not discussed)"),
            FormField("referral_summary", "Referral", hint: "why the case was referred, in a line or two"),
            FormField("risk_factors", "Risks", hint: "; between them: strangulation, pregnancy, separation, weapons, threats to kill, stalking, escalation, sexual abuse, child contact, or your words"),
            FormField("flags", "Flags", hint: "; between them: " + CaseFlag.allCases.map(\.rawValue).joined(separator: ", ")),
            FormField("contact_safety", "Unsafe route", hint: "routes the perpetrator has access to: phone, email, post, home, work"),
        ], agencies: screen.agencyChoices)
    }

    /// What is worth a second look, said as the chair types (the import warns the same).
    func liveChecks(_ form: FormModel, in screen: ScreenContext) -> LiveChecks {
        guard case .success(let c) = Self.agendaCase(form, ref: "late", in: screen) else { return .warnings([]) }
        return .warnings(CaseFieldRules.warnings(c, meetingDate: screen.today, dashThreshold: screen.state.rules.dashThreshold)
            .map { Finding(.warning, "late-case", $0) })
    }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        // A reference that reads the same as one on the agenda is that case (CaseReference).
        let cleaned = CaseReference.clean(f["case_ref"])
        let ref = cleaned.value
        guard !ref.isEmpty else { return .refused("Give the case ref") }
        if let existing = CaseReference.match(ref, in: screen.state.cases.keys) {
            return .refused("Case \(SafeText.line(existing)) is already on the agenda")
        }
        guard !f["victim"].isEmpty else { return .refused("Give the victim's name") }
        guard !f["referring_agency"].isEmpty else { return .refused("Give the referring agency") }
        guard f.field("referral_basis")?.chosen != nil else { return .refused("Choose the referral basis with ←/→") }
        switch Self.agendaCase(f, ref: ref, in: screen) {
        case .failure(let problem):
            return .refused(problem.message)
        case .success(let agenda):
            return .write([.caseQueued(agendaCase: agenda, late: true)],
                          .dismiss(message: "Late case \(SafeText.line(ref)) added at the end of the agenda"
                                   + (cleaned.needsReport ? " (hidden characters removed: \(cleaned.changes.joined(separator: ", ")))" : "")))
        }
    }

    /// The agenda row the form describes, or the first field that cannot be read, named.
    static func agendaCase(_ f: FormModel, ref: String, in screen: ScreenContext) -> Result<AgendaCase, FieldProblem> {
        func read<T>(_ key: String, _ rule: (String) -> Result<T, CaseFieldRules.Problem>) throws(FieldProblem) -> T {
            // A choice field is read as the option it picks (`y` → yes), else as typed.
            let text = f.field(key)?.chosen ?? f[key]
            switch rule(text) {
            case .success(let v): return v
            case .failure(let p): throw FieldProblem(message: "\(f.field(key)?.label.replacingOccurrences(of: " *", with: "") ?? key): \(p.message)")
            }
        }
        let today = screen.today
        do throws(FieldProblem) {
            guard let basis = f.field("referral_basis")?.chosen.flatMap(ReferralBasis.init(rawValue:)) else {
                throw FieldProblem(message: "Choose the referral basis with ←/→")
            }
            let dash: Int?
            switch DashScore.parse(f["dash_score"]) {
            case .success(let n): dash = n
            case .failure(let problem): throw FieldProblem(message: problem.description)
            }
            let details: CaseDetails
            switch CaseDetails.parse(summary: f["referral_summary"], risks: f["risk_factors"], flags: f["flags"], contact: f["contact_safety"]) {
            case .success(let d): details = d
            case .failure(let p): throw FieldProblem(message: p.message)
            }
            let perpetrator = f["perpetrator"]
            return .success(AgendaCase(
                caseRef: ref, victim: f["victim"], perpetrator: perpetrator.isEmpty ? nil : perpetrator,
                referringAgency: f["referring_agency"], referralBasis: basis, dashScore: dash,
                referralDate: try read("referral_date") { CaseFieldRules.pastDate($0, today: today) },
                repeatFlag: try read("repeat", CaseFieldRules.yesNo),
                previousHearings: try read("previous_hearings") { CaseFieldRules.pastDates($0, today: today) },
                children: try read("children", CaseFieldRules.children),
                victimSex: try read("victim_sex", CaseFieldRules.victimSex),
                minoritised: try read("minoritised", CaseFieldRules.yesNo), lgbt: try read("lgbt", CaseFieldRules.yesNo),
                disabled: try read("disabled", CaseFieldRules.yesNo), aged16to17: try read("aged_16_17", CaseFieldRules.yesNo),
                perpetratorUnder18: try read("perpetrator_under_18", CaseFieldRules.yesNo),
                agenciesInvolved: CaseFieldRules.list(f["agencies_involved"]),
                notification: try read("notification", CaseFieldRules.yesNo) ?? false,
                details: details.isEmpty ? nil : details))
        } catch {
            return .failure(error)
        }
    }

    struct FieldProblem: Error, Equatable { var message: String }
}
