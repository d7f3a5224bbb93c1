import MaracCore

/// Screen 4: one case (or item of any other business) — the one selected on the agenda
/// (`ScreenContext.selectedRef`). Its own state is the selected action and the detail's scroll;
/// drawing is in CaseView.swift.
struct CaseController: ScreenController {
    /// The selected action's place among the case's actions.
    var actionIndex = 0
    /// How far the detail (actions, views, notes) is scrolled; 0 follows the selected action.
    var scroll = 0

    /// Back to the first action and the top of the detail (another case is shown).
    mutating func reset() { actionIndex = 0; scroll = 0 }

    /// The selected action, if it can be amended or withdrawn (not withdrawn already).
    func selectedAction(_ ctx: ScreenContext) -> Action? {
        let actions = ctx.caseActions
        guard actions.indices.contains(actionIndex), actions[actionIndex].status != .withdrawn else { return nil }
        return actions[actionIndex]
    }

    /// `e` and `x`: the form for the selected action, or why there is none.
    func actionForm(_ ctx: ScreenContext, withdraw: Bool) -> [ScreenRequest] {
        let actions = ctx.caseActions
        guard ctx.hasSelection else { return [] }
        guard actions.indices.contains(actionIndex) else { return [.status(withdraw ? "No action selected" : "No action selected: a adds one")] }
        let a = actions[actionIndex]
        guard a.status != .withdrawn else {
            return [.status("Action \(SafeText.line(ctx.state.displayID(a.id))) is \(withdraw ? "already " : "")withdrawn")]
        }
        return withdraw ? [.open(WithdrawActionForm(actionID: a.id))] : [.open(AmendActionForm(actionID: a.id))]
    }

    /// Once a case reaches its target the chair's next keys are closing it or granting time.
    static func pastTarget(_ ctx: ScreenContext) -> Bool {
        guard let ref = ctx.state.activeCase, ref == ctx.selectedRef else { return false }
        let phase = ctx.state.phase(of: ref, now: ctx.now)
        return phase != .notStarted && phase != .normal
    }

    /// The form a key opens for the selected case (not an item of any other business).
    static func forCase(_ make: @escaping @Sendable (CaseRecord, ScreenContext) -> [ScreenRequest]) -> Binding<CaseController>.Action {
        { _, ctx, _ in ctx.selectedCase.map { make($0, ctx) } ?? [] }
    }

