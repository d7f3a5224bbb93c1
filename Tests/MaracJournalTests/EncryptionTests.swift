import Foundation
import MaracCore
import Testing
@testable import MaracJournal

@Suite("Journal: encryption at rest")
struct JournalEncryptionTests {
    let passphrase = "correct horse battery staple"

    func makeEncrypted(_ dir: TempFolder) throws -> (path: String, events: [MeetingEvent]) {
        let path = dir.file("secret.jsonl")
        let events = setupEvents(cases: 3)
        let writer = try JournalWriter.create(path: path, kind: .meeting, id: sampleInfo.id, events: events, at: t0, passphrase: passphrase)
        let more: [MeetingEvent] = [.meetingStarted, .noteAdded(caseRef: "MC-1001", agency: "Police", kind: .riskInformation, text: "Amira K moved")]
        _ = try writer.append(more, at: t0 + 60_000)
        writer.close()
        return (path, events + more)
    }

    @Test("events round-trip with the passphrase and no case text is stored in the clear")
    func roundTrip() throws {
        let dir = TempFolder()
        let (path, events) = try makeEncrypted(dir)
        let contents = try JournalReader.read(path: path, passphrase: passphrase)
        #expect(contents.condition == .intact)
        #expect(contents.events.map(\.event) == events)
        #expect(contents.header.encryption?.kdf == "scrypt")
        let text = String(decoding: bytes(of: path), as: UTF8.self)
        #expect(!text.contains("Amira") && !text.contains("Victim 1") && !text.contains("Northvale\""))
        #expect(text.contains("\"enc\":\""))
    }

    @Test("no passphrase, or a wrong one, is refused with its own message; verifying the chain needs none")
    func passphrases() throws {
        let dir = TempFolder()
        let (path, events) = try makeEncrypted(dir)
        #expect(throws: JournalError.passphraseRequired(path: path)) { try JournalReader.read(path: path) }
        #expect(throws: JournalError.wrongPassphrase(path: path)) { try JournalReader.read(path: path, passphrase: "wrong") }
        #expect(throws: JournalError.passphraseRequired(path: path)) { try JournalWriter.open(path: path) }
        let chain = try JournalReader.verifyChain(path: path)
        #expect(chain.condition == .intact)
        #expect(chain.lineCount == events.count + 1)
    }

    @Test("a reopened encrypted journal carries on encrypted")
    func reopen() throws {
        let dir = TempFolder()
        let (path, events) = try makeEncrypted(dir)
        let (writer, contents) = try JournalWriter.open(path: path, passphrase: passphrase)
        #expect(contents.events.map(\.event) == events)
        _ = try writer.append([.meetingPaused], at: t0 + 90_000)
        writer.close()
        let again = try JournalReader.read(path: path, passphrase: passphrase)
        #expect(again.events.last?.event == .meetingPaused)
        #expect(!String(decoding: bytes(of: path), as: UTF8.self).contains("meetingPaused"))
    }

    @Test("sealed events swapped between lines (chain recomputed) are caught as damage at the first moved line")
    func swappedEvents() throws {
        let dir = TempFolder()
        let (path, _) = try makeEncrypted(dir)
        var lines = String(decoding: bytes(of: path), as: UTF8.self).split(separator: "\n").map(String.init)
        func enc(_ line: String) -> String {
            let start = line.range(of: "\"enc\":\"")!.upperBound
            return String(line[start..<line[start...].firstIndex(of: "\"")!])
        }
        let (a, b) = (enc(lines[2]), enc(lines[3]))
        lines[2] = lines[2].replacingOccurrences(of: a, with: b)
        lines[3] = lines[3].replacingOccurrences(of: b, with: a)
        // An attacker without the key can still rebuild the (unkeyed) chain.
        var prev = JournalFormat.zeroHash
        var out: [UInt8] = []
        for line in lines {
            var body = Array(line.utf8.prefix(line.utf8.count - JournalFormat.hashSuffixLength - JournalFormat.prevFieldLength))
            prev = JournalFormat.seal(&body, prev: prev)
            out += body
        }
        write(out, to: path)
        #expect(try JournalReader.verifyChain(path: path).condition == .intact)
        let contents = try JournalReader.read(path: path, passphrase: passphrase)
        guard case .damaged(let line, let reason) = contents.condition else { Issue.record("\(contents.condition)"); return }
        #expect(line == 3)
        #expect(reason.contains("does not open"))
        #expect(contents.events.count == 1)
    }
}
