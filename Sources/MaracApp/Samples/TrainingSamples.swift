import MaracCore

/// A recorded fictional meeting that ships with marac, for trainers (issue: trainer mode). Each is
/// built from the structure of the public case studies and meeting failures in docs/DOMAIN.md#case-material, with
/// invented names, places and dates.
public struct TrainingSample: Sendable {
    public var name: String
    public var description: String
    /// What to pause on and what to discuss.
    public var trainerNote: String
    public var events: @Sendable () -> [(at: Int64, event: MeetingEvent)]

    /// The sample as journal records (seq from 1: line 0 of a journal is its header).
    public var records: [RecordedEvent] {
        events().enumerated().map { RecordedEvent(seq: $0.offset + 1, at: $0.element.at, event: $0.element.event) }
    }

    /// Only the set-up (meeting, agenda, outstanding actions): what a mock meeting starts from.
    public var agendaOnly: [(at: Int64, event: MeetingEvent)] {
        events().filter {
            switch $0.event {
            case .meetingCreated, .caseQueued, .outstandingActionsImported: return true
            default: return false
            }
        }
    }

    public static let all: [TrainingSample] = [wellRun, historicalOverrun, vagueActions, repeatHeavy]

    public static func named(_ name: String) -> TrainingSample? { all.first { $0.name == name } }
}

// MARK: - Shared fictional cast

private let standardAttendance: [(String, String)] = [
    ("Police", "DS Hannah Corby"), ("Idva", "Marcia Quinn"), ("Children's Social Care", "Tom Ashdown"),
    ("Housing", "Bilal Sayer"), ("Probation", "Ruth Ellery"), ("Mental Health", "Dr Ola Fenn"),
    ("Health Visiting", "Jess Parrish"), ("Education", "Neil Garside"),
]

private func info(_ date: CalendarDate, venue: String = "Northvale Civic Centre, Room 2") -> MeetingInfo {
    MeetingInfo(id: MeetingInfo.makeID(date: date, area: "Northvale"), date: date, area: "Northvale",
                chair: "DI Rowan Pike", venue: venue)
}

private func openMeeting(_ s: inout SampleScript, absent: Set<String> = [], apologies: [String: Bool] = [:]) {
    s.wait(minutes: 5)
    s.emit(.meetingStarted)
    for (agency, rep) in standardAttendance where !absent.contains(agency) {
        if let sent = apologies[agency] { s.attend(agency, rep, .apologies, infoSent: sent) } else { s.attend(agency, rep) }
    }
    s.attend("Northvale Community Safety", "Kit Morrow (observer)", .observer)
    s.wait(minutes: 1)
    s.emit(.confidentialityStatementRead)
    s.wait(minutes: 2)
}

// MARK: - 1. A well-run meeting

