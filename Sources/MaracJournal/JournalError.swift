#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MaracCore

/// Everything that can go wrong with a journal, worded for a chair or an admin: each message names
/// the file (and the line where there is one) and says what to do.
public enum JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed: `operation` is what we were doing ("write", "fdatasync", "open" …).
    case io(path: String, operation: String, errno: Int32)
    /// Another `marac` process is writing this journal.
    case locked(path: String)
    /// The file is damaged before its end (1-based line number): never appended to.
    case damaged(path: String, line: Int, reason: String)
    /// `create` refuses to overwrite.
    case exists(path: String)
    /// The file is not a marac journal at all (or its header is unreadable).
    case notAJournal(path: String, reason: String)
    /// The header's format version is newer than this marac reads (docs/JOURNAL-FORMAT.md, "Versions").
    case newerFormat(path: String, version: Int)
    /// The journal is format `version` (made by an earlier marac) and has no `kind` events: a writer
    /// continuing it appends only what its format has (docs/JOURNAL-FORMAT.md, "Versions").
    case olderFormat(path: String, version: Int, kind: String)
    case passphraseRequired(path: String)
    case wrongPassphrase(path: String)
    /// The writer stopped accepting events after an error it cannot rule out (see `JournalWriter.append`),
    /// or after `close()`. Open the journal again to carry on.
    case writerFailed(path: String, reason: String)
    /// An event could not be turned into JSON (a programming error, never user data).
    case encodingFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .io(path, operation, code):
            return "\(path): \(operation) failed: \(JournalError.explain(code))"
        case let .locked(path):
            return "\(path) is already open in another marac (only one may write a journal at a time): close the other one first"
        case let .damaged(path, line, reason):
            return "\(path) line \(line) is damaged: \(reason). Nothing after it is trusted and marac will not write to this journal; keep the file and ask your admin (`marac verify` shows the same)"
        case let .exists(path):
            return "\(path) already exists: marac never overwrites a journal (choose another name with --out, or continue it with `marac run`)"
        case let .notAJournal(path, reason):
            return "\(path) is not a marac journal: \(reason)"
        case let .newerFormat(path, version):
            return "\(path) was written by a newer marac (journal format \(version); this marac reads formats up to "
                + "\(JournalHeader.currentVersion)): update marac to open it. The file has not been changed"
        case let .olderFormat(path, version, kind):
            return "\(path) is journal format \(version), made by an earlier marac, which has no '\(kind)' events "
                + "(format \(MeetingEvent.formatVersion(ofKind: kind))): this was not recorded and the file has not been changed"
        case let .passphraseRequired(path):
            return "\(path) is encrypted: give its passphrase"
        case let .wrongPassphrase(path):
            return "\(path): the passphrase is wrong"
        case let .writerFailed(path, reason):
            return "\(path): the journal is not accepting events (\(reason)); open it again to check it and carry on"
        case let .encodingFailed(path, reason):
            return "\(path): an event could not be written (\(reason))"
        }
    }

    /// The system's words for an errno, with what the user can do for the common ones.
    public static func describe(errno code: Int32) -> String { explain(code) }

    static func explain(_ code: Int32) -> String {
        switch code {
        case FileIOError.notRegularFile.errno: return "it is not an ordinary file (a pipe, device or socket), so marac does not read it"
        case FileIOError.tooLarge.errno: return "it is larger than any file marac reads (\(FileLimits.describe(FileLimits.journal)) for a journal), so it cannot be one marac wrote"
        case ENOSPC: return "the disk is full; nothing was recorded: free some space and try again"
        case EDQUOT: return "the disk quota is used up; nothing was recorded: free some space and try again"
        case EIO: return "the disk reported an input/output error; nothing was recorded: check the disk"
        case ENOENT: return "no such file or folder"
        case EACCES, EPERM: return "permission denied"
        case EROFS: return "the disk is read-only"
        case EISDIR: return "it is a folder, not a file"
        default:
            if let s = strerror(code) { return String(cString: s) }
            return "error \(code)"
        }
    }
}
