import Foundation
import MaracApp
import MaracCore
import MaracJournal
import Testing
@testable import MaracExport

/// The fixture meeting with everything the complete record must carry: a protocol naming the
/// minute-taker, circulation and meeting dates; a prompt the chair passed with a reason; wording
/// flagged as victim-blaming; an observer who did not agree the statement; a blank repeat.
enum RecordFixture {
    static var rules: LocalProtocol {
        var r = LocalProtocol.national
        r.minuteTaker = "Ash Penrose, Marac coordinator"
        r.circulation = ["Police", "Idva", "Housing"]
        r.meetingDates = [Fixture.date(2026, 11, 3), Fixture.date(2027, 1, 5), Fixture.date(2027, 2, 2)]
        return r
    }

    static var events: [RecordedEvent] {
        var list = Fixture.events
        list[0] = RecordedEvent(seq: 0, at: list[0].at, event: .meetingCreated(info: Fixture.info, rules: rules))
        // Before the meeting closes: a flagged note and a passed prompt on the adult case.
        let close = list.removeLast()
        let extra: [MeetingEvent] = [
            .noteAdded(caseRef: "HB-0415", agency: "Housing", kind: .riskInformation, text: "She refuses to engage with the tenancy officer."),
            .promptPassed(caseRef: "HB-0415", prompt: "no-perpetrator-action", reason: "Perpetrator in custody until March"),
        ]
        for e in extra { list.append(RecordedEvent(seq: list.count, at: close.at - 1000, event: e)) }
        list.append(RecordedEvent(seq: list.count, at: close.at, event: close.event))
        return list
    }

    static let between = [
        ClosedBetweenMeetings(id: "20261103-6", meetingDate: Fixture.date(2026, 11, 3), caseRef: "HB-0350",
                              text: "Share the bail conditions with the school", owner: "Police", status: .notDone,
                              escalated: true, date: Fixture.date(2026, 11, 25), note: "No reply from Police DA unit"),
        ClosedBetweenMeetings(id: "20261103-2", meetingDate: Fixture.date(2026, 11, 3), caseRef: "HB-0351",
                              text: "Fit a window alarm", owner: "Housing", status: .done,
                              escalated: false, date: Fixture.date(2026, 11, 20), note: "Fitted 19/11"),
    ]

    static var london: LocalZone { DocumentTime.zone(named: "Europe/London", around: Fixture.nine) }
    static var minutes: Minutes {
        Minutes(state: Meeting(events: events).state, journal: Fixture.journal, now: Fixture.generatedAt, zone: london,
                betweenMeetings: between)
    }
}

