import Foundation
import MaracCore
import MaracJournal

/// One thing that happened to an action, wherever it was recorded: its own meeting, a later
/// meeting's opening review, or the tracker between meetings.
public struct ActionEvent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case agreed, amended, withdrawn, closedInMeeting = "closed in meeting", reviewed
        case note, extend, reassign, done, notPossible = "not-possible", escalate
    }
    public var kind: Kind
    /// When it was typed (epoch milliseconds, UTC).
    public var at: Int64
    /// The day it happened, when the record says (tracker updates); else the day it was typed.
    public var on: CalendarDate
    /// Who typed it, when the record says.
    public var by: String?
    public var note: String
    /// The status it leaves the action in.
    public var status: ActionStatus
    public var escalated: Bool
    /// extend: the new due date; reassign: the new owner.
    public var due: CalendarDate?
    public var agency: String?
    /// The journal file it is recorded in.
    public var file: String
    /// An import's file hash and row, for recognising a file imported before.
    public var source: String?
    /// The local day it was typed (`LocalDays`: the configured zone, not UTC).
    public var typedOn: CalendarDate

    public init(kind: Kind, at: Int64, typedOn: CalendarDate, on: CalendarDate? = nil, by: String?, note: String, status: ActionStatus,
                escalated: Bool, due: CalendarDate?, agency: String?, file: String, source: String? = nil) {
        self.kind = kind; self.at = at; self.typedOn = typedOn; self.on = on ?? typedOn; self.by = by; self.note = note
        self.status = status; self.escalated = escalated; self.due = due; self.agency = agency; self.file = file; self.source = source
    }

    /// Typed on a later (local) day than the day it happened.
    public var isRecordedLate: Bool { on < typedOn }
}

/// One action agreed at a meeting in the folder, with where it stands now.
public struct TrackedAction: Sendable, Equatable {
    /// The action as it stands now: owner and due date after any reassignment or extension.
    public var action: OutstandingAction
    public var status: ActionStatus
    public var escalated: Bool
    /// The latest update (its note and when), if any.
    public var lastUpdate: ActionUpdate?
    /// Every event on the action, in the order typed.
    public var history: [ActionEvent]
    /// The journal the action was agreed in (file name), and that meeting's ID.
    public var journal: String
    public var meetingID: String
    /// The victim's name from the meeting's agenda (shown only where the local protocol allows).
    public var victim: String

    public var isOpen: Bool { status.isOpen }
    /// The day it was closed, as recorded (the day it happened); nil while open.
    public var closedOn: CalendarDate? { isOpen ? nil : history.last(where: { $0.status != .open })?.on }
    /// The action's number within its meeting (`14` for `20260804-eastbrook-14`).
    public var number: String { action.id.split(separator: "-").last.map(String.init) ?? action.id }

    public func daysOverdue(on day: CalendarDate) -> Int? {
        guard isOpen, let due = action.due, due < day else { return nil }
        return due.days(until: day)
    }

    /// The latest word on the action since it was agreed, with something said: a tracker note (or
    /// an agency's return), an extension's or reassignment's reason, or an earlier review's
    /// carry-forward note. A closing update is not progress (a closed action is not reviewed).
    public var latestProgress: ActionProgress? {
        // Who owned the action at each point: an agency's return is that agency's word.
        var owner = ""
        var latest: ActionProgress?
        for e in history {
            let kind: ActionProgress.Kind
            switch e.kind {
            case .agreed, .amended: owner = e.agency ?? owner; continue
            case .note: kind = .note
            case .extend: kind = .extend
            case .reassign: kind = .reassign
            case .reviewed where e.status == .open: kind = .carriedForward
            default: continue
            }
            if !e.note.trimmingWhitespace().isEmpty {
                let returned = e.source?.hasPrefix("return ") == true
                latest = ActionProgress(kind: kind, on: e.on, note: e.note, by: e.by.flatMap { $0.isEmpty ? nil : $0 },
                                        agency: returned && !owner.isEmpty ? owner : nil)
            }
            if e.kind == .reassign, let agency = e.agency { owner = agency }
        }
        return latest
    }

