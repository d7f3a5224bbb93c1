#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Foundation
import MaracCore

/// The one writer of a journal. It holds an exclusive `flock` on the journal file itself for its
/// whole life, so a second `marac run` on the same journal is refused (`.locked`), in this process
/// or another (flock conflicts between separate open file descriptions).
///
/// Write-ahead (docs/JOURNAL-FORMAT.md, section 7): `append` returns records only after their lines are written and
/// `fdatasync` returned. What happens on failure:
/// - a failed `write` (disk full, I/O error): the file is cut back to its last good length, the
///   error is thrown, nothing counts; the writer stays usable, so the chair can free space and retry.
/// - a failed `fdatasync`: the file is cut back the same way and the error thrown, and the writer
///   then refuses every further append (`.writerFailed`). After a failed sync the kernel may have
///   dropped dirty pages and will not report it again (PostgreSQL's "fsyncgate"; TigerBeetle treats
///   it as fatal too), so no later success on this descriptor proves anything. Opening the journal
///   again (`JournalWriter.open`) re-reads and re-verifies the whole file: that is the re-check.
public final class JournalWriter {
    public let path: String
    public private(set) var finalHash: String
    public private(set) var nextSeq: Int

    private let fileIO: any FileIO
    private var fd: Int32
    private var lastHash: [UInt8]
    private var goodLength: Int64
    private var failure: String?
    private let encoder = JournalFormat.makeEncoder()
    /// Set for an encrypted journal.
    private let key: SymmetricKey?
    private let journalID: String
    /// The journal's format version (its header's): a format 1 journal made by an earlier marac is
    /// continued in format 1, so only format 1 kinds are appended to it.
    public let formatVersion: Int

    private init(path: String, fileIO: any FileIO, fd: Int32, lastHash: [UInt8], nextSeq: Int, length: Int64,
                 key: SymmetricKey?, journalID: String, formatVersion: Int) {
        self.path = path; self.fileIO = fileIO; self.fd = fd; self.lastHash = lastHash
        self.finalHash = JournalFormat.string(lastHash); self.nextSeq = nextSeq; self.goodLength = length
        self.key = key; self.journalID = journalID; self.formatVersion = formatVersion
    }

    /// Why a line is not written: an event kind the journal's format has not got (`.olderFormat`),
    /// or a line longer than any reader accepts (`.lineTooLong`).
    private enum LineRefusal: Error { case olderFormat(kind: String), lineTooLong(bytes: Int) }

    /// One event line, sealed when the journal is encrypted.
    private static func appendLine(to bytes: inout [UInt8], event: MeetingEvent, seq: Int, at: Int64, prev: [UInt8],
                                   encoder: JSONEncoder, key: SymmetricKey?, journalID: String, version: Int) throws -> [UInt8] {
        let json = try encoder.encode(event)
        // The kind is the event object's one key: `{"<kind>":…`.
        let kind = String(decoding: json.dropFirst(2).prefix { $0 != UInt8(ascii: "\"") }, as: UTF8.self)
        if MeetingEvent.formatVersion(ofKind: kind) > version { throw LineRefusal.olderFormat(kind: kind) }
        let start = bytes.count
        let hash: [UInt8]
        if let key {
            let sealed = try JournalCrypto.seal(json, key: key, journalID: journalID, seq: seq, at: at, prev: prev, version: version)
            hash = JournalFormat.appendEventLine(to: &bytes, seq: seq, at: at, eventJSON: sealed, field: "enc", prev: prev)
        } else {
            hash = JournalFormat.appendEventLine(to: &bytes, seq: seq, at: at, eventJSON: json, prev: prev)
        }
        // Never write a line a reader would call damage (docs/JOURNAL-FORMAT.md, section 6).
        let length = bytes.count - start - 1
        if length > FileLimits.journalLine { throw LineRefusal.lineTooLong(bytes: length) }
        return hash
    }

    /// The error for a line `appendLine` refused or could not encode.
    private static func refusal(_ error: any Error, path: String, version: Int) -> JournalError {
        switch error as? LineRefusal {
        case .olderFormat(let kind)?: return .olderFormat(path: path, version: version, kind: kind)
        case .lineTooLong(let bytes)?:
            return .encodingFailed(path: path, reason: "the event is \(bytes) bytes, more than the \(FileLimits.describe(FileLimits.journalLine)) a journal line may hold")
        case nil: return .encodingFailed(path: path, reason: "\(error)")
        }
    }

    deinit { close() }

