#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MaracCore
import MaracJournal
import Testing

/// A fresh folder under the system temporary folder, removed when the test is done with it.
final class TempFolder {
    let path: String
    init() {
        path = FileManager.default.temporaryDirectory.path + "/marac-export-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
    var entries: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
}

/// Writes a real journal holding these events at their own times (the first one creates it).
func writeJournal(_ path: String, kind: JournalKind = .meeting, id: String = "test", _ events: [RecordedEvent]) throws {
    guard let first = events.first else { return }
    let writer = try JournalWriter.create(path: path, kind: kind, id: id, events: [first.event], at: first.at)
    defer { writer.close() }
    for r in events.dropFirst() { _ = try writer.append([r.event], at: r.at) }
}

func mode(of path: String) -> UInt16 {
    var st = stat()
    guard stat(path, &st) == 0 else { return 0 }
    return UInt16(st.st_mode & 0o777)
}

/// Passes everything to the real file system but fails one chosen step, as a full disk or a crash would.
final class FailingFileIO: FileIO, @unchecked Sendable {
    enum Step { case write, fsync, rename }
    let base = PosixFileIO()
    let failing: Step
    init(failing: Step) { self.failing = failing }

    func open(_ path: String, flags: Int32, mode: UInt32) throws(FileIOError) -> Int32 { try base.open(path, flags: flags, mode: mode) }
    func close(_ fd: Int32) { base.close(fd) }
    func readAll(_ fd: Int32) throws(FileIOError) -> [UInt8] { try base.readAll(fd) }
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(FileIOError) -> Int {
        guard failing == .write else { return try base.write(fd, bytes) }
        // Half the bytes land, then the disk is full: a partial file exists until it is cleaned up.
        let half = max(1, bytes.count / 2)
        _ = try base.write(fd, UnsafeRawBufferPointer(rebasing: bytes[0..<half]))
        throw FileIOError(errno: ENOSPC)
    }
    func fdatasync(_ fd: Int32) throws(FileIOError) { try base.fdatasync(fd) }
    func fsync(_ fd: Int32) throws(FileIOError) {
        if failing == .fsync { throw FileIOError(errno: EIO) }
        try base.fsync(fd)
    }
    func ftruncate(_ fd: Int32, length: Int64) throws(FileIOError) { try base.ftruncate(fd, length: length) }
    func fchmod(_ fd: Int32, mode: UInt32) throws(FileIOError) { try base.fchmod(fd, mode: mode) }
    func lockExclusive(_ fd: Int32) throws(FileIOError) { try base.lockExclusive(fd) }
    func makeDirectory(_ path: String, mode: UInt32) throws(FileIOError) { try base.makeDirectory(path, mode: mode) }
    func link(_ existing: String, _ new: String) throws(FileIOError) { try base.link(existing, new) }
    func rename(_ from: String, _ to: String) throws(FileIOError) {
        if failing == .rename { throw FileIOError(errno: EIO) }
        try base.rename(from, to)
    }
    func unlink(_ path: String) throws(FileIOError) { try base.unlink(path) }
    func exists(_ path: String) -> Bool { base.exists(path) }
}
