#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MaracCore
import MaracExport
import MaracJournal

/// `marac export`: minutes and action lists from a meeting journal (DESIGN §6).
public enum ExportMinutes {
    public struct Request: Sendable {
        public var journalPath: String
        public var format: ExportFormat
        public var outDir: String
        /// nil: the minutes; an agency name: that agency's pack; `all`: one pack per agency with actions.
        public var agency: String?
        public var passphrase: String?

        public init(journalPath: String, format: ExportFormat, outDir: String, agency: String? = nil, passphrase: String? = nil) {
            self.journalPath = journalPath; self.format = format; self.outDir = outDir; self.agency = agency
            self.passphrase = passphrase
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
        let (state, facts, warnings) = try readMeeting(request.journalPath, passphrase: request.passphrase)

        var documents: [ExportDocument] = []
        if let agency = request.agency?.trimmingWhitespace() {
            guard !agency.isEmpty else { throw CommandFailure("--agency is empty: give an agency name, or `all`") }
            let names = agency.lowercased() == "all" ? AgencyPack.agenciesWithActions(in: state) : [agency]
            if names.isEmpty { throw CommandFailure("\(request.journalPath): no agency owns an action in this meeting, so there are no packs to write") }
            for name in names {
                do {
                    let pack = try AgencyPack.make(agency: name, state: state, journal: facts, now: now)
                    documents.append(Exporter.pack(pack, format: request.format))
                } catch {
                    throw CommandFailure("--agency: " + error.description)
                }
            }
        } else {
            documents.append(Exporter.minutes(Minutes(state: state, journal: facts, now: now), format: request.format))
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

        try AtomicFile.makeFolder(request.outDir, fileIO: fileIO)
        // All the packs or none: a disk that fills after the first of six must not leave one
        // agency with its pack and five without, and nobody told.
        let files = documents.map { (path: AtomicFile.join(request.outDir, $0.fileName), bytes: Array($0.contents.utf8)) }
        try AtomicFile.writeAll(files, fileIO: fileIO)
        return Outcome(written: files.map(\.path), warnings: warnings)
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
        return (state, facts, warnings)
    }
}

/// Writes a whole file so that it is either there complete or not at all: a temporary file in the
/// same folder (mode 0600), write, fsync, rename over the target, fsync the folder. On any error the
/// temporary file is removed and the target is left as it was.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to named: String, fileIO: any FileIO = PosixFileIO()) throws(CommandFailure) {
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
            do { try fileIO.fchmod(fd, mode: 0o600) } catch { throw failed("chmod", error) }
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

    /// Makes the folder (and missing parents) mode 0700 if it does not exist; leaves an existing one alone.
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
