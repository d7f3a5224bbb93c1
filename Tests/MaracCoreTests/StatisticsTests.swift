import Testing
@testable import MaracCore

// Fictional meetings for the quarterly return. Every expected figure below is worked out by hand
// from this table (the arithmetic is in the comment beside each literal).
//
// Q3 2026 = 01/07/2026–30/09/2026 (92 days). Meetings A 08/07, B 12/08, C 23/09; Z 24/06 and
// D 07/10 fall outside and must not count.
//
// | case | referrer          | repeat          | children | sex  | minor. | lgbt | disab. | 16–17 | perp<18 | referred   | minutes      |
// |------|-------------------|-----------------|----------|------|--------|------|--------|-------|---------|------------|--------------|
// | A1   | Police            | heard 10/01/26  | 2        | F    | yes    | no   | yes    | no    | no      | 30/06/2026 | 10           |
// | A2   | Idva              | —               | 0        | M    | no     | yes  | blank  | yes   | no      | 24/06/2026 | 16 (overrun) |
// | A3   | Police            | deferred to the next meeting                                                                  |
// | A4   | GP                | withdrawn                                                                                     |
// | A5   | Police            | 12-month notification, read out (closed as heard but not a case heard)                        |
// | B1   | Police            | agenda says yes | 3        | F    | blank  | no   | no     | no    | no      | 01/08/2026 | 18 (+5 bonus)|
// | B2   | Police            | —               | blank    | blank| no     | blank| yes    | no    | yes     | blank      | 8            |
// | B3   | Housing           | —               | 1        | F    | yes    | no   | no     | blank | no      | 12/07/2026 | not timed    |
// | C1   | Northshire Police | —               | 0        | male | no     | no   | no     | no    | blank   | 20/09/2026 | 5 + 7 paused |

private func date(_ iso: String) -> CalendarDate { CalendarDate.parse(iso)! }
private let minute: Int64 = 60_000
/// Noon UTC on a day, in epoch milliseconds.
private func noon(_ iso: String) -> Int64 { Int64(date(iso).dayNumber) * 86_400_000 + 12 * 60 * minute }

private struct MeetingBuilder {
    var events: [RecordedEvent] = []
    var clock: Int64
    let date: CalendarDate

    init(_ iso: String, id: String) {
        date = CalendarDate.parse(iso)!
        clock = Int64(date.dayNumber) * 86_400_000 + 9 * 60 * minute
        add(.meetingCreated(info: MeetingInfo(id: id, date: date, area: "Northshire", chair: "Chair A"), rules: .national))
    }

    mutating func add(_ event: MeetingEvent) {
        events.append(RecordedEvent(seq: events.count, at: clock, event: event))
    }

    mutating func queue(_ c: AgendaCase) { add(.caseQueued(agendaCase: c, late: false)) }
    mutating func start() { add(.meetingStarted) }
    mutating func wait(_ minutes: Int64) { clock += minutes * minute }

    mutating func hear(_ ref: String, minutes: Int64, bonus: Int = 0) {
        add(.discussionStarted(caseRef: ref))
        if bonus > 0 { add(.bonusMinutesGranted(caseRef: ref, minutes: bonus)) }
        wait(minutes)
        add(.discussionEnded(caseRef: ref, overrunReason: nil))
    }

    mutating func attend(_ agency: String, _ role: AttendanceRole) {
        add(.attendanceRecorded(attendance: Attendance(agency: agency, representative: "Rep \(agency)", role: role)))
    }

    mutating func agree(_ id: String, case ref: String, owner: String, due: String) {
        add(.actionAgreed(action: Action(id: id, caseRef: ref, text: "Fictional action \(id)", owner: owner,
                                         due: CalendarDate.parse(due), category: .victimSafety)))
    }

    var state: MeetingState { MeetingState.fold(events) }
}

