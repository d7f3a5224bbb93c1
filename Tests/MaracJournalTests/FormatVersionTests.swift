import Foundation
@testable import MaracCore
import Testing
@testable import MaracJournal

/// Journal format 2 beside format 1 (docs/JOURNAL-FORMAT.md, "Versions"): new journals are format 2;
/// a format 1 journal made by an earlier marac is read whole and continued in format 1 only.
@Suite("Journal format versions: format 2 written, format 1 read and continued as format 1")
struct FormatVersionTests {
    let dir = TempFolder()
    static let amended = MeetingEvent.noteAmended(caseRef: "MC-2001", noteSeq: 6, agency: "Police", kind: .riskInformation,
                                                  text: "Four call-outs", reason: "Four, not three")

    /// A copy of a frozen fixture to write to.
    func copy(_ version: Int, _ name: String) throws -> String {
        let path = dir.file("\(name)-\(UUID().uuidString).jsonl")
        try FileManager.default.copyItem(atPath: "\(FixtureSummary.folder(version))/\(name).jsonl", toPath: path)
        return path
    }

    @Test("a new journal is format 2 and takes every kind")
    func newJournalsAreFormat2() throws {
        let events = try FixtureFreezer.standardOpening()
        let path = dir.file("new.jsonl")
        let writer = try JournalWriter.create(path: path, kind: .meeting, id: "2026-12-01-northvale", events: events, at: 1)
        defer { writer.close() }
        #expect(writer.formatVersion == 2)
        _ = try writer.append([.noteAdded(caseRef: "MC-2001", agency: "Police", kind: .riskInformation, text: "Three call-outs"), Self.amended], at: 2)
        let read = try JournalReader.read(path: path)
        #expect(read.header.version == 2)
        #expect(read.condition == .intact)
        #expect(read.events.last?.event == Self.amended)
    }

    @Test("continuing a format 1 journal: format 1 kinds are appended, a format 2 kind is refused in one line and nothing is written")
    func format1JournalTakesOnlyFormat1Kinds() throws {
        let path = try copy(1, "kind-20-noteAdded")
        let before = bytes(of: path)
        let (writer, contents) = try JournalWriter.open(path: path)
        defer { writer.close() }
        #expect(contents.header.version == 1)
        #expect(writer.formatVersion == 1)

        #expect(throws: JournalError.olderFormat(path: path, version: 1, kind: "noteAmended")) {
            try writer.append([.discussionPaused(caseRef: "MC-2001"), Self.amended], at: 1_796_113_000_000)
        }
        #expect(bytes(of: path) == before, "a refused batch writes nothing, not even its format 1 events")
        let message = JournalError.olderFormat(path: path, version: 1, kind: "noteAmended").description
        #expect(!message.contains("\n"))
        #expect(message.contains("format 1") && message.contains("noteAmended") && message.contains("not recorded"))