    /// The action as the next meeting's opening review lists it: its current owner and due date,
    /// with the latest progress recorded on it.
    public var forReview: OutstandingAction {
        var a = action
        a.progress = latestProgress
        return a
    }
}

/// Every meeting journal and the tracker journal in a folder, read together (`marac actions DIR`).
/// An action is open unless closed, whichever came last, by: a status in its own meeting, a tracker
/// update, or a later meeting's opening review (carried forward stays open). Which copy of each
/// journal counts is `FolderJournals`' rule, the same as the report's.
public struct ActionFolder: Sendable {
    public static let trackerFileName = "tracker.jsonl"

    public var folder: String
    /// All actions agreed in the folder's meetings, by meeting date then the order they were agreed.
    public var actions: [TrackedAction]
    /// Files that could not be used (or only in part), one line each, naming the file.
    public var problems: [String]
    /// The local protocol of the latest meeting in the folder (names in chasers, the covering text).
    public var latestProtocol: LocalProtocol?
    /// The tracker's import sources already applied (file hashes), with when.
    public var importedSources: [String: Int64]
    /// The problems that leave actions out (a journal damaged, unreadable, or in conflict), not
    /// the notes about an earlier copy set aside: "owes nothing" is then not the whole truth.
    public var incomplete: [String] = []

    public var open: [TrackedAction] { actions.filter(\.isOpen) }
    public var trackerPath: String { AtomicFile.join(folder, Self.trackerFileName) }

    /// Finds an action by its full ID (spaces and letter case ignored).
    public func action(_ id: String) -> TrackedAction? {
        let wanted = id.trimmingWhitespace().lowercased()
        return actions.first { $0.action.id.lowercased() == wanted }
    }

    /// Reads the folder. Throws only when the folder itself cannot be read; a damaged or unreadable
    /// journal is reported in `problems` and the rest are still used. A damaged journal's events
    /// before the damage are used (the hash chain vouches for them).
    /// `days`: the zone whose calendar days count (when an update was typed, and so whether it was
    /// recorded late).
    public static func load(folder: String, passphrase: String? = nil, days: LocalDays = .london) throws(CommandFailure) -> ActionFolder {
        let journals = try FolderJournals.read(folder: folder, passphrase: passphrase)
        var problems = journals.problems.map(\.description)
        let built = build(journals, problems: &problems, days: days)
        return ActionFolder(folder: folder, actions: built.actions, problems: problems.map(SafeText.line),
                            latestProtocol: built.latestProtocol, importedSources: built.sources,
                            incomplete: journals.problems.filter(\.makesIncomplete).map { SafeText.line($0.description) })
    }

    /// What one meeting journal says about actions, worked out from that journal alone, so every
    /// meeting is worked out on any core at once (`ParallelMap`); only joining them is done in turn.
    struct MeetingActions: Sendable {
        var file: String
        var date: CalendarDate
        var rules: LocalProtocol
        /// The actions agreed in it, as it leaves them, each with what the meeting did to it.
        var agreed: [TrackedAction]
        /// What it recorded for actions it did not agree (an earlier meeting's, in its opening
        /// review), in the order typed: the action's ID and the event.
        var later: [(id: String, event: ActionEvent)]
    }

