import Foundation
import MaracCore
import MaracJournal

/// `marac new`: an agenda file in, a new meeting journal out.
public enum NewMeeting {
    public struct Request: Sendable {
        public var agendaPath: String
        /// dd/mm/yyyy or yyyy-mm-dd.
        public var date: String
        public var area: String
        public var chair: String
        public var venue: String
        /// The journal path; nil: `<data folder>/<meeting id>.jsonl`.
        public var out: String?
        public var dataDir: String?
        /// A local protocol file (YAML, see `LocalProtocolFile`); nil: the national protocol.
        public var protocolPath: String?
        /// Encrypts the journal at rest with this passphrase (`--encrypt`); nil: plain text.
        public var passphrase: String?
        /// Signs the chain with the user's Ed25519 key (`--sign`, see `Signing`).
        public var sign = false
        /// Leaves out the cases the previous meeting deferred to this one (`--no-deferred`).
        public var noDeferred = false
        /// The planned start and end, `hh:mm` local time (`--start`, `--end`); nil: the local
        /// protocol's `start_time` / `end_time`, else 09:30 and three hours after the start.
        public var start: String?
        public var end: String?

        public init(agendaPath: String, date: String, area: String, chair: String, venue: String = "",
                    out: String? = nil, dataDir: String? = nil, protocolPath: String? = nil, passphrase: String? = nil) {
            self.agendaPath = agendaPath; self.date = date; self.area = area; self.chair = chair
            self.venue = venue; self.out = out; self.dataDir = dataDir; self.protocolPath = protocolPath
            self.passphrase = passphrase
        }
    }

    public struct Outcome: Sendable {
        public var journalPath: String
        public var meetingID: String
        public var caseCount: Int
        /// Agenda warnings (unknown columns …), one line each, already naming file, line and column.
        public var warnings: [String]
        /// The signing key's fingerprint, when signed.
        public var signedBy: String?
        /// Cases the previous meeting deferred to this one, as brought forward (or left out).
        public var deferred: [DeferredCarry] = []
        /// Whether `--no-deferred` left them out.
        public var deferredLeftOut = false
        /// The data folder, when this `marac new` made it (its first use, or a mistyped name: said either way).
        public var madeDataFolder: String?

        /// What `marac new` says about the deferred cases, one line each (empty when none).
        public var deferredLines: [String] {
            deferred.map { d in
                let what = deferredLeftOut ? "not added (--no-deferred)" : d.alreadyOnAgenda ? "already on the agenda, marked as deferred" : "added to the agenda"
                return "case \(SafeText.line(d.caseRef)) deferred from \(d.from.meetingDate.uk)"
                    + (d.from.reason.isEmpty ? "" : " (\(SafeText.line(d.from.reason)))") + ": \(what)"
            }
        }
    }

    /// A case the previous meeting deferred to this one.
    public struct DeferredCarry: Sendable, Equatable {
        public var caseRef: String
        public var from: DeferredFrom
        /// The new agenda already lists it (it is marked, not added twice).
        public var alreadyOnAgenda: Bool
    }

