import Foundation
import MaracCore
import MaracJournal

/// A data folder of many fictional fortnightly meetings, shaped like years of a real Marac: each
/// meeting imports what is still open, its opening review closes most of it, it hears its cases and
/// agrees their actions; the tracker closes some between meetings. For the archive benchmark
/// (`marac-bench archive`) and the tests that need a folder slow enough to load to race on.
public enum SyntheticArchive {
    public struct Summary: Sendable {
        public var meetings: Int
        public var cases: Int
        public var actions: Int
        public var events: Int
        /// The date of the meeting after the last one (for a "next meeting").
        public var nextDate: CalendarDate
    }

    static let agencies = ["Police", "Idva", "Children's Social Care", "Housing", "Probation", "Health Visiting", "GP",
                           "Mental Health", "Education", "Drug and Alcohol", "Adult Social Care"]
    static let texts = [
        "Place a marker on the address and fit a monitored alarm",
        "Complete a safety plan with the victim and agree a safe contact route",
        "Share the bail conditions with the school and the GP",
        "Book a home visit to review the children's plan",
        "Check the licence conditions and report any breach",
        "Offer a management transfer and change the locks",
    ]

    /// Writes `meetings` meeting journals (and a tracker) into `folder`, which must exist and be empty.
    @discardableResult
    public static func write(meetings: Int, casesPerMeeting: Int = 46, actionsPerCase: Int = 3, area: String = "Eastbrook",
                             to folder: String, seed: UInt64 = 7) throws -> Summary {
        var rng = SplitMix64(seed: seed)
        var date = CalendarDate(year: 2016, month: 1, day: 5)!
        var open: [OutstandingAction] = []
        var totalCases = 0, totalActions = 0, totalEvents = 0
        var trackerEvents: [(at: Int64, event: MeetingEvent)] = []
        for m in 0..<meetings {
            let id = MeetingInfo.makeID(date: date, area: area)
            let info = MeetingInfo(id: id, date: date, area: area, chair: "Chair \(m % 7 + 1)")
            var t = Int64(date.dayNumber) * 86_400_000 + 9 * 3_600_000
            var events: [(at: Int64, event: MeetingEvent)] = []
            func add(_ e: MeetingEvent, _ seconds: Int) { t += Int64(seconds) * 1000; events.append((t, e)) }
            add(.meetingCreated(info: info, rules: .national), 0)
            var refs: [String] = []
            for c in 0..<casesPerMeeting {
                let ref = "EB-\(m * casesPerMeeting + c + 1000)"
                refs.append(ref)
                add(.caseQueued(agendaCase: AgendaCase(caseRef: ref, victim: "Victim \(m)-\(c)", referringAgency: agencies[c % 4],
                                                       referralBasis: c % 5 == 0 ? .professionalJudgement : .actuarial,
                                                       children: c % 3), late: false), 1)
            }
            if !open.isEmpty { add(.outstandingActionsImported(actions: open), 1) }
            add(.meetingStarted, 60)
            var carried: [OutstandingAction] = []
            for a in open {
                let roll = rng.next() % 100
                let outcome: ReviewOutcome = roll < 85 ? .done : roll < 92 ? .notPossible : roll < 96 ? .notDone : .carriedForward
                add(.outstandingActionReviewed(actionID: a.id, outcome: outcome, note: outcome == .done ? "Completed" : "Reviewed"), 5)
                if outcome == .carriedForward { carried.append(a) }
            }
            var agreed: [OutstandingAction] = []
            var number = 0
            for ref in refs {
                add(.discussionStarted(caseRef: ref), 20)
                add(.noteAdded(caseRef: ref, agency: "Police", kind: .riskInformation, text: "Two call-outs since the last referral."), 90)
                for k in 0..<actionsPerCase {
                    number += 1
                    let owner = agencies[Int(rng.next() % UInt64(agencies.count))]
                    let action = Action(id: "\(info.actionPrefix)-\(number)", caseRef: ref, text: texts[(number + k) % texts.count],
                                        owner: owner, due: date.adding(days: 7 + Int(rng.next() % 21)), category: .victimSafety)
                    add(.actionAgreed(action: action), 40)
                    agreed.append(OutstandingAction(id: action.id, meetingDate: date, caseRef: ref, text: action.text, owner: owner,
                                                    due: action.due, category: action.category))
                }
                add(.discussionEnded(caseRef: ref, overrunReason: nil), 60)
            }
            add(.meetingClosed, 30)
            try writeJournal(events, kind: .meeting, id: id, to: AtomicFile.join(folder, id + ".jsonl"))
            totalCases += refs.count; totalActions += agreed.count; totalEvents += events.count

            // Between meetings the tracker closes a few actions and notes progress on others.
            var still: [OutstandingAction] = []
            var tt = Int64(date.adding(days: 7).dayNumber) * 86_400_000 + 14 * 3_600_000
            for a in carried + agreed {
                if rng.next() % 20 == 0 {
                    tt += 60_000
                    let done = rng.next() % 2 == 0
                    trackerEvents.append((tt, .trackerUpdated(update: TrackerUpdate(
                        actionID: a.id, kind: done ? .done : .note, on: date.adding(days: 6), by: "Coordinator",
                        note: done ? "Confirmed by email" : "Chased by phone"))))
                    if done { continue }
                }
                still.append(a)
            }
            open = still
            date = date.adding(days: 14)
        }
        if !trackerEvents.isEmpty {
            try writeJournal(trackerEvents, kind: .tracker, id: "tracker", to: AtomicFile.join(folder, ActionFolder.trackerFileName))
            totalEvents += trackerEvents.count
        }
        return Summary(meetings: meetings, cases: totalCases, actions: totalActions, events: totalEvents, nextDate: date)
    }

    static func writeJournal(_ events: [(at: Int64, event: MeetingEvent)], kind: JournalKind, id: String, to path: String) throws {
        let writer = try JournalWriter.create(path: path, kind: kind, id: id, events: [events[0].event], at: events[0].at)
        defer { writer.close() }
        _ = try writer.append(stamped: Array(events.dropFirst()))
    }
}
