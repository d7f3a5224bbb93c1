import Crypto
import Foundation
import MaracCore

// The journal file (DESIGN §4, anchors §3.2): JSON Lines, UTF-8, one line per event, each ending
// in `\n`. Line 1 is the header (seq 0); every line ends with the same fixed-length tail
//
//     …,"prev":"<64 hex>","h":"<64 hex>"}\n
//
// where `h` = SHA-256 of the line's bytes before `,"h":"` and `prev` = the previous line's `h`
// (64 zeros on the header). Verifying a line is therefore hashing its raw bytes, with no JSON
// re-encoding, and a reader can check the chain without understanding (or decrypting) events.
//
//     {"seq":0,"createdAt":…,"format":"marac-journal","id":"…","kind":"meeting","version":1,"prev":"000…","h":"…"}
//     {"seq":1,"t":1796112000000,"event":{"meetingCreated":{…}},"prev":"…","h":"…"}

public enum JournalKind: String, Codable, Sendable { case meeting, tracker }

/// At-rest encryption (issue 7): scrypt turns the passphrase into an AES-256-GCM key; each line's
/// `event` is replaced by `"enc":"<base64 of nonce|ciphertext|tag>"`. The chain covers the stored
/// bytes, so `marac verify` works without the passphrase.
public struct EncryptionParameters: Codable, Sendable, Equatable {
    /// "scrypt"
    public var kdf: String
    /// Base64 salt.
    public var salt: String
    /// scrypt cost parameters (N = rounds).
    public var rounds: Int
    public var blockSize: Int
    public var parallelism: Int
    /// "AES-256-GCM"
    public var cipher: String
    /// Base64 of a known plaintext sealed with the key: tells a wrong passphrase from damage.
    public var keyCheck: String

    public init(kdf: String = "scrypt", salt: String, rounds: Int, blockSize: Int, parallelism: Int,
                cipher: String = "AES-256-GCM", keyCheck: String) {
        self.kdf = kdf; self.salt = salt; self.rounds = rounds; self.blockSize = blockSize
        self.parallelism = parallelism; self.cipher = cipher; self.keyCheck = keyCheck
    }
}

public struct JournalHeader: Codable, Sendable, Equatable {
    /// Always "marac-journal".
    public var format: String
    /// 1.
    public var version: Int
    public var kind: JournalKind
    /// The meeting id (`MeetingInfo.id`) or the tracker id.
    public var id: String
    /// Epoch milliseconds.
    public var createdAt: Int64
    /// nil: plain text.
    public var encryption: EncryptionParameters?

    public static let formatName = "marac-journal"
    public static let currentVersion = 1

    public init(kind: JournalKind, id: String, createdAt: Int64, encryption: EncryptionParameters? = nil) {
        self.format = JournalHeader.formatName; self.version = JournalHeader.currentVersion
        self.kind = kind; self.id = id; self.createdAt = createdAt; self.encryption = encryption
    }
}

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

