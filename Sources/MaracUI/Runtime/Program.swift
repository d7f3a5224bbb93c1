import MaracCore

/// What reaches the UI: keys, size changes, clock ticks, and the journal's answers.
public enum Msg: Sendable, Equatable {
    case key(Key)
    /// A bracketed paste: text for the focused field, never keys (nothing in it fires a shortcut,
    /// saves a form or moves focus).
    case paste(String)
    case resize(Size)
    /// The runtime's clock (epoch ms): live it is the wall clock, scripted runs and replay a manual one.
    case tick(now: Int64)
    /// Events are durable (written and fdatasync'ed): only now may the screen show them as saved.
    case appended([RecordedEvent])
    /// The journal refused the write (disk full, I/O error, locked, damaged): nothing was applied.
    case appendFailed(message: String)
    /// Something the runtime must tell the chair once the screen is up (a recovered journal, a
    /// theme problem), shown in the status line.
    case notice(String, isError: Bool)
}

/// What the UI asks the runtime to do. The UI never does I/O itself.
public enum Effect: Sendable, Equatable {
    /// Write these events to the journal, in order, as one durable append (write-ahead).
    case append([MeetingEvent])
    case quit
    /// A replay: add this bookmark to the trainer's notes file beside the recording (the runtime
    /// answers with a `.notice` saying where it went, or why it could not).
    case saveBookmark(ReplayNote)
}

/// A screen program the runtime can drive: the Elm architecture (model, update, view).
public protocol Program {
    mutating func update(_ msg: Msg) -> [Effect]
    func view(size: Size) -> ScreenBuffer
}
