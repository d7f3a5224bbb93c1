import MaracTestSupport
import Foundation
import Logging
@testable import MaracApp
import MaracCore
import MaracJournal
import MaracUI
import Testing

/// A disk that refuses every open for writing, as a read-only mount (or a write-protected stick) does.
struct ReadOnlyDisk: FileIO {
    let base = PosixFileIO()
    func open(_ path: String, flags: Int32, mode: UInt32) throws(FileIOError) -> Int32 {
        if flags & (O_WRONLY | O_RDWR | O_CREAT) != 0 { throw FileIOError(errno: EROFS) }
        return try base.open(path, flags: flags, mode: mode)
    }
    func close(_ fd: Int32) { base.close(fd) }
    func readAll(_ fd: Int32) throws(FileIOError) -> [UInt8] { try base.readAll(fd) }
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(FileIOError) -> Int { throw FileIOError(errno: EROFS) }
    func fdatasync(_ fd: Int32) throws(FileIOError) { throw FileIOError(errno: EROFS) }
    func fsync(_ fd: Int32) throws(FileIOError) { throw FileIOError(errno: EROFS) }
    func ftruncate(_ fd: Int32, length: Int64) throws(FileIOError) { throw FileIOError(errno: EROFS) }
    func fchmod(_ fd: Int32, mode: UInt32) throws(FileIOError) { throw FileIOError(errno: EROFS) }
    func lockExclusive(_ fd: Int32) throws(FileIOError) { try base.lockExclusive(fd) }
    func makeDirectory(_ path: String, mode: UInt32) throws(FileIOError) { throw FileIOError(errno: EROFS) }
    func link(_ existing: String, _ new: String) throws(FileIOError) { throw FileIOError(errno: EROFS) }
    func rename(_ from: String, _ to: String) throws(FileIOError) { throw FileIOError(errno: EROFS) }
    func unlink(_ path: String) throws(FileIOError) { throw FileIOError(errno: EROFS) }
    func exists(_ path: String) -> Bool { base.exists(path) }
}

@Suite("Hardening: read-only disks, all-or-none packs, leftovers of a killed `new`")
struct HardeningFileTests {
    static func meeting(in dir: TempFolder, owners: [String] = []) throws -> String {
        let journal = try HardeningTests.newMeeting(in: dir)
        guard !owners.isEmpty else { return journal }
        let (writer, contents) = try retryingWhileLocked { try JournalWriter.open(path: journal) }
        defer { writer.close() }
        let ref = try #require(MeetingState.fold(contents.events).queue.first)
        var events: [MeetingEvent] = [.meetingStarted, .discussionStarted(caseRef: ref)]
        for (i, owner) in owners.enumerated() {
            events.append(.actionAgreed(action: Action(id: "20261201-\(i + 1)", caseRef: ref, text: "Action for \(owner)", owner: owner,
                                                       due: CalendarDate(year: 2026, month: 12, day: 8), category: .victimSafety)))
        }
        _ = try writer.append(events, at: 1_796_112_600_000)
        return journal
    }

    @Test("a journal on a read-only disk opens read-only, with a banner, instead of refusing to open")
    func readOnlyDiskOpensForViewing() throws {
        let dir = try TempFolder()
        let journal = try Self.meeting(in: dir, owners: ["Police"])
        let session = try MeetingSession(path: journal, passphrase: nil, logger: Logger(label: "test"), fileIO: ReadOnlyDisk())
        #expect(session.isReadOnly)
        try write("", to: dir.file("k.keys"))
        let screen = try #require(try session.run(options: .init(keysFile: dir.file("k.keys"), size: Size(cols: 120, rows: 30))))
        #expect(screen.text.contains("READ-ONLY") && screen.text.contains("view only"), "\(screen.lines().joined(separator: "\n"))")
    }

    @Test("export --agency all on a disk that fills part-way writes no pack at all, and says so")
    func packsAllOrNone() throws {
        let dir = try TempFolder()
        let journal = try Self.meeting(in: dir, owners: ["Police", "Housing", "Health"])
        let disk = FaultyFileIO()
        disk.inject(.write, errno: ENOSPC, onCall: 2)      // the second pack meets a full disk
        let out = dir.file("packs")
        do {
            _ = try ExportMinutes.run(.init(journalPath: journal, format: .md, outDir: out, agency: "all"), fileIO: disk)
            Issue.record("the export reported success on a full disk")
        } catch {
            #expect(error.message.contains("nothing was written"), "\(error.message)")
        }
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []) == [], "packs or temporary files were left")
        // And with room, all three.
        let ok = try ExportMinutes.run(.init(journalPath: journal, format: .md, outDir: out, agency: "all"))
        #expect(ok.written.count == 3)
    }

    @Test("a temporary journal left by a killed `marac new` is removed by the next one; a live one is left alone")
    func leftoverCreatingFileIsCleaned() throws {
        let dir = try TempFolder()
        let abandoned = dir.file(".old.jsonl.creating-4242-17")
        try write("{\"seq\":0", to: abandoned)
        let live = dir.file(".busy.jsonl.creating-99-1")
        try write("{\"seq\":0", to: live)
        let fd = open(live, O_RDONLY)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)      // as the creator holds it
        // Not ours to touch: wrong pattern.
        try write("keep", to: dir.file(".notes.creating-soon"))
        _ = try HardeningTests.newMeeting(in: dir)
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(FileManager.default.fileExists(atPath: dir.file(".notes.creating-soon")))
    }
}
