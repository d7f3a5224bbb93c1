import MaracCore
import Testing
@testable import MaracUI

@Suite("Text field editing")
struct TextFieldTests {
    func edited(_ start: String, _ keys: [Key]) -> TextField {
        var f = TextField(start)
        for k in keys { let handled = f.handle(k); #expect(handled) }
        return f
    }

    @Test func typesAtTheCursor() {
        let f = edited("ace", [.left, .left, .char("b")])
        #expect(f.text == "abce")
        #expect(f.cursor == 2)
    }

    @Test func backspaceAndDelete() {
        #expect(edited("abc", [.backspace]).text == "ab")
        #expect(edited("abc", [.home, .delete]).text == "bc")
        #expect(edited("abc", [.home, .backspace]).text == "abc")
        #expect(edited("abc", [.delete]).text == "abc")
    }

    @Test func homeEndAndEmacsKeys() {
        #expect(edited("abc", [.home, .char("X")]).text == "Xabc")
        #expect(edited("abc", [.ctrl("a"), .ctrl("e"), .char("X")]).text == "abcX")
        #expect(edited("hello world", [.left, .left, .left, .left, .left, .ctrl("u")]).text == "world")
        #expect(edited("hello world", [.home, .right, .right, .ctrl("k")]).text == "he")
        #expect(edited("hello world", [.end, .home, .end, .char("!")]).text == "hello world!")
    }

    @Test func nonEditingKeysAreLeftToTheForm() {
        var f = TextField("x")
        for key in [Key.tab, .enter, .escape] {
            let handled = f.handle(key)
            #expect(!handled)
        }
        #expect(f.text == "x")
    }

    @Test func longTextScrollsToKeepTheCursorVisible() {
        let f = TextField(String(repeating: "a", count: 30) + "END")
        let shown = f.visible(width: 10)
        #expect(shown.text.hasSuffix("END"))
        #expect(shown.cursorCol <= 9)
    }
}

@Suite("Forms")
struct FormModelTests {
    func actionForm() -> FormModel { ActionFields.model(agencies: ["Police", "Probation", "Idva", "Housing"]) }

    @Test func tabAndShiftTabMoveAndWrap() {
        var f = actionForm()
        do { let r = f.handle(.tab); #expect(r == .editing) }; #expect(f.focus == 1)
        do { let r = f.handle(.backTab); #expect(r == .editing) }; #expect(f.focus == 0)
        do { let r = f.handle(.backTab); #expect(r == .editing) }; #expect(f.focus == 3)
        do { let r = f.handle(.tab); #expect(r == .editing) }; #expect(f.focus == 0)
    }

    @Test func enterMovesOnAndSavesOnTheLastField() {
        var f = actionForm()
        do { let r = f.handle(.enter); #expect(r == .editing) }
        #expect(f.focus == 1)
        f.focus = 3
        do { let r = f.handle(.enter); #expect(r == .save) }
    }

    @Test func ctrlSSavesAnywhereAndEscCancels() {
        var f = actionForm()
        do { let r = f.handle(.ctrl("s")); #expect(r == .save) }
        do { let r = f.handle(.escape); #expect(r == .cancel) }
    }

    @Test func agencyCompletionOffersMatchesAndTabAcceptsTheFirst() {
        var f = actionForm()
        f.focus = 1
        for c in "pro" { _ = f.handle(.char(c)) }
        #expect(f.candidates(for: 1) == ["Probation"])
        _ = f.handle(.tab)
        #expect(f["owner"] == "Probation")
        #expect(f.focus == 2)
    }

    @Test func agencyCompletionListsEveryPrefixMatch() {
        var f = FormModel(title: "t", fields: [FormField("a", "A", .agency)], agencies: ["Police", "Probation", "Idva"])
        _ = f.handle(.char("P"))
        #expect(f.candidates(for: 0) == ["Police", "Probation"])
    }

    @Test func typedAgencyThatMatchesNothingIsKept() {
        var f = actionForm()
        f.focus = 1
        for c in "Zeta Trust" { _ = f.handle(.char(c)) }
        _ = f.handle(.tab)
        #expect(f["owner"] == "Zeta Trust")
    }

    @Test func choiceFieldsCycleWithArrowsOrByTyping() {
        var f = actionForm()
        f.focus = 3
        _ = f.handle(.right)
        #expect(f.field("category")?.chosen == "victim safety")
        _ = f.handle(.right)
        #expect(f.field("category")?.chosen == "children")
        _ = f.handle(.left); _ = f.handle(.left)
        #expect(f.field("category")?.chosen == "criminal justice")
        f.set("category", "")
        for c in "perp" { _ = f.handle(.char(c)) }
        #expect(ActionCategory.parse(f["category"]) == .perpetrator)
    }
}

@Suite("Attendance form")
struct AttendanceFormTests {
    @Test func fieldsThatDoNotApplyToTheRoleAreSkipped() {
        var f = AttendanceForm.model(agencies: ["Police", "Housing"])
        // present: agency, name, role, confidentiality — Enter on confidentiality saves.
        #expect(f.visibleIndices.map { f.fields[$0].key } == ["agency", "rep", "role", "conf"])
        f.focus = 2
        f.set("role", "apologies")
        #expect(f.visibleIndices.map { f.fields[$0].key } == ["agency", "rep", "role", "info", "received"])
        _ = f.handle(.tab)
        #expect(f.fields[f.focus].key == "info")
        _ = f.handle(.backTab)
        #expect(f.fields[f.focus].key == "role")
    }

    @Test func apologiesWithInformationReceivedAreRecorded() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.opened), now: Fixture.minutes(4))
        try rt.run("1aHousing<Tab>Sam Other<Tab><Right><Right><Tab>y<Tab>28/11<Enter>")
        let a = rt.screen.meeting.state.attendance.first { $0.representative == "Sam Other" }
        #expect(a?.role == .apologies)
        #expect(a?.informationSent == true)
        #expect(a?.informationReceived == CalendarDate(year: 2026, month: 11, day: 28))
        #expect(a?.confidentialityAgreed == nil)
    }
}
