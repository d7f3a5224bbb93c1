import MaracJournal

/// Words for a file marac would not read (agendas, protocols, themes; journals say the same
/// through `JournalError`).
enum InputFile {
    static func reason(_ error: FileIOError, limit: Int) -> String {
        if error == .tooLarge { return "it is larger than marac reads for this kind of file (\(FileLimits.describe(limit)))" }
        return JournalError.describe(errno: error.errno)
    }
}
