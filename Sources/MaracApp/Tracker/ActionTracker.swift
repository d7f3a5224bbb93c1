#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MaracCore
import MaracExport
import MaracJournal

/// Records what happened to an action between meetings, append-only, in the folder's tracker journal
/// (`DIR/tracker.jsonl`, kind `.tracker`): the same write-ahead, hash chain, lock and recovery as a
/// meeting journal. Nothing is ever rewritten; a later update supersedes an earlier one.
///
/// Every check ("is it still open?", "is this file already imported?") runs while the tracker's lock
/// is held, on the folder as read under that lock: two coordinators closing the same action at the
/// same moment get one recorded and one refused, never both (issue 21, the tracker race).
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

        public var kind: TrackerUpdate.Kind {
            switch self {
            case .done: return .done
            case .notPossible: return .notPossible
            case .escalate: return .escalate
            }
        }
    }

    /// How long a second coordinator waits for the first one's update to finish before giving up.
    public static let lockWait: Double = 30

    /// Holds the tracker's lock, reads the folder under it, lets `decide` choose the updates from
    /// what it saw, and appends them as one durable write. `decide` throws to refuse; then nothing
    /// is written. Returns what `decide` returned, and the folder as it stood before the write.
    public static func withLockedFolder<T>(folder: String, passphrase: String?, now: Int64, fileIO: any FileIO = PosixFileIO(),
                                           days: LocalDays = .london,
                                           decide: (ActionFolder) throws(CommandFailure) -> (updates: [TrackerUpdate], result: T))
        throws(CommandFailure) -> T {
        let path = ActionFolder.trackerPathForWriting(folder: folder)
        // The folder must exist before a tracker is made in it (a typo must not create a folder).
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            _ = try ActionFolder.load(folder: folder, passphrase: passphrase)  // throws the usual message
            throw CommandFailure("\(SafeText.line(folder)): not a folder", exitCode: ExitStatus.missingInput)
        }
        // The folder's own lock, not the tracker's: the tracker may not exist yet, and a refused
        // update must leave no file behind.
        let lock = try lockFolder(folder)
        defer { close(lock) }
        let loaded = try ActionFolder.load(folder: folder, passphrase: passphrase, days: days)
        let (updates, result) = try decide(loaded)
        if updates.isEmpty { return result }
        let writer = try writeTracker(path: path, passphrase: passphrase, now: now, fileIO: fileIO, events: updates.map { .trackerUpdated(update: $0) })
        defer { writer.close() }
        return result
    }

    /// An exclusive `flock` on the folder itself, waited for (polling, up to `lockWait` seconds).
    static func lockFolder(_ folder: String) throws(CommandFailure) -> Int32 {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CommandFailure("\(SafeText.line(folder)): cannot open the folder (\(String(cString: strerror(errno)))); nothing was recorded")
        }
        let deadline = AppClock.wall.now + Int64(lockWait * 1000)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, AppClock.wall.now < deadline else {
                close(fd)
                throw CommandFailure("\(SafeText.line(folder)) is busy: another update has held the tracker for \(Int(lockWait)) s; nothing was recorded, try again")
            }
            usleep(10_000)
        }
        return fd
    }

    /// Writes the events to the tracker (making it if there is none), holding its own writer lock too.
    /// Waits (polling, up to `lockWait` seconds) while another update holds the lock.
    static func writeTracker(path: String, passphrase: String?, now: Int64, fileIO: any FileIO, events: [MeetingEvent]) throws(CommandFailure) -> JournalWriter {
        let deadline = AppClock.wall.now + Int64(lockWait * 1000)
        while true {
            switch openOrCreate(path: path, passphrase: passphrase, now: now, fileIO: fileIO, events: events) {
            case .success(let writer):
                return writer
            case .failure(.locked):
                if AppClock.wall.now > deadline {
                    throw CommandFailure("\(SafeText.line(path)) is busy: another update has held it for \(Int(lockWait)) s; nothing was recorded, try again")
                }
                usleep(20_000)
            case .failure(let error):
                throw CommandFailure(SafeText.line(error.description) + "; nothing was recorded")
            }
        }
    }

    /// Writes `events` durably: into a new tracker, or appended to the existing one.
    private static func openOrCreate(path: String, passphrase: String?, now: Int64, fileIO: any FileIO,
                                     events: [MeetingEvent]) -> Result<JournalWriter, JournalError> {
        if !fileIO.exists(path) {
            do {
                return .success(try JournalWriter.create(path: path, kind: .tracker, id: ActionFolder.trackerID(path: path), events: events, at: now,
                                                         passphrase: passphrase, fileIO: fileIO))
            } catch {
                // Made at the same moment by something that does not take the folder's lock: append to it.
                if case .exists = error {} else { return .failure(error) }
            }
        }
        do {
            let (writer, contents) = try JournalWriter.open(path: path, passphrase: passphrase, fileIO: fileIO)
            guard contents.header.kind == .tracker else {
                writer.close()
                return .failure(.notAJournal(path: path, reason: "it is a meeting journal, not the action tracker: move it elsewhere and try again"))
            }
            _ = try writer.append(events, at: now)
            return .success(writer)
        } catch {
            return .failure(error)
        }
    }

    /// Appends one outcome for an open action. Returns the action as it now stands.
    public static func record(_ outcome: Outcome, actionID: String, note: String, on: CalendarDate? = nil, by: String? = nil,
                              folder: String, passphrase: String? = nil, now: Int64,
                              fileIO: any FileIO = PosixFileIO(), days: LocalDays = .london) throws(CommandFailure) -> TrackedAction {
        try update(outcome.kind, actionID: actionID, note: note, on: on, by: by, folder: folder, passphrase: passphrase,
                   now: now, fileIO: fileIO, days: days)
    }

    /// Appends one update (note, extend, reassign or an outcome) for an open action. The checks run
    /// under the tracker's lock. Returns the action as it now stands.
    public static func update(_ kind: TrackerUpdate.Kind, actionID: String, note: String, on: CalendarDate? = nil, by: String? = nil,
                              due: CalendarDate? = nil, agency: String? = nil,
                              folder: String, passphrase: String? = nil, now: Int64,
                              fileIO: any FileIO = PosixFileIO(), days: LocalDays = .london) throws(CommandFailure) -> TrackedAction {
        let cleanNote = SafeText.line(note).trimmingWhitespace()
        guard !cleanNote.isEmpty else {
            let example = kind == .extend ? "--note \"Court date moved to 12/01\"" : kind == .reassign
                ? "--note \"Victim rehoused: now the new council's housing team\"" : "--note \"Locks fitted on 03/12\""
            throw CommandFailure("--note is empty: say \(kind == .extend || kind == .reassign ? "why" : "what happened") (e.g. \(example))", exitCode: ExitStatus.usage)
        }
        // The coordinator's today, in the configured zone: not UTC's, which lags an hour behind in summer.
        let today = days.day(now)
        let day = on ?? today
        if today < day {
            throw CommandFailure("--on \(day.uk) is in the future: record what has happened, on the day it happened (today is \(today.uk))", exitCode: ExitStatus.usage)
        }
        let who = by.map(SafeText.line)?.trimmingWhitespace() ?? ""
        let id = SafeText.line(actionID).trimmingWhitespace()
        guard !id.isEmpty else { throw CommandFailure("the action ID is empty: `marac actions \(SafeText.line(folder)) list` shows the IDs", exitCode: ExitStatus.usage) }
        return try withLockedFolder(folder: folder, passphrase: passphrase, now: now, fileIO: fileIO, days: days) { loaded throws(CommandFailure) in
            var tracked = try ActionIDs.resolve(id, in: loaded, openOnly: true)
            try requireOpen(tracked)
            if day < tracked.action.meetingDate {
                throw CommandFailure("--on \(day.uk) is before the meeting that agreed \(SafeText.line(tracked.action.id)) (\(tracked.action.meetingDate.uk))", exitCode: ExitStatus.usage)
            }
            if let due {
                if let current = tracked.action.due, current == due {
                    throw CommandFailure("\(tracked.action.id) is already due \(due.uk); nothing was recorded")
                }
                if due < day {
                    // `--on` defaults to today: name the day compared with, not an option nobody typed.
                    let when = on == nil ? "today (\(day.uk))" : "--on \(day.uk)"
                    throw CommandFailure("--due \(due.uk) is before \(when): give the new due date", exitCode: ExitStatus.usage)
                }
            }
            var newOwner: String?
            if let agency {
                let name = SafeText.line(agency).trimmingWhitespace()
                guard !name.isEmpty else { throw CommandFailure("--agency is empty: name the agency that now owns the action", exitCode: ExitStatus.usage) }
                if sameAgency(name, tracked.action.owner) {
                    throw CommandFailure("\(tracked.action.id) is already owned by \(SafeText.line(tracked.action.owner)); nothing was recorded")
                }
                // Keep the spelling the folder already uses for a known agency.
                newOwner = loaded.actions.first(where: { sameAgency($0.action.owner, name) })?.action.owner ?? name
            }
            let entry = TrackerUpdate(actionID: tracked.action.id, kind: kind, on: day, by: who, note: cleanNote, due: due, agency: newOwner)
            if let due { tracked.action.due = due }
            if let newOwner { tracked.action.owner = newOwner }
            if let status = kind.closingStatus {
                tracked.status = status
                tracked.escalated = tracked.escalated || kind == .escalate
                tracked.lastUpdate = ActionUpdate(at: now, status: status, escalated: kind == .escalate, note: cleanNote)
            }
            tracked.history.append(ActionEvent(kind: ActionEvent.Kind(rawValue: kind.rawValue) ?? .note, at: now, typedOn: today, on: day, by: who,
                                               note: cleanNote, status: tracked.status, escalated: kind == .escalate, due: due,
                                               agency: newOwner, file: ActionFolder.trackerFileName))
            return ([entry], tracked)
        }
    }

    static func requireOpen(_ tracked: TrackedAction) throws(CommandFailure) {
        guard !tracked.isOpen else { return }
        var message = "action \(SafeText.line(tracked.action.id)) is already \(tracked.status.label)"
        if let last = tracked.history.last(where: { $0.status != .open }) {
            message += " (\(last.on.uk)" + (last.note.isEmpty ? ")" : ": \(SafeText.truncate(SafeText.line(last.note), 80)))")
        }
        throw CommandFailure(message + "; nothing was recorded")
    }
}

