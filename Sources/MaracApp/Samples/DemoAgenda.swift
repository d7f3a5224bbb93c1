import MaracCore

/// The built-in fictional sample meeting that `marac demo` opens. Built from the *structure* of the
/// case studies (docs/DOMAIN.md#case-material) — risk level, agencies, pattern of events — with invented names,
/// places and dates. Dates are relative to the meeting date so the sample never looks stale.
public enum DemoAgenda {
    public static let area = "Northvale"
    public static let chair = "DI Rowan Pike"
    public static let venue = "Northvale Civic Centre, Room 2"

    public static func cases(meetingDate d: CalendarDate) -> [AgendaCase] {
        [
            // A young mother referred by a health visitor on the actuarial route; ex-partner with a history
            // of violence, bail conditions, threats made during pregnancy (docs/DOMAIN.md#case-material: the Derby high-risk case).
            AgendaCase(caseRef: "NV-2611", victim: "Tamsin Reeve", perpetrator: "Kieran Lowe",
                       referringAgency: "Health Visiting", referralBasis: .actuarial, dashScore: 17,
                       referralDate: d.adding(days: -9), repeatFlag: false, children: 1, victimSex: "female",
                       minoritised: false, lgbt: false, disabled: false, aged16to17: false, perpetratorUnder18: false,
                       agenciesInvolved: ["Police", "Health Visiting", "Idva", "Housing", "Children's Social Care"]),
            // A repeat: heard five months ago; escalation since (docs/DOMAIN.md#case-material: the Sheffield repeat audit).
            AgendaCase(caseRef: "NV-2612", victim: "Joanne Adebayo-Hart", perpetrator: "Marcus Hart",
                       referringAgency: "Police", referralBasis: .escalation, dashScore: 12,
                       referralDate: d.adding(days: -6), previousHearings: [d.adding(days: -152)], children: 2,
                       victimSex: "female", minoritised: true, lgbt: false, disabled: false,
                       agenciesInvolved: ["Police", "Idva", "Children's Social Care", "Education", "Probation"]),
            // A 16-year-old victim, perpetrator 17: young people's DASH, Children's Social Care lead.
            AgendaCase(caseRef: "NV-2613", victim: "Ellie Brandt", perpetrator: "Connor Vale",
                       referringAgency: "Children's Social Care", referralBasis: .professionalJudgement, dashScore: 11,
                       referralDate: d.adding(days: -4), children: 0, victimSex: "female", aged16to17: true,
                       perpetratorUnder18: true, agenciesInvolved: ["Children's Social Care", "Education", "Police"]),
            // Perpetrator answers her phone: feedback must not go by phone (docs/DOMAIN.md#feedback-to-the-victim).
            AgendaCase(caseRef: "NV-2614", victim: "Priya Nandakumar", perpetrator: "Dev Nandakumar",
                       referringAgency: "Police", referralBasis: .actuarial, dashScore: 19,
                       referralDate: d.adding(days: -11), children: 0, victimSex: "female", minoritised: true,
                       lgbt: false, disabled: true, agenciesInvolved: ["Police", "Idva", "Adult Social Care", "GP"]),
            // A male victim referred on professional judgement by mental health services.
            AgendaCase(caseRef: "NV-2615", victim: "Gareth Mills", perpetrator: "Lorna Mills",
                       referringAgency: "Mental Health", referralBasis: .professionalJudgement, dashScore: 10,
                       referralDate: d.adding(days: -15), children: 0, victimSex: "male", minoritised: false,
                       lgbt: false, disabled: false, agenciesInvolved: ["Mental Health", "Police", "Housing"]),
            // A same-sex relationship; Idva referral, stalking after separation.
            AgendaCase(caseRef: "NV-2616", victim: "Robyn Ashworth", perpetrator: "Kelly Dunne",
                       referringAgency: "Idva", referralBasis: .actuarial, dashScore: 15,
                       referralDate: d.adding(days: -7), children: 0, victimSex: "female", minoritised: false,
                       lgbt: true, disabled: false, agenciesInvolved: ["Idva", "Police", "Specialist LGBT+ Service"]),
            // 12 months have passed since the last Marac: notification only.
            AgendaCase(caseRef: "NV-2503", victim: "Sadie Okoro", perpetrator: "Lewis Crane",
                       referringAgency: "Police", referralBasis: .actuarial, dashScore: 14,
                       referralDate: d.adding(days: -380), previousHearings: [d.adding(days: -370)], children: 0,
                       victimSex: "female", agenciesInvolved: ["Police", "Idva"], notification: true),
        ]
    }

    /// Actions left open at the previous meeting, so the opening review has something to review.
    public static func outstanding(meetingDate d: CalendarDate) -> [OutstandingAction] {
        let last = d.adding(days: -14)
        return [
            OutstandingAction(id: "\(last.iso.filter { $0 != "-" })-3", meetingDate: last, caseRef: "NV-2598",
                              text: "Fit a monitored alarm and a door chain at the victim's address", owner: "Police",
                              due: d.adding(days: -7), category: .victimSafety),
            OutstandingAction(id: "\(last.iso.filter { $0 != "-" })-5", meetingDate: last, caseRef: "NV-2598",
                              text: "Refer the perpetrator to the Changing Paths programme", owner: "Probation",
                              due: d.adding(days: -2), category: .perpetrator),
            OutstandingAction(id: "\(last.iso.filter { $0 != "-" })-8", meetingDate: last, caseRef: "NV-2601",
                              text: "Arrange a Housing Options appointment about a move out of area", owner: "Housing",
                              due: d.adding(days: 3), category: .housing),
        ]
    }

    /// The events `marac demo` starts from: the meeting, its agenda in SafeLives order, the open actions.
    public static func setUpEvents(meetingDate d: CalendarDate) -> [MeetingEvent] {
        let info = MeetingInfo(id: MeetingInfo.makeID(date: d, area: area), date: d, area: area, chair: chair, venue: venue)
        return [.meetingCreated(info: info, rules: .national)]
            + AgendaImport.agendaOrder(cases(meetingDate: d)).map { .caseQueued(agendaCase: $0, late: false) }
            + [.outstandingActionsImported(actions: outstanding(meetingDate: d))]
    }
}
