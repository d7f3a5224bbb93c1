import MaracCore
import MaracJournal

/// Records what happened to an action between meetings, append-only, in the folder's tracker journal
/// (`DIR/tracker.jsonl`, kind `.tracker`): the same write-ahead, hash chain, lock and recovery as a
/// meeting journal. Nothing is ever rewritten; a later update supersedes an earlier one.
public enum ActionTracker {
    /// What the admin says happened.
    public enum Outcome: String, Sendable, CaseIterable {
        case done
        /// Not possible because circumstances changed.
        case notPossible = "not-possible"
        /// Not done by the agency: escalated to the steering group.
        case escalate

        public var status: ActionStatus {
            switch self {
            case .done: return .done
            case .notPossible: return .notPossible
            case .escalate: return .notDone
            }
        }
    }

    /// Appends one `.actionStatusUpdated` for an open action. Returns the action as it now stands.
    public static func record(_ outcome: Outcome, actionID: String, note: String, folder: String, passphrase: String? = nil,
                              now: Int64, fileIO: any FileIO = PosixFileIO()) throws(CommandFailure) -> TrackedAction {
        let cleanNote = SafeText.line(note).trimmingWhitespace()
        guard !cleanNote.isEmpty else {
            throw CommandFailure("--note is empty: say what happened (e.g. --note \"Locks fitted on 03/12\")")
        }
        let id = SafeText.line(actionID).trimmingWhitespace()
        guard !id.isEmpty else { throw CommandFailure("the action ID is empty: `marac actions \(folder) list` shows the IDs") }
        let loaded = try ActionFolder.load(folder: folder, passphrase: passphrase)
        guard var tracked = loaded.action(id) else {
            var message = "no action '\(id)' in \(folder): action IDs look like 20261201-northvale-3 (the meeting date, then a number); "
                + "`marac actions \(folder) list` shows the open ones"
            if !loaded.problems.isEmpty { message += " (some journals could not be read: \(loaded.problems.joined(separator: "; ")))" }
            throw CommandFailure(message)
        }
        guard tracked.isOpen else {
            var message = "action \(tracked.action.id) is already \(tracked.status.label)"
            if let last = tracked.lastUpdate {
                message += " (\(CalendarDate(epochMillis: last.at).uk)" + (last.note.isEmpty ? ")" : ": \(SafeText.line(last.note)))")
            }
            throw CommandFailure(message + "; nothing was recorded")
        }

        let event = MeetingEvent.actionStatusUpdated(actionID: tracked.action.id, status: outcome.status,
                                                     escalated: outcome == .escalate, note: cleanNote)
        let path = loaded.trackerPath
        do {
            if fileIO.exists(path) {
                let (writer, contents) = try JournalWriter.open(path: path, passphrase: passphrase, fileIO: fileIO)
                defer { writer.close() }
                guard contents.header.kind == .tracker else {
                    throw CommandFailure("\(path) is a meeting journal, not the action tracker: move it elsewhere and try again")
                }
                _ = try writer.append([event], at: now)
            } else {
                try JournalWriter.create(path: path, kind: .tracker, id: "tracker", events: [event], at: now,
                                         passphrase: passphrase, fileIO: fileIO).close()
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch let error as JournalError {
            throw CommandFailure(error.description + "; nothing was recorded")
        } catch {
            throw CommandFailure("\(path): \(error); nothing was recorded")
        }
        tracked.status = outcome.status
        tracked.escalated = tracked.escalated || outcome == .escalate
        tracked.lastUpdate = ActionUpdate(at: now, status: outcome.status, escalated: outcome == .escalate, note: cleanNote)
        return tracked
    }
}
