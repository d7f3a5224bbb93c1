import MaracCore

/// A small fictional meeting and a recorder that stamps events on a manual clock.
struct Recorder {
    var meeting = Meeting()
    var now: Int64 = 1_764_581_400_000  // 01/12/2025 09:30 UTC, fixed

    mutating func record(_ event: MeetingEvent) {
        meeting.append(RecordedEvent(seq: meeting.nextSeq, at: now, event: event))
    }

    mutating func advance(minutes: Double) { now += Int64(minutes * 60_000) }

    var state: MeetingState { meeting.state }
}

enum Sample {
    static let date = CalendarDate(year: 2025, month: 12, day: 1)!
    static let info = MeetingInfo(id: "2025-12-01-northvale", date: date, area: "Northvale", chair: "DI Rowan Pike")

    static func agendaCase(_ ref: String, children: Int? = nil, hearings: [CalendarDate] = [], referral: CalendarDate? = nil,
                           basis: ReferralBasis = .actuarial, notification: Bool = false) -> AgendaCase {
        AgendaCase(caseRef: ref, victim: "Victim \(ref)", perpetrator: "Perpetrator \(ref)", referringAgency: "Police",
                   referralBasis: basis, dashScore: 16, referralDate: referral, previousHearings: hearings,
                   children: children, notification: notification)
    }

    /// Created, three cases queued, started.
    static func started() -> Recorder {
        var r = Recorder()
        r.record(.meetingCreated(info: info, rules: .national))
        r.record(.caseQueued(agendaCase: agendaCase("MC-1", children: 2), late: false))
        r.record(.caseQueued(agendaCase: agendaCase("MC-2"), late: false))
        r.record(.caseQueued(agendaCase: agendaCase("MC-3"), late: false))
        r.record(.meetingStarted)
        return r
    }

    static func action(_ id: String, _ ref: String, _ category: ActionCategory, owner: String = "Police",
                       text: String = "Fit a panic alarm at the address") -> Action {
        Action(id: id, caseRef: ref, text: text, owner: owner, due: CalendarDate(year: 2025, month: 12, day: 12),
               category: category)
    }
}
