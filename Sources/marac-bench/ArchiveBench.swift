import Crypto
import Foundation
import MaracApp
import MaracCore
import MaracJournal

/// The archive at scale: ten years of a fortnightly Marac (260 meetings, ~12,000 cases, ~36,000
/// actions) in one data folder. Times, in this process, what a coordinator runs over all of it —
/// `actions list`, `actions chase --agency all`, `report --from --to` — and what the start of
/// `marac run` on the next meeting does before its first frame (find the open actions to import),
/// against the floor: reading every file once and hashing each line, as the journal reader must.
enum ArchiveBench {
    /// The commands timed; `only` (for profiling one of them) skips the others but never the floor.
    enum Command: String, CaseIterable { case list, chase, report, start, phases }

    static func run(folder: String, meetings: Int, rounds: Int, only: Command? = nil) throws -> [Figure] {
        var summaryLine = ""
        if !FileManager.default.fileExists(atPath: (folder + "/" + ActionFolder.trackerFileName)) {
            try? FileManager.default.removeItem(atPath: folder)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            print("generating \(meetings) meetings in \(folder) (kept for the next run)…")
            let s = try SyntheticArchive.write(meetings: meetings, to: folder)
            summaryLine = "\(s.meetings) meetings, \(s.cases) cases, \(s.actions) actions, \(s.events) events"
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".jsonl") }.sorted()
        let bytes = files.reduce(0) { $0 + fileSize((folder + "/" + $1)) }
        print("archive: \(files.count) journals, \(bytes / 1_048_576) MiB\(summaryLine.isEmpty ? "" : "; " + summaryLine)"
              + "; one event is \(MemoryLayout<RecordedEvent>.stride) bytes in memory (MeetingEvent \(MemoryLayout<MeetingEvent>.size))")
        let out = NSTemporaryDirectory() + "marac-bench-chasers-\(getpid())"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: out) }
        let lastDate = try ActionFolder.load(folder: folder).actions.last?.action.meetingDate ?? CalendarDate(year: 2026, month: 1, day: 1)!

        var floor = Samples(), list = Samples(), chase = Samples(), report = Samples(), start = Samples()
        var phases = Phases()
        for _ in 0..<rounds {
            func timed(_ command: Command) -> Bool { only == nil || only == command }
            try floor.time { try hashFolder(folder, files) }
            if timed(.list) { try list.time { _ = try TrackActions.list(.init(folder: folder, on: lastDate.iso, width: 120)) } }
            if timed(.chase) {
                try chase.time { _ = try Chasers.write(.init(folder: folder, agency: "all", format: "csv", out: out, on: lastDate.iso)) }
            }
            if timed(.report) {
                report.time {
                    let r = MaracReportCommand.run(.init(folder: folder, from: "01/01/2016", to: lastDate.uk))
                    precondition(r.exitCode == 0, "report failed: \(r.stderr)")
                }
            }
            if timed(.start) { try start.time { _ = try OpenActions.load(folder: folder, passphrase: nil, excludingMeeting: "next-meeting") } }
            if only == .phases { try phases.time(folder, files) }
        }
        if only == .phases { phases.print(floor: floor) }
        let f = floor.median
        func figure(_ name: String, _ s: Samples) -> Figure {
            Figure(name: name, value: s, baselines: [("read+hash floor", f)], target: "< 1 s and ≤ 3× floor",
                   met: s.median < 1000 && s.median <= 3 * f)
        }
        let all = [
            (nil, "archive: read + SHA-256 every line (floor)", floor),
            (Command.list, "archive: actions list", list),
            (Command.chase, "archive: actions chase --agency all (csv)", chase),
            (Command.report, "archive: report --from --to (all of it)", report),
            (Command.start, "archive: run start (open actions to import)", start),
        ]
        // Processor time beside the wall clock: on a shared machine the wall clock says more about
        // the other processes than about this code; the processor-time ratio does not move with load.
        print("processor time (user + system, all threads), median: floor \(String(format: "%.1f", floor.cpuMedian)) ms"
              + all.dropFirst().filter { !$0.2.cpu.isEmpty }.map {
                  String(format: "; %@ %.1f ms (%.2f×)", $0.0!.rawValue, $0.2.cpuMedian, $0.2.cpuMedian / floor.cpuMedian)
              }.joined())
        return all.compactMap { command, name, samples in
            guard command != nil else { return Figure(name: name, value: samples, target: "—", met: nil) }
            return samples.values.isEmpty ? nil : figure(name, samples)
        }
    }

    /// Every file read once and every line hashed: what verifying the chains costs at the least.
    static func hashFolder(_ folder: String, _ files: [String]) throws {
        let results = Checksums(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            guard let data = FileManager.default.contents(atPath: (folder + "/" + files[i])) else { return }
            var x: UInt8 = 0
            data.withUnsafeBytes { raw in
                let p = raw.bindMemory(to: UInt8.self)
                var start = 0
                for j in 0..<p.count where p[j] == 0x0A {
                    x ^= SHA256.hash(data: UnsafeRawBufferPointer(rebasing: raw[start..<j])).withUnsafeBytes { $0[0] }
                    start = j + 1
                }
            }
            results.set(i, x)
        }
    }
}

/// Where a load of the folder spends its processor time (`--only phases`): each step is timed on its
/// own, cumulatively (each includes the steps before it).
struct Phases {
    var check = Samples(), read = Samples(), fold = Samples(), load = Samples()

    mutating func time(_ folder: String, _ files: [String]) throws {
        try check.time {
            DispatchQueue.concurrentPerform(iterations: files.count) { i in _ = try? JournalReader.verifyChain(path: folder + "/" + files[i]) }
        }
        try read.time { _ = try FolderJournals.read(folder: folder, passphrase: nil) }
        try fold.time {
            let journals = try FolderJournals.read(folder: folder, passphrase: nil)
            let meetings = journals.meetings
            DispatchQueue.concurrentPerform(iterations: meetings.count) { i in _ = MeetingState.fold(meetings[i].contents.events) }
        }
        try load.time { _ = try ActionFolder.load(folder: folder) }
    }

    func print(floor: Samples) {
        func r(_ s: Samples) -> String { String(format: "%.1f ms (%.2f×)", s.cpuMedian, s.cpuMedian / floor.cpuMedian) }
        Swift.print("phases, processor time (each includes the ones before): floor \(String(format: "%.1f", floor.cpuMedian)) ms; "
            + "read+check chains \(r(check)); + decode (FolderJournals.read) \(r(read)); + fold every meeting \(r(fold)); "
            + "ActionFolder.load \(r(load))")
    }
}

private final class Checksums: @unchecked Sendable {
    private var values: [UInt8]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: 0, count: count) }
    func set(_ i: Int, _ v: UInt8) { lock.lock(); values[i] = v; lock.unlock() }
}
