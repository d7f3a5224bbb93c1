import MaracCore
import Testing
@testable import MaracUI

@Suite struct UndoPauseTests {
    /// Undoing a pause ten minutes later resumes from now: the ten minutes stay out of the discussion.
    @Test func undoingAPauseResumesFromNowWithoutCountingThePause() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(), now: Fixture.t0)
        try rt.run("<Enter>3s<Sleep 2m>p<Sleep 10m>u")
        let state = rt.screen.meeting.state
        let ref = try #require(state.activeCase)
        #expect(!state.isPaused)
        let elapsed = try #require(state.cases[ref]).elapsedMillis(now: rt.clock)
        #expect(elapsed == 120_000)
        #expect(rt.screen.statusMessage?.contains("resumed from now") == true)
    }
}