@Suite("The complete record, item by item, in Markdown and JSON")
struct CompleteRecordTests {
    let md = MarkdownRenderer.minutes(RecordFixture.minutes)
    let json = JSONRenderer.minutes(RecordFixture.minutes)
    var parsed: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:] }
    var cases: [[String: Any]] { parsed["cases"] as? [[String: Any]] ?? [] }
    func caseJSON(_ ref: String) -> [String: Any] { cases.first { $0["ref"] as? String == ref } ?? [:] }

    @Test("1. victim, perpetrator and children as on the agenda")
    func people() {
        #expect(md.contains("#### 1. HB-0412 — Rowan Tillery"))
        #expect(md.contains("- **Victim:** Rowan Tillery"))
        #expect(md.contains("- **Perpetrator:** Gideon Tillery"))
        #expect(md.contains("- **Children in household:** 2"))
        #expect(caseJSON("HB-0412")["victim"] as? String == "Rowan Tillery")
        #expect(caseJSON("HB-0412")["perpetrator"] as? String == "Gideon Tillery")
        #expect(caseJSON("HB-0412")["children"] as? Int == 2)
    }

    @Test("1b. the protocol can have the minutes name cases by reference only")
    func referenceOnly() {
        var events = RecordFixture.events
        var rules = RecordFixture.rules
        rules.minutesIdentify = "reference"
        events[0] = RecordedEvent(seq: 0, at: events[0].at, event: .meetingCreated(info: Fixture.info, rules: rules))
        let m = Minutes(state: Meeting(events: events).state, journal: Fixture.journal, now: Fixture.generatedAt)
        let text = MarkdownRenderer.minutes(m)
        #expect(!text.contains("Rowan Tillery"))
        #expect(!text.contains("Gideon Tillery"))
        #expect(text.contains("HB-0412"))
    }

    @Test("2. packs identify the case by reference and victim name, unless the protocol says reference only")
    func packs() throws {
        let state = Meeting(events: RecordFixture.events).state
        let pack = try AgencyPack.make(agency: "Housing", state: state, journal: Fixture.journal, now: Fixture.generatedAt)
        #expect(MarkdownRenderer.pack(pack).contains("| HB-0412 | Rowan Tillery |"))
        #expect(JSONRenderer.pack(pack).contains("\"victim\": \"Rowan Tillery\""))
        var events = RecordFixture.events
        var rules = RecordFixture.rules
        rules.packIdentifies = "reference"
        events[0] = RecordedEvent(seq: 0, at: events[0].at, event: .meetingCreated(info: Fixture.info, rules: rules))
        let refOnly = try AgencyPack.make(agency: "Housing", state: Meeting(events: events).state, journal: Fixture.journal,
                                          now: Fixture.generatedAt)
        #expect(!MarkdownRenderer.pack(refOnly).contains("Rowan Tillery"))
        #expect(!JSONRenderer.pack(refOnly).contains("Rowan Tillery"))
        #expect(JSONRenderer.pack(refOnly).contains("\"identifies\": \"reference\""))
    }

    @Test("3. Idva present per case")
    func idva() {
        #expect(md.contains("- **Idva present:** yes"))
        #expect(caseJSON("HB-0412")["idvaPresent"] as? Bool == true)
        // The Idva leaves after the first case: the second is minuted without one.
        var events = RecordFixture.events
        let i = events.firstIndex { if case .discussionStarted(caseRef: "HB-0415") = $0.event { return true }; return false }!
        events.insert(RecordedEvent(seq: 0, at: events[i].at - 1, event: .attendeeLeft(agency: "Idva", representative: "Zoë Brontë-Łukasiewicz", afterCase: "HB-0412")), at: i)
        events.insert(RecordedEvent(seq: 0, at: events[i].at - 1, event: .attendeeLeft(agency: "Idva", representative: "Alex Moor (student)", afterCase: "HB-0412")), at: i)
        events = events.enumerated().map { RecordedEvent(seq: $0.offset, at: $0.element.at, event: $0.element.event) }
        let m = Minutes(state: Meeting(events: events).state, journal: Fixture.journal, now: Fixture.generatedAt)
        #expect(m.cases[0].idvaPresent)
        #expect(!m.cases[1].idvaPresent)
    }

    @Test("4. passed prompts with the chair's reason")
    func passedPrompts() {
        #expect(md.contains("- No action manages, disrupts or diverts the perpetrator: passed: Perpetrator in custody until March"))
        let prompts = caseJSON("HB-0415")["passedPrompts"] as? [[String: Any]]
        #expect(prompts?.first?["code"] as? String == "no-perpetrator-action")
        #expect(prompts?.first?["reason"] as? String == "Perpetrator in custody until March")
    }

    @Test("5. flagged wording is marked as flagged")
    func flagged() {
        #expect(md.contains("She refuses to engage with the tenancy officer. \\[flagged: 'refuses to engage' reads as opinion or victim-blaming\\]"))
        let info = caseJSON("HB-0415")["information"] as? [[String: Any]]
        let notes = info?.flatMap { ($0["notes"] as? [[String: Any]]) ?? [] }
        #expect(notes?.contains { $0["flagged"] as? String == "refuses to engage" } == true)
    }

    @Test("6. withdrawn and deferred cases print their reason, no empty sections")
    func noEmptySections() throws {
        let parts = md.components(separatedBy: "#### ")
        let withdrawn = try #require(parts.first { $0.hasPrefix("4. HB-0420") })
        #expect(withdrawn.contains("Withdrawn: The victim has moved"))
        #expect(!withdrawn.contains("Victim's views"))
        #expect(!withdrawn.contains("Not recorded."))
        #expect(!withdrawn.contains("No actions agreed"))
        let deferred = try #require(parts.first { $0.hasPrefix("3. HB-0419") })
        #expect(deferred.contains("Deferred to the next meeting: The referrer has not briefed the representative"))
        #expect(!deferred.contains("Information shared"))
        #expect(caseJSON("HB-0420")["withdrawalReason"] as? String == "The victim has moved; referred to the Marac in her new area")
    }

    @Test("7. minute-taker, circulation list and next meeting from the protocol")
    func protocolDetails() {
        #expect(md.contains("- **Minute-taker:** Ash Penrose, Marac coordinator"))
        #expect(md.contains("- **Circulation:** Police; Idva; Housing"))
        #expect(md.contains("- **Next meeting:** 05/01/2027"))
        let meeting = parsed["meeting"] as? [String: Any]
        #expect(meeting?["minuteTaker"] as? String == "Ash Penrose, Marac coordinator")
        #expect(meeting?["circulation"] as? [String] == ["Police", "Idva", "Housing"])
        #expect(meeting?["nextMeeting"] as? String == "2027-01-05")
    }

    @Test("8. headers of tables and sections that continue say so")
    func continued() {
        // A section met again after another says "(continued)"; in Word the case's reference heads
        // its action table and repeats on every page the table runs on to.
        var events = RecordFixture.events
        let late = AgendaCase(caseRef: "HB-0421", victim: "Nia Fell", referringAgency: "Police", referralBasis: .actuarial, children: 1)
        events.insert(RecordedEvent(seq: 0, at: events[5].at, event: .caseQueued(agendaCase: late, late: true)), at: 6)
        events = events.enumerated().map { RecordedEvent(seq: $0.offset, at: $0.element.at, event: $0.element.event) }
        let m = Minutes(state: Meeting(events: events).state, journal: Fixture.journal, now: Fixture.generatedAt)
        #expect(MarkdownRenderer.minutes(m).contains("### Cases with children (continued)"))
        let docx = DocxRenderer.minutes(m).parts().first { $0.path == "word/document.xml" }?.contents ?? ""
        #expect(docx.contains("Case HB-0412 — actions"))
        #expect(docx.contains("<w:tblHeader/>"))
    }

    @Test("9. the statement's wording reflects anyone who did not agree")
    func statement() {
        #expect(md.contains("agreed by those present except Jo Park (Mental Health), who did not agree"))
        #expect(!md.contains("Read by the chair and agreed by those present."))
        let c = parsed["confidentialityStatement"] as? [String: Any]
        #expect(c?["notAgreed"] as? [String] == ["Jo Park (Mental Health)"])
    }

    @Test("10. a blank repeat is unknown, not 'no'")
    func blankRepeat() {
        #expect(RecordFixture.minutes.cases[1].repeatText == "not recorded")
        #expect(caseJSON("HB-0415")["repeat"] is NSNull)
        #expect(caseJSON("HB-0412")["repeat"] as? Bool == true)
    }

    @Test("11. actions closed through the tracker since the last meeting, under the outcome split, with date and note; escalations")
    func betweenMeetings() {
        #expect(md.contains("### Closed or escalated through the tracker since the previous meeting"))
        #expect(md.contains("| 20261103-6 | 03/11/2026 | HB-0350 | Share the bail conditions with the school | Police | 25/11/2026 | No reply from Police DA unit |"))
        #expect(md.contains("*Not done by the agency — escalated to the steering group*"))
        #expect(md.contains("### Escalations for the steering group"))
        #expect(md.contains("20261103-6 (Police, case HB-0350) on 25/11/2026: No reply from Police DA unit"))
        let outstanding = parsed["outstandingActions"] as? [String: Any]
        let between = outstanding?["closedBetweenMeetings"] as? [String: Any]
        #expect((between?["notDone"] as? [[String: Any]])?.first?["note"] as? String == "No reply from Police DA unit")
        #expect((between?["done"] as? [[String: Any]])?.first?["date"] as? String == "2026-11-20")
        #expect((outstanding?["escalations"] as? [String])?.count == 2)   // one at the review, one between meetings
    }
}

