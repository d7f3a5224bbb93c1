import Foundation
import MaracJournal

/// Words for a file marac would not read (agendas, protocols, themes; journals say the same
/// through `JournalError`), and the one way small text files (the local protocol, trainer's
/// notes, themes) are read whole.
enum InputFile {
    static func reason(_ error: FileIOError, limit: Int) -> String {
        if error == .tooLarge { return "it is larger than marac reads for this kind of file (\(FileLimits.describe(limit)))" }
        return JournalError.describe(errno: error.errno)
    }

    /// The text of a small file, or one line naming it: `PATH: cannot read WHAT: why` (exit
    /// `missingExit` when there is no such file, else an input/output error) or `PATH: WHAT is not
    /// UTF-8 text` (a bad file). `consequence` ends either line (e.g. "; the bookmark was not saved").
    static func text(_ path: String, what: String, missingExit: Int32 = ExitStatus.ioError,
                     consequence: String = "") throws(CommandFailure) -> String {
        let data: [UInt8]
        do { data = try PosixFileIO().readFile(path, limit: FileLimits.small) } catch {
            throw CommandFailure("\(path): cannot read \(what): \(reason(error, limit: FileLimits.small))\(consequence)",
                                 exitCode: error.errno == ENOENT ? missingExit : ExitStatus.ioError)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw CommandFailure("\(path): \(what) is not UTF-8 text\(consequence)", exitCode: ExitStatus.badFile)
        }
        return text
    }
}