private func agenda(_ ref: String, _ agency: String, repeatFlag: Bool? = nil, previous: [String] = [],
                    children: Int?, sex: String?, minoritised: Bool?, lgbt: Bool?, disabled: Bool?,
                    aged16to17: Bool?, perpetratorUnder18: Bool?, referred: String?, notification: Bool = false) -> AgendaCase {
    AgendaCase(caseRef: ref, victim: "Victim \(ref)", perpetrator: "Perpetrator \(ref)", referringAgency: agency,
               referralBasis: .actuarial, dashScore: 16, referralDate: referred.map(date), repeatFlag: repeatFlag,
               previousHearings: previous.map(date), children: children, victimSex: sex, minoritised: minoritised,
               lgbt: lgbt, disabled: disabled, aged16to17: aged16to17, perpetratorUnder18: perpetratorUnder18,
               notification: notification)
}

private func plain(_ ref: String, _ agency: String, notification: Bool = false) -> AgendaCase {
    agenda(ref, agency, children: nil, sex: nil, minoritised: nil, lgbt: nil, disabled: nil, aged16to17: nil,
           perpetratorUnder18: nil, referred: nil, notification: notification)
}

private func sampleMeetings() -> [MeetingState] {
    // Z: before the quarter.
    var z = MeetingBuilder("2026-06-24", id: "2026-06-24-northshire")
    z.queue(plain("Z1", "Police"))
    z.attend("Fire and Rescue", .present)
    z.start(); z.hear("Z1", minutes: 30)
    z.agree("20260624-1", case: "Z1", owner: "Police", due: "2026-07-01")
    z.add(.meetingClosed)

    var a = MeetingBuilder("2026-07-08", id: "2026-07-08-northshire")
    a.queue(agenda("A1", "Police", previous: ["2026-01-10"], children: 2, sex: "F", minoritised: true, lgbt: false,
                   disabled: true, aged16to17: false, perpetratorUnder18: false, referred: "2026-06-30"))
    a.queue(agenda("A2", "Idva", children: 0, sex: "M", minoritised: false, lgbt: true, disabled: nil,
                   aged16to17: true, perpetratorUnder18: false, referred: "2026-06-24"))
    a.queue(plain("A3", "Police"))
    a.queue(plain("A4", "GP"))
    a.queue(plain("A5", "Police", notification: true))
    a.attend("Police", .present)
    a.attend("Idva", .present)
    a.attend("Children's Social Care", .apologies)
    a.attend("University", .observer)
    a.start()
    a.hear("A1", minutes: 10)
    a.hear("A2", minutes: 16)
    a.add(.caseDeferred(caseRef: "A3", toNextMeeting: true, reason: "Referrer not briefed"))
    a.add(.caseWithdrawn(caseRef: "A4", reason: "Moved out of area"))
    a.hear("A5", minutes: 1)
    a.agree("20260708-1", case: "A1", owner: "Police", due: "2026-07-20")
    a.agree("20260708-2", case: "A1", owner: "Children's Social Care", due: "2026-07-31")
    a.agree("20260708-3", case: "A2", owner: "Idva", due: "2026-10-15")
    a.agree("20260708-4", case: "A2", owner: "Housing", due: "2026-07-15")
    a.add(.actionWithdrawn(actionID: "20260708-4", reason: "Duplicate"))
    a.add(.meetingClosed)

    var b = MeetingBuilder("2026-08-12", id: "2026-08-12-northshire")
    b.add(.outstandingActionsImported(actions: [OutstandingAction(
        id: "20260708-2", meetingDate: date("2026-07-08"), caseRef: "A1", text: "Fictional action",
        owner: "Children's Social Care", due: date("2026-07-31"), category: .children)]))
    b.queue(agenda("B1", "Police", repeatFlag: true, children: 3, sex: "F", minoritised: nil, lgbt: false,
                   disabled: false, aged16to17: false, perpetratorUnder18: false, referred: "2026-08-01"))
    b.queue(agenda("B2", "Police", children: nil, sex: nil, minoritised: false, lgbt: nil, disabled: true,
                   aged16to17: false, perpetratorUnder18: true, referred: nil))
    b.queue(agenda("B3", "Housing", children: 1, sex: "F", minoritised: true, lgbt: false, disabled: false,
                   aged16to17: nil, perpetratorUnder18: false, referred: "2026-07-12"))
    b.attend("Police", .present)
    b.attend("Idva", .apologies)
    b.attend("Health", .present)
    b.start()
    b.add(.outstandingActionReviewed(actionID: "20260708-2", outcome: .notDone, note: "No visit made"))
    b.hear("B1", minutes: 18, bonus: 5)
    b.hear("B2", minutes: 8)
    b.add(.discussionEnded(caseRef: "B3", overrunReason: nil))  // closed without the clock running
    b.agree("20260812-1", case: "B1", owner: "police", due: "2026-09-01")
    b.agree("20260812-2", case: "B3", owner: "Housing", due: "2026-09-30")
    b.agree("20260812-3", case: "B2", owner: "Police", due: "2026-09-10")
    b.add(.meetingClosed)

    var c = MeetingBuilder("2026-09-23", id: "2026-09-23-northshire")
    c.queue(agenda("C1", "Northshire Police", children: 0, sex: "male", minoritised: false, lgbt: false,
                   disabled: false, aged16to17: false, perpetratorUnder18: nil, referred: "2026-09-20"))
    c.attend("Police", .present)
    c.attend("Housing", .absent)
    c.start()
    c.add(.discussionStarted(caseRef: "C1")); c.wait(5)
    c.add(.discussionPaused(caseRef: "C1")); c.wait(2)
    c.add(.discussionResumed(caseRef: "C1")); c.wait(7)
    c.add(.discussionEnded(caseRef: "C1", overrunReason: nil))
    c.agree("20260923-1", case: "C1", owner: "Probation", due: "2026-10-01")
    c.add(.meetingClosed)

    // D: after the quarter. Its review of C's action is after the period end, so it must not count.
    var d = MeetingBuilder("2026-10-07", id: "2026-10-07-northshire")
    d.add(.outstandingActionsImported(actions: [OutstandingAction(
        id: "20260923-1", meetingDate: date("2026-09-23"), caseRef: "C1", text: "Fictional action",
        owner: "Probation", due: date("2026-10-01"), category: .perpetrator)]))
    d.queue(plain("D1", "Police"))
    d.start()
    d.add(.outstandingActionReviewed(actionID: "20260923-1", outcome: .notDone, note: "Not done"))
    d.hear("D1", minutes: 40)

    // Out of date order on purpose: the report sorts by meeting date.
    return [c.state, z.state, a.state, d.state, b.state]
}

