import MaracCore

/// Trainer replay (`marac replay`): the live meeting screen, read-only, driven by the recorded
/// events at their recorded times. The runtime's clock (wall or manual) drives a replay clock that
/// runs `speed` times faster; events whose time has come are handed to the screen exactly as the
/// journal handed them to the live screen, so the two cannot disagree. Nothing is written to the
/// journal; the only effect a replay asks for is saving a bookmark to the trainer's notes file.
///
/// Its keys are declared in `ReplayController.keymap` (ReplayKeymap.swift): they are dispatched from
/// there and shown in the hint bar and in `?` help from there.
public struct ReplayController: Program {
    public static let speeds = [1, 2, 5, 10, 20, 30, 60, 120, 240]
    public static var maximumSpeed: Int { speeds.last! }

    public let records: [RecordedEvent]
    /// How many records the screen has seen.
    public private(set) var position: Int
    /// The recorded time the replay has reached (epoch ms).
    public private(set) var replayNow: Int64
    public private(set) var speed: Int
    public private(set) var paused: Bool
    /// The moments the replay stops at by itself.
    public var stops: Set<ReplayStop>
    /// The trainer's notes for this recording, in file order.
    public let notes: [ReplayNote]
    /// The notes of the moment reached, the first on screen (Esc shows the next).
    var shownNotes: [ReplayNote] = []
    /// The note on screen now, if any.
    public var shownNote: ReplayNote? { shownNotes.first }
    /// Why `b` cannot save a bookmark here (a shipped sample has no notes file of its own), or nil.
    public let bookmarkRefusal: String?
    var lastWall: Int64?
    /// `b`'s one-line prompt, while the trainer types what the bookmark should say.
    var bookmarkDraft: BookmarkDraft?
    /// A bookmark's outcome on the status line: when it arrived (the runtime's clock), and whether
    /// it was a refusal. Cleared by the next key, or (a success) after `bookmarkMessageMillis`.
    var bookmarkMessage: (since: Int64, isError: Bool)?
    /// A bookmark was handed to the runtime: the next notice is its outcome.
    var awaitingBookmarkOutcome = false
    /// The replay was playing when help, a dialog or the privacy screen opened: it plays on when
    /// that closes.
    var resumeAfterOverlay = false
    var screen: MeetingScreen
    let setUpCount: Int

    /// Trainers: stop the replay at the moment a discussion goes past the time limit.
    public var pauseAtOverrun: Bool {
        get { stops.contains(.overrun) }
        set { if newValue { stops.insert(.overrun) } else { stops.remove(.overrun) } }
    }

    public init(records: [RecordedEvent], speed: Int = 1, now: Int64, pauseAtOverrun: Bool = false,
                stops: Set<ReplayStop> = [], notes: [ReplayNote] = [], bookmarkRefusal: String? = nil) {
        self.records = records
        self.stops = stops.union(pauseAtOverrun ? [.overrun] : [])
        self.notes = notes
        self.bookmarkRefusal = bookmarkRefusal
        self.speed = ReplayController.clampSpeed(speed)
        self.paused = false
        self.lastWall = now
        // Start with the meeting as `marac new` left it: the set-up, before anyone spoke.
        let setUp = records.prefix { r in
            switch r.event {
            case .meetingCreated, .caseQueued(_, false), .outstandingActionsImported: return true
            default: return false
            }
        }.count
        self.setUpCount = setUp
        self.position = setUp
        // Begin a second before the first thing said, rather than at the (earlier) moment of set-up.
        self.replayNow = setUp < records.count ? records[setUp].at - 1000 : (records.last?.at ?? now)
        self.screen = MeetingScreen(meeting: Meeting(events: Array(records.prefix(setUp))), now: replayNow, mode: .readOnly)
        refreshBar()
    }

    /// The recorded meeting's time zone offset on its date, in seconds, so the header's clock
    /// times read as they did in the room (a summer meeting in Europe/London is UTC+1). Set by the session.
    public var utcOffsetSeconds = 0 {
        didSet { screen.utcOffsetSeconds = utcOffsetSeconds }
    }

    public var isAtEnd: Bool { position >= records.count }
    public var meeting: Meeting { screen.meeting }

