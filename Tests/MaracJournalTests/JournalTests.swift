import Foundation
import MaracCore
import MaracTestSupport
import Testing
@testable import MaracJournal

@Suite("Journal: write, read, chain")
struct JournalRoundTripTests {
    @Test("create, append and read back: same events, continuous seq, header kind and id")
    func roundTrip() throws {
        let dir = TempFolder()
        let path = dir.file("j.jsonl")
        let setup = setupEvents(cases: 3)
        let writer = try JournalWriter.create(path: path, kind: .meeting, id: sampleInfo.id, events: setup, at: t0)
        #expect(writer.nextSeq == setup.count + 1)
        let more: [MeetingEvent] = [.meetingStarted, .discussionStarted(caseRef: "MC-1001")]
        let records = try writer.append(more, at: t0 + 5_000)
        #expect(records.map(\.seq) == [setup.count + 1, setup.count + 2])
        #expect(records.allSatisfy { $0.at == t0 + 5_000 })
        let hash = writer.finalHash
        writer.close()

        let contents = try JournalReader.read(path: path)
        #expect(contents.condition == .intact)
        #expect(contents.header.kind == .meeting)
        #expect(contents.header.id == sampleInfo.id)
        #expect(contents.header.format == "marac-journal" && contents.header.version == JournalHeader.currentVersion)
        #expect(contents.header.createdAt == t0)
        #expect(contents.events.map(\.event) == setup + more)
        #expect(contents.events.map(\.seq) == Array(1...(setup.count + 2)))
        #expect(contents.lineCount == setup.count + 3)
        #expect(contents.finalHash == hash)
        #expect(contents.finalHash.count == 64)
    }

    @Test("each line's h is the SHA-256 of its bytes before the h field, and prev is the line before's h")
    func chainIsVerifiableByHand() throws {
        let dir = TempFolder()
        let path = dir.file("j.jsonl")
        try JournalWriter.create(path: path, kind: .tracker, id: "tracker-1", events: setupEvents(cases: 2), at: t0).close()
        let text = String(decoding: bytes(of: path), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(text.hasSuffix("\n"))
        var prev = String(repeating: "0", count: 64)
        for (i, line) in lines.enumerated() {
            #expect(line.hasPrefix("{\"seq\":\(i),"))
            let suffixStart = line.index(line.endIndex, offsetBy: -72)
            let h = String(line[line.index(suffixStart, offsetBy: 6)..<line.index(line.endIndex, offsetBy: -2)])
            let body = Array(line[..<suffixStart].utf8)
            #expect(String(decoding: JournalFormat.hexDigest(body[...]), as: UTF8.self) == h)
            #expect(line[..<suffixStart].hasSuffix(",\"prev\":\"\(prev)\""))
            prev = h
        }
        #expect(lines[0].contains("\"kind\":\"tracker\""))
        #expect(lines[1].contains("\"event\":{\"meetingCreated\""))
        #expect(!text.contains("\\/"))   // withoutEscapingSlashes
    }

    @Test("the journal file is mode 0600 and a new folder 0700")
    func fileModes() throws {
        let dir = TempFolder()
        let path = dir.file("new/sub/j.jsonl")
        let writer = try JournalWriter.create(path: path, kind: .meeting, id: "m", events: setupEvents(cases: 1), at: t0)
        defer { writer.close() }
        let fileMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        let dirMode = try FileManager.default.attributesOfItem(atPath: dir.file("new/sub"))[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(dirMode == 0o700)
        // No hidden temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("new/sub")) == ["j.jsonl"])
    }

    @Test("create refuses an existing file and leaves it untouched")
    func createRefusesExisting() throws {
        let dir = TempFolder()
        let path = dir.file("j.jsonl")
        write(Array("precious\n".utf8), to: path)
        #expect(throws: JournalError.exists(path: path)) {
            try JournalWriter.create(path: path, kind: .meeting, id: "m", events: [], at: t0)
        }
        #expect(bytes(of: path) == Array("precious\n".utf8))
    }

    @Test("create that fails on write or sync leaves no file behind")
    func createFailureLeavesNothing() throws {
        for op in [FaultyFileIO.Operation.write, .fdatasync] {
            let dir = TempFolder()
            let path = dir.file("j.jsonl")
            let io = FaultyFileIO()
            io.injectNext(op, errno: ENOSPC)
            #expect(throws: JournalError.io(path: path, operation: op == .write ? "write" : "fdatasync", errno: ENOSPC)) {
                try JournalWriter.create(path: path, kind: .meeting, id: "m", events: setupEvents(), at: t0, fileIO: io)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        }
    }

    @Test("a reopened writer continues the chain and the sequence")
    func reopenContinues() throws {
        let dir = TempFolder()
        let path = dir.file("j.jsonl")
        let first = try JournalWriter.create(path: path, kind: .meeting, id: "m", events: setupEvents(cases: 2), at: t0)
        let hash = first.finalHash
        first.close()
        let (writer, contents) = try JournalWriter.open(path: path)
        #expect(contents.condition == .intact)
        #expect(writer.finalHash == hash)
        #expect(writer.nextSeq == 4)
        let r = try writer.append([.meetingStarted], at: t0 + 1)
        #expect(r.first?.seq == 4)
        writer.close()
        let again = try JournalReader.read(path: path)
        #expect(again.condition == .intact)
        #expect(again.events.last?.event == .meetingStarted)
    }

    @Test("appending after close is refused with a clear error")
    func appendAfterClose() throws {
        let dir = TempFolder()
        let path = dir.file("j.jsonl")
        let writer = try JournalWriter.create(path: path, kind: .meeting, id: "m", events: [], at: t0)
        writer.close()
        #expect(throws: JournalError.writerFailed(path: path, reason: "it was closed")) {
            try writer.append([.meetingStarted], at: t0)
        }
    }

