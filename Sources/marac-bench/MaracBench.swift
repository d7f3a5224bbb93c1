import ArgumentParser
import Foundation
import MaracApp
import MaracCore
import MaracJournal

@main
struct MaracBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marac-bench",
        abstract: "Measures marac against its physical floors and peers (docs/PERFORMANCE.md).",
        discussion: """
        Build in release mode for figures that mean anything:
          swift run -c release marac-bench generate --events 100000 --out /tmp/bench-100k.jsonl
          swift run -c release marac-bench run --journal /tmp/bench-100k.jsonl
        """,
        subcommands: [Generate.self, Run.self, Archive.self, Load.self, Render.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a valid synthetic journal of N events shaped like real meetings.")
        @Option(help: "Number of events.") var events: Int = 100_000
        @Option(help: "Where to write the journal (must not exist).") var out: String

        func run() throws {
            guard events > 0 else { throw ValidationError("--events must be at least 1") }
            try SyntheticJournal.write(count: events, to: out)
            print("wrote \(events) events to \(out) (\(fileSize(out) / 1_048_576) MiB)")
        }
    }

    /// Used by `run` to measure peak memory in a process of its own.
    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open, verify and fold a journal (for the memory figure).", shouldDisplay: false)
        @Argument var journal: String
        func run() throws {
            let contents = try JournalReader.read(path: journal)
            let state = MeetingState.fold(contents.events)
            print("\(contents.events.count) events, \(state.cases.count) cases, \(state.actions.count) actions")
            print("peak resident KiB: \(peakResidentKiB())")
        }
    }

    /// The render figures alone (for profiling under callgrind).
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Render frames only (for profiling).", shouldDisplay: false)
        @Option(help: "Frames to render.") var frames: Int = 200
        func run() throws {
            for f in try RenderBench.run(frames: frames) { print(f.line()) }
        }
    }

    struct Archive: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The archive figure: actions list, chase, report and run start over 260 meetings, against reading and hashing the folder.")
        @Option(help: "The archive folder (generated there if it has no tracker yet, and kept).") var folder: String = "/tmp/marac-bench-archive-260"
        @Option(help: "Meetings to generate.") var meetings: Int = 260
        @Option(help: "Rounds of each figure.") var rounds: Int = 5
        @Option(help: "Time only this command beside the floor (list, chase, report, start), e.g. under a profiler; phases: where a load of the folder spends its time.")
        var only: String?
        func run() throws {
            var command: ArchiveBench.Command?
            if let only {
                guard let c = ArchiveBench.Command(rawValue: only) else { throw BenchError("--only: one of list, chase, report, start, phases") }
                command = c
            }
            for f in try ArchiveBench.run(folder: folder, meetings: meetings, rounds: rounds, only: command) { print(f.line()) }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every figure beside its baseline, measured in this run.")
        @Option(help: "A 100,000-event journal (generated there if missing).") var journal: String = "/tmp/marac-bench-100k.jsonl"
        @Option(help: "Appends to time.") var appends: Int = 300
        @Option(help: "Rounds of the load benchmark.") var rounds: Int = 5
        @Option(help: "Frames to render.") var frames: Int = 1000

        func run() throws {
            let folder = NSTemporaryDirectory() + "marac-bench-\(getpid())"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            if !FileManager.default.fileExists(atPath: journal) {
                print("generating \(journal) (100,000 events)…")
                try SyntheticJournal.write(count: 100_000, to: journal)
            }
            print("marac-bench: \(ProcessInfo.processInfo.activeProcessorCount) cores, journal \(fileSize(journal) / 1_048_576) MiB")
            var figures: [Figure] = []
            figures += try RenderBench.run(frames: frames)
            figures += try AppendBench.run(iterations: appends, folder: folder)
            figures += try LoadBench.run(path: journal, rounds: rounds)
            figures.append(try LoadBench.memory(path: journal))
            figures += try StartupBench.run(rounds: 10)
            for f in figures { print(f.line()) }
        }
    }
}
