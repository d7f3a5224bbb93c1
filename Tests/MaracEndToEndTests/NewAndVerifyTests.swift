import Foundation
import MaracApp
import MaracCore
import MaracJournal
import Testing

/// `marac new` and `marac verify` through MaracApp (the executable only parses arguments), and
/// once through the built binary when it is there.
@Suite("marac new and verify")
struct NewAndVerifyTests {
    final class Folder {
        let path = FileManager.default.temporaryDirectory.path + "/marac-new-test-\(UUID().uuidString)"
        init() { try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func write(_ name: String, _ text: String) -> String {
            let p = path + "/" + name
            _ = FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
            return p
        }
        var files: [String] { (try? FileManager.default.contentsOfDirectory(atPath: path).sorted()) ?? [] }
    }

    let agenda = """
    case_ref,victim,referring_agency,referral_basis,children,notification,shoe_size
    MC-1001,Amira K,Police,actuarial,0,no,9
    MC-1002,Joan P,Idva,professional judgement,2,no,
    MC-1003,Beth L,Police,repeat,,yes,

    """

    @Test("new: the journal holds the meeting and the cases in agenda order; verify says ok")
    func newThenVerify() throws {
        let dir = Folder()
        let agendaPath = dir.write("agenda.csv", agenda)
        let out = dir.path + "/m.jsonl"
        let outcome = try NewMeeting.run(.init(agendaPath: agendaPath, date: "01/12/2026", area: "North Vale", chair: "Ann C",
                                               venue: "Room 2", out: out), now: 1_796_112_000_000)
        #expect(outcome.journalPath == out)
        #expect(outcome.meetingID == "2026-12-01-north-vale")
        #expect(outcome.caseCount == 3)
        #expect(outcome.warnings.count == 1 && outcome.warnings[0].contains("shoe_size"))
        let contents = try JournalReader.read(path: out)
        #expect(contents.header.id == "2026-12-01-north-vale")
        let state = MeetingState.fold(contents.events)
        #expect(state.info.chair == "Ann C" && state.info.venue == "Room 2" && state.info.date == CalendarDate(year: 2026, month: 12, day: 1))
        #expect(state.queue == ["MC-1002", "MC-1001", "MC-1003"])
        #expect(state.rules == .national)

        let verified = VerifyJournal.run(path: out)
        #expect(verified.exitCode == 0)
        #expect(verified.message == "ok: 4 events, 3 cases, final hash \(contents.finalHash.prefix(16))…")
    }

