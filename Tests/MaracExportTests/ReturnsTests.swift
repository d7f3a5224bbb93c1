import Foundation
@testable import MaracApp
import MaracCore
import MaracExport
import MaracJournal
import Testing

/// Agency returns that come back as workbooks, packs that carry the return columns, and days as
/// the coordinator lives them (issue 17, session 2).
@Suite("Agency returns: xlsx, pack round trips, local days")
struct ReturnsTests {
    let dir = TempFolder()
    var meetingOnePath: String { dir.file("2026-12-01-northvale.jsonl") }
    static let typedOn = TwoMeetings.at(CalendarDate(year: 2026, month: 12, day: 10)!, 0)
    static let tenth = CalendarDate(year: 2026, month: 12, day: 10)!
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let openpyxl = python(["-c", "import openpyxl"])?.status == 0

    init() throws { try writeJournal(meetingOnePath, id: "2026-12-01-northvale", TwoMeetings.meetingOne) }

    func failure(_ body: () throws -> Void) -> String {
        do { try body(); return "" } catch { return (error as? CommandFailure)?.message ?? "unexpected \(error)" }
    }

    func trackerBytes() -> Data? { FileManager.default.contents(atPath: dir.file("tracker.jsonl")) }

    /// python3 with these arguments, to its end; nil when it cannot start.
    static func python(_ arguments: [String]) -> (status: Int32, output: String)? { RealReadersTests.run(["python3"] + arguments) }

    /// Opens `file` with openpyxl, runs `body` (Python, with `ws` the first sheet and `row_of(id)`
    /// the row number of an action), and saves it as `saveAs`, as an agency's spreadsheet would.
    func fill(_ file: String, saveAs: String, _ body: String) throws {
        let script = """
            import sys, openpyxl, datetime
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.worksheets[0]
            head = [c.value for c in ws[1]]
            col = {name: i + 1 for i, name in enumerate(head)}
            def row_of(action_id):
                for r in range(2, ws.max_row + 1):
                    if ws.cell(r, 1).value == action_id: return r
                raise SystemExit("no row for " + action_id)
            \(body.split(separator: "\n").joined(separator: "\n"))
            wb.save(sys.argv[2])
            """
        let r = try #require(Self.python(["-c", script, file, saveAs]), "python3 did not start")
        #expect(r.status == 0, "\(r.output)")
    }

    // MARK: Packs carry the return columns

