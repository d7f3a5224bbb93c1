import MaracCore

/// A screen of the meeting (Opening, Review, Agenda, Case, Summary): it owns its own selection and
/// scroll, declares its keys once (`keymap`), handles them and draws itself. It never changes the
/// root (`MeetingScreen`): it reads the meeting through a `ScreenContext` and returns
/// `ScreenRequest`s — write these events, open this form, ask this question, show that screen — which
/// the root carries out. Routing, the modal stack, drafts and the write-ahead save stay in the root.
protocol ScreenController {
    /// Every key of this screen, declared once: dispatch, `?` help, the hint bar, the `:` palette,
    /// the screen-reader commands and the keymap golden all read it.
    static var keymap: [Binding<Self>] { get }
    /// Draws the screen's body (between the tab row and the message line).
    func draw(into buf: inout ScreenBuffer, _ body: Rect, _ ctx: ScreenContext)
}

extension ScreenController {
    /// The keymap as help, the palette and the golden list it.
    static var keyDocs: [KeyDoc] { keymap.map(\.doc) }

    /// Runs the first binding that takes `key`. nil: no binding takes it. A disabled binding says
    /// why in the status line and does nothing.
    mutating func dispatch(_ key: Key, _ ctx: ScreenContext) -> [ScreenRequest]? {
        guard let binding = Self.keymap.first(where: { $0.action != nil && $0.keys.contains(key) }),
              let action = binding.action else { return nil }
        if let reason = binding.disabledNow(self, ctx) { return [.status(reason, error: true)] }
        return action(&self, ctx, key)
    }

    /// Why the binding of `key` cannot be used now (the screen-reader mode says it), or nil.
    func disabledReason(for key: Key, _ ctx: ScreenContext) -> String? {
        Self.keymap.first { $0.action != nil && $0.keys.contains(key) }?.disabledNow(self, ctx)
    }

    /// The bindings that show in the hint bar now, in declaration order, with their rank now.
    func hintsNow(_ ctx: ScreenContext) -> [(rank: Int, hint: (String, String))] {
        Self.keymap.compactMap { b in
            guard let hint = b.hint, b.showsNow(self, ctx) else { return nil }
            return (b.rank(self, ctx), b.hintNow?(self, ctx) ?? (hint.key, hint.label))
        }
    }
}

/// What a screen asks the root to do; the root carries the requests out in order.
enum ScreenRequest: Equatable {
    /// Write these events; `then` runs once the journal says they are durable (write-ahead).
    case save([MeetingEvent], then: AfterSave)
    /// Write events that start the meeting clock, asking first when today is not the meeting's
    /// date; `show` is the screen to show once started.
    case startMeeting([MeetingEvent], message: String, show: ScreenID?)
    /// Open a form, or the draft the chair left in it, unless editing is refused now.
    case form(AnyFormSpec)
    /// Open a form as it is: no draft and no edit check (the reason to reopen a closed meeting,
    /// the overrun reason that comes before the closing prompts).
    case directForm(AnyFormSpec)
    /// Ask a question that is not a form: a confirmation, the closing prompts, a finder.
    case ask(Modal)
    /// Go to another screen (the message line is cleared).
    case show(ScreenID)
    /// The Case screen on the agenda's selected row, from the top of its detail.
    case openCase
    case status(String?, error: Bool = false)
    /// Open `?` help.
    case help

    static func open(_ spec: some FormSpec) -> ScreenRequest { .form(AnyFormSpec(spec)) }
    static func present(_ spec: some FormSpec) -> ScreenRequest { .directForm(AnyFormSpec(spec)) }
}

/// What a screen may read: the meeting, the clock, the mode and the window, never change.
/// Helpers that more than one screen needs (the selected case, starting a discussion) live here,
/// as lazygit's controllers share helpers rather than reaching into each other.
struct ScreenContext {
    let meeting: Meeting
    let now: Int64
    let mode: MeetingScreen.Mode
    let size: Size
    /// The screen on show.
    let screen: ScreenID
    let utcOffsetSeconds: Int
    /// The row selected on the agenda: the case (or item of any other business) the Case screen shows.
    let selectedRef: String?
    let lostLogLines: @Sendable () -> Int
    /// A replay is paused: the recording's clock stands still on screen.
    var replayPaused = false

