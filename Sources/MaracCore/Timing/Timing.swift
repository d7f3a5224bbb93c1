/// Where a discussion stands against the local time target and limit (docs/DOMAIN.md#time-per-case). Every phase has
/// a word and a symbol, so it never depends on colour alone.
public enum DiscussionPhase: String, Sendable, Equatable {
    case notStarted
    /// Below the target.
    case normal
    /// At or past the target: "move to actions".
    case targetReached
    /// Past the limit: an overrun; a reason is asked at close.
    case overLimit

    public var word: String {
        switch self {
        case .notStarted: return "not started"
        case .normal: return "on time"
        case .targetReached: return "move to actions"
        case .overLimit: return "over limit"
        }
    }

    public var symbol: String {
        switch self {
        case .notStarted: return "○"
        case .normal: return "●"
        case .targetReached: return "▲"
        case .overLimit: return "■"
        }
    }
}

public struct TimingPolicy: Sendable, Equatable {
    public var targetMillis: Int64
    public var limitMillis: Int64

    public init(targetMinutes: Int, limitMinutes: Int) {
        self.targetMillis = Int64(targetMinutes) * 60_000
        self.limitMillis = Int64(max(limitMinutes, targetMinutes)) * 60_000
    }

    public init(_ rules: LocalProtocol) { self.init(targetMinutes: rules.targetMinutes, limitMinutes: rules.limitMinutes) }

    /// Bonus minutes granted by the chair move both marks.
    public func target(bonusMinutes: Int) -> Int64 { targetMillis + Int64(bonusMinutes) * 60_000 }
    public func limit(bonusMinutes: Int) -> Int64 { limitMillis + Int64(bonusMinutes) * 60_000 }

    public func phase(elapsedMillis: Int64, started: Bool, bonusMinutes: Int = 0) -> DiscussionPhase {
        guard started else { return .notStarted }
        if elapsedMillis >= limit(bonusMinutes: bonusMinutes) { return .overLimit }
        if elapsedMillis >= target(bonusMinutes: bonusMinutes) { return .targetReached }
        return .normal
    }
}

/// The header's forecast: how long the rest of the agenda will take at the current pace.
public struct MeetingProjection: Sendable, Equatable {
    public var meetingElapsedMillis: Int64
    public var casesLeft: Int
    /// Time per case so far (the mean of heard cases), or the target before any case is heard.
    public var paceMillis: Int64
    public var projectedTotalMillis: Int64
    public var plannedMillis: Int64
    /// Cases that will not be reached before the planned end at this pace, in agenda order.
    public var notReached: [String]

    public var overrunMillis: Int64 { projectedTotalMillis - plannedMillis }
}

/// Notification items are read out, not discussed.
let notificationMillis: Int64 = 60_000

extension MeetingState {
    public var timing: TimingPolicy { TimingPolicy(rules) }

    public func phase(of ref: String, now: Int64) -> DiscussionPhase {
        guard let c = cases[ref] else { return .notStarted }
        return timing.phase(elapsedMillis: c.elapsedMillis(now: now), started: c.wasStarted, bonusMinutes: c.bonusMinutes)
    }

    /// Cases heard, with the time each took.
    public var heardCases: [CaseRecord] { orderedCases.filter { $0.status == .heard } }

    public func projection(now: Int64) -> MeetingProjection {
        let heard = heardCases.filter { !$0.agenda.notification }
        let pace: Int64 = heard.isEmpty
            ? timing.targetMillis
            : heard.reduce(0) { $0 + $1.elapsedMillis(now: now) } / Int64(heard.count)
        let elapsed = meetingElapsedMillis(now: now)
        var clock = elapsed
        var notReached: [String] = []
        let planned = Int64(info.plannedDurationMinutes) * 60_000
        var left = 0
        for c in orderedCases where c.status.isOutstanding {
            left += 1
            let expected = c.agenda.notification ? notificationMillis : max(pace, timing.targetMillis)
            let remaining = max(0, expected - c.elapsedMillis(now: now))
            if clock + remaining > planned, !c.isRunning { notReached.append(c.ref) }
            clock += remaining
        }
        return MeetingProjection(meetingElapsedMillis: elapsed, casesLeft: left, paceMillis: pace,
                                 projectedTotalMillis: clock, plannedMillis: planned, notReached: notReached)
    }

    /// Cases whose discussion went past the limit.
    public func overruns(now: Int64) -> [CaseRecord] {
        orderedCases.filter { phase(of: $0.ref, now: now) == .overLimit }
    }
}

/// `7:05`, `1:02:03`: minutes and seconds, hours when needed.
public func formatDuration(_ millis: Int64) -> String {
    let total = max(0, millis) / 1000
    let h = total / 3600, m = (total % 3600) / 60, s = total % 60
    func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
}

/// `2h 05m`, `45m`: for the header's coarser figures.
public func formatMinutes(_ millis: Int64) -> String {
    let minutes = (max(0, millis) + 30_000) / 60_000
    let h = minutes / 60, m = minutes % 60
    return h > 0 ? "\(h)h \(m < 10 ? "0" : "")\(m)m" : "\(m)m"
}