private let tracker = [
    ActionStatusChange(actionID: "20260708-1", status: .done, escalated: false, at: noon("2026-07-18")),
    ActionStatusChange(actionID: "20260812-3", status: .open, escalated: true, at: noon("2026-09-15")),
    // After the period end: must not count.
    ActionStatusChange(actionID: "20260812-1", status: .done, escalated: false, at: noon("2026-10-02")),
]

private let q3 = try! ReportPeriod.quarter("2026Q3")

@Suite("Report period")
struct ReportPeriodTests {
    @Test("calendar quarters", arguments: [
        ("2026Q1", "2026-01-01", "2026-03-31"), ("2026q2", "2026-04-01", "2026-06-30"),
        ("2026-Q3", "2026-07-01", "2026-09-30"), ("2028Q1", "2028-01-01", "2028-03-31"),
        ("2026Q4", "2026-10-01", "2026-12-31"),
    ])
    func quarters(text: String, from: String, to: String) throws {
        let p = try ReportPeriod.quarter(text)
        #expect(p.from == date(from))
        #expect(p.to == date(to))
    }

    @Test("impossible quarters are refused", arguments: ["2026Q5", "26Q1", "2026Q0", "2026", "Q3", "2026Q3x", "20260Q1", ""])
    func badQuarters(text: String) {
        #expect(throws: ReportPeriod.Problem.badQuarter(text)) { try ReportPeriod.quarter(text) }
    }

