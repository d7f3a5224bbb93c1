import MaracCore

/// The live meeting screen (also used read-only for replay and training): a pure state machine,
/// and the root of the screens. Keys and journal answers come in through `update`; events to
/// write go out as `Effect.append`, and the meeting only changes when the runtime answers
/// `.appended` with the durable records.
///
/// Each screen is a controller (`OpeningController` … `SummaryController`, see
/// `ScreenController`) that owns its selection, its keys and its view, and asks the root for
/// anything else (`ScreenRequest`). The root keeps what is shared: the meeting, routing between
/// the screens, the modal stack (forms, confirmations, closing prompts, the finder), help, the
/// drafts, the privacy screen, the message line and the write-ahead save protocol
/// (MeetingScreen+Requests.swift).
public struct MeetingScreen: Program {
    public enum Mode: Sendable, Equatable { case live, readOnly }

    public private(set) var meeting: Meeting
    public private(set) var statusMessage: String?
    /// When set, drawn as an extra line above the status bar (trainer replay).
    public var replayBar: String?
    /// A replay's own keys, for the hint bar and `?` help (set by `ReplayController`).
    var replayKeys: ReplayKeys?
    /// The replay is paused (set by `ReplayController`): the timer says so instead of "▶ running".
    var replayPaused = false
    /// Log lines lost so far (the log's disk full, say): the summary shows the count. Set by the runtime.
    public var lostLogLines: @Sendable () -> Int = { 0 }
    /// The meeting's time zone offset from UTC on its date, in seconds: the header shows the
    /// projected finish and the planned times in local time. Set by the runtime (0: UTC, as
    /// Europe/London in winter).
    public var utcOffsetSeconds = 0
    /// Drawn first in the header on every screen, in reverse (a damaged journal's "DAMAGED —
    /// READ-ONLY"); a mock meeting's "TRAINING" otherwise.
    public var banner: String?
    /// A mock meeting (`marac train`): the folder its scorecard is written to when the trainee
    /// quits. Quitting a mock ends it and scores it (it cannot be continued), so the quit question
    /// says that instead of "everything is saved; run it again". Set by the runtime.
    public var mockScorecardFolder: String?
    /// The meeting as it stood at this moment, whatever the clock says: a damaged journal is shown
    /// as of its last good event, so no timer runs on (set with `banner` by the runtime).
    public var clockStoppedAt: Int64? {
        didSet { if let t = clockStoppedAt { now = t } }
    }

    var statusIsError = false
    var now: Int64
    let mode: Mode
    var size = Size.minimum
    var screen: ScreenID = .opening
    var modal: Modal?
    /// Forms cancelled with something typed in them, kept so that opening the same form again
    /// brings the typing back (Esc or a reflexive Ctrl-C must never lose a half-written action).
    var drafts: [(spec: AnyFormSpec, form: FormModel)] = []
    /// `?` help, while it is open.
    var help: HelpController?
    var privacy = false
    /// What to do once the journal confirms the write asked for (`save`).
    var pending: AfterSave?

    // The screens, each with its own state.
    var opening = OpeningController()
    var review = ReviewController()
    var agenda = AgendaController()
    var caseScreen = CaseController()
    var summary = SummaryController()

    /// `notices` (`.notice` messages: a recovered journal, a theme problem) go through `update`
    /// like every other message, so the screen has one way in.
    public init(meeting: Meeting, now: Int64, mode: Mode = .live, notices: [Msg] = []) {
        self.meeting = meeting
        self.now = now
        self.mode = mode
        let s = meeting.state
        agenda.selectedRef = s.activeCase ?? s.nextWaitingCase ?? s.queue.first
        if s.isClosed { screen = .summary }
        else if s.activeCase != nil { screen = .caseView }
        else if s.isStarted { screen = .agenda }
        for notice in notices { _ = update(notice) }
    }

