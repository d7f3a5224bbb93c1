import Foundation
import MaracCore
import Testing
@testable import MaracUI

/// One declarative keymap per screen: dispatch, help and the hint bar come from it.
@Suite struct KeymapTests {
    /// Every binding of every screen, printed and compared with `Goldens/keymap.txt`
    /// (`MARAC_RECORD_GOLDENS=1` rewrites it): a changed or lost key shows in review.
    @Test func keymapGolden() throws {
        let file = Golden.folder.appendingPathComponent("keymap.txt")
        let actual = KeymapListing.text()
        if Golden.recording {
            try actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded keymap.txt (MARAC_RECORD_GOLDENS=1): run again without it to compare")
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(actual == expected)
    }

    @Test func noTwoBindingsOfAScreenShareAKey() {
        for screen in ScreenID.allCases {
            let keys = (MeetingScreen.keymap(for: screen) + MeetingScreen.globalKeymap).filter { !$0.isHandledElsewhere }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "a key is bound twice on \(screen.title)")
        }
    }

    @Test func everyBindingIsInHelp() {
        for screen in ScreenID.allCases {
            let text = HelpOverlay.lines(for: screen, width: 200).map(\.plain).joined(separator: "\n")
            for b in MeetingScreen.keymap(for: screen) + MeetingScreen.globalKeymap {
                #expect(text.contains(b.help.prefix(30)), "\(b.label) missing from help on \(screen.title)")
            }
        }
    }

    /// Keys that worked but help never listed: Agenda Home/End, Summary PgUp/PgDn, Case Space.
    @Test func keysThatWorkedUnlistedAreNowInHelp() {
        func help(_ s: ScreenID) -> String { HelpOverlay.lines(for: s, width: 200).map(\.plain).joined(separator: "\n") }
        #expect(help(.agenda).contains("Home / End"))
        #expect(help(.summary).contains("PgDn/PgUp"))
        #expect(help(.caseView).contains("Space pages down"))
    }

    /// At 80 columns the case hint bar once never showed `b`: once the case is past its target,
    /// closing it and granting time come first.
    @Test func pastTheTargetTheHintBarLeadsWithCloseAndBonus() throws {
        var early = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(7))
        try early.run("4")
        #expect(early.lines.last?.hasPrefix(" s start/stop · a action") == true)
        var late = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        try late.run("4")
        #expect(late.lines.last?.hasPrefix(" n close case · b +5 min") == true)
    }

    @Test func amendAndWithdrawShowOnlyWithAnActionSelected() throws {
        let noActions = Array(Fixture.discussing.prefix(Fixture.discussing.count - 2))
        var rt = FakeRuntime(meeting: Fixture.meeting(noActions), now: Fixture.minutes(7), size: Size(cols: 160, rows: 30))
        try rt.run("4")
        #expect(!(rt.lines.last ?? "").contains("e amend"))
        var with = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(7), size: Size(cols: 160, rows: 30))
        try with.run("4")
        #expect((with.lines.last ?? "").contains("e amend · x withdraw"))
    }

    @Test func aDisabledKeySaysWhyAndDoesNothing() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17), mode: .readOnly)
        try rt.run("4a")
        #expect(rt.screen.modal == nil)
        #expect(rt.text.contains("read-only: this is a replay"))
        #expect(rt.appends.isEmpty)
    }

    @Test func helpFiltersKeysAndGlossaryAsYouType() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(7), size: Size(cols: 120, rows: 40))
        try rt.run("4?/dvpo")
        #expect(rt.text.contains("Domestic Violence Protection Notice"))
        #expect(!rt.text.contains("add an action"))        // keys that do not mention it are gone
        try rt.run("<Esc>")
        #expect(rt.text.contains("add an action"))          // Esc clears the filter, help stays open
        try rt.run("/zzzz<Enter>")
        #expect(rt.text.contains("Nothing in help mentions"))
        try rt.run("<Esc><Esc>")
        #expect(rt.screen.help == nil)
    }

    @Test func thePaletteListsTheScreensCommandsAndRunsTheChosenOne() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(7), size: Size(cols: 120, rows: 40))
        try rt.run("4:")
        #expect(rt.text.contains("Commands on the Case screen"))
        #expect(rt.text.contains("add a note (agency, kind, text)"))
        try rt.run("note")                                  // typed into the palette, not as keys
        #expect(rt.appends.isEmpty && rt.text.contains("add a note"))
        #expect(!rt.text.contains("grant 5 bonus minutes"))
        try rt.run("<Enter>")
        #expect(rt.text.contains("Add a note"))
    }

    @Test func searchFindsACaseByANoteAndJumpsToIt() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(7), size: Size(cols: 120, rows: 40))
        try rt.run("3j/")
        #expect(rt.text.contains("Search case references, names and notes"))
        try rt.run("call-outs")
        guard case .finder(let finder)? = rt.screen.modal else { Issue.record("the search closed"); return }
        #expect(rt.screen.finderItems(finder).map(\.key) == ["NV-101"])   // found by its note alone
        #expect(rt.text.contains("note: Three call-outs since October"))
        try rt.run("<Enter>")
        #expect(rt.screen.agenda.selectedRef == "NV-101")
        try rt.run("/rosa<Enter>")
        #expect(rt.screen.agenda.selectedRef == "NV-104")
        #expect(rt.appends.isEmpty)
    }
}