@Suite("Local time in documents")
struct LocalTimeTests {
    /// 14/07/2026 09:30 in London is 08:30 UTC (BST).
    static let july = CalendarDate(year: 2026, month: 7, day: 14)!
    static let start = Int64(july.dayNumber) * 86_400_000 + 8 * 3_600_000 + 30 * 60_000

    static var events: [RecordedEvent] {
        let info = MeetingInfo(id: "2026-07-14-harbourside", date: july, area: "Harbourside", chair: "Sam Whitlock")
        let list: [(Int64, MeetingEvent)] = [
            (0, .meetingCreated(info: info, rules: .national)),
            (0, .caseQueued(agendaCase: Fixture.adultCase, late: false)),
            (0, .meetingStarted),
            (60_000, .discussionStarted(caseRef: "HB-0415")),
            (600_000, .discussionEnded(caseRef: "HB-0415", overrunReason: nil)),
            (1_800_000, .meetingClosed),
        ]
        return list.enumerated().map { RecordedEvent(seq: $0.offset, at: start + $0.element.0, event: $0.element.1) }
    }

    @Test("a BST meeting at 09:30 local prints 09:30, unlabelled; JSON carries the offset")
    func bst() {
        let zone = DocumentTime.zone(named: "Europe/London", around: Self.start)
        let m = Minutes(state: Meeting(events: Self.events).state, journal: Fixture.journal, now: Self.start, zone: zone)
        #expect(m.meeting.startedAt?.uk == "14/07/2026 09:30")
        #expect(m.meeting.closedAt?.uk == "14/07/2026 10:00")
        let md = MarkdownRenderer.minutes(m)
        #expect(md.contains("- **Started:** 14/07/2026 09:30\n"))
        #expect(!md.contains("08:30"))
        #expect(JSONRenderer.minutes(m).contains("\"startedAt\": \"2026-07-14T09:30:00+01:00\""))
    }

