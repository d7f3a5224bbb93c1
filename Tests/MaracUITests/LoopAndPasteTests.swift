import MaracCore
import Testing
@testable import MaracUI

/// A terminal of a fixed size whose keys are all typed at once, then it closes.
final class KeysPort: InputPort {
    let size: Size
    private var inputs: [InputEvent]
    private(set) var isClosed = false
    init(size: Size, _ inputs: [InputEvent]) { self.size = size; self.inputs = inputs }
    func next(timeoutMillis: Int) -> InputEvent? {
        if inputs.isEmpty { if timeoutMillis > 0 { isClosed = true }; return nil }
        return inputs.removeFirst()
    }
}

/// The production loop (`EventLoop.run`) with test ports, at a terminal larger than 80x24.
@Suite struct ProductionLoopTests {
    func run(_ meeting: Meeting, size: Size, _ inputs: [InputEvent]) throws -> (screen: MeetingScreen, sink: LastFrameSink) {
        let journal = FakeJournal(clock: Fixture.minutes(30), nextSeq: meeting.nextSeq)
        var loop = EventLoop(program: MeetingScreen(meeting: meeting, now: Fixture.minutes(30)), perform: journal.perform)
        let sink = LastFrameSink()
        try loop.run(input: KeysPort(size: size, inputs), screen: sink, clock: { Fixture.minutes(30) })
        return (loop.program, sink)
    }

    static let big = Size(cols: 120, rows: 40)

    /// Help scrolled to its end at 120x40, then one line back up: the view must move at once. When
    /// the model believed it was 80x24 (no size before the first SIGWINCH), it had scrolled 16
    /// lines past the end and Up changed nothing.
    @Test func helpScrollsToTheEndAndBackAt120x40() throws {
        let meeting = Fixture.meeting(Fixture.discussing)
        let down = [InputEvent](repeating: .key(.down), count: 300)
        let atEnd = try run(meeting, size: Self.big, [.key(.char("4")), .key(.char("?"))] + down)
        let backOne = try run(meeting, size: Self.big, [.key(.char("4")), .key(.char("?"))] + down + [.key(.up)])
        let endLines = try #require(atEnd.sink.frame).lines(), upLines = try #require(backOne.sink.frame).lines()
        #expect(!endLines.joined().contains("↓ more"))
        #expect(upLines.joined().contains("↓ more"))
        #expect(endLines[4] == upLines[5])   // the help moved down one line inside its box
    }

    @Test func summaryScrollsToTheEndAndBackAt120x40() throws {
        // Forty owner agencies: one summary line each, longer than a 40-row screen.
        let actions: [(Int, MeetingEvent)] = (1...40).map { n in
            (12, .actionAgreed(action: Action(id: "20261201-northvale-\(n + 2)", caseRef: "NV-101", text: "Fictional action \(n)",
                                              owner: "Agency \(n)", due: CalendarDate(year: 2026, month: 12, day: 8), category: .victimSafety)))
        }
        let meeting = Fixture.meeting(Fixture.discussing + actions)
        let down = [InputEvent](repeating: .key(.char("j")), count: 300)
        let atEnd = try run(meeting, size: Self.big, [.key(.char("5"))] + down)
        let backOne = try run(meeting, size: Self.big, [.key(.char("5"))] + down + [.key(.char("k"))])
        #expect(atEnd.screen.summary.scroll > 0)
        #expect(backOne.screen.summary.scroll == atEnd.screen.summary.scroll - 1)
        #expect(try #require(atEnd.sink.frame).lines() != (try #require(backOne.sink.frame)).lines())
    }

    @Test func theModelIsToldTheRealSizeBeforeTheFirstKey() throws {
        let result = try run(Fixture.meeting(Fixture.discussing), size: Self.big, [])
        #expect(result.screen.size == Self.big)
        #expect(result.sink.frame?.size == Self.big)
    }