    /// One meeting's part of `build`: its fold, the history of its own actions, and its records for
    /// other meetings' actions. Reads nothing but `journal`.
    static func meetingActions(_ journal: FolderJournals.Journal, days: LocalDays) -> MeetingActions {
        let localDay = days.cached()
        let events = journal.contents.events
        let state = MeetingState.fold(events)
        let file = journal.file
        // `fold` gathers the undone sequence numbers: the same set `undoneSeqs` would make.
        let undone = state.undone
        var ownIDs = Set<String>(minimumCapacity: state.actions.count)
        for a in state.actions { ownIDs.insert(a.id) }
        var own: [String: [ActionEvent]] = [:]
        own.reserveCapacity(state.actions.count)
        var later: [(id: String, event: ActionEvent)] = []
        for r in events where undone.isEmpty || !undone.contains(r.seq) {
            func add(_ id: String, _ kind: ActionEvent.Kind, _ status: ActionStatus, _ escalated: Bool, _ note: String,
                     due: CalendarDate? = nil, agency: String? = nil) {
                own[id, default: []].append(ActionEvent(kind: kind, at: r.at, typedOn: localDay(r.at), by: nil, note: note, status: status,
                                                        escalated: escalated, due: due, agency: agency, file: file))
            }
            func addLater(_ id: String, _ event: @autoclosure () -> ActionEvent) {
                // An action this meeting agreed is not another meeting's (its own records are above).
                guard !ownIDs.contains(id) else { return }
                later.append((id, event()))
            }
            switch r.event {
            case .actionAgreed(let a): add(a.id, .agreed, .open, false, a.text, due: a.due, agency: a.owner)
            case .actionAmended(let id, let text, let owner, let due, _): add(id, .amended, .open, false, text, due: due, agency: owner)
            case .actionWithdrawn(let id, let reason): add(id, .withdrawn, .withdrawn, false, reason)
            case .actionStatusUpdated(let id, let status, let escalated, let note):
                add(id, .closedInMeeting, status, escalated, note)
                addLater(id, ActionEvent(kind: .closedInMeeting, at: r.at, typedOn: localDay(r.at), by: nil, note: note, status: status,
                                         escalated: escalated, due: nil, agency: nil, file: file))
            case .outstandingActionReviewed(let id, let outcome, let note):
                addLater(id, ActionEvent(kind: .reviewed, at: r.at, typedOn: localDay(r.at), by: nil, note: note,
                                         status: outcome.actionStatus, escalated: outcome == .notDone, due: nil, agency: nil, file: file))
            case .outstandingActionCarriedForward(let id, let due, let note):
                // Carried forward with a new due date: still open, due then (docs/DECISIONS.md, continuity).
                addLater(id, ActionEvent(kind: .reviewed, at: r.at, typedOn: localDay(r.at), by: nil, note: note,
                                         status: .open, escalated: false, due: due, agency: nil, file: file))
            default: break
            }
        }
        var agreed: [TrackedAction] = []
        agreed.reserveCapacity(state.actions.count)
        for a in state.actions {
            // The status an "amended" or "agreed" event leaves is the one before it (still open).
            var history = own[a.id] ?? []
            var status = ActionStatus.open
            for i in history.indices {
                if history[i].kind == .agreed || history[i].kind == .amended { history[i].status = status } else { status = history[i].status }
            }
            agreed.append(TrackedAction(
                action: OutstandingAction(id: a.id, meetingDate: state.info.date, caseRef: a.caseRef, text: a.text,
                                          owner: a.owner, due: a.due, category: a.category),
                status: a.status, escalated: a.escalated, lastUpdate: a.history.last, history: history, journal: file,
                meetingID: state.info.id, victim: state.cases[a.caseRef]?.agenda.victim ?? ""))
        }
        return MeetingActions(file: file, date: state.info.date, rules: state.rules, agreed: agreed, later: later)
    }