    @Test("new without --out writes <meeting id>.jsonl in --data-dir, else MARAC_DATA_DIR, else ~/.local/share/marac")
    func dataFolder() throws {
        let dir = Folder()
        let agendaPath = dir.write("agenda.csv", agenda)
        let a = try NewMeeting.run(.init(agendaPath: agendaPath, date: "2026-12-01", area: "Test", chair: "T", dataDir: dir.path + "/explicit"),
                                   environment: ["MARAC_DATA_DIR": dir.path + "/env", "HOME": dir.path + "/home"])
        #expect(a.journalPath == dir.path + "/explicit/2026-12-01-test.jsonl")
        let b = try NewMeeting.run(.init(agendaPath: agendaPath, date: "2026-12-01", area: "Test", chair: "T"),
                                   environment: ["MARAC_DATA_DIR": dir.path + "/env", "HOME": dir.path + "/home"])
        #expect(b.journalPath == dir.path + "/env/2026-12-01-test.jsonl")
        let c = try NewMeeting.run(.init(agendaPath: agendaPath, date: "2026-12-01", area: "Test", chair: "T"),
                                   environment: ["HOME": dir.path + "/home"])
        #expect(c.journalPath == dir.path + "/home/.local/share/marac/2026-12-01-test.jsonl")
        for p in [a, b, c].map(\.journalPath) { #expect(FileManager.default.fileExists(atPath: p)) }
        #expect(throws: CommandFailure.self) { try DataFolder.resolve(explicit: nil, environment: [:]) }
    }

    @Test("bad input: one message naming the file, line and column; no journal left behind")
    func badInputLeavesNothing() {
        let dir = Folder()
        let good = dir.write("agenda.csv", agenda)
        let bad = dir.write("bad.csv", "case_ref,victim,referring_agency,referral_basis,referral_date\nMC-1,Amira K,Police,actuarial,31/02/2026\n")
        let out = dir.path + "/m.jsonl"
        let cases: [(NewMeeting.Request, String)] = [
            (.init(agendaPath: bad, date: "01/12/2026", area: "A", chair: "C", out: out), "\(bad):2 (column referral_date): '31/02/2026' is not a date"),
            (.init(agendaPath: good, date: "31/02/2026", area: "A", chair: "C", out: out), "--date '31/02/2026' is not a date"),
            (.init(agendaPath: good, date: "01/12/2026", area: " ", chair: "C", out: out), "--area is empty"),
            (.init(agendaPath: dir.path + "/missing.csv", date: "01/12/2026", area: "A", chair: "C", out: out), "\(dir.path)/missing.csv: cannot read the agenda file: no such file"),
        ]
        for (request, expected) in cases {
            do { _ = try NewMeeting.run(request); Issue.record("accepted: \(expected)") } catch {
                #expect(error.message.hasPrefix(expected), "\(error.message)")
                #expect(!error.message.contains("\n"))
                #expect(error.exitCode != 0)
            }
        }
        #expect(dir.files == ["agenda.csv", "bad.csv"])
    }

    @Test("verify names the damaged line and exits 1; a torn tail is ok and says marac run recovers it")
    func verifyDamage() throws {
        let dir = Folder()
        let out = dir.path + "/m.jsonl"
        _ = try NewMeeting.run(.init(agendaPath: dir.write("agenda.csv", agenda), date: "01/12/2026", area: "A", chair: "C", out: out))
        let original = Array(FileManager.default.contents(atPath: out)!)
        var starts = [0]
        for (i, b) in original.enumerated() where b == 0x0A { starts.append(i + 1) }

        var damaged = original
        damaged[starts[2] + 30] ^= 0x20     // inside line 3
        _ = FileManager.default.createFile(atPath: out, contents: Data(damaged))
        let d = VerifyJournal.run(path: out)
        #expect(d.exitCode == 2)
        #expect(d.message.hasPrefix("\(out) line 3 is damaged: its checksum does not match"), "\(d.message)")

        // Cut short by hand, the file is shorter than the journal marac wrote: the witness says so.
        _ = FileManager.default.createFile(atPath: out, contents: Data(original.dropLast(10)))
        let cut = VerifyJournal.run(path: out)
        #expect(cut.exitCode == 2 && cut.message.contains("shorter than when marac last saw it"), "\(cut.message)")
        // Where marac never saw the whole line (a crash mid-write, or another machine), it is a torn tail.
        unlink(dir.path + "/" + Witness.fileName)
        let t = VerifyJournal.run(path: out)
        #expect(t.exitCode == 0)
        #expect(t.message.contains("torn tail") && t.message.contains("marac run"), "\(t.message)")
        #expect(t.message.contains("3 events"))

        let n = VerifyJournal.run(path: dir.path + "/agenda.csv")
        #expect(n.exitCode == 2)
        #expect(n.message.contains("is not a marac journal"))
    }

    @Test("the protocol template reads back as the national protocol; a protocol file adapts it")
    func protocolFile() throws {
        #expect(try LocalProtocolFile.parse(LocalProtocolFile.template, file: "p.yaml") == .national)
        #expect(try LocalProtocolFile.parse("", file: "p.yaml") == .national)
        let rules = try LocalProtocolFile.parse("""
        # Northvale
        agencies: [Police, Idva, Housing]
        target_minutes: 12
        limit_minutes: 20
        confidentiality_statement: Keep it in the room.
        """, file: "p.yaml")
        #expect(rules.agencies == ["Police", "Idva", "Housing"])
        #expect(rules.targetMinutes == 12 && rules.limitMinutes == 20)
        #expect(rules.dashThreshold == 14)
        #expect(rules.confidentialityStatement == "Keep it in the room.")

        let dir = Folder()
        let protocolPath = dir.write("protocol.yaml", "limit_minutes: 25\n")
        let out = dir.path + "/m.jsonl"
        _ = try NewMeeting.run(.init(agendaPath: dir.write("agenda.csv", agenda), date: "01/12/2026", area: "A", chair: "C",
                                     out: out, protocolPath: protocolPath))
        #expect(MeetingState.fold(try JournalReader.read(path: out).events).rules.limitMinutes == 25)
    }

    @Test("a bad protocol file names the line and key; no journal is made", arguments: [
        ("limit_minuts: 20\n", "p.yaml:1 (limit_minuts): unknown key 'limit_minuts'"),
        ("target_minutes: 10\ndash_threshold: high\n", "p.yaml:2 (dash_threshold): 'high' should be a whole number from 1 to 24"),
        ("target_minutes: 20\nlimit_minutes: 15\n", "p.yaml (limit_minutes): the limit (15 minutes) is shorter than the target (20 minutes)"),
        ("agencies:\n  - Police\n  - police\n", "p.yaml:3 (agencies): 'police' is listed twice"),
        ("agencies: [Police\n", "p.yaml:2: not valid YAML"),
    ])
    func badProtocol(text: String, expected: String) {
        do { _ = try LocalProtocolFile.parse(text, file: "p.yaml"); Issue.record("accepted \(text)") } catch {
            #expect(error.message.hasPrefix(expected), "\(error.message)")
        }
    }

    @Test("verify checks an encrypted journal without its passphrase")
    func verifyEncrypted() throws {
        let dir = Folder()
        let path = dir.path + "/secret.jsonl"
        try JournalWriter.create(path: path, kind: .meeting, id: "m", events: [.meetingStarted, .meetingPaused], at: 1,
                                 passphrase: "pass phrase").close()
        let outcome = VerifyJournal.run(path: path)
        #expect(outcome.exitCode == 0)
        #expect(outcome.message.hasPrefix("ok: 2 events (encrypted, no passphrase given: checksums, chain and sequence checked; "), "\(outcome.message)")
    }

    @Test("the agenda template ships, has every column and imports cleanly")
    func template() throws {
        let text = try NewMeeting.templateText()
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine.split(separator: ",").map(String.init) == AgendaImport.columns)
        let r = try AgendaImport.parse(bytes: Array(text.utf8), file: "agenda-template.csv")
        #expect(r.warnings.isEmpty)
        #expect(r.cases.count >= 2)
        #expect(r.cases.first?.victim == "Amira K" && r.cases.first?.caseRef == "MC-1001")
    }

