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
        let computed = hexDigest(ArraySlice(UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<suffixStart])))
        let stored = suffixStart + hashOpen.count
        for i in 0..<64 where bytes[stored + i] != computed[i] { return .mismatch }
        return .good
    }

    static func isSelfConsistent(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        checkLine(bytes, range) == .good
    }

    /// How event lines are read: decoded (plain, or decrypted by the closure), or only checked
    /// (chain, checksums and sequence numbers: what `verify` needs without a passphrase).
    enum EventMode {
        case decode(decrypt: ((String, Int) throws(JournalError) -> MeetingEvent)?)
        case chainOnly
    }

    static func parse(_ data: [UInt8], path: String, mode: EventMode) throws(JournalError) -> Parsed {
        let decoder = JSONDecoder()
        return try data.withUnsafeBufferPointer { (buf) throws(JournalError) -> Parsed in
            var offset = 0
            var lineNo = 0
            var prev = zeroHash
            var header: JournalHeader?
            var events: [RecordedEvent] = []
            var goodLines = 0
            var failure: (line: Int, reason: String, selfConsistent: Bool, start: Int)?

            while offset < buf.count {
                guard let nl = firstNewline(buf, from: offset) else {
                    failure = (lineNo + 1, "the line is incomplete (no line end)", false, offset)
                    break
                }
                lineNo += 1
                let range = offset..<nl
                func fail(_ reason: String, selfConsistent: Bool) {
                    failure = (lineNo, reason, selfConsistent, offset)
                }
                switch checkLine(buf, range) {
                case .good: break
                case .noChecksum:
                    fail("it is not a complete journal line (its checksum at the end is missing or damaged)", selfConsistent: false)
                case .mismatch:
                    fail("its checksum does not match its content (the line was altered or damaged)", selfConsistent: false)
                }
                if failure != nil { break }
                let prevStart = range.upperBound - hashSuffixLength - prevFieldLength
                var chainOK = true
                for (i, b) in prevOpen.enumerated() where buf[prevStart + i] != b { chainOK = false }
                if chainOK { for i in 0..<64 where buf[prevStart + prevOpen.count + i] != prev[i] { chainOK = false; break } }
                if !chainOK {
                    fail(lineNo == 1 ? "the first line does not start a chain"
                         : "the hash chain is broken: this line does not follow line \(lineNo - 1) (a line was removed, added or reordered)",
                         selfConsistent: true)
                    break
                }
                let lineData = Data(UnsafeBufferPointer(rebasing: buf[range]))
                let expectedSeq = lineNo - 1
                if lineNo == 1 {
                    do {
                        let seq = try decoder.decode(SeqOnly.self, from: lineData).seq
                        let h = try decoder.decode(JournalHeader.self, from: lineData)
                        guard seq == 0, h.format == JournalHeader.formatName else {
                            throw JournalError.notAJournal(path: path, reason: "its first line is not a marac journal header")
                        }
                        guard h.version <= JournalHeader.currentVersion else {
                            throw JournalError.notAJournal(path: path, reason: "it was written by a newer marac (journal format version \(h.version)); update marac to read it")
                        }
                        header = h
                    } catch let e as JournalError {
                        throw e
                    } catch {
                        throw JournalError.notAJournal(path: path, reason: "its header line cannot be read (\(describe(error)))")
                    }
                } else if case .chainOnly = mode {
                    let seqPrefix = Array("{\"seq\":\(expectedSeq),".utf8)
                    guard range.count > seqPrefix.count,
                          buf[range.lowerBound..<(range.lowerBound + seqPrefix.count)].elementsEqual(seqPrefix) else {
                        fail("its sequence number is not \(expectedSeq) as expected", selfConsistent: true)
                        break
                    }
                } else {
                    let line: EventLine
                    do { line = try decoder.decode(EventLine.self, from: lineData) } catch {
                        fail("the event cannot be read (\(describe(error)))", selfConsistent: true)
                        break
                    }
                    if line.seq != expectedSeq {
                        fail("its sequence number is \(line.seq) where \(expectedSeq) was expected", selfConsistent: true)
                        break
                    }
                    let event: MeetingEvent
                    if let e = line.event, header?.encryption == nil {
                        event = e
                    } else if let enc = line.enc, case .decode(let decrypt?) = mode {
                        event = try decrypt(enc, lineNo)
                    } else if line.enc != nil {
                        throw JournalError.passphraseRequired(path: path)
                    } else {
                        fail("the line has no event", selfConsistent: true)
                        break
                    }
                    events.append(RecordedEvent(seq: line.seq, at: line.t, event: event))
                }
                prev = Array(UnsafeBufferPointer(rebasing: buf[(range.upperBound - hashSuffixLength + hashOpen.count)..<(range.upperBound - 2)]))
                offset = nl + 1
                goodLines += 1
            }

            let goodLength = failure?.start ?? buf.count
            var condition = JournalCondition.intact
            if let failure {
                // Torn tail (LevelDB/etcd rule): nothing from the first bad line to the end is a
                // complete, self-consistent line: the writer died mid-write. If any complete line
                // after it still carries a good checksum, the damage is in the middle.
                var laterGoodLine = false
                if !failure.selfConsistent {
                    var o = failure.start
                    if let first = firstNewline(buf, from: o) { o = first + 1 } else { o = buf.count }
                    while o < buf.count, let nl = firstNewline(buf, from: o) {
                        if isSelfConsistent(buf, o..<nl) { laterGoodLine = true; break }
                        o = nl + 1
                    }
                }
                if failure.selfConsistent || laterGoodLine {
                    if header == nil { throw JournalError.damaged(path: path, line: failure.line, reason: failure.reason) }
                    condition = .damaged(line: failure.line, reason: failure.reason)
                } else {
                    if header == nil {
                        throw JournalError.notAJournal(path: path, reason: data.isEmpty ? "the file is empty"
                            : looksLikeJournalLine(buf, 0..<min(buf.count, 9)) ? "its header line is incomplete (it was being created when marac stopped)"
                            : "its first line is not a marac journal header")
                    }
                    condition = .tornTail(bytes: buf.count - goodLength)
                }
            }
            guard let header else { throw JournalError.notAJournal(path: path, reason: "the file is empty") }
            return Parsed(contents: JournalContents(header: header, events: events, finalHash: string(prev),
                                                    condition: condition, lineCount: goodLines),
                          goodLength: goodLength, lastHash: prev)
        }
    }

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
