#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MaracCore
import MaracExport
import MaracJournal

/// `marac export`: minutes and action lists from a meeting journal (docs/EXPORT-FORMATS.md).
public enum ExportMinutes {
    public struct Request: Sendable {
        public var journalPath: String
        public var format: ExportFormat
        public var outDir: String
        /// nil: the minutes; an agency name: that agency's pack; `all`: one pack per agency with actions.
        public var agency: String?
        public var passphrase: String?
        /// CSV starts with a UTF-8 byte-order mark unless this is false (`--no-bom`).
        public var byteOrderMark: Bool
        /// A council's Word template (`--template`): its styles are used for docx.
        public var templatePath: String?
        /// The environment `TZ` is read from (tests give their own).
        public var environment: [String: String]

        public init(journalPath: String, format: ExportFormat, outDir: String, agency: String? = nil, passphrase: String? = nil,
                    byteOrderMark: Bool = true, templatePath: String? = nil,
                    environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.journalPath = journalPath; self.format = format; self.outDir = outDir; self.agency = agency
            self.passphrase = passphrase; self.byteOrderMark = byteOrderMark; self.templatePath = templatePath
            self.environment = environment
        }
    }

    public struct Outcome: Sendable {
        /// Paths written, in order.
        public var written: [String]
        /// One line each, for stderr: e.g. the journal is damaged and the minutes hold only its good part.
        public var warnings: [String]
    }

    public static func run(_ request: Request, now: Int64 = NewMeeting.currentMillis(),
                           fileIO: any FileIO = PosixFileIO()) throws(CommandFailure) -> Outcome {
        var (state, facts, warnings) = try readMeeting(request.journalPath, passphrase: request.passphrase)
        var options = ExportOptions(csvByteOrderMark: request.byteOrderMark)
        if let template = request.templatePath {
            guard request.format == .docx else { throw CommandFailure("--template is for --format docx (a Word template's styles)") }
            guard let styles = try OfficePackage.readPart("word/styles.xml", fromPackage: template) else {
                throw CommandFailure("\(template): the template has no styles (word/styles.xml): give a .docx saved from Word or LibreOffice")
            }
            guard let merged = WordDocument.merging(templateStyles: styles) else {
                throw CommandFailure("\(template): word/styles.xml is not a Word style sheet")
            }
            options.wordStyles = merged
        }
        let (zoneName, zoneWarning) = DocumentTime.zoneName(environment: request.environment, protocolZone: state.rules.timeZone)
        if let zoneWarning { warnings.append(zoneWarning) }
        let zone = DocumentTime.zone(named: zoneName, around: state.startedAt ?? now)

        var documents: [ExportDocument] = []
        if let agency = request.agency?.trimmingWhitespace() {
            guard !agency.isEmpty else { throw CommandFailure("--agency is empty: give an agency name, or `all`") }
            let names = agency.lowercased() == "all" ? AgencyPack.agenciesWithActions(in: state) : [agency]
            if names.isEmpty { throw CommandFailure("\(request.journalPath): no agency owns an action in this meeting, so there are no packs to write") }
            for name in names {
                do {
                    let pack = try AgencyPack.make(agency: name, state: state, journal: facts, now: now, zone: zone)
                    documents.append(Exporter.pack(pack, format: request.format, options: options))
                } catch {
                    throw CommandFailure("--agency: " + error.description)
                }
            }
        } else {
            // Days in the document's own zone, so "recorded late" agrees with the dates it prints.
            let days = TimeZone(identifier: zoneName).map(LocalDays.init(zone:)) ?? .london
            let (between, problem) = closedBetweenMeetings(journalPath: request.journalPath, state: state, passphrase: request.passphrase,
                                                           days: days)
            if let problem { warnings.append(problem) }
            let minutes = Minutes(state: state, journal: facts, now: now, zone: zone, betweenMeetings: between)
            documents.append(Exporter.minutes(minutes, format: request.format, options: options))
        }

        // Two agencies whose names differ only in punctuation ("Health (GP)", "Health GP") would get
        // the same file name, and one pack would silently replace the other: number the later ones.
        var seen: [String: Int] = [:]
        for i in documents.indices {
            let name = documents[i].fileName
            let n = (seen[name] ?? 0) + 1
            seen[name] = n
            if n > 1 {
                let url = URL(fileURLWithPath: name)
                documents[i].fileName = url.deletingPathExtension().lastPathComponent + "-\(n)." + url.pathExtension
            }
        }

        try AtomicFile.makeOutputFolder(request.outDir, fileIO: fileIO)
        // All the packs or none: a disk that fills after the first of six must not leave one
        // agency with its pack and five without, and nobody told.
        var files: [(path: String, bytes: [UInt8])] = []
        for doc in documents { files.append((path: AtomicFile.join(request.outDir, doc.fileName), bytes: try bytes(of: doc))) }
        try AtomicFile.writeAll(files, fileIO: fileIO)
        return Outcome(written: files.map(\.path), warnings: warnings)
    }

