import Foundation
import MaracCore
import MaracJournal

/// One action agreed at a meeting in the folder, with where it stands now.
public struct TrackedAction: Sendable, Equatable {
    public var action: OutstandingAction
    public var status: ActionStatus
    public var escalated: Bool
    /// The latest update (its note and when), if any.
    public var lastUpdate: ActionUpdate?
    /// The meeting journal the action was agreed in (file name), and that meeting's ID.
    public var journal: String
    public var meetingID: String

    public var isOpen: Bool { status.isOpen }
}

/// Every meeting journal and the tracker journal in a folder, read together (`marac
/// actions DIR`). An action is open unless closed, whichever came last, by: a status in its own
/// meeting, a tracker update, or a later meeting's opening review (carried forward stays open).
public struct ActionFolder: Sendable {
    public static let trackerFileName = "tracker.jsonl"

    public var folder: String
    /// All actions agreed in the folder's meetings, by meeting date then the order they were agreed.
    public var actions: [TrackedAction]
    /// Files that could not be used (or only in part), one line each, naming the file.
    public var problems: [String]

    public var open: [TrackedAction] { actions.filter(\.isOpen) }
    public var trackerPath: String { AtomicFile.join(folder, Self.trackerFileName) }

    /// Finds an action by its ID (spaces and letter case ignored).
    public func action(_ id: String) -> TrackedAction? {
        let wanted = id.trimmingWhitespace().lowercased()
        return actions.first { $0.action.id.lowercased() == wanted }
    }

    /// Reads the folder. Throws only when the folder itself cannot be read; a damaged or unreadable
    /// journal is reported in `problems` and the rest are still used. A damaged journal's events
    /// before the damage are used (the hash chain vouches for them).
    public static func load(folder: String, passphrase: String? = nil) throws(CommandFailure) -> ActionFolder {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) else {
            throw CommandFailure("\(folder): no such folder (give the folder that holds the meeting journals)", exitCode: ExitStatus.missingInput)
        }
        guard isDir.boolValue else { throw CommandFailure("\(folder) is a file, not a folder: give the folder that holds the meeting journals") }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw CommandFailure("\(folder): cannot list the folder: \(error.localizedDescription)")
        }

        var problems: [String] = []
        var meetings: [(file: String, contents: JournalContents)] = []
        var trackers: [(file: String, contents: JournalContents)] = []
        for name in names.sorted() where name.hasSuffix(".jsonl") && !name.hasPrefix(".") {
            let path = AtomicFile.join(folder, name)
            let contents: JournalContents
            do { contents = try JournalReader.read(path: path, passphrase: passphrase) } catch {
                problems.append(SafeText.line(error.description) + "; skipped")
                continue
            }
            if case let .damaged(line, reason) = contents.condition {
                problems.append("\(path) line \(line) is damaged (\(SafeText.line(reason))): only the \(contents.events.count) events before it were used")
            }
            switch contents.header.kind {
            case .meeting: meetings.append((name, contents))
            case .tracker: trackers.append((name, contents))
            }
        }
        let actions = status(meetings: meetings, trackers: trackers, problems: &problems)
        // File names in the folder are outside input too: they must not drive the terminal.
        return ActionFolder(folder: folder, actions: actions, problems: problems.map(SafeText.line))
    }

    /// Works out every action's status from all the journals.
    static func status(meetings: [(file: String, contents: JournalContents)], trackers: [(file: String, contents: JournalContents)],
                       problems: inout [String]) -> [TrackedAction] {
        let folded = meetings.map { (file: $0.file, events: $0.contents.events, state: Meeting(events: $0.contents.events).state) }
            .sorted { ($0.state.info.date, $0.file) < ($1.state.info.date, $1.file) }

        // Every action agreed, with the updates its own meeting made.
        var tracked: [TrackedAction] = []
        var updates: [String: [ActionUpdate]] = [:]
        for m in folded {
            for a in m.state.actions {
                if let other = tracked.first(where: { $0.action.id == a.id }) {
                    problems.append("action \(SafeText.line(a.id)) appears in both \(other.journal) and \(m.file); the one in \(other.journal) was used")
                    continue
                }
                tracked.append(TrackedAction(
                    action: OutstandingAction(id: a.id, meetingDate: m.state.info.date, caseRef: a.caseRef, text: a.text,
                                              owner: a.owner, due: a.due, category: a.category),
                    status: a.status, escalated: a.escalated, lastUpdate: a.history.last, journal: m.file,
                    meetingID: m.state.info.id))
                updates[a.id, default: []] += a.history
            }
        }
        func external(_ events: [RecordedEvent], isOwn: (String) -> Bool) {
            let undone = Set(events.compactMap { r -> Int? in if case .undone(let seq) = r.event { return seq } else { return nil } })
            for r in events where !undone.contains(r.seq) {
                if case let .actionStatusUpdated(id, status, escalated, note) = r.event, !isOwn(id) {
                    updates[id, default: []].append(ActionUpdate(at: r.at, status: status, escalated: escalated, note: note))
                }
            }
        }
        // Later meetings: their opening reviews, and any status they recorded for an earlier meeting's action.
        for m in folded {
            let own = Set(m.state.actions.map(\.id))
            external(m.events) { own.contains($0) }
            for (id, review) in m.state.reviews {
                updates[id, default: []].append(ActionUpdate(at: review.at, status: review.outcome.actionStatus,
                                                             escalated: review.outcome == .notDone, note: review.note))
            }
        }
        // The tracker between meetings.
        for t in trackers { external(t.contents.events) { _ in false } }

        for i in tracked.indices {
            // The latest update wins; a stable sort keeps same-moment updates in the order read.
            let history = (updates[tracked[i].action.id] ?? []).enumerated()
                .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
            guard let last = history.last else { continue }
            tracked[i].status = last.status
            tracked[i].escalated = history.contains { $0.escalated }
            tracked[i].lastUpdate = last
        }
        return tracked
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
        return (loaded.open.filter { $0.meetingID != meetingID }.map(\.action), loaded.problems)
    }
}
