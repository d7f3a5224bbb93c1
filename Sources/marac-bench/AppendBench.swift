import CSQLite3
import Crypto
import Foundation
import MaracApp
import MaracCore
import MaracJournal

/// Durable append of one event, against the physical floor (a bare write + fdatasync of the same
/// bytes) and against SQLite in WAL mode with synchronous=FULL inserting the same line.
enum AppendBench {
    static func run(iterations: Int, folder: String) throws -> [Figure] {
        let event = MeetingEvent.noteAdded(caseRef: "SY-1", agency: "Police", kind: .riskInformation,
                                           text: "Perpetrator on bail with a condition not to contact the victim or attend her address.")
        let journalPath = folder + "/append.jsonl"
        let writer = try JournalWriter.create(path: journalPath, kind: .meeting, id: "bench", events: [
            .meetingCreated(info: MeetingInfo(id: "bench", date: CalendarDate(year: 2026, month: 1, day: 6)!, area: "Bench", chair: "Bench"), rules: .national),
            .caseQueued(agendaCase: AgendaCase(caseRef: "SY-1", victim: "V", referringAgency: "Police", referralBasis: .actuarial), late: false),
        ], at: 1_767_690_000_000)
        defer { writer.close() }
        // The floor writes exactly the bytes of one of our lines.
        _ = try writer.append([event], at: 1_767_690_000_000)
        let line = try lastLine(of: journalPath)

        let floorFD = open(folder + "/floor.bin", O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard floorFD >= 0 else { throw BenchError("cannot open the floor file") }
        defer { close(floorFD) }

        var db: OpaquePointer?
        guard sqlite3_open(folder + "/peer.sqlite", &db) == SQLITE_OK else { throw BenchError("cannot open sqlite") }
        defer { sqlite3_close(db) }
        for sql in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "CREATE TABLE j(line TEXT NOT NULL)"] {
            guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw BenchError("sqlite: \(sql) failed") }
        }
        var insert: OpaquePointer?
        sqlite3_prepare_v2(db, "INSERT INTO j(line) VALUES(?)", -1, &insert, nil)
        defer { sqlite3_finalize(insert) }

        var ours = Samples(), floor = Samples(), sqlite = Samples()
        var t: Int64 = 1_767_690_000_000
        // Interleaved, so a noisy moment on the machine hits all three alike.
        for _ in 0..<iterations {
            t += 1000
            try ours.time { _ = try writer.append([event], at: t) }
            floor.time {
                line.withUnsafeBytes { buf in _ = write(floorFD, buf.baseAddress, buf.count) }
                fdatasync(floorFD)
            }
            sqlite.time {
                line.withUnsafeBytes { buf in _ = sqlite3_bind_text(insert, 1, buf.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buf.count), csqlite3_transient()) }
                _ = sqlite3_step(insert)
                sqlite3_reset(insert)
            }
        }
        return [
            Figure(name: "append: bare write+fdatasync (floor)", value: floor, target: "the floor", met: nil),
            Figure(name: "append: sqlite3 WAL synchronous=FULL (peer)", value: sqlite, baselines: [("floor", floor.median)],
                   target: "peer", met: nil),
            Figure(name: "append: marac journal, one event", value: ours,
                   baselines: [("floor", floor.median), ("sqlite3", sqlite.median)],
                   target: "≤ 1.5× floor and < sqlite3", met: ours.median <= 1.5 * floor.median && ours.median < sqlite.median),
        ]
    }

    static func lastLine(of path: String) throws -> [UInt8] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let bytes = [UInt8](data)
        let end = bytes.count - 1
        var start = end - 1
        while start >= 0 && bytes[start] != 0x0A { start -= 1 }
        return Array(bytes[(start + 1)...end])
    }
}