    /// What goes in the file: the text (after a byte-order mark when asked), or the zipped package.
    public static func bytes(of doc: ExportDocument) throws(CommandFailure) -> [UInt8] {
        if let parts = doc.parts { return try OfficePackage.zip(parts) }
        return (doc.byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(doc.contents.utf8)
    }

    /// Actions from earlier meetings in the journal's folder that were closed (or escalated)
    /// through the tracker after the previous meeting and before this one started, and not taken
    /// at this meeting's opening review. A folder that cannot be read gives a warning, not a failure.
    static func closedBetweenMeetings(journalPath: String, state: MeetingState, passphrase: String?, days: LocalDays = .london)
        -> ([ClosedBetweenMeetings], String?) {
        let folder = AtomicFile.folder(of: journalPath)
        let actions: [TrackedAction]
        do { actions = try ActionFolder.load(folder: folder, passphrase: passphrase, days: days).actions } catch {
            return ([], "the actions closed between meetings are not listed: \(error.message)")
        }
        let date = state.info.date
        let previous = actions.map(\.action.meetingDate).filter { $0 < date }.max()
        let reviewed = Set(state.outstanding.map(\.id))
        let meetingStart = state.startedAt ?? Int64(date.dayNumber) * 86_400_000
        var out: [ClosedBetweenMeetings] = []
        for t in actions {
            guard let update = t.lastUpdate, t.meetingID != state.info.id, !reviewed.contains(t.action.id),
                  t.action.meetingDate < date, update.at < meetingStart else { continue }
            // Typed since the previous meeting (so not in its minutes); shown on the day it happened.
            let closing = t.history.last { $0.at == update.at && $0.status == update.status }
            let typed = closing?.typedOn ?? days.day(update.at)
            if let previous, typed <= previous { continue }
            guard t.status == .done || t.status == .notPossible || t.status == .notDone || t.escalated else { continue }
            out.append(ClosedBetweenMeetings(id: t.action.id, meetingDate: t.action.meetingDate, caseRef: t.action.caseRef,
                                             text: t.action.text, owner: t.action.owner, status: t.status,
                                             escalated: t.escalated, date: closing?.on ?? typed, note: update.note,
                                             recordedLate: closing?.isRecordedLate ?? false))
        }
        return (out.sorted { ($0.date, $0.id) < ($1.date, $1.id) }, nil)
    }

    /// Reads and folds a meeting journal, and says how far it can be trusted.
    static func readMeeting(_ path: String, passphrase: String?) throws(CommandFailure)
        -> (MeetingState, JournalFacts, [String]) {
        let contents: JournalContents
        do { contents = try JournalReader.read(path: path, passphrase: passphrase) } catch {
            throw CommandFailure(error.description, exitCode: error.exitStatus)
        }
        guard contents.header.kind == .meeting else {
            throw CommandFailure("\(path) is the action tracker, not a meeting journal: export a meeting's journal (`marac actions` reads the tracker)")
        }
        let state = Meeting(events: contents.events).state
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        var warnings: [String] = []
        let facts: JournalFacts
        switch contents.condition {
        case .intact:
            facts = JournalFacts(fileName: fileName, finalHash: contents.finalHash, verified: true, condition: "intact")
        case .tornTail(let bytes):
            facts = JournalFacts(fileName: fileName, finalHash: contents.finalHash, verified: true,
                                 condition: "intact; an incomplete last line (\(bytes) bytes, the writer stopped mid-write) is not included")
        case .damaged(let line, let reason):
            facts = JournalFacts(fileName: fileName, finalHash: contents.finalHash, verified: false,
                                 condition: "damaged at line \(line) (\(reason)); only the \(contents.events.count) events before it are in this export")
            warnings.append("\(path) line \(line) is damaged (\(SafeText.line(reason))): the export holds only the "
                            + "\(contents.events.count) events before it and is marked NOT verified; `marac verify` shows the same")
        }
        if !state.isClosed {
            warnings.append("\(path): the meeting is not closed, so these are draft minutes")
        }
        var signed = facts
        switch Signing.check(journal: path, journalID: contents.header.id, lastSeq: contents.events.last?.seq ?? 0) {
        case .unsigned: break
        case let .signed(fingerprint, upTo, last):
            signed.signature = "key \(fingerprint), up to event \(upTo)" + (last > upTo ? "; events \(upTo + 1)–\(last) are not signed" : "; every event signed")
        case .broken(let why):
            signed.signature = "NOT valid — " + SafeText.line(why)
            warnings.append(SafeText.line(why))
        }
        return (state, signed, warnings)
    }
}

/// Writes a whole file so that it is either there complete or not at all: a temporary file in the
/// same folder (mode 0600), write, fsync, rename over the target, fsync the folder. On any error the
/// temporary file is removed and the target is left as it was.
public enum AtomicFile {
    /// `mode`: 0600 for everything marac makes (case data); a file the user made and marac only adds
    /// to (a trainer's notes) keeps the mode it had.
    public static func write(_ bytes: [UInt8], to named: String, mode: mode_t = 0o600, fileIO: any FileIO = PosixFileIO()) throws(CommandFailure) {
        // A device, FIFO or socket is written in place, never renamed over (see OutputTarget).
        guard case let .regularFile(path) = try OutputTarget.classify(named) else { return try OutputTarget.writeInPlace(bytes, to: named) }
        let dir = folder(of: path)
        let temp = join(dir, "." + URL(fileURLWithPath: path).lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        func failed(_ operation: String, _ e: FileIOError) -> CommandFailure {
            CommandFailure("\(path): \(operation) failed: \(JournalError.describe(errno: e.errno)); nothing was written",
                           exitCode: operation == "create" ? ExitStatus.cannotCreate : ExitStatus.ioError)
        }
        let fd: Int32
        do { fd = try fileIO.open(temp, flags: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode: 0o600) } catch {
            throw failed("create", error)
        }
        var open = true
        do throws(CommandFailure) {
            do { try fileIO.fchmod(fd, mode: mode) } catch { throw failed("chmod", error) }
            do { try fileIO.writeAll(fd, bytes) } catch { throw failed("write", error) }
            do { try fileIO.fsync(fd) } catch { throw failed("fsync", error) }
            fileIO.close(fd); open = false
            do { try fileIO.rename(temp, path) } catch { throw failed("rename", error) }
        } catch {
            if open { fileIO.close(fd) }
            try? fileIO.unlink(temp)
            throw error
        }
        do { try fileIO.fsyncDirectory(dir) } catch {
            throw CommandFailure("\(path) was written but its folder could not be synced: \(JournalError.describe(errno: error.errno))",
                                 exitCode: ExitStatus.ioError)
        }
    }

    /// Writes several files as one: each to a hidden temporary file, written and synced; only when
    /// every one is safely on disk are they renamed into place. On any error before that, every
    /// temporary file is removed and no target is touched ("nothing was written").
    public static func writeAll(_ files: [(path: String, bytes: [UInt8])], fileIO: any FileIO = PosixFileIO()) throws(CommandFailure) {
        var allRegular = true
        for f in files { if case .regularFile = try OutputTarget.classify(f.path) {} else { allRegular = false } }
        // One file, or a device or FIFO among the targets (written in place by `write`): one by one.
        guard files.count > 1, allRegular else {
            for f in files { try write(f.bytes, to: f.path, fileIO: fileIO) }
            return
        }
        var staged: [(temp: String, path: String)] = []
        func discard() { for s in staged { try? fileIO.unlink(s.temp) } }
        for f in files {
            let temp = join(folder(of: f.path), "." + URL(fileURLWithPath: f.path).lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            func failed(_ operation: String, _ e: FileIOError) -> CommandFailure {
                CommandFailure("\(f.path): \(operation) failed: \(JournalError.describe(errno: e.errno)); nothing was written (none of the \(files.count) files)")
            }
            let fd: Int32
            do { fd = try fileIO.open(temp, flags: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode: 0o600) } catch { discard(); throw failed("create", error) }
            staged.append((temp, f.path))
            do throws(CommandFailure) {
                do { try fileIO.fchmod(fd, mode: 0o600) } catch { throw failed("chmod", error) }
                do { try fileIO.writeAll(fd, f.bytes) } catch { throw failed("write", error) }
                do { try fileIO.fsync(fd) } catch { throw failed("fsync", error) }
                fileIO.close(fd)
            } catch {
                fileIO.close(fd)
                discard()
                throw error
            }
        }
        for (i, s) in staged.enumerated() {
            do { try fileIO.rename(s.temp, s.path) } catch {
                for rest in staged[i...] { try? fileIO.unlink(rest.temp) }
                throw CommandFailure("\(s.path): rename failed: \(JournalError.describe(errno: error.errno)); only the first \(i) of \(staged.count) files were written")
            }
        }
        let dirs = Set(files.map { folder(of: $0.path) })
        for dir in dirs {
            do { try fileIO.fsyncDirectory(dir) } catch {
                throw CommandFailure("\(dir): the files were written but the folder could not be synced: \(JournalError.describe(errno: error.errno))")
            }
        }
    }

    /// Makes an output folder named on the command line (`export --out DIR`, `train --out DIR`,
    /// `chase --out DIR`) mode 0700 if it is not there; the folder holding it must exist already
    /// (one line naming it and `mkdir -p`, exit 73): a typo must not grow a tree nobody looks in.
    public static func makeOutputFolder(_ dir: String, fileIO: any FileIO = PosixFileIO()) throws(CommandFailure) {
        try OutputTarget.requireFolder(holding: dir)
        try makeFolder(dir, fileIO: fileIO)
    }

    /// Makes the folder (and missing parents) mode 0700 if it does not exist; leaves an existing one
    /// alone. Only for marac's own places (the data, configuration and log folders), which may
    /// rightly need making on first use; an output the user names goes through `makeOutputFolder`.
    public static func makeFolder(_ dir: String, fileIO: any FileIO = PosixFileIO()) throws(CommandFailure) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            if !isDir.boolValue { throw CommandFailure("\(dir) is a file, not a folder: give --out a folder", exitCode: ExitStatus.cannotCreate) }
            return
        }
        let parent = folder(of: dir)
        if parent != dir && !parent.isEmpty { try makeFolder(parent, fileIO: fileIO) }
        do { try fileIO.makeDirectory(dir, mode: 0o700) } catch {
            if error.errno == EEXIST { return }
            throw CommandFailure("\(dir): cannot make the folder: \(JournalError.describe(errno: error.errno))", exitCode: ExitStatus.cannotCreate)
        }
        _ = chmod(dir, 0o700)   // mkdir's mode is reduced by the umask
        try? fileIO.fsyncDirectory(parent.isEmpty ? "." : parent)
    }

    static func folder(of path: String) -> String {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    static func join(_ dir: String, _ name: String) -> String {
        dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }
}
