import MaracCore

/// The five screens, in meeting order; the digit keys jump between them.
enum ScreenID: Int, CaseIterable, Equatable {
    case opening = 1, review, agenda, caseView, summary

    var title: String {
        switch self {
        case .opening: return "Opening"
        case .review: return "Review"
        case .agenda: return "Agenda"
        case .caseView: return "Case"
        case .summary: return "Summary"
        }
    }
}

/// A question that takes over the keyboard until answered.
enum Modal: Equatable {
    case form(FormModel, AnyFormSpec)
    case confirm(ConfirmPurpose)
    case closePrompts(CloseFlow)
    /// `:` the command palette, `/` the search.
    case finder(Finder)
}

enum ConfirmPurpose: Equatable {
    case quit
    case closeMeeting
    /// Starting the meeting clock on a day other than the meeting's date: the events to write if
    /// the chair starts anyway, and the screen to show then.
    case startOnAnotherDay(events: [MeetingEvent], message: String, show: ScreenID?)
    case removeAttendee(agency: String, representative: String)
}

/// Closing a case: the overrun reason (if any) is carried until `.discussionEnded` is written.
struct CloseFlow: Equatable {
    var caseRef: String
    var overrunReason: String?
    var selected = 0
}

/// What to do once the journal confirms a write (write-ahead: nothing shows as done before that).
enum AfterSave: Equatable {
    case dismiss(message: String?)
    case reopen(Modal, message: String?)
    case caseClosed(String)
    /// An item of any other business was added: open it on the Case screen.
    case showAOB(String, message: String)
    /// An outstanding action's outcome was recorded: the review moves to the next one to review.
    case reviewed(actionID: String, message: String?)
    /// Close the form and show a warning (recorded, but something needs the chair's attention).
    case warn(message: String)
}

/// The live meeting screen (also used read-only for replay and training): a pure state machine.
/// Keys and journal answers come in through `update`; events to write go out as `Effect.append`,
/// and the meeting only changes when the runtime answers `.appended` with the durable records.
public struct MeetingScreen: Program {
    public enum Mode: Sendable, Equatable { case live, readOnly }

    public private(set) var meeting: Meeting
    public private(set) var statusMessage: String?
    /// When set, drawn as an extra line above the status bar (trainer replay).
    public var replayBar: String?
    /// A replay's own keys, for the hint bar and `?` help (set by `ReplayController`).
    var replayKeys: ReplayKeys?
    /// Log lines lost so far (the log's disk full, say): the summary shows the count. Set by the runtime.
    public var lostLogLines: @Sendable () -> Int = { 0 }
    /// The meeting's time zone offset from UTC on its date, in seconds: the header shows the
    /// projected finish and the planned times in local time. Set by the runtime (0: UTC, as
    /// Europe/London in winter).
    public var utcOffsetSeconds = 0

    var statusIsError = false
    var now: Int64
    let mode: Mode
    var size = Size.minimum
    var screen: ScreenID = .opening
    var modal: Modal?
    /// Forms cancelled with something typed in them, kept so that opening the same form again
    /// brings the typing back (Esc or a reflexive Ctrl-C must never lose a half-written action).
    var drafts: [(spec: AnyFormSpec, form: FormModel)] = []
    /// The help overlay's scroll position, or nil when help is closed.
    var helpScroll: Int?
    /// What help is narrowed to (`/` in help, then type), and whether the chair is still typing it.
    var helpFilter = ""
    var helpFilterTyping = false
    var privacy = false
    var pending: AfterSave?

    // Selections, kept by identity where the list can change under them.
    var attendanceIndex = 0
    var reviewIndex = 0
    var agendaRef: String?
    var actionIndex = 0
    var caseScroll = 0
    var summaryScroll = 0

    /// `notices` (`.notice` messages: a recovered journal, a theme problem) go through `update`
    /// like every other message, so the screen has one way in.
    public init(meeting: Meeting, now: Int64, mode: Mode = .live, notices: [Msg] = []) {
        self.meeting = meeting
        self.now = now
        self.mode = mode
        let s = meeting.state
        agendaRef = s.activeCase ?? s.nextWaitingCase ?? s.queue.first
        if s.isClosed { screen = .summary }
        else if s.activeCase != nil { screen = .caseView }
        else if s.isStarted { screen = .agenda }
        for notice in notices { _ = update(notice) }
    }

