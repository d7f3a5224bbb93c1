/// One thing a coordinator recorded about an action between meetings, in the action tracker
/// (`marac actions DIR note|extend|reassign|done|not-possible|escalate|import`).
///
/// Two dates, kept apart on purpose: `on` is the day it happened (what the data return and the
/// minutes count), and the journal line's own time is when it was typed. An update typed after
/// the day it happened is "recorded late"; the report says how many.
public struct TrackerUpdate: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A progress note: the action stays open.
        case note
        /// A new due date, with the reason.
        case extend
        /// A new owner agency, with the reason.
        case reassign
        case done
        /// Not possible because circumstances changed.
        case notPossible = "not-possible"
        /// Not done by the agency: escalated to the steering group.
        case escalate

        /// The status this update closes the action with; nil when it stays open.
        public var closingStatus: ActionStatus? {
            switch self {
            case .note, .extend, .reassign: return nil
            case .done: return .done
            case .notPossible: return .notPossible
            case .escalate: return .notDone
            }
        }
    }

    public var actionID: String
    public var kind: Kind
    /// The day it happened (never after the day it was typed).
    public var on: CalendarDate
    /// Who typed it (`--by`, the configured user name, or the login name).
    public var by: String
    /// What happened, or the reason for an extension or reassignment.
    public var note: String
    /// `extend`: the new due date.
    public var due: CalendarDate?
    /// `reassign`: the new owner agency.
    public var agency: String?
    /// `import`: where the update came from, e.g. `return 3f2a…c1 row 4` (the file's SHA-256 and
    /// its row), so importing the same file again is recognised and applies nothing.
    public var source: String?

    public init(actionID: String, kind: Kind, on: CalendarDate, by: String, note: String, due: CalendarDate? = nil,
                agency: String? = nil, source: String? = nil) {
        self.actionID = actionID; self.kind = kind; self.on = on; self.by = by; self.note = note
        self.due = due; self.agency = agency; self.source = source
    }
}
