import MaracCore
import Testing
@testable import MaracUI

/// The case as the chair needs it: header with the referral summary, risks, flags and unsafe
/// contact; the history panel; amended notes; the feedback form's warning from the flag alone.
@Suite struct CaseFactsTests {
    static let earlier = [
        EarlierHearing(meetingID: "2026-07-02-northvale", date: CalendarDate(year: 2026, month: 7, day: 2)!, caseRef: "NV-040",
                       victim: "Example Jane", perpetrator: "Mark Example", referralBasis: .actuarial, wasRepeat: false,
                       match: .names, why: "same victim and perpetrator, reference then NV-040", actions: [
                           EarlierAction(id: "20260702-northvale-1", text: "Refer the perpetrator to the programme", owner: "Probation",
                                         due: CalendarDate(year: 2026, month: 7, day: 30), outcome: .done),
                           EarlierAction(id: "20260702-northvale-2", text: "Fit a monitored alarm at the address", owner: "Police",
                                         due: CalendarDate(year: 2026, month: 7, day: 9), outcome: .notDone),
                           EarlierAction(id: "20260702-northvale-3", text: "Weekly safety calls", owner: "Idva", due: nil, outcome: .open),
                       ]),
        EarlierHearing(meetingID: "2026-09-10-northvale", date: CalendarDate(year: 2026, month: 9, day: 10)!, caseRef: "NV-071",
                       victim: "Jane Exampel", perpetrator: "Mark Example", referralBasis: .repeatReferral, wasRepeat: true,
                       match: .possible, why: "similar names, reference then NV-071", actions: []),
    ]

    static var timed: [(Int, MeetingEvent)] {
        Fixture.opened + [
            (4, .caseHistoryFound(caseRef: "NV-101", hearings: earlier)),
            (5, .caseDetailsSet(caseRef: "NV-101", details: CaseDetails(
                referralSummary: "Strangled after she asked him to leave; he has breached bail twice",
                riskFactors: [.other("debt"), .known(.strangulation), .known(.separation), .known(.childContact)],
                flags: [.mappa, .cpPlan, .highConcern], contactSafety: [.phone, .post]))),
            (5, .discussionStarted(caseRef: "NV-101")),
        ]
    }

    func onCase(_ extra: [(Int, MeetingEvent)] = [], keys: String = "4") throws -> FakeRuntime {
        var rt = FakeRuntime(meeting: Fixture.meeting(Self.timed + extra), now: Fixture.minutes(9))
        try rt.run(keys)
        return rt
    }

    @Test func caseHeaderWithHistoryRisksFlagsAndContactSafety() throws {
        Golden.check("case-facts", try onCase().screen)
    }

    @Test func theHistoryPanelShowsEachHearingsActionsAndOutcomes() throws {
        let text = try onCase().screen.view(size: Size(cols: 120, rows: 40)).lines().joined(separator: "\n")
        #expect(text.contains("Earlier hearings (2)"))
        #expect(text.contains("02/07/2026 NV-040"))
        #expect(text.contains("✓ done"))
        #expect(text.contains("✗ not done"))
        #expect(text.contains("… still open"))
        #expect(text.contains("? possible earlier hearing — confirm"))
        #expect(text.contains("Risks: strangulation · separation · child contact · debt"))
        #expect(text.contains("Unsafe contact: phone, post"))
    }

    /// A hearing found under another reference (linked by names) is a previous hearing on the agenda
    /// too, as on the case screen and in the minutes; a possible one is not, until confirmed.
    @Test func theAgendaNamesAnEarlierHearingFoundByNames() throws {
        let rt = try onCase(keys: "3")
        let lines = rt.screen.view(size: Size(cols: 200, rows: 30)).lines()
        let row = try #require(lines.dropFirst(2).first { $0.contains("NV-101") })
        #expect(row.contains("02/07/2026"), "\(row)")
        #expect(!row.contains("10/09/2026"), "a possible earlier hearing is not yet a previous hearing: \(row)")
        #expect(lines.contains { $0.contains("NV-101: referred by") && $0.contains("previous hearings 15/03/2026, 02/07/2026") }, "\(lines.joined(separator: "\n"))")
    }

    @Test func confirmingAPossibleHearingIsRecorded() throws {
        var rt = try onCase(keys: "4H")
        #expect(rt.text.contains("the same case?"))
        try rt.run("yes<Enter>")
        let c = try #require(rt.screen.state.cases["NV-101"])
        #expect(c.unconfirmedHistory.isEmpty)
        #expect(c.confirmedHistory.count == 2)
    }

    @Test func theFlagAloneWarnsInTheFeedbackFormAtOnce() throws {
        var rt = try onCase(keys: "4f")
        try rt.run("<Tab>phone")
        #expect(rt.text.contains("Mark Example has access to her phone"))
    }

    @Test func aNoteIsAmendedWithAReasonAndShownAsAmended() throws {
        var rt = try onCase([(6, .noteAdded(caseRef: "NV-101", agency: "Polce", kind: .riskInformation, text: "Mark Exmaple has a knife"))])
        try rt.run("m<Enter><C-u>Police<Tab><Tab><C-u>Mark Example has a knife<Tab>typos<Enter>")
        let note = try #require(rt.screen.state.cases["NV-101"]?.notes.first)
        #expect(note.text == "Mark Example has a knife")
        #expect(note.agency == "Police")
        #expect(note.revisions.first?.reason == "typos")
        let text = rt.screen.view(size: Size(cols: 120, rows: 40)).lines().joined(separator: "\n")
        #expect(text.contains("(amended) Mark Example has a knife"))
        try rt.run("W<Enter>wrong case<Enter>")
        #expect(rt.screen.state.cases["NV-101"]?.notes.isEmpty == true)
    }

    @Test func caseDetailsAreSetInTheMeeting() throws {
        var rt = try onCase(keys: "4c")
        try rt.run("<Tab><C-u>weapons<Tab><C-u>matac<Tab><C-u>email<Enter>")
        let d = try #require(rt.screen.state.cases["NV-101"]?.details)
        #expect(d.riskFactors == [.known(.weapons)])
        #expect(d.flags == [.matac])
        #expect(d.contactSafety == [.email])
        try rt.run("c<Tab><Tab><C-u>mapa<C-s>")
        #expect(rt.text.contains("'mapa' is not a flag"))
    }
}

/// The summary's word for a case's time agrees with the timer's symbol: at exactly the target the
/// timer shows ▲, so the line says "at target", not "within target".
@Suite struct SummaryTimeWordsTests {
    @Test func aCaseHeardForExactlyItsTargetIsAtTarget() throws {
        let timed = Fixture.opened + [
            (5, MeetingEvent.discussionStarted(caseRef: "NV-101")),
            (15, .discussionEnded(caseRef: "NV-101", overrunReason: nil)),
        ]
        var rt = FakeRuntime(meeting: Fixture.meeting(timed), now: Fixture.minutes(16))
        try rt.run("5")
        let row = try #require(rt.screen.view(size: Size(cols: 120, rows: 40)).lines().first { $0.contains("NV-101") && $0.contains("target") })
        #expect(row.contains("▲ at target"), "\(row)")
    }
}
