import MaracCore
import Testing

/// The fold of corrections and of what one meeting hands to the next (issue 15, items 5 and 6).
@Suite struct CorrectionFoldTests {
    let day = CalendarDate(year: 2026, month: 12, day: 1)!
    var agenda: AgendaCase { AgendaCase(caseRef: "MC-1", victim: "Ann Example", referringAgency: "Police", referralBasis: .actuarial, dashScore: 12) }

    func fold(_ events: [MeetingEvent]) -> MeetingState {
        MeetingState.fold(events.enumerated().map { RecordedEvent(seq: $0.offset + 1, at: Int64($0.offset) * 1000, event: $0.element) })
    }

    @Test func correctionsReplaceTheValueAndKeepTheTrailAlsoAfterTheClose() {
        let info = MeetingInfo(id: "m", date: day, area: "Northvale", chair: "C")
        let s = fold([
            .meetingCreated(info: info, rules: .national), .caseQueued(agendaCase: agenda, late: false),
            .caseCorrected(caseRef: "MC-1", field: .dashScore, value: "15", reason: "mistyped"),
            .meetingClosed,
            .caseCorrected(caseRef: "MC-1", field: .minoritised, value: "yes", reason: "confirmed"),
            // A value that does not read (a hand-edited journal) changes nothing.
            .caseCorrected(caseRef: "MC-1", field: .children, value: "lots", reason: "x"),
        ])
        let c = s.cases["MC-1"]!
        #expect(c.agenda.dashScore == 15 && c.agenda.minoritised == true && c.agenda.children == nil)
        #expect(c.corrections.map(\.summary) == ["DASH score: 12 → 15 (mistyped)", "Black, Asian or racially minoritised: not known → yes (confirmed)"])
        #expect(c.corrections.map(\.afterClose) == [false, true])
    }

    @Test func aCorrectionIsCheckedBeforeItIsWritten() throws {
        let s = fold([.meetingCreated(info: MeetingInfo(id: "m", date: day, area: "N", chair: "C"), rules: .national),
                      .caseQueued(agendaCase: agenda, late: false)])
        #expect(throws: CorrectionProblem.self) { try s.correction(caseRef: "MC-1", field: .dashScore, value: "12", reason: "r").get() }
        #expect(throws: CorrectionProblem.self) { try s.correction(caseRef: "MC-1", field: .dashScore, value: "25", reason: "r").get() }
        #expect(throws: CorrectionProblem.self) { try s.correction(caseRef: "MC-1", field: .victim, value: " ", reason: "r").get() }
        #expect(throws: CorrectionProblem.self) { try s.correction(caseRef: "MC-1", field: .dashScore, value: "14", reason: "").get() }
        #expect(try s.correction(caseRef: "MC-1", field: .referralDate, value: "03/11/2026", reason: "r").get()
                == .caseCorrected(caseRef: "MC-1", field: .referralDate, value: "2026-11-03", reason: "r"))
        #expect(CaseField.parse("dash") == .dashScore && CaseField.parse("sex") == nil && CaseField.parse("victim's sex") == .victimSex)
    }

    @Test func onlyThePreviousMeetingOfTheSameAreaHandsOnItsDeferredCases() {
        func meeting(_ d: Int, _ area: String, defer toNext: Bool) -> MeetingState {
            let date = CalendarDate(year: 2026, month: 11, day: d)!
            return fold([.meetingCreated(info: MeetingInfo(id: MeetingInfo.makeID(date: date, area: area), date: date, area: area, chair: "C"), rules: .national),
                         .caseQueued(agendaCase: agenda, late: false)]
                        + (toNext ? [.caseDeferred(caseRef: "MC-1", toNextMeeting: true, reason: "not briefed")] : []))
        }
        let info = MeetingInfo(id: "2026-12-01-northvale", date: day, area: "Northvale", chair: "C")
        let carried = Continuity.deferredCases(to: info, earlier: [meeting(3, "Northvale", defer: true), meeting(17, "Northvale", defer: false),
                                                                  meeting(24, "Eastbrook", defer: true)], agenda: [])
        #expect(carried.isEmpty, "the latest Northvale meeting (17/11) deferred nothing")
        let now = Continuity.deferredCases(to: info, earlier: [meeting(17, "Northvale", defer: true)], agenda: [agenda])
        #expect(now.map(\.from.summary) == ["deferred from 17/11/2026: not briefed"])
        #expect(now.first?.alreadyOnAgenda == true)
    }
}