extension TrainingSample {
    static let wellRun = TrainingSample(
        name: "well-run",
        description: "A well-run meeting: on time, SMART actions covering victim, children and perpetrator",
        trainerNote: """
        Pause after the attendance: every core agency is present and the confidentiality statement is read.
        Pause at NV-3102 (about 10 minutes in): the chair moves to actions as the amber "move to actions" shows.
        Discuss: how each action names one agency and a date; the perpetrator actions (Clare's Law disclosure,
        bail conditions, perpetrator programme); feedback to the victim in person by the Idva, not by phone.
        """,
        events: {
            let d = CalendarDate(year: 2026, month: 3, day: 3)!
            var s = SampleScript(info: info(d))
            s.queue([
                AgendaCase(caseRef: "NV-3101", victim: "Leah Tranter", perpetrator: "Dean Colley", referringAgency: "Health Visiting",
                           referralBasis: .actuarial, dashScore: 17, referralDate: d.adding(days: -10), children: 1, victimSex: "female",
                           minoritised: false, lgbt: false, disabled: false, agenciesInvolved: ["Police", "Health Visiting", "Idva", "Housing"]),
                AgendaCase(caseRef: "NV-3102", victim: "Nadia Ferreira", perpetrator: "Paul Ferreira", referringAgency: "Police",
                           referralBasis: .actuarial, dashScore: 15, referralDate: d.adding(days: -6), children: 2, victimSex: "female",
                           minoritised: true, lgbt: false, disabled: false,
                           agenciesInvolved: ["Police", "Idva", "Children's Social Care", "Education"]),
                AgendaCase(caseRef: "NV-3103", victim: "Owen Price", perpetrator: "Carla Price", referringAgency: "Mental Health",
                           referralBasis: .professionalJudgement, dashScore: 11, referralDate: d.adding(days: -8), children: 0,
                           victimSex: "male", minoritised: false, lgbt: false, disabled: false, agenciesInvolved: ["Mental Health", "Police"]),
                AgendaCase(caseRef: "NV-3104", victim: "Gemma Shaw", perpetrator: "Ryan Holt", referringAgency: "Idva",
                           referralBasis: .actuarial, dashScore: 18, referralDate: d.adding(days: -5), children: 0, victimSex: "female",
                           minoritised: false, lgbt: false, disabled: true, agenciesInvolved: ["Idva", "Police", "Probation"]),
            ])
            openMeeting(&s)
            s.discuss("NV-3101", minutes: 9.5, [
                .note(1, "Health Visiting", .riskInformation, "Disclosed threats to harm her and the baby during pregnancy; DASH 17."),
                .note(2.5, "Police", .perpetrator, "Two previous convictions for assault on a former partner; on bail, no-contact condition."),
                .note(4, "Idva", .victimsViews, "Wants him kept away; will support a non-molestation order; seen face to face at clinic."),
                .action(6, "Police", .perpetrator, "Make a Clare's Law disclosure of previous convictions to the victim", due: 7),
                .action(6.8, "Police", .victimSafety, "Place a critical marker on the address and issue a monitored alarm", due: 3),
                .action(7.5, "Children's Social Care", .children, "Complete a child and family assessment for the baby", due: 10),
                .action(8.2, "Housing", .housing, "Offer a Housing Options appointment about a move", due: 14),
                .feedback(9, "Idva", .inPerson, "At the health clinic during the next baby check"),
            ])
            s.discuss("NV-3102", minutes: 12, [
                .note(1, "Police", .riskInformation, "Strangulation reported last week; perpetrator arrested and released under investigation."),
                .note(3, "Education", .children, "Both children's attendance has dropped; the older one disclosed shouting at home."),
                .note(5, "Idva", .victimsViews, "Afraid he will take the children abroad; wants a safe way to talk at school pick-up."),
                .action(8, "Police", .perpetrator, "Apply for a Domestic Violence Protection Order", due: 2),
                .action(9, "Children's Social Care", .children, "Hold a strategy discussion about both children", due: 3),
                .action(10, "Education", .children, "Name a designated safeguarding lead contact for both children", due: 5),
                .action(10.8, "Idva", .victimSafety, "Complete a safety plan including child abduction risk", due: 7),
                .feedback(11.5, "Idva", .inPerson, "At school, arranged through the safeguarding lead"),
            ])
            s.discuss("NV-3103", minutes: 8, [
                .note(1, "Mental Health", .riskInformation, "Partner controls his medication and money; he is isolated from family."),
                .note(3, "Idva", .victimsViews, "Wants support to stay at home and to manage his own money."),
                .action(5, "Mental Health", .health, "Care coordinator to review medication arrangements with him alone", due: 7),
                .action(6, "Police", .perpetrator, "Visit the perpetrator to warn about controlling behaviour offences", due: 10),
                .action(6.8, "Idva", .victimSafety, "Refer to the male victims' advocacy service and agree a safety plan", due: 5),
                .feedback(7.5, "Mental Health", .inPerson, "At his next clinic appointment, seen alone"),
            ])
            s.discuss("NV-3104", minutes: 10.5, [
                .note(1, "Idva", .riskInformation, "Stalking after separation: 40 messages a day, seen outside her workplace."),
                .note(2, "Probation", .perpetrator, "On licence until August; licence conditions include no contact."),
                .note(4, "Idva", .victimsViews, "Wants the licence enforced; uses a wheelchair and needs an accessible refuge option."),
                .action(6, "Probation", .perpetrator, "Review licence breach and decide on recall", due: 2),
                .action(7, "Police", .criminalJustice, "Record the stalking offences and take a statement", due: 5),
                .action(8, "Idva", .victimSafety, "Find an accessible refuge vacancy as a fallback option", due: 3),
                .feedback(9.5, "Idva", .safeEmail, "To her work email, agreed safe; no texts"),
            ])
            s.wait(minutes: 2)
            s.emit(.meetingClosed)
            return s.events
        })
}

