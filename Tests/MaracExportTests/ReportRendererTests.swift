import Testing
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import MaracCore
@testable import MaracExport

// A small fictional quarter. Hand-worked figures (2026Q3):
// Meeting 15/07/2026: R1 Police, repeat flag, 2 children, F, disabled → heard in 12 min
//                     R2 hostile-named agency, M, lgbt, 0 children → heard in 20 min (over 15)
//                     R3 Police, sex blank → heard in 9 min
// Meeting 16/09/2026: R4 Police, F, 1 child → heard in 7 min
// Cases heard 4; repeats 1 → 1/4 = 25.0 % → below 28–40; male 1/4 = 25.0 % → above 5–10 (unknown 1);
// police 3/4 = 75.0 % → within 60–75 (upper end included); children 2 + 0 + 1 = 3 (unknown 1: R3).
let hostile = "<script>alert(1)</script> & \"Co\" | =SUM(A1)"

/// The fixture's two meetings as recorded events, for tests that write real journals.
func reportFixtureEvents() -> [[RecordedEvent]] {
    func meeting(_ iso: String, _ cases: [(AgendaCase, Int64)], owner: String) -> [RecordedEvent] {
        let day = CalendarDate.parse(iso)!
        var t = Int64(day.dayNumber) * 86_400_000 + 9 * 3_600_000
        var events: [RecordedEvent] = []
        func add(_ e: MeetingEvent) { events.append(RecordedEvent(seq: events.count, at: t, event: e)) }
        add(.meetingCreated(info: MeetingInfo(id: "\(iso)-test", date: day, area: "Testshire", chair: "Chair T"), rules: .national))
        for (c, _) in cases { add(.caseQueued(agendaCase: c, late: false)) }
        add(.attendanceRecorded(attendance: Attendance(agency: "Police", representative: "PC T", role: .present)))
        add(.attendanceRecorded(attendance: Attendance(agency: owner, representative: "Rep", role: .apologies)))
        add(.meetingStarted)
        for (c, minutes) in cases {
            add(.discussionStarted(caseRef: c.caseRef)); t += minutes * 60_000
            add(.discussionEnded(caseRef: c.caseRef, overrunReason: nil))
        }
        add(.actionAgreed(action: Action(id: "\(iso)-1", caseRef: cases[0].0.caseRef, text: "Fictional", owner: owner,
                                         due: day.adding(days: 7), category: .victimSafety)))
        return events
    }
    let m1 = meeting("2026-07-15", [
        (AgendaCase(caseRef: "R1", victim: "V1", referringAgency: "Police", referralBasis: .actuarial, repeatFlag: true,
                    children: 2, victimSex: "F", disabled: true), 12),
        (AgendaCase(caseRef: "R2", victim: "V2", referringAgency: hostile, referralBasis: .professionalJudgement,
                    children: 0, victimSex: "M", lgbt: true), 20),
        (AgendaCase(caseRef: "R3", victim: "V3", referringAgency: "Police", referralBasis: .actuarial), 9),
    ], owner: hostile)
    let m2 = meeting("2026-09-16", [
        (AgendaCase(caseRef: "R4", victim: "V4", referringAgency: "Police", referralBasis: .actuarial,
                    children: 1, victimSex: "F"), 7),
    ], owner: "Housing")
    return [m1, m2]
}

func reportFixture(problems: [ReportProblem] = []) -> MaracReport {
    MaracReport(meetings: reportFixtureEvents().map(MeetingState.fold), period: try! ReportPeriod.quarter("2026Q3"),
                       options: DataReturnOptions(adultFemalePopulation: 10_000), problems: problems)
}

private let damaged = ReportProblem(file: "2026-08-19-test.jsonl", line: 14, message: "hash chain broken")

