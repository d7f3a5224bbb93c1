import MaracCore
import Testing
@testable import MaracUI

/// Screens as controllers: a screen reads the meeting through a `ScreenContext` and asks the root
/// for everything else (`ScreenRequest`), so it can be driven and checked on its own, and the
/// root's write-ahead save stays the only way to change the meeting.
@Suite struct ControllerTests {
    func onCase(at minute: Int, mode: MeetingScreen.Mode = .live) throws -> FakeRuntime {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(minute), mode: mode)
        try rt.run("4")
        return rt
    }

    /// `b` on the case screen asks for the bonus to be written; the controller cannot write it or
    /// show it itself, and the root shows it only once the journal has answered.
    @Test func aScreenAsksTheRootToSaveAndChangesNothingItself() throws {
        var rt = try onCase(at: 17)
        var controller = rt.screen.caseScreen
        let requests = controller.dispatch(.char("b"), rt.screen.context)
        #expect(requests == [.save([.bonusMinutesGranted(caseRef: "NV-101", minutes: 5)],
                                   then: .dismiss(message: "+5 bonus minutes for NV-101 (recorded)"))])
        #expect(rt.screen.meeting.state.cases["NV-101"]?.bonusMinutes == 0)
        #expect(rt.appends.isEmpty)

        rt.press(.char("b"))   // the same key through the root and the loop: written, then shown
        #expect(rt.appends == [[.bonusMinutesGranted(caseRef: "NV-101", minutes: 5)]])
        #expect(rt.screen.meeting.state.cases["NV-101"]?.bonusMinutes == 5)
        #expect(rt.screen.statusMessage == "+5 bonus minutes for NV-101 (recorded)")
    }

    /// An edit key in a replay is refused by its binding, with the reason, before the screen's code runs.
    @Test func anEditKeyInAReplayIsRefusedByItsBinding() throws {
        let rt = try onCase(at: 17, mode: .readOnly)
        var controller = rt.screen.caseScreen
        #expect(controller.dispatch(.char("a"), rt.screen.context)
                == [.status("read-only: this is a replay, nothing can be changed", error: true)])
        #expect(rt.screen.disabledReason(for: .char("a"), on: .caseView) == "read-only: this is a replay, nothing can be changed")
    }

    /// A screen's own keys change only its own state: moving on the register asks the root for nothing.
    @Test func movingASelectionIsTheScreensOwnBusiness() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.opened), now: Fixture.minutes(4))
        try rt.run("1")
        var opening = rt.screen.opening
        #expect(opening.dispatch(.char("j"), rt.screen.context) == [])
        #expect(opening.index == 1)
        #expect(opening.dispatch(.char("k"), rt.screen.context) == [])
        #expect(opening.index == 0)
        #expect(opening.dispatch(.char("Z"), rt.screen.context) == nil)   // not its key
    }

    /// Each screen keeps its own selection while the chair looks at another.
    @Test func eachScreenKeepsItsSelectionAcrossScreens() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.opened), now: Fixture.minutes(4))
        try rt.run("2jj1j3jj2")
        #expect(rt.screen.review.index == 2)
        #expect(rt.screen.opening.index == 1)
        #expect(rt.screen.agenda.selectedRef == "NV-103")
    }

    /// Enter on the agenda opens the Case screen on the selected case from its top: the case
    /// screen's own selection starts again.
    @Test func openingACaseStartsTheCaseScreenAgain() throws {
        var rt = try onCase(at: 17)
        try rt.run("j<PageDown>")
        #expect(rt.screen.caseScreen.actionIndex == 1 && rt.screen.caseScreen.scroll == 5)
        try rt.run("3j<Enter>")
        #expect(rt.screen.screen == .caseView)
        #expect(rt.screen.agenda.selectedRef == "NV-102")
        #expect(rt.screen.caseScreen.actionIndex == 0 && rt.screen.caseScreen.scroll == 0)
    }

    /// Help is its own controller, made fresh each time it opens: a filter half-typed when Ctrl-C
    /// closed help (to ask about quitting) no longer comes back, still taking every key as text,
    /// the next time `?` is pressed.
    @Test func helpOpensFreshAfterCtrlC() throws {
        var rt = try onCase(at: 17)
        try rt.run("?/zz")
        #expect(rt.text.contains("filter: zz"))
        rt.press(.ctrl("c"))
        #expect(rt.text.contains("Quit marac?"))
        try rt.run("n?")
        #expect(rt.text.contains("Help — j/k scroll · / filter · Esc closes"))
        #expect(!rt.text.contains("filter: zz"))
        try rt.run("q")
        #expect(rt.screen.help == nil)   // q closes help again, rather than being typed into a filter
    }
}
