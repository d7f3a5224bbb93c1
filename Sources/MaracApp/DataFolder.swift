import Foundation

/// A failure a command reports to the user: one line, already worded for them (it names the file,
/// line and column where there is one), and the exit status to end with. The executable prints it
/// as `marac: <message>` on stderr; never a stack trace.
public struct CommandFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = 1) {
        self.message = message; self.exitCode = exitCode
    }

    public var description: String { message }
}

/// Where meeting journals go when no path is given (nothing hidden except documented,
/// overridable defaults). In order:
/// 1. `--data-dir DIR` on the command line;
/// 2. the `MARAC_DATA_DIR` environment variable;
/// 3. `data_dir` in the configuration file (see MaracConfig);
/// 4. `$XDG_DATA_HOME/marac`, else `$HOME/.local/share/marac`.
/// An empty value counts as not given. The folder is made (mode 0700) when the first journal is written.
public enum DataFolder {
    public static let environmentVariable = "MARAC_DATA_DIR"

    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(CommandFailure) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let configured = try MaracConfig.load(environment: environment)[.dataDir] { return configured }
        throw CommandFailure("no data folder: HOME is not set; give --data-dir DIR or set \(environmentVariable)")
    }

    /// `<folder>/<meeting-id>.jsonl`
    public static func journalPath(meetingID: String, folder: String) -> String {
        (folder.hasSuffix("/") ? String(folder.dropLast()) : folder) + "/\(meetingID).jsonl"
    }
}