    static let keymap: [Binding<CaseController>] = [
        .edit([.char("s")], "s", "start / pause / resume the discussion timer", hint: ("s", "start/stop"), rank: 10) { _, ctx, _ in
            ctx.selectedCase == nil ? [] : ctx.toggleDiscussion()
        },
        .edit([.char("a")], "a", "add an action (SMART-checked as you type)", hint: ("a", "action"), rank: 20) { _, ctx, _ in
            guard let ref = ctx.selectedCase?.ref ?? ctx.selectedAOB?.id else { return [] }
            return [.open(NewActionForm(caseRef: ref))]
        },
        .edit([.char("e")], "e", "amend the selected action", hint: ("e", "amend"), rank: 70, showsNow: { $0.selectedAction($1) != nil }) { c, ctx, _ in
            c.actionForm(ctx, withdraw: false)
        },
        .edit([.char("x")], "x", "withdraw the selected action (reason)", hint: ("x", "withdraw"), rank: 71, showsNow: { $0.selectedAction($1) != nil }) { c, ctx, _ in
            c.actionForm(ctx, withdraw: true)
        },
        .edit([.char("o")], "o", "add a note (agency, kind, text)", hint: ("o", "note"), rank: 40) { _, ctx, _ in
            guard let ref = ctx.selectedCase?.ref ?? ctx.selectedAOB?.id else { return [] }
            return [.open(NoteForm(caseRef: ref))]
        },
        .edit([.char("f")], "f", "who feeds back to the victim, and how", hint: ("f", "feedback"), rank: 50,
              action: forCase { c, _ in [.open(FeedbackForm(caseRef: c.ref))] }),
        .edit([.char("b")], "b", "grant 5 bonus minutes (recorded)", hint: ("b", "+5 min"), rankNow: { pastTarget($1) ? 6 : 60 },
              action: forCase { c, _ in
                  [.save([.bonusMinutesGranted(caseRef: c.ref, minutes: 5)], then: .dismiss(message: "+5 bonus minutes for \(SafeText.line(c.ref)) (recorded)"))]
              }),
        .edit([.char("n")], "n", "close this case and go to the next", hint: ("n", "close case"), rankNow: { pastTarget($1) ? 5 : 30 },
              action: forCase { c, ctx in ctx.startClose(c) }),
        .edit([.char("d")], "d", "defer the case", hint: ("d", "defer"), rank: 80, action: forCase { _, ctx in ctx.startDefer() }),
        .edit([.char("c")], "c", "case details: referral summary, risks, flags, unsafe contact (recorded)", rank: 85,
              action: forCase { c, _ in [.open(CaseDetailsForm(caseRef: c.ref))] }),
        .edit([.char("F")], "F", "correct a case field (DASH, dates, children, equality, perpetrator…), with a reason", rank: 89,
              action: forCase { c, _ in [.open(CorrectFieldForm(caseRef: c.ref))] }),
        .edit([.char("H")], "H", "confirm or reject a possible earlier hearing", rank: 86, action: forCase { c, _ in decideHearing(c) }),
        .edit([.char("m")], "m", "amend a note, with a reason (the original is kept)", rank: 87,
              action: forCase { c, _ in noteCorrection(c, withdraw: false) }),
        .edit([.char("W")], "W", "withdraw a note, with a reason", rank: 88, action: forCase { c, _ in noteCorrection(c, withdraw: true) }),
        Binding([.down, .char("j"), .up, .char("k")], "j/k", "choose an action", hint: ("j/k", "move"), rank: 5,
                showsNow: { !$1.canEdit }, action: { c, ctx, key in
                    guard ctx.hasSelection else { return [] }
                    let last = max(0, ctx.caseActions.count - 1)
                    c.actionIndex = key == .down || key == .char("j") ? min(c.actionIndex + 1, last) : max(0, c.actionIndex - 1)
                    c.scroll = 0
                    return []
                }),
        Binding([.pageDown, .char(" "), .pageUp], "PgDn/PgUp", "scroll the case detail (Space pages down too)", action: { c, ctx, key in
            guard ctx.selectedCase != nil else { return [] }
            c.scroll = key == .pageUp ? max(0, c.scroll - 5) : c.scroll + 5
            return []
        }),
        Binding([.char("/")], "/", "search case references, names and notes; Enter jumps to the case",
                action: { _, _, _ in [.ask(.finder(Finder(kind: .search)))] }),
        Binding([.escape], "Esc", "back to the agenda", hint: ("Esc", "agenda"), rank: 95, action: { _, _, _ in [.show(.agenda)] }),
    ]

    /// `H`: the first possible earlier hearing still waiting for the chair, then the next.
    static func decideHearing(_ c: CaseRecord) -> [ScreenRequest] {
        let pending = c.unconfirmedHistory.isEmpty ? c.history : c.unconfirmedHistory
        guard let h = pending.first else { return [.status("No earlier hearings found for \(SafeText.line(c.ref))")] }
        return [.open(DecideHearingForm(caseRef: c.ref, hearing: h))]
    }

    /// `m` and `W`: choose the note to amend or withdraw.
    static func noteCorrection(_ c: CaseRecord, withdraw: Bool) -> [ScreenRequest] {
        guard !c.notes.isEmpty else { return [.status("No notes to \(withdraw ? "withdraw" : "amend") yet")] }
        return [.open(ChooseNoteForm(caseRef: c.ref, withdraw: withdraw))]
    }
}