/// Line layout and the one parser shared by the reader and the writer.
enum JournalFormat {
    static let hashHexLength = 64
    /// `,"h":"` + 64 hex + `"}`
    static let hashSuffixLength = 72
    /// `,"prev":"` + 64 hex + `"`
    static let prevFieldLength = 74
    static let hashOpen = Array(#","h":""#.utf8)
    static let prevOpen = Array(#","prev":""#.utf8)
    static let zeroHash = [UInt8](repeating: UInt8(ascii: "0"), count: 64)
    /// The same 64 ASCII zeros, at a stable address for memcmp.
    nonisolated(unsafe) static let zeroHashPointer: UnsafeMutablePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        p.initialize(repeating: UInt8(ascii: "0"), count: 64)
        return p
    }()

    static func makeEncoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    /// Finishes a line: appends `,"prev":"…"`, hashes, appends `,"h":"…"}\n`. `body` is the line
    /// so far, starting with `{` and without a closing brace. Returns the new hash (hex bytes).
    static func seal(_ body: inout [UInt8], prev: [UInt8]) -> [UInt8] {
        body.append(contentsOf: prevOpen)
        body.append(contentsOf: prev)
        body.append(UInt8(ascii: "\""))
        let hex = hexDigest(body[...])
        body.append(contentsOf: hashOpen)
        body.append(contentsOf: hex)
        body.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "}"), UInt8(ascii: "\n")])
        return hex
    }

    static func headerLine(_ header: JournalHeader, encoder: JSONEncoder) throws -> (line: [UInt8], hash: [UInt8]) {
        let inner = try encoder.encode(header)     // {"createdAt":…,…,"version":1}
        var body = Array(#"{"seq":0,"#.utf8)
        body.append(contentsOf: inner.dropFirst().dropLast())
        let h = seal(&body, prev: zeroHash)
        return (body, h)
    }

    /// Appends one event line to `out`; returns its hash.
    static func appendEventLine(to out: inout [UInt8], seq: Int, at: Int64, eventJSON: some Sequence<UInt8>,
                                field: String = "event", prev: [UInt8]) -> [UInt8] {
        var body = Array("{\"seq\":\(seq),\"t\":\(at),\"\(field)\":".utf8)
        body.append(contentsOf: eventJSON)
        let h = seal(&body, prev: prev)
        out.append(contentsOf: body)
        return h
    }

    static func hexDigest(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let digest = bytes.withUnsafeBytes { raw in
            var hasher = SHA256()
            hasher.update(bufferPointer: raw)
            return hasher.finalize()
        }
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        digest.withUnsafeBytes { d in
            for b in d {
                hex.append(hexDigits[Int(b >> 4)])
                hex.append(hexDigits[Int(b & 0xF)])
            }
        }
        return hex
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    static func string(_ hex: [UInt8]) -> String { String(decoding: hex, as: UTF8.self) }

    // MARK: - Parsing

    struct Parsed {
        var contents: JournalContents
        /// Bytes of the good lines: where a recovering writer truncates to.
        var goodLength: Int
        var lastHash: [UInt8]
        /// The encryption key, when the journal is encrypted and was decoded.
        var key: SymmetricKey?
    }

    private struct SeqOnly: Decodable { var seq: Int }
    private struct EventLine: Decodable {
        var seq: Int
        var t: Int64
        var event: MeetingEvent?
        var enc: String?
    }

    enum LineCheck { case good, noChecksum, mismatch }

    /// Whether a complete line (without its `\n`) carries a correct hash of its own bytes. Says
    /// nothing about the chain.
    static func checkLine(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> LineCheck {
        let n = range.count
        guard n > hashSuffixLength + prevFieldLength + 1 else { return .noChecksum }
        let suffixStart = range.upperBound - hashSuffixLength
        for (i, b) in hashOpen.enumerated() where bytes[suffixStart + i] != b { return .noChecksum }
        guard bytes[range.upperBound - 2] == UInt8(ascii: "\""), bytes[range.upperBound - 1] == UInt8(ascii: "}") else { return .noChecksum }
        var hasher = SHA256()
        hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<suffixStart])))
        let digest = hasher.finalize()
        let stored = suffixStart + hashOpen.count
        // Compare the stored hex with the digest in place: no allocation per line.
        return digest.withUnsafeBytes { d in
            for (i, b) in d.enumerated() {
                if bytes[stored + 2 * i] != hexDigits[Int(b >> 4)] || bytes[stored + 2 * i + 1] != hexDigits[Int(b & 0xF)] {
                    return .mismatch
                }
            }
            return .good
        }
    }

    static func isSelfConsistent(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        checkLine(bytes, range) == .good
    }

    /// How event lines are read: decoded (decrypted first when the journal is encrypted), or only checked
    /// (chain, checksums and sequence numbers: what `verify` needs without a passphrase).
    enum EventMode {
        /// Decode every event; an encrypted journal needs its passphrase.
        case decode(passphrase: String?)
        case chainOnly
    }

    /// A complete line whose checksum, chain link and sequence number are good.
    struct LineSpan: Sendable {
        /// Offset of its first byte, and of its `\n`.
        var start: Int
        var end: Int
        var lineNo: Int
    }

    private struct Failure {
        var line: Int
        var reason: String
        /// The line's own checksum is good: so the problem is not a torn write.
        var selfConsistent: Bool
        var start: Int
    }

    /// Reads the whole file image. Never throws for damage after a good header: damage and torn
    /// tails are reported in `condition`, with the events before them.
    ///
    /// Two passes: a byte-level scan checks every line's checksum, chain link and sequence number
    /// (no JSON involved: this is near the speed of hashing); then the events of the good lines
    /// are decoded in batches, spread over the processor's cores.
    static func parse(_ data: [UInt8], path: String, mode: EventMode) throws(JournalError) -> Parsed {
        var (header, spans, failure, lastHash) = try scan(data, path: path)

        var events: [RecordedEvent] = []
        var key: SymmetricKey?
        if case .decode(let passphrase) = mode, let parameters = header.encryption {
            guard let passphrase else { throw JournalError.passphraseRequired(path: path) }
            key = try JournalCrypto.key(for: parameters, passphrase: passphrase, journalID: header.id, path: path)
        }
        if case .decode = mode, !spans.isEmpty {
            let decoded = try decodeEvents(data, spans, key: key, journalID: header.id, path: path)
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

        var condition = JournalCondition.intact
        if let failure {
            if failure.selfConsistent || data.withUnsafeBufferPointer({ anyGoodLine($0, after: failure.start) })
                || isCompleteAlteredLine(data, from: failure.start) {
                condition = .damaged(line: failure.line, reason: failure.reason)
            } else {
                // Torn tail (LevelDB/etcd rule): nothing from the first bad line to the end is a
                // complete, self-consistent line: the writer died mid-write.
                condition = .tornTail(bytes: data.count - failure.start)
            }
        }
        let goodLength = failure?.start ?? data.count
        return Parsed(contents: JournalContents(header: header, events: events, finalHash: string(lastHash),
                                                condition: condition, lineCount: spans.count + 1),
                      goodLength: goodLength, lastHash: lastHash, key: key)
    }

    /// A last line that ends with its line end and still reads as a JSON object, but whose checksum
    /// does not match, was altered (edited, or bit rot), not torn: a writer that died mid-write leaves
    /// no line end or unreadable bytes (zeros, a cut-off object). Calling it torn would quietly cut an
    /// acknowledged event out of the meeting (DESIGN §4: never silently drop data).
    private static func isCompleteAlteredLine(_ data: [UInt8], from start: Int) -> Bool {
        guard let nl = data[start...].firstIndex(of: 0x0A), nl == data.count - 1 else { return false }
        let line = Data(data[start..<nl])
        return (try? JSONSerialization.jsonObject(with: line)) is [String: Any]
    }

    /// Whether a complete line after the one starting at `start` has a good checksum of its own.
    private static func anyGoodLine(_ buf: UnsafeBufferPointer<UInt8>, after start: Int) -> Bool {
        guard let first = firstNewline(buf, from: start) else { return false }
        var o = first + 1
        while o < buf.count, let nl = firstNewline(buf, from: o) {
            if isSelfConsistent(buf, o..<nl) { return true }
            o = nl + 1
        }
        return false
    }

    /// Pass 1: the header, the good event lines up to the first failure, and the last good hash.
    private static func scan(_ data: [UInt8], path: String) throws(JournalError)
        -> (header: JournalHeader, spans: [LineSpan], failure: Failure?, lastHash: [UInt8]) {
        try data.withUnsafeBufferPointer { (buf) throws(JournalError) in
            var offset = 0
            var lineNo = 0
            // Where the last good line's hash is in the file (nil: none yet, the chain starts at zeros).
            var prevOffset: Int?
            var header: JournalHeader?
            var spans: [LineSpan] = []
            spans.reserveCapacity(data.count / 256)
            var failure: Failure?
            var seqPrefix: [UInt8] = []
            // Hashing is most of this pass and each line's hash is independent of the others, so
            // a long journal has its lines' checksums checked on every core first; the loop below
            // then walks the lines in order as before (chain, sequence, first failure).
            let checks = precheckedLines(buf)

            while offset < buf.count {
                guard let nl = firstNewline(buf, from: offset) else {
                    failure = Failure(line: lineNo + 1, reason: "the line is incomplete (no line end)", selfConsistent: false, start: offset)
                    break
                }
                lineNo += 1
                let range = offset..<nl
                switch lineNo <= checks.count ? checks[lineNo - 1] : checkLine(buf, range) {
                case .good: break
                case .noChecksum:
                    failure = Failure(line: lineNo, reason: "it is not a complete journal line (its checksum at the end is missing or damaged)",
                                      selfConsistent: false, start: offset)
                case .mismatch:
                    failure = Failure(line: lineNo, reason: "its checksum does not match its content (the line was altered or damaged)",
                                      selfConsistent: false, start: offset)
                }
                if failure != nil { break }
                let prevStart = range.upperBound - hashSuffixLength - prevFieldLength
                var chainOK = memcmp(buf.baseAddress! + prevStart, prevOpen, prevOpen.count) == 0
                if chainOK {
                    let previous = prevOffset.map { buf.baseAddress! + $0 } ?? UnsafePointer(zeroHashPointer)
                    chainOK = memcmp(buf.baseAddress! + prevStart + prevOpen.count, previous, 64) == 0
                }
                if !chainOK {
                    failure = Failure(line: lineNo, reason: lineNo == 1 ? "the first line does not start a chain"
                                      : "the hash chain is broken: this line does not follow line \(lineNo - 1) (a line was removed, added or reordered)",
                                      selfConsistent: true, start: offset)
                    break
                }
                let expectedSeq = lineNo - 1
                if lineNo == 1 {
                    header = try decodeHeader(Data(UnsafeBufferPointer(rebasing: buf[range])), path: path)
                } else {
                    seqPrefix.removeAll(keepingCapacity: true)
                    seqPrefix.append(contentsOf: seqOpen)
                    appendDecimal(expectedSeq, to: &seqPrefix)
                    seqPrefix.append(UInt8(ascii: ","))
                    guard range.count > seqPrefix.count,
                          memcmp(buf.baseAddress! + range.lowerBound, seqPrefix, seqPrefix.count) == 0 else {
                        failure = Failure(line: lineNo, reason: "its sequence number is not \(expectedSeq) as expected (or the line does not start with it)",
                                          selfConsistent: true, start: offset)
                        break
                    }
                    spans.append(LineSpan(start: offset, end: nl, lineNo: lineNo))
                }
                prevOffset = range.upperBound - hashSuffixLength + hashOpen.count
                offset = nl + 1
            }

            guard let header else {
                if let failure, failure.selfConsistent || anyGoodLine(buf, after: failure.start) {
                    throw JournalError.damaged(path: path, line: failure.line, reason: failure.reason)
                }
                throw JournalError.notAJournal(path: path, reason: data.isEmpty ? "the file is empty"
                    : looksLikeJournalLine(buf, 0..<min(buf.count, 7)) ? "its header line is incomplete (it was being created when marac stopped)"
                    : "its first line is not a marac journal header")
            }
            return (header, spans, failure, prevOffset.map { Array(buf[$0..<($0 + 64)]) } ?? zeroHash)
        }
    }

    /// `checkLine` of every complete line in order, computed on all cores; empty for a short file
    /// (where the scan checks each line itself).
    private static func precheckedLines(_ buf: UnsafeBufferPointer<UInt8>) -> [LineCheck] {
        let ends: [Int] = {
            var ends: [Int] = []
            var o = 0
            while let nl = firstNewline(buf, from: o) { ends.append(nl); o = nl + 1 }
            return ends
        }()
        let parts = parallelParts(ends.count)
        guard parts > 1 else { return [] }
        let size = (ends.count + parts - 1) / parts
        let bytes = SendableBytes(buf)
        return [LineCheck](unsafeUninitializedCapacity: ends.count) { out, count in
            let slots = SendablePointer(out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let lower = part * size, upper = min(ends.count, lower + size)
                guard lower < upper else { return }
                for i in lower..<upper {
                    let start = i == 0 ? 0 : ends[i - 1] + 1
                    (slots.pointer + i).initialize(to: checkLine(bytes.buffer, start..<ends[i]))
                }
            }
            count = ends.count
        }
    }

    /// The file image, read (never written) by several workers at once.
    struct SendableBytes: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<UInt8>
        init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }
    }

    private static func decodeHeader(_ line: Data, path: String) throws(JournalError) -> JournalHeader {
        let decoder = JSONDecoder()
        do {
            let seq = try decoder.decode(SeqOnly.self, from: line).seq
            let h = try decoder.decode(JournalHeader.self, from: line)
            guard seq == 0, h.format == JournalHeader.formatName else {
                throw JournalError.notAJournal(path: path, reason: "its first line is not a marac journal header")
            }
            guard h.version <= JournalHeader.currentVersion else {
                throw JournalError.notAJournal(path: path, reason: "it was written by a newer marac (journal format version \(h.version)); update marac to read it")
            }
            return h
        } catch let e as JournalError {
            throw e
        } catch {
            throw JournalError.notAJournal(path: path, reason: "its header line cannot be read (\(describe(error)))")
        }
    }

    private struct Decoded: Sendable {
        var events: [RecordedEvent] = []
        /// The first line (index into the spans) whose event cannot be read.
        var failure: (index: Int, reason: String)?
        var error: JournalError?
    }

    /// Pass 2: the events of the good lines. Plain journals are decoded in batches (one JSON
    /// array per batch, far cheaper than one decoder call per line) on every core; a batch that
    /// fails is decoded line by line to name the bad line.
    private static func decodeEvents(_ data: [UInt8], _ spans: [LineSpan], key: SymmetricKey?, journalID: String,
                                     path: String) throws(JournalError) -> Decoded {
        if let key {
            let decoder = JSONDecoder()
            var out = Decoded()
            for (i, span) in spans.enumerated() {
                guard let (seq, t, field) = layout(data, span), case .encrypted(let range) = field else {
                    out.failure = (i, "the line has no encrypted event"); return out
                }
                guard let json = JournalCrypto.open(data[range], key: key, journalID: journalID, seq: seq, at: t) else {
                    out.failure = (i, "its encrypted event does not open with this journal's key (altered, or moved from another line)")
                    return out
                }
                if let event = json.withUnsafeBytes({ FastEventDecoder.decode($0.bindMemory(to: UInt8.self)) }) {
                    out.events.append(RecordedEvent(seq: seq, at: t, event: event))
                    continue
                }
                do { out.events.append(RecordedEvent(seq: seq, at: t, event: try decoder.decode(MeetingEvent.self, from: json))) } catch {
                    out.failure = (i, "the event cannot be read (\(describe(error)))"); return out
                }
            }
            return out
        }
        // Each core decodes a contiguous run of lines straight into its part of one array: no
        // per-part arrays to merge, so the events exist once in memory, not twice at the peak.
        let parts = parallelParts(spans.count)
        let size = (spans.count + parts - 1) / parts
        let outcomes = PartOutcomes(count: parts)
        var out = Decoded()
        out.events = [RecordedEvent](unsafeUninitializedCapacity: spans.count) { buffer, count in
            let slots = SendablePointer(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let lower = part * size, upper = max(lower, min(spans.count, lower + size))
                outcomes.set(part, decodePlain(data, spans, lower..<upper, into: slots.pointer + lower))
            }
            // Keep every event up to the first line that cannot be read; drop those after it.
            var kept = 0
            for (part, outcome) in outcomes.all.enumerated() {
                if out.failure != nil {
                    (slots.pointer + part * size).deinitialize(count: outcome.decoded)
                    continue
                }
                kept += outcome.decoded
                out.failure = outcome.failure
            }
            count = kept
        }
        return out
    }

    /// How many cores share a job of `lines` lines: all of them (up to 8) for a long journal.
    static func parallelParts(_ lines: Int) -> Int {
        lines >= 8192 ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) : 1
    }

    /// A pointer handed to the workers of `concurrentPerform`, each writing a disjoint range.
    struct SendablePointer<T>: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<T>
        init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
    }

    private struct PartOutcome: Sendable {
        /// Events written, from the start of the part's range.
        var decoded = 0
        var failure: (index: Int, reason: String)?
    }

    private final class PartOutcomes: @unchecked Sendable {
        private var slots: [PartOutcome]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: PartOutcome(), count: count) }
        func set(_ i: Int, _ o: PartOutcome) { lock.withLock { slots[i] = o } }
        var all: [PartOutcome] { lock.withLock { slots } }
    }

    /// Decodes the events of `spans[indices]` into `slots` (uninitialised memory, one slot per
    /// line), stopping at the first line that cannot be read.
    ///
    /// Each line's event goes through `FastEventDecoder` first; a line it declines (a kind it
    /// does not know, or anything unusual) is decoded with `JSONDecoder`, which also names the
    /// problem when the line cannot be read. (Before the fast path, lines were decoded by
    /// JSONDecoder in batches of 256 wrapped in a JSON array; that cost most of the load time.)
    private static func decodePlain(_ data: [UInt8], _ spans: [LineSpan], _ indices: Range<Int>,
                                    into slots: UnsafeMutablePointer<RecordedEvent>) -> PartOutcome {
        var outcome = PartOutcome()
        lazy var decoder = JSONDecoder()
        data.withUnsafeBufferPointer { buf in
            for i in indices {
                let span = spans[i]
                let slot = slots + (i - indices.lowerBound)
                if let (seq, t, field) = layout(data, span), case .plain(let range) = field,
                   let event = FastEventDecoder.decode(UnsafeBufferPointer(rebasing: buf[range])) {
                    slot.initialize(to: RecordedEvent(seq: seq, at: t, event: event))
                    outcome.decoded += 1
                    continue
                }
                // The reference path: the whole line, so the failing field is named.
                do {
                    let line = try decoder.decode(EventLine.self, from: Data(data[span.start..<span.end]))
                    guard let event = line.event else { outcome.failure = (i, "the line has no event"); return }
                    slot.initialize(to: RecordedEvent(seq: line.seq, at: line.t, event: event))
                    outcome.decoded += 1
                } catch {
                    outcome.failure = (i, "the event cannot be read (\(describe(error)))")
                    return
                }
            }
        }
        return outcome
    }

    private enum EventField { case plain(Range<Int>), encrypted(Range<Int>) }

    /// The writer's fixed layout, read without a JSON parser:
    /// `{"seq":N,"t":T,"event":<json>,"prev":…` or `…,"enc":"<base64>","prev":…`. nil if a line
    /// (hashed correctly, so written by some other tool) is laid out differently.
    private static func layout(_ data: [UInt8], _ span: LineSpan) -> (seq: Int, t: Int64, field: EventField)? {
        var i = span.start + 7   // after {"seq":
        func number() -> Int64? {
            var negative = false
            if i < span.end, data[i] == UInt8(ascii: "-") { negative = true; i += 1 }
            var n: Int64 = 0, digits = 0
            while i < span.end, data[i] >= 48, data[i] <= 57, digits < 18 {
                n = n * 10 + Int64(data[i] - 48); i += 1; digits += 1
            }
            return digits == 0 ? nil : (negative ? -n : n)
        }
        func expect(_ literal: [UInt8]) -> Bool {
            guard i + literal.count <= span.end, data[i..<(i + literal.count)].elementsEqual(literal) else { return false }
            i += literal.count
            return true
        }
        guard let seq = number(), expect(tField), let t = number() else { return nil }
        let fieldEnd = span.end - hashSuffixLength - prevFieldLength
        if expect(eventField) {
            guard i < fieldEnd else { return nil }
            return (Int(seq), t, .plain(i..<fieldEnd))
        }
        if expect(encField) {
            guard i < fieldEnd, data[fieldEnd - 1] == UInt8(ascii: "\"") else { return nil }
            return (Int(seq), t, .encrypted(i..<(fieldEnd - 1)))
        }
        return nil
    }

    private static let seqOpen = Array(#"{"seq":"#.utf8)

    /// The decimal digits of a non-negative number, as `String(n)` would write them, without making a String.
    static func appendDecimal(_ n: Int, to out: inout [UInt8]) {
        var divisor = 1
        while divisor <= n / 10 { divisor *= 10 }
        repeat {
            out.append(UInt8(0x30 + n / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }

    private static let tField = Array(#","t":"#.utf8)
    private static let eventField = Array(#","event":"#.utf8)
    private static let encField = Array(#","enc":""#.utf8)

    static func looksLikeJournalLine(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let start = Array(#"{"seq":"#.utf8)
        guard range.count >= start.count else {
            return range.count > 0 && buf[range].elementsEqual(start.prefix(range.count))
        }
        return buf[range.lowerBound..<(range.lowerBound + start.count)].elementsEqual(start)
    }

    static func firstNewline(_ buf: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        guard offset < buf.count, let base = buf.baseAddress else { return nil }
        guard let p = memchr(base + offset, 0x0A, buf.count - offset) else { return nil }
        return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }

    /// A short, readable reason from a DecodingError.
    static func describe(_ error: any Error) -> String {
        guard let e = error as? DecodingError else { return "\(error)" }
        func path(_ c: [any CodingKey]) -> String {
            let p = c.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? "" : " at \(p)"
        }
        switch e {
        case let .keyNotFound(key, ctx): return "'\(key.stringValue)' is missing\(path(ctx.codingPath))"
        case let .typeMismatch(_, ctx), let .valueNotFound(_, ctx), let .dataCorrupted(ctx):
            return "\(ctx.debugDescription)\(path(ctx.codingPath))"
        @unknown default: return "\(error)"
        }
    }
}
