import MaracCore
import Testing
@testable import MaracUI

@Suite struct SuggestedValueTests {
    @Test func typingOverTheSuggestedFeedbackAgencyReplacesIt() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(), now: Fixture.t0)
        try rt.run("<Enter>3s")
        try rt.run("fPolice<Tab>in p<Tab>At the station<Enter>")
        let ref = try #require(rt.screen.meeting.state.activeCase)
        #expect(rt.screen.meeting.state.cases[ref]?.feedback?.agency == "Police")
    }

    @Test func keepingTheSuggestionKeepsIt() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(), now: Fixture.t0)
        try rt.run("<Enter>3s")
        try rt.run("f<Tab>in p<Tab><Enter>")
        let ref = try #require(rt.screen.meeting.state.activeCase)
        #expect(rt.screen.meeting.state.cases[ref]?.feedback?.agency == "Idva")
    }

    @Test func editingTheSuggestionAfterMovingTheCursorAppends() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(), now: Fixture.t0)
        try rt.run("<Enter>3s")
        try rt.run("f<End> service<Tab>in p<Tab><Enter>")
        let ref = try #require(rt.screen.meeting.state.activeCase)
        #expect(rt.screen.meeting.state.cases[ref]?.feedback?.agency == "Idva service")
    }
}
