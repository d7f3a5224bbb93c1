import Testing
@testable import MaracCore

@Suite struct ReducerTests {
    @Test func createdMeetingHoldsTheAgendaInOrder() {
        let r = Sample.started()
        #expect(r.state.info.area == "Northvale")
        #expect(r.state.queue == ["MC-1", "MC-2", "MC-3"])
        #expect(r.state.orderedCases.allSatisfy { $0.status == .waiting })
        #expect(r.state.isStarted)
        #expect(r.state.nextWaitingCase == "MC-1")
    }

    @Test func startingAnotherCasePausesTheFirst() {
        var r = Sample.started()
        r.record(.discussionStarted(caseRef: "MC-1"))
        r.advance(minutes: 4)
        r.record(.discussionStarted(caseRef: "MC-2"))
        #expect(r.state.activeCase == "MC-2")
        #expect(r.state.cases["MC-1"]?.status == .paused)
        #expect(r.state.cases["MC-1"]?.elapsedMillis(now: r.now + 600_000) == 240_000)
        #expect(r.state.cases["MC-2"]?.status == .discussing)
    }

    @Test func pausesDoNotCountTowardsDiscussionTime() {
        var r = Sample.started()
        r.record(.discussionStarted(caseRef: "MC-1"))
        r.advance(minutes: 3)
        r.record(.discussionPaused(caseRef: "MC-1"))
        r.advance(minutes: 10)
        r.record(.discussionResumed(caseRef: "MC-1"))
        r.advance(minutes: 2)
        #expect(r.state.cases["MC-1"]?.elapsedMillis(now: r.now) == 300_000)
    }

    @Test func meetingPauseStopsBothClocks() {
        var r = Sample.started()
        r.record(.discussionStarted(caseRef: "MC-1"))
        r.advance(minutes: 5)
        r.record(.meetingPaused)
        r.advance(minutes: 15)
        #expect(r.state.meetingElapsedMillis(now: r.now) == 300_000)
        #expect(r.state.cases["MC-1"]?.elapsedMillis(now: r.now) == 300_000)
        r.record(.meetingResumed)
        r.advance(minutes: 1)
        #expect(r.state.meetingElapsedMillis(now: r.now) == 360_000)
        #expect(r.state.cases["MC-1"]?.elapsedMillis(now: r.now) == 360_000)
        #expect(r.state.cases["MC-1"]?.status == .discussing)
    }

    @Test func closingACaseRecordsTheOverrunReason() {
        var r = Sample.started()
        r.record(.discussionStarted(caseRef: "MC-1"))
        r.advance(minutes: 17)
        r.record(.discussionEnded(caseRef: "MC-1", overrunReason: "historical information shared"))
        let c = r.state.cases["MC-1"]!
        #expect(c.status == .heard)
        #expect(c.overrunReason == "historical information shared")
        #expect(r.state.activeCase == nil)
        #expect(r.state.phase(of: "MC-1", now: r.now + 3_600_000) == .overLimit)
        #expect(r.state.nextWaitingCase == "MC-2")
    }

    @Test func deferToEndMovesTheCaseLastAndDeferToNextMeetingTakesItOff() {
        var r = Sample.started()
        r.record(.caseDeferred(caseRef: "MC-1", toNextMeeting: false, reason: "representative not briefed"))
        #expect(r.state.queue == ["MC-2", "MC-3", "MC-1"])
        #expect(r.state.cases["MC-1"]?.status == .waiting)
        r.record(.caseDeferred(caseRef: "MC-2", toNextMeeting: true, reason: "referrer absent"))
        #expect(r.state.cases["MC-2"]?.status == .deferredToNextMeeting)
        #expect(r.state.projection(now: r.now).casesLeft == 2)
    }

    @Test func withdrawnCasesKeepTheirReasonAndLeaveTheCount() {
        var r = Sample.started()
        r.record(.caseWithdrawn(caseRef: "MC-3", reason: "moved out of area; transferred to Eastmoor Marac"))
        #expect(r.state.cases["MC-3"]?.status == .withdrawn)
        #expect(r.state.cases["MC-3"]?.withdrawalReason?.contains("Eastmoor") == true)
        #expect(r.state.projection(now: r.now).casesLeft == 2)
    }

    @Test func lateCaseJoinsTheQueueAndCanBeMoved() {
        var r = Sample.started()
        r.record(.caseQueued(agendaCase: Sample.agendaCase("MC-9"), late: true))
        r.record(.caseMoved(caseRef: "MC-9", toPosition: 0))
        #expect(r.state.queue.first == "MC-9")
        #expect(r.state.cases["MC-9"]?.late == true)
        r.record(.caseQueued(agendaCase: Sample.agendaCase("MC-9"), late: true))  // duplicate ref ignored
        #expect(r.state.queue.count == 4)
    }

