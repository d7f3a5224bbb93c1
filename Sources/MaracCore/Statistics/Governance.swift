/// A change to an action's status recorded outside the meeting that agreed it: in the action
/// tracker between meetings (`actionStatusUpdated`) or at a later meeting's opening review.
public struct ActionStatusChange: Sendable, Equatable {
    public var actionID: String
    public var status: ActionStatus
    public var escalated: Bool
    /// When it happened (epoch milliseconds, UTC): for a dated tracker update, midday of the day
    /// it says it happened; otherwise the moment it was recorded.
    public var at: Int64
    /// When it was typed (epoch milliseconds, UTC). Later than `at`'s day for an outcome recorded late.
    public var recordedAt: Int64
    /// For a dated tracker update: the local day it was typed (the coordinator's calendar, not UTC's).
    public var recordedOn: CalendarDate?
    /// A new due date from this change (a tracker extension, a review that carried the action
    /// forward), so "overdue" is judged on the date the agency now works to, as `marac actions` does.
    public var due: CalendarDate?
    /// The agency that owns the action from this change on (a tracker reassignment).
    public var owner: String?

    public init(actionID: String, status: ActionStatus, escalated: Bool, at: Int64, recordedAt: Int64? = nil,
                recordedOn: CalendarDate? = nil, due: CalendarDate? = nil, owner: String? = nil) {
        self.actionID = actionID; self.status = status; self.escalated = escalated; self.at = at
        self.recordedAt = recordedAt ?? at
        self.recordedOn = recordedOn
        self.due = due; self.owner = owner
    }

    /// Typed on a later day than the day it happened: for a dated update, its local typing day is
    /// after the day it says (`at` is midday UTC of that day); otherwise by UTC days.
    public var isRecordedLate: Bool {
        if let recordedOn { return CalendarDate(epochMillis: at) < recordedOn }
        return recordedAt / 86_400_000 > at / 86_400_000
    }

    /// The tracker's status events, in journal order; undone events and other events are ignored.
    /// `localDay` gives the coordinator's calendar day of a moment (UTC's when not given).
    public static func fromTracker(_ events: [RecordedEvent],
                                   localDay: (Int64) -> CalendarDate = { CalendarDate(epochMillis: $0) }) -> [ActionStatusChange] {
        fromJournal(events, localDay: localDay) { _ in false }
    }

    /// Status updates a meeting journal recorded for actions agreed at OTHER meetings (its own
    /// actions' updates are already in their history when the journal is folded).
    public static func fromMeetingJournal(_ events: [RecordedEvent]) -> [ActionStatusChange] {
        fromMeetingJournal(events, folded: MeetingState.fold(events))
    }

    /// The same, for a journal already folded (`folded` is `MeetingState.fold(events)`): the report
    /// has folded every meeting once and must not fold each again.
    public static func fromMeetingJournal(_ events: [RecordedEvent], folded: MeetingState) -> [ActionStatusChange] {
        let own = Set(folded.actions.map(\.id))
        return fromJournal(events) { own.contains($0) }
    }

    static func fromJournal(_ events: [RecordedEvent], localDay: (Int64) -> CalendarDate = { CalendarDate(epochMillis: $0) },
                            skip: (String) -> Bool) -> [ActionStatusChange] {
        let undone = Set(events.compactMap { r -> Int? in if case .undone(let seq) = r.event { return seq } else { return nil } })
        return events.compactMap { r in
            guard !undone.contains(r.seq) else { return nil }
            switch r.event {
            case .actionStatusUpdated(let id, let status, let escalated, _) where !skip(id):
                return ActionStatusChange(actionID: id, status: status, escalated: escalated, at: r.at)
            case .trackerUpdated(let u) where !skip(u.actionID):
                let at = Int64(u.on.dayNumber) * 86_400_000 + 43_200_000
                switch u.kind {
                case .note: return nil
                case .extend, .reassign:
                    // The tracker takes these only for an open action: it stays open, with a new
                    // due date or owner.
                    return ActionStatusChange(actionID: u.actionID, status: .open, escalated: false, at: at, recordedAt: r.at,
                                              recordedOn: localDay(r.at), due: u.kind == .extend ? u.due : nil,
                                              owner: u.kind == .reassign ? u.agency : nil)
                case .done, .notPossible, .escalate:
                    guard let status = u.kind.closingStatus else { return nil }
                    return ActionStatusChange(actionID: u.actionID, status: status, escalated: u.kind == .escalate,
                                              at: at, recordedAt: r.at, recordedOn: localDay(r.at))
                }
            default:
                return nil
            }
        }
    }
}

