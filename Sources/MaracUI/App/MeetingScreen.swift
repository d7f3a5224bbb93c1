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
    case form(FormModel, FormPurpose)
    case confirm(ConfirmPurpose)
    case closePrompts(CloseFlow)
}

enum ConfirmPurpose: Equatable {
    case quit
    case closeMeeting
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
    /// Log lines lost so far (the log's disk full, say): the summary shows the count. Set by the runtime.
    public var lostLogLines: @Sendable () -> Int = { 0 }

    var statusIsError = false
    var now: Int64
    let mode: Mode
    var size = Size.minimum
    var screen: ScreenID = .opening
    var modal: Modal?
    /// Forms cancelled with something typed in them, kept so that opening the same form again
    /// brings the typing back (Esc or a reflexive Ctrl-C must never lose a half-written action).
    var drafts: [(purpose: FormPurpose, form: FormModel)] = []
    /// The help overlay's scroll position, or nil when help is closed.
    var helpScroll: Int?
    var privacy = false
    var pending: AfterSave?

    // Selections, kept by identity where the list can change under them.
    var attendanceIndex = 0
    var reviewIndex = 0
    var agendaRef: String?
    var actionIndex = 0
    var caseScroll = 0
    var summaryScroll = 0

    public init(meeting: Meeting, now: Int64, mode: Mode = .live) {
        self.meeting = meeting
        self.now = now
        self.mode = mode
        let s = meeting.state
        agendaRef = s.activeCase ?? s.nextWaitingCase ?? s.queue.first
        if s.isClosed { screen = .summary }
        else if s.activeCase != nil { screen = .caseView }
        else if s.isStarted { screen = .agenda }
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
            if case .form(var form, let purpose) = modal {
                form.problem = text
                modal = .form(form, purpose)
            }
            return []
        case .key(let key):
            return handle(key)
        }
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
        case .caseClosed(let ref):
            modal = nil
            actionIndex = 0; caseScroll = 0
            if let next = state.nextWaitingCase {
                agendaRef = next
                screen = .caseView
                setStatus("Case \(SafeText.line(ref)) closed. Next: \(SafeText.line(next)) — press s to start the discussion")
            } else {
                screen = .agenda
                setStatus("Case \(SafeText.line(ref)) closed. No cases left waiting: 5 shows the summary")
            }
        }
        // Keep selections inside their lists after the state changed.
        attendanceIndex = min(attendanceIndex, max(0, state.attendance.count - 1))
        if let ref = agendaRef, state.cases[ref] == nil { agendaRef = state.queue.first }
        if agendaRef == nil { agendaRef = state.queue.first }
    }

    // MARK: - Keys

    private mutating func handle(_ key: Key) -> [Effect] {
        // The privacy screen comes first: nothing else may reveal case detail while it is up.
        if key == .function(12) || key == .ctrl("b") {
            privacy.toggle()
            return []
        }
        if privacy { return [] }
        if key == .ctrl("l") { return [] }
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

        switch key {
        case .char("?"), .function(1):
            helpScroll = 0
            return []
        case .char("q"):
            modal = .confirm(.quit)
            return []
        case .char(let c) where ("1"..."5").contains(c):
            if let n = Int(String(c)), let target = ScreenID(rawValue: n) { show(target) }
            return []
        case .char("p"):
            return togglePauseMeeting()
        case .char("u"):
            return undo()
        case .char("R"):
            return reopen()
        default:
            break
        }
        switch screen {
        case .opening: return openingKey(key)
        case .review: return reviewKey(key)
        case .agenda: return agendaKey(key)
        case .caseView: return caseKey(key)
        case .summary: return summaryKey(key)
        }
    }

    mutating func show(_ target: ScreenID) {
        screen = target
        if target == .caseView, agendaRef == nil { agendaRef = state.activeCase ?? state.nextWaitingCase ?? state.queue.first }
        setStatus(nil)
    }

    private mutating func togglePauseMeeting() -> [Effect] {
        guard state.isStarted else { setStatus("The meeting has not started: press 1, then Enter"); return [] }
        if state.isPaused {
            return save([.meetingResumed], then: .dismiss(message: "Meeting resumed"))
        }
        return save([.meetingPaused], then: .dismiss(message: "Meeting paused — p resumes"))
    }

    /// A case's status as shown: a discussion is not "running" while the whole meeting is paused.
    func statusText(_ c: CaseRecord) -> String {
        if c.status == .discussing && state.isPaused { return "Ⅱ paused" }
        return "\(c.status.symbol) \(c.status.word)"
    }

    private mutating func undo() -> [Effect] {
        guard let last = meeting.lastUndoable else {
            setStatus("Nothing to undo")
            return []
        }
        // Undoing a pause means "carry on from now", not "the pause never happened": erasing it would
        // count the whole pause as discussion time. So a pause still in force is undone by resuming.
        switch last.event {
        case .meetingPaused where state.isPaused:
            return save([.meetingResumed], then: .dismiss(message: "Undone: meeting paused (resumed from now)"))
        case .discussionPaused(let ref) where state.cases[ref]?.status == .paused && state.activeCase == nil:
            return save([.discussionResumed(caseRef: ref)], then: .dismiss(message: "Undone: discussion paused (resumed from now)"))
        default:
            return save([.undone(seq: last.seq)], then: .dismiss(message: "Undone: \(last.event.name)"))
        }
    }

    private mutating func reopen() -> [Effect] {
        guard state.isClosed else { return [] }
        if mode == .readOnly { setStatus("read-only: this is a replay, nothing can be changed", error: true); return [] }
        modal = .form(Forms.reopen(), .reopen)
        return []
    }

    private mutating func handleModal(_ current: Modal, _ key: Key) -> [Effect] {
        switch current {
        case .form(var form, let purpose):
            switch form.handle(key) {
            case .editing:
                modal = .form(form, purpose)
                return []
            case .cancel:
                modal = purpose.returnsTo
                if form.edited && purpose.keepsDrafts {
                    drafts.removeAll { $0.purpose == purpose }
                    form.problem = nil
                    drafts.append((purpose, form))
                    setStatus("Cancelled — nothing saved; what you typed comes back when you open this form again")
                } else {
                    setStatus("Cancelled — nothing saved")
                }
                return []
            case .save:
                return submit(form, purpose)
            }
        case .confirm(let purpose):
            return confirmKey(purpose, key)
        case .closePrompts(let flow):
            return closePromptsKey(flow, key)
        }
    }

    private mutating func confirmKey(_ purpose: ConfirmPurpose, _ key: Key) -> [Effect] {
        switch key {
        case .char("y"), .char("Y"):
            modal = nil
            switch purpose {
            case .quit:
                return [.quit]
            case .closeMeeting:
                return save([.meetingClosed], then: .dismiss(message: "Meeting closed — its record is locked"))
            case .removeAttendee(let agency, let rep):
                return save([.attendanceRemoved(agency: agency, representative: rep)], then: .dismiss(message: "Removed from the register"))
            }
        case .char("n"), .char("N"), .escape:
            modal = nil
            return []
        default:
            return []
        }
    }

    private mutating func handleHelp(_ key: Key) {
        defer {
            // Keep the scroll within the text, so scrolling back up answers at once.
            let count = HelpOverlay.lines(for: screen, width: max(20, size.cols - 6)).count
            helpScroll = helpScroll.map { min($0, max(0, count - (size.rows - 6))) }
        }
        switch key {
        case .escape, .char("?"), .char("q"): helpScroll = nil
        case .down, .char("j"): helpScroll = (helpScroll ?? 0) + 1
        case .up, .char("k"): helpScroll = max(0, (helpScroll ?? 0) - 1)
        case .pageDown, .char(" "): helpScroll = (helpScroll ?? 0) + 10
        case .pageUp: helpScroll = max(0, (helpScroll ?? 0) - 10)
        case .home: helpScroll = 0
        default: break
        }
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
        Header.draw(self, into: &buf)
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
            case .form(let form, let purpose): FormView.draw(form, purpose: purpose, screen: self, into: &buf, area: body)
            case .confirm(let purpose): drawConfirm(purpose, into: &buf, area: body)
            case .closePrompts(let flow): drawClosePrompts(flow, into: &buf, area: body)
            }
        }
        if let helpScroll { HelpOverlay.draw(screen: screen, scroll: helpScroll, into: &buf, area: body) }
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

extension FormPurpose {
    /// Where Esc on this form goes back to: most forms simply close; a prompt's reason goes back to the prompts.
    var returnsTo: Modal? {
        if case .passPrompt(let flow, _) = self { return .closePrompts(flow) }
        return nil
    }
}
