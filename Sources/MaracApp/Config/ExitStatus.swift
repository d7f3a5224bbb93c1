#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MaracJournal

/// One exit-status convention for every command (README "Errors and exit status"). The numbers
/// from 64 up are the BSD sysexits ones, which scripts and other tools already know.
public enum ExitStatus {
    public static let ok: Int32 = 0
    /// It did not work (bad arguments that the parser cannot see, a locked journal, a wrong passphrase …).
    public static let failure: Int32 = 1
    /// A file is not what it should be: not a marac journal, damaged, a bad configuration file.
    public static let badFile: Int32 = 2
    /// A partial result: written, but incomplete (a report marked INCOMPLETE).
    public static let partial: Int32 = 3
    /// The command line is wrong (EX_USAGE; the argument parser uses it too).
    public static let usage: Int32 = 64
    /// An input file or folder does not exist (EX_NOINPUT).
    public static let missingInput: Int32 = 66
    /// An output cannot be created (EX_CANTCREAT).
    public static let cannotCreate: Int32 = 73
    /// Reading or writing failed (EX_IOERR).
    public static let ioError: Int32 = 74

    /// Fails with 66 and `marac: PATH: no such journal …` when an input journal is not there, so
    /// every command says a missing journal the same way.
    public static func requireJournal(_ path: String) throws(CommandFailure) {
        var info = stat()
        if stat(path, &info) != 0 && (errno == ENOENT || errno == ENOTDIR) {
            throw CommandFailure("\(path): no such journal (make one with `marac new`)", exitCode: missingInput)
        }
    }

    /// Fails with 66 when an input folder is not there.
    public static func requireFolder(_ path: String) throws(CommandFailure) {
        var info = stat()
        if stat(path, &info) != 0 && (errno == ENOENT || errno == ENOTDIR) {
            throw CommandFailure("\(path): no such folder", exitCode: missingInput)
        }
    }
}

extension JournalError {
    /// The exit status this error means under the convention above.
    public var exitStatus: Int32 {
        switch self {
        case let .io(_, operation, code):
            if code == ENOENT && operation.hasPrefix("open") { return ExitStatus.missingInput }
            // A FIFO, device or oversized file in a journal's place (issue 21) is a bad file, not an I/O fault.
            if code == FileIOError.notRegularFile.errno || code == FileIOError.tooLarge.errno { return ExitStatus.badFile }
            return ExitStatus.ioError
        case .damaged, .notAJournal, .newerFormat: return ExitStatus.badFile
        case .exists: return ExitStatus.cannotCreate
        case .writerFailed: return ExitStatus.ioError
        // (A default, not a list: a kind of error added later is a plain failure until it is sorted.)
        default: return ExitStatus.failure
        }
    }
}
