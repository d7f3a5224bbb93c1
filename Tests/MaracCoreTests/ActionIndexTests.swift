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

    static func outstanding(_ id: String) -> OutstandingAction {
        OutstandingAction(id: id, meetingDate: CalendarDate(year: 2026, month: 11, day: 17)!, caseRef: "MC-0", text: "Earlier action",
                          owner: "Police", due: nil, category: nil)
    }

    @Test func importedActionsAreKeptOnceAndReviewsReachOnlyThem() {
        var r = Sample.started()
        r.record(.outstandingActionsImported(actions: [Self.outstanding("O-1"), Self.outstanding("O-2"), Self.outstanding("O-1")]))
        #expect(r.state.outstanding.map(\.id) == ["O-1", "O-2"], "each imported once, in order")
        r.record(.outstandingActionsImported(actions: [Self.outstanding("O-2"), Self.outstanding("O-3")]))
        #expect(r.state.outstanding.map(\.id) == ["O-2", "O-3"], "a later import is the list (marac run read the folder again)")
        r.record(.outstandingActionReviewed(actionID: "O-3", outcome: .done, note: "done"))
        r.record(.outstandingActionReviewed(actionID: "O-9", outcome: .done, note: "not imported: nothing changes"))
        #expect(r.state.reviews.keys.sorted() == ["O-3"])
    }

    @Test func outstandingChangedFromOutsideApplyIsStillFound() {
        var r = Sample.started()
        r.record(.outstandingActionsImported(actions: [Self.outstanding("O-1"), Self.outstanding("O-2")]))
        var s = r.state
        s.outstanding.reverse()
        s.outstanding.append(Self.outstanding("X-1"))
        s.apply(RecordedEvent(seq: 100, at: r.now, event: .outstandingActionReviewed(actionID: "X-1", outcome: .notPossible, note: "")))
        #expect(s.reviews["X-1"]?.outcome == .notPossible, "an action added from outside can be reviewed")
        s.apply(RecordedEvent(seq: 101, at: r.now, event: .outstandingActionsImported(actions: [Self.outstanding("X-1"), Self.outstanding("O-1")])))
        #expect(s.outstanding.map(\.id) == ["X-1", "O-1"], "a later import replaces even a list changed from outside")
    }
}
