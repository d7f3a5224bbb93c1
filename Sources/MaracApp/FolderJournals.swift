import Foundation
import MaracCore
import MaracJournal

/// The journals of a data folder, one copy of each: the ONE rule for which copy of a journal counts,
/// shared by `marac actions`, the opening review of `marac run` and `marac report`, so the three
/// always agree on what happened (docs/DECISIONS.md, "Which copy of a journal counts").
///
/// Copies of one journal are the files whose headers name the same journal (kind and id): the real
/// one, a `….backup.jsonl`, a copy mailed back. The copy that counts is the fullest one whose events
/// extend every other copy's (each other copy is an earlier state of it). A copy that disagrees —
/// its events are not a beginning of the one used — is a conflict: it is named once and nothing from
/// it is used. Every copy left out is named once, never once per action.
public struct FolderJournals: Sendable {
    public struct Journal: Sendable {
        /// The file name in the folder.
        public var file: String
        public var path: String
        public var contents: JournalContents
    }

    public var folder: String
    /// One per meeting, in file-name order.
    public var meetings: [Journal]
    /// One per tracker journal (normally just `tracker.jsonl`).
    public var trackers: [Journal]
    /// One line per file that could not be used, or used only in part, or left out as a copy.
    public var problems: [ReportProblem]

    /// Reads every `*.jsonl` in the folder (not its sub-folders; hidden files are skipped). Throws only
    /// when the folder itself cannot be read; an unreadable journal becomes a problem naming it.
    public static func read(folder: String, passphrase: String?, fileIO: any FileIO = PosixFileIO()) throws(CommandFailure) -> FolderJournals {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) else {
            throw CommandFailure("\(SafeText.line(folder)): no such folder (give the folder that holds the meeting journals)",
                                 exitCode: ExitStatus.missingInput)
        }
        guard isDir.boolValue else {
            throw CommandFailure("\(SafeText.line(folder)) is a file, not a folder: give the folder that holds the meeting journals")
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw CommandFailure("\(SafeText.line(folder)): cannot list the folder (permission denied?)")
        }
        let files = names.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted()

        // Reading and checking the chains is most of the cost on a large archive: spread it over the cores.
        let results = UnsafeResults(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let path = AtomicFile.join(folder, files[i])
            do throws(JournalError) {
                results[i] = .success(try JournalReader.read(path: path, passphrase: passphrase, fileIO: fileIO))
            } catch {
                results[i] = .failure(error)
            }
        }

        var problems: [ReportProblem] = []
        var groups: [String: [Journal]] = [:]
        var order: [String] = []
        for (i, name) in files.enumerated() {
            let path = AtomicFile.join(folder, name)
            switch results[i]! {
            case .failure(let error):
                problems.append(problem(name, path, error))
            case .success(let contents):
                switch contents.condition {
                case .intact: break
                case .tornTail(let bytes):
                    problems.append(ReportProblem(file: name, line: contents.lineCount + 1,
                        message: "the last line is incomplete (\(bytes) bytes; the writer stopped mid-write): everything before it is used",
                        makesIncomplete: false))
                case .damaged(let line, let reason):
                    problems.append(ReportProblem(file: name, line: line,
                        message: "damaged (\(SafeText.line(reason))): only the \(contents.events.count) events before this line are used"))
                }
                let key = contents.header.kind.rawValue + "\u{0}" + contents.header.id
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(Journal(file: name, path: path, contents: contents))
            }
        }

