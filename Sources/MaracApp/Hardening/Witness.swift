import Foundation
import MaracJournal

/// The witness file: what marac last saw of each journal in a folder, so a journal that is later
/// cut short, or put back to an older copy, or rewritten and re-chained, is noticed.
///
/// The hash chain alone proves only that a file is internally consistent: anyone who can write the
/// file can cut its tail or restore yesterday's copy and the chain still holds. The witness
/// records, for every journal `marac` has written or opened on this machine, its last sequence
/// number and hash; `verify` and `run` compare the journal with it. It lives beside the journals
/// (`.marac-witness.json`, 0600), so it answers accidents, careless restores and an editor who
/// did not know it was there; someone who can rewrite the whole folder can rewrite it too
/// (docs/SECURITY.md says so, and what signing adds).
public enum Witness {
    public static let fileName = ".marac-witness.json"

    public struct Entry: Codable, Sendable, Equatable {
        /// The journal's header id.
        public var id: String
        /// The last line's sequence number (0: only the header).
        public var seq: Int
        /// Hex SHA-256 of that line.
        public var hash: String
        /// When marac saw it, epoch milliseconds.
        public var seenAt: Int64
    }

    struct File: Codable {
        var format = "marac-witness"
        var version = 1
        /// By journal file name (the witness is per folder).
        var journals: [String: Entry] = [:]
    }

    public enum Finding: Sendable, Equatable {
        /// Never seen here, or consistent with what was seen.
        case consistent
        /// Fewer lines than marac last saw: cut short, or an older copy put back.
        case shorter(seen: Entry, now: Int)
        /// The line marac last saw is no longer the same: rewritten (and re-chained) since.
        case diverged(seen: Entry)
        /// Another journal now has this file name.
        case replaced(seen: Entry, nowID: String)
    }

    static func witnessPath(for journal: String) -> String {
        URL(fileURLWithPath: journal).deletingLastPathComponent().appendingPathComponent(fileName).path
    }

    static func name(of journal: String) -> String { URL(fileURLWithPath: journal).lastPathComponent }

    static func load(_ path: String) -> File {
        guard let bytes = try? PosixFileIO().readFile(path, limit: FileLimits.agenda),
              let file = try? JSONDecoder().decode(File.self, from: Data(bytes)) else { return File() }
        return file
    }

    /// Compares a journal just read (`id`, its last line `seq` and `hash`) with what was last seen.
    public static func check(journal: String, id: String, seq: Int, hash: String) -> Finding {
        guard let seen = load(witnessPath(for: journal)).journals[name(of: journal)] else { return .consistent }
        if seen.id != id { return .replaced(seen: seen, nowID: id) }
        if seq < seen.seq { return .shorter(seen: seen, now: seq) }
        let then = seq == seen.seq ? hash : lineHash(journal, seq: seen.seq)
        return then == seen.hash ? .consistent : .diverged(seen: seen)
    }

    /// Records what marac now knows of a journal. Best effort: a folder that cannot be written
    /// (a read-only disk) keeps its old witness, and nothing else fails because of it.
    public static func record(journal: String, id: String, seq: Int, hash: String, now: Int64 = NewMeeting.currentMillis()) {
        let path = witnessPath(for: journal)
        var file = load(path)
        file.journals[name(of: journal)] = Entry(id: id, seq: seq, hash: hash, seenAt: now)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        guard let data = try? encoder.encode(file) else { return }
        try? AtomicFile.write(Array(data) + [0x0A], to: path)
    }

    /// One sentence for `verify` and the screen, or nil when all is well.
    public static func message(_ finding: Finding, journal: String) -> String? {
        func when(_ e: Entry) -> String { "\(LocalTime.describe(millis: e.seenAt))" }
        switch finding {
        case .consistent:
            return nil
        case let .shorter(seen, now):
            return "\(journal) is shorter than when marac last saw it: it had \(seen.seq) event\(seen.seq == 1 ? "" : "s") (hash \(seen.hash.prefix(16))…) on \(when(seen)) and has \(now) now; it was cut short or an older copy was put back"
        case let .diverged(seen):
            return "\(journal) is not the journal marac last saw: event \(seen.seq) had hash \(seen.hash.prefix(16))… on \(when(seen)) and is different now; it was rewritten since"
        case let .replaced(seen, nowID):
            return "\(journal) is a different journal (\(nowID)) from the one marac last saw under this name (\(seen.id), on \(when(seen)))"
        }
    }

    /// The `h` of the line with sequence number `seq` (line `seq + 1`), read from the file.
    static func lineHash(_ journal: String, seq: Int) -> String? {
        guard let bytes = try? PosixFileIO().readFile(journal) else { return nil }
        return bytes.withUnsafeBufferPointer { buf -> String? in
            guard let base = buf.baseAddress else { return nil }
            var line = 0, offset = 0
            while offset < buf.count, let p = memchr(base + offset, 0x0A, buf.count - offset) {
                let end = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                if line == seq {
                    // A line ends `,"h":"<64 hex>"}`.
                    guard end - offset >= 66 else { return nil }
                    return String(decoding: buf[(end - 66)..<(end - 2)], as: UTF8.self)
                }
                line += 1
                offset = end + 1
            }
            return nil
        }
    }
}

/// Local time for messages (Europe/London unless TZ says otherwise), dd/mm/yyyy HH:mm.
enum LocalTime {
    static func describe(millis: Int64) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.timeZone = TimeZone(identifier: ProcessInfo.processInfo.environment["TZ"] ?? "Europe/London") ?? TimeZone(identifier: "Europe/London")
        f.dateFormat = "dd/MM/yyyy HH:mm"
        return f.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }
}
