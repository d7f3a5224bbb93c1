import Foundation

/// The runtime's source of `now` (epoch ms). Live runs read the wall clock; scripted runs, tests and
/// replays use a manual clock that only moves when told (`<Sleep 11m>`), so they are deterministic.
public protocol Clock: AnyObject {
    var now: Int64 { get }
}

public final class WallClock: Clock {
    public init() {}
    public var now: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}

public final class ManualClock: Clock {
    public private(set) var now: Int64
    public init(start: Int64) { self.now = start }
    public func advance(millis: Int64) { now += max(0, millis) }
}
