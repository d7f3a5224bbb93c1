import MaracCore
import Testing
@testable import MaracUI

/// A discussion note keeps its line breaks (docs/DECISIONS.md, "s3-11paste: notes keep their lines"):
/// pasted or typed with Ctrl-J / Alt-Enter, shown on several rows in the form and on the case screen,
/// saved with "\n" in the journal. Every other field stays one line and joins a pasted break with a space.
@Suite struct NoteLinesTests {
    static let threeLines = "Seen at home on 28/11\nunder review by the Idva\nno contact since"

    func onNoteText(size: Size = Size(cols: 80, rows: 24)) throws -> FakeRuntime {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17), size: size)
        try rt.run("4oPolice<Tab><Tab>")
        return rt
    }

    func form(_ rt: FakeRuntime) -> FormModel? {
        if case .form(let f, _)? = rt.screen.modal { return f }
        return nil
    }

    /// The rows of the screen that hold `text`, trimmed.
    func rows(_ rt: FakeRuntime, containing text: String) -> [Int] {
        rt.lines.enumerated().filter { $0.element.contains(text) }.map(\.offset)
    }

    @Test func aPastedThreeLineNoteShowsOnThreeRowsOfTheFormAndSavesWithItsLines() throws {
        var rt = try onNoteText()
        rt.paste(Self.threeLines)
        let first = try #require(rows(rt, containing: "Seen at home on 28/11").first)
        #expect(rows(rt, containing: "under review by the Idva") == [first + 1])
        #expect(rows(rt, containing: "no contact since") == [first + 2])
        // The cursor is at the end of the last line, where the next character goes.
        let frame = rt.screen.view(size: rt.size)
        #expect(frame.cursor?.row == first + 2)
        rt.press(.enter)   // Enter on the last field saves, as before
        #expect(rt.appends.count == 1)
        #expect(rt.screen.meeting.state.cases["NV-101"]?.notes.last?.text == Self.threeLines)
    }

    @Test func theCaseScreenShowsTheNoteAsItsLines() throws {
        var rt = try onNoteText(size: Size(cols: 120, rows: 40))
        rt.paste(Self.threeLines)
        rt.press(.ctrl("s"))
        #expect(form(rt) == nil)
        let first = try #require(rows(rt, containing: "Seen at home on 28/11").first, "\(rt.text)")
        #expect(rows(rt, containing: "under review by the Idva") == [first + 1])
        #expect(rows(rt, containing: "no contact since") == [first + 2])
        // The continuation lines sit under the note's text column, not under the agency.
        let line = rt.lines[first]
        let column = line.distance(from: line.startIndex, to: try #require(line.range(of: "Seen at home")).lowerBound)
        #expect(rt.lines[first + 1].prefix(column).allSatisfy { $0 == " " })
    }

    @Test func ctrlJAndAltEnterTypeALineBreakAndEnterKeepsItsMeaning() throws {
        var rt = try onNoteText()
        rt.type("first")
        rt.press(.lineBreak)   // Ctrl-J
        rt.type("second")
        rt.press(.altEnter)    // Alt-Enter (InputAssembler: ESC and Enter together)
        rt.type("third")
        #expect(form(rt)?["text"] == "first\nsecond\nthird")
        #expect(rt.appends.isEmpty)
        rt.press(.enter)
        #expect(rt.screen.meeting.state.cases["NV-101"]?.notes.last?.text == "first\nsecond\nthird")
    }

    @Test func ctrlJInAOneLineFieldIsEnter() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        try rt.run("4oPolice")
        rt.press(.lineBreak)
        #expect(form(rt)?.focus == 1)        // moved on to Kind, as Enter does
        #expect(form(rt)?["agency"] == "Police")
        try rt.run("<Esc>")
        // Outside a form too: the agenda's Enter (open the case) answers Ctrl-J.
        var agenda = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        agenda.press(.char("3"))
        var viaEnter = agenda
        agenda.press(.lineBreak); viaEnter.press(.enter)
        #expect(agenda.screen.screen == viaEnter.screen.screen)
        #expect(agenda.lines == viaEnter.lines)
        // Alt-Enter outside a note does nothing: Esc and Enter pressed together never become a save.
        var last = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        try last.run("4oPolice<Tab><Tab>x<S-Tab>")   // on Kind, a one-line field
        last.press(.altEnter)
        #expect(form(last)?.focus == 1 && last.appends.isEmpty)
    }

    @Test func aPasteIntoAOneLineFieldStillJoinsItsLines() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        try rt.run("4o")
        rt.paste("Police\nnorth\r\nteam")
        #expect(form(rt)?["agency"] == "Police north team")
    }

    /// Nothing in a paste but the line breaks survives as a control character: escape sequences,
    /// CR, tabs, C1 controls and bidi overrides are dropped or made spaces, in the field and the journal.
    @Test func onlyLineFeedsSurviveInANote() throws {
        var rt = try onNoteText()
        rt.paste("red\u{1B}[31m\r\nline\ttwo\u{9B}2J\u{7}\rthree\u{202E}")
        rt.press(.ctrl("s"))
        let text = try #require(rt.screen.meeting.state.cases["NV-101"]?.notes.last?.text)
        #expect(text.split(separator: "\n").count == 3)
        #expect(text.unicodeScalars.allSatisfy { $0 == "\n" || ($0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value)) })
        #expect(!text.contains("\u{1B}") && !text.contains("\r") && !text.contains("\t"))
    }

    @Test func upAndDownMoveThroughTheNotesLinesThenToTheNextField() throws {
        var rt = try onNoteText()
        rt.paste("one\ntwo longer\nthree")
        rt.press(.up)                       // from the end of "three" (column 5) to "two l|onger"
        rt.type("X")
        #expect(form(rt)?["text"] == "one\ntwo lXonger\nthree")
        rt.press(.up); rt.press(.up)        // to the end of "one", then out of the note to the field above
        #expect(form(rt)?.focus == 1)
        rt.press(.down)                     // back into the note, then down its lines
        #expect(form(rt)?.focus == 2)
        rt.press(.down); rt.press(.down)
        rt.press(.home); rt.type("<")
        #expect(form(rt)?["text"] == "one\ntwo lXonger\n<three")   // Home: the start of the cursor's line
    }

    /// A note longer than the form can show grows to eight rows, then scrolls with the cursor and
    /// says which rows show.
    @Test func aLongNoteGrowsThenScrollsWithTheCursor() throws {
        var rt = try onNoteText()
        rt.paste((1...12).map { "line \($0)" }.joined(separator: "\n"))
        #expect(rows(rt, containing: "line 12").count == 1)
        #expect(rows(rt, containing: "line 4").isEmpty)
        #expect(rt.text.contains("↕ rows 5–12 of 12"))
        for _ in 0..<11 { rt.press(.up) }
        #expect(rows(rt, containing: "line 1").count == 1)
        #expect(rows(rt, containing: "line 12").isEmpty)
        #expect(rt.text.contains("↕ rows 1–8 of 12"))
    }

    /// Amending a note of several lines: the form opens with its lines on their rows, selected, and
    /// a line added after them keeps the others.
    @Test func anAmendedNoteKeepsItsLines() throws {
        var rt = try onNoteText(size: Size(cols: 120, rows: 40))
        rt.paste(Self.threeLines)
        rt.press(.ctrl("s"))
        let id = try #require(rt.screen.meeting.state.cases["NV-101"]?.notes.last?.id)
        try rt.run("m#\(id)<Enter><Tab><Tab>")
        #expect(rt.text.contains("Amend note #\(id)"))
        let first = try #require(rows(rt, containing: "Seen at home on 28/11").first, "\(rt.text)")
        #expect(rows(rt, containing: "no contact since").contains(first + 2))
        #expect(rt.lines[first].contains("typing replaces"))
        rt.press(.right)                    // keeps the text, the cursor at its end
        rt.press(.lineBreak)
        try rt.run("since 30/11 the Idva has called twice<Tab>added the Idva's update<C-s>")
        let note = try #require(rt.screen.meeting.state.cases["NV-101"]?.notes.first { $0.id == id })
        #expect(note.text == Self.threeLines + "\nsince 30/11 the Idva has called twice")
    }

    /// Unfocused, a note shows on one row with ↵ where its lines break.
    @Test func anUnfocusedNoteShowsItsBreaksAsReturnMarks() throws {
        var rt = try onNoteText()
        rt.paste("one\ntwo")
        rt.press(.backTab)
        #expect(rt.text.contains("one↵two"))
    }
}

