#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A failed system call: the errno it set.
public struct FileIOError: Error, Sendable, Equatable {
    public var errno: Int32
    public init(errno: Int32) { self.errno = errno }

    /// Not system errors (errno values are positive): refusals of a file marac will not read.
    /// A FIFO, device or socket: reading it could wait forever (a FIFO) or never end (/dev/zero).
    public static let notRegularFile = FileIOError(errno: -1001)
    /// Larger than any file marac writes or reads (see `FileLimits`).
    public static let tooLarge = FileIOError(errno: -1002)
}

/// The most marac reads of each kind of file: far above anything real (a 100,000-event journal is
/// about 36 MiB), low enough that a crafted or runaway file cannot exhaust memory.
public enum FileLimits {
    public static let journal = 512 << 20
    /// The longest journal line (without its line feed). The largest real line, an opening review
    /// of a few hundred outstanding actions, is well under 1 MiB; a longer line is damage, found by
    /// its length before it is hashed or decoded, so a crafted line cannot make marac hold several
    /// copies of it in memory while parsing (a 1 GB line once took 4.2 GB). Writers never write one.
    public static let journalLine = 16 << 20
    public static let agenda = 16 << 20
    /// Protocol files, themes, key scripts.
    public static let small = 1 << 20

    public static func describe(_ bytes: Int) -> String { "\(bytes >> 20) MiB" }
}

/// Refuses anything but a regular file, and one larger than `limit`.
public func requireRegularFile(_ fd: Int32, limit: Int) throws(FileIOError) {
    var info = stat()
    if fstat(fd, &info) == -1 { throw FileIOError(errno: errno) }
    guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notRegularFile }
    guard Int(info.st_size) <= limit else { throw .tooLarge }
}

/// The thin POSIX seam under the journal. Everything durable goes through it, so tests (and crash
/// tests) can inject disk-full and I/O errors at an exact write or sync.
public protocol FileIO: Sendable {
    func open(_ path: String, flags: Int32, mode: UInt32) throws(FileIOError) -> Int32
    func close(_ fd: Int32)
    /// The whole file from offset 0, whatever the descriptor's position.
    func readAll(_ fd: Int32) throws(FileIOError) -> [UInt8]
    /// One `write(2)` call (retried on EINTR only): may write fewer bytes than given.
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(FileIOError) -> Int
    func fdatasync(_ fd: Int32) throws(FileIOError)
    func fsync(_ fd: Int32) throws(FileIOError)
    func ftruncate(_ fd: Int32, length: Int64) throws(FileIOError)
    func fchmod(_ fd: Int32, mode: UInt32) throws(FileIOError)
    /// An exclusive `flock` that does not wait: EWOULDBLOCK when another descriptor holds it.
    func lockExclusive(_ fd: Int32) throws(FileIOError)
    func makeDirectory(_ path: String, mode: UInt32) throws(FileIOError)
    func link(_ existing: String, _ new: String) throws(FileIOError)
    func rename(_ from: String, _ to: String) throws(FileIOError)
    func unlink(_ path: String) throws(FileIOError)
    func exists(_ path: String) -> Bool
}

extension FileIO {
    /// Reads a whole file by path: only a regular file of at most `limit` bytes. O_NONBLOCK so
    /// that opening a FIFO put in a file's place returns at once (to be refused) instead of waiting
    /// for a writer that never comes; it changes nothing for a regular file.
    public func readFile(_ path: String, limit: Int = FileLimits.journal) throws(FileIOError) -> [UInt8] {
        let fd = try open(path, flags: O_RDONLY | O_CLOEXEC | O_NONBLOCK, mode: 0)
        defer { close(fd) }
        try requireRegularFile(fd, limit: limit)
        let bytes = try readAll(fd)
        guard bytes.count <= limit else { throw .tooLarge }   // it grew while being read
        return bytes
    }

    /// Makes a new entry in a folder durable (etcd does the same after creating a WAL file).
    public func fsyncDirectory(_ path: String) throws(FileIOError) {
        let fd = try open(path, flags: O_RDONLY | O_CLOEXEC, mode: 0)
        defer { close(fd) }
        do { try fsync(fd) } catch {
            // Some file systems cannot fsync a folder; that is not a failure of ours.
            if error.errno != EINVAL && error.errno != ENOTSUP { throw error }
        }
    }