    static func clampSpeed(_ s: Int) -> Int { min(maximumSpeed, max(1, s)) }

    public mutating func update(_ msg: Msg) -> [Effect] {
        defer { refreshBar() }
        switch msg {
        case .tick(let now):
            if let message = bookmarkMessage, !message.isError, now - message.since >= Self.bookmarkMessageMillis {
                clearBookmarkMessage()
            }
            if !paused, let last = lastWall, now > last {
                play(to: replayNow + (now - last) * Int64(speed), stoppingAt: stops, pauseOnNotes: true)
            }
            lastWall = now
            return forward(.tick(now: replayNow))
        case .key(let typed):
            // Ctrl-J / Alt-Enter is Enter here (a replay has no note to type into).
            let key = typed.enterForLineBreak
            // F12 hides the screen even mid-bookmark (a replay is often screen-shared); while it
            // is hidden, keys go to the privacy screen, not into the bookmark.
            if bookmarkDraft != nil, key != .function(12), key != .ctrl("b"), !screen.privacy { return typeIntoBookmark(key) }
            // "Bookmark saved: …" has been read once the trainer presses on.
            if bookmarkMessage != nil { clearBookmarkMessage() }
            // Enter on one of the replay's own commands in the `:` palette: the replay runs it.
            if key == .enter, let chosen = screen.chosenReplayCommand,
               let binding = Self.keymap.first(where: { $0.keys.contains(chosen) && $0.isAvailable(self) }) {
                screen.modal = nil
                resumeAfterOverlay = false   // the command chosen decides whether the replay plays
                let effects = binding.action(&self, chosen)
                return forward(.tick(now: replayNow)) + effects
            }
            // A form, dialog, help or the privacy screen has the keyboard: the screen answers.
            if !screen.isTakingKeys, let binding = Self.keymap.first(where: { $0.keys.contains(key) && $0.isAvailable(self) }) {
                let effects = binding.action(&self, key)
                return forward(.tick(now: replayNow)) + effects
            }
            let effects = forward(msg)
            pauseWhileOverlaid()
            return effects
        case .appended, .appendFailed:
            return []   // a replay never writes to the journal, so nothing can answer it
        case .paste(let text):
            if bookmarkDraft != nil { bookmarkDraft?.type(SafeText.line(text)); return [] }
            return forward(msg)
        case .notice(_, let isError):
            if awaitingBookmarkOutcome {
                awaitingBookmarkOutcome = false
                bookmarkMessage = (since: lastWall ?? 0, isError: isError)
            }
            return forward(msg)
        case .resize:
            return forward(msg)
        }
    }

    public func view(size: Size) -> ScreenBuffer {
        var buf = screen.view(size: size)
        guard size.cols >= Size.minimum.cols, size.rows >= Size.minimum.rows else { return buf }
        if screen.privacy { return buf }
        if let bookmarkDraft {
            Self.drawBookmarkPrompt(bookmarkDraft, into: &buf)
        } else if let shownNote, !screen.isTakingKeys {
            Self.drawNote(shownNote, more: shownNotes.count - 1, into: &buf)
        }
        return buf
    }

    /// The screen without the replay bar: what the live screen showed at this point.
    public func viewWithoutBar(size: Size) -> ScreenBuffer {
        var inner = screen
        inner.replayBar = nil
        inner.replayKeys = nil
        return inner.view(size: size)
    }

    private mutating func forward(_ msg: Msg) -> [Effect] {
        screen.update(msg).filter { $0 == .quit }
    }

    // MARK: - Commands (the keymap's actions)

    mutating func togglePause() { paused.toggle() }
    mutating func faster() { speed = Self.speeds.first { $0 > speed } ?? Self.maximumSpeed }
    mutating func slower() { speed = Self.speeds.last { $0 < speed } ?? Self.speeds.first! }
    mutating func toggleStop(_ stop: ReplayStop) {
        if stops.contains(stop) { stops.remove(stop) } else { stops.insert(stop) }
    }
    mutating func dismissNote() { if !shownNotes.isEmpty { shownNotes.removeFirst() } }

    mutating func stepForward() {
        paused = true
        guard position < records.count else { return }
        play(to: records[position].at, stoppingAt: [], pauseOnNotes: false)
    }