/// Actions agreed in the period for one owner agency, with their status at the period end.
public struct AgencyActions: Sendable, Equatable {
    public var agency: String
    /// Agreed and not withdrawn.
    public var agreed: Int
    public var done: Int
    public var open: Int
    /// Still open at the end of the period's last day and due on or before it.
    public var overdue: Int
    /// Closed as "not done by the agency".
    public var notDone: Int
    public var notPossible: Int
    /// Escalated to the steering group (flagged, or closed as not done at a review).
    public var escalated: Int
}

/// One agency's attendance over the meetings in the period.
public struct AgencyAttendance: Sendable, Equatable {
    public var agency: String
    public var present: Int
    public var apologies: Int
    /// Recorded absent, or not on that meeting's register at all.
    public var absent: Int
}

/// Figures for the steering group (docs/DOMAIN.md#outstanding-actions, docs/REPORT.md): time per case, overruns, volume per meeting,
/// actions by agency with their status at the period end, attendance, referral-to-hearing delay.
public struct Governance: Sendable, Equatable {
    public var period: ReportPeriod
    /// Minutes of discussion per heard case (pauses excluded); nil when no case has a recorded time.
    public var minutesPerCase: Spread?
    /// Heard cases with no discussion time recorded (closed without the clock running).
    public var casesWithoutTime: Int
    /// Cases whose discussion went past the limit (plus any bonus minutes), of timed cases.
    public var overruns: Figure
    /// The time limit in minutes when every meeting in the period used the same one.
    public var limitMinutes: Int?
    public var casesPerMeeting: Spread?
    public var actionsByAgency: [AgencyActions]
    public var attendance: [AgencyAttendance]
    public var daysReferralToHearing: Spread?
    /// Heard cases whose referral date was blank.
    public var referralDateUnknown: Int
    /// Whether tracker updates were available; if not, statuses come from the meeting journals alone.
    public var usedTracker: Bool
    /// Tracker outcomes that happened in the period but were typed on a later day. They count on the
    /// day they happened (so a report run again after them can differ from one run at the time).
    public var outcomesRecordedLate: Int
    /// Of those, the ones typed after the period had ended.
    public var outcomesRecordedAfterPeriod: Int

    public var totalActions: AgencyActions {
        actionsByAgency.reduce(AgencyActions(agency: "All agencies", agreed: 0, done: 0, open: 0, overdue: 0,
                                             notDone: 0, notPossible: 0, escalated: 0)) {
            AgencyActions(agency: $0.agency, agreed: $0.agreed + $1.agreed, done: $0.done + $1.done,
                          open: $0.open + $1.open, overdue: $0.overdue + $1.overdue, notDone: $0.notDone + $1.notDone,
                          notPossible: $0.notPossible + $1.notPossible, escalated: $0.escalated + $1.escalated)
        }
    }

