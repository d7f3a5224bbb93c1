import Foundation
import MaracCore
@testable import MaracJournal
import Testing

/// Issue 21, "torn means torn": of 4,502 single-bit flips in a small journal, 104 used to read as
/// "ok with a torn tail" (a broken last line, or the last two lines merged by a flipped line end),
/// and `run` then cut those acknowledged events away. Every flip must now read as damage.
@Suite("Bit-flip sweep: damage is never mistaken for a torn tail")
struct BitFlipSweepTests {
    static func smallJournal() throws -> [UInt8] {
        let dir = NSTemporaryDirectory() + "marac-flip-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/j.jsonl"
        try JournalWriter.create(path: path, kind: .meeting, id: "2026-12-01-flip",
                                 events: [.meetingStarted, .meetingPaused, .meetingResumed], at: 1_796_112_000_000).close()
        return try PosixFileIO().readFile(path)
    }

    enum Outcome: Equatable { case refused, damaged, torn, intact }

    /// Chain-only reading decides the same condition here: every flip breaks a checksum, the chain or
    /// a line end before any event is decoded, and it keeps the sweep to a few seconds.
    static func outcome(_ data: [UInt8]) -> Outcome {
        do {
            let parsed = try JournalFormat.parse(data, path: "j.jsonl", mode: .chainOnly)
            switch parsed.contents.condition {
            case .intact: return .intact
            case .tornTail: return .torn
            case .damaged: return .damaged
            }
        } catch {
            return .refused
        }
    }

    @Test("every single-bit flip of a complete journal is damage (or refused), never intact and never a torn tail")
    func everyFlipIsDamage() throws {
        let original = try Self.smallJournal()
        #expect(Self.outcome(original) == .intact)
        var silent: [String] = []
        for i in original.indices {
            for bit in 0..<8 {
                var flipped = original
                flipped[i] ^= UInt8(1 << bit)
                let o = Self.outcome(flipped)
                if o == .intact || o == .torn { silent.append("byte \(i) bit \(bit): \(o)") }
            }
        }
        #expect(silent.isEmpty, "\(silent.count) of \(original.count * 8) flips lost acknowledged events: \(silent.prefix(10))")
    }

    @Test("a write cut off anywhere inside the last line is a torn tail that keeps every earlier event")
    func cutWritesAreTorn() throws {
        let original = try Self.smallJournal()
        let lastLineStart = original.dropLast().lastIndex(of: 0x0A)! + 1
        for end in (lastLineStart + 1)..<original.count {      // up to, not including, its line end
            let cut = Array(original[..<end])
            let parsed = try JournalFormat.parse(cut, path: "j.jsonl", mode: .decode(passphrase: nil))
            #expect(parsed.contents.condition == .tornTail(bytes: end - lastLineStart), "cut at \(end)")
            #expect(parsed.contents.events.count == 2)
        }
    }
}
