import Foundation
import Logging
import MaracCore
import MaracJournal
import MaracTerminal
import MaracUI

/// Runs a meeting journal on the live screen: in the terminal, or headless from a `--keys` script.
/// The journal is the source of truth: the screen changes only after an append has been fdatasync'ed.
public final class MeetingSession {
    public struct Options {
        public var keysFile: String?
        public var dumpScreenFile: String?
        public var size: Size
        public var themeName: String
        public var mode: MeetingScreen.Mode
        public var passphrase: String?
        /// The screen-reader mode (`--screen-reader`, `screen_reader: yes`): lines on standard
        /// input and output instead of the full screen (docs/ACCESSIBILITY.md). A `--keys` script
        /// is always a full-screen script, so it wins.
        public var screenReader: Bool
        /// The clock of a live (not scripted) run; nil: the wall clock. A port, like `SaveListeners`:
        /// marac never sets it; the screen-reader test's harness (Tests/ClockHarness) gives a clock
        /// it can move on, since a real pty has no `<Sleep>`.
        public var clock: (any Clock)?
        /// A mock meeting (`marac train`): where its scorecard goes when the trainee quits, for
        /// the quit question to say so (nil: not a mock).
        public var mockScorecardFolder: String?

        public init(keysFile: String? = nil, dumpScreenFile: String? = nil, size: Size = Size(cols: 80, rows: 24),
                    themeName: String = "default", mode: MeetingScreen.Mode = .live, passphrase: String? = nil,
                    screenReader: Bool = false, clock: (any Clock)? = nil) {
            self.keysFile = keysFile; self.dumpScreenFile = dumpScreenFile; self.size = size
            self.themeName = themeName; self.mode = mode; self.passphrase = passphrase
            self.screenReader = screenReader; self.clock = clock
        }
    }

    public let path: String
    private var writer: JournalWriter?
    /// The journal as opened (plus set-up appended before the screen starts). It is handed to the
    /// screen at `run`, which from then on is the one owner of the meeting: appends made while the
    /// screen runs are not folded here a second time.
    private var opened: Meeting
    /// Said once the screen is up: a torn tail recovered, a damaged journal opened read-only.
    var notice: String?
    /// The journal is damaged: what is shown is the meeting as it stood at its last good event,
    /// so its clock stands still there (nothing after the damage is known, not even whether the
    /// meeting closed) and every screen says so.
    private var isDamaged = false
    /// The clock's time when the screen ended (a scripted run's manual clock, else the wall clock):
    /// what a scorecard counts an unclosed discussion up to.
    public private(set) var endedAt: Int64?
    private let logger: Logger

    /// Opens an existing journal for writing (taking its lock), or read-only when it is damaged.
    /// `fileIO` is the journal's system-call seam (tests inject disk-full and I/O errors through it).
    public init(path: String, passphrase: String?, logger: Logger, fileIO: any FileIO = PosixFileIO()) throws {
        self.path = path
        self.logger = logger
        do {
            let (writer, contents) = try JournalWriter.open(path: path, passphrase: passphrase, fileIO: fileIO)
            self.writer = writer
            self.opened = Meeting(events: contents.events)
            if case .tornTail(let bytes) = contents.condition {
                notice = "Recovered: the last \(bytes) bytes were an unfinished write and were set aside."
                logger.warning("torn tail of \(bytes) bytes recovered")
            }
        } catch {
            // Opened read-only: damaged (never appended to), or on a disk that cannot be written
            // (a read-only mount, a write-protected stick), where the meeting can still be viewed.
            let readOnlyNotice: String
            switch error {
            case let .damaged(p, line, reason):
                var lines = 0
                if let bytes: [UInt8] = try? fileIO.readFile(path) { for b in bytes where b == 0x0A { lines += 1 } }
                let unseen = max(0, lines - line + 1)
                readOnlyNotice = "READ-ONLY: \(SafeText.line(URL(fileURLWithPath: p).lastPathComponent)) is damaged at line \(line) (\(SafeText.line(reason))): "
                    + "shown as it stood before that line; \(unseen) line\(unseen == 1 ? "" : "s") from there on are not shown. "
                    + "Nothing will be written; marac verify names the damage."
                isDamaged = true
                logger.error("journal damaged at line \(line); opened read-only")
            case let .io(_, "open", code) where code == EROFS || code == EACCES || code == EPERM:
                readOnlyNotice = "READ-ONLY: \(URL(fileURLWithPath: path).lastPathComponent) cannot be written here (\(JournalError.describe(errno: code))): view only, nothing will be saved."
                logger.error("journal not writable; opened read-only")
            default:
                throw error
            }
            let contents = try JournalReader.read(path: path, passphrase: passphrase, fileIO: fileIO)
            self.writer = nil
            self.opened = Meeting(events: contents.events)
            notice = readOnlyNotice
        }
    }

