import MaracCore

/// The keys that work on every screen, declared once (see `Binding`), and where every screen's
/// keymap is found. A screen's own keys are declared in its controller (`OpeningController.keymap`
/// …); adding a key is one entry there or here: the dispatch, the `?` help, the hint bar, the `:`
/// palette and the keymap golden all follow.
struct GlobalKeys: ScreenController {
    /// Keys that work on every screen (checked before the screen's own), and the keys everyone
    /// should know that are handled elsewhere (in forms, by the loop, before everything else).
    static let keymap: [Binding<GlobalKeys>] = [
        Binding((1...5).map { Key.char(Character(String($0))) }, "1 … 5", "jump to Opening, Review, Agenda, Case, Summary",
                hint: ("1-5", "screens"), rank: 99,
                showsNow: { $1.screen != .caseView && !($1.screen == .summary && $1.state.isClosed) },
                action: { _, _, key in
                    guard case .char(let c) = key, let n = Int(String(c)), let target = ScreenID(rawValue: n) else { return [] }
                    return [.show(target)]
                }),
        Binding([], "j/k or ↑/↓", "move the selection", action: nil),
        Binding([], "Enter", "select / confirm", action: nil),
        Binding([], "Esc", "cancel or go back", action: nil),
        Binding([], "Tab / Shift-Tab", "next / previous field in a form", action: nil),
        Binding([], "Ctrl-S", "save a form from any field", action: nil),
        Binding([.char("p")], "p", "pause / resume the meeting clock", hint: ("p", "pause"), rank: 85,
                showsNow: { $1.screen == .caseView && $1.canEdit }, action: { _, ctx, _ in togglePauseMeeting(ctx) }),
        Binding([.char("u")], "u", "undo the last change (recorded, nothing is erased)", hint: ("u", "undo"), rank: 86,
                showsNow: { $1.screen == .caseView && $1.canEdit }, action: { _, ctx, _ in undo(ctx) }),
        Binding([.char("R")], "R", "reopen a closed meeting, with a reason", hint: ("R", "reopen"),
                showsNow: { $1.state.isClosed && $1.mode == .live && [.caseView, .summary].contains($1.screen) },
                rankNow: { $1.screen == .summary ? 0 : 99 }, action: { _, ctx, _ in reopen(ctx) }),
        .edit([.char("T")], "T", "change the planned start and end times (recorded)") { _, _, _ in [.open(PlannedTimesForm())] },
        Binding([], "F12 or Ctrl-B", "privacy screen: hide all case detail at once", action: nil),
        Binding([], "Ctrl-L", "redraw the screen", action: nil),
        Binding([.char("?"), .function(1)], "? or F1", "this help", action: { _, _, _ in [.help] }),
        Binding([.char(":")], ":", "command palette: every command of this screen, type to narrow, Enter runs",
                action: { _, _, _ in [.ask(.finder(Finder(kind: .palette)))] }),
        Binding([.char("q")], "q", "quit (asks first; everything is already saved)",
                action: { _, _, _ in [.ask(.confirm(.quit))] }),
    ]

    static func togglePauseMeeting(_ ctx: ScreenContext) -> [ScreenRequest] {
        guard ctx.state.isStarted else { return [.status("The meeting has not started: press 1, then Enter")] }
        if ctx.state.isPaused {
            return [.save([.meetingResumed], then: .dismiss(message: "Meeting resumed"))]
        }
        return [.save([.meetingPaused], then: .dismiss(message: "Meeting paused — p resumes"))]
    }

    static func undo(_ ctx: ScreenContext) -> [ScreenRequest] {
        guard let last = ctx.meeting.lastUndoable else { return [.status("Nothing to undo")] }
        let state = ctx.state
        // Undoing a pause means "carry on from now", not "the pause never happened": erasing it would
        // count the whole pause as discussion time. So a pause still in force is undone by resuming.
        switch last.event {
        case .meetingPaused where state.isPaused:
            return [.save([.meetingResumed], then: .dismiss(message: "Undone: meeting paused (resumed from now)"))]
        case .discussionPaused(let ref) where state.cases[ref]?.status == .paused && state.activeCase == nil:
            return [.save([.discussionResumed(caseRef: ref)], then: .dismiss(message: "Undone: discussion paused (resumed from now)"))]
        default:
            let what = undoDescription(last.event, in: state)
            // Undoing reaches back through the record one change at a time, whatever the case: a
            // change to another case than the one on screen (an action agreed on the case just
            // closed, say) is asked about first, naming it.
            if let ref = caseConcerned(by: last.event, in: state), ref != (ctx.selectedCase?.ref ?? ctx.selectedAOB?.id) {
                return [.ask(.confirm(.undoElsewhere(seq: last.seq, what: what)))]
            }
            return [.save([.undone(seq: last.seq)], then: .dismiss(message: "Undone: \(what)"))]
        }
    }

    /// "action agreed for ZZ-101: Police to arrest …": what `u` takes back, in the chair's words.
    static func undoDescription(_ event: MeetingEvent, in state: MeetingState) -> String {
        let clean = SafeText.line
        func short(_ text: String) -> String { CharWidth.fitting(clean(text), 40) }
        switch event {
        case .actionAgreed(let a): return "action agreed for \(clean(a.caseRef)): \(short(a.text))"
        case .noteAdded(let ref, let agency, _, let text): return "note by \(clean(agency)) on \(clean(ref)): \(short(text))"
        default:
            return event.name + (caseConcerned(by: event, in: state).map { " (\(clean($0)))" } ?? "")
        }
    }

    /// The case an event changes, when it changes one.
    static func caseConcerned(by event: MeetingEvent, in state: MeetingState) -> String? {
        func ofAction(_ id: String) -> String? { state.actions.first { $0.id == id }?.caseRef }
        switch event {
        case .caseDeferred(let ref, _, _), .caseWithdrawn(let ref, _), .discussionStarted(let ref), .discussionPaused(let ref),
             .discussionResumed(let ref), .bonusMinutesGranted(let ref, _), .discussionEnded(let ref, _),
             .noteAdded(let ref, _, _, _), .feedbackAgreed(let ref, _), .promptPassed(let ref, _, _),
             .earlierHearingDecided(let ref, _, _), .caseDetailsSet(let ref, _), .noteAmended(let ref, _, _, _, _, _),
             .noteWithdrawn(let ref, _, _), .caseCorrected(let ref, _, _, _):
            return ref
        case .actionAgreed(let a): return a.caseRef
        case .actionAmended(let id, _, _, _, _), .actionWithdrawn(let id, _), .absentOwnerToBeTold(let id, _): return ofAction(id)
        default: return nil
        }
    }

    static func reopen(_ ctx: ScreenContext) -> [ScreenRequest] {
        guard ctx.state.isClosed else { return [] }
        if ctx.mode == .readOnly { return [.status("read-only: this is a replay, nothing can be changed", error: true)] }
        return [.present(ReopenForm())]
    }
}

extension GlobalKeys {
    /// The global keys have no screen of their own.
    func draw(into buf: inout ScreenBuffer, _ body: Rect, _ ctx: ScreenContext) {}
}

extension MeetingScreen {
    /// The keys that work everywhere, as help and the golden list them.
    static var globalKeymap: [KeyDoc] { GlobalKeys.keyDocs }

    /// A screen's keys, as help, the palette and the golden list them.
    static func keymap(for screen: ScreenID) -> [KeyDoc] { controllerType(for: screen).keyDocs }
}
