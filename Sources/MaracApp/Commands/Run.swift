import Foundation
import Logging
import MaracCore
import MaracJournal
import MaracUI

/// `marac run JOURNAL`: runs or resumes a meeting. After a crash it continues exactly where it
/// stopped: the state is the fold of the journal, and the running timer is derived from the
/// recorded start, so it has kept counting.
public enum RunMeeting {
    public static func run(path: String, options: MeetingSession.Options, logger: Logger) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("\(path): no such journal (make one with `marac new`)", exitCode: ExitStatus.missingInput)
        }
        let seen = try requireMeetingJournal(path)
        // A journal shorter than, or different from, what marac last saw here is said on screen;
        // the witness keeps what it saw before, so the warning stays until someone looks.
        let finding = Witness.check(journal: path, id: seen.header.id, seq: seen.lineCount - 1, hash: seen.finalHash)
        let witnessWarning = Witness.message(finding, journal: URL(fileURLWithPath: path).lastPathComponent)
        let session: MeetingSession
        do { session = try MeetingSession(path: path, passphrase: options.passphrase, logger: logger) }
        catch let error as JournalError {
            if case .locked = error {
                throw AppError("\(path) is already open in another `marac run` (only one writer at a time)")
            }
            throw CommandFailure(error.description, exitCode: error.exitStatus)
        }
        if let witnessWarning {
            session.notice = "WARNING: " + witnessWarning + (session.notice.map { ". " + $0 } ?? "")
            logger.error("journal differs from what marac last saw (witness)")
        }
        func witness() {
            guard finding == .consistent, let last = session.lastLine else { return }
            Witness.record(journal: path, id: seen.header.id, seq: last.seq, hash: last.hash)
        }
        witness()
        defer { witness() }
        try importOutstandingActions(into: session, journalPath: path, passphrase: options.passphrase, logger: logger)
        try refreshCaseHistory(of: session, journalPath: path, passphrase: options.passphrase, logger: logger)
        try session.run(options: options)
    }

    /// Before a meeting starts, bring in the actions still open from earlier meetings in the same
    /// folder, so the opening review lists exactly them (docs/DOMAIN.md#outstanding-actions). Done once, and recorded as an
    /// event, so a replay and the minutes show the same list the chair saw.
    ///
    /// Opened again before the meeting starts (a journal made days early), the folder is read again:
    /// an action closed in the tracker since then is no longer listed, one extended or reassigned
    /// shows its new due date or owner, and the chair is told. A format 1 journal keeps its first
    /// list (a release before format 2 reads a second import differently).
    static func importOutstandingActions(into session: MeetingSession, journalPath: String, passphrase: String?,
                                         logger: Logger) throws {
        let state = session.state
        guard !state.isStarted, !session.isReadOnly else { return }
        let again = session.hasImportedOutstandingActions
        if again, (session.journalFormatVersion ?? 1) < 2 { return }
        let folder = URL(fileURLWithPath: journalPath).deletingLastPathComponent().path
        let loaded = try ActionFolder.load(folder: folder, passphrase: passphrase)
        for problem in loaded.problems { logger.warning("outstanding actions: \(problem)") }
        let others = loaded.actions.filter { $0.meetingID != state.info.id }
        // The latest progress on each is a format 2 field: a format 1 journal is never given it.
        let withProgress = (session.journalFormatVersion ?? 1) >= 2
        func listed(_ t: TrackedAction) -> OutstandingAction { withProgress ? t.forReview : t.action }
        let earlier = others.filter { $0.isOpen && $0.action.meetingDate < state.info.date }.map(listed)
        guard again else {
            guard !earlier.isEmpty else { return }
            try session.appendNow([.outstandingActionsImported(actions: earlier)], at: AppClock.wall.now)
            logger.info("imported \(earlier.count) outstanding actions")
            return
        }
        // Read again: only what the folder knows changes the list. An action the folder knows to be
        // closed (and not yet reviewed here) leaves it; one it knows open takes its due date and
        // owner from the tracker; one it does not know at all (a journal moved, a demo) stays.
        var known: [String: TrackedAction] = [:]
        for t in others where known[t.action.id] == nil { known[t.action.id] = t }
        var list: [OutstandingAction] = []
        var closed: [String] = []
        for a in state.outstanding {
            guard let t = known[a.id] else { list.append(a); continue }
            if t.isOpen { list.append(listed(t)) }
            else if state.reviews[a.id] != nil { list.append(a) }
            else { closed.append(a.displayID) }
        }
        let listed = Set(state.outstanding.map(\.id))
        let added = earlier.filter { !listed.contains($0.id) }
        list += added
        guard list != state.outstanding else { return }
        try session.appendNow([.outstandingActionsImported(actions: list)], at: AppClock.wall.now)
        var said = ["The open actions from earlier meetings were read again"]
        if !closed.isEmpty { said.append("closed since: \(closed.joined(separator: ", ")) (not to review)") }
        if !added.isEmpty { said.append("\(added.count) newly open") }
        if closed.isEmpty && added.isEmpty { said.append("due dates, owners or progress notes changed in the tracker") }
        let message = said.joined(separator: "; ")
        session.notice = session.notice.map { $0 + ". " + message } ?? message
        logger.info("outstanding actions read again: \(list.count) open")
    }
}

