import Foundation
import Logging
import MaracCore
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

    /// A mock meeting: the sample's agenda (and outstanding actions) in a temporary journal, the live
    /// screen, then a scorecard. Returns the scorecard text and the journal path.
    public static func mock(_ sample: TrainingSample, options: MeetingSession.Options, logger: Logger) throws -> (scorecard: String, journal: String) {
        let folder = try makeTemporaryFolder(prefix: "marac-train")
        let path = folder + "/\(sample.name)-mock.jsonl"
        let setUp = sample.agendaOnly
        // A live mock starts now; a scripted one at the recorded meeting's own time, so it is repeatable.
        let at = options.keysFile == nil ? AppClock.wall.now : (setUp.last?.at ?? 0)
        let writer = try JournalWriter.create(path: path, kind: .meeting, id: "mock-\(sample.name)",
                                              events: setUp.map(\.event), at: at)
        let events = try JournalReader.read(path: path).events
        let session = MeetingSession(writer: writer, events: events, logger: logger)
        try session.run(options: options)
        let state = try MeetingState.fold(JournalReader.read(path: path).events)
        let end = options.keysFile == nil ? max(AppClock.wall.now, state.lastEventAt ?? 0) : (state.lastEventAt ?? at)
        let card = Scorecard.make(state, now: end)
        let text = card.text()
        try? AtomicFile.write(Array((text + "\n").utf8), to: path + ".scorecard.txt")
        return (text, path)
    }

    /// Replays a journal (or a shipped sample) read-only, driven by its recorded timing.
    public static func replay(path: String, speed: Int, pauseAtOverrun: Bool = false, options: MeetingSession.Options) throws -> ScreenBuffer? {
        try requireMeetingJournal(path)
        let contents: JournalContents
        do { contents = try JournalReader.read(path: path, passphrase: options.passphrase) }
        catch { throw CommandFailure(error.description, exitCode: error.exitStatus) }
        if contents.events.isEmpty { throw AppError("\(path) holds no events to replay") }
        return try ReplaySession.run(records: contents.events, speed: speed, pauseAtOverrun: pauseAtOverrun, options: options)
    }
}

/// Drives a `ReplayController`: headless from a key script on a manual clock, or in the terminal.
public enum ReplaySession {
    public static func run(records: [RecordedEvent], speed: Int, pauseAtOverrun: Bool = false,
                           options: MeetingSession.Options) throws -> ScreenBuffer? {
        let noWrites: (Effect) -> [Msg] = { _ in [] }
        if let keysFile = options.keysFile {
            let steps = try loadKeyScript(keysFile)
            let clock = ManualClock(start: 0)
            var replay = ReplayController(records: records, speed: speed, now: clock.now, pauseAtOverrun: pauseAtOverrun)
            let outcome = ScriptedRun.run(&replay, steps: steps, clock: clock, size: options.size, perform: noWrites)
            if let dump = options.dumpScreenFile { try writeScreenDump(outcome.screen, to: dump) }
            return outcome.screen
        }
        if options.screenReader, let last = records.last {
            // Read aloud, the replay is the meeting as recorded, to its last event: the commands
            // that read it work, and every change is refused as in the full-screen replay.
            let clock = ManualClock(start: last.at)
            let screen = MeetingScreen(meeting: Meeting(events: records), now: clock.now, mode: .readOnly,
                                       notices: [.notice("Replay, read-only: the meeting as recorded, to its last event. Nothing can be changed.", isError: false)])
            let final = SpokenRun.run(screen, clock: clock, perform: noWrites)
            if let dump = options.dumpScreenFile { try writeScreenDump(final.view(size: options.size), to: dump) }
            return nil
        }
        let clock = AppClock.wall
        let (theme, _) = ThemeLoader.loadForApp(name: options.themeName)
        var replay = ReplayController(records: records, speed: speed, now: clock.now, pauseAtOverrun: pauseAtOverrun)
        try runOnTerminal(&replay, theme: theme, clock: clock, dumpScreenFile: options.dumpScreenFile, perform: noWrites)
        return nil
    }
}
