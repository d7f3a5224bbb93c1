import MaracJournal

/// What `marac --version` prints: the program's version and the journal format it writes and reads,
/// so an admin can tell whether two installations can share journals.
public enum MaracVersion {
    public static let program = "0.19.0"

    public static var description: String {
        let writes = JournalHeader.currentVersion
        return """
        marac \(program)
        journal format: writes version \(writes), reads versions 1 to \(writes)
        """
    }
}