extension RunMeeting {
    /// Each time the meeting opens, look again for earlier hearings of its cases: a journal copied
    /// into the folder since `marac new` (or a case added late) is found. Recorded only when
    /// something changed.
    static func refreshCaseHistory(of session: MeetingSession, journalPath: String, passphrase: String?, logger: Logger) throws {
        let state = session.state
        guard !state.isClosed, !session.isReadOnly else { return }
        // Found history is a format 2 event: a format 1 journal (made by an earlier marac) cannot
        // hold it, and the meeting must still open.
        if let version = session.journalFormatVersion, MeetingEvent.formatVersion(ofKind: "caseHistoryFound") > version {
            logger.info("case history not looked up: the journal is format \(version)")
            return
        }
        let folder = URL(fileURLWithPath: journalPath).deletingLastPathComponent().path
        let earlier = CaseHistoryImport.earlierMeetings(folder: folder, passphrase: passphrase, excludingMeeting: state.info.id)
        for problem in earlier.problems { logger.warning("case history: \(problem)") }
        let events = CaseHistoryImport.events(for: state.orderedCases.map { ($0.agenda, $0.history) },
                                              meetingDate: state.info.date, earlier: earlier.meetings)
        guard !events.isEmpty else { return }
        try session.appendNow(events, at: AppClock.wall.now)
        logger.info("case history found for \(events.count) cases")
    }
}

/// Refuses the action tracker (or anything but a meeting journal) before a screen opens on it: a
/// meeting's events written into the tracker would corrupt the record of actions between meetings.
/// Reads only the header and chain, so it needs no passphrase.
@discardableResult
func requireMeetingJournal(_ path: String) throws -> JournalContents {
    let contents: JournalContents
    do { contents = try JournalReader.verifyChain(path: path) }
    catch { throw CommandFailure(error.description, exitCode: error.exitStatus) }
    guard contents.header.kind == .meeting else {
        throw CommandFailure("\(path) is the action tracker, not a meeting journal (`marac actions` reads it)", exitCode: ExitStatus.badFile)
    }
    return contents
}

/// Parses `80x24`, `120x40`.
public func parseSize(_ text: String) -> Size? {
    let parts = text.lowercased().split(separator: "x")
    guard parts.count == 2, let c = Int(parts[0]), let r = Int(parts[1]), (10...1000).contains(c), (5...500).contains(r) else { return nil }
    return Size(cols: c, rows: r)
}

/// Logging goes to a file, never to the terminal curses owns. Event names and counts only: no case text.
public func makeLogger(folder: String?) -> Logger {
    let dir = folder ?? NSTemporaryDirectory()
    // The log names events, never case text, but it is still kept private: folder 0700, file 0600.
    try? AtomicFile.makeFolder(dir)
    let path = URL(fileURLWithPath: dir).appendingPathComponent("marac.log").path
    return Logger(label: "marac") { label in FileLogHandler(label: label, path: path) }
}