    /// - Parameters:
    ///   - all: every meeting found (later meetings' opening reviews update earlier actions).
    ///   - tracker: status changes from the tracker journal; nil when there is none.
    ///   - otherMeetings: updates meeting journals recorded for other meetings' actions
    ///     (`ActionStatusChange.fromMeetingJournal`).
    public init(meetings all: [MeetingState], period: ReportPeriod, tracker: [ActionStatusChange]? = nil,
                otherMeetings: [ActionStatusChange] = []) {
        self.period = period
        self.usedTracker = tracker != nil
        let periodStart = Int64(period.from.dayNumber) * 86_400_000
        let late = (tracker ?? []).filter { $0.at >= periodStart && $0.at < period.endMillis && $0.isRecordedLate }
        self.outcomesRecordedLate = late.count
        self.outcomesRecordedAfterPeriod = late.filter { $0.recordedAt >= period.endMillis }.count
        let inPeriod = meetingsInPeriod(all, period)

        // Time per case and overruns.
        var minutes: [Double] = []
        var over = 0, untimed = 0
        var delays: [Double] = []
        var noReferralDate = 0
        for m in inPeriod {
            for c in m.orderedCases where countsAsHeard(c) {
                if c.wasStarted {
                    let millis = c.elapsedMillis(now: c.closedAt ?? m.lastEventAt ?? 0)
                    minutes.append(Double(millis) / 60_000)
                    if millis > m.timing.limit(bonusMinutes: c.bonusMinutes) { over += 1 }
                } else {
                    untimed += 1
                }
                if let referred = c.agenda.referralDate {
                    delays.append(Double(referred.days(until: m.info.date)))
                } else {
                    noReferralDate += 1
                }
            }
        }
        minutesPerCase = Spread(minutes)
        let limits = Set(inPeriod.map(\.rules.limitMinutes))
        limitMinutes = limits.count == 1 ? limits.first : nil
        casesWithoutTime = untimed
        overruns = Figure(key: "overruns", label: "Cases over the time limit", count: over, denominator: minutes.count)
        casesPerMeeting = Spread(inPeriod.map { Double($0.orderedCases.filter(countsAsHeard).count) })
        daysReferralToHearing = Spread(delays)
        referralDateUnknown = noReferralDate

        // Status changes from outside each action's own meeting: the tracker, and opening reviews
        // at any meeting (a review only names actions brought forward from earlier meetings).
        var changes: [String: [ActionStatusChange]] = [:]
        for change in (tracker ?? []) + otherMeetings { changes[change.actionID, default: []].append(change) }
        for m in all {
            for (id, review) in m.reviews {
                changes[id, default: []].append(ActionStatusChange(
                    actionID: id, status: review.outcome.actionStatus, escalated: review.outcome == .notDone, at: review.at,
                    due: review.newDue))
            }
        }

        var byAgency: [AgencyActions] = []
        let cutoff = period.endMillis
        let lastDay = period.to
        for m in inPeriod {
            for action in m.actions {
                var status = action.history.isEmpty ? action.status : .open
                var escalated = action.history.isEmpty ? action.escalated : false
                let own = action.history.map {
                    ActionStatusChange(actionID: action.id, status: $0.status, escalated: $0.escalated, at: $0.at)
                }
                // In the order recorded (a stable sort: equal times keep journal order), counting only
                // what had happened by the period end: an outcome typed late still counts on its day,
                // and never undoes what was recorded after that day (a later review).
                let timeline = (own + (changes[action.id] ?? [])).enumerated()
                    .sorted { ($0.element.recordedAt, $0.offset) < ($1.element.recordedAt, $1.offset) }.map(\.element)
                var due = action.due, currentOwner = action.owner
                for change in timeline where change.at < cutoff {
                    status = change.status
                    escalated = escalated || change.escalated
                    if let d = change.due { due = d }
                    if let o = change.owner { currentOwner = o }
                }
                if status == .withdrawn { continue }
                let owner = SafeText.line(currentOwner).trimmingWhitespace()
                let name = owner.isEmpty ? "No owner recorded" : owner
                let i: Int
                if let found = byAgency.firstIndex(where: { $0.agency.lowercased() == name.lowercased() }) { i = found }
                else {
                    byAgency.append(AgencyActions(agency: name, agreed: 0, done: 0, open: 0, overdue: 0,
                                                  notDone: 0, notPossible: 0, escalated: 0))
                    i = byAgency.count - 1
                }
                byAgency[i].agreed += 1
                switch status {
                case .done: byAgency[i].done += 1
                case .open:
                    byAgency[i].open += 1
                    if let due, due <= lastDay { byAgency[i].overdue += 1 }
                case .notDone: byAgency[i].notDone += 1
                case .notPossible: byAgency[i].notPossible += 1
                case .withdrawn: break
                }
                if escalated { byAgency[i].escalated += 1 }
            }
        }
        actionsByAgency = byAgency.sorted { $0.agency.lowercased() < $1.agency.lowercased() }

        // Attendance: every agency on any register in the period; missing from a register = absent.
        var agencies: [String] = []
        for m in inPeriod {
            for a in m.attendance where a.role != .observer {
                let name = SafeText.line(a.agency).trimmingWhitespace()
                if !name.isEmpty && !agencies.contains(where: { $0.lowercased() == name.lowercased() }) { agencies.append(name) }
            }
        }
        attendance = agencies.sorted { $0.lowercased() < $1.lowercased() }.map { agency in
            var row = AgencyAttendance(agency: agency, present: 0, apologies: 0, absent: 0)
            for m in inPeriod {
                let lines = m.attendance.filter { SafeText.line($0.agency).trimmingWhitespace().lowercased() == agency.lowercased() }
                if lines.contains(where: { $0.role == .present }) { row.present += 1 }
                else if lines.contains(where: { $0.role == .apologies }) { row.apologies += 1 }
                else { row.absent += 1 }
            }
            return row
        }
    }
}