    /// Wraps a writer that was just created (demo, train).
    public init(writer: JournalWriter, events: [RecordedEvent], logger: Logger) {
        self.path = writer.path
        self.writer = writer
        self.opened = Meeting(events: events)
        self.logger = logger
    }

    /// The state as opened (before `run`).
    public var state: MeetingState { opened.state }
    public var isReadOnly: Bool { writer == nil }
    /// The journal's format version when it is open for writing (1: made by an earlier marac, so
    /// only format 1 events can be added to it).
    public var journalFormatVersion: Int? { writer?.formatVersion }
    /// The journal's last line as written (for the witness file); nil when read-only.
    public var lastLine: (seq: Int, hash: String)? { writer.map { ($0.nextSeq - 1, $0.finalHash) } }

    /// Whether this meeting has already brought in the open actions of earlier meetings.
    public var hasImportedOutstandingActions: Bool {
        opened.events.contains { if case .outstandingActionsImported = $0.event { return true } else { return false } }
    }

    /// Appends set-up events outside the screen (e.g. importing open actions before the meeting starts).
    public func appendNow(_ events: [MeetingEvent], at: Int64) throws {
        guard let writer else { return }
        for r in try writer.append(events, at: at) { opened.append(r) }
    }

    /// Releases the journal (its lock); the chair's quit does the same.
    public func close() { writer?.close() }

    /// Executes one effect against the journal (write-ahead) and answers the UI.
    func perform(_ effect: Effect, clock: Clock) -> [Msg] {
        switch effect {
        case .quit:
            return []
        case .saveBookmark:
            return [.notice("Bookmarks are made in a replay, not in a live meeting", isError: true)]
        case .append(let events):
            guard let writer else {
                return [.appendFailed(message: "read-only: this journal cannot be changed")]
            }
            do {
                let records = try writer.append(events, at: clock.now)
                SaveListeners.current?.saved(records)
                logger.info("appended \(records.map(\.event.name).joined(separator: ", "))")
                signCheckpoint(after: records, writer: writer)
                return [.appended(records)]
            } catch {
                logger.error("append failed: \(error)")
                return [.appendFailed(message: MeetingSession.saveFailure(error))]
            }
        }
    }

    /// A signed journal (`marac new --sign`) gets a signed checkpoint when a case closes and when
    /// the meeting closes (Signing). Never fails the meeting: a checkpoint not written is an
    /// unsigned tail that `verify` reports.
    private func signCheckpoint(after records: [RecordedEvent], writer: JournalWriter) {
        let closes = records.contains {
            switch $0.event { case .discussionEnded, .meetingClosed: return true; default: return false }
        }
        guard closes else { return }
        if let problem = Signing.checkpoint(journal: path, journalID: opened.state.info.id,
                                            seq: writer.nextSeq - 1, hash: writer.finalHash) {
            logger.warning("signing: \(problem)")
        }
    }

    /// What the status line says after a failed append (after "NOT SAVED: "): short, so the part
    /// the chair must act on fits 80 columns; the journal's path is left out (it is on the title bar).
    static func saveFailure(_ error: JournalError) -> String {
        switch error {
        case let .io(_, "fdatasync", code):
            // After a failed sync the writer refuses further appends (JournalWriter): only a reopen re-checks the file.
            return "restart `marac run` to carry on: the disk did not confirm the save (\(JournalError.describe(errno: code)))"
        case let .io(_, operation, code):
            return "\(operation) failed: \(JournalError.describe(errno: code))"
        case let .writerFailed(_, reason):
            return "restart `marac run` to carry on: the journal stopped accepting changes (\(reason))"
        default:
            return error.description
        }
    }