    /// Creates a new journal with its header and first events, durably: the lines go to a hidden
    /// file beside it, are synced with ONE fdatasync, then hard-linked into place (which fails if
    /// the name was taken meanwhile) and the folder is synced. So the journal either exists
    /// complete or not at all, even if the machine stops half-way; on any error nothing is left.
    /// New folders are made mode 0700, the journal 0600.
    public static func create(path: String, kind: JournalKind, id: String, events: [MeetingEvent], at: Int64,
                              passphrase: String? = nil, fileIO: any FileIO = PosixFileIO()) throws(JournalError) -> JournalWriter {
        if fileIO.exists(path) { throw JournalError.exists(path: path) }
        var encryption: EncryptionParameters?
        var key: SymmetricKey?
        if let passphrase { (encryption, key) = try JournalCrypto.newKey(passphrase: passphrase, journalID: id, path: path) }
        let (dir, base) = split(path)
        try makeFolders(dir, fileIO: fileIO, journal: path)

        // Everything is encoded before any file is touched.
        let encoder = JournalFormat.makeEncoder()
        var bytes: [UInt8]
        var hash: [UInt8]
        do {
            (bytes, hash) = try JournalFormat.headerLine(JournalHeader(kind: kind, id: id, createdAt: at, encryption: encryption), encoder: encoder)
            for (i, e) in events.enumerated() {
                hash = try appendLine(to: &bytes, event: e, seq: i + 1, at: at, prev: hash, encoder: encoder, key: key, journalID: id,
                                      version: JournalHeader.currentVersion)
            }
        } catch {
            throw refusal(error, path: path, version: JournalHeader.currentVersion)
        }

        // Unique per attempt; a leftover from a crash is harmless (hidden, and never read).
        let temp = "\(dir)/.\(base).creating-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        func io(_ operation: String, _ e: FileIOError) -> JournalError { .io(path: path, operation: operation, errno: e.errno) }
        let fd: Int32
        do { fd = try fileIO.open(temp, flags: O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, mode: 0o600) }
        catch { throw io("create", error) }
        var linked = false
        do throws(JournalError) {
            do { try fileIO.fchmod(fd, mode: 0o600) } catch { throw io("chmod", error) }
            do { try fileIO.lockExclusive(fd) } catch { throw io("lock", error) }
            do { try fileIO.writeAll(fd, bytes) } catch { throw io("write", error) }
            do { try fileIO.fdatasync(fd) } catch { throw io("fdatasync", error) }
            do { try fileIO.link(temp, path) } catch {
                if error.errno == EEXIST { throw JournalError.exists(path: path) }
                // File systems without hard links: rename (the existence check above must do).
                if fileIO.exists(path) { throw JournalError.exists(path: path) }
                do { try fileIO.rename(temp, path) } catch { throw io("rename", error) }
            }
            linked = true
            try? fileIO.unlink(temp)
            do { try fileIO.fsyncDirectory(dir) } catch { throw io("sync folder", error) }
        } catch {
            fileIO.close(fd)
            try? fileIO.unlink(temp)
            if linked { try? fileIO.unlink(path) }
            throw error
        }
        return JournalWriter(path: path, fileIO: fileIO, fd: fd, lastHash: hash, nextSeq: events.count + 1,
                             length: Int64(bytes.count), key: key, journalID: id, formatVersion: JournalHeader.currentVersion)
    }

    /// Opens an existing journal to carry on writing. Takes the lock (`.locked` if another writer
    /// holds it). A torn tail is copied to `<path>.torn-<n>` beside the journal (mode 0600), the
    /// journal is cut back to its last good line and synced, and `contents.condition` reports
    /// `.tornTail`. Mid-file damage throws `.damaged`: a damaged journal is never appended to.
    public static func open(path: String, passphrase: String? = nil,
                            fileIO: any FileIO = PosixFileIO()) throws(JournalError) -> (writer: JournalWriter, contents: JournalContents) {
        func io(_ operation: String, _ e: FileIOError) -> JournalError { .io(path: path, operation: operation, errno: e.errno) }
        let fd: Int32
        do { fd = try fileIO.open(path, flags: O_RDWR | O_APPEND | O_CLOEXEC, mode: 0) } catch { throw io("open", error) }
        do throws(JournalError) {
            do { try fileIO.lockExclusive(fd) } catch {
                if error.errno == EWOULDBLOCK || error.errno == EAGAIN { throw JournalError.locked(path: path) }
                throw io("lock", error)
            }
            let data: [UInt8]
            do { data = try fileIO.readAll(fd) } catch { throw io("read", error) }
            let parsed = try JournalFormat.parse(data, path: path, mode: .decode(passphrase: passphrase))
            switch parsed.contents.condition {
            case .intact: break
            case let .damaged(line, reason):
                throw JournalError.damaged(path: path, line: line, reason: reason)
            case .tornTail:
                try keepTornBytes(Array(data[parsed.goodLength...]), path: path, fileIO: fileIO)
                do { try fileIO.ftruncate(fd, length: Int64(parsed.goodLength)) } catch { throw io("truncate", error) }
                do { try fileIO.fdatasync(fd) } catch { throw io("fdatasync", error) }
            }
            let writer = JournalWriter(path: path, fileIO: fileIO, fd: fd, lastHash: parsed.lastHash,
                                       nextSeq: parsed.contents.lineCount, length: Int64(parsed.goodLength),
                                       key: parsed.key, journalID: parsed.contents.header.id,
                                       formatVersion: parsed.contents.header.version)
            return (writer, parsed.contents)
        } catch {
            fileIO.close(fd)
            throw error
        }
    }

