import MaracCore
import Testing
@testable import MaracUI

/// Ctrl-C reaches the program as a key (the terminal is in raw mode): it must never lose typing or
/// end the meeting unasked.
@Suite struct CtrlCTests {
    @Test func ctrlCInAFormCancelsItLikeEsc() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(), now: Fixture.t0)
        try rt.run("<Enter>3s")
        rt.press(.char("a"))
        rt.type("Half-typed action")
        #expect(rt.screen.view(size: .minimum).text.contains("Add an action"))
        rt.press(.ctrl("c"))
        let screen = rt.screen.view(size: .minimum).text
        #expect(!screen.contains("Add an action"))
        #expect(!screen.contains("Quit marac?"))
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