    /// Writes every byte: loops on short writes (a short write is not an error until write fails).
    public func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(FileIOError) {
        var done = 0
        while done < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                Result { () throws(FileIOError) -> Int in try write(fd, UnsafeRawBufferPointer(rebasing: raw[done...])) }
            }
            let n = try result.get()
            if n <= 0 { throw FileIOError(errno: EIO) }
            done += n
        }
    }
}

/// The real thing.
public struct PosixFileIO: FileIO {
    public init() {}

    private func check(_ result: Int32) throws(FileIOError) {
        if result == -1 { throw FileIOError(errno: errno) }
    }

    public func open(_ path: String, flags: Int32, mode: UInt32) throws(FileIOError) -> Int32 {
        while true {
            let fd = systemOpen(path, flags, mode_t(mode))
            if fd >= 0 { return fd }
            if errno != EINTR { throw FileIOError(errno: errno) }
        }
    }

    public func close(_ fd: Int32) { _ = systemClose(fd) }

    public func readAll(_ fd: Int32) throws(FileIOError) -> [UInt8] {
        // The journal writer reads the file it opened through here too: same refusals.
        try requireRegularFile(fd, limit: FileLimits.journal)
        var info = stat()
        try check(fstat(fd, &info))
        // One byte more than the size, so reaching it means the file grew while we read: try again, larger.
        var capacity = max(0, Int(info.st_size)) + 1
        while true {
            var failure: Int32 = 0
            let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                var done = 0
                while done < buffer.count {
                    let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(done))
                    if n < 0 { if errno == EINTR { continue }; failure = errno; break }
                    if n == 0 { break }
                    done += n
                }
                count = done
            }
            if failure != 0 { throw FileIOError(errno: failure) }
            if bytes.count < capacity { return bytes }
            guard capacity <= FileLimits.journal else { throw .tooLarge }
            capacity *= 2
        }
    }

    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(FileIOError) -> Int {
        while true {
            let n = systemWrite(fd, bytes.baseAddress, bytes.count)
            if n >= 0 { return n }
            if errno != EINTR { throw FileIOError(errno: errno) }
        }
    }

    public func fdatasync(_ fd: Int32) throws(FileIOError) {
        #if canImport(Darwin)
        // On macOS only F_FULLFSYNC reaches the platter.
        if fcntl(fd, F_FULLFSYNC) == -1 { try check(Darwin.fsync(fd)) }
        #else
        try check(Glibc.fdatasync(fd))
        #endif
    }

    public func fsync(_ fd: Int32) throws(FileIOError) { try check(systemFsync(fd)) }
    public func ftruncate(_ fd: Int32, length: Int64) throws(FileIOError) { try check(systemFtruncate(fd, off_t(length))) }
    public func fchmod(_ fd: Int32, mode: UInt32) throws(FileIOError) { try check(systemFchmod(fd, mode_t(mode))) }
    public func lockExclusive(_ fd: Int32) throws(FileIOError) {
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return }
            if errno != EINTR { throw FileIOError(errno: errno) }
        }
    }
    public func makeDirectory(_ path: String, mode: UInt32) throws(FileIOError) { try check(mkdir(path, mode_t(mode))) }
    public func link(_ existing: String, _ new: String) throws(FileIOError) { try check(systemLink(existing, new)) }
    public func rename(_ from: String, _ to: String) throws(FileIOError) { try check(systemRename(from, to)) }
    public func unlink(_ path: String) throws(FileIOError) { try check(systemUnlink(path)) }
    public func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}

// The protocol's method names shadow the C functions inside PosixFileIO; these reach the C ones.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer?, _ n: Int) -> Int { write(fd, p, n) }
private func systemFsync(_ fd: Int32) -> Int32 { fsync(fd) }
private func systemFtruncate(_ fd: Int32, _ n: off_t) -> Int32 { ftruncate(fd, n) }
private func systemFchmod(_ fd: Int32, _ m: mode_t) -> Int32 { fchmod(fd, m) }
private func systemLink(_ a: String, _ b: String) -> Int32 { link(a, b) }
private func systemRename(_ a: String, _ b: String) -> Int32 { rename(a, b) }
private func systemUnlink(_ p: String) -> Int32 { unlink(p) }
