import Foundation
import MaracCore
@testable import MaracExport

/// A fixed, fictional meeting (names, places and dates invented) with every part the minutes show:
/// attendance of every kind, the opening review with all outcomes, a repeat case with children that
/// overran, an adult case with weak actions, a deferral and a withdrawal.
enum Fixture {
    static let meetingDate = CalendarDate(year: 2026, month: 12, day: 1)!
    /// 09:00 UTC on the meeting day.
    static let nine = Int64(meetingDate.dayNumber) * 86_400_000 + 9 * 3_600_000
    static func at(_ minutes: Double) -> Int64 { nine + Int64(minutes * 60_000) }

    static let generatedAt = at(95)
    static let journal = JournalFacts(fileName: "2026-12-01-harbourside.jsonl",
                                      finalHash: "5f0c1e9a6d2b7c43e8a1f09b2d6c7e5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e",
                                      verified: true, condition: "intact")

    static func date(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }

    static let info = MeetingInfo(id: "2026-12-01-harbourside", date: meetingDate, area: "Harbourside",
                                  chair: "Sam Whitlock", venue: "Civic Centre, Room 4")

    static let childCase = AgendaCase(
        caseRef: "HB-0412", victim: "Rowan Tillery", perpetrator: "Gideon Tillery", referringAgency: "Police",
        referralBasis: .actuarial, dashScore: 18, referralDate: date(2026, 11, 20), previousHearings: [date(2026, 3, 10)],
        children: 2, victimSex: "female", agenciesInvolved: ["Police", "Children's Social Care", "Idva"])
    static let adultCase = AgendaCase(
        caseRef: "HB-0415", victim: "Siân Ó Dálaigh", perpetrator: "Kit Marlow", referringAgency: "Idva",
        referralBasis: .professionalJudgement, referralDate: date(2026, 11, 24), children: 0)
    static let deferredCase = AgendaCase(
        caseRef: "HB-0419", victim: "Maren Holt", referringAgency: "Housing", referralBasis: .escalation,
        referralDate: date(2026, 11, 25))
    static let withdrawnCase = AgendaCase(
        caseRef: "HB-0420", victim: "Ola Brandt", referringAgency: "Health Visiting", referralBasis: .actuarial,
        dashScore: 15, children: 1)

    static let outstanding = [
        OutstandingAction(id: "20261117-2", meetingDate: date(2026, 11, 17), caseRef: "HB-0388",
                          text: "Fit a video doorbell at the victim's new address", owner: "Housing",
                          due: date(2026, 11, 24), category: .housing),
        OutstandingAction(id: "20261117-4", meetingDate: date(2026, 11, 17), caseRef: "HB-0391",
                          text: "Refer the victim to the Freedom Programme", owner: "Idva", due: date(2026, 11, 28),
                          category: .victimSafety),
        OutstandingAction(id: "20261117-5", meetingDate: date(2026, 11, 17), caseRef: "HB-0391",
                          text: "Run a PNC check on the perpetrator's new partner", owner: "Police",
                          due: date(2026, 11, 20), category: .perpetrator),
        OutstandingAction(id: "20261117-7", meetingDate: date(2026, 11, 17), caseRef: "HB-0394",
                          text: "Book a joint home visit with the health visitor", owner: "Health Visiting",
                          due: date(2026, 12, 10), category: .children),
        OutstandingAction(id: "20261117-8", meetingDate: date(2026, 11, 17), caseRef: "HB-0394",
                          text: "Share the school attendance record with the Idva", owner: "Education",
                          due: date(2026, 11, 27), category: .children),
    ]

    static func action(_ n: Int, _ ref: String, _ text: String, _ owner: String, _ due: CalendarDate?,
                       _ category: ActionCategory?) -> Action {
        Action(id: "20261201-\(n)", caseRef: ref, text: text, owner: owner, due: due, category: category)
    }

