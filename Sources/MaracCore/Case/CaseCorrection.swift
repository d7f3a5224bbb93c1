/// A case field that can be corrected during or after the meeting (`caseCorrected`). The raw value
/// is the agenda file's column name (docs/AGENDA-FORMAT.md), so a correction reads the way the
/// agenda was written. The reference itself is not here: it is the case's identity, and a wrong
/// reference is a withdrawn case and a new one.
public enum CaseField: String, Codable, Sendable, CaseIterable {
    case victim = "victim"
    case perpetrator = "perpetrator"
    case referringAgency = "referring_agency"
    case referralBasis = "referral_basis"
    case dashScore = "dash_score"
    case referralDate = "referral_date"
    case repeatFlag = "repeat"
    case previousHearings = "previous_hearings"
    case children = "children"
    case victimSex = "victim_sex"
    case minoritised = "minoritised"
    case lgbt = "lgbt"
    case disabled = "disabled"
    case aged16to17 = "aged_16_17"
    case perpetratorUnder18 = "perpetrator_under_18"
    case agenciesInvolved = "agencies_involved"

    /// How the minutes and the screens name the field.
    public var label: String {
        switch self {
        case .victim: return "Victim"
        case .perpetrator: return "Perpetrator"
        case .referringAgency: return "Referred by"
        case .referralBasis: return "Referral basis"
        case .dashScore: return "DASH score"
        case .referralDate: return "Referral date"
        case .repeatFlag: return "Repeat"
        case .previousHearings: return "Previous hearings"
        case .children: return "Children"
        case .victimSex: return "Victim's sex"
        case .minoritised: return "Black, Asian or racially minoritised"
        case .lgbt: return "LGBT+"
        case .disabled: return "Disabled"
        case .aged16to17: return "Victim aged 16–17"
        case .perpetratorUnder18: return "Perpetrator under 18"
        case .agenciesInvolved: return "Agencies involved"
        }
    }

    /// What may be typed, for a form's hint and a refusal.
    public var hint: String {
        switch self {
        case .victim, .referringAgency: return "a name (required)"
        case .perpetrator: return "a name, or blank if not known"
        case .referralBasis: return "actuarial, professional judgement, escalation or repeat"
        case .dashScore: return "0–24, or blank if not known"
        case .referralDate: return "dd/mm/yyyy, or blank if not known"
        case .previousHearings: return "dates dd/mm/yyyy separated by ';', or blank for none"
        case .children: return "the number in the household (0–30), or blank if not known"
        case .victimSex: return "female, male, non-binary, other, unknown, or blank if not known"
        case .repeatFlag, .minoritised, .lgbt, .disabled, .aged16to17, .perpetratorUnder18: return "yes, no, or blank if not known"
        case .agenciesInvolved: return "agencies separated by ';'"
        }
    }

