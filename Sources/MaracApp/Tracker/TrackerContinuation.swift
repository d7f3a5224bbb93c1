import MaracJournal

/// Where the action tracker's updates are written (journal format 2, docs/DECISIONS.md "A format 1
/// journal is continued in format 1").
///
/// A tracker lives as long as its folder, so most folders have a `tracker.jsonl` made by an earlier
/// marac in journal format 1. Its updates (`trackerUpdated`) are a format 2 kind, which a writer
/// may not add to a format 1 journal. Rather than refuse every update in such a folder, the tracker
/// carries on in a second tracker journal, `tracker-2.jsonl` (format 2, id `tracker-2`), beside
/// the first, which is left exactly as it was. Every reader already reads every tracker journal in
/// a folder (`FolderJournals.trackers`), so nothing else changes.
extension ActionFolder {
    public static let continuationTrackerFileName = "tracker-2.jsonl"

    /// The tracker journal the next update goes to: `tracker.jsonl`, unless that is a readable
    /// tracker in an older format than this marac writes.
    public static func trackerPathForWriting(folder: String) -> String {
        let first = AtomicFile.join(folder, trackerFileName)
        guard let header = try? JournalReader.verifyChain(path: first).header,
              header.kind == .tracker, header.version < JournalHeader.currentVersion else { return first }
        return AtomicFile.join(folder, continuationTrackerFileName)
    }

    /// The id a new tracker journal at `path` gets: its file name without `.jsonl` (`tracker`,
    /// `tracker-2`), so the two are never taken for copies of one journal.
    static func trackerID(path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".jsonl") ? String(name.dropLast(6)) : name
    }
}