    /// The meeting's events, one a line, at fixed times.
    static var events: [RecordedEvent] {
        let list: [(Double, MeetingEvent)] = [
            (0, .meetingCreated(info: info, rules: .national)),
            (0, .caseQueued(agendaCase: childCase, late: false)),
            (0, .caseQueued(agendaCase: adultCase, late: false)),
            (0, .caseQueued(agendaCase: deferredCase, late: false)),
            (0, .outstandingActionsImported(actions: outstanding)),
            (25, .caseQueued(agendaCase: withdrawnCase, late: true)),
            (30, .meetingStarted),
            (31, .attendanceRecorded(attendance: Attendance(agency: "Police", representative: "DS Dana Kerr", role: .present, confidentialityAgreed: true))),
            (31, .attendanceRecorded(attendance: Attendance(agency: "Idva", representative: "Zoë Brontë-Łukasiewicz", role: .present, confidentialityAgreed: true))),
            (31, .attendanceRecorded(attendance: Attendance(agency: "Children's Social Care", representative: "Priya Nair", role: .present, confidentialityAgreed: true))),
            (31, .attendanceRecorded(attendance: Attendance(agency: "Housing", representative: "Tom Reyes", role: .present, confidentialityAgreed: true))),
            (31, .attendanceRecorded(attendance: Attendance(agency: "Health Visiting", representative: "Mo Adeyemi", role: .present, confidentialityAgreed: true))),
            (32, .attendanceRecorded(attendance: Attendance(agency: "Idva", representative: "Alex Moor (student)", role: .observer, confidentialityAgreed: true))),
            (32, .attendanceRecorded(attendance: Attendance(agency: "Mental Health", representative: "Jo Park", role: .observer, confidentialityAgreed: false))),
            (32, .attendanceRecorded(attendance: Attendance(agency: "Probation", representative: "Chris Vale", role: .apologies, informationSent: true, informationReceived: date(2026, 11, 28)))),
            (32, .attendanceRecorded(attendance: Attendance(agency: "GP", representative: "Dr Lee Hart", role: .apologies, informationSent: false))),
            (32, .attendanceRecorded(attendance: Attendance(agency: "Education", representative: "Ravi Shah", role: .absent))),
            (33, .confidentialityStatementRead),
            (34, .outstandingActionReviewed(actionID: "20261117-2", outcome: .done, note: "Fitted on 21/11")),
            (35, .outstandingActionReviewed(actionID: "20261117-4", outcome: .notPossible, note: "Victim moved out of area")),
            (36, .outstandingActionReviewed(actionID: "20261117-5", outcome: .notDone, note: "No update from Police")),
            (37, .outstandingActionReviewed(actionID: "20261117-7", outcome: .carriedForward, note: "Visit booked for 08/12")),

            (40, .discussionStarted(caseRef: "HB-0412")),
            (41, .noteAdded(caseRef: "HB-0412", agency: "Police", kind: .riskInformation,
                            text: "Three call-outs since October; the last on 22/11 involved strangulation.")),
            (42, .noteAdded(caseRef: "HB-0412", agency: "Police", kind: .perpetrator,
                            text: "Perpetrator on bail with a condition not to contact the victim.")),
            (43, .noteAdded(caseRef: "HB-0412", agency: "Children's Social Care", kind: .children,
                            text: "Both children on a child protection plan since 14/11.\nSchool reports the elder child is withdrawn.")),
            (44, .noteAdded(caseRef: "HB-0412", agency: "Health Visiting", kind: .withheld,
                            text: "Mental health history not shared: the victim has not consented and the risk threshold is not met.")),
            (45, .noteAdded(caseRef: "HB-0412", agency: "Idva", kind: .victimsViews,
                            text: "She wants the locks changed and does not want him told about the new school.")),
            (46, .bonusMinutesGranted(caseRef: "HB-0412", minutes: 2)),
            (47, .feedbackAgreed(caseRef: "HB-0412", feedback: VictimFeedback(agency: "Idva", route: .inPerson, detail: "at the Idva office on Thursday"))),
            (48, .actionAgreed(action: action(1, "HB-0412", "Serve a domestic violence protection notice on the perpetrator", "Police", date(2026, 12, 4), .perpetrator))),
            (49, .actionAgreed(action: action(2, "HB-0412", "Hold a strategy discussion for both children", "Children's Social Care", date(2026, 12, 3), .children))),
            (50, .actionAgreed(action: action(3, "HB-0412", "Change the locks and fit a fire-proof letterbox", "Housing", date(2026, 12, 8), .housing))),
            (51, .actionAgreed(action: action(4, "HB-0412", "Monitor the family", "Idva", date(2026, 12, 15), .victimSafety))),
            (59.5, .discussionEnded(caseRef: "HB-0412", overrunReason: "New incident disclosed during the meeting")),
            (59.6, .attendeeLeft(agency: "Children's Social Care", representative: "Priya Nair", afterCase: "HB-0412")),

            (60, .discussionStarted(caseRef: "HB-0415")),
            (61, .noteAdded(caseRef: "HB-0415", agency: "Idva", kind: .riskInformation,
                            text: "Controls her money; has taken her bank card.")),
            (62, .noteAdded(caseRef: "HB-0415", agency: "Idva", kind: .victimsViews,
                            text: "Wants to stay in the flat with support.")),
            (63, .noteAdded(caseRef: "HB-0415", agency: "Housing", kind: .decision,
                            text: "Sanctuary scheme assessment agreed.")),
            (64, .feedbackAgreed(caseRef: "HB-0415", feedback: VictimFeedback(agency: "Idva", route: .safeEmail))),
            (65, .actionAgreed(action: action(5, "HB-0415", "Complete a sanctuary scheme assessment at the flat", "Housing", date(2026, 12, 11), .housing))),
            (66, .actionAgreed(action: action(6, "HB-0415", "Check the perpetrator's licence conditions", "Probation", nil, .perpetrator))),
            (67, .actionAgreed(action: action(7, "HB-0415", "Write to the bank", "Idva", date(2026, 12, 9), nil))),
            (67.5, .actionWithdrawn(actionID: "20261201-7", reason: "Duplicate of an existing Idva action")),
            (68, .discussionEnded(caseRef: "HB-0415", overrunReason: nil)),

            (69, .caseDeferred(caseRef: "HB-0419", toNextMeeting: true, reason: "The referrer has not briefed the representative")),
            (70, .caseWithdrawn(caseRef: "HB-0420", reason: "The victim has moved; referred to the Marac in her new area")),
            (72, .meetingClosed),
        ]
        return list.enumerated().map { RecordedEvent(seq: $0.offset, at: at($0.element.0), event: $0.element.1) }
    }