        _ = try writer.append([.discussionPaused(caseRef: "MC-2001")], at: 1_796_113_000_000)
        let read = try JournalReader.read(path: path)
        #expect(read.condition == .intact)
        #expect(read.header.version == 1)
        #expect(read.events.last?.event == .discussionPaused(caseRef: "MC-2001"))
    }

    @Test("every kind the code has is format 1 or 2, and exactly the seven added later are 2")
    func kindVersions() {
        let two = MeetingEvent.kindNames.filter { MeetingEvent.formatVersion(ofKind: $0) == 2 }
        #expect(Set(two).isSuperset(of: ["trackerUpdated", "caseHistoryFound", "earlierHearingDecided", "caseDetailsSet",
                                         "noteAmended", "noteWithdrawn", "absentOwnerToBeTold"]))
        #expect(MeetingEvent.kindNames.filter { MeetingEvent.formatVersion(ofKind: $0) == 1 }.count == 29)
    }

    @Test("a format 1 journal that the release before format 2 filled with later kinds still reads whole")
    func format1WithLaterKindsReads() throws {
        let contents = try JournalReader.read(path: "\(FixtureSummary.folder(2))/format1-with-later-kinds.jsonl")
        #expect(contents.header.version == 1)
        #expect(contents.condition == .intact)
        #expect(contents.events.contains { if case .noteAmended = $0.event { return true } else { return false } })
    }

    // MARK: Encrypted lines bound to the previous line

    /// Two encrypted copies of one journal that agree up to seq 5 and then differ (a rolled-back
    /// copy that went on differently): the same id, seq and times, other histories.
    func forkedCopies(version: Int) throws -> (a: [UInt8], b: [UInt8]) {
        let opening = try FixtureFreezer.standardOpening()
        func note(_ text: String) -> MeetingEvent { .noteAdded(caseRef: "MC-2001", agency: "Police", kind: .riskInformation, text: text) }
        // The fixture builder seals each line as the writer does, with a fresh salt per journal, so
        // one key is shared by building B from A's header onwards.
        let a = try FixtureFreezer.journal(opening + [note("First"), note("The real second note")], id: "m", kind: .meeting,
                                           version: version, passphrase: "p")
        // B: A's first six lines, then its own seq 6 and 7, sealed with A's key.
        var b = Array(a[..<lineStarts(a)[6]])
        let (writer, _) = try JournalWriter.open(path: { let p = dir.file("b-\(version).jsonl"); write(b, to: p); return p }(), passphrase: "p")
        _ = try writer.append(stamped: [(at: 1_796_112_305_000, event: note("Another first")),
                                        (at: 1_796_112_366_000, event: note("Another second"))])
        writer.close()
        b = bytes(of: dir.file("b-\(version).jsonl"))
        return (a, b)
    }

    /// B with its last line replaced by A's last line, the chain recomputed around it (anyone can:
    /// the chain has no key).
    func splice(_ a: [UInt8], into b: [UInt8]) -> [UInt8] {
        let sa = lineStarts(a), sb = lineStarts(b)
        let aLast = Array(a[sa[sa.count - 2]..<(sa[sa.count - 1] - 1)])
        let bPrevHash = Array(b[(sb[sb.count - 2] - 1 - 66)..<(sb[sb.count - 2] - 3)])   // h of B's second-to-last line
        // A's line without its chain tail, then B's previous hash, sealed again.
        var body = Array(aLast[..<(aLast.count - JournalFormat.hashSuffixLength - JournalFormat.prevFieldLength)])
        _ = JournalFormat.seal(&body, prev: bPrevHash)
        return Array(b[..<sb[sb.count - 2]]) + body
    }

    @Test("format 2: a sealed event spliced from another copy of the journal, chain recomputed, does not open")
    func splicedEventFromAFork() throws {
        let (a, b) = try forkedCopies(version: 2)
        let path = dir.file("spliced.jsonl")
        write(splice(a, into: b), to: path)
        #expect(try JournalReader.verifyChain(path: path).condition == .intact, "the unkeyed chain was recomputed, so it holds")
        let read = try JournalReader.read(path: path, passphrase: "p")
        guard case .damaged(let line, let reason) = read.condition else {
            Issue.record("the spliced event opened: \(read.condition)"); return
        }
        #expect(line == 8)
        #expect(reason.contains("does not open"))
    }

    @Test("format 1 (no binding, as before): the same splice opens, which is what format 2 closes")
    func format1SpliceStillOpens() throws {
        let (a, b) = try forkedCopies(version: 1)
        let path = dir.file("spliced-v1.jsonl")
        write(splice(a, into: b), to: path)
        let read = try JournalReader.read(path: path, passphrase: "p")
        #expect(read.condition == .intact)
        #expect(read.header.version == 1)
    }

    @Test("a format 1 encrypted journal is continued with format 1 sealing and reads back whole")
    func format1EncryptedContinues() throws {
        let path = try copy(1, "encrypted")
        let passphrase = try #require(FixtureSummary.passphrase("encrypted", version: 1))
        let (writer, contents) = try JournalWriter.open(path: path, passphrase: passphrase)
        #expect(contents.header.version == 1)
        _ = try writer.append([.meetingPaused], at: 1_796_120_000_000)
        writer.close()
        let read = try JournalReader.read(path: path, passphrase: passphrase)
        #expect(read.condition == .intact)
        #expect(read.events.last?.event == .meetingPaused)
    }

    // MARK: The line-length cap

    /// A journal whose line `n` (counting the header as 1) is replaced by a self-consistent line of
    /// `length` bytes; with `end` the file stops there, with no line feed.
    func journalWithLongLine(length: Int, terminated: Bool) throws -> String {
        let path = try copy(1, "kind-20-noteAdded")
        var data = bytes(of: path)
        let starts = lineStarts(data)
        let prev = Array(data[(starts[6] - 1 - 66)..<(starts[6] - 3)])   // h of line 6
        var body = Array(#"{"seq":6,"t":1796112305000,"event":{"noteAdded":{"agency":"Police","caseRef":"MC-2001","kind":"other","text":""#.utf8)
        body += [UInt8](repeating: UInt8(ascii: "a"), count: length - body.count - 3 - 146)
        body += Array(#""}}"#.utf8)
        _ = JournalFormat.seal(&body, prev: prev)
        data = Array(data[..<starts[6]]) + (terminated ? body : Array(body.dropLast()))
        write(data, to: path)
        return path
    }

    @Test("a line longer than the cap is damage at its line, whether or not it ends, and is never decoded")
    func tooLongLine() throws {
        let cap = FileLimits.journalLine
        for terminated in [true, false] {
            let path = try journalWithLongLine(length: cap + 1, terminated: terminated)
            let read = try JournalReader.read(path: path)
            guard case .damaged(let line, let reason) = read.condition else {
                Issue.record("terminated \(terminated): \(read.condition)"); continue
            }
            #expect(line == 7)
            #expect(reason.contains("longer than any journal line"), "\(reason)")
            #expect(read.events.count == 5)
            // The writer never cuts it away as a torn tail.
            #expect(throws: JournalError.damaged(path: path, line: 7, reason: reason)) { try JournalWriter.open(path: path) }
            #expect(try JournalReader.verifyChain(path: path).condition == .damaged(line: 7, reason: reason))
        }
        // Just under the cap is an ordinary line.
        let fits = try journalWithLongLine(length: cap, terminated: true)
        #expect(try JournalReader.read(path: fits).condition == .intact)
    }

    @Test("the writer refuses to write a line longer than the cap, and writes nothing")
    func writerRefusesTooLongLine() throws {
        let path = dir.file("long.jsonl")
        let writer = try JournalWriter.create(path: path, kind: .meeting, id: "m", events: try FixtureFreezer.standardOpening(), at: 1)
        defer { writer.close() }
        let before = bytes(of: path)
        let huge = String(repeating: "x", count: FileLimits.journalLine)
        do {
            _ = try writer.append([.noteAdded(caseRef: "MC-2001", agency: "Police", kind: .other, text: huge)], at: 2)
            Issue.record("a line over the cap was written")
        } catch {
            #expect(error.description.contains("more than the 16 MiB a journal line may hold"), "\(error)")
        }
        #expect(bytes(of: path) == before)
    }
}