    @Test func daysInPeriod() throws {
        #expect(q3.days == 92)  // 31 (Jul) + 31 (Aug) + 30 (Sep)
        #expect(try ReportPeriod.quarter("2028Q1").days == 91)  // 31 + 29 (leap) + 31
        #expect(try ReportPeriod.range(from: "05/08/2026", to: "2026-08-05").days == 1)
    }

    @Test func dateRanges() throws {
        let p = try ReportPeriod.range(from: "15/07/2026", to: "2026-08-31")
        #expect(p.from == date("2026-07-15") && p.to == date("2026-08-31"))
        #expect(throws: ReportPeriod.Problem.fromAfterTo(from: date("2026-09-01"), to: date("2026-08-01"))) {
            try ReportPeriod.range(from: "01/09/2026", to: "01/08/2026")
        }
        #expect(throws: ReportPeriod.Problem.badDate("31/09/2026")) { try ReportPeriod.range(from: "31/09/2026", to: "01/10/2026") }
        #expect(throws: ReportPeriod.Problem.badDate("2026-13-01")) { try ReportPeriod.range(from: "01/01/2026", to: "2026-13-01") }
        #expect(String(describing: ReportPeriod.Problem.fromAfterTo(from: date("2026-09-01"), to: date("2026-08-01")))
                .contains("01/09/2026"))
    }
}

@Suite("Recommended ranges")
struct RecommendedRangeTests {
    @Test("marks at and around the ends", arguments: [
        (27.9, RangeMark.below), (28.0, .within), (33.3, .within), (40.0, .within), (40.1, .above),
    ])
    func repeatRate(percent: Double, expected: RangeMark) {
        #expect(RecommendedRange.repeatRate.mark(percent) == expected)
    }

    @Test func openEndedAndLabels() {
        #expect(RecommendedRange.volume.mark(79.9) == .below)
        #expect(RecommendedRange.volume.mark(250) == .within)
        #expect(RecommendedRange.lgbt.label == "2.5–5.8 %")
        #expect(RecommendedRange.volume.label == "at least 80 %")
        #expect(RangeMark.above.label == "▲ above")
        #expect(formatPercent(100.0 / 3) == "33.3")
        #expect(formatPercent(40) == "40.0")
    }
}

@Suite("Spread")
struct SpreadTests {
    @Test func evenCountInterpolates() {
        // sorted [2, 4, 6, 10]: median at position 1.5 → (4 + 6) / 2 = 5;
        // lower quartile at 0.75 → 2 + 0.75 × (4 − 2) = 3.5; upper at 2.25 → 6 + 0.25 × (10 − 6) = 7
        let s = Spread([10, 2, 6, 4])!
        #expect(s.median == 5)
        #expect(s.lowerQuartile == 3.5)
        #expect(s.upperQuartile == 7)
        #expect(s.min == 2 && s.max == 10 && s.count == 4)
        #expect(Spread([]) == nil)
        #expect(Spread([7])!.median == 7)
    }
}

@Suite("Quarterly data return")
struct DataReturnTests {
    let ret = DataReturn(meetings: sampleMeetings(), period: q3,
                         options: DataReturnOptions(minoritisedPopulationPercent: 25, adultFemalePopulation: 15_000))

    @Test func casesHeardCountOnlyHeardCasesInThePeriod() {
        // A1 A2 + B1 B2 B3 + C1 = 6. Not: A3 (deferred), A4 (withdrawn), A5 (notification), Z1, D1.
        #expect(ret.casesHeard.count == 6)
        #expect(ret.deferred == 1)
        #expect(ret.withdrawn == 1)
        #expect(ret.notifications == 1)
        #expect(ret.meetings.map(\.date) == [date("2026-07-08"), date("2026-08-12"), date("2026-09-23")])
    }

    @Test func repeatRate() {
        // A1 (heard 10/01/2026, referred 30/06/2026: within 12 months) + B1 (agenda flag) = 2; 2 / 6 = 33.3 %
        #expect(ret.repeats.count == 2)
        #expect(ret.repeats.denominator == 6)
        #expect(formatPercent(ret.repeats.percent!) == "33.3")
        #expect(ret.repeats.mark == .within)  // 28 ≤ 33.3 ≤ 40
    }

