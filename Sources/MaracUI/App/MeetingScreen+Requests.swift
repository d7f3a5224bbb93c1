import MaracCore

/// The root's side of the screens: keys routed to whatever has the keyboard, the requests the
/// screens return carried out, and the write-ahead save protocol.
extension MeetingScreen {
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
            help = nil
            modal = .confirm(.quit)
            return []
        }
        if let modal { return handleModal(modal, key) }
        if help != nil {
            if help?.handle(key, screen: screen, replayKeys: replayKeys?.help, size: size) == false { help = nil }
            return []
        }
        let ctx = context
        var global = GlobalKeys()
        if let requests = global.dispatch(key, ctx) { return perform(requests) }
        return perform(dispatchOnScreen(key, ctx) ?? [])
    }

    /// The screen on show handles the key, if one of its bindings takes it.
    private mutating func dispatchOnScreen(_ key: Key, _ ctx: ScreenContext) -> [ScreenRequest]? {
        switch screen {
        case .opening: return opening.dispatch(key, ctx)
        case .review: return review.dispatch(key, ctx)
        case .agenda: return agenda.dispatch(key, ctx)
        case .caseView: return caseScreen.dispatch(key, ctx)
        case .summary: return summary.dispatch(key, ctx)
        }
    }

    /// A screen's controller as it is now (to draw it, or to ask its keymap about the state).
    func controller(for id: ScreenID) -> any ScreenController {
        switch id {
        case .opening: return opening
        case .review: return review
        case .agenda: return agenda
        case .caseView: return caseScreen
        case .summary: return summary
        }
    }

    static func controllerType(for id: ScreenID) -> any ScreenController.Type {
        switch id {
        case .opening: return OpeningController.self
        case .review: return ReviewController.self
        case .agenda: return AgendaController.self
        case .caseView: return CaseController.self
        case .summary: return SummaryController.self
        }
    }

    /// Why the key's binding on `screen` (nil: the global keys) cannot be used now, or nil.
    func disabledReason(for key: Key, on screen: ScreenID?) -> String? {
        let owner: any ScreenController = screen.map(controller(for:)) ?? GlobalKeys()
        return owner.disabledReason(for: key, context)
    }

    /// The hint bar, from the keymaps: the screen's bindings and the global ones that show now,
    /// merged by rank. In a replay its own keys come first (`ReplayController.keymap`); the
    /// screen's edit keys are hidden.
    var hints: [(String, String)] {
        if let replayKeys, replayKeys.promptOpen { return replayKeys.hints }
        let ctx = context
        let merged = (controller(for: screen).hintsNow(ctx) + GlobalKeys().hintsNow(ctx)).enumerated()
            .sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
        return (replayKeys?.hints ?? []) + merged.map(\.element.hint)
    }

    // MARK: - Requests

    /// Carries out what a screen asked for, in order; returns the effects for the runtime.
    mutating func perform(_ requests: [ScreenRequest]) -> [Effect] {
        var effects: [Effect] = []
        for request in requests {
            switch request {
            case .save(let events, let then): effects += save(events, then: then)
            case .startMeeting(let events, let message, let target): effects += startMeeting(events, message: message, show: target)
            case .form(let spec): openForm(spec.spec.makeForm(in: context), spec)
            case .directForm(let spec): modal = .form(spec.spec.makeForm(in: context), spec)
            case .ask(let question): modal = question
            case .show(let target): show(target)
            case .openCase:
                show(.caseView)
                caseScreen.reset()
            case .status(let text, let error): setStatus(text, error: error)
            case .help: help = HelpController()
            }
        }
        return effects
    }

    mutating func show(_ target: ScreenID) {
        screen = target
        if target == .caseView, agenda.selectedRef == nil { agenda.selectedRef = state.activeCase ?? state.nextWaitingCase ?? state.queue.first }
        setStatus(nil)
    }

    /// Writes events that start the meeting clock, asking first when today is not the meeting's
    /// date (a meeting dated 17/11 started on 01/12 would otherwise say so only in its minutes).
    /// A mock (`marac train`) never asks: it is always run on another day than its sample's date,
    /// and a question every trainee must answer "y" teaches pressing y unread.
    mutating func startMeeting(_ events: [MeetingEvent], message: String, show target: ScreenID? = nil) -> [Effect] {
        if localToday != state.info.date, !state.info.isTraining, editRefusal(for: events) == nil {
            modal = .confirm(.startOnAnotherDay(events: events, message: message, show: target))
            return []
        }
        if let target { screen = target }
        return save(events, then: .dismiss(message: message))
    }

    // MARK: - The save protocol

    /// Asks the runtime to write events; `then` runs once they are durable.
    mutating func save(_ events: [MeetingEvent], then: AfterSave) -> [Effect] {
        if let refusal = editRefusal(for: events) { setStatus(refusal, error: true); return [] }
        pending = then
        return [.append(events)]
    }

    /// Why an edit is not allowed now, or nil.
    /// Without events (about to open a form), any edit is refused once the meeting is closed.
    func editRefusal(for events: [MeetingEvent]? = nil) -> String? { context.editRefusal(for: events) }

    mutating func finishSave() {
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
            agenda.selectedRef = id
            caseScreen.reset()
            screen = .caseView
            setStatus(message)
        case .warn(let message):
            modal = nil
            setStatus(message, error: true)
        case .reviewed(let id, let message):
            modal = nil
            setStatus(review.moveToNextUnreviewed(after: id, message: message, in: state))
        case .caseClosed(let ref):
            modal = nil
            caseScreen.reset()
            if let next = state.nextWaitingCase {
                agenda.selectedRef = next
                screen = .caseView
                setStatus("Case \(SafeText.line(ref)) closed. Next: \(SafeText.line(next)) — press s to start the discussion")
            } else {
                screen = .agenda
                setStatus("Case \(SafeText.line(ref)) closed. No cases left waiting: B on the agenda adds any other business, 5 shows the summary")
            }
        }
        // Keep selections inside their lists after the state changed.
        opening.clamp(to: state)
        agenda.clamp(to: state)
    }

    // MARK: - Modals

    mutating func handleModal(_ current: Modal, _ key: Key) -> [Effect] {
        switch current {
        case .form(var form, let spec):
            switch form.handle(key) {
            case .editing:
                modal = .form(form, spec)
                return []
            case .cancel:
                modal = spec.spec.returnsTo
                if form.edited && spec.spec.keepsDrafts {
                    drafts.removeAll { $0.spec == spec }
                    form.problem = nil
                    drafts.append((spec, form))
                    setStatus("Cancelled — nothing saved; what you typed comes back when you open this form again")
                } else {
                    setStatus("Cancelled — nothing saved")
                }
                return []
            case .save:
                return submit(form, spec)
            }
        case .confirm(let purpose):
            return confirmKey(purpose, key)
        case .closePrompts(let flow):
            return closePromptsKey(flow, key)
        case .finder(let finder):
            return finderKey(finder, key)
        }
    }

    mutating func confirmKey(_ purpose: ConfirmPurpose, _ key: Key) -> [Effect] {
        switch key {
        case .char("y"), .char("Y"):
            modal = nil
            switch purpose {
            case .quit:
                return [.quit]
            case .closeMeeting:
                return save([.meetingClosed], then: .dismiss(message: "Meeting closed — its record is locked"))
            case .startOnAnotherDay(let events, let message, let target):
                if let target { screen = target }
                return save(events, then: .dismiss(message: message))
            case .removeAttendee(let agency, let rep):
                return save([.attendanceRemoved(agency: agency, representative: rep)], then: .dismiss(message: "Removed from the register"))
            case .undoElsewhere(let seq, let what):
                return save([.undone(seq: seq)], then: .dismiss(message: "Undone: \(what)"))
            }
        case .char("n"), .char("N"), .escape:
            modal = nil
            return []
        default:
            return []
        }
    }
}
