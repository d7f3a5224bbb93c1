import MaracCore
import Testing
@testable import MaracUI

/// The screen-reader mode's conversation (docs/ACCESSIBILITY.md), without a terminal: lines in,
/// lines out, the journal a `FakeJournal`.
@Suite struct SpokenMeetingTests {
    func spoken(_ timed: [(Int, MeetingEvent)] = Fixture.opened, journal: FakeJournal) -> SpokenMeeting {
        let meeting = Fixture.meeting(timed)
        journal.nextSeq = meeting.events.count
        var s = SpokenMeeting(screen: MeetingScreen(meeting: meeting, now: Fixture.minutes(5)), perform: journal.perform)
        _ = s.start(now: Fixture.minutes(5))
        return s
    }

    func say(_ s: inout SpokenMeeting, _ lines: String...) -> [String] {
        lines.flatMap { s.answer($0) }
    }

    @Test func savedIsSaidOnlyWhenTheJournalConfirmedAndAFailureIsSaidWhole() {
        let journal = FakeJournal(clock: Fixture.minutes(5), nextSeq: 0)
        var s = spoken(journal: journal)
        let started = say(&s, "agenda", "open 1", "start")
        #expect(started.contains("Saved."))
        journal.failNextAppend = "fdatasync failed: Input/output error"
        let out = say(&s, "action", "Refer the perpetrator to the programme", "1", "+7d", "perp", "yes")
        #expect(!out.contains("Saved."), "said saved when the journal refused: \(out)")
        #expect(out.contains { $0.hasPrefix("NOT SAVED: fdatasync failed") }, "\(out)")
        // Still in the form, read back, so the chair can try again; this time it is saved.
        #expect(s.prompt.hasPrefix("Save?"))
        let again = s.answer("yes")
        #expect(again.contains("Saved."))
        #expect(s.meeting.state.actions.map(\.text) == ["Refer the perpetrator to the programme"])
    }

    /// In a mock (`marac train`) quitting ends the run and scores it: read aloud, the question says
    /// so and names the scorecard's folder, as the full screen does; a real meeting's is unchanged.
    @Test func quittingAMockSaysItIsScoredNow() {
        let journal = FakeJournal(clock: Fixture.minutes(5), nextSeq: 0)
        let meeting = Fixture.meeting(Fixture.opened)
        journal.nextSeq = meeting.events.count
        var screen = MeetingScreen(meeting: meeting, now: Fixture.minutes(5))
        screen.mockScorecardFolder = "/home/trainer/training/sam"
        var mock = SpokenMeeting(screen: screen, perform: journal.perform)
        _ = mock.start(now: Fixture.minutes(5))
        // Long lines are folded for a braille display: read as one text.
        let said = (say(&mock, "quit") + [mock.prompt]).joined(separator: " ").replacing("\n", with: " ")
        #expect(said.contains("Quit the mock? It ends here and is scored now. The scorecard is written to /home/trainer/training/sam."), "\(said)")
        #expect(!said.contains("Everything is already saved"))
        var real = spoken(journal: FakeJournal(clock: Fixture.minutes(5), nextSeq: 0))
        #expect((say(&real, "quit") + [real.prompt]).joined().contains("Quit marac? Everything is already saved."))
    }

    @Test func cancellingKeepsADraftThatComesBackWhenTheFormOpensAgain() {
        let journal = FakeJournal(clock: Fixture.minutes(5), nextSeq: 0)
        var s = spoken(journal: journal)
        _ = say(&s, "agenda", "open 1", "start", "note", "Police")
        #expect(s.prompt.hasPrefix("Kind"))
        _ = s.answer("\u{1B}")
        #expect(s.prompt.hasPrefix("Cancel?"))
        let cancelled = s.answer("")
        #expect(cancelled.joined(separator: " ").contains("Cancelled"))
        #expect(s.prompt == "Command: ")
        let reopened = s.answer("note")
        #expect(reopened.joined(separator: " ").contains("Now: Police."), "\(reopened)")
        #expect(journal.appends.count == 1, "only the discussion's start was written")
    }

