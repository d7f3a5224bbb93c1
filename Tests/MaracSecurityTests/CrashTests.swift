#if canImport(Glibc)
import MaracTestSupport
import Glibc
#endif
import Foundation
import Logging
@testable import MaracApp
import MaracCore
import MaracJournal
import MaracUI
import Testing

/// A meeting journal with the meeting started and the first case under discussion, so a key
/// script of notes appends on every save.
func discussionJournal(in dir: TempFolder, passphrase: String? = nil) throws -> String {
    try write(Secret.agenda, to: dir.file("agenda.csv"))
    let path = dir.file("crash.jsonl")
    _ = try NewMeeting.run(.init(agendaPath: dir.file("agenda.csv"), date: "01/12/2026", area: "Crashvale", chair: "Ann C",
                                 out: path, passphrase: passphrase), now: 1_796_112_000_000)
    let (writer, contents) = try retryingWhileLocked { try JournalWriter.open(path: path, passphrase: passphrase) }
    defer { writer.close() }
    let first = try #require(MeetingState.fold(contents.events).queue.first)
    _ = try writer.append([.meetingStarted, .discussionStarted(caseRef: first)], at: 1_796_112_600_000)
    return path
}

/// Other tests in this process start child processes all the time; a fork that happens while a
/// journal is open holds a copy of its descriptor, and with it the journal's flock, until the
/// child's exec closes it (O_CLOEXEC). That window is short: opening again a moment later works.
func retryingWhileLocked<T>(_ open: () throws -> T) throws -> T {
    let deadline = Date().addingTimeInterval(5)
    while true {
        do { return try open() } catch JournalError.locked where Date() < deadline { usleep(1_000) }
    }
}

/// Keys for `count` notes on the case screen, each one save (one append, one fdatasync).
func noteKeys(_ count: Int, label: String = "note") -> String {
    "4" + (1...count).map { "o" + "Police<Tab><Tab>\(label) \($0)<C-s>" }.joined()
}

@Suite("kill -9 at random moments loses nothing acknowledged", .serialized)
struct KillNineTests {
    /// Starts `marac run JOURNAL --keys FILE` with the ack log on (the crash harness: marac's run with a
    /// SaveListener that writes the log).
    func start(_ journal: String, keys: String, ack: String, dir: TempFolder, passphrase: String?) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binary.marac).deletingLastPathComponent().appendingPathComponent("marac-crash-harness")
        p.arguments = ["run", journal, "--keys", keys]
        var env = ProcessInfo.processInfo.environment
        env["MARAC_TEST_ACK_LOG"] = ack
        env["MARAC_DATA_DIR"] = dir.path
        env.removeValue(forKey: "MARAC_PASSPHRASE")
        if let passphrase { env["MARAC_PASSPHRASE"] = passphrase }
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    func acknowledged(_ ack: String) -> [Int] {
        bytes(ack).split(separator: "\n").compactMap { line in
            line.hasPrefix("ack ") ? Int(line.dropFirst(4)) : nil
        }
    }

    @Test("120 SIGKILLs at random append counts: the journal recovers, verifies, holds every acknowledged event, and resumes")
    func killLoop() throws { try killLoop(rounds: 120, passphrase: nil) }

    @Test("the same for an encrypted journal (25 rounds: each start derives the key)")
    func killLoopEncrypted() throws { try killLoop(rounds: 25, passphrase: "kill nine") }

    func killLoop(rounds: Int, passphrase: String?) throws {
        let dir = try TempFolder()
        let journal = try discussionJournal(in: dir, passphrase: passphrase)
        try write(noteKeys(40), to: dir.file("notes.keys"))
        try write("4", to: dir.file("one.keys"))
        var generator = SystemRandomNumberGenerator()
        var everAcked = Set<Int>()
        var tornTails = 0
        var killedMidway = 0

        for round in 1...rounds {
            let ack = dir.file("ack-\(round).log")
            // The kill point: after a random number of acknowledged saves (0 = at start-up), plus a
            // random few hundred microseconds, so it lands anywhere in the write–sync–ack cycle.
            let target = Int.random(in: 0...12, using: &generator)
            let child = try start(journal, keys: dir.file("notes.keys"), ack: ack, dir: dir, passphrase: passphrase)
            let deadline = Date().addingTimeInterval(20)
            while child.isRunning && acknowledged(ack).count < target && Date() < deadline { usleep(200) }
            usleep(UInt32.random(in: 0...800, using: &generator))
            if child.isRunning { kill(child.processIdentifier, SIGKILL); killedMidway += 1 }
            child.waitUntilExit()

            let acked = acknowledged(ack)
            let contents = try JournalReader.read(path: journal, passphrase: passphrase)
            switch contents.condition {
            case .intact: break
            case .tornTail: tornTails += 1
            case let .damaged(line, reason):
                Issue.record("round \(round): damaged at line \(line): \(reason)")
                return
            }
            let chain = try JournalReader.verifyChain(path: journal)
            #expect(chain.finalHash == contents.finalHash, "round \(round): the chain does not verify to the same end")
            let seqs = Set(contents.events.map(\.seq))
            let lost = acked.filter { !seqs.contains($0) }
            #expect(lost.isEmpty, "round \(round): acknowledged events \(lost) are not in the journal")
            everAcked.formUnion(acked)

            // Resume, as the chair would after the crash: one key, headless; it must open cleanly.
            let resumed = try marac(["run", journal, "--keys", dir.file("one.keys")], passphrase: passphrase, folder: dir.path)
            #expect(resumed.status == 0, "round \(round): resume failed: \(resumed.stderr)")
            if resumed.status != 0 { return }
            #expect(try JournalReader.read(path: journal, passphrase: passphrase).condition == .intact, "round \(round): not intact after resume")
        }
        let final = try JournalReader.read(path: journal, passphrase: passphrase)
        #expect(everAcked.isSubset(of: Set(final.events.map(\.seq))))
        #expect(killedMidway >= rounds * 5 / 6, "only \(killedMidway) of \(rounds) runs were killed before they finished")
        #expect(everAcked.count > rounds * 2, "only \(everAcked.count) saves were acknowledged across the rounds")
        if passphrase != nil { #expect(!bytes(journal).contains("note 1")) }
        // Every torn tail was set aside, never dropped.
        let torn = (try FileManager.default.contentsOfDirectory(atPath: dir.path)).filter { $0.contains(".torn-") }
        #expect(torn.count == tornTails)
        print("kill -9 loop\(passphrase == nil ? "" : " (encrypted)"): \(killedMidway) kills, \(everAcked.count) acknowledged saves, \(tornTails) torn tails recovered")
    }
}

