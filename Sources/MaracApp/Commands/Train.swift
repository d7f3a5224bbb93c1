import Foundation
import Logging
import MaracCore
import MaracExport
import MaracJournal
import MaracTerminal
import MaracUI

/// Trainer mode: replay a recorded meeting, or run a mock meeting on a sample's agenda and score it.
public enum Training {
    /// The samples' names, for shell completion, without building the samples (a test checks they match).
    public static let sampleNames = ["well-run", "historical-overrun", "vague-actions", "repeat-heavy"]

    /// One line per sample: name, then a one-line description.
    public static func list() -> String {
        let width = (TrainingSample.all.map(\.name.count).max() ?? 0) + 2
        return TrainingSample.all.map { $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + $0.description }
            .joined(separator: "\n")
    }

    public static func sample(_ name: String) throws -> TrainingSample {
        guard let s = TrainingSample.named(name) else {
            throw CommandFailure("no sample called '\(name)'. The samples are: \(TrainingSample.all.map(\.name).joined(separator: ", "))",
                                 exitCode: ExitStatus.usage)
        }
        return s
    }

    /// Writes a sample's recording to a new journal (so it can be replayed, exported, verified).
    public static func writeRecording(_ sample: TrainingSample, to path: String) throws {
        let records = sample.records
        let writer = try JournalWriter.create(path: path, kind: .meeting, id: MeetingState.fold(records).info.id,
                                              events: [records[0].event], at: records[0].at)
        defer { writer.close() }
        // One append per event keeps each event's recorded time (a replay runs on them).
        for r in records.dropFirst() { _ = try writer.append([r.event], at: r.at) }
    }

    /// What a mock meeting leaves behind: its scorecard (and comparison), and the files written.
    public struct MockResult {
        public var scorecard: Scorecard
        public var comparison: RunComparison?
        public var journal: String
        /// Every file written, journal first: what the exit message names.
        public var files: [String]

        /// The text printed when the mock ends: the scorecard, the comparison, then where the files
        /// are; wrapped at whole words to `width` (the terminal's, when known).
        public func report(width: Int = 80) -> String {
            var out = [scorecard.text(width: width)]
            if let comparison { out += ["", comparison.text(width: width)] }
            // A path is never broken: copied from the terminal, it must still name the file.
            out += ["", "Saved (TRAINING, fictional cases):"] + files.map { "  \($0)" }
            return out.joined(separator: "\n")
        }
    }

    /// The files a mock on `sample` writes into `folder`, journal first.
    public static func mockFiles(_ sample: TrainingSample, in folder: String, compare: Bool) -> [String] {
        let base = URL(fileURLWithPath: folder).appendingPathComponent(sample.name).path
        var files = [base + "-mock.jsonl", base + "-scorecard.txt", base + "-scorecard.html"]
        if compare { files += [base + "-compare.txt", base + "-compare.html"] }
        return files
    }

    /// A mock meeting: the sample's agenda (and outstanding actions) in a new journal marked as
    /// training (the TRAINING banner on every screen and export), the live screen, then the scorecard
    /// (text and HTML) and, with `compare`, the trainee's run beside the recorded one. Everything goes
    /// into `out` (made if need be, inside a folder that exists), or a new temporary folder; a file already there is never replaced.
    public static func mock(_ sample: TrainingSample, options: MeetingSession.Options, logger: Logger,
                            out: String? = nil, trainee: String? = nil, compare: Bool = false) throws -> MockResult {
        let folder: String
        if let out {
            try AtomicFile.makeOutputFolder(out)
            folder = out
        } else {
            folder = try makeTemporaryFolder(prefix: "marac-train")
        }
        let files = mockFiles(sample, in: folder, compare: compare)
        if let taken = files.first(where: { FileManager.default.fileExists(atPath: $0) || isSymlink($0) }) {
            throw CommandFailure("\(taken) already exists: choose another --out folder (nothing was written)", exitCode: ExitStatus.cannotCreate)
        }
        let path = files[0]
        let setUp = sample.agendaOnly.map { step -> (at: Int64, event: MeetingEvent) in
            guard case .meetingCreated(var info, let rules) = step.event else { return step }
            info.training = true
            return (step.at, .meetingCreated(info: info, rules: rules))
        }
        // A live mock starts now; a scripted one at the recorded meeting's own time, so it is repeatable.
        let at = options.keysFile == nil ? AppClock.wall.now : (setUp.last?.at ?? 0)
        let writer = try JournalWriter.create(path: path, kind: .meeting, id: "mock-\(sample.name)",
                                              events: setUp.map(\.event), at: at)
        let events = try JournalReader.read(path: path).events
        let session = MeetingSession(writer: writer, events: events, logger: logger)
        var options = options
        options.mockScorecardFolder = folder
        try session.run(options: options)
        let state = try MeetingState.fold(JournalReader.read(path: path).events)
        // Up to the moment the trainee quit (an unclosed discussion counts its time so far).
        let end = max(session.endedAt ?? at, state.lastEventAt ?? at)
        let card = Scorecard.make(state, now: end, sample: sample.name, trainee: trainee)
        var written: [(path: String, bytes: [UInt8])] = [
            (files[1], Array((card.text() + "\n").utf8)), (files[2], Array(TrainingDocuments.scorecardHTML(card).utf8)),
        ]
        var comparison: RunComparison?
        if compare {
            let recorded = sample.records
            let c = RunComparison.make(sample: sample.name, trainee: trainee, yours: state, yoursNow: end,
                                       recorded: MeetingState.fold(recorded), recordedNow: recorded.last?.at ?? 0)
            written += [(files[3], Array((c.text() + "\n").utf8)), (files[4], Array(TrainingDocuments.comparisonHTML(c).utf8))]
            comparison = c
        }
        try AtomicFile.writeAll(written)
        return MockResult(scorecard: card, comparison: comparison, journal: path, files: files)
    }

    private static func isSymlink(_ path: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }
}