/// Open + verify + fold a large journal, against hashing every line alone (the floor), a Python
/// loop doing json.loads + sha256 per line, and `jq -c .` merely parsing it.
enum LoadBench {
    static func run(path: String, rounds: Int) throws -> [Figure] {
        var ours = Samples(), read = Samples(), fold = Samples(), floor = Samples(), python = Samples(), jq = Samples()
        var checksum = 0
        let py = "import json,hashlib,sys\nfor line in open(sys.argv[1],'rb'):\n    json.loads(line); hashlib.sha256(line).digest()\n"
        // Interleaved rounds: each round runs every contender once, so a noisy moment hits all alike.
        for _ in 0..<rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            let contents = try JournalReader.read(path: path)
            let decoded = DispatchTime.now().uptimeNanoseconds
            let state = MeetingState.fold(contents.events)
            let end = DispatchTime.now().uptimeNanoseconds
            checksum &+= state.actions.count &+ state.cases.count
            read.values.append(Double(decoded - start) / 1e6)
            fold.values.append(Double(end - decoded) / 1e6)
            ours.values.append(Double(end - start) / 1e6)

            floor.time {
                // Read the file and SHA-256 each line: what verifying the chain cannot go below.
                let bytes = (try? PosixFileIO().readFile(path)) ?? []
                bytes.withUnsafeBytes { raw in
                    var start = 0
                    for i in 0..<raw.count where raw[i] == 0x0A {
                        let digest = SHA256.hash(data: UnsafeRawBufferPointer(rebasing: raw[start..<i]))
                        checksum &+= Int(digest.withUnsafeBytes { $0[0] })
                        start = i + 1
                    }
                }
            }
            // The peers run as processes of their own: their figures include starting python3 / jq
            // (tens of milliseconds), which is what a user running them would wait for too.
            python.values.append(try runMeasured("python3", ["-c", py, path]).millis)
            jq.values.append(try runMeasured("jq", ["-c", ".", path]).millis)
        }
        if checksum == 42 { print("") }   // keeps the work observable to the optimiser
        return [
            Figure(name: "load: read file + SHA-256 every line (floor)", value: floor, target: "the floor", met: nil),
            Figure(name: "load: python json.loads+sha256 loop (peer)", value: python, baselines: [("floor", floor.median)], target: "peer", met: nil),
            Figure(name: "load: jq -c . (peer)", value: jq, baselines: [("floor", floor.median)], target: "peer", met: nil),
            Figure(name: "load: marac read+verify+decode (part)", value: read, baselines: [("floor", floor.median)], target: "—", met: nil),
            Figure(name: "load: marac fold (part)", value: fold, baselines: [("floor", floor.median)], target: "—", met: nil),
            Figure(name: "load: marac open+verify+fold", value: ours,
                   baselines: [("floor", floor.median), ("python", python.median), ("jq", jq.median)],
                   target: "≤ 0.5× python, ≤ 2.5× floor, < jq",
                   met: ours.median * 2 <= python.median && ours.median <= 2.5 * floor.median && ours.median < jq.median),
        ]
    }

    /// Peak memory of a separate process that loads the journal, against the file size. The child
    /// reports its own high-water mark (VmHWM): the rusage of a posix_spawn'd child is no good
    /// here, as Linux folds the parent's peak into it when the child replaces the shared image.
    static func memory(path: String) throws -> Figure {
        let report = NSTemporaryDirectory() + "marac-bench-load-\(getpid()).txt"
        defer { try? FileManager.default.removeItem(atPath: report) }
        var samples = Samples()
        for _ in 0..<3 {
            let result = try runMeasured(executableFolder + "/marac-bench", ["load", path], stdoutTo: report)
            guard result.status == 0 else { throw BenchError("marac-bench load failed (status \(result.status))") }
            let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("peak resident KiB: ") }),
                  let kib = Double(line.dropFirst("peak resident KiB: ".count)) else {
                throw BenchError("marac-bench load did not report its peak memory")
            }
            samples.values.append(kib / 1024)
        }
        let size = Double(fileSize(path)) / 1_048_576
        // Judged on the worst of the runs.
        return Figure(name: "load: peak memory of `marac-bench load`", value: samples, baselines: [("file size", size)],
                      target: "< 2× file + 32 MiB", met: samples.percentile(100) < 2 * size + 32, unit: "MiB")
    }
}
