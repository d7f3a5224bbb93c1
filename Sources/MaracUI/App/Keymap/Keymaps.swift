import MaracCore

/// Every key of every screen, declared once (see `Binding`). Adding a key is one entry here: the
/// dispatch, the `?` help, the hint bar and the keymap golden all follow.
extension MeetingScreen {
    /// Keys that work on every screen (checked before the screen's own), and the keys everyone
    /// should know that are handled elsewhere (in forms, by the loop, before everything else).
    static let globalKeymap: [Binding] = [
        Binding((1...5).map { Key.char(Character(String($0))) }, "1 … 5", "jump to Opening, Review, Agenda, Case, Summary",
                hint: ("1-5", "screens"), rank: 99,
                showsNow: { s in s.screen != .caseView && !(s.screen == .summary && s.state.isClosed) },
                action: { s, key in
                    if case .char(let c) = key, let n = Int(String(c)), let target = ScreenID(rawValue: n) { s.show(target) }
                    return []
                }),
        Binding([], "j/k or ↑/↓", "move the selection", action: nil),
        Binding([], "Enter", "select / confirm", action: nil),
        Binding([], "Esc", "cancel or go back", action: nil),
        Binding([], "Tab / Shift-Tab", "next / previous field in a form", action: nil),
        Binding([], "Ctrl-S", "save a form from any field", action: nil),
        Binding([.char("p")], "p", "pause / resume the meeting clock", hint: ("p", "pause"), rank: 85,
                showsNow: { $0.screen == .caseView && $0.canEdit }, action: { s, _ in s.togglePauseMeeting() }),
        Binding([.char("u")], "u", "undo the last change (recorded, nothing is erased)", hint: ("u", "undo"), rank: 86,
                showsNow: { $0.screen == .caseView && $0.canEdit }, action: { s, _ in s.undo() }),
        Binding([.char("R")], "R", "reopen a closed meeting, with a reason", hint: ("R", "reopen"),
                showsNow: { s in s.state.isClosed && s.mode == .live && [.caseView, .summary].contains(s.screen) },
                rankNow: { $0.screen == .summary ? 0 : 99 }, action: { s, _ in s.reopen() }),
        .edit([.char("T")], "T", "change the planned start and end times (recorded)") { s, _ in s.openPlanForm(); return [] },
        Binding([], "F12 or Ctrl-B", "privacy screen: hide all case detail at once", action: nil),
        Binding([], "Ctrl-L", "redraw the screen", action: nil),
        Binding([.char("?"), .function(1)], "? or F1", "this help", action: { s, _ in s.helpScroll = 0; return [] }),
        Binding([.char(":")], ":", "command palette: every command of this screen, type to narrow, Enter runs",
                action: { s, _ in s.modal = .finder(Finder(kind: .palette)); return [] }),
        Binding([.char("q")], "q", "quit (asks first; everything is already saved)",
                action: { s, _ in s.modal = .confirm(.quit); return [] }),
    ]

    static func keymap(for screen: ScreenID) -> [Binding] {
        switch screen {
        case .opening: return openingKeymap
        case .review: return reviewKeymap
        case .agenda: return agendaKeymap
        case .caseView: return caseKeymap
        case .summary: return summaryKeymap
        }
    }