    @Test("random meetings: written then read back equal the original, and so does their folded state")
    func propertyRoundTrip() throws {
        for seed in UInt64(1)...25 {
            var rng = SeededGenerator(seed: seed)
            let events = randomMeeting(&rng, cases: Int.random(in: 1...6, using: &rng))
            let dir = TempFolder()
            let path = dir.file("j.jsonl")
            // Set-up through create, the rest in random-sized batches through append.
            let writer = try JournalWriter.create(path: path, kind: .meeting, id: sampleInfo.id, events: Array(events.prefix(2)), at: t0)
            var original = (1...2).map { RecordedEvent(seq: $0, at: t0, event: events[$0 - 1]) }
            var i = 2
            var now = t0
            while i < events.count {
                let n = Int.random(in: 1...3, using: &rng)
                now += Int64.random(in: 0...90_000, using: &rng)
                original += try writer.append(Array(events[i..<min(events.count, i + n)]), at: now)
                i += n
            }
            writer.close()
            let read = try JournalReader.read(path: path)
            #expect(read.condition == .intact, "seed \(seed)")
            #expect(read.events == original, "seed \(seed)")
            #expect(MeetingState.fold(read.events) == MeetingState.fold(original), "seed \(seed)")
        }
    }

    /// A note of several lines (docs/DECISIONS.md §37): each line feed is written `\n` inside the JSON
    /// string, so the journal keeps one event a line, the chain verifies, and the text reads back
    /// exactly, through the fast decoder and the general one alike.
    @Test func aNoteWithLineFeedsStaysOnOneJournalLine() throws {
        let dir = TempFolder()
        let path = dir.file("j.jsonl")
        let setup = setupEvents(cases: 1)
        let text = "Seen at home on 28/11\nunder review by the Idva\nno contact since"
        let writer = try JournalWriter.create(path: path, kind: .meeting, id: sampleInfo.id, events: setup, at: t0)
        _ = try writer.append([.noteAdded(caseRef: "MC-1001", agency: "Idva", kind: .riskInformation, text: text)], at: t0 + 1_000)
        writer.close()
        let raw = bytes(of: path)
        #expect(raw.filter { $0 == 0x0A }.count == setup.count + 2)   // header, setup, the note: one line each
        #expect(String(decoding: raw, as: UTF8.self).contains("Seen at home on 28/11\\nunder review"))
        let contents = try JournalReader.read(path: path)
        #expect(contents.events.last?.event == .noteAdded(caseRef: "MC-1001", agency: "Idva", kind: .riskInformation, text: text))
        _ = try JournalReader.verifyChain(path: path)
    }
}

