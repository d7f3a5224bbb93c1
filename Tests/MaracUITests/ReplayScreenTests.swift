import Foundation
import Testing
@testable import MaracApp
@testable import MaracUI
import MaracCore

/// What a class sees in a replay (issue 18, item 1): the replay's keys in the hint bar and `?`,
/// no live-only keys, at 80×24.
@Suite struct ReplayScreenTests {
    static let note = ReplayNote(anchor: .caseTime(caseRef: "NV-3201", millis: 600_000), kind: .question,
                                 text: "Agencies are still reading out incidents from years ago. What is current, relevant and proportionate?",
                                 pause: true)

    /// historical-overrun at 20×, stopping at amber: NV-3201 at 10:00, with a trainer's question there.
    func stoppedAtAmber(notes: [ReplayNote] = [note]) throws -> ReplayController {
        let records = try #require(TrainingSample.named("historical-overrun")).records
        var replay = ReplayController(records: records, speed: 20, now: 0, stops: [.amber], notes: notes)
        _ = ScriptedRun.run(&replay, steps: try KeyScript.parse(String(repeating: "<Sleep 10s>", count: 12)),
                            clock: ManualClock(start: 0), size: Size(cols: 80, rows: 24)) { _ in [] }
        return replay
    }

    @Test func replayStoppedAtAmberWithItsNote() throws {
        let replay = try stoppedAtAmber()
        #expect(replay.paused)
        Golden.check("replay-amber-note") { replay.view(size: $0) }
    }

    @Test func replayHintBarShowsTheReplayKeys() throws {
        let replay = try stoppedAtAmber(notes: [])
        Golden.check("replay-case") { replay.view(size: $0) }
        let lines = replay.view(size: Size(cols: 80, rows: 24)).lines()
        #expect(lines[23].hasPrefix(" Space play · n next stop · ←/→ step · +/- speed"), "\(lines[23])")
        #expect(lines[21].hasPrefix("REPLAY Ⅱ PAUSED 20× │ 16:00 of 1:02:00 │ stops: amber"), "\(lines[21])")
        let text = lines.joined(separator: "\n")
        for live in ["a add", "press a", "n to close", "a action", "close case", "o adds one", "o, kind", "is not agreed — f"] { #expect(!text.contains(live), "\(live)") }
    }

    /// `?` in a replay lists the replay's keys first and leaves out the keys that change the meeting.
    @Test func helpInAReplayListsTheReplayKeys() throws {
        let lines = HelpOverlay.lines(for: .caseView, replayKeys: ReplayController.keymap.map { ($0.label, $0.help) }, width: 200)
            .map(\.plain)
        let text = lines.joined(separator: "\n")
        #expect(lines.first?.hasPrefix("Keys in this replay") == true)
        for b in ReplayController.keymap { #expect(text.contains(b.help), "\(b.label) missing from replay help") }
        #expect(!text.contains("add an action (SMART-checked as you type)"))
        #expect(text.contains("choose an action"))
        // Live help still lists the live keys.
        #expect(HelpOverlay.lines(for: .caseView, width: 200).map(\.plain).joined().contains("add an action (SMART-checked"))
    }

    /// `?` pressed during a replay: the replay's own keys are in the overlay the class sees.
    @Test func questionMarkInAReplayShowsItsKeys() throws {
        var replay = try stoppedAtAmber(notes: [])
        _ = replay.update(.key(.char("?")))
        let text = replay.view(size: Size(cols: 80, rows: 24)).text
        #expect(text.contains("Keys in this replay"))
        #expect(text.contains("pause / play"))
        // Help has the keyboard: Space does not start the replay under it.
        _ = replay.update(.key(.char(" ")))
        #expect(replay.paused)
    }

    @Test func noTwoReplayBindingsShareAKey() {
        let keys = ReplayController.keymap.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
    }
}

/// `:` in a replay (issue 11's leftover): the palette lists the replay's own commands first, with
/// their keys, leaves out the keys that change the meeting, and Enter runs the chosen replay command.
@Suite struct ReplayPaletteTests {
    func replay() throws -> ReplayController {
        let records = try #require(TrainingSample.named("historical-overrun")).records
        var replay = ReplayController(records: records, speed: 20, now: 0)
        _ = replay.update(.resize(Size(cols: 100, rows: 30)))
        _ = replay.update(.tick(now: 0))
        return replay
    }

    func type(_ text: String, into replay: inout ReplayController) {
        for c in text { _ = replay.update(.key(.char(c))) }
    }

    @Test func thePaletteListsTheReplaysCommandsAndNotTheEditKeys() throws {
        var replay = try replay()
        _ = replay.update(.key(.char(":")))
        let text = replay.view(size: Size(cols: 100, rows: 30)).text
        #expect(text.contains("Commands of this replay"))
        #expect(text.contains("pause / play"))
        #expect(text.contains("jump to the next case's discussion"))
        // Replay commands first: the first row under the query is one of them.
        let lines = replay.view(size: Size(cols: 100, rows: 30)).lines()
        let query = try #require(lines.firstIndex { $0.contains("│ :") })
        #expect(lines[query + 2].contains("close the trainer's note") || lines[query + 2].contains("pause / play"), "\(lines[query + 2])")
        #expect(!text.contains("add an action"))   // an edit key: refused in a replay, so not offered
        #expect(text.contains("jump to Opening, Review"))   // the screen's other keys stay
    }

    @Test func enterRunsTheChosenReplayCommand() throws {
        var replay = try replay()
        #expect(replay.speed == 20)
        _ = replay.update(.key(.char(":")))
        type("faster", into: &replay)
        _ = replay.update(.key(.enter))
        #expect(replay.speed == 30)            // 20× → 30×, as `+` does
        #expect(!replay.view(size: Size(cols: 100, rows: 30)).text.contains("Commands of this replay"))
        // Filtered to a jump: Enter jumps to the next case's discussion and pauses.
        _ = replay.update(.key(.char(":")))
        type("next case", into: &replay)
        let before = replay.position
        _ = replay.update(.key(.enter))
        #expect(replay.position > before)
        #expect(replay.paused)
        #expect(replay.meeting.state.activeCase != nil)
    }
}