// MARK: - 2. Historical information overruns

extension TrainingSample {
    static let historicalOverrun = TrainingSample(
        name: "historical-overrun",
        description: "Historical information causes overruns and squeezes action planning for later cases",
        trainerNote: """
        Pause when NV-3201 passes 10 minutes (amber) and again at 15 (red "over limit"): agencies are still reading out
        incidents from years ago. Ask: what is current, relevant and proportionate? What should the chair have said?
        Watch the header: the projected finish runs past the planned end and later cases are flagged "not reached".
        Compare NV-3204 (rushed, four minutes, one vague action) with NV-3201. NV-3205 is deferred for lack of time.
        """,
        events: {
            let d = CalendarDate(year: 2026, month: 3, day: 17)!
            var i = info(d)
            i.plannedDurationMinutes = 60
            var s = SampleScript(info: i)
            s.queue([
                AgendaCase(caseRef: "NV-3201", victim: "Kerry Dunmore", perpetrator: "Shaun Dunmore", referringAgency: "Police",
                           referralBasis: .actuarial, dashScore: 16, referralDate: d.adding(days: -9), children: 3,
                           victimSex: "female", agenciesInvolved: ["Police", "Idva", "Children's Social Care", "Education", "Housing"]),
                AgendaCase(caseRef: "NV-3202", victim: "Amal Haddad", perpetrator: "Yusuf Haddad", referringAgency: "Idva",
                           referralBasis: .actuarial, dashScore: 14, referralDate: d.adding(days: -7), children: 0,
                           victimSex: "female", minoritised: true, agenciesInvolved: ["Idva", "Police", "GP"]),
                AgendaCase(caseRef: "NV-3203", victim: "Stacey Lumb", perpetrator: "Wayne Pratt", referringAgency: "Police",
                           referralBasis: .escalation, dashScore: 12, referralDate: d.adding(days: -5), children: 0,
                           victimSex: "female", agenciesInvolved: ["Police", "Probation"]),
                AgendaCase(caseRef: "NV-3204", victim: "Imogen Reay", perpetrator: "Craig Reay", referringAgency: "Housing",
                           referralBasis: .professionalJudgement, dashScore: 9, referralDate: d.adding(days: -12), children: 0,
                           victimSex: "female", agenciesInvolved: ["Housing", "Police"]),
                AgendaCase(caseRef: "NV-3205", victim: "Zainab Osei", perpetrator: "Kwame Osei", referringAgency: "GP",
                           referralBasis: .actuarial, dashScore: 15, referralDate: d.adding(days: -3), children: 0,
                           victimSex: "female", minoritised: true, agenciesInvolved: ["GP", "Idva"]),
            ])
            openMeeting(&s)
            s.discuss("NV-3201", minutes: 24, overrunReason: "historical information shared by several agencies", [
                .note(2, "Police", .riskInformation, "Read out 14 call-outs since 2015, most before the current relationship."),
                .note(7, "Housing", .other, "Tenancy history from three previous addresses, rent arrears in 2019."),
                .note(12, "Education", .children, "Attendance records for all three children over the last four years."),
                .note(16, "Idva", .victimsViews, "Not yet asked about the latest incident; will call her after the meeting."),
                .action(20, "Children's Social Care", .children, "Strategy discussion for the three children", due: 3),
                .action(22, "Police", .perpetrator, "Arrest enquiry for the latest assault", due: 2),
                .feedback(23, "Idva", .phone, "Will ring her after the meeting"),
            ])
            s.discuss("NV-3202", minutes: 19, overrunReason: "GP history from 2012 onwards read out", [
                .note(3, "GP", .riskInformation, "Full consultation history since registration."),
                .note(11, "Idva", .victimsViews, "Wants to leave; no recourse to public funds."),
                .action(16, "Idva", .victimSafety, "Refer to the specialist BAMER refuge with NRPF funding", due: 5),
                .action(17.5, "Police", .perpetrator, "Consider a DVPN if he returns", due: nil),
                .feedback(18.5, "Idva", .inPerson, "At the GP surgery"),
            ])
            s.discuss("NV-3203", minutes: 6, [
                .note(1, "Police", .riskInformation, "Third incident in eleven months; threats to kill by text."),
                .action(4, "Police", .perpetrator, "Monitor", due: nil),
                .feedback(5.5, "Police", .phone, "Officer in case will call"),
            ])
            s.discuss("NV-3204", minutes: 4, [
                .action(3, "Housing", .housing, "Look into a management move as appropriate", due: nil),
            ])
            s.emit(.caseDeferred(caseRef: "NV-3205", toNextMeeting: true, reason: "no time left: meeting overran"))
            s.wait(minutes: 1)
            s.emit(.meetingClosed)
            return s.events
        })
}

