import Testing
@testable import MaracCore

/// `MeetingState` finds actions by id through an index (so folding a long journal is not
/// quadratic). These check it answers exactly as a scan of `actions` would, including after
/// `actions` is changed from outside `apply`.
@Suite struct ActionIndexTests {
    /// A scan of the list: what the index must agree with.
    static func scan(_ s: MeetingState, _ id: String) -> Action? { s.actions.first { $0.id == id } }

    @Test func aDuplicateIDIsRefusedAndUpdatesReachTheFirstAction() {
        var r = Sample.started()
        r.record(.actionAgreed(action: Sample.action("A-1", "MC-1", .housing)))
        r.record(.actionAgreed(action: Sample.action("A-1", "MC-2", .health, text: "a second action with the same id")))
        r.record(.actionAgreed(action: Sample.action("A-2", "MC-2", .children)))
        r.record(.actionStatusUpdated(actionID: "A-2", status: .done, escalated: true, note: "done"))
        r.record(.actionAmended(actionID: "A-1", text: "Amended", owner: "GP", due: nil, category: .health))
        r.record(.actionWithdrawn(actionID: "A-9", reason: "no such action: nothing changes"))
        #expect(r.state.actions.map(\.id) == ["A-1", "A-2"])
        #expect(r.state.action("A-1")?.text == "Amended")
        #expect(r.state.action("A-2")?.status == .done)
        #expect(r.state.action("A-2")?.escalated == true)
        #expect(r.state.action("A-9") == nil)
        #expect(r.state.cases["MC-2"]?.actionIDs == ["A-2"])
    }

    @Test func actionsChangedFromOutsideApplyAreStillFoundAndRefused() {
        var r = Sample.started()
        r.record(.actionAgreed(action: Sample.action("A-1", "MC-1", .housing)))
        r.record(.actionAgreed(action: Sample.action("A-2", "MC-1", .housing)))
        var s = r.state
        // Reordered, one added, one renamed: the index no longer matches the list.
        s.actions.reverse()
        s.actions.append(Sample.action("X-1", "MC-2", .health))
        for id in ["A-1", "A-2", "X-1", "B-1"] { #expect(s.action(id) == Self.scan(s, id)) }
        s.apply(RecordedEvent(seq: 100, at: r.now, event: .actionAgreed(action: Sample.action("X-1", "MC-2", .health, text: "again"))))
        #expect(s.actions.filter { $0.id == "X-1" }.count == 1, "an id added from outside is still a duplicate")
        s.apply(RecordedEvent(seq: 101, at: r.now, event: .actionStatusUpdated(actionID: "A-1", status: .notDone, escalated: false, note: "")))
        #expect(s.action("A-1")?.status == .notDone)
        #expect(s.actions.filter { $0.id == "A-1" }.count == 1)
    }

    @Test func theIndexIsNotPartOfTheStatesValue() {
        var r = Sample.started()
        r.record(.actionAgreed(action: Sample.action("A-1", "MC-1", .housing)))
        var other = r.state
        other.actions = r.state.actions   // same value, set from outside
        #expect(other == r.state)
        #expect(MeetingState.fold(r.meeting.events) == r.state)
    }
}
