import MaracCore

/// The meeting-wide actions the keymap calls (pause, undo, reopen) and the keys of whatever has
/// the keyboard on top of a screen: a form, a confirmation, the help overlay.
extension MeetingScreen {
    mutating func togglePauseMeeting() -> [Effect] {
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

    /// The calendar day `now` falls on in the meeting's time zone.
    var localToday: CalendarDate { CalendarDate(epochMillis: now + Int64(utcOffsetSeconds) * 1000) }

    /// Writes events that start the meeting clock, asking first when today is not the meeting's
    /// date (a meeting dated 17/11 started on 01/12 would otherwise say so only in its minutes).
    mutating func startMeeting(_ events: [MeetingEvent], message: String, show target: ScreenID? = nil) -> [Effect] {
        if localToday != state.info.date, editRefusal(for: events) == nil {
            modal = .confirm(.startOnAnotherDay(events: events, message: message, show: target))
            return []
        }
        if let target { screen = target }
        return save(events, then: .dismiss(message: message))
    }

    mutating func undo() -> [Effect] {
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

    mutating func reopen() -> [Effect] {
        guard state.isClosed else { return [] }
        if mode == .readOnly { setStatus("read-only: this is a replay, nothing can be changed", error: true); return [] }
        modal = .form(ReopenForm(), in: self)
        return []
    }

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
            }
        case .char("n"), .char("N"), .escape:
            modal = nil
            return []
        default:
            return []
        }
    }

    mutating func handleHelp(_ key: Key) {
        defer {
            // Keep the scroll within the text, so scrolling back up answers at once.
            let count = HelpOverlay.lines(for: screen, replayKeys: replayKeys?.help, width: max(20, size.cols - 6), filter: helpFilter).count
            helpScroll = helpScroll.map { min($0, max(0, count - (size.rows - 6))) }
        }
        if helpFilterTyping {
            // Typing the filter: every character is text, Enter keeps it, Esc drops it.
            switch key {
            case .char(let c): if helpFilter.count < 40 { helpFilter.append(c) }; helpScroll = 0
            case .backspace: if !helpFilter.isEmpty { helpFilter.removeLast() }; helpScroll = 0
            case .enter: helpFilterTyping = false
            case .escape: helpFilter = ""; helpFilterTyping = false
            default: break
            }
            return
        }
        switch key {
        case .escape where !helpFilter.isEmpty: helpFilter = ""
        case .escape, .char("?"), .char("q"): helpScroll = nil; helpFilter = ""
        case .char("/"): helpFilterTyping = true; helpFilter = ""; helpScroll = 0
        case .down, .char("j"): helpScroll = (helpScroll ?? 0) + 1
        case .up, .char("k"): helpScroll = max(0, (helpScroll ?? 0) - 1)
        case .pageDown, .char(" "): helpScroll = (helpScroll ?? 0) + 10
        case .pageUp: helpScroll = max(0, (helpScroll ?? 0) - 10)
        case .home: helpScroll = 0
        default: break
        }
    }
}