// MARK: - 3. Vague, unowned, untimed actions; no perpetrator actions

extension TrainingSample {
    static let vagueActions = TrainingSample(
        name: "vague-actions",
        description: "Vague, unowned or untimed actions, no perpetrator actions, unsafe phone feedback",
        trainerNote: """
        Pause on each action as it appears: the SMART findings flag "monitor", "as appropriate", "ASAP", "when available",
        an owner who is not in the room (Mental Health sent apologies), and missing due dates.
        NV-3302: the notes say the perpetrator answers her phone, yet feedback is agreed by phone. What safe route instead?
        NV-3303: "refuses to engage" and "chose to go back to him" — rewrite these as facts.
        No case has a perpetrator action: what could police, probation or a perpetrator programme have done?
        """,
        events: {
            let d = CalendarDate(year: 2026, month: 3, day: 31)!
            var s = SampleScript(info: info(d))
            s.queue([
                AgendaCase(caseRef: "NV-3301", victim: "Chloe Barraclough", perpetrator: "Jordan Fell", referringAgency: "Police",
                           referralBasis: .actuarial, dashScore: 18, referralDate: d.adding(days: -8), children: 1,
                           victimSex: "female", agenciesInvolved: ["Police", "Idva", "Children's Social Care"]),
                AgendaCase(caseRef: "NV-3302", victim: "Maria Kowalczyk", perpetrator: "Adam Kowalczyk", referringAgency: "Idva",
                           referralBasis: .actuarial, dashScore: 16, referralDate: d.adding(days: -6), children: 0,
                           victimSex: "female", minoritised: true, agenciesInvolved: ["Idva", "Police", "Mental Health"]),
                AgendaCase(caseRef: "NV-3303", victim: "Danielle Rooke", perpetrator: "Lee Rooke", referringAgency: "Police",
                           referralBasis: .escalation, dashScore: 13, referralDate: d.adding(days: -10), children: 2,
                           victimSex: "female", agenciesInvolved: ["Police", "Children's Social Care", "Education"]),
            ])
            openMeeting(&s, apologies: ["Mental Health": false])
            s.discuss("NV-3301", minutes: 11, [
                .note(1, "Police", .riskInformation, "Non-fatal strangulation three weeks ago; he has since moved back in."),
                .note(4, "Idva", .victimsViews, "Frightened but does not want him arrested."),
                .action(7, "Police", .victimSafety, "Provide a Skyguard alarm as soon as one becomes available", due: nil),
                .action(8.5, "Children's Social Care", .children, "Consider a referral to Early Help as appropriate", due: 28),
                .feedback(10, "Idva", .inPerson, "Home visit when he is at work"),
            ])
            s.discuss("NV-3302", minutes: 13, [
                .note(2, "Idva", .riskInformation, "He has been answering her phone when the Idva calls."),
                .note(5, "Idva", .victimsViews, "Said on a supported call that she wants to leave."),
                .action(8, "Mental Health", .health, "Monitor her mood", due: 14),
                .action(10, "Idva", .victimSafety, "Support ASAP", due: nil),
                .feedback(12, "Idva", .phone, "Will call her mobile"),
            ])
            s.discuss("NV-3303", minutes: 10, [
                .note(2, "Police", .riskInformation, "She refuses to engage and chose to go back to him after the last incident."),
                .note(5, "Education", .children, "Younger child arrives hungry most days."),
                .action(8, "Education", .children, "School to keep an eye on the children", due: nil),
                .feedback(9.5, "Police", .letter, "Letter to the home address"),
            ])
            s.wait(minutes: 2)
            s.emit(.meetingClosed)
            return s.events
        })
}

