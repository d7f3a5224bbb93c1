#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MaracCore
import MaracJournal

/// What a named output (`--dump-screen FILE`, `--out FILE`, an export, a report, a scorecard) is
/// before anything is written to it, and so how it must be written.
///
/// The temp-file-and-rename that makes a regular file appear whole or not at all would *replace*
/// anything else at that name: renaming over `/dev/null` as root turns it into a regular file and
/// breaks every later program that writes there. So a character device, a FIFO or a socket is
/// written in place, a block device or a folder is refused, and a symbolic link is followed only
/// when it stays in its own folder (or ends at a device, FIFO or socket, as `/dev/stdout` does);
/// a link into another folder is refused rather than written through.
public enum OutputTarget: Equatable, Sendable {
    /// Nothing there yet, or a regular file: write atomically at this path (a link's target when
    /// the name was a link within its own folder, so the link itself stays a link).
    case regularFile(path: String)
    /// A character device, a FIFO or a socket: written in place, never replaced or renamed over.
    case special(kind: String)

    /// Exit status for "cannot create the output" (sysexits EX_CANTCREAT).
    public static let cannotCreate: Int32 = 73

    /// Classifies `path` without changing anything. Throws (exit 73) for what must not be written.
    public static func classify(_ path: String) throws(CommandFailure) -> OutputTarget {
        var link = stat()
        guard lstat(path, &link) == 0 else {
            let why = errno
            if why == ENOENT || why == ENOTDIR { try requireFolder(holding: path) }
            if why == ENOENT { return .regularFile(path: path) }
            throw refuse(path, JournalError.describe(errno: why))
        }
        let type = link.st_mode & S_IFMT
        if type != S_IFLNK { return try classifyNonLink(path, type: type) }

        // A symbolic link: what does it end at?
        var target = stat()
        guard stat(path, &target) == 0 else {
            throw refuse(path, "it is a symbolic link to something that does not exist; not followed")
        }
        let targetType = target.st_mode & S_IFMT
        if let kind = specialKind(targetType) { return .special(kind: kind) }
        guard targetType == S_IFREG else { return try classifyNonLink(path, type: targetType) }
        guard let real = realPath(path), let linkFolder = realPath(AtomicFile.folder(of: path)), AtomicFile.folder(of: real) == linkFolder else {
            throw refuse(path, "it is a symbolic link into another folder; not followed (give the real path if that is meant)")
        }
        return .regularFile(path: real)
    }

    /// Refuses (exit 73) an output whose folder is not there. Only the output itself is ever made:
    /// a folder above it that does not exist is more likely a typo than a wish, and a file written
    /// into a folder made by mistake is one nobody finds (docs/DECISIONS.md, "s4-polish"). The one line
    /// names the folder and the command that makes it.
    public static func requireFolder(holding path: String) throws(CommandFailure) {
        let dir = AtomicFile.folder(of: path)
        var info = stat()
        if stat(dir, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR { return }
            throw refuse(path, "\(SafeText.line(dir)) is not a folder")
        }
        switch errno {
        case ENOENT: throw refuse(path, "the folder \(SafeText.line(dir)) does not exist (make it with `mkdir -p \(shellWord(dir))`)")
        case ENOTDIR: throw refuse(path, "a name on the way to \(SafeText.line(dir)) is a file, not a folder")
        default: return   // other faults (no permission …): the write itself says them
        }
    }

    /// `path` as one shell word: as it is when a shell would neither split nor expand it, else quoted.
    static func shellWord(_ path: String) -> String {
        let plain = !path.isEmpty && path.allSatisfy(shellSafe.contains)
        return plain ? path : "'" + SafeText.line(path).replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static let shellSafe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+,:@%")

    private static func classifyNonLink(_ path: String, type: mode_t) throws(CommandFailure) -> OutputTarget {
        if let kind = specialKind(type) { return .special(kind: kind) }
        switch type {
        case S_IFREG: return .regularFile(path: path)
        case S_IFDIR: throw refuse(path, "it is a folder; give a file name")
        case S_IFBLK: throw refuse(path, "it is a block device; marac never writes to a disk directly")
        default: throw refuse(path, "it is not a regular file")
        }
    }

    private static func specialKind(_ type: mode_t) -> String? {
        switch type {
        case S_IFCHR: return "character device"
        case S_IFIFO: return "FIFO"
        case S_IFSOCK: return "socket"
        default: return nil
        }
    }

    /// Writes every byte to a character device, FIFO or socket that is already there: opened
    /// without creating or truncating (a FIFO's open waits for a reader, as a shell redirect does).
    public static func writeInPlace(_ bytes: [UInt8], to path: String) throws(CommandFailure) {
        var fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        if fd < 0 && errno == ENXIO { fd = connectSocket(path) }   // open(2) cannot open a socket
        guard fd >= 0 else { throw CommandFailure("\(SafeText.line(path)): cannot open: \(JournalError.describe(errno: errno)); nothing was written", exitCode: cannotCreate) }
        defer { close(fd) }
        // Between the look and the open something else may have been put there: never write a
        // regular file this way (it would not be atomic, nor truncated).
        var info = stat()
        if fstat(fd, &info) == 0, specialKind(info.st_mode & S_IFMT) == nil {
            throw refuse(path, "it changed while being opened")
        }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress! + done, raw.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw CommandFailure("\(SafeText.line(path)): write failed: \(JournalError.describe(errno: n < 0 ? errno : EIO))", exitCode: 74)
            }
            done += n
        }
    }

    private static func connectSocket(_ path: String) -> Int32 {
        for kind in [Int32(SOCK_STREAM.rawValue), Int32(SOCK_DGRAM.rawValue)] {
            let fd = socket(AF_UNIX, kind | Int32(SOCK_CLOEXEC.rawValue), 0)
            if fd < 0 { return -1 }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { close(fd); errno = ENAMETOOLONG; return -1 }
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (i, b) in bytes.enumerated() { raw[i] = b }
            }
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            if connected == 0 { return fd }
            let saved = errno
            close(fd)
            if saved != EPROTOTYPE { errno = saved; return -1 }
        }
        return -1
    }

    private static func refuse(_ path: String, _ why: String) -> CommandFailure {
        CommandFailure("\(SafeText.line(path)): cannot write here: \(why); nothing was written", exitCode: cannotCreate)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
