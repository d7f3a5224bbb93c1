import Foundation
import MaracCore
import Testing
@testable import MaracUI

/// The opening review shows what came back between meetings (the latest tracker note or agency
/// return, with its date) and, in words, how many days each action is overdue at the meeting.
@Suite("Review: progress and overdue")
struct ReviewProgressTests {
    static let agreedOn = CalendarDate(year: 2026, month: 11, day: 17)!
    static let returned = CalendarDate(year: 2026, month: 11, day: 27)!

    static let actions: [OutstandingAction] = [
        OutstandingAction(id: "20261117-northvale-2", meetingDate: agreedOn, caseRef: "NV-088",
                          text: "Fit a door alarm and window locks at the victim's address", owner: "Police",
                          due: CalendarDate(year: 2026, month: 11, day: 24), category: .victimSafety,
                          progress: ActionProgress(kind: .note, on: returned, note: "Alarm ordered; fitting booked 05/12",
                                                   by: "Sam Coordinator", agency: "Police")),
        OutstandingAction(id: "20261117-northvale-4", meetingDate: agreedOn, caseRef: "NV-090",
                          text: "Make a Sanctuary referral for the victim's flat", owner: "Housing",
                          due: CalendarDate(year: 2026, month: 11, day: 30), category: .housing,
                          // A returned file's note with bytes that would drive a terminal, and a long tail.
                          progress: ActionProgress(kind: .note, on: CalendarDate(year: 2026, month: 11, day: 28)!,
                                                   note: "Sanctuary referral made\u{1B}[2J\u{1B}]0;owned\u{07}; survey awaited\r\nfrom the landlord's"
                                                       + " surveyor, who has been chased twice by phone and once in writing and has still not given a date",
                                                   by: "Sam Coordinator", agency: "Housing")),
        OutstandingAction(id: "20261117-northvale-6", meetingDate: agreedOn, caseRef: "NV-091",
                          text: "Refer the perpetrator to the perpetrator programme", owner: "Probation",
                          due: CalendarDate(year: 2026, month: 12, day: 8), category: .perpetrator,
                          progress: ActionProgress(kind: .extend, on: returned, note: "Programme starts in January", by: "Sam Coordinator")),
        OutstandingAction(id: "20261117-northvale-7", meetingDate: agreedOn, caseRef: "NV-092",
                          text: "Share the school's safeguarding plan", owner: "Education",
                          due: CalendarDate(year: 2026, month: 11, day: 30), category: .children),
    ]

    static func screen(keys: String, reviewed: [MeetingEvent] = []) throws -> MeetingScreen {
        let setUp: [MeetingEvent] = [.meetingCreated(info: Fixture.info, rules: .national)]
            + Fixture.cases.map { MeetingEvent.caseQueued(agendaCase: $0, late: false) }
            + [.outstandingActionsImported(actions: actions), .meetingStarted] + reviewed
        let records = setUp.enumerated().map { RecordedEvent(seq: $0.offset, at: Fixture.t0 + Int64($0.offset) * 1000, event: $0.element) }
        var rt = FakeRuntime(meeting: Meeting(events: records), now: Fixture.minutes(4))
        try rt.run(keys)
        return rt.screen
    }

