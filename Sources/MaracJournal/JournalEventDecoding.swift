import Crypto
import Foundation
import MaracCore

// Layer 3, event decoding: the events of the lines the scanner passed, each through
// FastEventDecoder first and JSONDecoder when the fast path declines the line (which also names
// the failing field). Encrypted events are opened with the journal's key first.

extension JournalFormat {
    struct EventLine: Decodable {
        var seq: Int
        var t: Int64
        var event: MeetingEvent?
        var enc: String?
    }

    struct Decoded: Sendable {
        var events: [RecordedEvent] = []
        /// The first line (index into the spans) whose event cannot be read.
        var failure: (index: Int, reason: String)?
        var error: JournalError?
    }

    /// Pass 2: the events of the good lines, in order. Encrypted journals are opened and decoded
    /// line by line. Plain journals are split into contiguous runs of lines, one per core on a
    /// long journal, and each line goes through `decodePlain` (the fast path, then JSONDecoder).
    /// Decoding stops at the first line that cannot be read and reports it.
    static func decodeEvents(_ data: [UInt8], _ spans: [LineSpan], key: SymmetricKey?, journalID: String, version: Int,
                             path: String) throws(JournalError) -> Decoded {
        if let key {
            let decoder = JSONDecoder()
            var out = Decoded()
            for (i, span) in spans.enumerated() {
                guard let (seq, t, field) = layout(data, span), case .encrypted(let range) = field else {
                    out.failure = (i, "the line has no encrypted event"); return out
                }
                let prevStart = span.end - hashSuffixLength - prevFieldLength + prevOpen.count
                guard let json = JournalCrypto.open(data[range], key: key, journalID: journalID, seq: seq, at: t,
                                                    prev: data[prevStart..<(prevStart + hashHexLength)], version: version) else {
                    out.failure = (i, "its encrypted event does not open with this journal's key (altered, or moved from another line or another copy)")
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

    struct PartOutcome: Sendable {
        /// Events written, from the start of the part's range.
        var decoded = 0
        var failure: (index: Int, reason: String)?
    }

    final class PartOutcomes: @unchecked Sendable {
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
    static func decodePlain(_ data: [UInt8], _ spans: [LineSpan], _ indices: Range<Int>,
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
