import Foundation
import MaracCore
import MaracJournal
import MaracUI
import Yams

/// A trainer's notes file beside a recording: `NAME.notes.yaml` for `NAME.jsonl` (docs/REPLAY.md).
///
///     notes:
///       - case: NV-3201        # when this case's discussion timer reaches `time`
///         time: "10:00"
///         pause: true          # stop the replay there (optional, default no)
///         question: What is current, relevant and proportionate here?
///       - seq: 31              # or: when the journal line with this seq is replayed
///         point: The chair names one agency and a date for each action.
///
/// Each entry has `seq`, or `case` and `time`; and exactly one of `question`, `point` or `bookmark`.
/// A misspelt key is an error, never ignored (a note that silently never shows would mislead a class).
public enum ReplayNotesFile {
    public static let entryKeys = ["seq", "case", "time", "pause", "question", "point", "bookmark"]
    /// The longest note text: a note is read aloud to a class, not an essay.
    public static let textLimit = 1_000

    /// The notes file for a journal: its name with `.jsonl` (or any last extension) replaced.
    public static func path(forJournal journal: String) -> String {
        let folder = (journal as NSString).deletingLastPathComponent
        let name = ((journal as NSString).lastPathComponent as NSString).deletingPathExtension + ".notes.yaml"
        return folder.isEmpty ? name : folder + "/" + name
    }

    /// The notes for a recording, or none when the file does not exist. A file that is there but
    /// cannot be read or is wrong fails with one line naming the file, the line and the field.
    public static func load(path: String, records: [RecordedEvent]) throws(CommandFailure) -> [ReplayNote] {
        var info = stat()
        if lstat(path, &info) != 0 && errno == ENOENT { return [] }
        let text = try InputFile.text(path, what: "the trainer's notes")
        return try parse(text, file: path, records: records)
    }