    static let openingKeymap: [Binding] = [
        Binding([.enter, .char("m")], "Enter or m", "start the meeting clock (once started: go to the review)",
                hint: ("Enter", "start meeting"), rank: 10,
                hintNow: { s in ("Enter", s.state.isStarted || s.mode == .readOnly ? "review" : "start meeting") }, action: { s, _ in
                    if s.state.isStarted { s.show(.review); return [] }
                    return s.startMeeting([.meetingStarted], message: "Meeting started — the clock is running. Next: 2 Review")
                }),
        .edit([.char("a")], "a", "add someone to the attendance register", hint: ("a", "add attendee"), rank: 20) { s, _ in
            s.open(AttendanceForm()); return []
        },
        .edit([.char("c")], "c", "record that the confidentiality statement was read", hint: ("c", "statement read"), rank: 30) { s, _ in
            if s.state.confidentialityRead { s.setStatus("The confidentiality statement is already recorded as read"); return [] }
            return s.save([.confidentialityStatementRead], then: .dismiss(message: "Recorded: confidentiality statement read"))
        },
        .edit([.char("l")], "l", "record that the selected person left, and after which case", hint: ("l", "left"), rank: 40) { s, _ in
            let register = s.state.attendance
            guard register.indices.contains(s.attendanceIndex) else { s.setStatus("Nobody on the register yet: a adds someone"); return [] }
            let person = register[s.attendanceIndex]
            s.open(LeftAfterForm(agency: person.agency, representative: person.representative))
            return []
        },
        .edit([.char("x")], "x", "remove the selected person from the register", hint: ("x", "remove"), rank: 50) { s, _ in
            let register = s.state.attendance
            guard register.indices.contains(s.attendanceIndex) else { return [] }
            let person = register[s.attendanceIndex]
            s.modal = .confirm(.removeAttendee(agency: person.agency, representative: person.representative))
            return []
        },
        Binding([.down, .char("j"), .up, .char("k")], "j/k", "choose a person on the register", action: { s, key in
            let last = max(0, s.state.attendance.count - 1)
            s.attendanceIndex = key == .down || key == .char("j") ? min(s.attendanceIndex + 1, last) : max(0, s.attendanceIndex - 1)
            return []
        }),
        Binding([.escape], "Esc", "clear the message line", action: { s, _ in s.setStatus(nil); return [] }),
    ]

    static let reviewKeymap: [Binding] = [
        .edit([.enter], "Enter", "record the outcome of the selected action: done · not possible (circumstances changed) · not done by the agency (escalates) · carried forward",
              hint: ("Enter", "record outcome"), rank: 10, showsNow: { !$0.state.outstanding.isEmpty }) { s, _ in
            let list = s.reviewOrder
            guard list.indices.contains(s.reviewIndex) else { return [] }
            let action = list[s.reviewIndex]
            s.open(ReviewForm(actionID: action.id))
            return []
        },
        Binding([.down, .char("j"), .up, .char("k")], "j/k", "choose an action", hint: ("j/k", "move"), rank: 20,
                showsNow: { !$0.state.outstanding.isEmpty }, action: { s, key in
                    let last = max(0, s.reviewOrder.count - 1)
                    s.reviewIndex = key == .down || key == .char("j") ? min(s.reviewIndex + 1, last) : max(0, s.reviewIndex - 1)
                    return []
                }),
        Binding([], "3", "the agenda, once every action is reviewed", hint: ("3", "agenda"), rank: 5,
                showsNow: { $0.state.outstanding.isEmpty }, action: nil),
        Binding([.escape], "Esc", "clear the message line", action: { s, _ in s.setStatus(nil); return [] }),
    ]

