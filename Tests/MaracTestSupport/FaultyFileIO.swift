import Foundation
import MaracJournal

/// Wraps another FileIO and fails chosen calls, for tests and crash tests: "the 3rd write fails
/// with ENOSPC after 10 bytes landed", "the next fdatasync fails with EIO".
public final class FaultyFileIO: FileIO, @unchecked Sendable {
    public enum Operation: Sendable, Equatable { case write, fdatasync }

    private struct Fault {
        var operation: Operation
        var call: Int
        var errno: Int32
        var partialBytes: Int
    }

    private let base: any FileIO
    private let lock = NSLock()
    private var faults: [Fault] = []
    private var writes = 0
    private var syncs = 0

    public init(base: any FileIO = PosixFileIO()) { self.base = base }

    /// How many `write` / `fdatasync` calls have been made so far.
    public var writeCalls: Int { lock.withLock { writes } }
    public var fdatasyncCalls: Int { lock.withLock { syncs } }

    /// Fails call number `call` (1-based, counted since this object was made) of `operation` with
    /// `errno`. For a write, `partialBytes` > 0 first lets that many bytes land (a short write) and
    /// fails the following write call instead, as a disk that fills mid-line does.
    public func inject(_ operation: Operation, errno: Int32, onCall call: Int, partialBytes: Int = 0) {
        lock.withLock { faults.append(Fault(operation: operation, call: call, errno: errno, partialBytes: partialBytes)) }
    }

    /// Fails the next call of `operation`.
    public func injectNext(_ operation: Operation, errno: Int32, partialBytes: Int = 0) {
        let next = lock.withLock { (operation == .write ? writes : syncs) + 1 }
        inject(operation, errno: errno, onCall: next, partialBytes: partialBytes)
    }

    public func open(_ path: String, flags: Int32, mode: UInt32) throws(FileIOError) -> Int32 {
        try base.open(path, flags: flags, mode: mode)
    }
    public func close(_ fd: Int32) { base.close(fd) }
    public func readAll(_ fd: Int32) throws(FileIOError) -> [UInt8] { try base.readAll(fd) }

    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(FileIOError) -> Int {
        let fault: Fault? = lock.withLock {
            writes += 1
            guard let i = faults.firstIndex(where: { $0.operation == .write && $0.call == writes }) else { return nil }
            let f = faults[i]
            if f.partialBytes > 0 {
                faults[i].partialBytes = 0
                faults[i].call += 1
            } else {
                faults.remove(at: i)
            }
            return f
        }
        guard let fault else { return try base.write(fd, bytes) }
        if fault.partialBytes > 0 {
            return try base.write(fd, UnsafeRawBufferPointer(rebasing: bytes[0..<min(fault.partialBytes, bytes.count)]))
        }
        throw FileIOError(errno: fault.errno)
    }

    public func fdatasync(_ fd: Int32) throws(FileIOError) {
        let fault: Fault? = lock.withLock {
            syncs += 1
            guard let i = faults.firstIndex(where: { $0.operation == .fdatasync && $0.call == syncs }) else { return nil }
            return faults.remove(at: i)
        }
        if let fault { throw FileIOError(errno: fault.errno) }
        try base.fdatasync(fd)
    }

    public func fsync(_ fd: Int32) throws(FileIOError) { try base.fsync(fd) }
    public func ftruncate(_ fd: Int32, length: Int64) throws(FileIOError) { try base.ftruncate(fd, length: length) }
    public func fchmod(_ fd: Int32, mode: UInt32) throws(FileIOError) { try base.fchmod(fd, mode: mode) }
    public func lockExclusive(_ fd: Int32) throws(FileIOError) { try base.lockExclusive(fd) }
    public func makeDirectory(_ path: String, mode: UInt32) throws(FileIOError) { try base.makeDirectory(path, mode: mode) }
    public func link(_ existing: String, _ new: String) throws(FileIOError) { try base.link(existing, new) }
    public func rename(_ from: String, _ to: String) throws(FileIOError) { try base.rename(from, to) }
    public func unlink(_ path: String) throws(FileIOError) { try base.unlink(path) }
    public func exists(_ path: String) -> Bool { base.exists(path) }
}