    static var state: MeetingState { Meeting(events: events).state }
    static var minutes: Minutes { Minutes(state: state, journal: journal, now: generatedAt) }
}

/// Text meant to attack each format: spreadsheet formulas, markup, terminal escapes, a bidi override.
enum Hostile {
    static let formula = "=HYPERLINK(\"http://evil.example/x\",\"Click\")"
    static let script = "<script>alert('x')</script><img src=\"http://evil.example/p.png\"/>"
    static let escape = "\u{1B}]0;pwned\u{07}\u{1B}[31mred"
    static let rtl = "abc\u{202E}fdp.exe"
    static let long = String(repeating: "Ŵ", count: 5_000)

    static let agency = "@Agency <b>&amp;" + rtl
    static let caseRef = "+HB<i>1"
    static let all = [formula, script, escape, rtl]

    static var events: [RecordedEvent] {
        let info = MeetingInfo(id: "../../etc/\(script)", date: Fixture.meetingDate, area: formula + escape,
                               chair: long, venue: script)
        let agenda = AgendaCase(caseRef: caseRef, victim: long, referringAgency: agency, referralBasis: .actuarial,
                                dashScore: 20, children: 1)
        let list: [(Double, MeetingEvent)] = [
            (0, .meetingCreated(info: info, rules: LocalProtocol(confidentialityStatement: script + "\n" + escape))),
            (0, .caseQueued(agendaCase: agenda, late: false)),
            (0, .outstandingActionsImported(actions: [OutstandingAction(
                id: "-1+1", meetingDate: Fixture.date(2026, 11, 17), caseRef: formula, text: script, owner: agency,
                due: nil, category: nil)])),
            (30, .meetingStarted),
            (31, .attendanceRecorded(attendance: Attendance(agency: agency, representative: long, role: .present, confidentialityAgreed: true))),
            (31, .attendanceRecorded(attendance: Attendance(agency: formula, representative: escape, role: .observer))),
            (32, .outstandingActionReviewed(actionID: "-1+1", outcome: .notDone, note: escape + formula)),
            (40, .discussionStarted(caseRef: caseRef)),
            (41, .noteAdded(caseRef: caseRef, agency: agency, kind: .riskInformation, text: script + "\n" + escape)),
            (41, .noteAdded(caseRef: caseRef, agency: formula, kind: .withheld, text: rtl + formula)),
            (41, .noteAdded(caseRef: caseRef, agency: agency, kind: .victimsViews, text: "-" + script)),
            (42, .feedbackAgreed(caseRef: caseRef, feedback: VictimFeedback(agency: agency, route: .other, detail: escape + script))),
            (43, .actionAgreed(action: Action(id: "@1", caseRef: caseRef, text: formula, owner: agency, due: Fixture.date(2026, 12, 5), category: .children))),
            (44, .actionAgreed(action: Action(id: "=2", caseRef: caseRef, text: script + escape + rtl, owner: long, due: nil, category: nil))),
            (45, .actionAgreed(action: Action(id: "3", caseRef: caseRef, text: "\t-cmd|' /C calc'!A0", owner: agency, due: nil, category: .perpetrator))),
            (70, .discussionEnded(caseRef: caseRef, overrunReason: formula + script + escape)),
            (71, .meetingClosed),
        ]
        return list.enumerated().map { RecordedEvent(seq: $0.offset, at: Fixture.at($0.element.0), event: $0.element.1) }
    }

    static var state: MeetingState { Meeting(events: events).state }
    static var minutes: Minutes {
        Minutes(state: state, journal: JournalFacts(fileName: script, finalHash: escape, verified: false, condition: formula),
                now: Fixture.generatedAt)
    }
}