    @Test func actionsAreAgreedAmendedWithdrawnAndUpdated() {
        var r = Sample.started()
        r.record(.actionAgreed(action: Sample.action("20251201-northvale-1", "MC-1", .victimSafety)))
        r.record(.actionAmended(actionID: "20251201-northvale-1", text: "Fit a Skyguard alarm", owner: "Police",
                                due: CalendarDate(year: 2025, month: 12, day: 5), category: .victimSafety))
        #expect(r.state.action("20251201-northvale-1")?.text == "Fit a Skyguard alarm")
        #expect(r.state.nextActionID == "20251201-northvale-2")
        r.record(.actionStatusUpdated(actionID: "20251201-northvale-1", status: .notDone, escalated: true, note: "no alarm issued"))
        #expect(r.state.action("20251201-northvale-1")?.escalated == true)
        #expect(r.state.action("20251201-northvale-1")?.history.count == 1)
        r.record(.actionWithdrawn(actionID: "20251201-northvale-1", reason: "duplicate"))
        #expect(r.state.action("20251201-northvale-1")?.status == .withdrawn)
        r.record(.actionAgreed(action: Sample.action("x", "NO-SUCH-CASE", .housing)))
        #expect(r.state.action("x") == nil)
    }

    @Test func attendanceIsAnUpsertAndRecordsWhoLeft() {
        var r = Sample.started()
        r.record(.attendanceRecorded(attendance: Attendance(agency: "Children's Social Care", representative: "Sam Ode", role: .present, confidentialityAgreed: true)))
        r.record(.attendanceRecorded(attendance: Attendance(agency: "Idva", representative: "Lee Marr", role: .present, confidentialityAgreed: true)))
        r.record(.attendanceRecorded(attendance: Attendance(agency: "children's social care", representative: "sam ode", role: .present, confidentialityAgreed: false)))
        #expect(r.state.attendance.count == 2)
        #expect(r.state.attendance[0].confidentialityAgreed == false)
        #expect(r.state.idvaPresent)
        r.record(.attendeeLeft(agency: "Children's Social Care", representative: "Sam Ode", afterCase: "MC-1"))
        #expect(r.state.attendance[0].leftAfterCase == "MC-1")
        #expect(r.state.agenciesPresent == ["Children's Social Care", "Idva"])
    }

    @Test func closedMeetingIsLockedUntilReopened() {
        var r = Sample.started()
        r.record(.meetingClosed)
        r.record(.noteAdded(caseRef: "MC-1", agency: "Police", kind: .riskInformation, text: "late note"))
        #expect(r.state.cases["MC-1"]?.notes.isEmpty == true)
        r.record(.meetingReopened(reason: "action owner corrected"))
        r.record(.noteAdded(caseRef: "MC-1", agency: "Police", kind: .riskInformation, text: "late note"))
        #expect(r.state.cases["MC-1"]?.notes.count == 1)
        #expect(r.state.reopenReasons == ["action owner corrected"])
    }

    @Test func undoTakesBackTheLastChangeOnly() {
        var r = Sample.started()
        r.record(.discussionStarted(caseRef: "MC-1"))
        r.record(.actionAgreed(action: Sample.action("20251201-northvale-1", "MC-1", .perpetrator)))
        r.record(.noteAdded(caseRef: "MC-1", agency: "Idva", kind: .victimsViews, text: "Wants to stay at home"))
        let last = r.meeting.lastUndoable!
        #expect(last.event.name == "note added")
        r.record(.undone(seq: last.seq))
        #expect(r.state.cases["MC-1"]?.notes.isEmpty == true)
        #expect(r.state.actions.count == 1)
        let next = r.meeting.lastUndoable!
        #expect(next.event.name == "action agreed")
        r.record(.undone(seq: next.seq))
        #expect(r.state.actions.isEmpty)
        #expect(r.state.cases["MC-1"]?.actionIDs.isEmpty == true)
        // Folding from scratch gives the same state as the live path.
        #expect(MeetingState.fold(r.meeting.events) == r.state)
    }

    @Test func setUpEventsCannotBeUndone() {
        var r = Recorder()
        r.record(.meetingCreated(info: Sample.info, rules: .national))
        r.record(.caseQueued(agendaCase: Sample.agendaCase("MC-1"), late: false))
        #expect(r.meeting.lastUndoable == nil)
    }

    @Test func eventsRoundTripThroughJSON() throws {
        let r = Sample.started()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(r.meeting.events)
        let back = try JSONDecoder().decode([RecordedEvent].self, from: data)
        #expect(back == r.meeting.events)
        #expect(MeetingState.fold(back) == r.state)
    }
}

import Foundation

@Suite struct NextCaseTests {
    /// A case deferred to the end after it had started is paused; it must still come round again.
    @Test func aStartedCaseDeferredToTheEndIsOfferedWhenItsTurnComes() {
        var r = Sample.started()
        r.record(.discussionStarted(caseRef: "MC-1"))
        r.advance(minutes: 3)
        r.record(.caseDeferred(caseRef: "MC-1", toNextMeeting: false, reason: "referrer not briefed"))
        #expect(r.state.cases["MC-1"]?.status == .paused)
        for ref in ["MC-2", "MC-3"] {
            #expect(r.state.nextWaitingCase == ref)
            r.record(.discussionStarted(caseRef: ref))
            r.record(.discussionEnded(caseRef: ref, overrunReason: nil))
        }
        #expect(r.state.nextWaitingCase == "MC-1")
        #expect(r.state.projection(now: r.now).casesLeft == 1)
    }
}