    static func build(_ journals: FolderJournals, problems: inout [String], days: LocalDays)
        -> (actions: [TrackedAction], latestProtocol: LocalProtocol?, sources: [String: Int64]) {
        let localDay = days.cached()
        // Folding every meeting is the largest part of reading a long archive: spread it over the cores.
        let parts = ParallelMap.map(journals.meetings) { meetingActions($0, days: days) }
        // By meeting date, then file name (sorting positions: a part is large to move).
        let order = parts.indices.sorted { (parts[$0].date, parts[$0].file) < (parts[$1].date, parts[$1].file) }

        // Every action agreed, with what its own meeting did to it.
        var tracked: [TrackedAction] = []
        tracked.reserveCapacity(order.reduce(0) { $0 + parts[$1].agreed.count })
        var position: [String: Int] = [:]
        position.reserveCapacity(tracked.capacity)
        var duplicates: [String: (count: Int, first: String)] = [:]
        for m in order {
            for a in parts[m].agreed {
                if let at = position[a.action.id] {
                    duplicates[parts[m].file, default: (0, tracked[at].journal)].count += 1
                    continue
                }
                position[a.action.id] = tracked.count
                tracked.append(a)
            }
        }
        var extra = [[ActionEvent]](repeating: [], count: tracked.count)
        for (file, d) in duplicates.sorted(by: { $0.key < $1.key }) {
            problems.append("\(file): \(d.count) action\(d.count == 1 ? "" : "s") also agreed in \(d.first) (the same IDs): the ones in \(d.first) are used")
        }

        // Later meetings: their opening reviews, and any status they recorded for an earlier meeting's action.
        for m in order {
            for (id, event) in parts[m].later {
                guard let at = position[id] else { continue }
                extra[at].append(event)
            }
        }

        // The tracker between meetings.
        var sources: [String: Int64] = [:]
        for t in journals.trackers {
            let undone = undoneSeqs(t.contents.events)
            for r in t.contents.events where !undone.contains(r.seq) {
                switch r.event {
                case .actionStatusUpdated(let id, let status, let escalated, let note):
                    // Trackers written before updates were dated: the day typed is the day it happened.
                    guard let at = position[id] else { continue }
                    let kind: ActionEvent.Kind = status == .done ? .done : status == .notPossible ? .notPossible : .escalate
                    extra[at].append(ActionEvent(kind: kind, at: r.at, typedOn: localDay(r.at), by: nil, note: note,
                                                 status: status, escalated: escalated, due: nil, agency: nil, file: t.file))
                case .trackerUpdated(let u):
                    if let source = u.source, let hash = source.split(separator: " ").dropFirst().first {
                        sources[String(hash)] = sources[String(hash)] ?? r.at
                    }
                    guard let at = position[u.actionID] else { continue }
                    let kind = ActionEvent.Kind(rawValue: u.kind.rawValue) ?? .note
                    extra[at].append(ActionEvent(kind: kind, at: r.at, typedOn: localDay(r.at), on: u.on, by: u.by, note: u.note,
                                                 status: u.kind.closingStatus ?? .open, escalated: u.kind == .escalate,
                                                 due: u.due, agency: u.agency, file: t.file, source: u.source))
                default: break
                }
            }
        }

        for i in tracked.indices where !extra[i].isEmpty {
            // Later records, in the order typed; a stable sort keeps same-moment records in the order read.
            // (Nearly always read in that order already: then there is nothing to sort.)
            let inOrder = zip(extra[i], extra[i].dropFirst()).allSatisfy { $0.at <= $1.at }
            let later = inOrder ? extra[i]
                : extra[i].enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
            tracked[i].history += later
            for e in later {
                switch e.kind {
                case .note: continue
                case .extend: tracked[i].action.due = e.due ?? tracked[i].action.due; continue
                case .reassign: tracked[i].action.owner = e.agency ?? tracked[i].action.owner; continue
                // A review that carried the action forward to a new date moves its due date too.
                case .reviewed: tracked[i].action.due = e.due ?? tracked[i].action.due
                default: break
                }
                tracked[i].status = e.status
                tracked[i].escalated = tracked[i].escalated || e.escalated
                tracked[i].lastUpdate = ActionUpdate(at: e.at, status: e.status, escalated: e.escalated, note: e.note)
            }
        }
        return (tracked, order.last.map { parts[$0].rules }, sources)
    }

    static func undoneSeqs(_ events: [RecordedEvent]) -> Set<Int> {
        Set(events.compactMap { r -> Int? in if case .undone(let seq) = r.event { return seq } else { return nil } })
    }
}

/// The open actions the next meeting's opening review starts from (`.outstandingActionsImported`).
public enum OpenActions {
    /// Every action agreed in the folder's meeting journals that is still open, and the problems met
    /// (a damaged or unreadable journal is named; the others are still used).
    ///
    /// `excludingMeeting`: the ID of the meeting about to run, when its own journal is in the folder,
    /// so that resuming it never brings its own new actions into its opening review.
    public static func load(folder: String, passphrase: String?, excludingMeeting meetingID: String? = nil) throws
        -> (open: [OutstandingAction], problems: [String]) {
        let loaded = try ActionFolder.load(folder: folder, passphrase: passphrase)
        return (loaded.open.filter { $0.meetingID != meetingID }.map(\.forReview), loaded.problems)
    }
}
