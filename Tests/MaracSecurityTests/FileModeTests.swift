#if canImport(Glibc)
import MaracTestSupport
import Glibc
#endif
import Foundation
import MaracApp
import MaracCore
import MaracJournal
import Testing

/// Every file marac writes is 0600 and every folder it makes 0700, even under `umask 000`
/// (a shared machine's most careless setting): journals, trackers, exports, reports, torn-tail
/// copies, screen dumps, scorecards, logs, demo and training folders.
@Suite("File modes", .serialized)
struct FileModeTests {
    func mode(_ path: String) -> mode_t {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0 }
        return info.st_mode & 0o777
    }

    /// Every path under `root`, depth first.
    func walk(_ root: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root) else { return [] }
        return names.flatMap { name -> [String] in
            let path = root + "/" + name
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            return [path] + (isDir.boolValue ? walk(path) : [])
        }
    }

    @Test("every command under umask 000: files 0600, folders 0700, no temporary files left")
    func everyWriterUnderAnOpenUmask() throws {
        let dir = try TempFolder()
        let made = dir.file("made")   // everything marac writes goes under here
        let inputs = dir.file("inputs")
        try FileManager.default.createDirectory(atPath: made, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        try write(Secret.agenda, to: inputs + "/agenda.csv")
        try write(Secret.keys, to: inputs + "/steps.keys")
        try write("4", to: inputs + "/one.keys")
        let env = ["MARAC_DATA_DIR": made + "/data", "TMPDIR": made]
        func ok(_ args: [String], passphrase: String? = nil) throws {
            let r = try marac(args, passphrase: passphrase, umask: "000", environment: env, folder: dir.path)
            #expect(r.status == 0, "marac \(args.joined(separator: " ")): \(r.stderr)")
        }

        // A plain meeting in a data folder that does not exist yet (made, with its parent, by marac new;
        // a folder named by --out must exist, but the data folder is marac's own).
        let journal = made + "/meetings/2026/2026-12-01-modevale.jsonl"
        try ok(["new", "--agenda", inputs + "/agenda.csv", "--date", "01/12/2026", "--area", "Modevale", "--chair", "Ann C",
                "--data-dir", made + "/meetings/2026"])
        try ok(["run", journal, "--keys", inputs + "/steps.keys", "--dump-screen", made + "/dump.txt", "--data-dir", made + "/logs"])
        // An encrypted one beside it.
        let sealed = made + "/meetings/2026/sealed.jsonl"
        try ok(["new", "--agenda", inputs + "/agenda.csv", "--date", "02/12/2026", "--area", "Sealvale", "--chair", "Ann C",
                "--out", sealed, "--encrypt"], passphrase: "pw")
        // A torn tail, then a resume that sets it aside.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: journal))
        try handle.seekToEnd(); try handle.write(contentsOf: Data("{\"seq\":99,\"t\":1,\"ev".utf8)); try handle.close()
        // (The folder now holds an encrypted meeting too, whose open actions `run` reads.)
        try ok(["run", journal, "--keys", inputs + "/one.keys"], passphrase: "pw")
        #expect(FileManager.default.fileExists(atPath: journal + ".torn-1"))

        try ok(["export", journal, "--format", "html", "--out", made + "/exports"])
        try ok(["export", journal, "--format", "csv", "--out", made + "/exports/packs", "--agency", "all"])
        let state = MeetingState.fold(try JournalReader.read(path: journal).events)
        let actionID = try #require(state.actions.first?.id)
        try ok(["actions", made + "/meetings/2026", "done", actionID, "--note", "Fitted"], passphrase: "pw")
        #expect(FileManager.default.fileExists(atPath: made + "/meetings/2026/tracker.jsonl"))
        try ok(["report", made + "/meetings/2026", "--quarter", "2026Q4", "--format", "md", "--out", made + "/q4.md"], passphrase: "pw")
        try ok(["train", "historical-overrun", "--write", made + "/recordings"])
        try ok(["train", "historical-overrun", "--keys", inputs + "/one.keys"])
        try ok(["demo", "--keys", inputs + "/one.keys", "--dump-screen", made + "/demo.txt"])

        let all = walk(made)
        #expect(all.count > 15, "\(all)")
        for path in all {
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            let want: mode_t = isDir.boolValue ? 0o700 : 0o600
            #expect(mode(path) == want, "\(path) is mode \(String(mode(path), radix: 8)), not \(String(want, radix: 8))")
            let name = URL(fileURLWithPath: path).lastPathComponent
            #expect(!name.contains(".tmp-") && !name.contains(".creating-"), "a temporary file was left: \(path)")
        }
        for expected in ["dump.txt", "demo.txt", "q4.md", "logs/marac.log", "exports", "exports/packs", "recordings"] {
            #expect(FileManager.default.fileExists(atPath: made + "/" + expected), "\(expected) was not written")
        }
        #expect(all.contains { $0.hasSuffix("-scorecard.txt") } && all.contains { $0.hasSuffix("-scorecard.html") }, "the training scorecard was not written")
    }

    @Test("a failed export or journal create leaves no temporary file behind")
    func temporaryFilesRemovedOnError() throws {
        let dir = try TempFolder()
        for (operation, code) in [(FaultyFileIO.Operation.write, ENOSPC), (.write, EIO), (.fdatasync, EIO)] {
            let faulty = FaultyFileIO()
            faulty.injectNext(operation, errno: code)
            #expect(throws: JournalError.self) {
                try JournalWriter.create(path: dir.file("j.jsonl"), kind: .meeting, id: "x", events: [], at: 0, fileIO: faulty)
            }
        }
        let faulty = FaultyFileIO()
        faulty.injectNext(.write, errno: ENOSPC)
        #expect(throws: CommandFailure.self) { try AtomicFile.write(Array("minutes".utf8), to: dir.file("minutes.md"), fileIO: faulty) }
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(left.isEmpty, "left behind: \(left)")
    }
}
