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

/// The header's forecast: how long the rest of the agenda will take at the current pace, and when
/// the meeting will finish by the clock against its planned end.
public struct MeetingProjection: Sendable, Equatable {
    public var meetingElapsedMillis: Int64
    public var casesLeft: Int
    /// Time per case so far (the mean of heard cases), or the target before any case is heard.
    public var paceMillis: Int64
    public var projectedTotalMillis: Int64
    public var plannedMillis: Int64
    /// Cases that will not be reached before the planned end at this pace, in agenda order.
    public var notReached: [String]
    /// The planned start and end as moments (epoch ms, UTC), from the meeting date and its local times.
    public var plannedStartAt: Int64 = 0
    public var plannedEndAt: Int64 = 0
    /// When the last case would end at this pace (epoch ms): now (or the planned start, before the
    /// meeting starts) plus what is left. Pauses and a late start push it on, as they do in the room.
    public var finishAt: Int64 = 0

    public var overrunMillis: Int64 { projectedTotalMillis - plannedMillis }
    /// Whether the projected finish is after the planned end.
    public var finishesLate: Bool { finishAt > plannedEndAt }
}

extension MeetingInfo {
    /// The planned end, minutes after midnight (local time).
    public var plannedEndMinutes: Int { plannedStartMinutes + plannedDurationMinutes }

    /// A local time on the meeting date as a moment (epoch ms), given the zone's offset that day.
    public func moment(minutes: Int, utcOffsetSeconds: Int) -> Int64 {
        Int64(date.dayNumber) * 86_400_000 + Int64(minutes) * 60_000 - Int64(utcOffsetSeconds) * 1000
    }
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

    /// `utcOffsetSeconds`: the meeting's time zone offset on its date (0 in Europe/London in winter),
    /// so the planned times, given in local time, become moments.
    public func projection(now: Int64, utcOffsetSeconds: Int = 0) -> MeetingProjection {
        let heard = heardCases.filter { !$0.agenda.notification }
        let pace: Int64 = heard.isEmpty
            ? timing.targetMillis
            : heard.reduce(0) { $0 + $1.elapsedMillis(now: now) } / Int64(heard.count)
        let elapsed = meetingElapsedMillis(now: now)
        var clock = elapsed
        var notReached: [String] = []
        let planned = Int64(info.plannedDurationMinutes) * 60_000
        let startAt = info.moment(minutes: info.plannedStartMinutes, utcOffsetSeconds: utcOffsetSeconds)
        let endAt = startAt + planned
        // By the clock: from now once started (a pause still running keeps pushing the finish on),
        // from the planned start before (or from now, if that has passed on the meeting's own day:
        // an agenda looked at on another day is projected as planned, not from that day's clock).
        let dayStart = info.moment(minutes: 0, utcOffsetSeconds: utcOffsetSeconds)
        let onTheDay = now >= dayStart && now < dayStart + 86_400_000
        var finish = closedAt ?? (isStarted ? now : onTheDay ? max(now, startAt) : startAt)
        var left = 0
        for c in orderedCases where c.status.isOutstanding {
            left += 1
            let expected = c.agenda.notification ? notificationMillis : max(pace, timing.targetMillis)
            let remaining = max(0, expected - c.elapsedMillis(now: now))
            if finish + remaining > endAt, !c.isRunning { notReached.append(c.ref) }
            clock += remaining
            finish += remaining
        }
        return MeetingProjection(meetingElapsedMillis: elapsed, casesLeft: left, paceMillis: pace,
                                 projectedTotalMillis: clock, plannedMillis: planned, notReached: notReached,
                                 plannedStartAt: startAt, plannedEndAt: endAt, finishAt: finish)
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

/// `7:05 min`, `1:02 h`: an elapsed time with its unit (minutes and seconds under an hour, hours
/// and minutes from an hour), so that it can never be read as a time of day.
public func formatElapsed(_ millis: Int64) -> String {
    let total = max(0, millis) / 1000
    func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
    if total >= 3600 { return "\(total / 3600):\(two((total % 3600) / 60)) h" }
    return "\(total / 60):\(two(total % 60)) min"
}

/// `09:30`: minutes after midnight as a 24-hour clock time.
public func formatClockTime(minutes: Int) -> String {
    let m = ((minutes % 1440) + 1440) % 1440
    return (m / 60 < 10 ? "0" : "") + "\(m / 60):" + (m % 60 < 10 ? "0" : "") + "\(m % 60)"
}

/// A moment (epoch ms) as the local clock shows it, `11:42`.
public func formatClockTime(at millis: Int64, utcOffsetSeconds: Int) -> String {
    let local = millis + Int64(utcOffsetSeconds) * 1000
    let dayMillis = ((local % 86_400_000) + 86_400_000) % 86_400_000
    return formatClockTime(minutes: Int(dayMillis / 60_000))
}

/// `9:30`, `09:30`, `0930`, `9.30` → minutes after midnight; nil for anything else (`24:00`, `9:75`).
public func parseClockTime(_ text: String) -> Int? {
    var t = text.trimmingWhitespace()
    t = String(t.map { $0 == "." ? ":" : $0 })
    if !t.contains(":"), t.count == 4, t.allSatisfy(\.isASCIIDigit) { t.insert(":", at: t.index(t.startIndex, offsetBy: 2)) }
    let parts = t.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
          parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), let h = Int(parts[0]), let m = Int(parts[1]),
          h < 24, m < 60 else { return nil }
    return h * 60 + m
}

/// `2h 05m`, `45m`: for the header's coarser figures.
public func formatMinutes(_ millis: Int64) -> String {
    let minutes = (max(0, millis) + 30_000) / 60_000
    let h = minutes / 60, m = minutes % 60
    return h > 0 ? "\(h)h \(m < 10 ? "0" : "")\(m)m" : "\(m)m"
}