@Suite("Disk full and I/O errors through the app", .serialized)
struct InjectedFaultTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    let size = Size(cols: 80, rows: 24)

    /// Runs keys against a session's screen, the journal answering through `perform`.
    func drive(_ screen: inout MeetingScreen, _ session: MeetingSession, _ keys: String, clock: ManualClock) throws -> ScreenBuffer {
        ScriptedRun.run(&screen, steps: try KeyScript.parse(keys), clock: clock, size: size) { session.perform($0, clock: clock) }.screen
    }

    func notes(_ path: String) throws -> [String] {
        try JournalReader.read(path: path).events.compactMap { r in
            if case .noteAdded(_, _, _, let text) = r.event { return text } else { return nil }
        }
    }

    @Test("ENOSPC and EIO on write: NOT SAVED with the reason, nothing applied, journal intact; the meeting goes on once the write succeeds",
          arguments: [(ENOSPC, "the disk is full"), (EIO, "input/output error")])
    func writeFails(errno code: Int32, reason: String) throws {
        let dir = try TempFolder()
        let path = try discussionJournal(in: dir)
        let before = try JournalReader.read(path: path)
        let faulty = FaultyFileIO()
        let session = try retryingWhileLocked { try MeetingSession(path: path, passphrase: nil, logger: logger, fileIO: faulty) }
        let clock = ManualClock(start: before.events.last!.at)
        var screen = MeetingScreen(meeting: Meeting(events: before.events), now: clock.now)

        faulty.injectNext(.write, errno: code)
        var view = try drive(&screen, session, "4oPolice<Tab><Tab>Doors changed<C-s>", clock: clock)
        #expect(view.text.contains("NOT SAVED"), "\(view.text)")
        #expect(view.text.contains(reason), "\(view.text)")
        #expect(!session.state.cases.values.contains { !$0.notes.isEmpty }, "the note was applied although not saved")
        let after = try JournalReader.read(path: path)
        #expect(after.condition == .intact && after.events.count == before.events.count && after.finalHash == before.finalHash)

        // Space is back: the form is still open with the text; saving again works.
        view = try drive(&screen, session, "<C-s>", clock: clock)
        #expect(!view.text.contains("NOT SAVED"), "\(view.text)")
        #expect(try notes(path) == ["Doors changed"])
        view = try drive(&screen, session, "oPolice<Tab><Tab>Second note<C-s>", clock: clock)
        #expect(try notes(path) == ["Doors changed", "Second note"])
        #expect(try JournalReader.read(path: path).condition == .intact)
    }

    @Test("a short write then ENOSPC (disk fills mid-line): the partial line is cut back, the journal stays valid")
    func partialWrite() throws {
        let dir = try TempFolder()
        let path = try discussionJournal(in: dir)
        let before = try JournalReader.read(path: path)
        let faulty = FaultyFileIO()
        let session = try retryingWhileLocked { try MeetingSession(path: path, passphrase: nil, logger: logger, fileIO: faulty) }
        let clock = ManualClock(start: before.events.last!.at)
        var screen = MeetingScreen(meeting: Meeting(events: before.events), now: clock.now)
        faulty.injectNext(.write, errno: ENOSPC, partialBytes: 20)
        let view = try drive(&screen, session, "4oPolice<Tab><Tab>Half a line<C-s>", clock: clock)
        #expect(view.text.contains("NOT SAVED") && view.text.contains("the disk is full"))
        let after = try JournalReader.read(path: path)
        #expect(after.condition == .intact && after.events.count == before.events.count)
    }

    @Test("EIO and ENOSPC on fdatasync: NOT SAVED, the screen says to restart marac run, further saves are refused; a reopen recovers",
          arguments: [EIO, ENOSPC])
    func syncFails(errno code: Int32) throws {
        let dir = try TempFolder()
        let path = try discussionJournal(in: dir)
        let before = try JournalReader.read(path: path)
        let faulty = FaultyFileIO()
        let session = try retryingWhileLocked { try MeetingSession(path: path, passphrase: nil, logger: logger, fileIO: faulty) }
        let clock = ManualClock(start: before.events.last!.at)
        var screen = MeetingScreen(meeting: Meeting(events: before.events), now: clock.now)

        faulty.injectNext(.fdatasync, errno: code)
        var view = try drive(&screen, session, "4oPolice<Tab><Tab>Not synced<C-s>", clock: clock)
        #expect(view.text.contains("NOT SAVED: restart `marac run`"), "\(view.text)")
        #expect(try notes(path).isEmpty)
        // The writer now refuses everything, and says so.
        view = try drive(&screen, session, "<C-s>", clock: clock)
        #expect(view.text.contains("NOT SAVED: restart `marac run`"), "\(view.text)")
        #expect(try notes(path).isEmpty)
        #expect(try JournalReader.read(path: path).condition == .intact)

        // Restart: a new session re-reads and re-verifies the file, and saves again.
        session.close()
        let reopened = try retryingWhileLocked { try MeetingSession(path: path, passphrase: nil, logger: logger) }
        var fresh = MeetingScreen(meeting: Meeting(events: try JournalReader.read(path: path).events), now: clock.now)
        view = try drive(&fresh, reopened, "4oPolice<Tab><Tab>After restart<C-s>", clock: clock)
        #expect(!view.text.contains("NOT SAVED"), "\(view.text)")
        #expect(try notes(path) == ["After restart"])
    }

    @Test("an encrypted journal behaves the same under a disk-full write")
    func encryptedWriteFails() throws {
        let dir = try TempFolder()
        let path = try discussionJournal(in: dir, passphrase: "pass phrase")
        let before = try JournalReader.read(path: path, passphrase: "pass phrase")
        let faulty = FaultyFileIO()
        let session = try retryingWhileLocked { try MeetingSession(path: path, passphrase: "pass phrase", logger: logger, fileIO: faulty) }
        let clock = ManualClock(start: before.events.last!.at)
        var screen = MeetingScreen(meeting: Meeting(events: before.events), now: clock.now)
        faulty.injectNext(.write, errno: ENOSPC)
        var view = try drive(&screen, session, "4oPolice<Tab><Tab>Sealed note<C-s>", clock: clock)
        #expect(view.text.contains("NOT SAVED") && view.text.contains("the disk is full"))
        view = try drive(&screen, session, "<C-s>", clock: clock)
        #expect(!view.text.contains("NOT SAVED"))
        let after = try JournalReader.read(path: path, passphrase: "pass phrase")
        #expect(after.condition == .intact && after.events.count == before.events.count + 1)
        #expect(!bytes(path).contains("Sealed note"))
    }
}
