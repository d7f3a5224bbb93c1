import MaracCore

/// A need-to-know pack for one agency (docs/DOMAIN.md#information-sharing): only that agency's actions and what it needs
/// to match each case to its own records: the case reference and, unless the local protocol says
/// `pack_identifies: reference`, the victim's name as on the agenda. It is built from the meeting
/// state directly, never from the minutes, so no other agency's notes, the victim's views or
/// addresses can leak in: the only free text it carries is the agency's own action text.
public struct AgencyPack: Sendable, Equatable {
    public static let format = "marac-agency-pack"
    public static let version = 1

    public struct Item: Sendable, Equatable {
        public var id: String
        public var caseRef: String
        /// The victim's name as on the agenda; nil when the pack identifies cases by reference only.
        public var victim: String?
        public var text: String
        public var due: CalendarDate?
        public var category: ActionCategory?
    }

    public var agency: String
    public var generatedAt: Instant
    public var meetingID: String
    public var meetingDate: CalendarDate
    public var area: String
    public var actions: [Item]
    public var journalHash: String
    public var journalVerified: Bool
    /// Whether the pack names the victim beside each case reference.
    public var identifiesVictim: Bool
    /// From a mock meeting (`marac train`): every format says TRAINING.
    public var training: Bool = false

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// No agency of that name in the meeting.
        case unknownAgency(String, agenciesWithActions: [String], agenciesInMeeting: [String])
        /// The agency was at the meeting but owns no action.
        case noActions(String, agenciesWithActions: [String])

        public var description: String {
            switch self {
            case .unknownAgency(let name, let owners, let all):
                return "no agency called '\(SafeText.line(name))' in this meeting. Agencies in the meeting: "
                    + Self.list(all) + ". Agencies with actions: " + Self.list(owners) + "."
            case .noActions(let name, let owners):
                return "\(SafeText.line(name)) owns no actions in this meeting. Agencies with actions: " + Self.list(owners) + "."
            }
        }

        static func list(_ names: [String]) -> String {
            names.isEmpty ? "none" : names.map(SafeText.line).joined(separator: ", ")
        }
    }

    /// Agencies owning at least one live (not withdrawn) action, in the order their first action was agreed.
    public static func agenciesWithActions(in state: MeetingState) -> [String] {
        var owners: [String] = []
        for a in liveActions(state) where !owners.contains(where: { sameAgency($0, a.owner) }) {
            owners.append(a.owner.trimmingWhitespace())
        }
        return owners
    }

    /// The pack for `agency`, matched case-insensitively. Throws when the agency is unknown or owns no action.
    public static func make(agency: String, state: MeetingState, journal: JournalFacts, now: Int64,
                            zone: LocalZone = .utc) throws(Problem) -> AgencyPack {
        let owners = agenciesWithActions(in: state)
        guard let owner = owners.first(where: { sameAgency($0, agency) }) else {
            if state.knownAgencies.contains(where: { sameAgency($0, agency) }) {
                throw .noActions(agency.trimmingWhitespace(), agenciesWithActions: owners)
            }
            throw .unknownAgency(agency.trimmingWhitespace(), agenciesWithActions: owners, agenciesInMeeting: state.knownAgencies)
        }
        let line = SafeText.line
        let named = state.rules.packIdentifies != "reference"
        let items = liveActions(state).filter { sameAgency($0.owner, owner) }.map {
            Item(id: line($0.id), caseRef: line($0.caseRef), victim: named ? state.cases[$0.caseRef].map { line($0.agenda.victim) } : nil,
                 text: line($0.text), due: $0.due, category: $0.category)
        }
        return AgencyPack(agency: line(owner), generatedAt: zone.instant(now), meetingID: line(state.info.id),
                          meetingDate: state.info.date, area: line(state.info.area), actions: items,
                          journalHash: line(journal.finalHash), journalVerified: journal.verified, identifiesVictim: named,
                          training: state.info.isTraining)
    }

    /// Actions still in force, in agenda order of their cases (then the order they were agreed).
    static func liveActions(_ state: MeetingState) -> [Action] {
        state.orderedCases.flatMap { state.actions(for: $0.ref) }.filter { $0.status != .withdrawn }
    }
}
