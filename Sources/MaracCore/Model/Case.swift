/// Why a case was referred to the Marac (docs/DOMAIN.md#referral-routes-and-thresholds).
public enum ReferralBasis: String, Codable, Sendable, CaseIterable {
    /// Visible high risk: a DASH score at or above the local threshold (14 of 24 nationally).
    case actuarial = "actuarial"
    /// Professional judgement: may be the sole basis, never used to downgrade a score.
    case professionalJudgement = "professional judgement"
    /// Potential escalation: a number of incidents within a window (3 in 12 months nationally).
    case escalation = "escalation"
    /// Any incident between the same victim and perpetrator within 12 months of the last referral.
    case repeatReferral = "repeat"

    public var label: String {
        switch self {
        case .actuarial: return "Visible high risk (DASH)"
        case .professionalJudgement: return "Professional judgement"
        case .escalation: return "Potential escalation"
        case .repeatReferral: return "Repeat"
        }
    }
}

/// The agenda section a case belongs to (SafeLives suggested agenda: docs/DOMAIN.md#agenda-order).
public enum AgendaSection: Int, Codable, Sendable, Comparable, CaseIterable {
    case withChildren = 1
    case adultOnly = 2
    /// 12 months have passed since the last Marac: notification only.
    case twelveMonthNotification = 3

    public static func < (a: AgendaSection, b: AgendaSection) -> Bool { a.rawValue < b.rawValue }

    public var title: String {
        switch self {
        case .withChildren: return "Cases with children"
        case .adultOnly: return "Adult-only cases"
        case .twelveMonthNotification: return "12 months passed (notification)"
        }
    }
}

/// One referral on the agenda, as imported from the agenda file (its columns: docs/DOMAIN.md#referral-routes-and-thresholds and the agenda template).
/// Optional fields are nil when the agenda left them blank (unknown), never guessed.
public struct AgendaCase: Codable, Sendable, Equatable {
    public var caseRef: String
    public var victim: String
    public var perpetrator: String?
    public var referringAgency: String
    public var referralBasis: ReferralBasis
    public var dashScore: Int?
    public var referralDate: CalendarDate?
    /// What the agenda said; `isRepeat(on:)` also derives it from previous hearings.
    public var repeatFlag: Bool?
    public var previousHearings: [CalendarDate]
    public var children: Int?
    public var victimSex: String?
    public var minoritised: Bool?
    public var lgbt: Bool?
    public var disabled: Bool?
    public var aged16to17: Bool?
    public var perpetratorUnder18: Bool?
    public var agenciesInvolved: [String]
    /// A 12-month notification item rather than a case for discussion.
    public var notification: Bool
    /// Referral summary, risk factors, flags and contact safety from the agenda (nil: none given;
    /// journals written before these columns existed have none).
    public var details: CaseDetails?

    public init(caseRef: String, victim: String, perpetrator: String? = nil, referringAgency: String,
                referralBasis: ReferralBasis, dashScore: Int? = nil, referralDate: CalendarDate? = nil,
                repeatFlag: Bool? = nil, previousHearings: [CalendarDate] = [], children: Int? = nil,
                victimSex: String? = nil, minoritised: Bool? = nil, lgbt: Bool? = nil, disabled: Bool? = nil,
                aged16to17: Bool? = nil, perpetratorUnder18: Bool? = nil, agenciesInvolved: [String] = [],
                notification: Bool = false, details: CaseDetails? = nil) {
        self.caseRef = caseRef; self.victim = victim; self.perpetrator = perpetrator
        self.referringAgency = referringAgency; self.referralBasis = referralBasis; self.dashScore = dashScore
        self.referralDate = referralDate; self.repeatFlag = repeatFlag; self.previousHearings = previousHearings
        self.children = children; self.victimSex = victimSex; self.minoritised = minoritised; self.lgbt = lgbt
        self.disabled = disabled; self.aged16to17 = aged16to17; self.perpetratorUnder18 = perpetratorUnder18
        self.agenciesInvolved = agenciesInvolved; self.notification = notification
        self.details = details
    }

    public var hasChildren: Bool { (children ?? 0) > 0 }

    /// Young people are children's cases: a victim aged 16–17 or a perpetrator under 18 sorts with
    /// the cases with children, and so does a blank `children` (unknown is not none: children's
    /// services must still be in the room when it is asked).
    public var section: AgendaSection {
        if notification { return .twelveMonthNotification }
        return belongsWithChildren ? .withChildren : .adultOnly
    }

    public var belongsWithChildren: Bool {
        hasChildren || children == nil || aged16to17 == true || perpetratorUnder18 == true
    }

    /// The agenda left `children` blank: the header says "children: not known — ask".
    public var childrenUnknown: Bool { children == nil }

    /// The most recent earlier hearing, if any.
    public var lastHearing: CalendarDate? { previousHearings.max() }

    /// A repeat is any incident within 12 months of the last referral to Marac (docs/DOMAIN.md#repeats): flagged
    /// automatically when the last hearing is within `windowMonths` of this referral (or of the
    /// hearing date when the referral date is unknown), or when the agenda says so.
    public func isRepeat(hearingDate: CalendarDate, windowMonths: Int = 12) -> Bool {
        if repeatFlag == true || referralBasis == .repeatReferral { return true }
        guard let last = lastHearing else { return false }
        let incident = referralDate ?? hearingDate
        return last <= incident && incident <= last.addingMonths(windowMonths)
    }

    /// False when nothing says whether this is a repeat: the agenda's `repeat` was blank and it
    /// lists no previous hearing. Such a case counts as unknown, never as "not a repeat".
    public var repeatRecorded: Bool {
        repeatFlag != nil || !previousHearings.isEmpty || referralBasis == .repeatReferral
    }

    /// Previous hearing whose 12-month repeat window has lapsed by the hearing date.
    public func repeatWindowLapsed(hearingDate: CalendarDate, windowMonths: Int = 12) -> Bool {
        guard let last = lastHearing else { return false }
        return last.addingMonths(windowMonths) < hearingDate
    }

    public var isMaleVictim: Bool? {
        guard let sex = victimSex?.lowercased(), !sex.isEmpty else { return nil }
        return sex == "m" || sex == "male" || sex == "man"
    }
}

/// Where a case is in the meeting.
public enum CaseStatus: String, Codable, Sendable {
    case waiting
    case discussing
    case paused
    case heard
    case deferredToNextMeeting = "deferred"
    case withdrawn

    /// Still to be heard today.
    public var isOutstanding: Bool { self == .waiting || self == .discussing || self == .paused }

    public var symbol: String {
        switch self {
        case .waiting: return "·"
        case .discussing: return "▶"
        case .paused: return "Ⅱ"
        case .heard: return "✓"
        case .deferredToNextMeeting: return "»"
        case .withdrawn: return "✗"
        }
    }

    public var word: String {
        switch self {
        case .waiting: return "waiting"
        case .discussing: return "discussing"
        case .paused: return "paused"
        case .heard: return "heard"
        case .deferredToNextMeeting: return "deferred"
        case .withdrawn: return "withdrawn"
        }
    }
}
