import MaracCore
import Testing
@testable import MaracUI

/// Ctrl-C reaches the program as a key (the terminal is in raw mode): it must never lose typing or
/// end the meeting unasked.
@Suite struct CtrlCTests {
    @Test func ctrlCInAFormCancelsItAndTheTypingComesBack() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(), now: Fixture.t0)
        try rt.run("<Enter>3s")
        rt.press(.char("a"))
        rt.type("Half-typed action")
        #expect(rt.screen.view(size: .minimum).text.contains("Add an action"))
        rt.press(.ctrl("c"))
        let screen = rt.screen.view(size: .minimum).text
        #expect(!screen.contains("Add an action"))
        #expect(!screen.contains("Quit marac?"))
        #expect(rt.screen.meeting.state.actions.isEmpty)
        // Opening the form again brings back what was typed, and it can then be finished and saved.
        rt.press(.char("a"))
        #expect(rt.screen.view(size: .minimum).text.contains("Half-typed action"))
        try rt.run(" for the Idva<Tab>Idva<Tab>+7d<Tab>vict<Enter>")
        #expect(rt.screen.meeting.state.actions.map(\.text) == ["Half-typed action for the Idva"])
        // Saved: the next new action starts empty.
        rt.press(.char("a"))
        #expect(!rt.screen.view(size: .minimum).text.contains("Half-typed action for"))
    }

    @Test func anUntouchedFormLeavesNoDraft() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(), now: Fixture.t0)
        try rt.run("<Enter>3s")
        rt.press(.char("o"))
        rt.press(.escape)
        #expect(rt.screen.drafts.isEmpty)
    }

    @Test func ctrlCElsewhereAsksBeforeQuitting() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(), now: Fixture.t0)
        try rt.run("<Enter>3")
        rt.press(.ctrl("c"))
        #expect(rt.screen.view(size: .minimum).text.contains("Quit marac?"))
        #expect(rt.screen.view(size: .minimum).text.contains("already saved"))
        var effects: [Effect] = []
        effects = rt.screen.update(.key(.char("y")))
        #expect(effects == [.quit])
    }
}
