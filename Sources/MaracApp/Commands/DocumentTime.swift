import Foundation
import MaracCore
import MaracExport

/// Which time zone documents print times in, and its rules as the pure `LocalZone` table the
/// export module reads: `TZ` if set to a zone name, else the local protocol's `time_zone`, else
/// Europe/London. Journals keep UTC epoch times; only documents are local.
public enum DocumentTime {
    /// The zone name to use, and a warning when `TZ` is set but names no zone Foundation knows.
    public static func zoneName(environment: [String: String] = ProcessInfo.processInfo.environment,
                                protocolZone: String?) -> (name: String, warning: String?) {
        if var tz = environment["TZ"]?.trimmingWhitespace(), !tz.isEmpty {
            if tz.hasPrefix(":") { tz.removeFirst() }
            if TimeZone(identifier: tz) != nil { return (tz, nil) }
            let fallback = protocolZone ?? LocalZone.defaultIdentifier
            return (fallback, "TZ=\(SafeText.line(tz)) is not a time zone name marac knows; times are shown in \(fallback)")
        }
        if let protocolZone, TimeZone(identifier: protocolZone) != nil { return (protocolZone, nil) }
        return (LocalZone.defaultIdentifier, nil)
    }

    /// What people call the zone's time: Foundation on Linux says "GMT+1" for British Summer Time.
    static func abbreviation(_ name: String, _ offset: Int, _ foundation: String?) -> String {
        if name == "Europe/London" { return offset == 3600 ? "BST" : offset == 0 ? "GMT" : (foundation ?? name) }
        if name.uppercased().contains("UTC") && offset == 0 { return "UTC" }
        return foundation ?? name
    }

    /// The zone's offsets from two years before `around` to two years after (every moment a
    /// document about that meeting prints falls in that span; outside it the nearest period holds).
    public static func zone(named name: String, around millis: Int64) -> LocalZone {
        guard let tz = TimeZone(identifier: name) else { return .utc }
        let centre = Date(timeIntervalSince1970: Double(millis) / 1000)
        var moment = centre.addingTimeInterval(-2 * 366 * 86_400)
        let end = centre.addingTimeInterval(2 * 366 * 86_400)
        func period(at date: Date, start: Int64) -> LocalZone.Period {
            let offset = tz.secondsFromGMT(for: date)
            return LocalZone.Period(start: start, offsetSeconds: offset, abbreviation: abbreviation(name, offset, tz.abbreviation(for: date)))
        }
        var periods = [period(at: moment, start: .min)]
        while let next = tz.nextDaylightSavingTimeTransition(after: moment), next < end {
            periods.append(period(at: next, start: Int64((next.timeIntervalSince1970 * 1000).rounded())))
            moment = next
        }
        return LocalZone(identifier: name, periods: periods)
    }
}