    static func text(_ screen: MeetingScreen, _ size: Size) -> (lines: [String], joined: String) {
        let lines = screen.view(size: size).lines()
        // Read as a person would: the form's frame and the list's scroll marks are not words.
        let joined = lines.map { $0.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "│↑↓"))) }
            .joined(separator: " ")
            .split(separator: " ").joined(separator: " ")
        return (lines, joined)
    }

    @Test func eachLineSaysWhatCameBackAndHowLate() throws {
        let screen = try Self.screen(keys: "2")
        for size in Golden.standardSizes {
            let (lines, joined) = Self.text(screen, size)
            // The meeting is on 01/12/2026: due 24/11 is 7 days overdue, 30/11 one day; 08/12 is not due.
            #expect(joined.contains("7 days overdue"), "\(size)")
            #expect(joined.contains("1 day overdue"), "\(size)")
            #expect(!joined.contains("-7 days") && !joined.contains("overdue overdue"), "\(size)")
            #expect(joined.contains("Police reported: \"Alarm ordered; fitting booked 05/12\" (27/11/2026)"), "\(size): \(joined)")
            #expect(joined.contains("extended by Sam Coordinator: \"Programme starts in January\" (27/11/2026)"), "\(size)")
            // The hostile note is shown as its words, with nothing that can drive the terminal.
            #expect(joined.contains("Housing reported: \"Sanctuary referral made; survey awaited"), "\(size): \(joined)")
            for line in lines {
                #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(size): a control character on screen")
                #expect(CharWidth.of(line) <= size.cols, "\(size): a line wider than the window")
            }
        }
        Golden.check("review-progress", screen)
        GoldenASCII.check("ascii-review-progress", screen)
    }

    @Test func aLongNoteEndsAtAWholeWordAndTheFormShowsItAll() throws {
        let list = try Self.screen(keys: "2")
        let (_, shown) = Self.text(list, Size(cols: 80, rows: 24))
        // Two lines at most under the action; the cut is after a whole word, marked.
        #expect(shown.contains("… "), "the long note is not marked as shortened")
        #expect(!shown.contains("not given a date"))
        // Enter on the Housing action (second in the list): the form has the whole note and the lateness.
        let form = try Self.screen(keys: "2j<Enter>")
        for size in Golden.standardSizes {
            let (lines, joined) = Self.text(form, size)
            #expect(joined.contains("Latest: Housing reported: \"Sanctuary referral made; survey awaited from the landlord's surveyor"), "\(size): \(joined)")
            #expect(joined.contains("still not given a date\" (28/11/2026)"), "\(size): the form cut the note")
            #expect(joined.contains("Due 30/11/2026: 1 day overdue at this meeting (01/12/2026)"), "\(size)")
            for line in lines { #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(size)") }
        }
        Golden.check("review-progress-form", form)
    }

    @Test func overdueIsNotSaidOnceTheOutcomeIsRecorded() throws {
        let screen = try Self.screen(keys: "2", reviewed: [
            .outstandingActionReviewed(actionID: "20261117-northvale-2", outcome: .done, note: "Fitted 05/12"),
        ])
        let (_, joined) = Self.text(screen, Size(cols: 120, rows: 40))
        #expect(!joined.contains("7 days overdue"))
        #expect(joined.contains("1 day overdue"))
        // What came back is still shown: it is what the outcome was decided on.
        #expect(joined.contains("Police reported: \"Alarm ordered"))
    }

    @Test func theSpokenReviewSaysItInWords() throws {
        let spoken = try Self.screen(keys: "2").spokenReview().joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(spoken.contains("7 days overdue"), "\(spoken)")
        #expect(spoken.contains("Latest: Police reported"), "\(spoken)")
        #expect(spoken.contains("Alarm ordered; fitting booked 05/12"), "\(spoken)")
        #expect(!spoken.unicodeScalars.contains { $0.value == 0x1B }, "an escape byte in the spoken review")
    }

    /// A returned note far longer than the window (a pasted email) must not push the form's
    /// fields off the screen or spill over its frame.
    @Test func aNoteLongerThanTheWindowLeavesTheFormUsable() throws {
        var actions = Self.actions
        actions[0].progress?.note = String(repeating: "Longword ", count: 250)
        let setUp: [MeetingEvent] = [.meetingCreated(info: Fixture.info, rules: .national)]
            + Fixture.cases.map { MeetingEvent.caseQueued(agendaCase: $0, late: false) }
            + [.outstandingActionsImported(actions: actions), .meetingStarted]
        let records = setUp.enumerated().map { RecordedEvent(seq: $0.offset, at: Fixture.t0 + Int64($0.offset) * 1000, event: $0.element) }
        var rt = FakeRuntime(meeting: Meeting(events: records), now: Fixture.minutes(4))
        try rt.run("2<Enter>")
        for size in Golden.standardSizes {
            let lines = rt.screen.view(size: size).lines()
            let text = lines.joined(separator: "\n")
            #expect(text.contains("Outcome") && text.contains("Note"), "\(size): the fields are off the screen:\n\(text)")
            #expect(text.contains("Longword …"), "\(size): the shortened note is not marked")
            // Nothing of the note outside the frame.
            let top = try #require(lines.firstIndex { $0.contains("┌─ Review action") })
            let bottom = try #require(lines.lastIndex { $0.contains("└") })
            for (i, line) in lines.enumerated() where i < top || i >= bottom {
                #expect(!line.contains("Longword"), "\(size) row \(i): the note spilled out of the form: \(line)")
            }
        }
    }

    @Test func anActionWithoutProgressLooksAsBefore() throws {
        let (_, joined) = Self.text(try Self.screen(keys: "2"), Size(cols: 120, rows: 40))
        #expect(joined.contains("Share the school's safeguarding plan"))
        #expect(!joined.contains("Education reported"))
    }
}