    /// Checks everything first, then creates the journal with `.meetingCreated` and one
    /// `.caseQueued` per case in agenda order. On any error no journal is left behind.
    public static func run(_ request: Request, environment: [String: String] = ProcessInfo.processInfo.environment,
                           now: Int64 = currentMillis(), fileIO: any FileIO = PosixFileIO()) throws(CommandFailure) -> Outcome {
        guard let date = CalendarDate.parse(request.date) else {
            throw CommandFailure("--date '\(SafeText.line(request.date))' is not a date: use dd/mm/yyyy or yyyy-mm-dd (and a real day)",
                                 exitCode: ExitStatus.usage)
        }
        let area = SafeText.line(request.area).trimmingWhitespace()
        let chair = SafeText.line(request.chair).trimmingWhitespace()
        guard !area.isEmpty else { throw CommandFailure("--area is empty: give the Marac area, e.g. --area \"Northvale\"", exitCode: ExitStatus.usage) }
        guard !chair.isEmpty else { throw CommandFailure("--chair is empty: give the chair's name", exitCode: ExitStatus.usage) }

        let rules = try request.protocolPath.map { (p) throws(CommandFailure) in try LocalProtocolFile.load(path: p) } ?? .national

        let agendaBytes: [UInt8]
        do { agendaBytes = try fileIO.readFile(request.agendaPath, limit: FileLimits.agenda) } catch {
            throw CommandFailure("\(request.agendaPath): cannot read the agenda file: \(InputFile.reason(error, limit: FileLimits.agenda))",
                                 exitCode: error.errno == ENOENT ? ExitStatus.missingInput : ExitStatus.ioError)
        }
        let agenda: AgendaImport.Result
        do { agenda = try AgendaImport.parse(bytes: agendaBytes, file: request.agendaPath, meetingDate: date) } catch {
            throw CommandFailure(SafeText.line(error.description), exitCode: ExitStatus.badFile)
        }

        let plan = try plannedTimes(request, rules: rules)
        let info = MeetingInfo(id: MeetingInfo.makeID(date: date, area: area), date: date, area: area, chair: chair,
                               venue: SafeText.line(request.venue).trimmingWhitespace(),
                               plannedStartMinutes: plan.startMinutes, plannedDurationMinutes: plan.endMinutes - plan.startMinutes)
        let path: String
        var madeDataFolder: String?
        if let out = request.out, !out.isEmpty {
            // The journal named is made, never a folder above it: a mistyped folder would hide the
            // journal from the tracker, `report` and the next meeting's review, which look beside it.
            // (The data folder below is marac's own, and is made on first use.)
            try OutputTarget.requireFolder(holding: out)
            path = out
        } else {
            let dataFolder = try DataFolder.resolve(explicit: request.dataDir, environment: environment)
            if !FileManager.default.fileExists(atPath: dataFolder) { madeDataFolder = dataFolder }
            path = DataFolder.journalPath(meetingID: info.id, folder: dataFolder)
        }
        // A temporary journal left by a `marac new` that was killed mid-way goes now.
        Leftovers.removeAbandonedCreations(in: AtomicFile.folder(of: path))
        // The key first: a problem with it stops `new` before any journal exists.
        let signingKey = request.sign ? try Signing.loadKey(create: true, environment: environment) : nil
        // Earlier hearings of these cases in the folder the journal goes into.
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let earlier = CaseHistoryImport.earlierMeetings(folder: folder, passphrase: request.passphrase, excludingMeeting: info.id)
        // Cases the previous meeting of this Marac deferred to this one come first in their section:
        // they have already waited a meeting (docs/DECISIONS.md, "Continuity between meetings").
        let carried = Continuity.deferredCases(to: info, earlier: earlier.meetings.map(\.state), agenda: agenda.cases)
        let added = request.noDeferred ? [] : carried.filter { !$0.alreadyOnAgenda }.map(\.agenda)
        let cases = AgendaImport.agendaOrder(added + agenda.cases)
        let marks: [MeetingEvent] = request.noDeferred ? [] : carried.map {
            .caseDeferredFrom(caseRef: $0.caseRef, meetingID: $0.from.meetingID, meetingDate: $0.from.meetingDate, reason: $0.from.reason)
        }
        let events: [MeetingEvent] = [.meetingCreated(info: info, rules: rules)]
            + cases.map { .caseQueued(agendaCase: $0, late: false) }
            + marks
            + CaseHistoryImport.events(for: cases.map { ($0, []) }, meetingDate: date, earlier: earlier.meetings)
        do throws(JournalError) {
            let writer = try JournalWriter.create(path: path, kind: .meeting, id: info.id, events: events, at: now,
                                                  passphrase: request.passphrase, fileIO: fileIO)
            writer.close()
            Witness.record(journal: path, id: info.id, seq: writer.nextSeq - 1, hash: writer.finalHash, now: now)
            if let signingKey {
                do { try Signing.start(journal: path, journalID: info.id, seq: writer.nextSeq - 1, hash: writer.finalHash, key: signingKey) }
                catch { throw JournalError.writerFailed(path: path, reason: "its signature file could not be written: \(error.message)") }
            }
        } catch {
            // Whatever stopped it (already there, no such folder, disk full), the output was not made.
            throw CommandFailure(error.description, exitCode: ExitStatus.cannotCreate)
        }
        var outcome = Outcome(journalPath: path, meetingID: info.id, caseCount: cases.count,
                              warnings: agenda.warnings.map { SafeText.line($0.description) },
                              signedBy: signingKey.map { Signing.fingerprint($0.publicKey) })
        outcome.deferred = carried.map { DeferredCarry(caseRef: $0.caseRef, from: $0.from, alreadyOnAgenda: $0.alreadyOnAgenda) }
        outcome.deferredLeftOut = request.noDeferred
        outcome.madeDataFolder = madeDataFolder
        return outcome
    }

    /// The planned start and end: the options, else the local protocol's, else 09:30 for three hours.
    static func plannedTimes(_ request: Request, rules: LocalProtocol) throws(CommandFailure) -> PlannedTimes {
        func parse(_ text: String?, _ option: String) throws(CommandFailure) -> Int? {
            guard let text else { return nil }
            guard let minutes = parseClockTime(text) else {
                throw CommandFailure("\(option) '\(SafeText.line(text))' is not a time of day: use hh:mm, e.g. \(option) 09:30",
                                     exitCode: ExitStatus.usage)
            }
            return minutes
        }
        let start = try parse(request.start, "--start") ?? rules.plannedStartMinutes ?? 9 * 60 + 30
        let end = try parse(request.end, "--end") ?? (request.start == nil ? rules.plannedEndMinutes : nil) ?? start + 180
        guard end > start else {
            throw CommandFailure("--end \(formatClockTime(minutes: end)) is not after the start (\(formatClockTime(minutes: start)))",
                                 exitCode: ExitStatus.usage)
        }
        return PlannedTimes(startMinutes: start, endMinutes: end)
    }

    /// Where the agenda template is installed (share/marac, or the build's resource bundle), if found.
    public static var templatePath: String? { MaracResources.file("agenda-template.csv") }

    /// The agenda template's text (every column, with fictional example rows).
    public static func templateText() throws(CommandFailure) -> String {
        guard let path = templatePath, let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("the agenda template is missing from this installation (looked in share/marac beside the program)",
                                 exitCode: ExitStatus.missingInput)
        }
        return String(decoding: data, as: UTF8.self)
    }

    public static func currentMillis() -> Int64 { AppClock.wall.now }
}

extension JournalError {
    /// The reason part of an I/O error, without the path (for messages that name the file already).
    var reason: String {
        if case let .io(_, _, code) = self { return JournalError.describe(errno: code) }
        return description
    }
}