    @Test("a CSV pack ends with blank status, on and note columns before the handling reminder")
    func csvPackColumns() throws {
        let out = try ExportMinutes.run(.init(journalPath: meetingOnePath, format: .csv, outDir: dir.file("packs"), agency: "Housing",
                                              byteOrderMark: false, environment: [:]), now: Self.typedOn)
        let csv = try String(contentsOfFile: try #require(out.written.first), encoding: .utf8)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines[0].hasSuffix(",category,status,on,note,handling"), "\(lines[0])")
        #expect(lines.count == 3, "Housing's two live actions: \(lines)")
        for line in lines.dropFirst() { #expect(line.contains(",,,,") || line.contains(",,,\""), "blank return columns: \(line)") }
    }

    @Test("a CSV pack filled in and returned is imported: exactly its filled rows")
    func csvPackRoundTrip() throws {
        let out = try ExportMinutes.run(.init(journalPath: meetingOnePath, format: .csv, outDir: dir.file("packs"), agency: "Housing",
                                              environment: [:]), now: Self.typedOn)
        let csv = try String(contentsOfFile: try #require(out.written.first), encoding: .utf8)
        // The agency fills the row of action 2 (done on 06/12) in a spreadsheet; 7 stays blank.
        let header = csv.components(separatedBy: "\r\n")[0].components(separatedBy: ",")
        let status = try #require(header.firstIndex(of: "status"))
        #expect(header[status + 1] == "on" && header[status + 2] == "note")
        let filled = csv.components(separatedBy: "\r\n").map { line -> String in
            guard line.contains("20261201-2,") else { return line }
            var cells = line.components(separatedBy: ",")
            cells[status] = "done"; cells[status + 1] = "06/12/2026"; cells[status + 2] = "Locks changed"
            return cells.joined(separator: ",")
        }.joined(separator: "\r\n")
        let path = dir.file("housing-return.csv")
        try Data(filled.utf8).write(to: URL(fileURLWithPath: path))
        let summary = try AgencyReturn.apply(file: path, folder: dir.path, now: Self.typedOn)
        #expect(summary.contains("from Housing: 1 update applied (1 done)"), "\(summary)")
        #expect(summary.contains("1 row left blank"), "\(summary)")
        let a = try #require(try ActionFolder.load(folder: dir.path).action("20261201-2"))
        #expect(a.status == .done && a.closedOn == CalendarDate(year: 2026, month: 12, day: 6)!)
        #expect(try ActionFolder.load(folder: dir.path).action("20261201-7")?.isOpen == true)
    }

    @Test("an xlsx pack filled in with openpyxl is imported: a typed date, a text date, a progress note",
          .enabled(if: openpyxl || inCI, "openpyxl is not installed (pip install openpyxl); .ci/run installs it"))
    func xlsxPackRoundTrip() throws {
        let out = try ExportMinutes.run(.init(journalPath: meetingOnePath, format: .xlsx, outDir: dir.file("packs"), agency: "Housing",
                                              environment: [:]), now: Self.typedOn)
        let pack = try #require(out.written.first)
        let returned = dir.file("housing-return.xlsx")
        try fill(pack, saveAs: returned, """
            r = row_of("20261201-2")
            ws.cell(r, col["Status"]).value = "Done"
            ws.cell(r, col["On"]).value = datetime.date(2026, 12, 6)
            ws.cell(r, col["On"]).number_format = "dd/mm/yyyy"
            ws.cell(r, col["Note"]).value = "Locks changed by the council's contractor"
            r = row_of("20261201-7")
            ws.cell(r, col["Status"]).value = "in progress"
            ws.cell(r, col["On"]).value = "09/12/2026"
            ws.cell(r, col["Note"]).value = "Refuge space found for January"
            """)
        let summary = try AgencyReturn.apply(file: returned, folder: dir.path, now: Self.typedOn)
        #expect(summary.contains("from Housing: 2 updates applied (1 done, 1 progress note)"), "\(summary)")
        #expect(summary.contains("row 2:") || summary.contains("row 3:"), "rows, not lines, in a workbook: \(summary)")
        let loaded = try ActionFolder.load(folder: dir.path)
        let two = try #require(loaded.action("20261201-2"))
        #expect(two.status == .done && two.closedOn == CalendarDate(year: 2026, month: 12, day: 6)!)
        #expect(two.history.last?.note == "Locks changed by the council's contractor")
        let seven = try #require(loaded.action("20261201-7"))
        #expect(seven.isOpen && seven.history.last?.kind == .note && seven.history.last?.on == CalendarDate(year: 2026, month: 12, day: 9)!)
        #expect(seven.history.last?.note == "Refuge space found for January")
        // The same workbook again applies nothing.
        let before = trackerBytes()
        #expect(try AgencyReturn.apply(file: returned, folder: dir.path, now: Self.typedOn + 1).contains("already imported"))
        #expect(trackerBytes() == before)
    }

    @Test("a hostile xlsx return is refused naming the row and column (letter and title) and changes nothing",
          .enabled(if: openpyxl || inCI, "openpyxl is not installed (pip install openpyxl); .ci/run installs it"),
          arguments: [
            ("formula", "ws.cell(r2, col['Status']).value = '=IF(1,\"done\",\"\")'", "row R2, column H (Status): is a formula"),
            ("error", "ws.cell(r2, col['On']).value = '#REF!'\nws.cell(r2, col['On']).data_type = 'e'", "row R2, column I (On): shows an error"),
            ("other agency's", "ws.cell(r2, 1).value = '20261201-1'\nws.cell(r2, col['Status']).value = 'done'\nws.cell(r2, col['On']).value = '06/12/2026'",
             "row R2, column A (Action ID): 20261201-1 is Police's action, not Housing's"),
            ("impossible date", "ws.cell(r2, col['Status']).value = 'done'\nws.cell(r2, col['On']).value = '31/02/2026'",
             "row R2, column I (On): '31/02/2026' is not a real day"),
            ("closed", "ws.cell(r2, col['Status']).value = 'done'\nws.cell(r2, col['On']).value = '06/12/2026'\nws.cell(r2, col['Note']).value = 'Again'",
             "row R2, column H (Status): 20261201-2 is already done (05/12/2026)"),
          ])
    func hostileXlsx(_ name: String, _ change: String, _ expected: String) throws {
        let out = try ExportMinutes.run(.init(journalPath: meetingOnePath, format: .xlsx, outDir: dir.file("packs"), agency: "Housing",
                                              environment: [:]), now: Self.typedOn)
        let returned = dir.file("hostile-\(name).xlsx")
        if name == "closed" {
            _ = try TrackActions.update(.done, actionID: "20261201-2", note: "Locks changed", on: "05/12/2026", folder: dir.path, now: Self.typedOn - 1)
        }
        let before = trackerBytes()
        // A good row too: all or nothing means it is not applied either.
        try fill(try #require(out.written.first), saveAs: returned, """
            r7 = row_of("20261201-7")
            ws.cell(r7, col["Status"]).value = "in progress"
            ws.cell(r7, col["Note"]).value = "Refuge space found"
            r2 = row_of("20261201-2")
            \(change)
            print(r2)
            """)
        let message = failure { _ = try AgencyReturn.apply(file: returned, folder: dir.path, now: Self.typedOn) }
        // Housing's actions are rows 2 and 3, in agenda order: 2 (NV-101) before 7 (NV-102).
        #expect(message.contains(expected.replacingOccurrences(of: "row R2", with: "row 2")), "\(name): \(message)")
        #expect(message.contains("nothing was applied"), "\(message)")
        #expect(trackerBytes() == before, "\(name): the tracker changed")
    }

    @Test("a file that is a ZIP but not a workbook, or a damaged workbook, is refused in one line")
    func notAWorkbook() throws {
        let zip = dir.file("not-a-book.xlsx")
        try Data(try OfficePackage.zip([PackagePart(path: "hello.txt", contents: "hi")])).write(to: URL(fileURLWithPath: zip))
        #expect(failure { _ = try AgencyReturn.apply(file: zip, folder: dir.path, now: Self.typedOn) }.contains("not-a-book.xlsx is not an Excel workbook"))
        var bytes = Array("PK\u{3}\u{4}".utf8) + Array(repeating: 0x41, count: 64)
        bytes[10] = 0
        let torn = dir.file("torn.xlsx")
        try Data(bytes).write(to: URL(fileURLWithPath: torn))
        let message = failure { _ = try AgencyReturn.apply(file: torn, folder: dir.path, now: Self.typedOn) }
        #expect(message.contains("torn.xlsx is not a workbook marac can read"), "\(message)")
        #expect(!message.contains("\n"))
        #expect(trackerBytes() == nil)
    }

    @Test("the workbook reader: shared and inline strings, date styles, 1904 dates, formulas and errors")
    func workbookReader() throws {
        var book = Workbook(title: "t", marking: Marking.restricted)
        book.sheet("Housing", columns: [.init("Action ID", width: 10), .init("On", width: 10), .init("N", width: 5)],
                   rows: [[.text("20261201-2"), .date(CalendarDate(year: 2026, month: 12, day: 6)!), .number(14)]])
        let bytes = try OfficePackage.zip(book.parts())
        let sheet = try XlsxTable.read(bytes, file: "t.xlsx")
        #expect(sheet.name == "Housing")
        #expect(sheet.rows[0].cells[0]?.text == "Action ID")
        #expect(sheet.rows[1].cells[0]?.text == "20261201-2")
        #expect(sheet.rows[1].cells[1]?.text == "2026-12-06", "a date-styled serial is a day")
        #expect(sheet.rows[1].cells[2]?.text == "14")
        #expect(XlsxTable.date(serial: 46_362, date1904: false) == CalendarDate(year: 2026, month: 12, day: 6)!)
        #expect(XlsxTable.date(serial: 46_362 - 1_462, date1904: true) == CalendarDate(year: 2026, month: 12, day: 6)!)
        #expect(XlsxTable.columnIndex("AB12") == 27 && XlsxTable.columnLetters(27) == "AB" && XlsxTable.columnLetters(0) == "A")
        #expect(XlsxTable.isDateFormat(id: 14, code: nil) && XlsxTable.isDateFormat(id: 164, code: "dd/mm/yyyy"))
        #expect(!XlsxTable.isDateFormat(id: 164, code: "0.00\"d\"") && !XlsxTable.isDateFormat(id: 0, code: nil))
    }

    // MARK: Local days

    /// A one-action meeting in summer (British Summer Time: local = UTC + 1).
    func summerMeeting() throws {
        let day = CalendarDate(year: 2026, month: 6, day: 30)!
        let info = MeetingInfo(id: "2026-06-30-northvale", date: day, area: "Northvale", chair: "A")
        try writeJournal(dir.file("2026-06-30-northvale.jsonl"), id: info.id, [
            RecordedEvent(seq: 0, at: TwoMeetings.at(day, 0), event: .meetingCreated(info: info, rules: .national)),
            RecordedEvent(seq: 1, at: TwoMeetings.at(day, 1), event: .caseQueued(agendaCase: AgendaCase(caseRef: "NV-050", victim: "V", referringAgency: "Police", referralBasis: .actuarial), late: false)),
            RecordedEvent(seq: 2, at: TwoMeetings.at(day, 2), event: .actionAgreed(action: Action(id: "20260630-1", caseRef: "NV-050", text: "Refer to the Idva", owner: "Police", due: day.adding(days: 5), category: nil))),
            RecordedEvent(seq: 3, at: TwoMeetings.at(day, 3), event: .actionAgreed(action: Action(id: "20260630-2", caseRef: "NV-050", text: "Fit a door alarm", owner: "Police", due: day.adding(days: 5), category: nil))),
            RecordedEvent(seq: 4, at: TwoMeetings.at(day, 4), event: .meetingClosed),
        ])
    }

    /// 00:30 on 02/07/2026 in London is 23:30 on 01/07 in UTC.
    static let justAfterMidnight = Int64(CalendarDate(year: 2026, month: 7, day: 1)!.dayNumber) * 86_400_000 + (23 * 60 + 30) * 60_000

    @Test("just after midnight in summer, today is the London day: --on today is not in the future, yesterday is recorded late")
    func londonDays() throws {
        try summerMeeting()
        let today = try TrackActions.update(.done, actionID: "20260630-1", note: "Referred", on: "02/07/2026", folder: dir.path,
                                            now: Self.justAfterMidnight)
        #expect(today.contains("recorded as done on 02/07/2026,"), "\(today)")
        #expect(!today.contains("recorded late"))
        let yesterday = try TrackActions.update(.done, actionID: "20260630-2", note: "Alarm fitted", on: "01/07/2026", folder: dir.path,
                                                now: Self.justAfterMidnight + 60_000)
        #expect(yesterday.contains("on 01/07/2026 (recorded late)"), "typed on 02/07 in London: \(yesterday)")
        let shown = try TrackActions.show("20260630-2", folder: dir.path).text
        #expect(shown.contains("recorded late"), "\(shown)")
        // In UTC's calendar it would not have been late: the zone is what decides.
        let utc = try ActionFolder.load(folder: dir.path, days: LocalDays(zone: TimeZone(identifier: "UTC")!))
        #expect(utc.action("20260630-2")?.history.last?.isRecordedLate == false)

        // The data return counts it as recorded late too.
        let loaded = try MaracReportCommand.load(folder: dir.path)
        let g = Governance(meetings: loaded.meetings, period: try ReportPeriod.range(from: "01/06/2026", to: "31/07/2026"),
                           tracker: loaded.tracker, otherMeetings: loaded.otherMeetingUpdates)
        #expect(g.outcomesRecordedLate == 1, "one typed after the London day it happened")
    }

    @Test("the minutes say how many of the outcomes closed between meetings were recorded late, and date them the day they happened")
    func minutesCountLate() throws {
        // Between 01/12 and 15/12: 2 done on 06/12 typed on 10/12 (late); 1 done on 10/12, typed that day.
        _ = try TrackActions.update(.done, actionID: "20261201-2", note: "Locks changed", on: "06/12/2026", folder: dir.path, now: Self.typedOn)
        _ = try TrackActions.update(.done, actionID: "20261201-1", note: "Notice served", folder: dir.path, now: Self.typedOn + 60_000)
        let next = CalendarDate(year: 2026, month: 12, day: 15)!
        let start = TwoMeetings.at(next, 30)
        let info = MeetingInfo(id: "2026-12-15-northvale", date: next, area: "Northvale", chair: "Ann Castell")
        let journal = dir.file("2026-12-15-northvale.jsonl")
        try writeJournal(journal, id: info.id, [
            RecordedEvent(seq: 0, at: start - 60_000, event: .meetingCreated(info: info, rules: .national)),
            RecordedEvent(seq: 1, at: start, event: .meetingStarted),
            RecordedEvent(seq: 2, at: start + 3_600_000, event: .meetingClosed),
        ])
        let md = try String(contentsOfFile: try #require(try ExportMinutes.run(.init(journalPath: journal, format: .md, outDir: dir.file("out"),
                                                                                     environment: [:]), now: start).written.first), encoding: .utf8)
        #expect(md.contains("| 20261201-2 | 01/12/2026 | NV-101 | Change the locks at the flat | Housing | 06/12/2026 (recorded late) | Locks changed |"), "\(md)")
        #expect(md.contains("| 10/12/2026 | Notice served |"), "\(md)")
        #expect(md.contains("1 of these outcomes was recorded late (typed on a later day than it happened)"), "\(md)")
        let json = try String(contentsOfFile: try #require(try ExportMinutes.run(.init(journalPath: journal, format: .json, outDir: dir.file("json"),
                                                                                       environment: [:]), now: start).written.first), encoding: .utf8)
        #expect(json.contains("\"recordedLate\": 1"), "\(json)")
    }

    // MARK: One escaper

    @Test("the tracker's Markdown escapes what the exports' escaper does: strike-through and list markers too")
    func markdownEscaper() throws {
        _ = try TrackActions.change(.reassign, actionID: "20261201-7", note: "Moved", agency: "~~Housing~~", folder: dir.path, now: Self.typedOn)
        let md = try TrackActions.list(.init(folder: dir.path, on: "10/12/2026", format: "md")).text
        #expect(md.contains("## \\~\\~Housing\\~\\~ (1)"), "\(md)")
        #expect(!md.contains("## ~~Housing~~"))
    }
}