@Suite("Journal: torn tails and damage")
struct JournalDamageTests {
    /// A closed journal of several lines, and its bytes.
    func makeJournal(_ dir: TempFolder) throws -> (path: String, bytes: [UInt8], events: [MeetingEvent]) {
        let path = dir.file("j.jsonl")
        var rng = SeededGenerator(seed: 7)
        let events = Array(randomMeeting(&rng, cases: 2).prefix(8))
        let w = try JournalWriter.create(path: path, kind: .meeting, id: "m", events: Array(events.prefix(3)), at: t0)
        _ = try w.append(Array(events[3...]), at: t0 + 1000)
        w.close()
        return (path, bytes(of: path), events)
    }

    @Test("truncated at every byte offset: exactly the complete lines are recovered, never a throw")
    func truncateEverywhere() throws {
        let dir = TempFolder()
        let (_, full, events) = try makeJournal(dir)
        let starts = lineStarts(full)
        let cut = dir.file("cut.jsonl")
        for length in starts[1]...full.count {   // shorter than the header is not a journal (tested below)
            write(Array(full[..<length]), to: cut)
            let completeLines = starts.filter { $0 <= length }.count - 1
            let contents = try JournalReader.read(path: cut)
            #expect(contents.lineCount == completeLines, "length \(length)")
            #expect(contents.events.map(\.event) == Array(events.prefix(completeLines - 1)), "length \(length)")
            let tornBytes = length - starts[completeLines]
            #expect(contents.condition == (tornBytes == 0 ? .intact : .tornTail(bytes: tornBytes)), "length \(length)")
        }
    }

    @Test("a journal cut inside its header is reported as not (yet) a journal")
    func truncatedHeader() throws {
        let dir = TempFolder()
        let (_, full, _) = try makeJournal(dir)
        let cut = dir.file("cut.jsonl")
        for length in [0, 1, 20, lineStarts(full)[1] - 1] {
            write(Array(full[..<length]), to: cut)
            #expect(throws: JournalError.self) { try JournalReader.read(path: cut) }
            do { _ = try JournalReader.read(path: cut) } catch {
                guard case .notAJournal = error else { Issue.record("length \(length): \(error)"); continue }
            }
        }
    }

    @Test("open on a torn tail keeps the torn bytes beside the journal, truncates and carries on")
    func openRecoversTornTail() throws {
        let dir = TempFolder()
        let (path, full, events) = try makeJournal(dir)
        let starts = lineStarts(full)
        let length = starts[5] + 17
        write(Array(full[..<length]), to: path)
        let (writer, contents) = try JournalWriter.open(path: path)
        #expect(contents.condition == .tornTail(bytes: 17))
        #expect(contents.events.map(\.event) == Array(events.prefix(4)))
        #expect(bytes(of: path) == Array(full[..<starts[5]]))
        #expect(bytes(of: path + ".torn-1") == Array(full[starts[5]..<length]))
        let mode = try FileManager.default.attributesOfItem(atPath: path + ".torn-1")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let r = try writer.append([.meetingPaused], at: t0 + 9)
        #expect(r.map(\.seq) == [5])
        writer.close()
        let after = try JournalReader.read(path: path)
        #expect(after.condition == .intact)
        #expect(after.events.map(\.event) == Array(events.prefix(4)) + [.meetingPaused])
    }

