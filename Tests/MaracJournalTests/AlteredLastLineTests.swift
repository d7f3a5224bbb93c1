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

    @Test func zerosWhereTheLastLineShouldBeAreATornTail() throws {
        let dir = TempFolder()
        let (path, full) = try journal(dir)
        let starts = lineStarts(full)
        var torn = full
        // A power cut after the file grew but before the data landed: the line's middle is zeros.
        for i in (starts[starts.count - 2] + 20)..<(full.count - 80) { torn[i] = 0 }
        write(torn, to: path)
        guard case .tornTail = try JournalReader.read(path: path).condition else {
            Issue.record("zeros in the last line should be a torn tail"); return
        }
        let (writer, _) = try JournalWriter.open(path: path)
        writer.close()
        #expect(FileManager.default.fileExists(atPath: path + ".torn-1"))
    }
}