    /// Accepts the column name, the label, or an unambiguous start of either ("dash", "sex").
    public static func parse(_ text: String) -> CaseField? {
        let t = text.trimmingWhitespace().lowercased().replacingSpaces(with: "_")
        if t.isEmpty { return nil }
        let spaced = t.replacingSpaces(with: " ")
        if let exact = allCases.first(where: { $0.rawValue == t || $0.label.lowercased() == spaced }) { return exact }
        let matches = allCases.filter { $0.rawValue.hasPrefix(t) || $0.label.lowercased().hasPrefix(spaced) }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The typed value in its one stored form: ISO dates, `yes`/`no`, numbers, `;`-separated
    /// lists; "" means not known (blank). A refusal says what was expected.
    public func normalise(_ typed: String) -> Result<String, CorrectionProblem> {
        let t = SafeText.line(typed).trimmingWhitespace()
        func refuse() -> Result<String, CorrectionProblem> {
            .failure(CorrectionProblem(field: self, message: "\(SafeText.quoted(t)) is not a value for \(label.lowercased()): give \(hint)"))
        }
        switch self {
        case .victim, .referringAgency:
            return t.isEmpty ? .failure(CorrectionProblem(field: self, message: "\(label) cannot be blank")) : .success(t)
        case .perpetrator:
            return .success(t)
        case .referralBasis:
            return ReferralBasis.parseAgenda(t).map { .success($0.rawValue) } ?? refuse()
        case .dashScore:
            if case .success(let n) = DashScore.parse(t) { return .success(n.map(String.init) ?? "") }
            return refuse()
        case .children:
            // Read as the agenda import and the late-case form read it (CaseFieldRules).
            switch CaseFieldRules.children(t) {
            case .success(let n): return .success(n.map(String.init) ?? "")
            case .failure: return refuse()
            }
        case .referralDate:
            if t.isEmpty { return .success("") }
            return CalendarDate.parse(t).map { .success($0.iso) } ?? refuse()
        case .previousHearings:
            var dates: [CalendarDate] = []
            for part in CaseFieldRules.list(t) {
                guard let d = CalendarDate.parse(part) else { return refuse() }
                dates.append(d)
            }
            return .success(Array(Set(dates)).sorted().map(\.iso).joined(separator: ";"))
        case .victimSex:
            // Read as the agenda import and the late-case form read it (CaseFieldRules).
            switch CaseFieldRules.victimSex(t) {
            case .success(let v): return .success(v ?? "")
            case .failure: return refuse()
            }
        case .repeatFlag, .minoritised, .lgbt, .disabled, .aged16to17, .perpetratorUnder18:
            switch CaseFieldRules.yesNo(t) {
            case .success(let b): return .success(b.map { $0 ? "yes" : "no" } ?? "")
            case .failure: return refuse()
            }
        case .agenciesInvolved:
            return .success(CaseFieldRules.list(t).joined(separator: ";"))
        }
    }

    /// The field's value in a case, in the stored form of `normalise`.
    public func value(in a: AgendaCase) -> String {
        func yn(_ b: Bool?) -> String { b.map { $0 ? "yes" : "no" } ?? "" }
        switch self {
        case .victim: return a.victim
        case .perpetrator: return a.perpetrator ?? ""
        case .referringAgency: return a.referringAgency
        case .referralBasis: return a.referralBasis.rawValue
        case .dashScore: return a.dashScore.map(String.init) ?? ""
        case .referralDate: return a.referralDate?.iso ?? ""
        case .repeatFlag: return yn(a.repeatFlag)
        case .previousHearings: return a.previousHearings.sorted().map(\.iso).joined(separator: ";")
        case .children: return a.children.map(String.init) ?? ""
        case .victimSex: return a.victimSex ?? ""
        case .minoritised: return yn(a.minoritised)
        case .lgbt: return yn(a.lgbt)
        case .disabled: return yn(a.disabled)
        case .aged16to17: return yn(a.aged16to17)
        case .perpetratorUnder18: return yn(a.perpetratorUnder18)
        case .agenciesInvolved: return a.agenciesInvolved.joined(separator: ";")
        }
    }

    /// A stored value as a person reads it: dates dd/mm/yyyy, blank as "not known".
    public func display(_ stored: String) -> String {
        if stored.isEmpty { return self == .previousHearings ? "none" : "not known" }
        switch self {
        case .referralDate, .previousHearings:
            return stored.split(separator: ";").map { CalendarDate.parse(String($0))?.uk ?? String($0) }.joined(separator: ", ")
        case .agenciesInvolved:
            return stored.split(separator: ";").joined(separator: ", ")
        default:
            return stored
        }
    }

    /// The case with this field set to a stored value. A value that does not read (a journal
    /// edited by hand) leaves the case as it was: nil.
    public func applying(_ stored: String, to case_: AgendaCase) -> AgendaCase? {
        guard case .success(let v) = normalise(stored) else { return nil }
        var a = case_
        func yn() -> Bool? { v.isEmpty ? nil : v == "yes" }
        switch self {
        case .victim: a.victim = v
        case .perpetrator: a.perpetrator = v.isEmpty ? nil : v
        case .referringAgency: a.referringAgency = v
        case .referralBasis: a.referralBasis = ReferralBasis(rawValue: v) ?? a.referralBasis
        case .dashScore: a.dashScore = Int(v)
        case .referralDate: a.referralDate = CalendarDate.parse(v)
        case .repeatFlag: a.repeatFlag = yn()
        case .previousHearings: a.previousHearings = v.split(separator: ";").compactMap { CalendarDate.parse(String($0)) }
        case .children: a.children = Int(v)
        case .victimSex: a.victimSex = v.isEmpty ? nil : v
        case .minoritised: a.minoritised = yn()
        case .lgbt: a.lgbt = yn()
        case .disabled: a.disabled = yn()
        case .aged16to17: a.aged16to17 = yn()
        case .perpetratorUnder18: a.perpetratorUnder18 = yn()
        case .agenciesInvolved: a.agenciesInvolved = v.split(separator: ";").map(String.init)
        }
        return a
    }
}

public struct CorrectionProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var field: CaseField
    public var message: String
    public var description: String { message }
}