    var state: MeetingState { meeting.state }
    /// "today" for due dates is the meeting's date, so what the chair sees never depends on the machine's clock.
    var today: CalendarDate { state.info.date }

    // MARK: - Update

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .tick(let t):
            now = t
            return []
        case .resize(let s):
            size = s
            return []
        case .appended(let records):
            let activeBefore = state.activeCase
            for r in records { meeting.append(r) }
            finishSave()
            if mode == .readOnly { follow(activeBefore: activeBefore) }
            return []
        case .appendFailed(let message):
            pending = nil
            let text = "NOT SAVED: " + SafeText.line(message)
            setStatus(text, error: true)
            if case .form(var form, let spec) = modal {
                form.problem = text
                modal = .form(form, spec)
            }
            return []
        case .key(let key):
            // Ctrl-J / Alt-Enter is a line break only in a note being typed; everywhere else it is Enter.
            return handle(focusKeepsLines ? key : key.enterForLineBreak)
        case .paste(let text):
            paste(text)
            return []
        case .notice(let text, let isError):
            setStatus(SafeText.line(text), error: isError)
            return []
        }
    }

    /// A bracketed paste goes into the focused field as text, whole or not at all (see
    /// `FormModel.paste`). Anywhere else it is ignored: nothing in a paste is ever a key.
    private mutating func paste(_ text: String) {
        guard !privacy, helpScroll == nil, case .form(var form, let spec) = modal else {
            if !text.isEmpty { setStatus("Paste ignored: open a form to paste into one of its fields") }
            return
        }
        modal = nil   // the form alone holds its text while it changes (no copy of a long field)
        form.paste(text)
        modal = .form(form, spec)
    }

    /// Replay and training: the screen follows the recorded meeting — the case whose discussion
    /// starts is shown, and the summary once the meeting closes.
    private mutating func follow(activeBefore: String?) {
        if state.isClosed { screen = .summary; return }
        if let active = state.activeCase, active != activeBefore {
            agendaRef = active
            actionIndex = 0; caseScroll = 0
            screen = .caseView
        }
    }

    mutating func setStatus(_ text: String?, error: Bool = false) {
        statusMessage = text
        statusIsError = error
    }

    /// Asks the runtime to write events; `then` runs once they are durable.
    mutating func save(_ events: [MeetingEvent], then: AfterSave) -> [Effect] {
        if let refusal = editRefusal(for: events) { setStatus(refusal, error: true); return [] }
        pending = then
        return [.append(events)]
    }

    /// Why an edit is not allowed now, or nil.
    /// Without events (about to open a form), any edit is refused once the meeting is closed.
    func editRefusal(for events: [MeetingEvent]? = nil) -> String? {
        if mode == .readOnly { return "read-only: this is a replay, nothing can be changed" }
        if state.isClosed && !(events ?? [.meetingClosed]).allSatisfy(\.isAllowedWhenClosed) {
            return "meeting closed — read-only; R to reopen with a reason"
        }
        return nil
    }

    private mutating func finishSave() {
        guard let after = pending else { return }
        pending = nil
        switch after {
        case .dismiss(let message):
            modal = nil
            setStatus(message)
        case .reopen(let next, let message):
            modal = next
            setStatus(message)
        case .showAOB(let id, let message):
            modal = nil
            agendaRef = id
            actionIndex = 0; caseScroll = 0
            screen = .caseView
            setStatus(message)
        case .warn(let message):
            modal = nil
            setStatus(message, error: true)
        case .reviewed(let id, let message):
            modal = nil
            moveToNextUnreviewed(after: id, message: message)
        case .caseClosed(let ref):
            modal = nil
            actionIndex = 0; caseScroll = 0
            if let next = state.nextWaitingCase {
                agendaRef = next
                screen = .caseView
                setStatus("Case \(SafeText.line(ref)) closed. Next: \(SafeText.line(next)) — press s to start the discussion")
            } else {
                screen = .agenda
                setStatus("Case \(SafeText.line(ref)) closed. No cases left waiting: B on the agenda adds any other business, 5 shows the summary")
            }
        }
        // Keep selections inside their lists after the state changed.
        attendanceIndex = min(attendanceIndex, max(0, state.attendance.count - 1))
        if let ref = agendaRef, state.cases[ref] == nil, state.aobItem(ref) == nil { agendaRef = state.queue.first }
        if agendaRef == nil { agendaRef = state.queue.first }
    }

    // MARK: - Keys

    mutating func handle(_ key: Key) -> [Effect] {
        // The privacy screen comes first: nothing else may reveal case detail while it is up.
        if key == .function(12) || key == .ctrl("b") {
            privacy.toggle()
            return []
        }
        if privacy { return [] }
        // Ctrl-C arrives as a key (raw mode): it cancels a form like Esc (the typing is kept as a
        // draft), and elsewhere asks to quit like q, so it never loses typing or ends the meeting unasked.
        if key == .ctrl("c") {
            if let modal { return handleModal(modal, .escape) }
            helpScroll = nil
            modal = .confirm(.quit)
            return []
        }
        if let modal { return handleModal(modal, key) }
        if helpScroll != nil { handleHelp(key); return [] }

        if let effects = dispatch(key, in: Self.globalKeymap) { return effects }
        return dispatch(key, in: Self.keymap(for: screen)) ?? []
    }

    mutating func show(_ target: ScreenID) {
        screen = target
        if target == .caseView, agendaRef == nil { agendaRef = state.activeCase ?? state.nextWaitingCase ?? state.queue.first }
        setStatus(nil)
    }


    // MARK: - View

    public func view(size: Size) -> ScreenBuffer {
        var buf = ScreenBuffer(size: size)
        if size.cols < Size.minimum.cols || size.rows < Size.minimum.rows {
            TooSmall.draw(into: &buf)
            return buf
        }
        if privacy {
            PrivacyScreen.draw(into: &buf)
            return buf
        }
        Header.draw(self, banner: state.info.isTraining ? "TRAINING" : nil, into: &buf)
        let active = state.activeCase.flatMap { ref in
            state.cases[ref].map { (ref: ref, elapsed: $0.elapsedMillis(now: now), phase: state.phase(of: ref, now: now)) }
        }
        TabRow.draw(current: screen, active: active, meetingPaused: state.isPaused, into: &buf)
        let reserved = 2 + (replayBar == nil ? 0 : 1)
        let body = Rect(x: 0, y: 2, w: size.cols, h: size.rows - 2 - reserved)
        switch screen {
        case .opening: drawOpening(into: &buf, body)
        case .review: drawReview(into: &buf, body)
        case .agenda: drawAgenda(into: &buf, body)
        case .caseView: drawCase(into: &buf, body)
        case .summary: drawSummary(into: &buf, body)
        }
        if let modal {
            switch modal {
            case .form(let form, let spec): FormView.draw(form, spec: spec, screen: self, into: &buf, area: body)
            case .confirm(let purpose): drawConfirm(purpose, into: &buf, area: body)
            case .closePrompts(let flow): drawClosePrompts(flow, into: &buf, area: body)
            case .finder(let finder): drawFinder(finder, into: &buf, area: body)
            }
        }
        if let helpScroll {
            HelpOverlay.draw(screen: screen, replayKeys: replayKeys?.help, scroll: helpScroll, filter: helpFilter, typing: helpFilterTyping, into: &buf, area: body)
        }
        if let replayBar {
            buf.band(row: size.rows - 3, style: .accent)
            buf.put(CharWidth.fitting(SafeText.line(replayBar), size.cols), col: 0, row: size.rows - 3, style: .accent)
        }
        if let statusMessage {
            let style: Style = statusIsError ? .danger : .accent
            buf.put(CharWidth.fitting(statusMessage, size.cols - 1), col: 1, row: size.rows - 2, style: style)
        }
        StatusBar.draw(keys: statusKeys, inDialog: modal != nil || helpScroll != nil, into: &buf)
        return buf
    }
}
