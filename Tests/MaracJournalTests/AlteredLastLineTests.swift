import Foundation
import MaracCore
import Testing
@testable import MaracJournal

/// The last line is where a writer dies mid-write, but it is also the latest acknowledged event:
/// only a genuinely torn line may be cut away. A complete line that still reads as JSON but fails its
/// checksum was altered (edited, bit rot) and must be reported as damage, never silently dropped.
@Suite("Journal: an altered last line is damage, not a torn tail")
struct AlteredLastLineTests {
    func journal(_ dir: TempFolder) throws -> (path: String, bytes: [UInt8]) {
        let path = dir.file("j.jsonl")
        var rng = SeededGenerator(seed: 11)
        let events = Array(randomMeeting(&rng, cases: 2).prefix(6))
        let w = try JournalWriter.create(path: path, kind: .meeting, id: "m", events: Array(events.prefix(3)), at: t0)
        _ = try w.append([events[3]], at: t0 + 1000)
        _ = try w.append([.noteAdded(caseRef: "x", agency: "Police", kind: .riskInformation, text: "Owner Police, due 12/12")],
                         at: t0 + 2000)
        w.close()
        return (path, bytes(of: path))
    }

    @Test func anEditedLastLineIsDamagedAndTheWriterRefusesIt() throws {
        let dir = TempFolder()
        let (path, full) = try journal(dir)
        var edited = full
        let text = Array("Owner Police".utf8)
        let at = try #require(edited.firstRange(of: text)).lowerBound
        edited.replaceSubrange(at..<(at + text.count), with: Array("Owner Housi".utf8) + [UInt8(ascii: "x")])
        write(edited, to: path)

        let contents = try JournalReader.read(path: path)
        guard case .damaged(let line, _) = contents.condition else {
            Issue.record("an edited last line read as \(contents.condition)"); return
        }
        #expect(line == lineStarts(full).count - 1)
        #expect(throws: JournalError.self) { try JournalWriter.open(path: path) }
        #expect(bytes(of: path) == edited)              // nothing cut away
        #expect(!FileManager.default.fileExists(atPath: path + ".torn-1"))
    }

    /// Zeros in the middle of the last line but its end (and line feed) in place: before issue 21
    /// this read as a torn tail and `run` cut the line away. Torn means torn: the file ends with a
    /// line feed, so a line marac finished was changed — damage, read-only, nothing cut.
    @Test func zerosInsideAFinishedLastLineAreDamage() throws {
        let dir = TempFolder()
        let (path, full) = try journal(dir)
        let starts = lineStarts(full)
        var altered = full
        for i in (starts[starts.count - 2] + 20)..<(full.count - 80) { altered[i] = 0 }
        write(altered, to: path)
        guard case .damaged(let line, _) = try JournalReader.read(path: path).condition else {
            Issue.record("zeros inside a finished last line should be damage"); return
        }
        #expect(line == starts.count - 1)
        #expect(throws: JournalError.self) { try JournalWriter.open(path: path) }
        #expect(bytes(of: path) == altered)
    }

    /// The power cut the old test meant: the file grew but nothing of the last line landed, so it
    /// ends in zeros with no line feed. Still a torn tail, set aside.
    @Test func zerosWhereTheLastLineShouldBeAreATornTail() throws {
        let dir = TempFolder()
        let (path, full) = try journal(dir)
        let starts = lineStarts(full)
        var torn = full
        for i in (starts[starts.count - 2] + 20)..<full.count { torn[i] = 0 }
        write(torn, to: path)
        guard case .tornTail = try JournalReader.read(path: path).condition else {
            Issue.record("zeros to the end of the file should be a torn tail"); return
        }
        let (writer, _) = try JournalWriter.open(path: path)
        writer.close()
        #expect(FileManager.default.fileExists(atPath: path + ".torn-1"))
    }
}