    @Test("the repeated hour when the clocks go back is labelled; another zone is always labelled")
    func ambiguous() {
        // 25/10/2026: 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
        let day = Int64(CalendarDate(year: 2026, month: 10, day: 25)!.dayNumber) * 86_400_000
        let zone = DocumentTime.zone(named: "Europe/London", around: day)
        #expect(zone.instant(day + 30 * 60_000).uk == "25/10/2026 01:30 BST")
        #expect(zone.instant(day + 90 * 60_000).uk == "25/10/2026 01:30 GMT")
        #expect(zone.instant(day + 12 * 3_600_000).uk == "25/10/2026 12:00")
        let paris = DocumentTime.zone(named: "Europe/Paris", around: Self.start)
        #expect(paris.instant(Self.start).hhmmLabelled.hasPrefix("10:30 "))
    }

    @Test("marac export takes TZ, else the protocol's zone, else Europe/London; the journal keeps UTC epoch")
    func exportCommand() throws {
        let dir = TempFolder()
        let journal = dir.file("2026-07-14-harbourside.jsonl")
        try writeJournal(journal, id: "2026-07-14-harbourside", Self.events)
        let london = try ExportMinutes.run(.init(journalPath: journal, format: .md, outDir: dir.file("a"), environment: [:]), now: Self.start)
        let text = try String(contentsOfFile: try #require(london.written.first), encoding: .utf8)
        #expect(text.contains("- **Started:** 14/07/2026 09:30\n"))
        let utc = try ExportMinutes.run(.init(journalPath: journal, format: .md, outDir: dir.file("b"), environment: ["TZ": "UTC"]), now: Self.start)
        #expect(try String(contentsOfFile: try #require(utc.written.first), encoding: .utf8).contains("- **Started:** 14/07/2026 08:30 UTC\n"))
        let raw = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(raw.contains("\(Self.start)"))
    }
}

@Suite("Spreadsheets: BOM, typed cells, no formulas")
struct SpreadsheetTests {
    @Test("CSV starts with a UTF-8 BOM by default; --no-bom drops it")
    func bom() throws {
        let dir = TempFolder()
        let journal = dir.file("j.jsonl")
        try writeJournal(journal, id: Fixture.info.id, Fixture.events)
        let with = try ExportMinutes.run(.init(journalPath: journal, format: .csv, outDir: dir.file("a"), environment: [:]), now: Fixture.generatedAt)
        let without = try ExportMinutes.run(.init(journalPath: journal, format: .csv, outDir: dir.file("b"), byteOrderMark: false, environment: [:]),
                                            now: Fixture.generatedAt)
        let a = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try #require(with.written.first))))
        let b = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try #require(without.written.first))))
        #expect(Array(a.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(Array(b.prefix(3)) != [0xEF, 0xBB, 0xBF])
        #expect(Array(a.dropFirst(3)) == b)
    }

