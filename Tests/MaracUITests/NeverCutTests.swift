import Foundation
import MaracCore
import Testing
@testable import MaracUI

/// Nothing a chair must read is cut (issue #13): a full register, long actions and long agency
/// names at 80×24 and 120×40, in Unicode and in ASCII. Golden files under `Goldens/`.
@Suite("Never cut")
struct NeverCutTests {
    static let agencies = [
        "Police", "Idva", "Children's Social Care and Family Safeguarding", "Housing Options and Homelessness",
        "Health Visiting", "Community Mental Health Team", "National Probation Service", "Education Welfare",
        "Substance Misuse Recovery Service", "Acute Trust Safeguarding", "Refuge and Outreach",
    ]
    static let representatives = [
        "DS Kim Harrow", "Pat Morrow", "Jo Wellbeck", "Chris Dalby", "স্বপ্না দাস", "ਹਰਪ੍ਰੀਤ ਕੌਰ", "Nguyễn Thị Hương",
        "Łucja Wąsowska", "Ali Brook", "王小明", "Sam Okafor-Reynolds",
    ]

    static let longActions: [OutstandingAction] = [
        OutstandingAction(id: "20261117-3", meetingDate: CalendarDate(year: 2026, month: 11, day: 17)!, caseRef: "NV-088",
                          text: "Fit a door alarm, window locks and a letterbox guard at the victim's address and confirm with the Idva when done",
                          owner: "Housing Options and Homelessness", due: CalendarDate(year: 2026, month: 11, day: 28), category: .victimSafety),
        OutstandingAction(id: "20261117-5", meetingDate: CalendarDate(year: 2026, month: 11, day: 17)!, caseRef: "NV-090",
                          text: "Check bail conditions are in place, that they name the children's school, and tell the Idva the same day",
                          owner: "Police", due: CalendarDate(year: 2026, month: 11, day: 24), category: .criminalJustice),
        OutstandingAction(id: "20261117-6", meetingDate: CalendarDate(year: 2026, month: 11, day: 17)!, caseRef: "NV-091",
                          text: "Refer Frank Ollerton to the perpetrator programme and report his attendance at the first three sessions",
                          owner: "National Probation Service", due: CalendarDate(year: 2026, month: 12, day: 8), category: .perpetrator),
    ]

    static func screen(_ timed: [(Int, MeetingEvent)], at minute: Int, keys: String) throws -> MeetingScreen {
        let setUp: [MeetingEvent] = [.meetingCreated(info: Fixture.info, rules: .national)]
            + Fixture.cases.map { MeetingEvent.caseQueued(agendaCase: $0, late: false) }
            + [.outstandingActionsImported(actions: longActions)]
        var records: [RecordedEvent] = []
        for (i, e) in setUp.enumerated() { records.append(RecordedEvent(seq: i, at: Fixture.t0 - 3_600_000, event: e)) }
        for (m, e) in timed { records.append(RecordedEvent(seq: records.count, at: Fixture.minutes(m), event: e)) }
        var rt = FakeRuntime(meeting: Meeting(events: records), now: Fixture.minutes(minute))
        try rt.run(keys)
        return rt.screen
    }

    /// Eleven people on the register, the statement not yet read, one action reviewed "not done".
    static var fullRoom: [(Int, MeetingEvent)] {
        [(0, .meetingStarted)]
            + zip(agencies, representatives).map { agency, name in
                (1, .attendanceRecorded(attendance: Attendance(agency: agency, representative: name, role: .present, confidentialityAgreed: true)))
            }
            + [(4, .outstandingActionReviewed(actionID: "20261117-5", outcome: .notDone, note: "Conditions lapsed"))]
    }

    @Test func theStatementIsWholeWithElevenPeopleOnTheRegister() throws {
        let screen = try Self.screen(Self.fullRoom, at: 4, keys: "1")
        let statement = wrap(screen.state.rules.confidentialityStatement, width: 76).joined(separator: " ")
        for size in Golden.standardSizes {
            let shown = screen.view(size: size).lines().map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            // Every word of the statement, in order, at both sizes.
            #expect(shown.contains(statement.split(separator: " ").suffix(6).joined(separator: " ")), "\(size): statement cut")
        }
        Golden.check("opening-eleven", screen)
        GoldenASCII.check("ascii-opening-eleven", screen)
    }

