import Foundation
import Logging

/// swift-log handler that appends to a file. Logs never go to the terminal while curses owns it
/// (anchors §2.2 #12), and never carry case text: callers log event names and counts only.
public struct FileLogHandler: LogHandler {
    private let handle: FileHandle?
    private let label: String
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]

    public init(label: String, path: String) {
        self.label = label
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        self.handle = FileHandle(forWritingAtPath: path)
        _ = try? self.handle?.seekToEnd()
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