    /// Appends events, all stamped `at`, as one write and one fdatasync. Returns their records only
    /// once they are durable. On error nothing counts and the file is left as it was (see the type
    /// documentation for what a failed sync does to the writer).
    public func append(_ events: [MeetingEvent], at: Int64) throws(JournalError) -> [RecordedEvent] {
        try append(stamped: events.map { (at: at, event: $0) })
    }

    /// Appends events, each with its own time, as one write and one fdatasync: otherwise exactly
    /// as `append(_:at:)`. (Synthetic benchmark journals use it so every event has a real time.)
    public func append(stamped events: [(at: Int64, event: MeetingEvent)]) throws(JournalError) -> [RecordedEvent] {
        if let failure { throw JournalError.writerFailed(path: path, reason: failure) }
        if events.isEmpty { return [] }
        var bytes: [UInt8] = []
        var hash = lastHash
        var records: [RecordedEvent] = []
        records.reserveCapacity(events.count)
        do {
            for (i, e) in events.enumerated() {
                let seq = nextSeq + i
                hash = try JournalWriter.appendLine(to: &bytes, event: e.event, seq: seq, at: e.at, prev: hash, encoder: encoder,
                                                    key: key, journalID: journalID, version: formatVersion)
                records.append(RecordedEvent(seq: seq, at: e.at, event: e.event))
            }
        } catch {
            throw JournalWriter.refusal(error, path: path, version: formatVersion)
        }
        do { try fileIO.writeAll(fd, bytes) } catch {
            cutBack(after: "write")
            throw JournalError.io(path: path, operation: "write", errno: error.errno)
        }
        do { try fileIO.fdatasync(fd) } catch {
            cutBack(after: "fdatasync")
            failure = "a disk sync failed (\(JournalError.explain(error.errno)))"
            throw JournalError.io(path: path, operation: "fdatasync", errno: error.errno)
        }
        goodLength += Int64(bytes.count)
        lastHash = hash
        finalHash = JournalFormat.string(hash)
        nextSeq += events.count
        return records
    }

    /// Releases the lock. Further appends are refused.
    public func close() {
        guard fd >= 0 else { return }
        fileIO.close(fd)
        fd = -1
        if failure == nil { failure = "it was closed" }
    }

    /// Removes a failed append's bytes so the file ends at its last good line again. If even that
    /// fails, the writer refuses further appends; reopening recovers (the tail counts as torn).
    private func cutBack(after operation: String) {
        do { try fileIO.ftruncate(fd, length: goodLength) } catch {
            failure = "a failed \(operation) left an incomplete line that could not be removed (\(JournalError.explain(error.errno)))"
        }
    }

    // MARK: - Helpers

    private static func split(_ path: String) -> (dir: String, base: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let dir = String(path[..<slash])
        return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
    }

    /// mkdir -p, new folders 0700 (existing ones are left as they are).
    private static func makeFolders(_ dir: String, fileIO: any FileIO, journal: String) throws(JournalError) {
        if fileIO.exists(dir) { return }
        let (parent, _) = split(dir)
        if parent != dir { try makeFolders(parent, fileIO: fileIO, journal: journal) }
        do { try fileIO.makeDirectory(dir, mode: 0o700) } catch {
            if error.errno != EEXIST { throw JournalError.io(path: dir, operation: "create folder", errno: error.errno) }
        }
    }

    /// Keeps a torn tail beside the journal (`<path>.torn-1`, `-2`, …): never silently drop data.
    private static func keepTornBytes(_ bytes: [UInt8], path: String, fileIO: any FileIO) throws(JournalError) {
        var n = 1
        while fileIO.exists("\(path).torn-\(n)") { n += 1 }
        let tornPath = "\(path).torn-\(n)"
        func io(_ operation: String, _ e: FileIOError) -> JournalError { .io(path: tornPath, operation: operation, errno: e.errno) }
        let fd: Int32
        do { fd = try fileIO.open(tornPath, flags: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode: 0o600) } catch { throw io("create", error) }
        defer { fileIO.close(fd) }
        do { try fileIO.writeAll(fd, bytes) } catch { throw io("write", error) }
        do { try fileIO.fdatasync(fd) } catch { throw io("fdatasync", error) }
        do { try fileIO.fsyncDirectory(split(path).dir) } catch { throw io("sync folder", error) }
    }
}
