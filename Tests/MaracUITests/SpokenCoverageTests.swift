import MaracCore
import Testing
@testable import MaracUI

/// A blind chair can do what a sighted one can: every key of every screen's keymap (and of the
/// global one) is a screen-reader command, or is listed here with the command that does its work.
/// A key added to a controller without a spoken word fails this test.
@Suite struct SpokenCoverageTests {
    /// Keys the mode does through its own commands, by binding label: moving a selection is the
    /// number a command takes (`outcome 2`, `open 3`), scrolling and searching are `list` and
    /// `case`, help and the palette are `help`, Esc is typed as `esc`, the screen numbers are
    /// `opening`, `review`, `agenda`, `open N`, `summary`.
    static let doneOtherwise: [ScreenID?: Set<String>] = [
        nil: ["1 … 5", "? or F1", ":"],
        .opening: ["j/k", "Esc"],
        .review: ["j/k", "Esc"],
        .agenda: ["j/k", "/", "Home / End", "Esc"],
        .caseView: ["j/k", "PgDn/PgUp", "/", "Esc"],
        .summary: ["j/k PgDn/PgUp", "Esc"],
    ]

    @Test(arguments: [nil] + ScreenID.allCases.map(Optional.some))
    func everyKeyHasASpokenCommand(_ screen: ScreenID?) {
        let keymap = screen.map { MeetingScreen.keymap(for: $0) } ?? MeetingScreen.globalKeymap
        let spoken = screen.map { SpokenCommands.forScreen($0) } ?? SpokenCommands.general
        let spokenKeys = Set(spoken.compactMap(\.key))
        var missing: [String] = []
        for binding in keymap where !binding.isHandledElsewhere && !(Self.doneOtherwise[screen] ?? []).contains(binding.label) {
            // Enter on the opening and m do the same; one spoken word for either key is enough.
            if !binding.keys.contains(where: spokenKeys.contains) { missing.append("\(binding.label) — \(binding.help)") }
        }
        #expect(missing.isEmpty, "no screen-reader command for \(screen?.title ?? "every screen"): \(missing)")
    }

    @Test func everySpokenCommandPressesAKeyTheKeymapHas() {
        for screen in ScreenID.allCases {
            for c in SpokenCommands.forScreen(screen) where c.key != nil {
                #expect(c.binding != nil, "\(c.name) on \(screen.title) presses a key the keymap does not have")
            }
        }
        for c in SpokenCommands.general where c.key != nil && c.binding == nil {
            // The screen numbers are handled by the root, not a binding of their own.
            #expect(["opening", "agenda", "summary"].contains(c.name), "\(c.name) presses a key the global keymap does not have")
        }
    }

    /// What the new words are for, from the chair's side: the next meeting and an item of any other
    /// business set by typing words, written to the journal as the full screen writes them.
    @Test func theNextMeetingAndAnyOtherBusinessAreSetByWords() {
        var (s, journal) = SpokenReadingTests.spoken(Fixture.opened)
        var out = ["summary", "next-meeting"].flatMap { s.answer($0) }
        #expect(!out.joined().contains("not a command"), "\(out)")
        var answers = 0
        while !s.prompt.hasPrefix("Save?") && s.prompt != "Command: " && answers < 6 {
            out += s.answer(s.prompt.lowercased().contains("date") ? "05/01/2027" : "Committee Room 2")
            answers += 1
        }
        if s.prompt.hasPrefix("Save?") { out += s.answer("yes") }
        #expect(journal.appends.flatMap { $0 }.contains(.nextMeetingSet(date: CalendarDate(year: 2027, month: 1, day: 5)!, venue: "Committee Room 2")),
                "\(out)")

        out = ["agenda", "business"].flatMap { s.answer($0) }
        #expect(!out.joined().contains("not a command"), "\(out)")
        #expect(s.prompt != "Command: ", "the item of any other business form opened: \(out)")
    }
}