    @Test("a cell that would run as a formula in CSV is a plain shared string in xlsx, with no apostrophe; dates are serial days")
    func xlsxCells() {
        let book = XlsxRenderer.actions(Hostile.minutes)
        let parts = book.parts()
        let sheet = parts.first { $0.path == "xl/worksheets/sheet1.xml" }?.contents ?? ""
        let strings = parts.first { $0.path == "xl/sharedStrings.xml" }?.contents ?? ""
        #expect(!sheet.contains("<f>"))
        #expect(!sheet.contains("t=\"str\""))
        #expect(strings.contains("<t xml:space=\"preserve\">=HYPERLINK(&quot;http://evil.example/x&quot;,&quot;Click&quot;)</t>"))
        #expect(!strings.contains("&#39;=HYPERLINK"))
        // 05/12/2026 is Excel day 46361, in the date style.
        #expect(sheet.contains("s=\"5\"><v>46361</v>"))
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
    }
}

@Suite("marac export: Word template and the tracker between meetings")
struct ExportFolderTests {
    @Test("--template uses the council's styles; styles it lacks keep marac's; a file that is not a docx is one clear error")
    func template() throws {
        let dir = TempFolder()
        let journal = dir.file("2026-12-01-harbourside.jsonl")
        try writeJournal(journal, id: Fixture.info.id, Fixture.events)
        let councilHeading = "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:rPr><w:color w:val=\"1F4E79\"/></w:rPr></w:style>"
        let styles = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + councilHeading + "</w:styles>"
        let template = dir.file("council.docx")
        try Data(try OfficePackage.zip([PackagePart(path: "word/styles.xml", contents: styles)])).write(to: URL(fileURLWithPath: template))
        let outcome = try ExportMinutes.run(.init(journalPath: journal, format: .docx, outDir: dir.file("out"), templatePath: template,
                                                  environment: [:]), now: Fixture.generatedAt)
        let written = try #require(outcome.written.first)
        let merged = try #require(try OfficePackage.readPart("word/styles.xml", fromPackage: written))
        #expect(merged.contains(councilHeading))
        #expect(!merged.contains("<w:sz w:val=\"32\"/>"))          // marac's own Heading1 is not added
        #expect(merged.contains("w:styleId=\"MaracTable\""))       // the council has no table style: marac's is
        let notDocx = dir.file("notes.txt")
        try Data("hello".utf8).write(to: URL(fileURLWithPath: notDocx))
        #expect(throws: CommandFailure.self) {
            _ = try ExportMinutes.run(.init(journalPath: journal, format: .docx, outDir: dir.file("out2"), templatePath: notDocx, environment: [:]))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("out2")))
    }

    @Test("an action escalated through the tracker between meetings is in the next meeting's minutes, for the steering group")
    func trackerBetweenMeetings() throws {
        let dir = TempFolder()
        // The previous meeting (01/12/2026, the fixture) and the next (15/12/2026).
        try writeJournal(dir.file("2026-12-01-harbourside.jsonl"), id: Fixture.info.id, Fixture.events)
        let escalatedAt = Fixture.nine + 7 * 86_400_000
        _ = try ActionTracker.record(.escalate, actionID: "20261201-1", note: "No reply from Police DA unit", folder: dir.path, now: escalatedAt)
        let next = CalendarDate(year: 2026, month: 12, day: 15)!
        let start = Int64(next.dayNumber) * 86_400_000 + 9 * 3_600_000 + 30 * 60_000
        let info = MeetingInfo(id: "2026-12-15-harbourside", date: next, area: "Harbourside", chair: "Sam Whitlock")
        let events: [RecordedEvent] = [
            RecordedEvent(seq: 0, at: start - 60_000, event: .meetingCreated(info: info, rules: .national)),
            RecordedEvent(seq: 1, at: start, event: .meetingStarted),
            RecordedEvent(seq: 2, at: start + 3_600_000, event: .meetingClosed),
        ]
        let journal = dir.file("2026-12-15-harbourside.jsonl")
        try writeJournal(journal, id: info.id, events)
        let outcome = try ExportMinutes.run(.init(journalPath: journal, format: .md, outDir: dir.file("out"), environment: [:]), now: start)
        let md = try String(contentsOfFile: try #require(outcome.written.first), encoding: .utf8)
        #expect(md.contains("### Closed or escalated through the tracker since the previous meeting"))
        #expect(md.contains("| 20261201-1 | 01/12/2026 | HB-0412 | Serve a domestic violence protection notice on the perpetrator | Police | 08/12/2026 | No reply from Police DA unit |"))
        #expect(md.contains("20261201-1 (Police, case HB-0412) on 08/12/2026: No reply from Police DA unit"))
        // The previous meeting's own minutes do not list it: it happened after that meeting.
        let earlier = try ExportMinutes.run(.init(journalPath: dir.file("2026-12-01-harbourside.jsonl"), format: .md, outDir: dir.file("out1"),
                                                  environment: [:]), now: start)
        #expect(!(try String(contentsOfFile: try #require(earlier.written.first), encoding: .utf8)).contains("through the tracker"))
    }
}