/// Action IDs as people type them: the full `20260804-eastbrook-14`, or short forms wherever they
/// name one action: `#14` (the action numbered 14), `0804-14` (numbered 14 at the meeting of 4 August),
/// `20260804-14`.
public enum ActionIDs {
    /// The one action `text` names. `openOnly`: short forms are looked up among the open actions
    /// (updates can only be made to those), so `#14` works while only one open action has number 14.
    public static func resolve(_ text: String, in folder: ActionFolder, openOnly: Bool = false) throws(CommandFailure) -> TrackedAction {
        let typed = SafeText.line(text).trimmingWhitespace()
        if let exact = folder.action(typed) { return exact }
        let pool = openOnly ? folder.open : folder.actions
        let matches = pool.filter { matchesShort(typed, $0) }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            let names = matches.prefix(5).map(\.action.id).map(SafeText.line).joined(separator: ", ")
            throw CommandFailure("'\(typed)' could be any of \(matches.count) \(openOnly ? "open " : "")actions (\(names)\(matches.count > 5 ? ", …" : "")): "
                                 + "give more of the ID, e.g. \(matches[0].action.id)")
        }
        var message = "no action '\(typed)' in \(SafeText.line(folder.folder)): action IDs look like 20261201-northvale-3 "
            + "(or #3, or 1201-3); `marac actions \(SafeText.line(folder.folder)) list` shows the open ones"
        if openOnly, let closed = folder.actions.first(where: { matchesShort(typed, $0) }) {
            // Say why rather than "not found" when it names one closed action.
            try ActionTracker.requireOpen(closed)
        }
        if !folder.problems.isEmpty { message += " (some journals could not be read: \(folder.problems.joined(separator: "; ")))" }
        throw CommandFailure(message)
    }

    static func matchesShort(_ typed: String, _ a: TrackedAction) -> Bool {
        let t = typed.lowercased()
        let parts = a.action.id.lowercased().split(separator: "-")
        guard let number = parts.last, let date = parts.first else { return false }
        if t.hasPrefix("#") { return t.dropFirst() == number }
        let bits = t.split(separator: "-")
        guard bits.count == 2, bits[1] == number else { return false }
        let d = bits[0]
        return (d.count == 4 && date.count == 8 && date.hasSuffix(d)) || (d.count == 8 && date == d)
    }
}