/// What a blind chair must hear that the full screen shows: the statement to read aloud on the
/// opening, and the names in a case's header.
@Suite struct SpokenReadingTests {
    static func spoken(_ timed: [(Int, MeetingEvent)], at minute: Int = 5) -> (SpokenMeeting, FakeJournal) {
        let journal = FakeJournal(clock: Fixture.minutes(minute), nextSeq: 0)
        let meeting = Fixture.meeting(timed)
        journal.nextSeq = meeting.events.count
        var s = SpokenMeeting(screen: MeetingScreen(meeting: meeting, now: Fixture.minutes(minute)), perform: journal.perform)
        _ = s.start(now: Fixture.minutes(minute))
        return (s, journal)
    }

    @Test func aFirstReferralIsNotReadAsARepeat() {
        var (s, _) = Self.spoken(Fixture.opened)
        let agenda = s.answer("list").joined(separator: " ")
        #expect(agenda.contains("NV-101, waiting, repeat,"), "a hearing in March, within 12 months: \(agenda)")
        #expect(agenda.contains("NV-104, waiting, not a repeat"), "its hearing was over 12 months ago: \(agenda)")
        #expect(agenda.contains("NV-102, waiting, repeat not recorded"), "the agenda says nothing: \(agenda)")
    }

    @Test func theForecastCountsFromNowLikeTheHeader() {
        // Planned 09:30 for three hours, started at 17:50: the forecast is after 17:50, never 09:35.
        let late = Fixture.opened.map { (m, e) in (m + 500, e) }
        var (s, _) = Self.spoken(late, at: 505)
        let header = s.model.view(size: Size(cols: 120, rows: 40)).lines()[0]
        let heard = s.answer("where").joined(separator: " ")
        let finish = header.split(separator: "≈").dropFirst().first.map { String($0.split(separator: " ")[0]) } ?? "?"
        #expect(heard.contains("finishes about \(finish)"), "header \(header) but heard: \(heard)")
    }

    @Test func theOpeningReadsTheStatementUntilItIsRecordedAsRead() {
        var (s, _) = Self.spoken(Fixture.opened.filter { if case .confidentialityStatementRead = $0.1 { return false } else { return true } })
        let meeting = s.meeting
        let statement = meeting.state.rules.confidentialityStatement
        let firstWords = statement.split(separator: " ").prefix(5).joined(separator: " ")
        if meeting.state.confidentialityRead {
            Issue.record("the fixture has the statement read already"); return
        }
        let heard = s.answer("opening").joined(separator: " ")
        #expect(heard.contains(firstWords), "the statement is read out: \(heard)")
        #expect(heard.contains("type statement"), "\(heard)")
        _ = s.answer("statement")
        #expect(s.answer("register").joined(separator: " ").contains("has been read"))
    }

    @Test func aCaseIsReadWithItsNames() {
        var (s, _) = Self.spoken(Fixture.opened)
        let heard = (s.answer("agenda") + s.answer("open 1")).joined(separator: " ")
        #expect(heard.contains("Victim Jane Example, perpetrator Mark Example."), "\(heard)")
    }
}

/// The review in the screen-reader mode: one number per action that the chair can type back.
@Suite struct SpokenReviewNumbersTests {
    @Test func theNumberSaidIsTheNumberTyped() {
        var (s, journal) = SpokenReadingTests.spoken(Fixture.opened)
        let list = s.answer("review").joined(separator: "\n")
        #expect(list.contains("2. 17/11 #5, case NV-090, Police"), "each item says its place and its own number: \(list)")
        // The action's own number is accepted too, when only one action has it.
        var out = s.answer("outcome #6")
        #expect(out.joined(separator: " ").contains("17/11 #6"), "\(out)")
        var answers = 0
        while !s.prompt.hasPrefix("Save?") && s.prompt != "Command: " && answers < 6 {
            out += s.answer(s.prompt.lowercased().contains("outcome") ? "1" : "Referral made")
            answers += 1
        }
        if s.prompt.hasPrefix("Save?") { out += s.answer("yes") }
        let reviewed = journal.appends.flatMap { $0 }.compactMap { e -> String? in
            if case .outstandingActionReviewed(let id, _, _) = e { return id } else { return nil }
        }
        #expect(reviewed == ["20261117-6"], "\(out)")
        // What comes next is said with the number `outcome` takes.
        #expect(out.joined(separator: " ").contains("That is number 2 of 3 in the review: type outcome 2."), "\(out)")
    }
}
