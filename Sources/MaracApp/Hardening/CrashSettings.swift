import Foundation

/// How a crash behaves on the chair's screen. Swift's runtime catches crashes and, on a terminal,
/// offers an interactive backtracer ("Press space to interact, D to debug…") that waits for a key:
/// on a screen-shared meeting that would freeze the screen over the meeting's text.
///
/// The runtime reads `SWIFT_BACKTRACE` once, while the program is being loaded, before any of
/// marac's code runs, so `setenv` in `main` is too late. marac therefore re-executes itself once,
/// at the very start, with the variable set (the same process id, arguments and descriptors; no
/// file has been opened yet). A `SWIFT_BACKTRACE` the user set themselves is left alone, which
/// also stops a second re-exec. See docs/DECISIONS.md ("Crashes never wait for a key").
public enum CrashSettings {
    public static let variable = "SWIFT_BACKTRACE"
    /// Backtraces still go to stderr (they help a bug report), plain, never interactive.
    public static let value = "enable=yes,interactive=no,timeout=0s,color=no,output-to=stderr"

    /// The value to set and re-execute with, or nil when the environment already says what to do.
    public static func needed(in environment: [String: String]) -> String? {
        environment[variable] == nil ? value : nil
    }

    /// Sets the variable and replaces this process with a fresh copy of itself. Returns only when
    /// nothing needed doing or the exec failed (then marac runs on, with the runtime's defaults).
    public static func reexecIfNeeded() {
        guard let value = needed(in: ProcessInfo.processInfo.environment) else { return }
        setenv(variable, value, 1)
        #if os(Linux)
        let executable = "/proc/self/exe"
        #else
        guard let executable = Bundle.main.executablePath else { return }
        #endif
        execv(executable, CommandLine.unsafeArgv)
    }
}
