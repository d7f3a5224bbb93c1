import Foundation
import MaracCore
import Testing
@testable import MaracUI

/// 80×24, as a screen-shared chair sees it: references of seven characters (the shipped agenda
/// template's) are whole on every row, a case the meeting may not reach keeps its flags beside the
/// warning, and "↓ more" in help covers no text.
@Suite struct EightyColumnTests {
    static func agendaScreen(plannedMinutes: Int, flagged ref: String? = nil) -> MeetingScreen {
        var info = Fixture.info
        info.plannedDurationMinutes = plannedMinutes
        let cases = Fixture.cases.enumerated().map { i, c -> AgendaCase in
            var c = c
            c.caseRef = "ZZ-100\(i + 1)"
            return c
        }
        var events: [MeetingEvent] = [.meetingCreated(info: info, rules: .national)]
            + cases.map { MeetingEvent.caseQueued(agendaCase: $0, late: false) }
        if let ref { events.append(.caseDetailsSet(caseRef: ref, details: CaseDetails(flags: [.highConcern, .interpreter]))) }
        events.append(.meetingStarted)
        let records = events.enumerated().map { RecordedEvent(seq: $0.offset, at: Fixture.t0, event: $0.element) }
        var screen = MeetingScreen(meeting: Meeting(events: records), now: Fixture.minutes(1))
        _ = screen.update(.key(.char("3")))
        return screen
    }

    @Test func sevenCharacterReferencesAreWholeAt80Columns() {
        let lines = Self.agendaScreen(plannedMinutes: 180).view(size: Size(cols: 80, rows: 24)).lines()
        for n in 1...5 {
            #expect(lines.contains { $0.contains("ZZ-100\(n) ") }, "ZZ-100\(n) is cut:\n\(lines.joined(separator: "\n"))")
        }
    }

    @Test func aCaseNotReachedKeepsItsFlags() {
        let screen = Self.agendaScreen(plannedMinutes: 20, flagged: "ZZ-1005")
        let lines = screen.view(size: Size(cols: 80, rows: 24)).lines()
        let row = lines.first { $0.contains("ZZ-1005") } ?? ""
        #expect(row.contains("⚠"), "the last case is not reached in a 20-minute meeting: \(row)")
        #expect(row.contains("!") && row.contains("I"), "its flags (high concern, interpreter) stay on the row: \(row)")
        let unflagged = lines.first { $0.contains("ZZ-1004") } ?? ""
        #expect(unflagged.contains("⚠ not reached"), "\(unflagged)")
    }

    @Test func helpsMoreMarkerCoversNoTextAndTheLastLineIsReachable() {
        var screen = Self.agendaScreen(plannedMinutes: 180)
        let size = Size(cols: 80, rows: 24)
        _ = screen.update(.resize(size))
        _ = screen.update(.key(.char("?")))
        func inner(_ line: String) -> String {
            line.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "│")).trimmingCharacters(in: .whitespaces)
        }
        let lines = screen.view(size: size).lines()
        let marker = lines.first { $0.contains("↓ more") } ?? ""
        #expect(inner(marker) == "↓ more", "the marker shares its row with help text: \(marker)")
        // Scrolled to the end, the last line of help is on screen.
        for _ in 0..<400 { _ = screen.update(.key(.char("j"))) }
        let last = HelpOverlay.lines(for: .agenda, width: 80 - 6).last { !$0.plain.trimmingCharacters(in: .whitespaces).isEmpty }
        let end = screen.view(size: size).lines().joined(separator: "\n")
        #expect(end.contains(last?.plain.trimmingCharacters(in: .whitespaces) ?? "?"), "\(end)")
    }
}
