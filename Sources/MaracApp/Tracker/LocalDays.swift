import Foundation
import MaracCore

/// Calendar days as the coordinator lives them: in the configured zone (`time_zone` in the config,
/// Europe/London by default), never UTC's. Between midnight and 01:00 in British Summer Time the
/// UTC day is still yesterday: an outcome typed then for yesterday is recorded late, and one for
/// today is not in the future. Journals keep UTC epoch milliseconds; only days are local.
public struct LocalDays: Sendable, Equatable {
    public var zone: TimeZone

    public init(zone: TimeZone) { self.zone = zone }

    /// Europe/London, the default of `time_zone`.
    public static let london = LocalDays(zone: TimeZone(identifier: MaracConfig.defaultTimeZone)!)

    /// The local calendar day of a moment (epoch milliseconds, UTC).
    public func day(_ millis: Int64) -> CalendarDate {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(millis) / 1000))
        return CalendarDate(epochMillis: millis + Int64(offset) * 1000)
    }

    /// `day` for many moments: the zone's offset looked up once per half hour of UTC (zones change
    /// their offset on the hour or the half hour), which matters when a folder holds 100,000 events.
    public func cached() -> (Int64) -> CalendarDate {
        let box = OffsetCache(zone: zone)
        return { box.day($0) }
    }
}

private final class OffsetCache {
    let zone: TimeZone
    var hour = Int64.min, offset: Int64 = 0
    init(zone: TimeZone) { self.zone = zone }
    func day(_ millis: Int64) -> CalendarDate {
        // Floor division, so moments before 1970 fall in the right hour.
        let h = millis >= 0 ? millis / 1_800_000 : (millis - 1_799_999) / 1_800_000
        if h != hour {
            hour = h
            offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(h * 1_800)))) * 1000
        }
        return CalendarDate(epochMillis: millis + offset)
    }
}