        var meetings: [Journal] = [], trackers: [Journal] = []
        for key in order {
            let (kept, notes) = chooseCopy(groups[key]!)
            problems += notes
            switch kept.contents.header.kind {
            case .meeting: meetings.append(kept)
            case .tracker: trackers.append(kept)
            }
        }
        meetings.sort { $0.file < $1.file }
        trackers.sort { $0.file < $1.file }
        problems.sort { ($0.file, $0.line ?? 0) < ($1.file, $1.line ?? 0) }
        return FolderJournals(folder: folder, meetings: meetings, trackers: trackers, problems: problems)
    }

    /// Picks the copy that counts among copies of one journal, and names each one left out.
    static func chooseCopy(_ copies: [Journal]) -> (kept: Journal, notes: [ReportProblem]) {
        guard copies.count > 1 else { return (copies[0], []) }
        // The fullest first; then an undamaged one; then the one named after its own id (not a backup).
        let ranked = copies.sorted { a, b in
            let (ca, cb) = (a.contents.events.count, b.contents.events.count)
            if ca != cb { return ca > cb }
            let (da, db) = (isDamaged(a), isDamaged(b))
            if da != db { return !da }
            let (na, nb) = (isOwnName(a), isOwnName(b))
            if na != nb { return na }
            return a.file < b.file
        }
        let kept = ranked[0]
        var notes: [ReportProblem] = []
        let what = kept.contents.header.kind == .tracker ? "tracker" : "meeting \(SafeText.line(kept.contents.header.id))"
        for other in ranked.dropFirst() {
            if let differs = firstDifference(other.contents, kept.contents) {
                notes.append(ReportProblem(file: other.file,
                    message: "conflicts with \(kept.file) (both are the \(what), but they differ from event \(differs)): "
                        + "nothing from \(other.file) is used; keep both files and check which is the real record"))
            } else {
                let n = other.contents.events.count, m = kept.contents.events.count
                notes.append(ReportProblem(file: other.file,
                    message: n == m ? "is an identical copy of \(kept.file) (the same \(what)): counted once, from \(kept.file)"
                        : "is an earlier copy of \(kept.file) (the same \(what), \(n) of its \(m) events): \(kept.file) is used",
                    makesIncomplete: false))
            }
        }
        return (kept, notes)
    }

    /// The 1-based event number where `copy` stops being a beginning of `full`, or nil when it is one.
    static func firstDifference(_ copy: JournalContents, _ full: JournalContents) -> Int? {
        if copy.header.createdAt != full.header.createdAt { return 1 }
        for (i, e) in copy.events.enumerated() where i >= full.events.count || full.events[i] != e { return i + 1 }
        return nil
    }

    static func isDamaged(_ j: Journal) -> Bool {
        if case .damaged = j.contents.condition { return true } else { return false }
    }

    static func isOwnName(_ j: Journal) -> Bool {
        j.file == j.contents.header.id + ".jsonl" || (j.contents.header.kind == .tracker && j.file == ActionFolder.trackerFileName)
    }

    static func problem(_ name: String, _ path: String, _ error: JournalError) -> ReportProblem {
        switch error {
        case let .damaged(_, line, reason):
            return ReportProblem(file: name, line: line, message: "damaged (\(SafeText.line(reason))): not used")
        case .passphraseRequired:
            return ReportProblem(file: name, message: "is encrypted and no passphrase was given (set MARAC_PASSPHRASE or run in a terminal): not used")
        case .wrongPassphrase:
            return ReportProblem(file: name, message: "is encrypted with a different passphrase: not used")
        case let .notAJournal(_, reason):
            return ReportProblem(file: name, message: "is not a marac journal (\(SafeText.line(reason))): not used")
        default:
            var text = error.description
            if text.hasPrefix(path + ": ") { text = String(text.dropFirst(path.count + 2)) }
            return ReportProblem(file: name, message: SafeText.line(text) + ": not used")
        }
    }
}

/// Per-index slots written by `concurrentPerform`'s workers, each to its own index only.
private final class UnsafeResults: @unchecked Sendable {
    private var slots: [Result<JournalContents, JournalError>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    subscript(i: Int) -> Result<JournalContents, JournalError>? {
        get { lock.lock(); defer { lock.unlock() }; return slots[i] }
        set { lock.lock(); slots[i] = newValue; lock.unlock() }
    }
}
