import MaracCore

/// A need-to-know pack for one agency (docs/DOMAIN.md#information-sharing): only that agency's actions and what it needs
/// to match each case to its own records: the case reference and, unless the local protocol says
/// `pack_identifies: reference`, the victim's name as on the agenda. It is built from the meeting
/// state directly, never from the minutes, so no other agency's notes, the victim's views or
/// addresses can leak in: the only free text it carries is the agency's own action text.
public struct AgencyPack: Sendable, Equatable {
    public static let format = "marac-agency-pack"
    public static let version = 1

    /// The blank columns the CSV and xlsx packs end with, for the agency to fill in and send back
    /// (`marac actions DIR import FILE` reads them): `status` (`ReturnStatus`), `on` (the day it
    /// happened) and `note`. The same names as a chaser's.
    public static let returnColumns = ["status", "on", "note"]

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
        for owner in liveActions(state).map(\.owner) + carriedForward(state).map(\.action.owner)
        where !owners.contains(where: { sameAgency($0, owner) }) {
            owners.append(owner.trimmingWhitespace())
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
        } + carriedForward(state).filter { sameAgency($0.action.owner, owner) }.map {
            // An earlier meeting's action this meeting carried forward: owed again, by its new date.
            Item(id: line($0.action.id), caseRef: line($0.action.caseRef),
                 victim: named ? state.cases[$0.action.caseRef].map { line($0.agenda.victim) } : nil,
                 text: line($0.action.text), due: $0.due, category: $0.action.category)
        }
        return AgencyPack(agency: line(owner), generatedAt: zone.instant(now), meetingID: line(state.info.id),
                          meetingDate: state.info.date, area: line(state.info.area), actions: items,
                          journalHash: line(journal.finalHash), journalVerified: journal.verified, identifiesVictim: named,
                          training: state.info.isTraining)
    }

    /// Actions from earlier meetings that this meeting's review carried forward to a new due date.
    static func carriedForward(_ state: MeetingState) -> [(action: OutstandingAction, due: CalendarDate)] {
        state.outstanding.compactMap { o in state.reviews[o.id]?.newDue.map { (o, $0) } }
    }

    /// Actions still in force, in agenda order of their cases (then the order they were agreed).
    static func liveActions(_ state: MeetingState) -> [Action] {
        state.orderedCases.flatMap { state.actions(for: $0.ref) }.filter { $0.status != .withdrawn }
    }
}

/// What an agency may write in the `status` column of a returned pack or chaser. Agencies type
/// what they would say ("Completed", "ongoing"), so a few plain synonyms are accepted, in any letter
/// case, a hyphen or underscore counting as a space; anything else is refused by row and column.
/// This one table is what the import reads and what every instruction lists (the packs' and
/// chasers' text, `marac actions import --help`), so the two cannot drift apart.
public enum ReturnStatus: String, Sendable, Equatable, CaseIterable {
    case done
    case notPossible = "not possible"
    /// A progress note: the action stays open.
    case inProgress = "in progress"

    /// Every word accepted for each status, the main word first.
    public var words: [String] {
        switch self {
        case .done: return ["done", "complete", "completed"]
        case .notPossible: return ["not possible"]
        case .inProgress: return ["in progress", "ongoing", "open"]
        }
    }

    /// The status a cell means; nil for a word not in the table. An empty cell is not read here
    /// (a blank status with a note is a progress note: the caller decides).
    public static func parse(_ cell: String) -> ReturnStatus? {
        let spaced = String(cell.lowercased().map { $0 == "-" || $0 == "_" ? " " : $0 })
        let word = spaced.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return allCases.first { $0.words.contains(word) }
    }

    /// "done, complete or completed; not possible; in progress, ongoing or open": for
    /// instructions and error messages.
    public static var wordList: String {
        allCases.map { s in
            s.words.count == 1 ? s.words[0] : s.words.dropLast().joined(separator: ", ") + " or " + s.words.last!
        }.joined(separator: "; ")
    }
}