    static let agendaKeymap: [Binding] = [
        Binding([.enter], "Enter", "open the selected case", hint: ("Enter", "open"), rank: 10, action: { s, _ in
            guard !s.agendaRefs.isEmpty else { return [] }
            s.show(.caseView)
            s.actionIndex = 0; s.caseScroll = 0
            return []
        }),
        .edit([.char("s")], "s", "start / pause / resume its discussion", hint: ("s", "start/stop"), rank: 20) { s, _ in
            s.toggleDiscussion()
        },
        .edit([.char("J"), .char("K")], "J / K", "move the case down / up the agenda", hint: ("J/K", "move"), rank: 30) { s, key in
            let queue = s.state.queue
            let i = s.agendaIndex
            guard let ref = s.agendaRef, !queue.isEmpty, s.selectedCase != nil else { return [] }
            if key == .char("J") {
                guard i < queue.count - 1 else { return [] }
                return s.save([.caseMoved(caseRef: ref, toPosition: i + 1)], then: .dismiss(message: "Moved \(SafeText.line(ref)) down"))
            }
            guard i > 0 else { return [] }
            return s.save([.caseMoved(caseRef: ref, toPosition: i - 1)], then: .dismiss(message: "Moved \(SafeText.line(ref)) up"))
        },
        .edit([.char("d")], "d", "defer: end of the agenda or the next meeting, with a reason", hint: ("d", "defer"), rank: 40) { s, _ in
            s.startDefer(); return []
        },
        .edit([.char("w")], "w", "withdraw the case (reason required)", hint: ("w", "withdraw"), rank: 50) { s, _ in
            guard let c = s.selectedCase else { return [] }
            guard c.status.isOutstanding else { s.setStatus("Case \(SafeText.line(c.ref)) is already \(c.status.word)"); return [] }
            s.open(WithdrawCaseForm(caseRef: c.ref))
            return []
        },
        .edit([.char("L")], "L", "add a late case", hint: ("L", "late case"), rank: 60) { s, _ in
            s.open(LateCaseForm()); return []
        },
        .edit([.char("B")], "B", "add an item of any other business (after the cases: notes and actions, no victim)",
              hint: ("B", "any other business"), rank: 65) { s, _ in
            s.openAOBForm(); return []
        },
        Binding([.down, .char("j"), .up, .char("k")], "j/k", "choose a case", action: { s, key in
            let queue = s.agendaRefs
            guard !queue.isEmpty else { return [] }
            let i = s.agendaIndex
            s.agendaRef = key == .down || key == .char("j") ? queue[min(i + 1, queue.count - 1)] : queue[max(0, i - 1)]
            return []
        }),
        Binding([.char("/")], "/", "search case references, names and notes; Enter jumps to the case",
                action: { s, _ in s.modal = .finder(Finder(kind: .search)); return [] }),
        Binding([.home, .end], "Home / End", "the first / last case on the agenda", action: { s, key in
            s.agendaRef = key == .home ? s.agendaRefs.first : s.agendaRefs.last
            return []
        }),
        Binding([.escape], "Esc", "clear the message line", action: { s, _ in s.setStatus(nil); return [] }),
    ]

