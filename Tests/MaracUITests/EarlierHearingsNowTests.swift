import MaracCore
import Testing
@testable import MaracUI

/// An earlier hearing's actions on the case screen are as they stand now: an outcome this meeting's
/// opening review has just recorded shows there at once, not after the journal is opened again.
@Suite struct EarlierHearingsNowTests {
    static let hearing = EarlierHearing(
        meetingID: "2026-11-17-northvale", date: CalendarDate(year: 2026, month: 11, day: 17)!, caseRef: "NV-090",
        victim: "Jane Example", perpetrator: "Mark Example", referralBasis: .actuarial, wasRepeat: false, match: .reference,
        why: "same reference", actions: [
            EarlierAction(id: "20261117-5", text: "Check bail conditions", owner: "Police",
                          due: CalendarDate(year: 2026, month: 11, day: 24), outcome: .open),
            EarlierAction(id: "20261117-6", text: "Refer to the perpetrator programme", owner: "Probation",
                          due: CalendarDate(year: 2026, month: 12, day: 8), outcome: .open),
        ])

    @Test func anOutcomeRecordedAtThisMeetingShowsInTheCasesHistory() throws {
        let timed: [(Int, MeetingEvent)] = [(0, .caseHistoryFound(caseRef: "NV-101", hearings: [Self.hearing]))] + Fixture.opened + [
            (5, .outstandingActionReviewed(actionID: "20261117-5", outcome: .done, note: "Conditions in place")),
            (5, .outstandingActionCarriedForward(actionID: "20261117-6", due: CalendarDate(year: 2027, month: 2, day: 2)!, note: "Waiting list")),
        ]
        var rt = FakeRuntime(meeting: Fixture.meeting(timed), now: Fixture.minutes(6))
        try rt.run("34")
        let text = rt.screen.view(size: Size(cols: 120, rows: 40)).lines().joined(separator: "\n")
        let police = rt.screen.view(size: Size(cols: 120, rows: 40)).lines().first { $0.contains("Police") && $0.contains("due 24/11/2026") } ?? ""
        #expect(police.contains("✓ done"), "reviewed done at this meeting: \(police)\n\(text)")
        let probation = rt.screen.view(size: Size(cols: 120, rows: 40)).lines().first { $0.contains("Probation") && $0.contains("Refer") } ?? ""
        #expect(probation.contains("due 02/02/2027") && probation.contains("still open"), "carried forward to 02/02/2027: \(probation)")
    }
}
