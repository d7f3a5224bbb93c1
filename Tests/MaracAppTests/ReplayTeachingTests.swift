import Foundation
import Testing
@testable import MaracApp
import MaracCore
import MaracJournal
import MaracUI

/// Replays a class can follow (issue 18, items 1 and 2): stops, jumps, speeds, trainer's notes and
/// bookmarks, through the same loop and key scripts as `marac replay --keys`.
@Suite struct ReplayTeachingTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples").path
    static let small = Size(cols: 80, rows: 24)

    func temporaryFolder() throws -> String {
        let dir = NSTemporaryDirectory() + "marac-replay-notes-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A copy of a shipped recording and its notes in a folder of the test's own.
    func copySample(_ name: String, into dir: String, notes: Bool = true) throws -> String {
        let journal = dir + "/\(name).jsonl"
        try FileManager.default.copyItem(atPath: Self.samples + "/\(name).jsonl", toPath: journal)
        if notes { try FileManager.default.copyItem(atPath: Self.samples + "/\(name).notes.yaml", toPath: dir + "/\(name).notes.yaml") }
        return journal
    }

    func replay(_ journal: String, stops: Set<ReplayStop> = [], speed: Int = 20, keys: String, size: Size = small) throws -> [String] {
        let keysFile = URL(fileURLWithPath: journal).deletingLastPathComponent().appendingPathComponent("replay.keys").path
        try keys.write(toFile: keysFile, atomically: true, encoding: .utf8)
        let screen = try #require(try Training.replay(path: journal, plan: ReplayPlan(speed: speed, stops: stops),
                                                      options: .init(keysFile: keysFile, size: size)))
        return screen.lines()
    }

    // MARK: - Stops

    /// The trainer's note asks to "pause when NV-3201 passes 10 minutes": `--pause-at amber` stops
    /// there, at 10:00 on the case's timer, with the note for that moment on screen, at 80×24.
    @Test func pauseAtAmberStopsAtTenMinutesOfTheAnnotatedCaseAndShowsItsNote() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = try copySample("historical-overrun", into: dir)
        // Two minutes of wall time at 20× is 40 minutes of meeting: far past NV-3201's 10:00 (21:00).
        let lines = try replay(journal, stops: [.amber], keys: String(repeating: "<Sleep 10s>", count: 12))
        let text = lines.joined(separator: "\n")
        #expect(text.contains("Case NV-3201"), "\(text)")
        #expect(text.contains("Discussion 10:00"), "\(text)")
        #expect(text.contains("PAUSED"))
        #expect(text.contains("stops: amber"))
        #expect(text.contains("Question for the class — NV-3201 at 10:00"))
        #expect(text.contains("What is current, relevant and"))
        // Every line fits 80 columns, and the hint bar names the replay's keys, not the live ones.
        #expect(lines.allSatisfy { CharWidth.of($0) <= 80 })
        let hints = try #require(lines.last)
        #expect(hints.contains("Esc close note") && hints.contains("Space play"))
        #expect(!hints.contains("a action") && !hints.contains("close case"))
        #expect(!text.contains("press a to add one"))
    }

    /// A note that asks to pause stops the replay even with no `--pause-at`; Space plays on, Esc
    /// closes the note.
    @Test func aNoteWithPauseStopsTheReplayAndEscClosesIt() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = try copySample("historical-overrun", into: dir)
        let sleeps = String(repeating: "<Sleep 10s>", count: 12)
        let stopped = try replay(journal, keys: sleeps).joined(separator: "\n")
        #expect(stopped.contains("PAUSED") && stopped.contains("NV-3201 at 10:00 (paused)"))
        let closed = try replay(journal, keys: sleeps + "<Esc>").joined(separator: "\n")
        #expect(closed.contains("PAUSED") && !closed.contains("NV-3201 at 10:00"))
        // Space plays on to the next note that pauses: the limit, at 15:00.
        let onward = try replay(journal, keys: sleeps + " " + sleeps).joined(separator: "\n")
        #expect(onward.contains("NV-3201 at 15:00") && onward.contains("Discussion 15:00"), "\(onward)")
    }

    @Test func pauseAtPromptAndActionStopAtThoseEvents() throws {
        let records = try #require(TrainingSample.named("vague-actions")).records
        var replay = ReplayController(records: records, speed: 60, now: 0, stops: [.action])
        let clock = ManualClock(start: 0)
        _ = ScriptedRun.run(&replay, steps: try KeyScript.parse(String(repeating: "<Sleep 5s>", count: 40)), clock: clock, size: Self.small) { _ in [] }
        #expect(replay.paused)
        let last = try #require(replay.meeting.events.last)
        guard case .actionAgreed(let action) = last.event else { Issue.record("stopped at \(last.event.name)"); return }
        #expect(action.text.contains("Skyguard"))
        #expect(ReplayStop.parse("amber, Overrun,prompt") == [.amber, .overrun, .prompt])
        #expect(ReplayStop.parse("amber,late") == nil)
    }

    /// `n` goes to the next prompt passed, SMART warning, overrun or note, and pauses there.
    @Test func nextStopJumpsToTheNextThingToDiscuss() throws {
        let records = try #require(TrainingSample.named("vague-actions")).records
        var replay = ReplayController(records: records, speed: 1, now: 0)
        let clock = ManualClock(start: 0)
        _ = ScriptedRun.run(&replay, steps: try KeyScript.parse("n"), clock: clock, size: Self.small) { _ in [] }
        #expect(replay.paused)
        // The first action with a SMART warning: "as soon as one becomes available", no date.
        guard case .actionAgreed(let first)? = replay.meeting.events.last?.event else { Issue.record("not at an action"); return }
        #expect(first.text.contains("Skyguard"))
        _ = ScriptedRun.run(&replay, steps: try KeyScript.parse("n"), clock: clock, size: Self.small) { _ in [] }
        guard case .actionAgreed(let second)? = replay.meeting.events.last?.event else { Issue.record("not at an action"); return }
        #expect(second.text.contains("Early Help"))
    }

    @Test func speedsGoUpTo240Times() throws {
        let records = try #require(TrainingSample.named("well-run")).records
        var replay = ReplayController(records: records, speed: 60, now: 0)
        let clock = ManualClock(start: 0)
        _ = ScriptedRun.run(&replay, steps: try KeyScript.parse("+++"), clock: clock, size: Self.small) { _ in [] }
        #expect(replay.speed == 240)
        // A quarter of a minute of wall time at 240× is an hour of meeting: the whole recording.
        _ = ScriptedRun.run(&replay, steps: try KeyScript.parse("<Sleep 15s>"), clock: clock, size: Self.small) { _ in [] }
        #expect(replay.isAtEnd)
    }

    // MARK: - Notes files

    @Test(arguments: TrainingSample.all.map(\.name))
    func theShippedNotesReadAgainstTheirRecording(name: String) throws {
        let records = try #require(TrainingSample.named(name)).records
        let notes = try ReplayNotesFile.load(path: Self.samples + "/\(name).notes.yaml", records: records)
        #expect(notes.count >= 4)
        #expect(notes.contains { $0.pause })
        #expect(notes.contains { $0.kind == .question })
    }

    /// A note's text can hold nothing that drives the terminal (YAML's "\\e" is an escape).
    @Test func aNoteCannotCarryEscapes() throws {
        let records = try #require(TrainingSample.named("well-run")).records
        let notes = try ReplayNotesFile.parse("notes:\n  - seq: 16\n    point: \"\\e[2J\\e]0;x\\a read\"\n", file: "t.notes.yaml", records: records)
        #expect(notes.count == 1)
        #expect(!notes[0].text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f || (0x80...0x9f).contains($0.value) })
    }

    /// A bad notes file: one line naming the file, the line and the field; the replay does not start.
    @Test func aBadNotesFileNamesFileLineAndField() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = try copySample("historical-overrun", into: dir, notes: false)
        let notes = dir + "/historical-overrun.notes.yaml"
        let cases: [(String, String)] = [
            ("notes:\n  - case: NV-3201\n    tme: \"10:00\"\n    point: x\n", "notes.yaml:3 (tme): unknown field"),
            ("notes:\n  - case: NV-3201\n    time: ten\n    point: x\n", "notes.yaml:3 (time): 'ten' should be the discussion time"),
            ("notes:\n  - case: NV-9999\n    time: \"1:00\"\n    point: x\n", "notes.yaml:2 (case): 'NV-9999' is not on the recording's agenda"),
            ("notes:\n  - seq: 400\n    point: x\n", "notes.yaml:2 (seq): the recording has no event 400"),
            ("notes:\n  - seq: 12\n    point: x\n    question: y\n", "notes.yaml:2 (point): a note has one of question, point or bookmark, not several"),
            ("notes:\n  - seq: 12\n    point: x\n    pause: maybe\n", "notes.yaml:4 (pause): 'maybe' should be yes or no"),
            ("notes: [\n", "notes.yaml:2: not valid YAML"),
        ]
        let keys = dir + "/none.keys"
        try "".write(toFile: keys, atomically: true, encoding: .utf8)
        for (text, expected) in cases {
            try text.write(toFile: notes, atomically: true, encoding: .utf8)
            do {
                _ = try Training.replay(path: journal, plan: ReplayPlan(), options: .init(keysFile: keys, size: Self.small))
                Issue.record("no error for \(text)")
            } catch let failure as CommandFailure {
                #expect(failure.message.hasPrefix(notes), "\(failure.message)")
                #expect(failure.message.contains(expected), "\(failure.message)")
                #expect(!failure.message.contains("\n"))
                #expect(failure.exitCode != 0)
            }
        }
    }

    /// At 80 columns the timer gives the target and limit once (not on its line and again under
    /// it), and says "▶ running" only while the replay plays: paused, it says "Ⅱ replay paused".
    @Test func theTimerAtEightyColumnsSaysItsMarksOnceAndFollowsThePause() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = try copySample("historical-overrun", into: dir, notes: false)
        let marks = "target 10 min · limit 15 min"
        let paused = try replay(journal, keys: "]").joined(separator: "\n")
        #expect(paused.contains("Case NV-3201"), "\(paused)")
        #expect(paused.contains("PAUSED"))
        #expect(paused.contains("Ⅱ replay paused") && !paused.contains("▶ running"), "\(paused)")
        #expect(paused.components(separatedBy: marks).count == 2, "\(paused)")
        let playing = try replay(journal, keys: "]<Space>").joined(separator: "\n")
        #expect(playing.contains("PLAYING"))
        #expect(playing.contains("▶ running") && !playing.contains("replay paused"), "\(playing)")
        #expect(playing.components(separatedBy: marks).count == 2, "\(playing)")
    }

    /// `?` over a playing replay pauses it while the trainer reads (it ran on 23 s before), and
    /// closing help plays on.
    @Test func helpPausesAPlayingReplayAndClosingItPlaysOn() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = try copySample("historical-overrun", into: dir, notes: false)
        let reading = try replay(journal, keys: "]<Space>?<Sleep 10s>")
        let bar = try #require(reading.first { $0.hasPrefix("REPLAY") })
        #expect(bar.hasPrefix("REPLAY Ⅱ PAUSED"), "\(bar)")
        let closed = try replay(journal, keys: "]<Space>?<Sleep 10s><Esc>")
        let held = try #require(closed.first { $0.hasPrefix("REPLAY") })
        #expect(held.hasPrefix("REPLAY ▶ PLAYING"), "\(held)")
        // Nothing of the recording went by while help was up: the same place as just before it.
        let before = try replay(journal, keys: "]<Space>")
        #expect(before.first { $0.hasPrefix("REPLAY") }.map { $0.split(separator: "│")[1] } == held.split(separator: "│")[1])
        // Paused before help, it stays paused after.
        let stillPaused = try replay(journal, keys: "]?<Esc>")
        #expect(try #require(stillPaused.first { $0.hasPrefix("REPLAY") }).hasPrefix("REPLAY Ⅱ PAUSED"))
    }

    // MARK: - Bookmarks

    /// `b` during a replay saves a bookmark to the notes file beside the recording: the trainer's
    /// own lines and comments are kept, the bookmark is added, and the file still reads.
    @Test func bKeepsTheTrainersNotesAndAddsTheBookmark() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = try copySample("historical-overrun", into: dir)
        let notesFile = dir + "/historical-overrun.notes.yaml"
        let before = try String(contentsOfFile: notesFile, encoding: .utf8)
        let records = try JournalReader.read(path: journal).events
        let countBefore = try ReplayNotesFile.load(path: notesFile, records: records).count
        // Stop at NV-3201's 10:00 (its note pauses), close the note, bookmark with the trainer's words.
        let lines = try replay(journal, keys: String(repeating: "<Sleep 10s>", count: 12) + "<Esc>bAsk what the Idva knew then<Enter>")
        #expect(lines.joined().contains("Bookmark saved: NV-3201 at 10:00"), "\(lines.joined(separator: "\n"))")
        let after = try String(contentsOfFile: notesFile, encoding: .utf8)
        #expect(after.hasPrefix(before))
        let notes = try ReplayNotesFile.load(path: notesFile, records: records)
        #expect(notes.count == countBefore + 1)
        #expect(notes.last?.kind == .bookmark)
        #expect(notes.last?.anchor == .caseTime(caseRef: "NV-3201", millis: 600_000))
        #expect(notes.last?.text == "Ask what the Idva knew then")
        // The bookmark shows when the replay comes back to it.
        // (The question of that moment first; Esc shows the next note of the same moment.)
        let again = try replay(journal, stops: [], keys: String(repeating: "<Sleep 10s>", count: 12) + "<Esc>")
        #expect(again.joined(separator: "\n").contains("Bookmark — NV-3201 at 10:00"))
    }

    @Test func aBookmarkWithNoNotesFileCreatesOne() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = try copySample("well-run", into: dir, notes: false)
        // Enter at once: the bookmark says the default words.
        _ = try replay(journal, keys: "...b<Enter>")
        let records = try JournalReader.read(path: journal).events
        let notes = try ReplayNotesFile.load(path: dir + "/well-run.notes.yaml", records: records)
        // Three steps from the set-up: the meeting starting with the first attendance (one moment), then two more.
        #expect(notes.map(\.anchor) == [.event(seq: 9)])
        #expect(notes.first?.kind == .bookmark)
        #expect(notes.first?.text == "Bookmarked during a replay")
    }

    /// `b` asks what to remember (the replay waits while the trainer types); Esc cancels and
    /// saves nothing.
    @Test func bAsksWhatToRememberAndEscCancels() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = try copySample("well-run", into: dir, notes: false)
        let asking = try replay(journal, keys: "...bWhy no Idva")
        let text = asking.joined(separator: "\n")
        #expect(text.contains("Bookmark — event 9"), "\(text)")
        #expect(text.contains("What to remember: Why no Idva█"))
        #expect(text.contains("Enter saves") && text.contains("Esc cancels"))
        let hints = try #require(asking.last)
        #expect(hints.contains("Enter save bookmark"), "\(hints)")
        #expect(!hints.contains("q quit") && !hints.contains("j/k"), "a typed q is a letter: \(hints)")
        // F12 still hides the screen mid-bookmark, the prompt with it; F12 again brings both back.
        let hidden = try replay(journal, keys: "...bWhy no Idva<F12>").joined(separator: "\n")
        #expect(!hidden.contains("Why no Idva") && !hidden.contains("What to remember"), "\(hidden)")
        let back = try replay(journal, keys: "...bWhy no Idva<F12><F12> then").joined(separator: "\n")
        #expect(back.contains("What to remember: Why no Idva then█"), "\(back)")
        #expect(asking.allSatisfy { CharWidth.of($0) <= 80 })
        // Typed keys are words, not replay commands: "n" did not jump, the replay did not move.
        #expect(text.contains("event 9/"))
        let cancelled = try replay(journal, keys: "...bWhy no Idva<Esc>")
        #expect(cancelled.joined().contains("Bookmark cancelled: nothing saved"))
        #expect(!cancelled.joined().contains("What to remember"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/well-run.notes.yaml"))
    }

    /// "Bookmark saved: …" is read once: the next key, or five seconds without one, clears it.
    @Test func theBookmarkMessageClearsAfterTheNextKeyOrAFewSeconds() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = try copySample("well-run", into: dir, notes: false)
        #expect(try replay(journal, keys: "...b<Enter>").joined().contains("Bookmark saved: event 9"))
        #expect(!(try replay(journal, keys: "...b<Enter>+").joined().contains("Bookmark saved")))
        #expect(try replay(journal, keys: "...b<Enter><Sleep 2s>").joined().contains("Bookmark saved"))
        #expect(!(try replay(journal, keys: "...b<Enter><Sleep 6s>").joined().contains("Bookmark saved")))
    }

    /// A link (or FIFO) where the notes file would be is never replaced: the bookmark is refused,
    /// the replay says so, and the link and its target are as they were.
    @Test func aBookmarkNeverReplacesALink() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = try copySample("well-run", into: dir, notes: false)
        let target = dir + "/elsewhere.yaml"
        try "notes:\n".write(toFile: target, atomically: true, encoding: .utf8)
        let notesFile = dir + "/well-run.notes.yaml"
        try FileManager.default.createSymbolicLink(atPath: notesFile, withDestinationPath: target)
        // A link is read (it may point at shared notes) but never written through.
        let lines = try replay(journal, keys: "...b<Enter>")
        #expect(lines.joined().contains("Bookmark NOT saved"), "\(lines.joined(separator: "\n"))")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: notesFile) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "notes:\n")

        let fifo = dir + "/fifo.notes.yaml"
        #expect(mkfifo(fifo, 0o600) == 0)
        let records = try JournalReader.read(path: journal).events
        #expect(throws: CommandFailure.self) {
            try ReplayNotesFile.addBookmark(ReplayNote(anchor: .event(seq: 7), kind: .bookmark, text: "x"), to: fifo, records: records)
        }
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    /// A shipped sample's notes are read but never changed.
    @Test func aShippedSampleRefusesBookmarks() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let keys = dir + "/b.keys"
        try "...b".write(toFile: keys, atomically: true, encoding: .utf8)
        let sample = try #require(TrainingSample.named("well-run"))
        let screen = try #require(try Training.replaySample(sample, plan: ReplayPlan(), options: .init(keysFile: keys, size: Self.small)))
        #expect(screen.text.contains("shipped sample's notes are not changed"))
    }

    /// `--notes FILE` naming a file that is not there says so as the replay opens (a mistyped name
    /// would otherwise show a class no notes), and `b` then creates it. The default file beside the
    /// journal says nothing when it is missing: most recordings have no notes.
    @Test func aNamedNotesFileThatIsNotThereIsNamedOnScreen() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = try copySample("well-run", into: dir, notes: false)
        let keysFile = dir + "/replay.keys"
        try "".write(toFile: keysFile, atomically: true, encoding: .utf8)
        let named = dir + "/class-notes.yaml"
        let screen = try #require(try Training.replay(path: journal, plan: ReplayPlan(notesFile: named),
                                                      options: .init(keysFile: keysFile, size: Size(cols: 160, rows: 30))))
        #expect(screen.text.contains("No trainer's notes at \(named) yet"), "\(screen.text)")
        #expect(!FileManager.default.fileExists(atPath: named))
        try "...b<Enter>".write(toFile: keysFile, atomically: true, encoding: .utf8)
        _ = try Training.replay(path: journal, plan: ReplayPlan(notesFile: named), options: .init(keysFile: keysFile, size: Self.small))
        #expect(try String(contentsOfFile: named, encoding: .utf8).contains("bookmark:"))
        var info = stat()
        #expect(lstat(named, &info) == 0 && info.st_mode & 0o777 == 0o600, "a new notes file is 0600")
        // A notes file the trainer shares (0644) keeps its mode when a bookmark is added.
        #expect(chmod(named, 0o644) == 0)
        _ = try Training.replay(path: journal, plan: ReplayPlan(notesFile: named), options: .init(keysFile: keysFile, size: Self.small))
        #expect(lstat(named, &info) == 0 && info.st_mode & 0o777 == 0o644)
        #expect(try String(contentsOfFile: named, encoding: .utf8).components(separatedBy: "bookmark:").count == 3)
        let unnamed = try #require(try Training.replay(path: journal, plan: ReplayPlan(), options: .init(keysFile: keysFile, size: Self.small)))
        #expect(!unnamed.text.contains("No trainer's notes"))
    }

    /// A summer meeting replayed shows its clock times as they were in the room (Europe/London is
    /// UTC+1 in July), not in UTC: it closed at 08:47 UTC, which the header must call 09:47.
    @Test func aSummerReplayShowsLocalClockTimes() throws {
        let date = try #require(CalendarDate(year: 2026, month: 7, day: 14))
        let start = Int64(date.dayNumber) * 86_400_000 + 8 * 3_600_000 + 30 * 60_000   // 08:30 UTC = 09:30 BST
        let info = MeetingInfo(id: MeetingInfo.makeID(date: date, area: "Northvale"), date: date, area: "Northvale", chair: "Chair Sample")
        let events: [MeetingEvent] = [
            .meetingCreated(info: info, rules: .national),
            .caseQueued(agendaCase: AgendaCase(caseRef: "NV-1", victim: "Vic Sample", referringAgency: "Police", referralBasis: .actuarial), late: false),
            .meetingStarted, .discussionStarted(caseRef: "NV-1"), .discussionEnded(caseRef: "NV-1", overrunReason: nil), .meetingClosed,
        ]
        let times: [Int64] = [start - 3_600_000, start - 3_500_000, start, start + 60_000, start + 16 * 60_000, start + 17 * 60_000]
        let records = zip(events.indices, events).map { RecordedEvent(seq: $0 + 1, at: times[$0], event: $1) }
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let keysFile = dir + "/end.keys"
        try "<End>".write(toFile: keysFile, atomically: true, encoding: .utf8)
        let screen = try #require(try ReplaySession.run(records: records, plan: ReplayPlan(), options: .init(keysFile: keysFile, size: Size(cols: 120, rows: 30))))
        let header = try #require(screen.lines().first)
        #expect(header.contains("Closed at 09:47"), "\(header)")
    }
}
