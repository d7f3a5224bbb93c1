import Foundation
import MaracApp
import MaracTestSupport
import Testing

/// Issue 19: writing onto a special file must never destroy it. The atomic writer's rename over
/// `/dev/null` (as root) replaced the device with a regular file; these point `--dump-screen`, and
/// the writer every export and report uses, at nodes made in a private folder (never at /dev/null).
@Suite("safe outputs: devices, FIFOs, sockets and links are never replaced")
struct SafeOutputTests {
    /// A demo run that draws one screen and stops (the script ends after one key).
    func demo(dumpingTo path: String, in dir: TempFolder) throws -> CLIRun {
        try "4".write(toFile: dir.file("one.keys"), atomically: true, encoding: .utf8)
        return try marac(["demo", "--keys", dir.file("one.keys"), "--dump-screen", path], home: dir.path)
    }

    /// Waits for the FIFO's reader; if marac never opened the FIFO, opens it once so the reader ends.
    func unblock(_ fifo: String, _ done: DispatchSemaphore) {
        if done.wait(timeout: .now() + 30) == .success { return }
        Issue.record("nothing was written to the FIFO")
        let fd = open(fifo, O_WRONLY | O_NONBLOCK)
        if fd >= 0 { close(fd) }
        _ = done.wait(timeout: .now() + 5)
    }

    @Test("--dump-screen to a FIFO: the reader gets the screen, and the FIFO is still a FIFO")
    func fifo() throws {
        let dir = try TempFolder()
        let fifo = dir.file("screen.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = DataBox()
        let done = DispatchSemaphore(value: 0)
        Thread {
            if let handle = FileHandle(forReadingAtPath: fifo) { received.data = handle.readDataToEndOfFile() }
            done.signal()
        }.start()
        let run = try demo(dumpingTo: fifo, in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        unblock(fifo, done)
        #expect(fileType(fifo) == S_IFIFO)
        #expect(String(decoding: received.data, as: UTF8.self).contains("NV-"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test("--dump-screen to a character device made with mknod: still a device afterwards")
    func characterDevice() throws {
        let dir = try TempFolder()
        let node = dir.file("null-copy")
        // A second node for the null device (its numbers read from /dev/null's metadata, which is
        // only looked at): writing to it is harmless. Needs root, as CI is.
        var null = stat()
        try #require(stat("/dev/null", &null) == 0)
        guard mknod(node, S_IFCHR | 0o666, null.st_rdev) == 0 else {
            Issue.record("mknod failed (\(String(cString: strerror(errno)))): this test needs root, as CI runs it")
            return
        }
        let run = try demo(dumpingTo: node, in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(fileType(node) == S_IFCHR)
        var info = stat()
        #expect(stat(node, &info) == 0 && info.st_rdev == null.st_rdev)
    }

    @Test("a socket is written through a connection, not replaced")
    func socketInPlace() throws {
        let dir = try TempFolder()
        let path = dir.file("out.sock")
        let server = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(server) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in for (i, b) in path.utf8.enumerated() { raw[i] = b } }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(server, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0 && listen(server, 1) == 0)
        let received = DataBox()
        let done = DispatchSemaphore(value: 0)
        Thread {
            let client = accept(server, nil, nil)
            var buffer = [UInt8](repeating: 0, count: 4096)
            while client >= 0 {
                let n = read(client, &buffer, buffer.count)
                if n <= 0 { break }
                received.data.append(contentsOf: buffer[0..<n])
            }
            if client >= 0 { close(client) }
            done.signal()
        }.start()
        try AtomicFile.write(Array("minutes\n".utf8), to: path)
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(String(decoding: received.data, as: UTF8.self) == "minutes\n")
        #expect(fileType(path) == S_IFSOCK)
    }

    @Test("a link into another folder is refused (exit 73) and its target untouched; a link in its own folder keeps being a link")
    func symbolicLinks() throws {
        let dir = try TempFolder()
        let elsewhere = try TempFolder()
        let target = elsewhere.file("precious.txt")
        try "keep me\n".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.file("away.txt"), withDestinationPath: target)
        let away = try demo(dumpingTo: dir.file("away.txt"), in: dir)
        #expect(away.status == 73)
        #expect(away.stderr.contains("away.txt") && away.stderr.contains("symbolic link into another folder"), "\(away.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me\n")
        #expect(fileType(dir.file("away.txt")) == S_IFLNK)

        try "old\n".write(toFile: dir.file("real.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.file("near.txt"), withDestinationPath: "real.txt")
        let near = try demo(dumpingTo: dir.file("near.txt"), in: dir)
        #expect(near.status == 0, "\(near.stderr)")
        #expect(fileType(dir.file("near.txt")) == S_IFLNK)
        #expect(try String(contentsOfFile: dir.file("real.txt"), encoding: .utf8).contains("NV-"))

        // A dangling link is not followed either.
        try FileManager.default.createSymbolicLink(atPath: dir.file("dangling.txt"), withDestinationPath: elsewhere.file("missing"))
        #expect(try demo(dumpingTo: dir.file("dangling.txt"), in: dir).status == 73)
        #expect(fileType(elsewhere.file("missing")) == nil)
    }

    @Test("a regular file is still replaced whole (mode 0600); a folder is refused with exit 73")
    func regularFileAndFolder() throws {
        let dir = try TempFolder()
        try "old\n".write(toFile: dir.file("screen.txt"), atomically: true, encoding: .utf8)
        let run = try demo(dumpingTo: dir.file("screen.txt"), in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.file("screen.txt"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: dir.file("screen.txt"), encoding: .utf8).contains("NV-"))
        try FileManager.default.createDirectory(atPath: dir.file("folder"), withIntermediateDirectories: false)
        let folder = try demo(dumpingTo: dir.file("folder"), in: dir)
        #expect(folder.status == 73, "\(folder.stderr)")
    }

    @Test("report --out and export use the same writer: a FIFO given to report --out stays a FIFO")
    func reportToFifo() throws {
        let dir = try TempFolder()
        let fifo = dir.file("report.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = DataBox()
        let done = DispatchSemaphore(value: 0)
        Thread {
            if let handle = FileHandle(forReadingAtPath: fifo) { received.data = handle.readDataToEndOfFile() }
            done.signal()
        }.start()
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples").path
        let run = try marac(["report", samples, "--quarter", "2026Q1", "--format", "md", "--out", fifo], home: dir.path)
        unblock(fifo, done)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(fileType(fifo) == S_IFIFO)
        #expect(String(decoding: received.data, as: UTF8.self).contains("RESTRICTED"))
    }
}