    @Test("the built marac binary: new, verify, and a one-line error with a non-zero exit")
    func binary() throws {
        // Built by `swift build` (CI builds everything before testing); skip with a reason otherwise.
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/marac").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("skipped: \(binary) is not built")
            return
        }
        let dir = Folder()
        let agendaPath = dir.write("agenda.csv", agenda)
        let out = dir.path + "/m.jsonl"
        let created = try run(binary, ["new", "--agenda", agendaPath, "--date", "2026-12-01", "--area", "Test", "--chair", "T", "--out", out])
        #expect(created.status == 0)
        #expect(created.stdout == out + "\n")
        #expect(created.stderr.contains("warning") && created.stderr.contains("shoe_size"))
        let verified = try run(binary, ["verify", out])
        #expect(verified.status == 0)
        #expect(verified.stdout.hasPrefix("ok: 4 events, 3 cases, final hash "))
        let again = try run(binary, ["new", "--agenda", agendaPath, "--date", "2026-12-01", "--area", "Test", "--chair", "T", "--out", out])
        #expect(again.status == 73)
        #expect(again.stderr.hasPrefix("marac: \(out) already exists"))
        #expect(again.stderr.filter { $0 == "\n" }.count == 1)
        let template = try run(binary, ["new", "--print-template"])
        #expect(template.status == 0 && template.stdout.hasPrefix("case_ref,victim,"))
    }

    func run(_ binary: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