    mutating func stepBack() {
        paused = true
        guard position > setUpCount else { return }
        rebuild(upTo: position - 1)
    }

    mutating func toStart() {
        paused = true
        rebuild(upTo: setUpCount)
    }

    mutating func toEnd() {
        paused = true
        shownNotes = []
        advance(to: records.last?.at ?? replayNow)
    }

    mutating func jumpToNextCase() {
        paused = true
        guard let i = records[position...].firstIndex(where: isCaseStart) else { return }
        shownNotes = []
        advance(to: records[i].at)
    }

    mutating func jumpToPreviousCase() {
        paused = true
        // The start of the case before the one being shown.
        let starts = records[setUpCount..<position].indices.filter { isCaseStart(records[$0]) }
        guard let target = starts.dropLast().last ?? starts.last else { return rebuild(upTo: setUpCount) }
        rebuild(upTo: target + 1)
    }

    /// `n`: on to the next thing a class should look at — a prompt passed, an action with a SMART
    /// warning, an overrun, or a trainer's note — and pause there (at the end if there is none).
    mutating func jumpToNextStop() {
        paused = false
        play(to: records.last?.at ?? replayNow, stoppingAt: [.prompt, .overrun], smartWarnings: true, pauseOnNotes: true,
             notesAlwaysStop: true)
        paused = true
    }

    /// `b`: asks what to remember about this moment (the replay waits while the trainer types);
    /// Enter saves the bookmark (`BookmarkDraft.defaultText` when nothing was typed), Esc cancels.
    mutating func bookmark() -> [Effect] {
        if let bookmarkRefusal { screen.setStatus(bookmarkRefusal, error: true); return [] }
        bookmarkDraft = BookmarkDraft(anchor: currentAnchor, wasPaused: paused)
        paused = true
        return []
    }

    /// A key while the bookmark prompt is open: it edits the line, saves it or cancels it.
    private mutating func typeIntoBookmark(_ key: Key) -> [Effect] {
        guard var draft = bookmarkDraft else { return [] }
        switch key {
        case .enter:
            bookmarkDraft = nil
            paused = draft.wasPaused
            let note = ReplayNote(anchor: draft.anchor, kind: .bookmark, text: draft.noteText)
            shownNotes = [note]
            awaitingBookmarkOutcome = true
            return [.saveBookmark(note)]
        case .escape, .ctrl("c"):   // Ctrl-C cancels, as it does a form
            bookmarkDraft = nil
            paused = draft.wasPaused
            screen.setStatus("Bookmark cancelled: nothing saved")
            bookmarkMessage = (since: lastWall ?? 0, isError: false)
            return []
        case .char(let c): draft.type(String(c))
        case .backspace: if !draft.text.isEmpty { draft.text.removeLast() }
        case .ctrl("u"): draft.text = ""
        default: break
        }
        bookmarkDraft = draft
        return []
    }

    /// `?` help, the `:` finder, a dialog or the privacy screen over a playing replay pauses it, so
    /// the class misses nothing while the trainer reads; closing it plays on.
    private mutating func pauseWhileOverlaid() {
        if screen.isTakingKeys, !paused {
            paused = true
            resumeAfterOverlay = true
        } else if !screen.isTakingKeys, resumeAfterOverlay {
            resumeAfterOverlay = false
            paused = false
        }
    }

    private mutating func clearBookmarkMessage() {
        bookmarkMessage = nil
        screen.setStatus(nil)
    }

    /// How long "Bookmark saved: …" stays on the status line when no key is pressed (runtime clock).
    static let bookmarkMessageMillis: Int64 = 5_000

    /// Where the replay is: the running case's timer if a discussion is on, else the last event replayed.
    var currentAnchor: ReplayNote.Anchor {
        let state = screen.meeting.state
        if let ref = state.activeCase, let c = state.cases[ref], c.wasStarted {
            let elapsed = c.elapsedMillis(now: replayNow) / 1000 * 1000
            return .caseTime(caseRef: ref, millis: elapsed)
        }
        return .event(seq: position > 0 ? records[position - 1].seq : 0)
    }

    // MARK: - Moving through the recording

