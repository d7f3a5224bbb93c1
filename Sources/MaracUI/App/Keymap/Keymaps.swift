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
            return [.save([.undone(seq: last.seq)], then: .dismiss(message: "Undone: \(last.event.name)"))]
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
