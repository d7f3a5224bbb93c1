import MaracCore
import Testing
@testable import MaracUI

/// Issue 15 from the chair's side, scripted through the production loop: what the header, the
/// agenda, the summary and the questions say.
@Suite("The meeting's shape")
struct MeetingShapeUITests {
    @Test func theHeaderShowsTheFinishByTheClockAndElapsedTimesWithAUnit() throws {
        // NV-101 under discussion since 09:35; at 09:47 the meeting has run 17 minutes.
        let rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17), size: Size(cols: 120, rows: 40))
        let header = rt.lines[0]
        #expect(header.contains("▶ Meeting 17:00 min"), "\(header)")
        // Left: the running case (past its 10-minute target), three at 10 minutes and a 1-minute
        // notification: 09:47 + 31 minutes.
        #expect(header.contains("Finish ≈ 10:18 (planned 12:30)"), "\(header)")
        #expect(!header.contains("Proj"))
        // The case timer in the tab row and the agenda's times carry a unit too.
        #expect(rt.lines[1].contains("NV-101 12:00 min"), "\(rt.lines[1])")
    }

    @Test func aClosedMeetingSaysWhenItClosedAsATimeOfDayAndHowLongItTookWithAUnit() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17), size: Size(cols: 120, rows: 40))
        try rt.run("5Cy")
        #expect(rt.screen.meeting.state.isClosed)
        #expect(rt.lines[0].contains("✓ Closed at 09:47 after 17:00 min"), "\(rt.lines[0])")
    }

    @Test func thePlanCanBeChangedInTheMeetingAndTheHeaderFollows() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17), size: Size(cols: 120, rows: 40))
        #expect(!rt.lines[0].contains("not reached"))
        try rt.run("T<C-u>09:30<Tab><C-u>10:00<C-s>")
        #expect(rt.appends.last == [.meetingPlanChanged(startMinutes: 570, endMinutes: 600)])
        #expect(rt.screen.statusMessage == "Planned times now 09:30–10:00 (recorded)")
        // NV-102 ends at 09:57; NV-103, NV-104 and NV-105 would end after 10:00.
        #expect(rt.lines[0].contains("Finish ≈ 10:18 (planned 10:00) · ⚠ 3 not reached"), "\(rt.lines[0])")
        let narrow = rt.screen.view(size: Size(cols: 80, rows: 24)).lines()[0]
        #expect(narrow.contains("17:00 min") && narrow.contains("≈ 10:18 (plan 10:00)") && narrow.contains("⚠ 3 not reached"), "\(narrow)")
        // A bad time is refused in the form, naming the field.
        try rt.run("T<C-u>9:75<C-s>")
        #expect(rt.text.contains("Start: '9:75' is not a time of day (hh:mm)"))
    }

    @Test func startingOnAnotherDayAsksOnceAndCancelLeavesItUnstarted() throws {
        let fortnightLater = Fixture.t0 + 14 * 86_400_000
        var rt = FakeRuntime(meeting: Fixture.meeting(), now: fortnightLater)
        try rt.run("<Enter>")
        #expect(rt.text.contains("Meeting dated 01/12/2026, but today is 15/12/2026: start anyway?"))
        #expect(rt.text.contains("y start anyway · n or Esc cancel"))
        try rt.run("n")
        #expect(!rt.screen.meeting.state.isStarted)
        #expect(rt.appends.isEmpty)
        // Starting a case's discussion starts the clock too: the same question.
        try rt.run("3s")
        #expect(rt.text.contains("start anyway?"))
        try rt.run("y")
        #expect(rt.screen.meeting.state.isStarted)
        #expect(rt.screen.meeting.state.activeCase == "NV-101")
        #expect(rt.screen.screen == .caseView)
    }

    /// A mock is always run on another day than its sample's date: it starts without the question.
    @Test func aMockStartsOnAnotherDayWithoutAsking() throws {
        var info = Fixture.info
        info.training = true
        var events = Fixture.setUp
        events[0] = .meetingCreated(info: info, rules: .national)
        let records = events.enumerated().map { RecordedEvent(seq: $0.offset, at: Fixture.t0 - 3_600_000, event: $0.element) }
        var rt = FakeRuntime(meeting: Meeting(events: records), now: Fixture.t0 + 14 * 86_400_000)
        try rt.run("<Enter>")
        #expect(rt.screen.meeting.state.isStarted)
        #expect(!rt.text.contains("start anyway"))
    }

    @Test func startingOnTheMeetingDateAsksNothing() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(), now: Fixture.t0)
        try rt.run("<Enter>")
        #expect(rt.screen.meeting.state.isStarted)
        #expect(!rt.text.contains("start anyway"))
    }

    @Test func closingWithOutstandingActionsNeverReviewedAsksNamingHowMany() throws {
        // Three actions were brought to the meeting and one was reviewed.
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.opened), now: Fixture.minutes(30))
        try rt.run("5C")
        #expect(rt.text.contains("⚠ 2 outstanding actions were never reviewed (2 Review)"))
        #expect(rt.text.contains("y close anyway · n or Esc no"))
        try rt.run("n")
        #expect(!rt.screen.meeting.state.isClosed)
        // Once they are all reviewed the question no longer warns.
        // Each row by its place (kkk to the top), whether or not the cursor moves on after a save.
        try rt.run("2kkk<Enter>done<C-s>kkkj<Enter>done<C-s>kkkjj<Enter>done<C-s>5C")
        #expect(rt.screen.meeting.state.unreviewedOutstanding.isEmpty)
        #expect(!rt.text.contains("never reviewed"))
    }

    @Test func theSummaryCountsHeardCasesAsTheMinutesDo() throws {
        // NV-101 heard, the 12-month notification NV-105 read out.
        let events: [(Int, MeetingEvent)] = Fixture.opened + [
            (5, .discussionStarted(caseRef: "NV-101")), (15, .discussionEnded(caseRef: "NV-101", overrunReason: nil)),
            (16, .discussionStarted(caseRef: "NV-105")), (17, .discussionEnded(caseRef: "NV-105", overrunReason: nil)),
        ]
        var rt = FakeRuntime(meeting: Fixture.meeting(events), now: Fixture.minutes(18), size: Size(cols: 120, rows: 40))
        try rt.run("5")
        #expect(rt.text.contains("Cases heard: 1 · 12-month notifications read: 1 · on the agenda: 5"), "\(rt.text)")
        #expect(!rt.text.contains("Cases heard: 2"))
    }

    @Test func sectionHeadingsNeverRepeatAfterReordering() throws {
        // NV-101 (with children) moved to the end, after the adult-only cases and the notification.
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.opened), now: Fixture.minutes(30), size: Size(cols: 120, rows: 40))
        try rt.run("3JJJJ")
        #expect(rt.screen.meeting.state.queue.last == "NV-101")
        for title in ["Cases with children", "Adult-only cases", "12 months passed (notification)"] {
            #expect(rt.lines.filter { $0.contains(title) }.count == 1, "'\(title)' is not shown exactly once:\n\(rt.text)")
        }
        // The moved case says its own section.
        #expect(rt.text.contains("NV-101: referred by Police") && rt.text.contains("cases with children, moved"))
    }

    @Test func anyOtherBusinessHasNotesAndActionsAndIsInTheSummary() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.opened), now: Fixture.minutes(30), size: Size(cols: 120, rows: 40))
        try rt.run("3BChange to the referral form<Tab>Police<C-s>")
        #expect(rt.text.contains("Any other business AOB-1 · Change to the referral form"))
        #expect(rt.text.contains("Raised by Police"))
        try rt.run("oPolice<Tab><Tab>The new form is used from January<C-s>")
        try rt.run("aSend the new referral form to every agency<Tab>Police<Tab>+7d<Tab>vict<Enter>")
        let s = rt.screen.meeting.state
        #expect(s.aob.first?.notes.map(\.text) == ["The new form is used from January"])
        #expect(s.actions(for: "AOB-1").map(\.owner) == ["Police"])
        #expect(rt.text.contains("Send the new referral form to every agency"))
        // On the agenda, after the cases.
        try rt.run("<Esc>")
        let agenda = rt.lines
        let aobRow = try #require(agenda.firstIndex { $0.contains("Any other business") })
        let lastCase = try #require(agenda.lastIndex { $0.contains("NV-105") })
        #expect(aobRow > lastCase)
        try rt.run("5")
        #expect(rt.text.contains("Any other business: 1"))
        #expect(rt.text.contains("AOB-1 Change to the referral form (raised by Police) · 1 note · 1 action"))
    }

    @Test func theNextMeetingIsSetOnTheSummary() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.opened), now: Fixture.minutes(30), size: Size(cols: 120, rows: 40))
        try rt.run("5")
        #expect(rt.text.contains("Next meeting: not set — N sets its date and venue"))
        try rt.run("N<C-u>15/12/2026<Tab><C-u>Civic Centre Room 4<C-s>")
        #expect(rt.appends.last == [.nextMeetingSet(date: CalendarDate(year: 2026, month: 12, day: 15)!, venue: "Civic Centre Room 4")])
        #expect(rt.text.contains("Next meeting: 15/12/2026 at Civic Centre Room 4"))
        // Not before this meeting.
        try rt.run("N<C-u>30/11/2026<C-s>")
        #expect(rt.text.contains("The next meeting must be after this one (01/12/2026)"))
    }
}
