import Crypto
import Foundation
import MaracCore

// Layer 4, the recovery policy: the one place that decides what the first bad line means. A file
// reads as exactly one of: intact; torn tail recovered (the writer died mid-write: drop the
// incomplete end); damaged at line N (keep the events before it, never write to the file). The
// rules are set out in docs/JOURNAL-FORMAT.md ("Torn tails and damage").

public enum JournalCondition: Sendable, Equatable {
    /// Every line is complete and the chain holds.
    case intact
    /// The last `bytes` bytes are an incomplete line: the writer stopped mid-write. Recoverable.
    case tornTail(bytes: Int)
    /// Line `line` (1-based; the header is line 1) is wrong and a complete line follows it.
    case damaged(line: Int, reason: String)
}

public struct JournalContents: Sendable {
    public var header: JournalHeader
    /// The events of every good line, in order (seq 1, 2, …).
    public var events: [RecordedEvent]
    /// Hex SHA-256 (`h`) of the last good line: exports carry it.
    public var finalHash: String
    public var condition: JournalCondition
    /// Good lines, the header included.
    public var lineCount: Int

    public init(header: JournalHeader, events: [RecordedEvent], finalHash: String, condition: JournalCondition, lineCount: Int) {
        self.header = header; self.events = events; self.finalHash = finalHash
        self.condition = condition; self.lineCount = lineCount
    }
}

extension JournalFormat {
    struct Parsed {
        var contents: JournalContents
        /// Bytes of the good lines: where a recovering writer truncates to.
        var goodLength: Int
        var lastHash: [UInt8]
        /// The encryption key, when the journal is encrypted and was decoded.
        var key: SymmetricKey?
    }

    /// How event lines are read: decoded (decrypted first when the journal is encrypted), or only checked
    /// (chain, checksums and sequence numbers: what `verify` needs without a passphrase).
    enum EventMode {
        /// Decode every event; an encrypted journal needs its passphrase.
        case decode(passphrase: String?)
        case chainOnly
    }

    /// Reads the whole file image. Never throws for damage after a good header: damage and torn
    /// tails are reported in `condition`, with the events before them.
    ///
    /// Two passes: a byte-level scan checks every line's checksum, chain link and sequence number
    /// (no JSON involved: this is near the speed of hashing); then the events of the good lines
    /// are decoded (JournalEventDecoding.swift), spread over the processor's cores on a long
    /// journal. What the first bad line means is decided once, by `condition(after:in:)`.
    static func parse(_ data: [UInt8], path: String, mode: EventMode) throws(JournalError) -> Parsed {
        var (header, spans, failure, lastHash) = try scan(data, path: path)

        var events: [RecordedEvent] = []
        var key: SymmetricKey?
        if case .decode(let passphrase) = mode, let parameters = header.encryption {
            guard let passphrase else { throw JournalError.passphraseRequired(path: path) }
            key = try JournalCrypto.key(for: parameters, passphrase: passphrase, journalID: header.id, path: path)
        }
        if case .decode = mode, !spans.isEmpty {
            let decoded = try decodeEvents(data, spans, key: key, journalID: header.id, version: header.version, path: path)
            events = decoded.events
            if let bad = decoded.failure {
                // An event that cannot be read is damage at that line, whatever the scan found later.
                let span = spans[bad.index]
                failure = Failure(line: span.lineNo, reason: bad.reason, selfConsistent: true, start: span.start)
                let prevStart = span.end - hashSuffixLength - prevFieldLength + prevOpen.count
                lastHash = Array(data[prevStart..<(prevStart + 64)])
                spans.removeSubrange(bad.index...)
            }
        }

        let condition = condition(after: failure, in: data)
        let goodLength = failure?.start ?? data.count
        return Parsed(contents: JournalContents(header: header, events: events, finalHash: string(lastHash),
                                                condition: condition, lineCount: spans.count + 1),
                      goodLength: goodLength, lastHash: lastHash, key: key)
    }

    /// The recovery policy: the one outcome of a read whose header was good. `failure` is the first
    /// line the scanner or the event decoder rejected (nil: none).
    static func condition(after failure: Failure?, in data: [UInt8]) -> JournalCondition {
        guard let failure else { return .intact }
        // Torn means torn (issue 21): a writer that dies mid-write leaves the beginning of one line
        // and nothing else, so the bytes from the first bad line to the end hold no line end. Any
        // line end there means a line marac finished (and acknowledged) was changed: damage, never
        // cut away. (The old rule called a broken last line, or the last two lines merged by a
        // flipped line end, a torn tail, and `run` then cut acknowledged events away.)
        if failure.selfConsistent || data[failure.start...].contains(0x0A)
            || isWholeLineWithAlteredEnd(data, from: failure.start) {
            return .damaged(line: failure.line, reason: failure.reason)
        }
        return .tornTail(bytes: data.count - failure.start)
    }

    /// A tail that is a whole, self-consistent line followed by one byte that is not a line end:
    /// the line end itself was altered (a writer never writes a byte after a line's closing brace
    /// but the line end).
    static func isWholeLineWithAlteredEnd(_ data: [UInt8], from start: Int) -> Bool {
        guard data.count - start > hashSuffixLength + prevFieldLength + 2 else { return false }
        return data.withUnsafeBufferPointer { isSelfConsistent($0, start..<(data.count - 1)) }
    }

    /// The error for a file whose header line never read as good: damage when a good line follows
    /// (or the failing line was itself whole), otherwise not a journal (empty, or a header cut off
    /// while the file was being created).
    static func headerFailure(_ failure: Failure?, _ buf: UnsafeBufferPointer<UInt8>, path: String) -> JournalError {
        if let failure, failure.selfConsistent || anyGoodLine(buf, after: failure.start) {
            return JournalError.damaged(path: path, line: failure.line, reason: failure.reason)
        }
        return JournalError.notAJournal(path: path, reason: buf.isEmpty ? "the file is empty"
            : looksLikeJournalLine(buf, 0..<min(buf.count, 7)) ? "its header line is incomplete (it was being created when marac stopped)"
            : "its first line is not a marac journal header")
    }
}