    @Test func childrenSumAndUnknown() {
        // 2 + 0 + 3 + 1 + 0 = 6; B2 blank → unknown 1
        #expect(ret.children.count == 6)
        #expect(ret.children.unknown == 1)
        #expect(ret.children.mark == nil)
    }

    @Test func equalityFields() {
        // Male: A2 "M" + C1 "male" = 2 of 6 = 33.3 % → above 5–10 %; B2 blank → unknown 1
        #expect(ret.maleVictims.count == 2 && ret.maleVictims.unknown == 1)
        #expect(ret.maleVictims.mark == .above)
        // Minoritised: A1 + B3 = 2 of 6 = 33.3 % ≥ local 25 % → within; B1 blank → unknown 1
        #expect(ret.minoritised.count == 2 && ret.minoritised.unknown == 1)
        #expect(ret.minoritised.mark == .within)
        // LGBT+: A2 = 1 of 6 = 16.7 % → above 2.5–5.8 %; B2 blank → unknown 1
        #expect(ret.lgbt.count == 1 && ret.lgbt.unknown == 1)
        #expect(formatPercent(ret.lgbt.percent!) == "16.7")
        #expect(ret.lgbt.mark == .above)
        // Disabled: A1 + B2 = 2 of 6 = 33.3 %, no range; A2 blank → unknown 1
        #expect(ret.disabled.count == 2 && ret.disabled.unknown == 1 && ret.disabled.mark == nil)
        #expect(ret.disabled.context?.contains("19 %") == true)
        // Aged 16–17: A2 = 1 of 6 = 16.7 %; B3 blank → unknown 1
        #expect(ret.aged16to17.count == 1 && ret.aged16to17.unknown == 1)
        #expect(formatPercent(ret.aged16to17.percent!) == "16.7")
        // Perpetrators 17 or under: B2 = 1 (a count); C1 blank → unknown 1
        #expect(ret.perpetratorsUnder18.count == 1 && ret.perpetratorsUnder18.unknown == 1)
    }

    @Test func unknownIsNotCountedAsNo() {
        // Without a population figure the minoritised share has no range and no mark.
        let plain = DataReturn(meetings: sampleMeetings(), period: q3)
        #expect(plain.minoritised.range == nil && plain.minoritised.mark == nil)
        // 2 of 6: the blank is in neither the count nor taken out of the denominator.
        #expect(plain.minoritised.denominator == 6)
        // A local population of 40 %: 33.3 % is below it.
        let high = DataReturn(meetings: sampleMeetings(), period: q3, options: DataReturnOptions(minoritisedPopulationPercent: 40))
        #expect(high.minoritised.mark == .below)
    }

    @Test func referralSources() {
        // Police: A1 B1 B2 + "Northshire Police" C1 = 4 of 6 = 66.7 % → within 60–75 %; partners 2 of 6 = 33.3 % → within 25–40 %
        #expect(ret.policeReferrals.count == 4)
        #expect(formatPercent(ret.policeReferrals.percent!) == "66.7")
        #expect(ret.policeReferrals.mark == .within)
        #expect(ret.partnerReferrals.count == 2 && ret.partnerReferrals.mark == .within)
        // Most first; ties in first-seen order (Idva at A, Housing at B, Northshire Police at C).
        #expect(ret.referralSources.map(\.label) == ["Police", "Idva", "Housing", "Northshire Police"])
        #expect(ret.referralSources.map(\.count) == [3, 1, 1, 1])
    }

    @Test func volumeAgainstRecommendation() throws {
        let v = try #require(ret.volume)
        // 6 cases in 92 days → 6 × 365 / 92 = 23.80 a year; 15,000 × 40 / 10,000 = 60 recommended;
        // 23.80 / 60 = 39.7 % → below "at least 80 %"
        #expect(formatNumber(v.casesPerYear) == "23.8")
        #expect(v.recommendedPerYear == 60)
        #expect(formatPercent(v.percentOfRecommendation!) == "39.7")
        #expect(v.mark == .below)
        #expect(DataReturn(meetings: sampleMeetings(), period: q3).volume == nil)
    }

