/// What an action addresses (docs/DOMAIN.md#smart-actions).
public enum ActionCategory: String, Codable, Sendable, CaseIterable {
    case victimSafety = "victim safety"
    case children = "children"
    case adultSafeguarding = "adult safeguarding"
    case perpetrator = "perpetrator"
    case housing = "housing"
    case health = "health"
    case criminalJustice = "criminal justice"

    public var label: String {
        switch self {
        case .victimSafety: return "Victim safety"
        case .children: return "Children"
        case .adultSafeguarding: return "Adult safeguarding"
        case .perpetrator: return "Perpetrator"
        case .housing: return "Housing"
        case .health: return "Health"
        case .criminalJustice: return "Criminal justice"
        }
    }

    /// Accepts the raw value, the label, or an unambiguous prefix ("perp", "vict", "cj").
    public static func parse(_ text: String) -> ActionCategory? {
        let t = text.trimmingWhitespace().lowercased()
        if t.isEmpty { return nil }
        if t == "cj" { return .criminalJustice }
        if let exact = allCases.first(where: { $0.rawValue == t || $0.label.lowercased() == t }) { return exact }
        let matches = allCases.filter { $0.rawValue.hasPrefix(t) }
        return matches.count == 1 ? matches[0] : nil
    }
}

/// The state of an agreed action between meetings. The minutes keep the split between
/// "not possible — circumstances changed" and "not done by the agency" (docs/DOMAIN.md#outstanding-actions).
public enum ActionStatus: String, Codable, Sendable, CaseIterable {
    case open = "open"
    case done = "done"
    case notPossible = "not possible"
    case notDone = "not done"
    case withdrawn = "withdrawn"

    public var isOpen: Bool { self == .open }

    public var label: String {
        switch self {
        case .open: return "open"
        case .done: return "done"
        case .notPossible: return "not possible — circumstances changed"
        case .notDone: return "not done by the agency"
        case .withdrawn: return "withdrawn"
        }
    }
}

/// A SMART action agreed at the meeting: one owner agency, one due date.
public struct Action: Codable, Sendable, Equatable, Identifiable {
    /// Stable across meetings, e.g. `20261201-northvale-3`: meeting date, area, then a number.
    public var id: String
    public var caseRef: String
    public var text: String
    public var owner: String
    public var due: CalendarDate?
    public var category: ActionCategory?
    public var status: ActionStatus
    /// Set when the action is escalated to the steering group.
    public var escalated: Bool
    /// Updates between meetings and at the opening review, oldest first.
    public var history: [ActionUpdate]

    public init(id: String, caseRef: String, text: String, owner: String, due: CalendarDate?,
                category: ActionCategory?, status: ActionStatus = .open, escalated: Bool = false,
                history: [ActionUpdate] = []) {
        self.id = id; self.caseRef = caseRef; self.text = text; self.owner = owner; self.due = due
        self.category = category; self.status = status; self.escalated = escalated; self.history = history
    }

    public func isOverdue(on day: CalendarDate) -> Bool {
        guard status.isOpen, let due else { return false }
        return due < day
    }
}

public struct ActionUpdate: Codable, Sendable, Equatable {
    public var at: Int64
    public var status: ActionStatus
    public var escalated: Bool
    public var note: String

    public init(at: Int64, status: ActionStatus, escalated: Bool, note: String) {
        self.at = at; self.status = status; self.escalated = escalated; self.note = note
    }
}

/// An action still open from an earlier meeting, brought to this meeting's opening review.
public struct OutstandingAction: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var meetingDate: CalendarDate
    public var caseRef: String
    public var text: String
    public var owner: String
    public var due: CalendarDate?
    public var category: ActionCategory?
    /// The latest word on it since it was agreed (a tracker note or an agency's return, an
    /// extension's or reassignment's reason, an earlier review's carry-forward note), so the chair
    /// sees what came back without asking again. `owner` and `due` are already the current ones.
    /// Format 2 only; absent in older journals and when nothing was recorded.
    public var progress: ActionProgress?

    public init(id: String, meetingDate: CalendarDate, caseRef: String, text: String, owner: String,
                due: CalendarDate?, category: ActionCategory?, progress: ActionProgress? = nil) {
        self.id = id; self.meetingDate = meetingDate; self.caseRef = caseRef; self.text = text
        self.owner = owner; self.due = due; self.category = category; self.progress = progress
    }

    /// Whole days past its due date on `day` (the meeting's date); nil when not yet due or undated.
    public func daysOverdue(on day: CalendarDate) -> Int? {
        guard let due, due < day else { return nil }
        return due.days(until: day)
    }
}

