import MaracCore

/// The time zone documents print times in, as a pure table of offsets: the application layer
/// reads the zone's rules (Foundation's `TimeZone`) for the years around the meeting and hands
/// them in, so this module never reads a clock or a time-zone database. Times in journals stay
/// UTC epoch milliseconds; only documents show local time.
public struct LocalZone: Sendable, Equatable {
    /// From `start` (epoch ms) until the next period's start, local time is UTC plus `offsetSeconds`.
    public struct Period: Sendable, Equatable {
        public var start: Int64
        public var offsetSeconds: Int
        /// `GMT`, `BST`, `CET` …
        public var abbreviation: String
        public init(start: Int64, offsetSeconds: Int, abbreviation: String) {
            self.start = start; self.offsetSeconds = offsetSeconds; self.abbreviation = abbreviation
        }
    }

    /// `Europe/London`
    public var identifier: String
    /// In order of `start`; the first applies to every earlier time too.
    public var periods: [Period]

    /// The zone readers of Marac documents assume: a time in it needs no label, except in the hour
    /// that happens twice when the clocks go back.
    public static let defaultIdentifier = "Europe/London"

    public init(identifier: String, periods: [Period]) {
        self.identifier = identifier
        self.periods = periods.isEmpty ? [Period(start: .min, offsetSeconds: 0, abbreviation: "UTC")] : periods.sorted { $0.start < $1.start }
    }

    public static let utc = LocalZone(identifier: "UTC", periods: [Period(start: .min, offsetSeconds: 0, abbreviation: "UTC")])

    func periodIndex(_ millis: Int64) -> Int {
        var found = 0
        for (i, p) in periods.enumerated() where p.start <= millis { found = i }
        return found
    }

    /// The moment as this zone shows it.
    public func instant(_ millis: Int64) -> Instant {
        let i = periodIndex(millis)
        let p = periods[i]
        let local = millis + Int64(p.offsetSeconds) * 1000
        // The same wall-clock reading also belongs to a neighbouring period (the hour repeated
        // when the clocks go back): say which.
        var ambiguous = false
        for j in [i - 1, i + 1] where periods.indices.contains(j) {
            let other = periods[j]
            let utcThere = local - Int64(other.offsetSeconds) * 1000
            let end = j + 1 < periods.count ? periods[j + 1].start : Int64.max
            if utcThere != millis && utcThere >= other.start && utcThere < end { ambiguous = true }
        }
        let label = identifier == Self.defaultIdentifier && !ambiguous ? nil : p.abbreviation
        return Instant(millis, offsetSeconds: p.offsetSeconds, label: label)
    }
}

/// A moment in time, kept as epoch milliseconds (UTC) with the offset of the zone it is shown in.
public struct Instant: Sendable, Equatable, Comparable {
    public var millis: Int64
    /// Local time is UTC plus this.
    public var offsetSeconds: Int
    /// Printed after the time when a reader could mistake it (`GMT` in the repeated autumn hour,
    /// any zone other than Europe/London); nil when the time needs none.
    public var label: String?

    /// A UTC moment, labelled `UTC`.
    public init(_ millis: Int64) { self.init(millis, offsetSeconds: 0, label: "UTC") }

    public init(_ millis: Int64, offsetSeconds: Int, label: String?) {
        self.millis = millis; self.offsetSeconds = offsetSeconds; self.label = label
    }

    public static func < (a: Instant, b: Instant) -> Bool { a.millis < b.millis }

    private var localMillis: Int64 { millis + Int64(offsetSeconds) * 1000 }

    /// The local calendar day.
    public var day: CalendarDate { CalendarDate(epochMillis: localMillis) }

    private var secondOfDay: Int64 {
        let day: Int64 = 86_400_000
        return ((localMillis % day + day) % day) / 1000
    }

    /// Local minutes since midnight.
    public var minuteOfDay: Int { Int(secondOfDay / 60) }

    /// `09:32` (local)
    public var hhmm: String {
        let s = secondOfDay
        return two(s / 3600) + ":" + two((s % 3600) / 60)
    }

    /// `2026-12-01T09:32:05Z`, or with the local offset: `2026-07-14T09:30:00+01:00`.
    public var iso: String {
        let s = secondOfDay
        let time = day.iso + "T" + two(s / 3600) + ":" + two((s % 3600) / 60) + ":" + two(s % 60)
        if offsetSeconds == 0 { return time + "Z" }
        let m = abs(offsetSeconds) / 60
        return time + (offsetSeconds < 0 ? "-" : "+") + two(Int64(m / 60)) + ":" + two(Int64(m % 60))
    }

    /// `01/12/2026 09:32`, with the zone where it is needed: `25/10/2026 01:30 GMT`.
    public var uk: String { day.uk + " " + hhmmLabelled }

    /// `09:32`, or `01:30 GMT` where the zone is needed.
    public var hhmmLabelled: String { hhmm + (label.map { " " + $0 } ?? "") }

    private func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
