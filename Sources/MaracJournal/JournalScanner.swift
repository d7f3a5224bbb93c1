import Foundation

// Layer 2, the chain and sequence scanner: walks the file image line by line (bytes only, no JSON
// but the header) and stops at the first line whose checksum, chain link or sequence number is
// wrong. Whether that first failure is a torn tail or damage is decided in JournalRecovery.swift.

extension JournalFormat {

    /// A complete line whose checksum, chain link and sequence number are good.
    struct LineSpan: Sendable {
        /// Offset of its first byte, and of its `\n`.
        var start: Int
        var end: Int
        var lineNo: Int
    }

    struct Failure {
        var line: Int
        var reason: String
        /// The line's own checksum is good, or the line is longer than any writer writes: either
        /// way the problem is not a torn write.
        var selfConsistent: Bool
        var start: Int
    }


    static let tooLongReason = "the line is longer than any journal line marac writes (\(FileLimits.describe(FileLimits.journalLine))), so it was not read"

    /// Pass 1: the header, the good event lines up to the first failure, and the last good hash.
    static func scan(_ data: [UInt8], path: String) throws(JournalError)
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
                    // A writer never writes a line longer than the cap, so an unfinished one that
                    // long is not the end of an interrupted write: damage, never a torn tail.
                    let long = buf.count - offset > FileLimits.journalLine
                    failure = Failure(line: lineNo + 1, reason: long ? tooLongReason : "the line is incomplete (no line end)",
                                      selfConsistent: long, start: offset)
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
                case .tooLong:
                    failure = Failure(line: lineNo, reason: tooLongReason, selfConsistent: true, start: offset)
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

            guard let header else { throw headerFailure(failure, buf, path: path) }
            return (header, spans, failure, prevOffset.map { Array(buf[$0..<($0 + 64)]) } ?? zeroHash)
        }
    }

    /// `checkLine` of every complete line in order, computed on all cores; empty for a short file
    /// (where the scan checks each line itself).
    static func precheckedLines(_ buf: UnsafeBufferPointer<UInt8>) -> [LineCheck] {
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

    /// Whether a complete line after the one starting at `start` has a good checksum of its own.
    static func anyGoodLine(_ buf: UnsafeBufferPointer<UInt8>, after start: Int) -> Bool {
        guard let first = firstNewline(buf, from: start) else { return false }
        var o = first + 1
        while o < buf.count, let nl = firstNewline(buf, from: o) {
            if isSelfConsistent(buf, o..<nl) { return true }
            o = nl + 1
        }
        return false
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
}
