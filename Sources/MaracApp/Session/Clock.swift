import Foundation

import MaracCore

/// The runtime's source of `now` (epoch ms). Live runs read the wall clock; scripted runs, tests and
/// replays use a manual clock that only moves when told (`<Sleep 11m>`), so they are deterministic.
///
/// This file is the only place in MaracApp that reads the wall clock (a test holds it to that):
/// commands take a `Clock`, or a `now`/`today` parameter, and the executables give them
/// `AppClock.wall`.
public protocol Clock: AnyObject {
    var now: Int64 { get }
}

extension Clock {
    /// The calendar day `now` falls on in the machine's own time zone (an admin's "today", not UTC's).
    public var localToday: CalendarDate {
        let offset = TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: Double(now) / 1000))
        return CalendarDate(epochMillis: now + Int64(offset) * 1000)
    }
}

public final class WallClock: Clock, Sendable {
    public init() {}
    public var now: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}

/// The app's one wall clock.
public enum AppClock {
    public static let wall = WallClock()
}

public final class ManualClock: Clock {
    public private(set) var now: Int64
    public init(start: Int64) { self.now = start }
    public func advance(millis: Int64) { now += max(0, millis) }
}