    @Test("a second torn tail goes to .torn-2, not over the first")
    func secondTornFile() throws {
        let dir = TempFolder()
        let (path, full, _) = try makeJournal(dir)
        let starts = lineStarts(full)
        let (last, beforeLast) = (starts[starts.count - 2], starts[starts.count - 3])
        write(Array(full.dropLast(3)), to: path)
        try JournalWriter.open(path: path).writer.close()
        write(bytes(of: path).dropLast(5), to: path)
        try JournalWriter.open(path: path).writer.close()
        #expect(bytes(of: path + ".torn-1") == Array(full[last..<(full.count - 3)]))
        #expect(bytes(of: path + ".torn-2") == Array(full[beforeLast..<(last - 5)]))
        #expect(bytes(of: path) == Array(full[..<beforeLast]))
    }

    @Test("a flipped byte in the middle: damaged at that line, events before it kept, open refuses")
    func flippedByte() throws {
        let dir = TempFolder()
        let (path, full, events) = try makeJournal(dir)
        let starts = lineStarts(full)
        for line in 1...(starts.count - 2) {      // every line but the last (a damaged last line is a torn tail)
            for position in [starts[line - 1] + 3, (starts[line - 1] + starts[line]) / 2, starts[line] - 5] {
                var damaged = full
                damaged[position] ^= 0x01
                write(damaged, to: path)
                if line == 1 {
                    // A damaged header: there is nothing to read at all.
                    do { _ = try JournalReader.read(path: path); Issue.record("read a damaged header") } catch {
                        guard case .damaged(_, 1, _) = error else { Issue.record("\(error)"); continue }
                    }
                    continue
                }
                let contents = try JournalReader.read(path: path)
                guard case .damaged(let at, _) = contents.condition else {
                    Issue.record("line \(line) byte \(position): \(contents.condition)"); continue
                }
                #expect(at == line, "byte \(position)")
                #expect(contents.events.map(\.event) == Array(events.prefix(line - 2)))
                #expect(throws: JournalError.self) { try JournalWriter.open(path: path) }
                #expect(bytes(of: path) == damaged)   // never modified
            }
        }
    }

    @Test("a zeroed region spanning lines: damaged at the first line it touches")
    func zeroedRegion() throws {
        let dir = TempFolder()
        let (path, full, _) = try makeJournal(dir)
        let starts = lineStarts(full)
        var damaged = full
        for i in (starts[3] + 10)..<(starts[5] + 10) { damaged[i] = 0 }
        write(damaged, to: path)
        let contents = try JournalReader.read(path: path)
        guard case .damaged(let line, _) = contents.condition else { Issue.record("\(contents.condition)"); return }
        #expect(line == 4)
        do {
            _ = try JournalWriter.open(path: path)
            Issue.record("open appended to a damaged journal")
        } catch {
            guard case .damaged(_, let l, _) = error else { Issue.record("\(error)"); return }
            #expect(l == 4)
            #expect(error.description.contains("line 4"))
        }
    }

    @Test("a removed line in the middle breaks the chain at the line after it")
    func removedLine() throws {
        let dir = TempFolder()
        let (path, full, _) = try makeJournal(dir)
        let starts = lineStarts(full)
        write(Array(full[..<starts[3]] + full[starts[4]...]), to: path)
        let contents = try JournalReader.read(path: path)
        guard case .damaged(let line, let reason) = contents.condition else { Issue.record("\(contents.condition)"); return }
        #expect(line == 4)
        #expect(reason.contains("chain"))
    }

    @Test("a file that is not a journal is named as such")
    func notAJournal() throws {
        let dir = TempFolder()
        let path = dir.file("agenda.csv")
        write(Array("case_ref,victim\nMC-1,Amira K\n".utf8), to: path)
        do { _ = try JournalReader.read(path: path); Issue.record("read a CSV as a journal") } catch {
            guard case .notAJournal = error else { Issue.record("\(error)"); return }
            #expect(error.description.hasPrefix(path))
        }
        #expect(throws: JournalError.io(path: dir.file("missing.jsonl"), operation: "open", errno: ENOENT)) {
            try JournalReader.read(path: dir.file("missing.jsonl"))
        }
    }
}

