/// Someone's part in the meeting (SafeLives minutes checklist: docs/DOMAIN.md#attendance-and-the-minutes).
public enum AttendanceRole: String, Codable, Sendable, CaseIterable {
    case present = "present"
    case observer = "observer"
    case apologies = "apologies"
    case absent = "absent"
}

/// One line of the attendance register: an agency and its representative.
public struct Attendance: Codable, Sendable, Equatable {
    public var agency: String
    public var representative: String
    public var role: AttendanceRole
    /// Signed / agreed the confidentiality statement (asked of everyone present and observers).
    public var confidentialityAgreed: Bool?
    /// Apologies: whether the agency sent its information, and when it was received.
    public var informationSent: Bool?
    public var informationReceived: CalendarDate?
    /// The case after which this person left (e.g. children's services after the child cases).
    public var leftAfterCase: String?

    public init(agency: String, representative: String, role: AttendanceRole, confidentialityAgreed: Bool? = nil,
                informationSent: Bool? = nil, informationReceived: CalendarDate? = nil, leftAfterCase: String? = nil) {
        self.agency = agency; self.representative = representative; self.role = role
        self.confidentialityAgreed = confidentialityAgreed; self.informationSent = informationSent
        self.informationReceived = informationReceived; self.leftAfterCase = leftAfterCase
    }

    public var isInRoom: Bool { (role == .present || role == .observer) && leftAfterCase == nil }
}

/// What a note records. The tool records decisions and short factual summaries, not research (docs/DOMAIN.md#information-sharing).
public enum NoteKind: String, Codable, Sendable, CaseIterable {
    case riskInformation = "risk information"
    case victimsViews = "victim's views"
    case children = "children"
    case perpetrator = "perpetrator"
    case decision = "decision"
    /// Information an agency holds but did not share, with the reason.
    case withheld = "information withheld"
    case other = "other"

    public var label: String {
        switch self {
        case .riskInformation: return "Risk information"
        case .victimsViews: return "Victim's views"
        case .children: return "Children"
        case .perpetrator: return "Perpetrator"
        case .decision: return "Decision"
        case .withheld: return "Information withheld"
        case .other: return "Other"
        }
    }
}

public struct Note: Codable, Sendable, Equatable, Identifiable {
    public var id: Int
    public var caseRef: String
    public var agency: String
    public var kind: NoteKind
    /// The current text (after any amendment).
    public var text: String
    public var at: Int64
    /// The sequence number of the `noteAdded` event: how amendments name the note (ids are
    /// renumbered when an earlier note is undone; sequence numbers never are).
    public var seq: Int
    /// Earlier versions, oldest first, each with why it was changed. Empty: never amended.
    public var revisions: [NoteRevision]
    /// Set when the note was withdrawn (it then leaves `CaseRecord.notes`).
    public var withdrawalReason: String?

    public init(id: Int, caseRef: String, agency: String, kind: NoteKind, text: String, at: Int64, seq: Int = -1,
                revisions: [NoteRevision] = [], withdrawalReason: String? = nil) {
        self.id = id; self.caseRef = caseRef; self.agency = agency; self.kind = kind; self.text = text; self.at = at
        self.seq = seq; self.revisions = revisions; self.withdrawalReason = withdrawalReason
    }

    public var isAmended: Bool { !revisions.isEmpty }
}

/// A note as it was before an amendment, and why it was changed.
public struct NoteRevision: Codable, Sendable, Equatable {
    public var agency: String
    public var kind: NoteKind
    public var text: String
    /// When the amendment replaced it.
    public var replacedAt: Int64
    public var reason: String

    public init(agency: String, kind: NoteKind, text: String, replacedAt: Int64, reason: String) {
        self.agency = agency; self.kind = kind; self.text = text; self.replacedAt = replacedAt; self.reason = reason
    }
}

/// How the victim is told what was agreed. Phone is risky where the perpetrator controls it (docs/DOMAIN.md#feedback-to-the-victim).
public enum FeedbackRoute: String, Codable, Sendable, CaseIterable {
    case inPerson = "in person"
    case phone = "phone"
    case safeEmail = "safe email"
    case letter = "letter"
    case viaThirdParty = "via a trusted professional"
    case other = "other"

    public var label: String { rawValue }

    public static func parse(_ text: String) -> FeedbackRoute? {
        let t = text.trimmingWhitespace().lowercased()
        if t.isEmpty { return nil }
        if let exact = allCases.first(where: { $0.rawValue == t }) { return exact }
        let matches = allCases.filter { $0.rawValue.hasPrefix(t) }
        return matches.count == 1 ? matches[0] : nil
    }
}

public struct VictimFeedback: Codable, Sendable, Equatable {
    public var agency: String
    public var route: FeedbackRoute
    public var detail: String

    public init(agency: String, route: FeedbackRoute, detail: String = "") {
        self.agency = agency; self.route = route; self.detail = detail
    }
}