/// The latest progress recorded on an open action between meetings (or at an earlier review),
/// as it was when the opening review's list was made.
public struct ActionProgress: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A progress note (`marac actions note`, or "in progress" in an agency's return).
        case note
        /// A new due date; the note is the reason.
        case extend
        /// A new owner agency; the note is the reason.
        case reassign
        /// An earlier meeting's review carried it forward; the note is that review's.
        case carriedForward = "carried forward"
    }
    public var kind: Kind
    /// The day it happened (the tracker's `on`; for a review, the day of that meeting).
    public var on: CalendarDate
    /// As recorded: untrusted text (a returned file), shown only through `SafeText`.
    public var note: String
    /// Who typed it into the tracker; nil for a meeting's review.
    public var by: String?
    /// The agency whose returned file carried it (`marac actions import`); nil when typed.
    public var agency: String?

    public init(kind: Kind, on: CalendarDate, note: String, by: String? = nil, agency: String? = nil) {
        self.kind = kind; self.on = on; self.note = note; self.by = by; self.agency = agency
    }
}

/// How the opening review closed an outstanding action (docs/DOMAIN.md#outstanding-actions).
public enum ReviewOutcome: String, Codable, Sendable, CaseIterable {
    case done = "done"
    /// Not possible because circumstances changed.
    case notPossible = "not possible"
    /// Not done by the agency: escalates to the steering group.
    case notDone = "not done"
    /// Still in progress, due date not yet reached: carried to the next meeting.
    case carriedForward = "carried forward"

    public var label: String {
        switch self {
        case .done: return "done"
        case .notPossible: return "not possible — circumstances changed"
        case .notDone: return "not done by the agency — escalate"
        case .carriedForward: return "still in progress — carry forward"
        }
    }

    public var actionStatus: ActionStatus {
        switch self {
        case .done: return .done
        case .notPossible: return .notPossible
        case .notDone: return .notDone
        case .carriedForward: return .open
        }
    }
}

extension MeetingState {
    /// How an action is named on screen, where space is short: `#3` for this meeting's own actions
    /// (the full ID, `20261201-northvale-3`, is in the exports and the tracker), the full ID otherwise.
    public func displayID(_ id: String) -> String {
        let prefix = info.actionPrefix + "-"
        return id.hasPrefix(prefix) ? "#" + id.dropFirst(prefix.count) : id
    }
}

extension OutstandingAction {
    /// `17/11 #3`: the meeting it was agreed at and its number there.
    public var displayID: String {
        let number = id.split(separator: "-").last.map(String.init) ?? id
        return "\(meetingDate.uk.prefix(5)) #\(number)"
    }
}

extension ActionProgress {
    /// Who the progress came from, in words: `Police reported`, `noted by Sam Coordinator`,
    /// `extended`, `carried forward`. Clean text (the names may come from a returned file).
    public var attribution: String {
        if let agency = agency.map(SafeText.line), !agency.isEmpty { return "\(agency) reported" }
        let by = by.map(SafeText.line) ?? ""
        let verb: String
        switch kind {
        case .note: verb = "noted"
        case .extend: verb = "extended"
        case .reassign: verb = "reassigned"
        case .carriedForward: return "carried forward at the review"
        }
        return by.isEmpty ? verb : "\(verb) by \(by)"
    }

    /// `Police reported: "Alarm ordered; fitting booked 05/12" (03/12/2026)`: one clean line, the
    /// note's escape sequences taken out and its line breaks and runs of blanks made single spaces.
    public var line: String {
        "\(attribution): \"\(SafeText.line(note).split(separator: " ").joined(separator: " "))\" (\(on.uk))"
    }
}

extension OutstandingAction {
    /// "1 day overdue", "7 days overdue" on `day` (the meeting's date); nil when not overdue.
    public func overdueWords(on day: CalendarDate) -> String? {
        daysOverdue(on: day).map { $0 == 1 ? "1 day overdue" : "\($0) days overdue" }
    }
}
