#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MaracCore
import MaracExport
import MaracJournal

/// `marac report DIR`: the quarterly Marac data return and governance report over every meeting
/// journal in a folder whose meeting date falls in the period.
///
/// Exit status: 0 written; 1 bad arguments, no journals, or no meetings in the period;
/// 3 written but INCOMPLETE (a journal in the folder could not be read in full; named on stderr
/// and in the report).
public enum MaracReportCommand {
    public struct Request: Sendable, Equatable {
        public var folder: String
        public var quarter: String?
        public var from: String?
        public var to: String?
        /// `text`, `md`, `csv` or `html`.
        public var format: String
        public var out: String?
        /// e.g. `25`, `25%`, `22.4 %`.
        public var minoritisedPopulation: String?
        /// e.g. `150000` or `150,000`.
        public var adultFemalePopulation: String?
        /// For encrypted journals in the folder.
        public var passphrase: String?
        /// A CSV written to a file starts with a UTF-8 byte-order mark unless this is false (`--no-bom`).
        public var byteOrderMark: Bool = true
        /// The zone whose days count when deciding that an outcome was recorded late.
        public var days: LocalDays = .london

        public init(folder: String, quarter: String? = nil, from: String? = nil, to: String? = nil, format: String = "text",
                    out: String? = nil, minoritisedPopulation: String? = nil, adultFemalePopulation: String? = nil,
                    passphrase: String? = nil, byteOrderMark: Bool = true) {
            self.folder = folder; self.quarter = quarter; self.from = from; self.to = to; self.format = format
            self.out = out; self.minoritisedPopulation = minoritisedPopulation; self.adultFemalePopulation = adultFemalePopulation
            self.passphrase = passphrase; self.byteOrderMark = byteOrderMark
        }
    }

    public struct Outcome: Sendable, Equatable {
        public var exitCode: Int32
        /// The report itself when no `--out` was given, or a one-line confirmation.
        public var stdout: String
        /// Errors and warnings, one per line, for stderr.
        public var stderr: [String]
    }

    public static let exitIncomplete: Int32 = 3

