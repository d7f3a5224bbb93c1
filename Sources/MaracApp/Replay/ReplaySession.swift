import Foundation
import MaracCore
import MaracJournal
import MaracTerminal
import MaracUI

/// How a replay runs: its speed, where it stops by itself, and the trainer's notes.
public struct ReplayPlan: Sendable {
    public var speed: Int
    public var stops: Set<ReplayStop>
    /// The trainer's notes file to read (nil: none), and to add bookmarks to when `bookmarks` is true.
    public var notesFile: String?
    /// Whether `b` may write to `notesFile`; a shipped sample's notes are never changed.
    public var bookmarks: Bool

    public init(speed: Int = 1, stops: Set<ReplayStop> = [], notesFile: String? = nil, bookmarks: Bool = true) {
        self.speed = speed; self.stops = stops; self.notesFile = notesFile; self.bookmarks = bookmarks
    }
}

extension Training {
    /// Replays a journal read-only, driven by its recorded timing, with the trainer's notes beside it
    /// (`NAME.notes.yaml`, or `plan.notesFile`). A bad notes file stops it before anything is drawn.
    public static func replay(path: String, plan: ReplayPlan, options: MeetingSession.Options) throws -> ScreenBuffer? {
        try requireMeetingJournal(path)
        let contents: JournalContents
        do { contents = try JournalReader.read(path: path, passphrase: options.passphrase) }
        catch { throw CommandFailure(error.description, exitCode: error.exitStatus) }
        if contents.events.isEmpty { throw AppError("\(path) holds no events to replay") }
        var plan = plan
        // A notes file named with --notes that is not there yet is not an error (`b` creates it),
        // but the trainer is told at once: a mistyped name would otherwise show a class no notes.
        var notice: String?
        if let named = plan.notesFile, !FileManager.default.fileExists(atPath: named) {
            notice = "No trainer's notes at \(named) yet: b bookmarks a moment there (check the name if you expected notes)"
        }
        if plan.notesFile == nil { plan.notesFile = ReplayNotesFile.path(forJournal: path) }
        return try ReplaySession.run(records: contents.events, plan: plan, options: options, notice: notice)
    }

    /// Replays a shipped sample, with its shipped notes when they can be found. Bookmarks are
    /// refused: the shipped files are not the trainer's to change.
    public static func replaySample(_ sample: TrainingSample, plan: ReplayPlan, options: MeetingSession.Options) throws -> ScreenBuffer? {
        var plan = plan
        plan.notesFile = plan.notesFile ?? shippedSampleFile("\(sample.name).notes.yaml")
        plan.bookmarks = false
        return try ReplaySession.run(records: sample.records, plan: plan, options: options)
    }
}

/// A file of the shipped `samples/` folder: installed (`share/marac/samples`), or the repository's
/// seen from a build folder (`.build/<triple>/<config>/marac`).
func shippedSampleFile(_ name: String) -> String? {
    let bin = URL(fileURLWithPath: MaracResources.executablePath).deletingLastPathComponent()
    let folders = MaracResources.folders().map { $0 + "/samples" }
        + [bin.appendingPathComponent("../../../samples").standardized.path, bin.appendingPathComponent("../../samples").standardized.path]
    return folders.map { $0 + "/" + name }.first { FileManager.default.isReadableFile(atPath: $0) }
}

/// Drives a `ReplayController`: headless from a key script on a manual clock, or in the terminal.
/// The only effect it carries out is `b`'s bookmark, written to the notes file.
public enum ReplaySession {
    /// `notice`: a line for the status bar as the replay opens (a named notes file that is not there).
    public static func run(records: [RecordedEvent], plan: ReplayPlan, options: MeetingSession.Options,
                           notice: String? = nil) throws -> ScreenBuffer? {
        let notes = try plan.notesFile.map { file throws(CommandFailure) in try ReplayNotesFile.load(path: file, records: records) } ?? []
        let refusal: String? = plan.bookmarks && plan.notesFile != nil ? nil
            : "A shipped sample's notes are not changed: `marac train NAME --write DIR`, then replay that file to keep bookmarks"
        let perform: (Effect) -> [Msg] = { effect in
            guard case .saveBookmark(let note) = effect, plan.bookmarks, let file = plan.notesFile else { return [] }
            do throws(CommandFailure) {
                try ReplayNotesFile.addBookmark(note, to: file, records: records)
                return [.notice("Bookmark saved: \(note.place), in \(file)", isError: false)]
            } catch {
                return [.notice("Bookmark NOT saved — \(error.message)", isError: true)]
            }
        }
        let utcOffset = MeetingSession.utcOffset(of: MeetingState.fold(records))
        func controller(now: Int64) -> ReplayController {
            var replay = ReplayController(records: records, speed: plan.speed, now: now, stops: plan.stops, notes: notes, bookmarkRefusal: refusal)
            replay.utcOffsetSeconds = utcOffset
            if let notice { _ = replay.update(.notice(notice, isError: true)) }
            return replay
        }
        if let keysFile = options.keysFile {
            let steps = try loadKeyScript(keysFile)
            let clock = ManualClock(start: 0)
            var replay = controller(now: clock.now)
            let outcome = ScriptedRun.run(&replay, steps: steps, clock: clock, size: options.size, perform: perform)
            if let dump = options.dumpScreenFile { try writeScreenDump(outcome.screen, to: dump) }
            return outcome.screen
        }
        if options.screenReader, let last = records.last {
            // Read aloud, the replay is the meeting as recorded, to its last event: the commands
            // that read it work, and every change is refused as in the full-screen replay.
            let clock = ManualClock(start: last.at)
            var screen = MeetingScreen(meeting: Meeting(events: records), now: clock.now, mode: .readOnly,
                                       notices: [.notice("Replay, read-only: the meeting as recorded, to its last event. Nothing can be changed.", isError: false)])
            screen.utcOffsetSeconds = utcOffset
            let final = SpokenRun.run(screen, clock: clock, perform: { _ in [] })
            if let dump = options.dumpScreenFile { try writeScreenDump(final.view(size: options.size), to: dump) }
            return nil
        }
        let clock = AppClock.wall
        let (theme, _) = ThemeLoader.loadForApp(name: options.themeName)
        var replay = controller(now: clock.now)
        try runOnTerminal(&replay, theme: theme, clock: clock, dumpScreenFile: options.dumpScreenFile, perform: perform)
        return nil
    }
}
