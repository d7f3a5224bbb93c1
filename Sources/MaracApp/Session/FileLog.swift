import Foundation
import Logging
import MaracCore

/// swift-log handler that appends to a file. Logs never go to the terminal while curses owns it,
/// and never carry case text: callers log event names and counts only.
///
/// A log is never allowed to fail the meeting. Lines are written with one `write(2)` each and any
/// failure (a full disk, `/dev/full`, an I/O error, a short write) is ignored and counted in
/// `FileLog.lostLines`; the summary screen shows that count. (Foundation's `FileHandle.write`
/// cannot be used here: it ends the process with a fatal error when the write fails.)
public struct FileLogHandler: LogHandler {
    private let file: FileLog?
    private let label: String
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]

    public init(label: String, path: String) {
        self.label = label
        self.file = FileLog(path: path)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let stamp = FileLog.stamp(Date())
        // Only event names and counts are logged; SafeText still keeps a stray control byte out
        // of a file an admin may `cat` in a terminal.
        let line = "\(stamp) \(event.level) \(label): \(SafeText.line(event.message.description))\n"
        guard let file else { FileLog.countLost(); return }
        file.write(line)
    }
}

/// One open log file, closed when the last handler using it goes.
public final class FileLog: Sendable {
    private let fd: Int32

    /// nil when the file cannot be opened (its lines are then counted as lost).
    /// Created 0600 whatever the umask; appended to, never truncated. O_NONBLOCK: a FIFO put in
    /// the log's place must not stop the meeting (a write it cannot take is a lost line).
    init?(path: String) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o600)
        if fd < 0 { return nil }
        self.fd = fd
    }

    deinit { close(fd) }

    func write(_ line: String) {
        var bytes = Array(line.utf8)
        let written = bytes.withUnsafeMutableBytes { raw -> Int in
            while true {
                let n = Foundation.write(fd, raw.baseAddress, raw.count)
                if n < 0 && errno == EINTR { continue }
                return n
            }
        }
        if written != bytes.count { FileLog.countLost() }
        bytes.removeAll()
    }

    // MARK: - Lost lines

    private static let lost = LostCounter()

    /// Log lines that could not be written since marac started.
    public static var lostLines: Int { lost.value }

    static func countLost() { lost.increment() }

    private final class LostCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func increment() { lock.withLock { count += 1 } }
    }

    static func stamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