/// One correction as the fold keeps it: the value before and after, why, and when. The value the
/// agenda gave stays in the journal's `caseQueued` line; every correction stays in its own line.
public struct CaseCorrection: Sendable, Equatable {
    public var field: CaseField
    /// Stored forms (`CaseField.normalise`); "" is not known.
    public var from: String
    public var to: String
    public var reason: String
    public var at: Int64
    public var seq: Int
    /// Made once the meeting was closed (`marac correct`), not in the meeting.
    public var afterClose: Bool

    /// "DASH score: 12 → 15 (the referral form was mistyped)".
    public var summary: String {
        "\(field.label): \(field.display(from)) → \(field.display(to)) (\(reason))"
    }
}

/// Where a case deferred at an earlier meeting came from (`caseDeferredFrom`).
public struct DeferredFrom: Sendable, Equatable {
    public var meetingID: String
    public var meetingDate: CalendarDate
    public var reason: String

    /// "deferred from 17/11/2026: the referrer had not briefed the representative".
    public var summary: String {
        "deferred from \(meetingDate.uk)" + (reason.isEmpty ? "" : ": \(reason)")
    }
}

extension MeetingState {
    /// The day a carried-forward action is due by default: the next meeting. That is the date this
    /// meeting set for it (`nextMeetingSet`), else the first of the local protocol's meeting dates
    /// after this meeting (`nextMeetingDate`), else four weeks on (a monthly cycle, the commonest;
    /// docs/DECISIONS.md, "Continuity between meetings").
    public var carriedForwardDueDate: CalendarDate {
        nextMeetingDate ?? info.date.adding(days: 28)
    }

    /// Checks a correction before it is written: the case exists, the value reads, it changes
    /// something and there is a reason. The event to write, or the one line saying why not.
    public func correction(caseRef: String, field: CaseField, value: String, reason: String) -> Result<MeetingEvent, CorrectionProblem> {
        guard let c = cases[caseRef] else {
            return .failure(CorrectionProblem(field: field, message: "no case \(SafeText.quoted(caseRef)) in this meeting"))
        }
        let why = SafeText.line(reason).trimmingWhitespace()
        guard !why.isEmpty else { return .failure(CorrectionProblem(field: field, message: "a reason is required for a correction")) }
        switch field.normalise(value) {
        case .failure(let p): return .failure(p)
        case .success(let v):
            guard v != field.value(in: c.agenda) else {
                return .failure(CorrectionProblem(field: field, message: "\(field.label) is already \(field.display(v)): nothing to correct"))
            }
            return .success(.caseCorrected(caseRef: c.ref, field: field, value: v, reason: why))
        }
    }
}