    static let caseKeymap: [Binding] = {
        /// Once a case reaches its target the chair's next keys are closing it or granting time.
        let pastTarget: @Sendable (MeetingScreen) -> Bool = { s in
            guard let ref = s.state.activeCase, ref == s.agendaRef else { return false }
            let phase = s.state.phase(of: ref, now: s.now)
            return phase != .notStarted && phase != .normal
        }
        let actionSelected: @Sendable (MeetingScreen) -> Bool = { s in
            let actions = s.caseActions
            return actions.indices.contains(s.actionIndex) && actions[s.actionIndex].status != .withdrawn
        }
        return [
            .edit([.char("s")], "s", "start / pause / resume the discussion timer", hint: ("s", "start/stop"), rank: 10) { s, _ in
                s.selectedCase == nil ? [] : s.toggleDiscussion()
            },
            .edit([.char("a")], "a", "add an action (SMART-checked as you type)", hint: ("a", "action"), rank: 20) { s, _ in
                guard let ref = s.selectedCase?.ref ?? s.selectedAOB?.id else { return [] }
                s.open(NewActionForm(caseRef: ref)); return []
            },
            .edit([.char("e")], "e", "amend the selected action", hint: ("e", "amend"), rank: 70, showsNow: actionSelected) { s, _ in
                let actions = s.caseActions
                guard s.hasSelection else { return [] }
                guard actions.indices.contains(s.actionIndex) else { s.setStatus("No action selected: a adds one"); return [] }
                let a = actions[s.actionIndex]
                guard a.status != .withdrawn else { s.setStatus("Action \(SafeText.line(s.state.displayID(a.id))) is withdrawn"); return [] }
                s.open(AmendActionForm(actionID: a.id)); return []
            },
            .edit([.char("x")], "x", "withdraw the selected action (reason)", hint: ("x", "withdraw"), rank: 71, showsNow: actionSelected) { s, _ in
                let actions = s.caseActions
                guard s.hasSelection else { return [] }
                guard actions.indices.contains(s.actionIndex) else { s.setStatus("No action selected"); return [] }
                let a = actions[s.actionIndex]
                guard a.status != .withdrawn else { s.setStatus("Action \(SafeText.line(s.state.displayID(a.id))) is already withdrawn"); return [] }
                s.open(WithdrawActionForm(actionID: a.id))
                return []
            },
            .edit([.char("o")], "o", "add a note (agency, kind, text)", hint: ("o", "note"), rank: 40) { s, _ in
                guard let ref = s.selectedCase?.ref ?? s.selectedAOB?.id else { return [] }
                s.open(NoteForm(caseRef: ref)); return []
            },
            .edit([.char("f")], "f", "who feeds back to the victim, and how", hint: ("f", "feedback"), rank: 50) { s, _ in
                guard let c = s.selectedCase else { return [] }
                s.open(FeedbackForm(caseRef: c.ref)); return []
            },
            .edit([.char("b")], "b", "grant 5 bonus minutes (recorded)", hint: ("b", "+5 min"), rankNow: { pastTarget($0) ? 6 : 60 }) { s, _ in
                guard let c = s.selectedCase else { return [] }
                return s.save([.bonusMinutesGranted(caseRef: c.ref, minutes: 5)], then: .dismiss(message: "+5 bonus minutes for \(SafeText.line(c.ref)) (recorded)"))
            },
            .edit([.char("n")], "n", "close this case and go to the next", hint: ("n", "close case"), rankNow: { pastTarget($0) ? 5 : 30 }) { s, _ in
                guard let c = s.selectedCase else { return [] }
                s.startClose(c); return []
            },
            .edit([.char("d")], "d", "defer the case", hint: ("d", "defer"), rank: 80) { s, _ in
                guard s.selectedCase != nil else { return [] }
                s.startDefer(); return []
            },
            .edit([.char("c")], "c", "case details: referral summary, risks, flags, unsafe contact (recorded)", rank: 85) { s, _ in
                guard let c = s.selectedCase else { return [] }
                s.open(CaseDetailsForm(caseRef: c.ref)); return []
            },
            .edit([.char("F")], "F", "correct a case field (DASH, dates, children, equality, perpetrator…), with a reason", rank: 89) { s, _ in
                guard let c = s.selectedCase else { return [] }
                s.open(CorrectFieldForm(caseRef: c.ref)); return []
            },
            .edit([.char("H")], "H", "confirm or reject a possible earlier hearing", rank: 86) { s, _ in
                guard let c = s.selectedCase else { return [] }
                s.startDecideHearing(c); return []
            },
            .edit([.char("m")], "m", "amend a note, with a reason (the original is kept)", rank: 87) { s, _ in
                guard let c = s.selectedCase else { return [] }
                s.startNoteCorrection(c, withdraw: false); return []
            },
            .edit([.char("W")], "W", "withdraw a note, with a reason", rank: 88) { s, _ in
                guard let c = s.selectedCase else { return [] }
                s.startNoteCorrection(c, withdraw: true); return []
            },
            Binding([.down, .char("j"), .up, .char("k")], "j/k", "choose an action", hint: ("j/k", "move"), rank: 5,
                    showsNow: { !$0.canEdit }, action: { s, key in
                        guard s.hasSelection else { return [] }
                        let last = max(0, s.caseActions.count - 1)
                        s.actionIndex = key == .down || key == .char("j") ? min(s.actionIndex + 1, last) : max(0, s.actionIndex - 1)
                        s.caseScroll = 0
                        return []
                    }),
            Binding([.pageDown, .char(" "), .pageUp], "PgDn/PgUp", "scroll the case detail (Space pages down too)", action: { s, key in
                guard s.selectedCase != nil else { return [] }
                s.caseScroll = key == .pageUp ? max(0, s.caseScroll - 5) : s.caseScroll + 5
                return []
            }),
            Binding([.char("/")], "/", "search case references, names and notes; Enter jumps to the case",
                    action: { s, _ in s.modal = .finder(Finder(kind: .search)); return [] }),
            Binding([.escape], "Esc", "back to the agenda", hint: ("Esc", "agenda"), rank: 95, action: { s, _ in s.show(.agenda); return [] }),
        ]
    }()