@Suite("Report renderers")
struct ReportRendererTests {
    @Test func textFitsEightyColumnsAndMarksFigures() {
        let text = ReportTextRenderer.render(reportFixture())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "RESTRICTED when complete (OFFICIAL-SENSITIVE)")
        for line in lines { #expect(line.count <= 80, "too wide: \(line)") }
        #expect(!text.contains("INCOMPLETE"))
        let repeatLine = lines.first { $0.hasPrefix("Repeat cases") }
        #expect(repeatLine?.contains("25.0") == true && repeatLine?.contains("28–40 %") == true
                && repeatLine?.contains("▼ below") == true)
        #expect(lines.first { $0.hasPrefix("Male victims") }?.contains("▲ above") == true)
        #expect(lines.first { $0.hasPrefix("Referrals from the police") }?.contains("✓ within") == true)
        #expect(text.contains("unknown 1 (blank, not counted as no)"))
        #expect(text.contains("█"))
        // Volume: 4 cases in 92 days → 4 × 365 / 92 = 15.9 a year; 10,000 × 40 / 10,000 = 40; 15.9 / 40 = 39.7 % → below
        #expect(text.contains("39.7 %") && text.contains("15.9"))
        // Time per case: [7, 9, 12, 20] → median (9 + 12) / 2 = 10.5; 1 of 4 over the 15-minute limit = 25.0 %
        #expect(text.contains("median 10.5 min"))
        #expect(text.contains("1 of 4 timed (25.0 %)"))
        // Per-meeting table: 15/07 three cases, 16/09 one.
        #expect(lines.contains { $0.hasPrefix("15/07/2026") && $0.contains("    3") })
        #expect(text.contains("16/09/2026"))
        #expect(!text.contains("\u{1B}"))
    }

    @Test func incompleteIsAtTheTopAndTheProblemNamed() {
        let text = ReportTextRenderer.render(reportFixture(problems: [damaged]))
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "RESTRICTED when complete (OFFICIAL-SENSITIVE)")
        #expect(lines[1].hasPrefix("*** INCOMPLETE"))
        #expect(text.contains("2026-08-19-test.jsonl line 14: hash chain broken"))
        // A recovered torn tail is a note, not incomplete.
        let torn = ReportProblem(file: "a.jsonl", message: "torn last line recovered", makesIncomplete: false)
        #expect(!ReportTextRenderer.render(reportFixture(problems: [torn])).contains("INCOMPLETE"))
    }

    @Test func markdownHasTheTableAndEscapes() {
        let md = ReportMarkdownRenderer.render(reportFixture(problems: [damaged]))
        #expect(md.hasPrefix("**RESTRICTED when complete (OFFICIAL-SENSITIVE)**"))
        #expect(md.contains("> **INCOMPLETE"))
        #expect(md.contains("| Repeat cases | 1 | 4 | 25.0 | 28–40 % | ▼ below |"))
        #expect(md.contains("| Referrals from the police | 3 | 4 | 75.0 | 60–75 % | ✓ within |"))
        // The hostile name cannot open a tag or break the table.
        #expect(!md.contains("<script>"))
        #expect(md.contains("\\<script\\>"))
        #expect(md.contains("\\|"))
    }

    @Test func csvHasOneRowPerFigure() {
        let csv = ReportCSVRenderer.render(reportFixture())
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows[0] == "figure,count,denominator,percent,range,mark")
        #expect(rows[1].contains("RESTRICTED when complete (OFFICIAL-SENSITIVE)"))
        #expect(rows.contains("Repeat cases,1,4,25.0,28–40 %,below"))
        #expect(rows.contains("Male victims,1,4,25.0,5–10 %,above"))
        #expect(rows.contains("Male victims: unknown (blank),1,,,,"))
        #expect(rows.contains("Referrals from the police,3,4,75.0,60–75 %,within"))
        #expect(rows.contains("Children in the households,3,,,,"))
        #expect(rows.contains("Share of the recommended volume,15.9,40,39.7,at least 80 %,below"))
        // Every row has six cells; the hostile agency is quoted and cannot start a formula.
        let hostileRow = rows.first { $0.contains("alert") }!
        #expect(hostileRow.hasPrefix("\"Referrals from <script>"))
        #expect(csv.contains("\"\"Co\"\""))
        #expect(!rows.contains { $0.hasPrefix("=") || $0.hasPrefix("\"=") })
    }

    @Test func csvNeutralisesFormulaCells() {
        #expect(ReportCSVRenderer.cell("=SUM(A1)") == "'=SUM(A1)")
        #expect(ReportCSVRenderer.cell("@cmd") == "'@cmd")
        #expect(ReportCSVRenderer.cell("a,b") == "\"a,b\"")
        #expect(ReportCSVRenderer.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }

    @Test func htmlIsWellFormedXHTMLWithoutScripts() throws {
        let html = ReportHTMLRenderer.render(reportFixture(problems: [damaged]))
        let collector = ElementCollector()
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = collector
        let ok = parser.parse()
        #expect(ok, "XML error: \(String(describing: parser.parserError)) line \(parser.lineNumber)")
        #expect(collector.elements.contains("svg"))
        #expect(collector.elements.contains("table"))
        #expect(!collector.elements.contains("script"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/", with: "").contains("http://"))
        #expect(!html.contains("https://"))
        // The hostile name is text, escaped.
        #expect(collector.text.contains(hostile))
        #expect(collector.text.contains("RESTRICTED when complete (OFFICIAL-SENSITIVE)"))
        #expect(collector.text.contains("INCOMPLETE"))
        #expect(collector.text.contains("▼ below"))
        #expect(html.contains("@media print"))
    }

    @Test func formatsAllCarryTheMarking() {
        for format in ReportFormat.allCases {
            #expect(format.render(reportFixture()).contains(ReportContent.marking), "\(format)")
        }
    }
}

final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: Set<String> = []
    var text = ""
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.insert(name.lowercased())
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}