// MARK: - 4. Repeat-heavy meeting that opens with outstanding actions and escalations

extension TrainingSample {
    static let repeatHeavy = TrainingSample(
        name: "repeat-heavy",
        description: "A repeat-heavy meeting that opens with outstanding actions and escalations",
        trainerNote: """
        Pause on the opening review: five actions are still open from earlier meetings. Two were not done by the agency
        and are escalated to the steering group; one was not possible because circumstances changed — the minutes keep
        that split. Then look at the agenda: three repeats (R marker, with previous hearing dates) and one case whose 12
        months have lapsed (notification only). Discuss: why do repeat cases come back, and what would break the pattern?
        """,
        events: {
            let d = CalendarDate(year: 2026, month: 4, day: 14)!
            var s = SampleScript(info: info(d))
            let last = d.adding(days: -14), prefix = last.iso.filter { $0 != "-" }
            s.queue([
                AgendaCase(caseRef: "NV-3401", victim: "Kirsty Mallory", perpetrator: "Glen Mallory", referringAgency: "Police",
                           referralBasis: .repeatReferral, dashScore: 15, referralDate: d.adding(days: -7),
                           previousHearings: [d.adding(days: -200), d.adding(days: -61)], children: 2, victimSex: "female",
                           agenciesInvolved: ["Police", "Idva", "Children's Social Care", "Probation"]),
                AgendaCase(caseRef: "NV-3402", victim: "Hollie Rigg", perpetrator: "Scott Bain", referringAgency: "Idva",
                           referralBasis: .repeatReferral, dashScore: 12, referralDate: d.adding(days: -5),
                           previousHearings: [d.adding(days: -120)], children: 0, victimSex: "female",
                           agenciesInvolved: ["Idva", "Police", "Housing"]),
                AgendaCase(caseRef: "NV-3403", victim: "Femi Adeyemi", perpetrator: "Tola Adeyemi", referringAgency: "Police",
                           referralBasis: .actuarial, dashScore: 16, referralDate: d.adding(days: -9),
                           previousHearings: [d.adding(days: -300)], children: 1, victimSex: "male", minoritised: true,
                           agenciesInvolved: ["Police", "Children's Social Care"]),
                AgendaCase(caseRef: "NV-3404", victim: "Beth Tolley", perpetrator: "Mark Ince", referringAgency: "Police",
                           referralBasis: .actuarial, dashScore: 14, referralDate: d.adding(days: -400),
                           previousHearings: [d.adding(days: -390)], children: 0, victimSex: "female",
                           agenciesInvolved: ["Police", "Idva"], notification: true),
            ])
            s.emit(.outstandingActionsImported(actions: [
                OutstandingAction(id: "\(prefix)-2", meetingDate: last, caseRef: "NV-3390", text: "Fit target hardening at the victim's flat",
                                  owner: "Housing", due: d.adding(days: -5), category: .victimSafety),
                OutstandingAction(id: "\(prefix)-4", meetingDate: last, caseRef: "NV-3390", text: "Refer the perpetrator to MATAC",
                                  owner: "Police", due: d.adding(days: -7), category: .perpetrator),
                OutstandingAction(id: "\(prefix)-6", meetingDate: last, caseRef: "NV-3391", text: "Complete a child and family assessment",
                                  owner: "Children's Social Care", due: d.adding(days: -3), category: .children),
                OutstandingAction(id: "\(prefix)-7", meetingDate: last, caseRef: "NV-3391", text: "Register the victim with a GP near the refuge",
                                  owner: "GP", due: d.adding(days: -6), category: .health),
                OutstandingAction(id: "\(prefix)-9", meetingDate: last, caseRef: "NV-3393", text: "Start the perpetrator programme assessment",
                                  owner: "Probation", due: d.adding(days: 7), category: .perpetrator),
            ]))
            openMeeting(&s)
            s.review("\(prefix)-2", .done, "Locks and door chain fitted on 10th")
            s.review("\(prefix)-4", .notDone, "No referral made; no reason given — escalate to the steering group")
            s.review("\(prefix)-6", .notDone, "Assessment not started; social worker on leave — escalate")
            s.review("\(prefix)-7", .notPossible, "Victim moved out of area before registration")
            s.review("\(prefix)-9", .carriedForward, "Assessment booked for next week")
            s.discuss("NV-3401", minutes: 12, [
                .note(1, "Police", .riskInformation, "Third referral in seven months: breach of bail, threats to the children."),
                .note(3, "Probation", .perpetrator, "Completed 3 of 24 programme sessions before dropping out."),
                .note(5, "Idva", .victimsViews, "Exhausted by repeat incidents; wants the bail breach prosecuted."),
                .action(7, "Police", .perpetrator, "Refer to MATAC as a serial perpetrator", due: 7),
                .action(8, "Probation", .perpetrator, "Breach proceedings for programme non-attendance", due: 10),
                .action(9, "Children's Social Care", .children, "Convene an initial child protection conference", due: 14),
                .action(10, "Idva", .victimSafety, "Support her to apply for a non-molestation order", due: 7),
                .feedback(11, "Idva", .inPerson, "At the Idva office"),
            ])
            s.discuss("NV-3402", minutes: 9, [
                .note(1, "Idva", .riskInformation, "Unwanted contact and a civil order breach since the last hearing."),
                .note(3, "Idva", .victimsViews, "Wants to move; her address is known to him."),
                .action(5, "Housing", .housing, "Management transfer to a property out of the area", due: 21),
                .action(6.5, "Police", .perpetrator, "Arrest for breach of the non-molestation order", due: 3),
                .action(7.5, "Police", .victimSafety, "Critical marker on the new address once known", due: 21),
                .feedback(8.5, "Idva", .inPerson, "Home visit"),
            ])
            s.discuss("NV-3403", minutes: 11, [
                .note(1, "Police", .riskInformation, "Injuries from a knife; the child was present."),
                .note(4, "Children's Social Care", .children, "Child on a child in need plan since last year."),
                .note(6, "Police", .victimsViews, "He asked for help getting his child to school safely."),
                .action(8, "Children's Social Care", .children, "Review the child in need plan and step up to child protection", due: 5),
                .action(9, "Police", .perpetrator, "Charge decision on the knife assault", due: 7),
                .action(9.8, "Police", .victimSafety, "Refer him to the male victims' Idva service", due: 3),
                .feedback(10.5, "Police", .inPerson, "Officer in case, at the station"),
            ])
            s.discuss("NV-3404", minutes: 1.5, [
                .note(0.5, "Police", .decision, "12 months since the last hearing; no incidents reported. Notification only."),
            ])
            s.wait(minutes: 2)
            s.emit(.meetingClosed)
            return s.events
        })
}