@Suite("Journal: disk errors and the lock")
struct JournalFaultTests {
    @Test("ENOSPC and EIO on write or fdatasync: error thrown, nothing counts, file unchanged and valid", arguments: [
        (FaultyFileIO.Operation.write, ENOSPC, 0), (.write, EIO, 0), (.write, ENOSPC, 37),
        (.fdatasync, ENOSPC, 0), (.fdatasync, EIO, 0),
    ])
    func injectedFaults(operation: FaultyFileIO.Operation, code: Int32, partial: Int) throws {
        let dir = TempFolder()
        let path = dir.file("j.jsonl")
        let io = FaultyFileIO()
        let writer = try JournalWriter.create(path: path, kind: .meeting, id: "m", events: setupEvents(), at: t0, fileIO: io)
        _ = try writer.append([.meetingStarted], at: t0 + 1)
        let before = bytes(of: path)
        let hash = writer.finalHash
        let seq = writer.nextSeq
        io.injectNext(operation, errno: code, partialBytes: partial)
        #expect(throws: JournalError.io(path: path, operation: operation == .write ? "write" : "fdatasync", errno: code)) {
            try writer.append([.confidentialityStatementRead, .discussionStarted(caseRef: "MC-1001")], at: t0 + 2)
        }
        #expect(bytes(of: path) == before)
        #expect(writer.finalHash == hash)
        #expect(writer.nextSeq == seq)
        let contents = try JournalReader.read(path: path)
        #expect(contents.condition == .intact)
        #expect(contents.events.last?.event == .meetingStarted)

        if operation == .write {
            // The chair frees space and carries on with the same writer.
            let r = try writer.append([.confidentialityStatementRead], at: t0 + 3)
            #expect(r.map(\.seq) == [seq])
        } else {
            // After a failed sync this writer refuses; reopening re-checks the file and carries on.
            #expect(throws: JournalError.self) { try writer.append([.meetingPaused], at: t0 + 3) }
            writer.close()
            let (again, c) = try JournalWriter.open(path: path, fileIO: io)
            #expect(c.condition == .intact)
            #expect(try again.append([.confidentialityStatementRead], at: t0 + 3).map(\.seq) == [seq])
            again.close()
        }
        writer.close()
        #expect(try JournalReader.read(path: path).condition == .intact)
    }

    @Test("the error message names the file and says the disk is full")
    func diskFullMessage() {
        let e = JournalError.io(path: "/data/m.jsonl", operation: "write", errno: ENOSPC)
        #expect(e.description.contains("/data/m.jsonl"))
        #expect(e.description.contains("disk is full"))
    }

    @Test("a second writer on the same journal is refused while the first holds it, in this process too")
    func secondWriterLocked() throws {
        let dir = TempFolder()
        let path = dir.file("j.jsonl")
        let first = try JournalWriter.create(path: path, kind: .meeting, id: "m", events: setupEvents(), at: t0)
        #expect(throws: JournalError.locked(path: path)) { try JournalWriter.open(path: path) }
        _ = try first.append([.meetingStarted], at: t0 + 1)
        // Readers never need the lock.
        #expect(try JournalReader.read(path: path).events.count == 5)
        first.close()
        let (second, _) = try JournalWriter.open(path: path)
        #expect(throws: JournalError.locked(path: path)) { try JournalWriter.open(path: path) }
        second.close()
    }

    @Test("verifyChain checks a journal without decoding its events")
    func verifyChainOnly() throws {
        let dir = TempFolder()
        let path = dir.file("j.jsonl")
        let w = try JournalWriter.create(path: path, kind: .meeting, id: "m", events: setupEvents(cases: 4), at: t0)
        let hash = w.finalHash
        w.close()
        let c = try JournalReader.verifyChain(path: path)
        #expect(c.condition == .intact)
        #expect(c.lineCount == 6)
        #expect(c.finalHash == hash)
    }
}