@Suite struct ProseLayoutTests {
    @Test func linesAreWrappedAtSpacesAndBrokenInsideLongWords() {
        let chars = Array("the quick brown fox\n\nabcdefghijkl")
        let layout = ProseLayout(chars, width: 10)
        let rows = layout.rows.indices.map { layout.text(of: $0, in: chars) }
        #expect(rows == ["the quick ", "brown fox", "", "abcdefghij", "kl"])
        #expect(layout.rows.map(\.endsLine) == [false, true, true, false, true])
    }

    @Test func theCursorAtAWrapIsAtTheStartOfTheNextRow() {
        let chars = Array("the quick brown")
        let layout = ProseLayout(chars, width: 10)
        #expect(layout.position(of: 10, in: chars).row == 1 && layout.position(of: 10, in: chars).col == 0)
        #expect(layout.position(of: 15, in: chars).row == 1 && layout.position(of: 15, in: chars).col == 5)
        #expect(layout.position(of: 0, in: chars).row == 0 && layout.position(of: 0, in: chars).col == 0)
        let empty = ProseLayout([], width: 10)
        #expect(empty.rows.count == 1)
        #expect(empty.position(of: 0, in: []).row == 0 && empty.position(of: 0, in: []).col == 0)
    }

    @Test func theCursorRowAlwaysShows() {
        let layout = ProseLayout(Array((1...12).map { "l\($0)" }.joined(separator: "\n")), width: 10)
        #expect(layout.firstShownRow(cursorRow: 11, height: 8) == 4)
        #expect(layout.firstShownRow(cursorRow: 2, height: 8) == 0)
        #expect(layout.firstShownRow(cursorRow: 0, height: 20) == 0)
    }
}

