import MaracCore
import MaracJournal

/// Synthetic meeting journals for benchmarks (`marac-bench generate`): valid journals of N events
/// shaped like real meetings — cases queued, discussed for about ten minutes, with notes, SMART
/// actions and feedback. A year of a busy Marac is roughly 1,200 cases; 100,000 events is several years.
public enum SyntheticJournal {
    static let agencies = ["Police", "Idva", "Children's Social Care", "Housing", "Probation", "Mental Health", "GP", "Education"]
    static let notes = [
        "Two incidents reported since referral; the latest involved threats to kill made by text message.",
        "Perpetrator on bail with a condition not to contact the victim or attend her address.",
        "Victim wants to stay in the property and asks for target hardening and a monitored alarm.",
        "School reports the older child is withdrawn and attendance has fallen this term.",
        "Housing has a management transfer available in another part of the district.",
        "Probation confirms licence conditions and a programme assessment booked for next week.",
    ]
    static let actions: [(ActionCategory, String)] = [
        (.victimSafety, "Fit a monitored alarm and door chain at the victim's address"),
        (.perpetrator, "Make a Clare's Law disclosure of previous convictions to the victim"),
        (.children, "Hold a strategy discussion about the children in the household"),
        (.housing, "Offer a Housing Options appointment about a management transfer"),
        (.criminalJustice, "Ask Witness Care to arrange special measures for the trial"),
        (.health, "Book a supported GP appointment with an interpreter"),
    ]

    /// The events of a synthetic meeting, with timestamps, `count` in all (the header is not counted).
    public static func events(count: Int, seed: UInt64 = 42) -> [(at: Int64, event: MeetingEvent)] {
        var rng = SplitMix64(seed: seed)
        let date = CalendarDate(year: 2026, month: 1, day: 6)!
        let info = MeetingInfo(id: MeetingInfo.makeID(date: date, area: "Synthetic"), date: date, area: "Synthetic",
                               chair: "Bench Chair", plannedDurationMinutes: 100_000)
        var t = Int64(date.dayNumber) * 86_400_000 + 9 * 3_600_000
        var out: [(Int64, MeetingEvent)] = [(t, .meetingCreated(info: info, rules: .national))]
        var caseNumber = 0, actionNumber = 0
        var pending: [String] = []
        func add(_ e: MeetingEvent, after seconds: Int) { t += Int64(seconds) * 1000; out.append((t, e)) }
        add(.meetingStarted, after: 60)
        for agency in agencies { add(.attendanceRecorded(attendance: Attendance(agency: agency, representative: "Rep \(agency)", role: .present, confidentialityAgreed: true)), after: 15) }
        while out.count < count {
            if pending.isEmpty {
                for _ in 0..<16 {
                    caseNumber += 1
                    let ref = "SY-\(caseNumber)"
                    pending.append(ref)
                    add(.caseQueued(agendaCase: AgendaCase(
                        caseRef: ref, victim: "Victim \(caseNumber)", perpetrator: "Perpetrator \(caseNumber)",
                        referringAgency: agencies[Int(rng.next() % 4)], referralBasis: .actuarial,
                        dashScore: 14 + Int(rng.next() % 10), referralDate: date.adding(days: -Int(rng.next() % 20)),
                        children: Int(rng.next() % 3), victimSex: rng.next() % 12 == 0 ? "male" : "female",
                        agenciesInvolved: Array(agencies.prefix(4))), late: true), after: 1)
                }
                continue
            }
            let ref = pending.removeFirst()
            add(.discussionStarted(caseRef: ref), after: 30)
            for i in 0..<(2 + Int(rng.next() % 4)) {
                add(.noteAdded(caseRef: ref, agency: agencies[i % agencies.count], kind: .riskInformation,
                               text: notes[Int(rng.next() % UInt64(notes.count))]), after: 60 + Int(rng.next() % 60))
            }
            for _ in 0..<(2 + Int(rng.next() % 4)) {
                actionNumber += 1
                let (category, text) = actions[Int(rng.next() % UInt64(actions.count))]
                add(.actionAgreed(action: Action(id: "\(info.actionPrefix)-\(actionNumber)", caseRef: ref, text: text,
                                                 owner: agencies[Int(rng.next() % UInt64(agencies.count))],
                                                 due: date.adding(days: 7 + Int(rng.next() % 21)), category: category)),
                    after: 40 + Int(rng.next() % 40))
            }
            add(.feedbackAgreed(caseRef: ref, feedback: VictimFeedback(agency: "Idva", route: .inPerson, detail: "Home visit")), after: 30)
            add(.discussionEnded(caseRef: ref, overrunReason: nil), after: 20)
        }
        return Array(out.prefix(count))
    }

    /// Writes a synthetic journal of `count` events at `path`, in batches (one fdatasync each),
    /// every event with its own time (as `events` made them), as a live meeting would have them.
    public static func write(count: Int, to path: String) throws {
        let all = events(count: max(1, count))
        let writer = try JournalWriter.create(path: path, kind: .meeting, id: "synthetic", events: [all[0].event], at: all[0].at)
        defer { writer.close() }
        var i = 1
        while i < all.count {
            let batch = all[i..<min(all.count, i + 5_000)]
            _ = try writer.append(stamped: Array(batch))
            i += batch.count
        }
    }
}

/// A small deterministic generator so benchmarks and tests see the same journal every run.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