    public static func parse(_ text: String, file: String, records: [RecordedEvent]) throws(CommandFailure) -> [ReplayNote] {
        func fail(_ mark: Mark?, _ field: String?, _ message: String) -> CommandFailure {
            YAMLSyntax.failure(file, line: mark?.line, key: field, message)
        }
        let root = try YAMLSyntax.document(text, file: file)
        guard let root else { return [] }   // empty, or only comments
        guard let mapping = root.mapping else { throw fail(root.mark, nil, "expected `notes:` followed by a list of notes (see docs/REPLAY.md)") }
        var notes: [ReplayNote] = []
        let state = MeetingState.fold(records)
        let seqs = Set(records.map(\.seq))
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            guard key == "notes" else { throw fail(keyNode.mark, SafeText.line(key), "unknown key: the file holds only `notes:`") }
            if value.null != nil { continue }
            guard let list = value.sequence else { throw fail(value.mark, "notes", "should be a list of notes (lines starting `- `)") }
            for item in list {
                notes.append(try entry(item, state: state, seqs: seqs, fail: fail))
            }
        }
        return notes
    }

    private static func entry(_ item: Node, state: MeetingState, seqs: Set<Int>,
                              fail: (Mark?, String?, String) -> CommandFailure) throws(CommandFailure) -> ReplayNote {
        guard let fields = item.mapping else { throw fail(item.mark, nil, "a note should be `key: value` lines (seq or case and time; question, point or bookmark)") }
        var values: [String: Node] = [:]
        for (k, v) in fields {
            let key = k.string ?? ""
            guard entryKeys.contains(key) else {
                throw fail(k.mark, SafeText.line(key), "unknown field; a note has \(entryKeys.joined(separator: ", "))")
            }
            guard values[key] == nil else { throw fail(k.mark, key, "given twice in one note") }
            values[key] = v
        }
        // Where it belongs.
        let anchor: ReplayNote.Anchor
        switch (values["seq"], values["case"], values["time"]) {
        case let (seq?, nil, nil):
            guard let n = Int(seq.string ?? ""), n >= 1 else { throw fail(seq.mark, "seq", "should be a journal line number (1 or more)") }
            guard seqs.contains(n) else { throw fail(seq.mark, "seq", "the recording has no event \(n) (its events are \(seqs.min() ?? 0) to \(seqs.max() ?? 0))") }
            anchor = .event(seq: n)
        case let (nil, ref?, time?):
            let caseRef = SafeText.line(ref.string ?? "").trimmingWhitespace()
            guard state.cases[caseRef] != nil else {
                throw fail(ref.mark, "case", "'\(caseRef)' is not on the recording's agenda")
            }
            guard let millis = discussionTime(time.string ?? "") else {
                throw fail(time.mark, "time", "'\(SafeText.line(time.string ?? ""))' should be the discussion time as mm:ss (e.g. \"10:00\")")
            }
            anchor = .caseTime(caseRef: caseRef, millis: millis)
        case (nil, _?, nil):
            throw fail(item.mark, "time", "a note at a case needs `time:` (the discussion time, mm:ss)")
        case (nil, nil, _?):
            throw fail(item.mark, "case", "a note at a time needs `case:` (the case reference)")
        case (nil, nil, nil):
            throw fail(item.mark, "seq", "a note needs `seq:` (an event) or `case:` and `time:`")
        default:
            throw fail(item.mark, "seq", "give `seq:` or `case:` and `time:`, not both")
        }
        // What it says.
        let kinds = ReplayNote.Kind.allCases.filter { values[$0.rawValue] != nil }
        guard kinds.count == 1, let kind = kinds.first, let textNode = values[kind.rawValue] else {
            throw fail(item.mark, kinds.count > 1 ? kinds[1].rawValue : "question",
                       kinds.isEmpty ? "a note needs one of question, point or bookmark" : "a note has one of question, point or bookmark, not several")
        }
        let text = SafeText.line(textNode.string ?? "").trimmingWhitespace()
        guard textNode.scalar != nil, !text.isEmpty || kind == .bookmark else { throw fail(textNode.mark, kind.rawValue, "the text is empty") }
        guard text.count <= textLimit else { throw fail(textNode.mark, kind.rawValue, "longer than \(textLimit) characters") }
        var pause = false
        if let p = values["pause"] {
            switch (p.string ?? "").trimmingWhitespace().lowercased() {
            case "yes", "true": pause = true
            case "no", "false": pause = false
            default: throw fail(p.mark, "pause", "'\(SafeText.line(p.string ?? ""))' should be yes or no")
            }
        }
        return ReplayNote(anchor: anchor, kind: kind, text: text.isEmpty ? "Bookmark" : text, pause: pause, line: item.mark?.line ?? 0)
    }

    /// `10:00`, `9:30`, `1:02:00` (the timer's own form) → milliseconds of discussion.
    static func discussionTime(_ text: String) -> Int64? {
        let parts = text.trimmingWhitespace().split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) }) else { return nil }
        let numbers = parts.compactMap { Int64($0) }
        guard numbers.count == parts.count, numbers.allSatisfy({ $0 >= 0 }), numbers.dropFirst().allSatisfy({ $0 < 60 }) else { return nil }
        let seconds = numbers.reduce(0) { $0 * 60 + $1 }
        return seconds * 1000
    }

    // MARK: - Bookmarks

    /// Adds a bookmark to the notes file: the file is rewritten whole, atomically, with the trainer's
    /// own text (and comments) kept as they were and the bookmark added at the end of the list.
    /// Refuses a path that is not a regular file (a link, FIFO or device is never replaced), and a
    /// file whose layout it cannot extend without rewriting what the trainer wrote.
    public static func addBookmark(_ note: ReplayNote, to path: String, records: [RecordedEvent]) throws(CommandFailure) {
        var info = stat()
        var existing = ""
        if lstat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw CommandFailure("\(path): not a regular file, so the bookmark was not saved (marac never replaces a link, FIFO or device)",
                                     exitCode: OutputTarget.cannotCreate)
            }
            existing = try InputFile.text(path, what: "the trainer's notes", consequence: "; the bookmark was not saved")
        } else if errno != ENOENT {
            throw CommandFailure("\(path): \(JournalError.describe(errno: errno)); the bookmark was not saved", exitCode: ExitStatus.ioError)
        }
        let before = try parse(existing, file: path, records: records)
        let updated = try appending(note, to: existing, file: path)
        let after = try parse(updated, file: path, records: records)
        guard after.count == before.count + 1, let added = after.last, added.anchor == note.anchor, added.kind == .bookmark else {
            throw CommandFailure("\(path): the bookmark cannot be added to this file's layout (keep `notes:` as the last key, a list of `- ` entries); nothing was changed",
                                 exitCode: ExitStatus.badFile)
        }
        // The trainer's own file keeps its mode (shared notes stay readable by colleagues); a new one is 0600.
        let mode: mode_t = info.st_mode & S_IFMT == S_IFREG ? info.st_mode & 0o777 : 0o600
        try AtomicFile.write(Array(updated.utf8), to: path, mode: mode)
    }

    /// The file's text with the bookmark's entry added at the end of its `notes:` list.
    static func appending(_ note: ReplayNote, to text: String, file: String) throws(CommandFailure) -> String {
        var out = text
        if !out.isEmpty && !out.hasSuffix("\n") { out += "\n" }
        var indent = "  "
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        if let notesLine = lines.firstIndex(where: { $0.hasPrefix("notes:") }) {
            let rest = lines[notesLine].dropFirst("notes:".count).trimmingCharacters(in: .whitespaces)
            guard rest.isEmpty || rest.hasPrefix("#") else {
                throw CommandFailure("\(file):\(notesLine + 1) (notes): written on one line; make it a list of `- ` entries to add bookmarks",
                                     exitCode: ExitStatus.badFile)
            }
            if let item = lines[(notesLine + 1)...].first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("- ") }) {
                indent = String(item.prefix { $0 == " " })
            }
        } else {
            if out.isEmpty { out = "# Trainer's notes for this recording (docs/REPLAY.md): `marac replay` shows each at its moment.\n" }
            out += "notes:\n"
        }
        let more = indent + "  "
        switch note.anchor {
        case .event(let seq):
            out += "\(indent)- seq: \(seq)\n"
        case .caseTime(let ref, let millis):
            out += "\(indent)- case: \(quoted(ref))\n\(more)time: \"\(formatDuration(millis))\"\n"
        }
        out += "\(more)\(note.kind.rawValue): \(quoted(note.text))\n"
        if note.pause { out += "\(more)pause: yes\n" }
        return out
    }

    /// A YAML double-quoted scalar (safe for any text: colons, hashes, quotes).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for ch in SafeText.line(text) {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.append(ch)
            }
        }
        return out + "\""
    }
}