    var state: MeetingState { meeting.state }
    /// "today" for due dates is the meeting's date, so what the chair sees never depends on the machine's clock.
    var today: CalendarDate { state.info.date }
    /// Edits are possible now: a live meeting that is not closed.
    var canEdit: Bool { context.canEdit }
    /// The calendar day `now` falls on in the meeting's time zone.
    var localToday: CalendarDate { context.localToday }

    /// What the screens may read.
    var context: ScreenContext {
        ScreenContext(meeting: meeting, now: now, mode: mode, size: size, screen: screen, utcOffsetSeconds: utcOffsetSeconds,
                      selectedRef: agenda.selectedRef, lostLogLines: lostLogLines, replayPaused: replayPaused)
    }

    // MARK: - Update

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .tick(let t):
            now = clockStoppedAt ?? t
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
        guard !privacy, help == nil, case .form(var form, let spec) = modal else {
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
            agenda.selectedRef = active
            caseScreen.reset()
            screen = .caseView
        }
    }

    mutating func setStatus(_ text: String?, error: Bool = false) {
        statusMessage = text
        statusIsError = error
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
        Header.draw(self, banner: banner ?? (state.info.isTraining ? "TRAINING" : nil), into: &buf)
        let active = state.activeCase.flatMap { ref in
            state.cases[ref].map { (ref: ref, elapsed: $0.elapsedMillis(now: now), phase: state.phase(of: ref, now: now)) }
        }
        TabRow.draw(current: screen, active: active, meetingPaused: state.isPaused, into: &buf)
        let reserved = 2 + (replayBar == nil ? 0 : 1)
        let body = Rect(x: 0, y: 2, w: size.cols, h: size.rows - 2 - reserved)
        let ctx = context
        controller(for: screen).draw(into: &buf, body, ctx)
        if let modal {
            switch modal {
            case .form(let form, let spec): FormView.draw(form, spec: spec, screen: self, into: &buf, area: body)
            case .confirm(let purpose): drawConfirm(purpose, into: &buf, area: body)
            case .closePrompts(let flow): drawClosePrompts(flow, into: &buf, area: body)
            case .finder(let finder): drawFinder(finder, into: &buf, area: body)
            }
        }
        help?.draw(screen: screen, replayKeys: replayKeys?.help, into: &buf, area: body)
        if let replayBar {
            buf.band(row: size.rows - 3, style: .accent)
            buf.put(CharWidth.fitting(SafeText.line(replayBar), size.cols), col: 0, row: size.rows - 3, style: .accent)
        }
        if let statusMessage {
            let style: Style = statusIsError ? .danger : .accent
            buf.put(CharWidth.fitting(statusMessage, size.cols - 1), col: 1, row: size.rows - 2, style: style)
        }
        StatusBar.draw(keys: statusKeys, inDialog: modal != nil || help != nil || replayKeys?.promptOpen == true, into: &buf)
        return buf
    }

    /// The keys the status bar shows for what is on screen now.
    var statusKeys: [(String, String)] {
        if let help { return help.hints }
        if let modal {
            switch modal {
            case .form(let form, _):
                var keys: [(String, String)] = [("Tab", "next"), ("S-Tab", "back")]
                if form.fields.indices.contains(form.focus), case .choice = form.fields[form.focus].kind { keys.append(("←/→", "choose")) }
                if form.fields.indices.contains(form.focus), form.fields[form.focus].keepsLines { keys.append(("Ctrl-J", "new line")) }
                return keys + [("Enter", form.focusIsLast ? "save" : "next"), ("Ctrl-S", "save"), ("Esc", "cancel")]
            case .confirm: return [("y", "yes"), ("n", "no")]
            case .closePrompts(let flow):
                // `t` only while an action's absent owner has nobody to tell them.
                let tell = openPrompts(flow).contains { CasePrompts.absentOwnerAction(inCode: $0.code) != nil }
                return (tell ? [("t", "tell")] : []) + [("p", "pass"), ("P", "pass all"), ("Enter", "close case"), ("Esc", "back")]
            case .finder: return [("↑/↓", "choose"), ("Enter", "go"), ("Esc", "close")]
            }
        }
        return hints
    }
}