    @Test func perMeetingRows() {
        let rows = ret.meetings
        // A: A1 A2 heard; repeat A1; children 2 + 0; male A2; minoritised A1; lgbt A2; disabled A1; 16–17 A2; police A1
        #expect(rows[0].casesHeard == 2 && rows[0].repeats == 1 && rows[0].children == 2 && rows[0].maleVictims == 1)
        #expect(rows[0].minoritised == 1 && rows[0].lgbt == 1 && rows[0].disabled == 1 && rows[0].aged16to17 == 1)
        #expect(rows[0].perpetratorsUnder18 == 0 && rows[0].policeReferrals == 1 && rows[0].deferred == 1 && rows[0].withdrawn == 1)
        // B: 3 heard; repeat B1; children 3 + blank + 1 = 4; police B1 B2; perpetrator under 18 B2
        #expect(rows[1].casesHeard == 3 && rows[1].repeats == 1 && rows[1].children == 4)
        #expect(rows[1].policeReferrals == 2 && rows[1].perpetratorsUnder18 == 1 && rows[1].disabled == 1)
        // C: 1 heard, male, police
        #expect(rows[2].casesHeard == 1 && rows[2].maleVictims == 1 && rows[2].policeReferrals == 1)
        // The per-meeting rows add up to the totals.
        #expect(rows.reduce(0) { $0 + $1.casesHeard } == ret.casesHeard.count)
        #expect(rows.reduce(0) { $0 + $1.children } == ret.children.count)
    }

    @Test func emptyPeriod() throws {
        let r = DataReturn(meetings: sampleMeetings(), period: try ReportPeriod.quarter("2025Q1"))
        #expect(r.meetings.isEmpty && r.casesHeard.count == 0)
        #expect(r.repeats.percent == nil && r.repeats.mark == nil)  // nothing to take a percentage of
    }
}

@Suite("Governance figures")
struct GovernanceTests {
    let gov = Governance(meetings: sampleMeetings(), period: q3, tracker: tracker)

    @Test func timePerCase() throws {
        // Timed cases: A1 10, A2 16, B1 18, B2 8, C1 5 + 7 = 12 (the 2-minute pause excluded); B3 untimed.
        // sorted [8, 10, 12, 16, 18]: median 12; quartiles at positions 1 and 3 → 10 and 16.
        let t = try #require(gov.minutesPerCase)
        #expect(t.count == 5)
        #expect(t.median == 12 && t.lowerQuartile == 10 && t.upperQuartile == 16)
        #expect(t.min == 8 && t.max == 18)
        #expect(gov.casesWithoutTime == 1)
    }

    @Test func overruns() {
        // A2 16 > 15 → over. B1 18 ≤ 15 + 5 bonus → not over. 1 of 5 timed = 20 %.
        #expect(gov.overruns.count == 1 && gov.overruns.denominator == 5)
        #expect(gov.overruns.percent == 20)
        #expect(gov.limitMinutes == 15)
    }

    @Test func casesPerMeetingAndReferralDelay() throws {
        // Cases per meeting [2, 3, 1] → sorted [1, 2, 3]: median 2; lower quartile at 0.5 → 1.5; upper at 1.5 → 2.5
        let perMeeting = try #require(gov.casesPerMeeting)
        #expect(perMeeting.median == 2 && perMeeting.lowerQuartile == 1.5 && perMeeting.upperQuartile == 2.5)
        // Days referral → hearing: A1 30/06→08/07 = 8, A2 24/06→08/07 = 14, B1 01/08→12/08 = 11,
        // B3 12/07→12/08 = 31, C1 20/09→23/09 = 3 → sorted [3, 8, 11, 14, 31]: median 11, max 31; B2 blank
        let delay = try #require(gov.daysReferralToHearing)
        #expect(delay.median == 11 && delay.max == 31 && delay.min == 3)
        #expect(gov.referralDateUnknown == 1)
    }