    var state: MeetingState { meeting.state }
    /// "today" for due dates is the meeting's date, so what the chair sees never depends on the machine's clock.
    var today: CalendarDate { state.info.date }
    /// Edits are possible now: a live meeting that is not closed.
    var canEdit: Bool { mode == .live && !state.isClosed }
    /// The calendar day `now` falls on in the meeting's time zone.
    var localToday: CalendarDate { CalendarDate(epochMillis: now + Int64(utcOffsetSeconds) * 1000) }

    /// Why an edit is not allowed now, or nil.
    /// Without events (about to open a form), any edit is refused once the meeting is closed.
    func editRefusal(for events: [MeetingEvent]? = nil) -> String? {
        if mode == .readOnly { return "read-only: this is a replay, nothing can be changed" }
        if state.isClosed && !(events ?? [.meetingClosed]).allSatisfy(\.isAllowedWhenClosed) {
            return "meeting closed — read-only; R to reopen with a reason"
        }
        return nil
    }

    /// Every row of the agenda: the cases in order, then the items of any other business.
    var agendaRefs: [String] { state.queue + state.aob.map(\.id) }
    var selectedCase: CaseRecord? { selectedRef.flatMap { state.cases[$0] } }
    var selectedAOB: AOBItem? { selectedRef.flatMap { state.aobItem($0) } }
    /// A case or an item of any other business is selected (both have notes and actions).
    var hasSelection: Bool { selectedCase != nil || selectedAOB != nil }
    /// The actions of the selected case or item.
    var caseActions: [Action] { selectedRef.map { state.actions(for: $0) } ?? [] }

    /// A case's status as shown: a discussion is not "running" while the whole meeting is paused.
    func statusText(_ c: CaseRecord) -> String {
        if c.status == .discussing && state.isPaused { return "Ⅱ paused" }
        return "\(c.status.symbol) \(c.status.word)"
    }

    /// `s` on the agenda and the case: start, pause or resume the selected case's discussion
    /// (starting the meeting clock first if needed).
    func toggleDiscussion() -> [ScreenRequest] {
        guard let c = selectedCase else { return [] }
        guard c.status.isOutstanding else {
            return [.status("Case \(SafeText.line(c.ref)) is \(c.status.word): choose a waiting case")]
        }
        if state.isPaused { return [.status("The meeting clock is paused: p resumes it")] }
        if c.isRunning {
            return [.save([.discussionPaused(caseRef: c.ref)], then: .dismiss(message: "Discussion paused — s resumes"))]
        }
        var events: [MeetingEvent] = []
        var message = "Discussion started"
        if !state.isStarted { events.append(.meetingStarted); message += " (and the meeting clock)" }
        events.append(c.wasStarted ? .discussionResumed(caseRef: c.ref) : .discussionStarted(caseRef: c.ref))
        if c.wasStarted { message = "Discussion resumed" }
        if !state.isStarted { return [.startMeeting(events, message: message, show: .caseView)] }
        // Case detail is about to be heard: an observer who has not agreed is named again.
        let unagreed = state.observersWithoutConfidentiality
        if !unagreed.isEmpty {
            let names = unagreed.map { SafeText.line($0.representative) }.joined(separator: ", ")
            return [.show(.caseView), .save(events, then: .warn(message: message + " — ⚠ observer not agreed to confidentiality: \(names); they must agree or leave"))]
        }
        return [.show(.caseView), .save(events, then: .dismiss(message: message))]
    }

    /// `d` on the agenda and the case: defer the selected case, with a reason.
    func startDefer() -> [ScreenRequest] {
        guard let c = selectedCase else { return [] }
        guard c.status.isOutstanding else { return [.status("Case \(SafeText.line(c.ref)) is already \(c.status.word)")] }
        return [.open(DeferCaseForm(caseRef: c.ref))]
    }
}
