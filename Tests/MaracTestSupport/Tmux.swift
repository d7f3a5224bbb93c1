import Foundation

/// Shared by the end-to-end and security tests (a library target, so there is one copy).
///
/// The real `marac` binary in a real pseudo-terminal, driven through tmux : type keys
/// with send-keys, read the screen with capture-pane, poll with a deadline (never sleep to sync).
public final class TmuxSession {
    public let socket: String
    public let target = "e2e"
    public private(set) var cols: Int
    public private(set) var rows: Int

    public static var isAvailable: Bool { which("tmux") != nil }

    /// Starts `command` (run by /bin/sh) in a detached session of the given size. The pane stays
    /// after the program exits, so the test can still read the screen and the exit status.
    public init(command: String, cols: Int = 80, rows: Int = 24, environment: [String: String] = [:]) throws {
        self.socket = "marac-e2e-\(UUID().uuidString.prefix(8))"
        self.cols = cols
        self.rows = rows
        var env = ["LC_ALL": "C.UTF-8", "TERM": "xterm-256color"]
        env.merge(environment) { $1 }
        let exports = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(shellQuote($0.value))" }.joined(separator: " ")
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", target, "-x", "\(cols)", "-y", "\(rows)",
                  "env \(exports) sh -c \(shellQuote(command)); sleep 600"])
        // A status line would take a row from the application.
        try tmux(["set-option", "-t", target, "status", "off"])
        try tmux(["set-option", "-t", target, "remain-on-exit", "on"])
        try tmux(["resize-window", "-t", target, "-x", "\(cols)", "-y", "\(rows)"])
    }

    private var closed = false

    /// Closes the terminal as a user closing the window would: the server and its pty go away, and
    /// nothing is killed by pid (tests of what the program does on its own then).
    public func closeTerminal() throws {
        closed = true
        try tmux(["kill-server"])
    }

    deinit {
        if closed { return }
        // kill-server alone has been seen to leave the server polling with its pane alive, so the
        // pane's process and the server are also ended by pid (both started by this session).
        let pids = (try? tmux(["display-message", "-p", "-t", target, "#{pane_pid} #{pid}"]))?
            .split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? []
        _ = try? tmux(["kill-server"])
        for pid in pids where pid > 1 { kill(pid, SIGKILL) }
    }

    /// Keys in tmux notation: "Enter", "Tab", "BTab", "Escape", "F12", "C-b", "Up"...
    public func press(_ keys: String...) throws { try tmux(["send-keys", "-t", target] + keys) }

    /// Bytes exactly as given (`send-keys -H`), whatever tmux's own key table would send.
    public func sendRaw(_ bytes: String) throws {
        try tmux(["send-keys", "-t", target, "-H"] + bytes.utf8.map { String($0, radix: 16) })
    }

    /// Loads a file into tmux's paste buffer.
    public func loadBuffer(_ path: String) throws { try tmux(["load-buffer", path]) }

    /// Pastes the buffer as a terminal pastes: bracketed (`-p`) when the program asked for it.
    public func pasteBuffer() throws { try tmux(["paste-buffer", "-p", "-t", target]) }

    /// Literal text, typed as is.
    public func type(_ text: String) throws { try tmux(["send-keys", "-t", target, "-l", text]) }

    public func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", target]) }

    public func resize(cols: Int, rows: Int) throws {
        self.cols = cols; self.rows = rows
        try tmux(["resize-window", "-t", target, "-x", "\(cols)", "-y", "\(rows)"])
    }

    /// Polls the screen until `predicate` holds or the deadline passes; returns the matching screen.
    @discardableResult
    public func waitFor(_ what: String, timeout: Double = 20, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = (try? screen()) ?? ""
            if predicate(last) { return last }
            usleep(50_000)
        }
        throw E2EFailure("timed out after \(Int(timeout))s waiting for \(what). Screen was:\n\(last)")
    }

    @discardableResult
    public func waitFor(text: String, timeout: Double = 20) throws -> String {
        try waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    /// The pid of the program running in the pane (the shell wrapping it).
    public func panePID() throws -> Int32 {
        Int32(try tmux(["display-message", "-p", "-t", target, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @discardableResult
    private func tmux(_ args: [String]) throws -> String {
        try run("tmux", ["-L", socket] + args)
    }
}

public struct E2EFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

/// A tool started by `spawn` and not yet waited for; its stdout and stderr are in files.
public struct SpawnedProcess: Sendable {
    public var pid: pid_t
    public var outPath: String
    public var errPath: String
}

/// Starts a tool with posix_spawn and returns at once: the ONE spawner of the test targets.
/// Output goes through temporary files, not pipes: a tmux server started by the first command
/// inherits its stdio, and a pipe held open by the daemon would never reach EOF. (Foundation's
/// Process also failed to reap tmux's client here.) Stdin is /dev/null.
public func spawn(_ tool: String, _ args: [String]) throws -> SpawnedProcess {
    let scratch = NSTemporaryDirectory() + "marac-run-" + UUID().uuidString
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, scratch + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, scratch + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv = ([tool] + args).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    // The test runner's threads block most signals, and a spawned process inherits the mask: a tmux
    // server started that way never handles kill-server, the programs in its panes would never see
    // SIGHUP or SIGTERM, and a killed `marac` would not stop. Start every tool with no signals
    // blocked and default dispositions.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t(), all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let rc = posix_spawnp(&pid, tool, &actions, &attributes, argv, environ)
    guard rc == 0 else {
        unlink(scratch + ".out")
        unlink(scratch + ".err")
        throw E2EFailure("cannot start \(tool): \(String(cString: strerror(rc)))")
    }
    return SpawnedProcess(pid: pid, outPath: scratch + ".out", errPath: scratch + ".err")
}

/// Waits for a spawned tool, polling with a deadline (a hung process is killed and fails the test
/// instead of hanging it), and returns its exit code (128 + the signal if one ended it) and output.
public func finish(_ p: SpawnedProcess, deadline seconds: Double = 120) throws -> (status: Int32, out: String, err: String) {
    let deadline = Date().addingTimeInterval(seconds)
    var status: Int32 = 0
    defer { unlink(p.outPath); unlink(p.errPath) }
    while true {
        let r = waitpid(p.pid, &status, WNOHANG)
        if r == p.pid { break }
        if r < 0 && errno != EINTR { throw E2EFailure("waitpid: \(String(cString: strerror(errno)))") }
        if Date() > deadline {
            kill(p.pid, SIGKILL)
            _ = waitpid(p.pid, &status, 0)
            throw E2EFailure("process \(p.pid) did not finish in \(Int(seconds)) s")
        }
        usleep(5_000)
    }
    let out = (try? String(contentsOfFile: p.outPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: p.errPath, encoding: .utf8)) ?? ""
    let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return (code, out, err)
}

/// Runs a tool to completion (`spawn`, then `finish`) and returns its stdout; a non-zero exit throws
/// with its stderr.
@discardableResult
public func run(_ tool: String, _ args: [String]) throws -> String {
    let r = try finish(try spawn(tool, args), deadline: 600)
    guard r.status == 0 else {
        throw E2EFailure("\(tool) \(args.joined(separator: " ")) failed (status \(r.status)): \(r.err)")
    }
    return r.out
}

/// The pid of the `marac` process whose command line mentions `needle` (e.g. its journal path).
public func processID(commandLineContaining needle: String) -> pid_t? {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    for entry in entries {
        guard let pid = pid_t(entry),
              let raw = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
        let args = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        if let exe = args.first, exe.hasSuffix("/marac"), args.contains(where: { $0.contains(needle) }) { return pid }
    }
    return nil
}

public func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

public func which(_ tool: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let path = "\(dir)/\(tool)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

/// The built `marac` binary: beside the test bundle in the build folder.
public enum Binary {
    public static var marac: String {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        for dir in candidates {
            var d = dir
            for _ in 0..<4 {
                let candidate = d.appendingPathComponent("marac").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                d = d.deletingLastPathComponent()
            }
        }
        return packageRoot.appendingPathComponent(".build/debug/marac").path
    }
}

/// A private temporary folder removed at the end of the test.
public final class TempFolder {
    public let path: String
    public init() throws {
        path = NSTemporaryDirectory() + "marac-test-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    public func file(_ name: String) -> String { path + "/" + name }
}