    /// Applies every record up to `time` at once (no stops); returns the records applied.
    @discardableResult
    private mutating func advance(to time: Int64) -> [RecordedEvent] {
        replayNow = max(replayNow, time)
        var batch: [RecordedEvent] = []
        while position < records.count, records[position].at <= time {
            batch.append(records[position])
            position += 1
        }
        if !batch.isEmpty { _ = screen.update(.appended(batch)) }
        // Nothing was recorded after the last event: the replay's clock stops there.
        if isAtEnd, let last = records.last { replayNow = last.at }
        return batch
    }

    /// Plays on to `target` event by event, so that a moment between two events (a discussion
    /// reaching its target or limit, a note at a case's time) is caught exactly. Notes whose moment
    /// passes are shown; the replay pauses at the first of `stops` (and at a note that asks to pause).
    private mutating func play(to target: Int64, stoppingAt stops: Set<ReplayStop>, smartWarnings: Bool = false,
                               pauseOnNotes: Bool, notesAlwaysStop: Bool = false) {
        while true {
            let nextEventAt = position < records.count ? records[position].at : Int64.max
            if let crossing = nextCrossing(notAfter: min(target, nextEventAt), stops: stops) {
                advance(to: crossing.at)
                var stop = crossing.stop != nil
                if !crossing.notes.isEmpty { shownNotes = crossing.notes }
                for note in crossing.notes where notesAlwaysStop || (pauseOnNotes && note.pause) { stop = true }
                if stop { paused = true; return }
                continue
            }
            guard position < records.count, records[position].at <= target else { break }
            var stop = false
            let applied = advance(to: records[position].at)
            let due = notes.filter { note in applied.contains { note.anchor == .event(seq: $0.seq) } }
            if !due.isEmpty { shownNotes = due }
            for note in due where notesAlwaysStop || (pauseOnNotes && note.pause) { stop = true }
            for r in applied {
                switch r.event {
                case .promptPassed where stops.contains(.prompt): stop = true
                case .actionAgreed(let action):
                    if stops.contains(.action) { stop = true }
                    if smartWarnings, !SmartRules.check(action, today: screen.today, agenciesPresent: screen.state.agenciesPresent).isEmpty {
                        stop = true
                    }
                default: break
                }
            }
            if stop { paused = true; return }
        }
        advance(to: target)
    }

    /// The first moment after `replayNow` and no later than `limit` at which the running discussion
    /// reaches its target or its limit (when those are stops) or the time of a note on it.
    private func nextCrossing(notAfter limit: Int64, stops: Set<ReplayStop>) -> (at: Int64, stop: ReplayStop?, notes: [ReplayNote])? {
        let state = screen.meeting.state
        guard let ref = state.activeCase, let c = state.cases[ref], c.isRunning, !state.isPaused else { return nil }
        let elapsed = c.elapsedMillis(now: replayNow)
        var marks: [(elapsed: Int64, stop: ReplayStop?, note: ReplayNote?)] = []
        if stops.contains(.amber) { marks.append((state.timing.target(bonusMinutes: c.bonusMinutes), .amber, nil)) }
        if stops.contains(.overrun) { marks.append((state.timing.limit(bonusMinutes: c.bonusMinutes), .overrun, nil)) }
        for note in notes {
            if case .caseTime(let noteRef, let millis) = note.anchor, noteRef == ref { marks.append((millis, nil, note)) }
        }
        let ahead = marks.filter { $0.elapsed > elapsed }
        guard let first = ahead.map(\.elapsed).min() else { return nil }
        let at = replayNow + (first - elapsed)
        guard at <= limit else { return nil }
        let here = ahead.filter { $0.elapsed == first }
        return (at, here.compactMap(\.stop).first, here.compactMap(\.note))
    }

    private mutating func rebuild(upTo count: Int) {
        position = max(setUpCount, min(count, records.count))
        replayNow = position > 0 ? records[position - 1].at : replayNow
        var fresh = MeetingScreen(meeting: Meeting(events: Array(records.prefix(position))), now: replayNow, mode: .readOnly)
        fresh.replayBar = screen.replayBar
        fresh.size = screen.size
        fresh.utcOffsetSeconds = utcOffsetSeconds
        screen = fresh
        shownNotes = []
    }

    private func isCaseStart(_ r: RecordedEvent) -> Bool {
        if case .discussionStarted = r.event { return true }
        return false
    }
}
