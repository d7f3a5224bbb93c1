import Foundation
@testable import MaracApp
import MaracCore
import Testing

/// Which update is "the latest progress" the next opening review shows (`TrackedAction.latestProgress`).
@Suite("latest progress for the opening review")
struct LatestProgressTests {
    static let agreed = CalendarDate(year: 2026, month: 11, day: 17)!
    static func day(_ d: Int) -> CalendarDate { CalendarDate(year: 2026, month: 11, day: d)! }

    static func event(_ kind: ActionEvent.Kind, _ d: Int, note: String, by: String? = nil, status: ActionStatus = .open,
                      agency: String? = nil, source: String? = nil) -> ActionEvent {
        ActionEvent(kind: kind, at: Int64(day(d).dayNumber) * 86_400_000, typedOn: day(d), by: by, note: note, status: status,
                    escalated: false, due: nil, agency: agency, file: "tracker.jsonl", source: source)
    }

    static func tracked(_ history: [ActionEvent]) -> TrackedAction {
        TrackedAction(action: OutstandingAction(id: "20261117-northvale-2", meetingDate: agreed, caseRef: "NV-088", text: "Fit a door alarm",
                                                owner: "Housing", due: day(24), category: .victimSafety),
                      status: .open, escalated: false, lastUpdate: nil,
                      history: [event(.agreed, 17, note: "Fit a door alarm", agency: "Police")] + history,
                      journal: "2026-11-17-northvale.jsonl", meetingID: "2026-11-17-northvale", victim: "")
    }

    @Test func anAgencysReturnIsThatAgencysWordEvenAfterAReassignment() {
        let t = Self.tracked([
            Self.event(.note, 20, note: "Alarm ordered", by: "Sam Coordinator", source: "return abc row 2"),
            Self.event(.reassign, 21, note: "Victim rehoused", by: "Sam Coordinator", agency: "Housing"),
            Self.event(.note, 23, note: "Survey booked", by: "Sam Coordinator", source: "return def row 3"),
        ])
        #expect(t.latestProgress == ActionProgress(kind: .note, on: Self.day(23), note: "Survey booked", by: "Sam Coordinator", agency: "Housing"))
        #expect(t.forReview.progress?.agency == "Housing")
        #expect(t.forReview.owner == t.action.owner && t.forReview.due == t.action.due)
        // The return before the reassignment was the first owner's.
        #expect(Self.tracked(Array(t.history.dropFirst().prefix(1))).latestProgress?.agency == "Police")
    }

    @Test func aTypedNoteNamesWhoTypedItAndNoAgency() {
        let p = Self.tracked([Self.event(.note, 20, note: "Phoned the officer", by: "Sam Coordinator")]).latestProgress
        #expect(p?.agency == nil && p?.by == "Sam Coordinator")
        #expect(p?.line == "noted by Sam Coordinator: \"Phoned the officer\" (20/11/2026)")
    }

    @Test func anExtensionsReasonAndACarryForwardCount_anEmptyNoteDoesNot() {
        let extended = Self.tracked([
            Self.event(.extend, 20, note: "Court date moved", by: "Sam Coordinator"),
            // A review that carried it forward without a note adds nothing to say.
            Self.event(.reviewed, 24, note: ""),
        ])
        #expect(extended.latestProgress?.kind == .extend)
        #expect(extended.latestProgress?.line == "extended by Sam Coordinator: \"Court date moved\" (20/11/2026)")
        let carried = Self.tracked([Self.event(.note, 20, note: "Ordered"), Self.event(.reviewed, 24, note: "Fitting booked for 05/12")])
        #expect(carried.latestProgress == ActionProgress(kind: .carriedForward, on: Self.day(24), note: "Fitting booked for 05/12"))
        #expect(carried.latestProgress?.line == "carried forward at the review: \"Fitting booked for 05/12\" (24/11/2026)")
    }

    @Test func nothingSaidSinceItWasAgreedIsNoProgress() {
        #expect(Self.tracked([]).latestProgress == nil)
        #expect(Self.tracked([Self.event(.amended, 17, note: "Fit a door alarm and locks", agency: "Police")]).latestProgress == nil)
        #expect(Self.tracked([Self.event(.note, 20, note: "   ")]).latestProgress == nil)
    }

    @Test func aHostileNoteIsCleanOnItsOneLine() {
        let p = Self.tracked([Self.event(.note, 20, note: "Alarm\u{1B}[2J ordered\r\n\u{1B}]0;x\u{07}today", source: "return abc row 2")]).latestProgress
        let line = p?.line ?? ""
        #expect(line == "Police reported: \"Alarm ordered today\" (20/11/2026)", "\(line)")
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }

    @Test func overdueInWords() {
        let a = Self.tracked([]).action
        #expect(a.overdueWords(on: Self.day(24)) == nil, "due that day is not overdue")
        #expect(a.overdueWords(on: Self.day(25)) == "1 day overdue")
        #expect(a.overdueWords(on: CalendarDate(year: 2026, month: 12, day: 1)!) == "7 days overdue")
        var undated = a
        undated.due = nil
        #expect(undated.overdueWords(on: Self.day(30)) == nil)
    }
}