    public static func run(_ request: Request, fileIO: any FileIO = PosixFileIO()) -> Outcome {
        func failure(_ message: String, _ code: Int32 = ExitStatus.failure) -> Outcome { Outcome(exitCode: code, stdout: "", stderr: [message]) }

        // Arguments first, so a typo is reported before any file is read.
        let period: ReportPeriod
        do {
            period = try parsePeriod(request)
        } catch {
            return failure(error.message, ExitStatus.usage)
        }
        guard let format = ReportFormat(rawValue: request.format.lowercased()) else {
            return failure("--format '\(SafeText.line(request.format))' is not a format: use text, md, csv, meetings-csv, html or xlsx", ExitStatus.usage)
        }
        if format == .xlsx && request.out == nil {
            return failure("--format xlsx writes a workbook: give --out FILE.xlsx (it is not sent to the screen)", ExitStatus.usage)
        }
        var options = DataReturnOptions()
        if let text = request.minoritisedPopulation {
            guard let pct = parsePercent(text) else {
                return failure("--minoritised-population '\(SafeText.line(text))' is not a percentage between 0 and 100 (e.g. 25 or 22.4)", ExitStatus.usage)
            }
            options.minoritisedPopulationPercent = pct
        }
        if let text = request.adultFemalePopulation {
            guard let n = parseCount(text), n > 0 else {
                return failure("--adult-female-population '\(SafeText.line(text))' is not a whole number of people above 0 (e.g. 150000)", ExitStatus.usage)
            }
            options.adultFemalePopulation = n
        }

        let loaded: Loaded
        do {
            loaded = try load(folder: request.folder, passphrase: request.passphrase, fileIO: fileIO, days: request.days)
        } catch {
            return failure(error.message, FileManager.default.fileExists(atPath: request.folder) ? ExitStatus.failure : ExitStatus.missingInput)
        }
        let problemLines = loaded.problems.map { "marac report: " + ($0.makesIncomplete ? "not fully counted: " : "note: ") + $0.description }
        if loaded.meetings.isEmpty {
            return Outcome(exitCode: 1, stdout: "", stderr: problemLines + [
                "\(SafeText.line(request.folder)) has no readable meeting journals (*.jsonl), so there is nothing to report"])
        }
        let dated = loaded.meetings.map(\.info.date)
        if meetingsInPeriod(loaded.meetings, period).isEmpty {
            return Outcome(exitCode: 1, stdout: "", stderr: problemLines + [
                "no meetings in \(period.heading) in \(SafeText.line(request.folder)): its \(loaded.meetings.count) "
                + "meeting\(loaded.meetings.count == 1 ? " is" : "s are") dated \(dated.min()!.uk) to \(dated.max()!.uk)"])
        }

        // The data return and the governance figures read the same meetings and nothing else: one on each core.
        let returnOptions = options
        let halves = ParallelMap.map([0, 1]) { half -> ReportHalf in
            half == 0 ? .dataReturn(DataReturn(meetings: loaded.meetings, period: period, options: returnOptions))
                : .governance(Governance(meetings: loaded.meetings, period: period, tracker: loaded.tracker,
                                         otherMeetings: loaded.otherMeetingUpdates))
        }
        guard case .dataReturn(let dataReturn) = halves[0], case .governance(let governance) = halves[1] else {
            preconditionFailure("ParallelMap keeps the order of its items")
        }
        let report = MaracReport(dataReturn: dataReturn, governance: governance, meetings: loaded.meetings, problems: loaded.problems)
        let rendered = format.render(report)
        var stderr = problemLines
        if report.isIncomplete {
            stderr.append("marac report: the report is marked INCOMPLETE: the journals named above could not be read in full")
        }
        let code: Int32 = report.isIncomplete ? exitIncomplete : 0
        guard let out = request.out else {
            return Outcome(exitCode: code, stdout: rendered, stderr: stderr)
        }
        let bytes: [UInt8]
        if format == .xlsx {
            do { bytes = try OfficePackage.zip(ReportXlsxRenderer.workbook(report).parts()) } catch {
                return Outcome(exitCode: ExitStatus.cannotCreate, stdout: "", stderr: stderr + [error.message])
            }
        } else {
            bytes = (format.isCSV && request.byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(rendered.utf8)
        }
        do {
            try writeAtomically(bytes, to: out, fileIO: fileIO)
        } catch {
            return Outcome(exitCode: ExitStatus.cannotCreate, stdout: "", stderr: stderr + [error.message])
        }
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        let summary = "wrote \(out) (\(format.rawValue); \(report.period.heading); \(count(report.dataReturn.meetings.count, "meeting", "meetings")), "
            + "\(count(report.dataReturn.casesHeard.count, "case", "cases")) heard\(report.isIncomplete ? "; INCOMPLETE" : ""))"
        return Outcome(exitCode: code, stdout: summary + "\n", stderr: stderr)
    }

    /// A problem with the arguments or the folder: one line for the user.
    public struct Failure: Error, Sendable, Equatable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    static func parsePeriod(_ r: Request) throws(Failure) -> ReportPeriod {
        do {
            switch (r.quarter, r.from, r.to) {
            case (let q?, nil, nil): return try ReportPeriod.quarter(q)
            case (nil, let from?, let to?): return try ReportPeriod.range(from: from, to: to)
            case (nil, nil, nil): throw Failure("say which period: --quarter 2026Q3, or --from DATE --to DATE")
            case (nil, _, _): throw Failure("give both --from and --to (dd/mm/yyyy or yyyy-mm-dd)")
            default: throw Failure("give either --quarter or --from and --to, not both")
            }
        } catch let problem as ReportPeriod.Problem {
            throw Failure(problem.description)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(String(describing: error))
        }
    }

    static func parsePercent(_ text: String) -> Double? {
        var t = text.trimmingWhitespace()
        if t.hasSuffix("%") { t = String(t.dropLast()).trimmingWhitespace() }
        guard let v = Double(t), v.isFinite, (0...100).contains(v) else { return nil }
        return v
    }

    static func parseCount(_ text: String) -> Int? {
        let t = text.trimmingWhitespace().filter { $0 != "," && $0 != "_" }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(t)
    }

    // MARK: - Reading the folder

    public struct Loaded: Sendable {
        public var meetings: [MeetingState]
        /// nil when the folder has no tracker journal.
        public var tracker: [ActionStatusChange]?
        /// Status updates meeting journals recorded for other meetings' actions.
        public var otherMeetingUpdates: [ActionStatusChange]
        public var problems: [ReportProblem]
    }

    /// Reads every `*.jsonl` in the folder (not its sub-folders). Which copy of a journal counts is
    /// `FolderJournals`' rule, the same as `marac actions` and the opening review use. Meeting
    /// journals are folded; tracker journals give the status changes; anything unreadable becomes a
    /// named problem and the rest is still counted.
    public static func load(folder: String, passphrase: String? = nil, fileIO: any FileIO = PosixFileIO(),
                            days: LocalDays = .london) throws(Failure) -> Loaded {
        let journals: FolderJournals
        do { journals = try FolderJournals.read(folder: folder, passphrase: passphrase, fileIO: fileIO) } catch {
            throw Failure(error.message)
        }
        if journals.meetings.isEmpty && journals.trackers.isEmpty && journals.problems.isEmpty {
            throw Failure("\(SafeText.line(folder)) has no meeting journals (*.jsonl files): nothing to report")
        }
        var problems = journals.problems
        var meetings: [MeetingState] = []
        var otherMeetingUpdates: [ActionStatusChange] = []
        // Each meeting folded once, on every core (the status changes below reuse the fold).
        let folded = ParallelMap.map(journals.meetings) { j in
            let state = MeetingState.fold(j.contents.events)
            return (state: state, updates: state.info.id.isEmpty ? [] : ActionStatusChange.fromMeetingJournal(j.contents.events, folded: state))
        }
        meetings.reserveCapacity(folded.count)
        for (j, f) in zip(journals.meetings, folded) {
            guard !f.state.info.id.isEmpty else {
                problems.append(ReportProblem(file: j.file, message: "has no meeting details (no meetingCreated event): not counted"))
                continue
            }
            otherMeetingUpdates += f.updates
            meetings.append(f.state)
        }
        let tracker: [ActionStatusChange]? = journals.trackers.isEmpty ? nil
            : journals.trackers.flatMap { ActionStatusChange.fromTracker($0.contents.events, localDay: days.cached()) }
        return Loaded(meetings: meetings, tracker: tracker, otherMeetingUpdates: otherMeetingUpdates, problems: problems)
    }


    // MARK: - Writing

    /// Writes the whole file or nothing: a hidden temporary file beside the target (mode 0600),
    /// fsync, rename over the target, then fsync the folder (docs/EXPORT-FORMATS.md).
    static func writeAtomically(_ bytes: [UInt8], to named: String, fileIO: any FileIO) throws(Failure) {
        // A device, FIFO or socket is written in place, never renamed over (see OutputTarget).
        let path: String
        do {
            guard case let .regularFile(real) = try OutputTarget.classify(named) else { return try OutputTarget.writeInPlace(bytes, to: named) }
            path = real
        } catch { throw Failure(error.message) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Failure("\(SafeText.line(path)) is a folder: give a file name for --out")
        }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temp = (folder == "/" ? "" : folder) + "/.\(base).tmp-\(getpid())"
        func fail(_ what: String, _ e: FileIOError) -> Failure {
            Failure("\(SafeText.line(path)): \(what) failed: \(String(cString: strerror(e.errno))); nothing was written")
        }
        let fd: Int32
        do { fd = try fileIO.open(temp, flags: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode: 0o600) } catch {
            throw fail("creating the file", error)
        }
        do {
            try fileIO.writeAll(fd, bytes)
            try fileIO.fchmod(fd, mode: 0o600)
            try fileIO.fsync(fd)
        } catch {
            fileIO.close(fd)
            try? fileIO.unlink(temp)
            throw fail("writing", error)
        }
        fileIO.close(fd)
        do { try fileIO.rename(temp, path) } catch {
            try? fileIO.unlink(temp)
            throw fail("renaming into place", error)
        }
        try? fileIO.fsyncDirectory(folder)
    }
}

/// One of the two halves of a report, worked out on its own core.
private enum ReportHalf: Sendable {
    case dataReturn(DataReturn)
    case governance(Governance)
}