    /// The meeting's zone (as documents use it: `TZ`, the protocol's, else Europe/London) offset from
    /// UTC at midday on the meeting date: the header's clock times are local.
    public static func utcOffset(of state: MeetingState) -> Int {
        let name = DocumentTime.zoneName(protocolZone: state.rules.timeZone).name
        let midday = Date(timeIntervalSince1970: Double(state.info.date.dayNumber) * 86_400 + 12 * 3600)
        return TimeZone(identifier: name)?.secondsFromGMT(for: midday) ?? 0
    }

    /// Runs the screen until the chair quits. Returns the final screen when scripted.
    /// Both kinds of run go through the one `EventLoop`; they differ only in their ports.
    @discardableResult
    public func run(options: Options) throws -> ScreenBuffer? {
        let mode: MeetingScreen.Mode = isReadOnly ? .readOnly : options.mode
        defer { writer?.close() }
        if let keysFile = options.keysFile {
            let steps = try loadKeyScript(keysFile)
            let clock = ManualClock(start: opened.state.lastEventAt ?? 0)
            var screen = makeScreen(now: clock.now, mode: mode, options: options)
            let outcome = ScriptedRun.run(&screen, steps: steps, clock: clock, size: options.size) { effect in
                self.perform(effect, clock: clock)
            }
            endedAt = clock.now
            if let dump = options.dumpScreenFile { try writeScreenDump(outcome.screen, to: dump) }
            if let open = screen.unfinishedForm {
                // Not an error (a script may stop mid-form on purpose), but said: nothing in it was saved.
                Console.error(SafeText.line("marac: warning: the key script ended with the form '\(open.title)' still open"
                                            + (open.problem.map { " (its last save was refused: \($0))" } ?? "")
                                            + "; nothing in it was saved"))
            }
            return outcome.screen
        }

        let clock: any Clock = options.clock ?? AppClock.wall
        if options.screenReader {
            // No theme: nothing is drawn. The same screen, the same journal, told in lines.
            let screen = makeScreen(now: clock.now, mode: mode, options: options)
            let final = SpokenRun.run(screen, clock: clock) { effect in self.perform(effect, clock: clock) }
            if let dump = options.dumpScreenFile { try writeScreenDump(final.view(size: options.size), to: dump) }
            return nil
        }
        let (theme, themeWarning) = ThemeLoader.loadForApp(name: options.themeName)
        var screen = makeScreen(now: clock.now, mode: mode, options: options,
                                first: themeWarning.map { [.notice($0, isError: true)] } ?? [])
        try runOnTerminal(&screen, theme: theme, clock: clock, dumpScreenFile: options.dumpScreenFile) { effect in
            self.perform(effect, clock: clock)
        }
        endedAt = clock.now
        return nil
    }

    /// The one screen every kind of run drives (a key script, the screen reader, the terminal): the
    /// meeting as opened, its notices (`first`, then the opening notice), local time for the
    /// projected finish, a mock's scorecard folder, and a damaged journal shown frozen.
    private func makeScreen(now: Int64, mode: MeetingScreen.Mode, options: Options, first: [Msg] = []) -> MeetingScreen {
        var notices = first
        if let notice { notices.append(.notice(notice, isError: isReadOnly)) }
        var screen = MeetingScreen(meeting: opened, now: now, mode: mode, notices: notices)
        screen.lostLogLines = { FileLog.lostLines }
        screen.mockScorecardFolder = options.mockScorecardFolder
        screen.utcOffsetSeconds = Self.utcOffset(of: opened.state)   // "finish about 10:40" in local time
        if isDamaged { screen.showAsDamaged(at: opened.state.lastEventAt) }
        return screen
    }
}

/// An error for the user: one line, no stack trace.
public struct AppError: Error, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { self.description = message }
}

extension MeetingScreen {
    /// A damaged journal: "DAMAGED — READ-ONLY" on every screen, and the clock stopped at the last
    /// good event (nothing after the damage is known, not even whether the meeting closed).
    mutating func showAsDamaged(at lastEventAt: Int64?) {
        banner = "DAMAGED — READ-ONLY"
        clockStoppedAt = lastEventAt
    }
}