    @Test func ctrlLIsTheLoopsAndNeverReachesTheScreen() throws {
        // Ctrl-L is handled once, by the loop (a repaint); the screen does not see it at all.
        let meeting = Fixture.meeting(Fixture.discussing)
        let journal = FakeJournal(clock: Fixture.minutes(30), nextSeq: meeting.nextSeq)
        var loop = EventLoop(program: MeetingScreen(meeting: meeting, now: Fixture.minutes(30)), perform: journal.perform)
        let sink = LastFrameSink()
        try loop.run(input: KeysPort(size: Self.big, [.key(.ctrl("l")), .key(.ctrl("l"))]), screen: sink, clock: { 0 })
        #expect(sink.repaints == 2)
        #expect(sink.frames == 2)   // the first frame, then one repaint of the burst
    }
}

@Suite struct PasteTests {
    func onNoteText() throws -> FakeRuntime {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        try rt.run("4oPolice<Tab><Tab>")
        return rt
    }

    @Test func aThreeLineNoteLandsInTheFieldAndNothingInItIsAKey() throws {
        var rt = try onNoteText()
        // "\nu…" and "\nn…" once undid the note and opened case-close; ESC once cancelled the form.
        rt.paste("Seen at home on 28/11\nunder review by the Idva\n\u{1B}no contact since")
        #expect(rt.appends.isEmpty)
        #expect(rt.text.contains("Add a note"))
        rt.press(.ctrl("s"))
        let notes = rt.screen.meeting.state.cases["NV-101"]?.notes.map(\.text) ?? []
        #expect(notes.last == "Seen at home on 28/11\nunder review by the Idva\nno contact since")   // a note keeps its lines
        #expect(rt.appends.count == 1)
    }

    @Test func aPasteWithNoFormOpenDoesNothing() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        try rt.run("4")
        let before = rt.screen
        rt.paste("nun\nq\ny")
        #expect(rt.appends.isEmpty)
        #expect(rt.screen.screen == before.screen && rt.screen.modal == nil && !rt.quitRequested)
        #expect(rt.text.contains("Paste ignored"))
    }

    @Test func aPasteInAScriptIsOnePaste() throws {
        var rt = try onNoteText()
        try rt.run("<Paste first\\nsecond>")
        #expect(rt.screen.modal.map { if case .form(let f, _) = $0 { f["text"] } else { "" } } == "first\nsecond")
    }

    /// 50 KB into a 4,000-character field: refused whole, with a reason, in one message and one
    /// frame (the loop draws once per burst; the field inserts in one step or not at all).
    @Test func aPastePastTheCapIsRefusedWholeAndSaysSo() throws {
        var rt = try onNoteText()
        rt.paste(String(repeating: "Fifty kilobytes of pasted text. ", count: 1_600))
        guard case .form(let form, _)? = rt.screen.modal else { Issue.record("the form closed"); return }
        #expect(form["text"].isEmpty)
        #expect(rt.text.contains("Paste refused: 51,200 characters would not fit"))
        #expect(rt.appends.isEmpty)
    }

    @Test func aFullFieldShowsItsCountAndRefusesMoreTyping() throws {
        var rt = try onNoteText()
        rt.paste(String(repeating: "x", count: TextField.defaultLimit))
        #expect(rt.text.contains("4,000/4,000"))
        rt.press(.char("y"))
        #expect(rt.text.contains("This field is full"))
        guard case .form(let form, _)? = rt.screen.modal else { Issue.record("the form closed"); return }
        #expect(form["text"].count == TextField.defaultLimit)
    }

    @Test func theCountShowsOnceAFieldIsLong() throws {
        var rt = try onNoteText()
        rt.paste(String(repeating: "a", count: 999))
        #expect(!rt.text.contains("999/4,000"))
        rt.press(.char("b"))
        #expect(rt.text.contains("1,000/4,000"))
    }

    /// The visible slice of a 4,000-character field is the same as a short one's around the
    /// cursor: what is drawn depends only on the characters near it.
    @Test func aLongFieldShowsTheSameAroundTheCursorAsAShortOne() {
        let tail = "the last words typed"
        let long = TextField(String(repeating: "z", count: 3_980) + tail)
        let short = TextField("zzzz" + tail)
        #expect(long.visible(width: 12).text == short.visible(width: 12).text)
        #expect(long.visible(width: 12).cursorCol == short.visible(width: 12).cursorCol)
        #expect(long.prefix(width: 10).count < 100)
    }
}