@Suite struct TextFieldLinesTests {
    @Test func homeAndEndGoToTheCursorsLine() {
        var field = TextField("one\ntwo\nthree")
        field.cursor = 5   // in "two", after its "t"
        _ = field.handle(.home)
        #expect(field.cursor == 4)
        _ = field.handle(.end)
        #expect(field.cursor == 7)
        var oneLine = TextField("just one line")
        _ = oneLine.handle(.home)
        #expect(oneLine.cursor == 0)
        _ = oneLine.handle(.end)
        #expect(oneLine.cursor == 13)
    }

    @Test func moveLineKeepsTheColumnOrGoesToTheEndOfAShorterLine() {
        var field = TextField("a longer line\nab\nthird line")
        var moves: [Bool] = []
        var cursors: [Int] = []
        for step in [-1, -1, -1, 1, 1, 1] {
            moves.append(field.moveLine(step))
            cursors.append(field.cursor)
        }
        // From the end of "third line" (column 10): the end of "ab", column 2 of the first line, no line
        // above (the form moves to the field above), then down: column 2 of "ab", of "third line", no line below.
        #expect(moves == [true, true, false, true, true, false])
        #expect(cursors == [16, 2, 2, 16, 19, 19])
    }

    @Test func ctrlWStopsAtALineBreak() {
        var field = TextField("first line\nsecond")
        _ = field.handle(.ctrl("w"))
        #expect(field.text == "first line\n")
        _ = field.handle(.ctrl("w"))
        #expect(field.text == "first ")
    }
}
