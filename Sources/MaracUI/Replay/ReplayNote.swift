import MaracCore

/// One entry of a trainer's notes file (`NAME.notes.yaml` beside a recording, docs/REPLAY.md):
/// something to say or ask at a moment of the replay. Read by MaracApp (Yams); shown by
/// `ReplayController` when the replay reaches its moment.
public struct ReplayNote: Sendable, Equatable {
    /// Where in the recording it belongs.
    public enum Anchor: Sendable, Equatable {
        /// When the journal line with this `seq` is replayed.
        case event(seq: Int)
        /// When the case's discussion timer reaches this time (ms of discussion, as the timer shows it).
        case caseTime(caseRef: String, millis: Int64)
    }

    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Something to ask the class.
        case question
        /// A point to make.
        case point
        /// A place marked with `b` during a replay.
        case bookmark

        public var title: String {
            switch self {
            case .question: return "Question for the class"
            case .point: return "Point to make"
            case .bookmark: return "Bookmark"
            }
        }
    }

    public var anchor: Anchor
    public var kind: Kind
    public var text: String
    /// Stop the replay when the note shows.
    public var pause: Bool
    /// The line of the notes file it was read from (0: not from a file).
    public var line: Int

    public init(anchor: Anchor, kind: Kind, text: String, pause: Bool = false, line: Int = 0) {
        self.anchor = anchor; self.kind = kind; self.text = text; self.pause = pause; self.line = line
    }

    /// "NV-3201 at 10:00" or "event 23": where the note belongs, as the note's box says it.
    public var place: String {
        switch anchor {
        case .event(let seq): return "event \(seq)"
        case .caseTime(let ref, let millis): return "\(SafeText.line(ref)) at \(formatDuration(millis))"
        }
    }
}

/// What the trainer is typing at `b`'s prompt, and the moment it belongs to (where the replay was
/// when `b` was pressed: the replay waits while they type).
struct BookmarkDraft: Sendable, Equatable {
    /// What a bookmark says when the trainer types nothing and presses Enter.
    static let defaultText = "Bookmarked during a replay"
    /// The notes file holds one paragraph of at most this many characters per note.
    static let maximumLength = 1_000

    var anchor: ReplayNote.Anchor
    var text = ""
    /// Whether the replay was paused before `b`: it goes back to that after Enter or Esc.
    var wasPaused: Bool

    /// Adds typed (or pasted) text, one line, up to the notes file's limit.
    mutating func type(_ typed: String) {
        let clean = SafeText.line(typed)
        text += clean.prefix(max(0, Self.maximumLength - text.count))
    }

    /// The note's text: what was typed, or the default when that is blank.
    var noteText: String {
        let typed = text.trimmingWhitespace()
        return typed.isEmpty ? Self.defaultText : typed
    }
}