    @Test func actionsByAgencyAtPeriodEnd() {
        let byName = Dictionary(uniqueKeysWithValues: gov.actionsByAgency.map { ($0.agency, $0) })
        #expect(gov.actionsByAgency.map(\.agency) == ["Children's Social Care", "Housing", "Idva", "Police", "Probation"])
        // Police: 20260708-1 done (tracker 18/07); 20260812-1 ("police") open, due 01/09 → overdue (its
        // tracker "done" is 02/10, after the period); 20260812-3 open, due 10/09 → overdue, escalated (tracker 15/09)
        #expect(byName["Police"] == AgencyActions(agency: "Police", agreed: 3, done: 1, open: 2, overdue: 2,
                                                  notDone: 0, notPossible: 0, escalated: 1))
        // CSC: 20260708-2 reviewed "not done" at B (12/08) → not done, escalated
        #expect(byName["Children's Social Care"]?.notDone == 1 && byName["Children's Social Care"]?.escalated == 1)
        // Housing: 20260708-4 withdrawn (not counted); 20260812-2 open, due 30/09 = the last day → overdue
        #expect(byName["Housing"]?.agreed == 1 && byName["Housing"]?.overdue == 1)
        // Idva: due 15/10, after the period → open, not overdue
        #expect(byName["Idva"]?.open == 1 && byName["Idva"]?.overdue == 0)
        // Probation: D's "not done" review is on 07/10, after the period → still open at 30/09, due 01/10
        #expect(byName["Probation"] == AgencyActions(agency: "Probation", agreed: 1, done: 0, open: 1, overdue: 0,
                                                     notDone: 0, notPossible: 0, escalated: 0))
        // Totals: 3 + 1 + 1 + 1 + 1 = 7 agreed; overdue 2 + 1 = 3; escalated 1 + 1 = 2
        #expect(gov.totalActions.agreed == 7 && gov.totalActions.overdue == 3 && gov.totalActions.escalated == 2)
        #expect(gov.usedTracker)
    }

    @Test func withoutTheTrackerStatusesComeFromMeetingsAlone() {
        let g = Governance(meetings: sampleMeetings(), period: q3)
        #expect(!g.usedTracker)
        let police = g.actionsByAgency.first { $0.agency == "Police" }
        // No tracker: all three police actions open; each due before 30/09 → 3 overdue; nothing escalated.
        #expect(police?.open == 3 && police?.overdue == 3 && police?.escalated == 0)
        // The review at meeting B still counts: it is in a meeting journal.
        #expect(g.actionsByAgency.first { $0.agency == "Children's Social Care" }?.notDone == 1)
    }

    @Test func attendanceByAgency() {
        // Registers: A Police✓ Idva✓ CSC apologies (observer ignored); B Police✓ Idva apologies Health✓;
        // C Police✓ Housing absent. An agency missing from a register counts as absent there.
        let rows = Dictionary(uniqueKeysWithValues: gov.attendance.map { ($0.agency, $0) })
        #expect(gov.attendance.map(\.agency) == ["Children's Social Care", "Health", "Housing", "Idva", "Police"])
        #expect(rows["Police"] == AgencyAttendance(agency: "Police", present: 3, apologies: 0, absent: 0))
        #expect(rows["Idva"] == AgencyAttendance(agency: "Idva", present: 1, apologies: 1, absent: 1))
        #expect(rows["Children's Social Care"] == AgencyAttendance(agency: "Children's Social Care", present: 0, apologies: 1, absent: 2))
        #expect(rows["Housing"] == AgencyAttendance(agency: "Housing", present: 0, apologies: 0, absent: 3))
        #expect(rows["Fire and Rescue"] == nil)  // only at meeting Z, before the quarter
    }

    @Test func undoneTrackerEventsAndOtherMeetingsUpdates() {
        // Tracker: seq 0 marks the Idva action done, seq 1 undoes it → it stays open.
        let trackerEvents = [
            RecordedEvent(seq: 0, at: noon("2026-08-01"), event: .actionStatusUpdated(actionID: "20260708-3", status: .done, escalated: false, note: "")),
            RecordedEvent(seq: 1, at: noon("2026-08-01") + 1, event: .undone(seq: 0)),
        ]
        #expect(ActionStatusChange.fromTracker(trackerEvents).isEmpty)
        // A later meeting's journal records the Idva action as done: it counts; its own action's update does not
        // appear twice (it is already in the action's history).
        var later = MeetingBuilder("2026-09-02", id: "2026-09-02-northshire")
        later.queue(plain("L1", "Police"))
        later.start()
        later.agree("20260902-1", case: "L1", owner: "Police", due: "2026-12-01")
        later.add(.actionStatusUpdated(actionID: "20260902-1", status: .done, escalated: false, note: ""))
        later.add(.actionStatusUpdated(actionID: "20260708-3", status: .done, escalated: false, note: "Safety plan done"))
        let foreign = ActionStatusChange.fromMeetingJournal(later.events)
        #expect(foreign.map(\.actionID) == ["20260708-3"])
        let g = Governance(meetings: sampleMeetings(), period: q3, tracker: ActionStatusChange.fromTracker(trackerEvents),
                           otherMeetings: foreign)
        #expect(g.actionsByAgency.first { $0.agency == "Idva" }?.done == 1)
    }

    /// "Overdue" is judged on the due date the agency now works to, and an action counts under the
    /// agency that now owns it, as `marac actions list` shows them: a tracker extension, a review that
    /// carried the action forward, a reassignment.
    @Test func overdueUsesTheCurrentDueDateAndTheCurrentOwner() {
        var m = MeetingBuilder("2026-07-08", id: "2026-07-08-eastbrook")
        m.queue(plain("E1", "Police"))
        m.start()
        m.agree("20260708-eastbrook-1", case: "E1", owner: "Police", due: "2026-07-20")
        m.agree("20260708-eastbrook-2", case: "E1", owner: "Police", due: "2026-07-22")
        m.agree("20260708-eastbrook-3", case: "E1", owner: "Police", due: "2026-07-24")
        var later = MeetingBuilder("2026-08-05", id: "2026-08-05-eastbrook")
        later.add(.outstandingActionsImported(actions: [OutstandingAction(id: "20260708-eastbrook-2", meetingDate: date("2026-07-08"), caseRef: "E1",
                                                                          text: "x", owner: "Police", due: date("2026-07-22"), category: nil)]))
        later.add(.outstandingActionCarriedForward(actionID: "20260708-eastbrook-2", due: date("2026-10-20"), note: "booked"))
        let tracker = [
            RecordedEvent(seq: 1, at: noon("2026-07-18"), event: .trackerUpdated(update: TrackerUpdate(
                actionID: "20260708-eastbrook-1", kind: .extend, on: date("2026-07-18"), by: "Coordinator", note: "court moved", due: date("2026-10-15")))),
            RecordedEvent(seq: 2, at: noon("2026-07-19"), event: .trackerUpdated(update: TrackerUpdate(
                actionID: "20260708-eastbrook-3", kind: .reassign, on: date("2026-07-19"), by: "Coordinator", note: "rehoused", agency: "Housing"))),
        ]
        let g = Governance(meetings: [m.state, later.state], period: q3, tracker: ActionStatusChange.fromTracker(tracker))
        let police = g.actionsByAgency.first { $0.agency == "Police" }
        let housing = g.actionsByAgency.first { $0.agency == "Housing" }
        #expect(police?.agreed == 2 && police?.open == 2 && police?.overdue == 0, "\(g.actionsByAgency)")
        #expect(housing?.agreed == 1 && housing?.overdue == 1, "\(g.actionsByAgency)")
    }

    @Test func trackerEventsAreReadFromRecordedEvents() {
        let events = [
            RecordedEvent(seq: 0, at: 5, event: .actionStatusUpdated(actionID: "x-1", status: .done, escalated: false, note: "")),
            RecordedEvent(seq: 1, at: 6, event: .meetingStarted),
        ]
        #expect(ActionStatusChange.fromTracker(events) == [ActionStatusChange(actionID: "x-1", status: .done, escalated: false, at: 5)])
    }
}