    static let summaryKeymap: [Binding] = [
        .edit([.char("C")], "C", "close the meeting (locks the record; asks first, naming what is left undone)", hint: ("C", "close meeting"), rank: 10) { s, _ in
            s.modal = .confirm(.closeMeeting); return []
        },
        .edit([.char("N")], "N", "the next meeting's date and venue (recorded; in the minutes)", hint: ("N", "next meeting"), rank: 15) { s, _ in
            s.openNextMeetingForm(); return []
        },
        Binding([.down, .char("j"), .up, .char("k"), .pageDown, .pageUp], "j/k PgDn/PgUp", "scroll (a line / a page)",
                hint: ("j/k", "scroll"), rank: 20, action: { s, key in
                    switch key {
                    case .down, .char("j"): s.summaryScroll += 1
                    case .pageDown: s.summaryScroll += 10
                    case .pageUp: s.summaryScroll = max(0, s.summaryScroll - 10)
                    default: s.summaryScroll = max(0, s.summaryScroll - 1)
                    }
                    s.summaryScroll = min(s.summaryScroll, max(0, s.summaryLines(width: s.size.cols - 2).count - (s.size.rows - 6)))
                    return []
                }),
        Binding([.escape], "Esc", "clear the message line", action: { s, _ in s.setStatus(nil); return [] }),
    ]
}

// MARK: - Replay (marac replay)

extension ReplayController {
    /// The keys of a replay, checked before the screen's own (whose edit keys a replay refuses).
    /// At 80 columns the hint bar shows the first four by rank; `?` lists them all.
    static let keymap: [ReplayBinding] = [
        .command([.escape, .enter], "Esc or Enter", "close the trainer's note on screen", hint: ("Esc", "close note"), rank: 0,
                 isAvailable: { $0.shownNote != nil }) { $0.dismissNote() },
        .command([.char(" ")], "Space", "pause / play", hint: ("Space", "pause"), rank: 10,
                 hintNow: { r in ("Space", r.paused || r.isAtEnd ? "play" : "pause") }) { $0.togglePause() },
        .command([.char("n")], "n", "jump to the next prompt passed, SMART warning, overrun or trainer's note, and pause",
                 hint: ("n", "next stop"), rank: 20) { $0.jumpToNextStop() },
        .command([.right, .char(".")], "→ or .", "step to the next event (pauses)", hint: ("←/→", "step"), rank: 30) { $0.stepForward() },
        .command([.left, .char(",")], "← or ,", "step back an event (pauses)") { $0.stepBack() },
        .command([.char("+"), .char("=")], "+", "faster: 1, 2, 5, 10, 20, 30, 60, 120, 240×", hint: ("+/-", "speed"), rank: 40) { $0.faster() },
        .command([.char("-"), .char("_")], "-", "slower") { $0.slower() },
        .command([.char("]")], "]", "jump to the next case's discussion (pauses)", hint: ("[/]", "case"), rank: 60) { $0.jumpToNextCase() },
        .command([.char("[")], "[", "back to the previous case's discussion (pauses)") { $0.jumpToPreviousCase() },
        .command([.char("0"), .home], "0 or Home", "back to the start") { $0.toStart() },
        .command([.end], "End", "on to the end") { $0.toEnd() },
        .command([.char("T")], "T", "stop at amber: when a discussion reaches its target (--pause-at amber)") { $0.toggleStop(.amber) },
        .command([.char("O"), .char("o")], "O or o", "stop at overruns: when a discussion reaches its limit (--pause-at overrun)") {
            $0.toggleStop(.overrun)
        },
        .command([.char("P")], "P", "stop when the chair passes a prompt (--pause-at prompt)") { $0.toggleStop(.prompt) },
        .command([.char("A")], "A", "stop at each action agreed (--pause-at action)") { $0.toggleStop(.action) },
        ReplayBinding([.char("b")], "b", "bookmark this moment in the trainer's notes file (NAME.notes.yaml)",
                      hint: ("b", "bookmark"), rank: 70) { r, _ in r.bookmark() },
    ]
}
