import MaracCore
import Testing
@testable import MaracUI

/// A whole meeting driven by a `--keys` script through `update`, answered by the fake runtime
/// (write-ahead: every change goes through `Effect.append` → `.appended`).
@Suite("Scripted meeting")
struct ScriptedMeetingTests {
    static let script = """
    # Opening: start the clock, take attendance, read the statement.
    <Enter>
    aPol<Tab>Kim Testwell<Tab><Tab>yes<C-s>
    aId<Tab>Pat Sampleford<Tab><Tab>y<C-s>
    c
    # The first case: start the discussion.
    3s
    <Sleep 4m>
    # Two actions through the form.
    aRefer the perpetrator to the local programme<Tab>Prob<Tab>+7d<Tab>perp<Enter>
    # Probation is not here: who will tell them (the Idva is offered).
    <Enter>
    aCall the victim weekly about the safety plan<Tab>Id<Tab>fri<Tab><Right><Enter>
    # Past the 15-minute limit.
    <Sleep 16m>
    # Close: overrun reason, pass the remaining prompts, close.
    nhistorical information shared<Enter>
    PDiscussed at the strategy meeting<Enter>
    <Enter>
    """

    @Test func aScriptedMeetingEndsInTheExpectedState() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(), now: Fixture.t0)
        try rt.run(Self.script)
        let s = rt.screen.meeting.state

        #expect(s.isStarted)
        #expect(s.attendance.map(\.agency) == ["Police", "Idva"])
        #expect(s.attendance.allSatisfy { $0.role == .present && $0.confidentialityAgreed == true })
        #expect(s.confidentialityRead)

        let actions = s.actions(for: "NV-101")
        #expect(actions.map(\.id) == ["20261201-northvale-1", "20261201-northvale-2"])
        #expect(actions[0].owner == "Probation")
        #expect(s.absentOwnerInformers[actions[0].id] == "Idva")
        #expect(actions[0].category == .perpetrator)
        #expect(actions[0].due == Fixture.date.adding(days: 7))
        #expect(actions[1].owner == "Idva")
        #expect(actions[1].category == .victimSafety)
        #expect(actions[1].due == (try? DueDateInput.parse("fri", today: Fixture.date).get()))

        let c = try #require(s.cases["NV-101"])
        #expect(c.status == .heard)
        #expect(c.elapsedMillis(now: rt.clock) == 20 * 60_000)
        #expect(c.overrunReason == "historical information shared")
        #expect(c.passedPrompts.count == 3)
        #expect(c.passedPrompts.values.allSatisfy { $0 == "Discussed at the strategy meeting" })

        // On to the next waiting case, on the case screen, ready to start.
        #expect(rt.screen.screen == .caseView)
        #expect(rt.screen.agenda.selectedRef == "NV-102")
        #expect(rt.screen.statusMessage?.contains("Next: NV-102") == true)
        // Every change went through the journal, and the state is exactly its fold.
        #expect(MeetingState.fold(rt.screen.meeting.events) == s)
    }

    @Test func theOverrunIsShownBeforeTheCaseCloses() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(), now: Fixture.t0)
        try rt.run("<Enter>3s<Sleep 9m>")
        #expect(rt.text.contains("● ON TIME"))
        try rt.run("<Sleep 1m>")
        #expect(rt.text.contains("▲ MOVE TO ACTIONS"))
        try rt.run("<Sleep 5m>")
        #expect(rt.text.contains("■ OVER LIMIT"))
        try rt.run("b")
        #expect(rt.text.contains("▲ MOVE TO ACTIONS"))
        #expect(rt.screen.meeting.state.cases["NV-101"]?.bonusMinutes == 5)
    }
}