    @Test func findingsAreSentencesAndDatesAreSpoken() {
        let journal = FakeJournal(clock: Fixture.minutes(5), nextSeq: 0)
        var s = spoken(journal: journal)
        let out = say(&s, "agenda", "open 1", "start", "action", "Visit", "", "01/11/2026")
        let text = out.joined(separator: "\n")
        #expect(text.contains("SMART check, must fix: Name the one agency that owns this action."))
        #expect(text.contains("Due date 1 November 2026 is in the past"), "\(text)")
        #expect(!text.contains("01/11/2026 is"))
        for line in out { #expect(line.count < 80 && !line.unicodeScalars.contains { $0.value == 0x1B }) }
    }

    @Test func privacyStopsCaseDetailUntilItIsTurnedOff() {
        let journal = FakeJournal(clock: Fixture.minutes(5), nextSeq: 0)
        var s = spoken(journal: journal)
        _ = s.answer("privacy")
        for command in ["case", "list", "register", "open 1"] {
            let out = s.answer(command).joined(separator: " ")
            #expect(out.contains("Privacy is on"), "\(command): \(out)")
            #expect(!out.contains("NV-101"))
        }
        _ = s.answer("privacy")
        #expect(s.answer("list").joined(separator: " ").contains("NV-101"))
    }

    @Test func helpSaysWhyACommandIsUnavailableInAClosedMeeting() {
        let journal = FakeJournal(clock: Fixture.minutes(5), nextSeq: 0)
        var s = spoken(Fixture.opened + [(5, .meetingClosed)], journal: journal)
        let help = s.answer("help").joined(separator: "\n")
        #expect(help.contains("Not available now:"))
        #expect(help.contains("end or C: not now"), "\(help)")
        let refused = s.answer("action").joined(separator: " ")
        #expect(refused.contains("not available now"), "\(refused)")
        #expect(journal.appends.isEmpty)
    }

    @Test func aCrossedTargetIsAnnouncedOnce() {
        let journal = FakeJournal(clock: Fixture.minutes(5), nextSeq: 0)
        var s = spoken(journal: journal)
        _ = say(&s, "agenda", "open 1", "start")
        #expect(s.tick(now: Fixture.minutes(10)).isEmpty)
        let crossed = s.tick(now: Fixture.minutes(16))
        #expect(crossed.joined(separator: " ").contains("has reached its 10-minute target"), "\(crossed)")
        #expect(s.tick(now: Fixture.minutes(17)).isEmpty, "said twice")
        #expect(s.tick(now: Fixture.minutes(21)).joined(separator: " ").contains("past its 15-minute limit"))
    }

    @Test func ctrlCCancelsAFormKeepingADraftAndElsewhereAsksToQuit() {
        let journal = FakeJournal(clock: Fixture.minutes(5), nextSeq: 0)
        var s = spoken(journal: journal)
        _ = say(&s, "agenda", "open 1", "start", "action", "Half-typed action")
        let cancelled = s.interrupt().joined(separator: " ")
        #expect(cancelled.contains("Cancelled"), "\(cancelled)")
        #expect(s.prompt == "Command: ")
        #expect(s.interrupt().joined(separator: " ").contains("Quit marac?"))
        #expect(s.answer("no").contains("Nothing changed."))
        #expect(!s.finished)
        #expect(s.answer("action").joined(separator: " ").contains("Now: Half-typed action."))
    }

    /// A note of several lines (pasted in the full screen) is read as its lines, not run together.
    @Test func aNoteOfSeveralLinesIsReadAsItsLines() {
        let journal = FakeJournal(clock: Fixture.minutes(5), nextSeq: 0)
        let note: (Int, MeetingEvent) = (10, .noteAdded(caseRef: "NV-101", agency: "Idva", kind: .riskInformation,
                                                         text: "Seen at home on 28/11\nunder review by the Idva\nno contact since"))
        var s = spoken(Fixture.discussing + [note], journal: journal)
        let out = say(&s, "case")
        let first = out.firstIndex { $0.contains("Seen at home on 28/11") }
        #expect(first != nil, "\(out)")
        if let first {
            #expect(out[first + 1].trimmingCharacters(in: .whitespaces) == "under review by the Idva")
            #expect(out[first + 2].trimmingCharacters(in: .whitespaces) == "no contact since.")
        }
        #expect(out.allSatisfy { $0.unicodeScalars.allSatisfy { $0.value >= 0x20 } })
    }

    /// The mode reads whole lines, so a note of several lines (a paste, typically) goes between two
    /// lines of three quotes: one answer, its line breaks kept, read back line by line, saved as one note.
    @Test func aNoteOfSeveralLinesIsOneAnswerBetweenThreeQuotes() {
        let journal = FakeJournal(clock: Fixture.minutes(5), nextSeq: 0)
        var s = spoken(journal: journal)
        let asked = say(&s, "agenda", "open 1", "start", "note", "Police", "").joined(separator: " ")
        #expect(asked.contains("For several lines, type three quotes on a line of their own"), "\(asked)")
        #expect(s.prompt == "Note: ")
        let opened = s.answer("\"\"\"")
        #expect(opened == ["A note of several lines: type or paste them, then a line of three quotes."])
        #expect(s.prompt == "Note, line 1, or three quotes to end: ")
        // A paste's lines, one answer each from the terminal: none of them is taken as an answer.
        for line in ["Seen at home on 28/11", "", "under review by the Idva  ", "next? yes"] { #expect(s.answer(line).isEmpty) }
        #expect(s.prompt == "Note, line 5, or three quotes to end: ")
        let readBack = s.answer(" \"\"\" ")
        #expect(s.prompt.hasPrefix("Save?"), "\(readBack)")
        // Read back a line at a time (the blank line is kept in the note, not read out).
        let first = readBack.firstIndex(of: "3. Note: Seen at home on 28/11")
        #expect(first != nil, "\(readBack)")
        if let first {
            #expect(Array(readBack.dropFirst(first + 1)) == ["   under review by the Idva", "   next? yes."], "\(readBack)")
        }
        #expect(s.answer("yes").contains("Saved."))
        let notes = s.meeting.state.cases.values.flatMap(\.notes).map(\.text)
        #expect(notes == ["Seen at home on 28/11\n\nunder review by the Idva\nnext? yes"], "\(notes)")
    }

    /// Ctrl-C in the middle of a note of several lines cancels the form keeping its lines as the draft.
    @Test func ctrlCInANoteOfSeveralLinesKeepsItsLinesInTheDraft() {
        let journal = FakeJournal(clock: Fixture.minutes(5), nextSeq: 0)
        var s = spoken(journal: journal)
        _ = say(&s, "agenda", "open 1", "start", "note", "Police", "", "\"\"\"", "First line", "Second line")
        #expect(s.interrupt().joined(separator: " ").contains("Cancelled"))
        #expect(s.prompt == "Command: ")
        let reopened = say(&s, "note", "", "").joined(separator: "\n")
        #expect(reopened.contains("First line") && reopened.contains("Second line"), "\(reopened)")
    }

    @Test func spokenDates() {
        #expect(Spoken.date(CalendarDate(year: 2026, month: 12, day: 1)!) == "1 December 2026")
        #expect(Spoken.dayAndDate(CalendarDate(year: 2026, month: 12, day: 8)!) == "Tuesday 8 December 2026")
        #expect(Spoken.plain("Due 04/12/2026 — soon · ok") == "Due 4 December 2026, soon, ok")
    }
}
