import Crypto
import Foundation

// Layer 1, the line codec (docs/JOURNAL-FORMAT.md): JSON Lines, UTF-8, one line per event, each ending
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
//
// This file knows the bytes of one line: how a line is sealed (prev, then h), whether a line's own
// checksum holds, and where seq, t and the event sit in a line the writer laid out. It knows
// nothing of chains, files or events.

/// Line layout and the one parser shared by the reader and the writer. Its parts, one file each:
/// the line codec (here), the chain and sequence scanner (JournalScanner.swift), event decoding
/// (JournalEventDecoding.swift) and the recovery policy (JournalRecovery.swift).
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

    enum LineCheck { case good, noChecksum, mismatch, tooLong }

    /// Whether a complete line (without its `\n`) carries a correct hash of its own bytes. Says
    /// nothing about the chain. A line longer than `FileLimits.journalLine` is not hashed at all.
    static func checkLine(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> LineCheck {
        let n = range.count
        if n > FileLimits.journalLine { return .tooLong }
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

    enum EventField { case plain(Range<Int>), encrypted(Range<Int>) }

    /// The writer's fixed layout, read without a JSON parser:
    /// `{"seq":N,"t":T,"event":<json>,"prev":…` or `…,"enc":"<base64>","prev":…`. nil if a line
    /// (hashed correctly, so written by some other tool) is laid out differently.
    static func layout(_ data: [UInt8], _ span: LineSpan) -> (seq: Int, t: Int64, field: EventField)? {
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

    static let seqOpen = Array(#"{"seq":"#.utf8)

    /// The decimal digits of a non-negative number, as `String(n)` would write them, without making a String.
    static func appendDecimal(_ n: Int, to out: inout [UInt8]) {
        var divisor = 1
        while divisor <= n / 10 { divisor *= 10 }
        repeat {
            out.append(UInt8(0x30 + n / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }

    static let tField = Array(#","t":"#.utf8)
    static let eventField = Array(#","event":"#.utf8)
    static let encField = Array(#","enc":""#.utf8)

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

}
