import Foundation
import Logging

/// swift-log handler that appends to a file. Logs never go to the terminal while curses owns it
///, and never carry case text: callers log event names and counts only.
public struct FileLogHandler: LogHandler {
    private let handle: FileHandle?
    private let label: String
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]

    public init(label: String, path: String) {
        self.label = label
        // Created 0600 whatever the umask; appended to, never truncated.
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        self.handle = fd >= 0 ? FileHandle(fileDescriptor: fd, closeOnDealloc: true) : nil
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        handle?.write(Data("\(stamp) \(event.level) \(label): \(event.message)\n".utf8))
    }
}