    @Test func outstandingActionsWrapAndTheirStatusIsWhole() throws {
        let screen = try Self.screen(Self.fullRoom, at: 4, keys: "2j")
        for size in Golden.standardSizes {
            let text = screen.view(size: size).lines().joined(separator: "\n")
            #expect(text.contains("not done — escalate"), "\(size): status cut")
            // The selected action is shown whole, down to its last words.
            #expect(text.contains("Idva the same day"), "\(size): action text cut")
        }
        Golden.check("review-long", screen)
        GoldenASCII.check("ascii-review-long", screen)
    }

    @Test func theReviewFormShowsTheWholeAction() throws {
        let screen = try Self.screen(Self.fullRoom, at: 4, keys: "2jj<Enter>")
        for size in Golden.standardSizes {
            let text = screen.view(size: size).lines().joined(separator: " ")
            #expect(text.contains("first three"), "\(size): the form cut the action")
        }
        Golden.check("review-form-long", screen)
    }

    @Test func everyCutEndsInAnEllipsis() {
        var buffer = ScreenBuffer(size: Size(cols: 20, rows: 3))
        buffer.put("Children's Social Care", col: 0, row: 0, maxCol: 12)
        #expect(buffer.lines()[0].hasPrefix("Children's …"))
        // A wide character that does not fit: the free column shows the cut.
        buffer.put("ab王小明", col: 0, row: 1, maxCol: 5)
        #expect(buffer.lines()[1].hasPrefix("ab王…"))
        // Trailing blanks are not a cut.
        buffer.put("done    ", col: 0, row: 2, maxCol: 6)
        #expect(buffer.lines()[2].hasPrefix("done  "))
        #expect(!buffer.lines()[2].contains("…"))
    }

    @Test func sparseWidthGoesToNamesFirst() {
        let widths = shareWidths([TableColumn(minimum: 10, natural: 30, priority: 2), TableColumn(minimum: 10, natural: 25, priority: 1),
                                  TableColumn(minimum: 8, natural: 8, priority: 3)], total: 50)
        #expect(widths == [17, 25, 8])
        #expect(shareWidths([TableColumn(minimum: 10, natural: 12, priority: 1), TableColumn(minimum: 5, natural: 5, priority: 2)], total: 40)
                == [12, 28])
    }
}

/// Goldens of the ASCII rendering (`AsciiRendering.lines`): what a VT100, the Linux console or a
/// non-UTF-8 locale shows, with "|", "-", "+" where the terminal draws its own lines.
enum GoldenASCII {
    static func check(_ name: String, _ screen: MeetingScreen, sourceLocation: SourceLocation = #_sourceLocation) {
        for size in Golden.standardSizes {
            let frame = screen.view(size: size)
            let actual = AsciiRendering.lines(of: frame)
            #expect(actual.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(name): non-ASCII in the ASCII rendering",
                    sourceLocation: sourceLocation)
            let file = Golden.folder.appendingPathComponent("\(name)-\(size.cols)x\(size.rows).txt")
            if Golden.recording {
                try? (actual.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
                Issue.record("recorded golden \(file.lastPathComponent) (MARAC_RECORD_GOLDENS=1)", sourceLocation: sourceLocation)
                continue
            }
            guard let data = try? String(contentsOf: file, encoding: .utf8) else {
                Issue.record("missing golden \(file.path): record it with MARAC_RECORD_GOLDENS=1", sourceLocation: sourceLocation)
                continue
            }
            var expected = data.components(separatedBy: "\n")
            if expected.last == "" { expected.removeLast() }
            if expected != actual {
                Issue.record(Comment(rawValue: "golden \(file.lastPathComponent) differs:\n" + Golden.diff(expected, actual)),
                             sourceLocation: sourceLocation)
            }
        }
    }
}
