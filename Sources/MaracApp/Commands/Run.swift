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
        try requireMeetingJournal(path)
        let session: MeetingSession
        do { session = try MeetingSession(path: path, passphrase: options.passphrase, logger: logger) }
        catch let error as JournalError {
            if case .locked = error {
                throw AppError("\(path) is already open in another `marac run` (only one writer at a time)")
            }
            throw CommandFailure(error.description, exitCode: error.exitStatus)
        }
        try importOutstandingActions(into: session, journalPath: path, passphrase: options.passphrase, logger: logger)
        try session.run(options: options)
    }

    /// Before a meeting starts, bring in the actions still open from earlier meetings in the same
    /// folder, so the opening review lists exactly them (DESIGN §3a). Done once, and recorded as an
    /// event, so a replay and the minutes show the same list the chair saw.
    static func importOutstandingActions(into session: MeetingSession, journalPath: String, passphrase: String?,
                                         logger: Logger) throws {
        let state = session.state
        guard !state.isStarted, !session.isReadOnly, !session.hasImportedOutstandingActions else { return }
        let folder = URL(fileURLWithPath: journalPath).deletingLastPathComponent().path
        let found = try OpenActions.load(folder: folder, passphrase: passphrase, excludingMeeting: state.info.id)
        for problem in found.problems { logger.warning("outstanding actions: \(problem)") }
        let earlier = found.open.filter { $0.meetingDate < state.info.date }
        guard !earlier.isEmpty else { return }
        try session.appendNow([.outstandingActionsImported(actions: earlier)], at: WallClock().now)
        logger.info("imported \(earlier.count) outstanding actions")
    }
}

/// Refuses the action tracker (or anything but a meeting journal) before a screen opens on it: a
/// meeting's events written into the tracker would corrupt the record of actions between meetings.
/// Reads only the header and chain, so it needs no passphrase.
func requireMeetingJournal(_ path: String) throws {
    let header: JournalHeader
    do { header = try JournalReader.verifyChain(path: path).header }
    catch { throw CommandFailure(error.description, exitCode: error.exitStatus) }
    guard header.kind == .meeting else {
        throw CommandFailure("\(path) is the action tracker, not a meeting journal (`marac actions` reads it)", exitCode: ExitStatus.badFile)
    }
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
