import MaracCore

/// Told about each batch of events the moment the journal has synced it, before the screen shows it
/// as saved. marac installs none; the kill -9 tests' harness (Tests/CrashHarness) installs one that
/// records what was acknowledged. A port, so no test code lives in the app.
public protocol SaveListener: AnyObject, Sendable {
    func saved(_ records: [RecordedEvent])
}

public enum SaveListeners {
    /// Set once at start-up, before any session runs.
    nonisolated(unsafe) public static var current: (any SaveListener)?
}
