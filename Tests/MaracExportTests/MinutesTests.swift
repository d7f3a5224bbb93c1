import Foundation
import MaracCore
import Testing
@testable import MaracExport

@Suite("Minutes model")
struct MinutesModelTests {
    let m = Fixture.minutes

    @Test("meeting details, chair and meeting time come from the journal, not from when it is exported")
    func meetingDetails() {
        #expect(m.meeting.area == "Harbourside")
        #expect(m.meeting.chair == "Sam Whitlock")
        #expect(m.meeting.startedAt?.hhmm == "09:30")
        #expect(m.meeting.closedAt?.hhmm == "10:12")
        #expect(m.meeting.durationMillis == 42 * 60_000)
        let later = Minutes(state: Fixture.state, journal: Fixture.journal, now: Fixture.generatedAt + 86_400_000)
        #expect(later.cases == m.cases)
        #expect(later.summary == m.summary)
    }

    @Test("attendance keeps observers' confidentiality, apologies' information and who left after which case")
    func attendance() {
        #expect(m.attendance.present.map(\.agency) == ["Police", "Idva", "Children's Social Care", "Housing", "Health Visiting"])
        #expect(m.attendance.present.first { $0.agency == "Children's Social Care" }?.leftAfterCase == "HB-0412")
        #expect(m.attendance.observers.map(\.confidentialityAgreed) == [true, false])
        let probation = m.attendance.apologies.first { $0.agency == "Probation" }
        #expect(probation?.informationSent == true)
        #expect(probation?.informationReceived == Fixture.date(2026, 11, 28))
        #expect(m.attendance.apologies.first { $0.agency == "GP" }?.informationSent == false)
        #expect(m.attendance.absent.map(\.agency) == ["Education"])
    }

    @Test("the opening review keeps the split: done, not possible, not done (escalated), carried forward, not reviewed")
    func reviewSplit() {
        #expect(m.review.done.map(\.id) == ["20261117-2"])
        #expect(m.review.notPossible.map(\.id) == ["20261117-4"])
        #expect(m.review.notDoneEscalated.map(\.id) == ["20261117-5"])
        #expect(m.review.carriedForward.map(\.id) == ["20261117-7"])
        #expect(m.review.notReviewed.map(\.id) == ["20261117-8"])
        #expect(m.review.notPossible.first?.note == "Victim moved out of area")
    }

    @Test("a repeat case with children: previous hearing, DASH, time against target with the overrun reason")
    func childCase() throws {
        let c = try #require(m.cases.first)
        #expect(c.ref == "HB-0412")
        #expect(c.section == .withChildren)
        #expect(c.isRepeat)
        #expect(c.repeatText == "yes (previous hearings: 10/03/2026)")
        #expect(c.dashText == "18 of 24 (threshold 14)")
        #expect(c.childrenText == "2")
        let time = try #require(c.time)
        #expect(time.takenMillis == 19 * 60_000 + 30_000)
        #expect(time.targetMillis == 12 * 60_000)   // 10 minutes plus 2 bonus minutes
        #expect(time.overran)
        #expect(c.timeText == "19 min 30 s against a target of 12 min (limit 17 min, including 2 bonus minutes) — OVERRAN: New incident disclosed during the meeting")
    }

    @Test("information is grouped by agency and kind; the victim's views and withheld information are kept apart")
    func information() throws {
        let c = try #require(m.cases.first)
        #expect(c.information.map(\.agency) == ["Police", "Children's Social Care", "Health Visiting"])
        #expect(c.information[0].notes.map(\.kind) == [.riskInformation, .perpetrator])
        #expect(c.information[2].notes.map(\.kind) == [.withheld])
        #expect(!c.information.flatMap(\.notes).contains { $0.kind == .victimsViews })
        #expect(c.victimsViews.map(\.agency) == ["Idva"])
        #expect(c.feedbackText == "Idva, in person (at the Idva office on Thursday)")
    }

    @Test("every action carries its SMART findings")
    func smartFindings() throws {
        let actions = m.allActions
        #expect(actions.map(\.id) == (1...7).map { "20261201-\($0)" })
        #expect(actions[0].findings.isEmpty)
        #expect(actions[3].findings.map(\.code).contains("vague-wording"))      // "Monitor the family"
        #expect(Set(actions[5].findings.map(\.code)) == ["owner-absent", "no-due-date"])  // Probation sent apologies
        #expect(actions[6].status == .withdrawn)
        #expect(actions[6].findings.isEmpty)
    }

    @Test("deferred and withdrawn cases carry their reasons; the summary counts them")
    func outcomesAndSummary() {
        #expect(m.cases[2].outcomeText == "Deferred to the next meeting: The referrer has not briefed the representative")
        #expect(m.cases[3].outcomeText == "Withdrawn: The victim has moved; referred to the Marac in her new area")
        #expect(m.cases[3].late)
        let s = m.summary
        #expect(s.casesHeard == 2)
        #expect(s.deferred == 1)
        #expect(s.withdrawn == 1)
        let expectedMean: Int64 = (19 * 60_000 + 30_000 + 8 * 60_000) / 2
        #expect(s.meanPerCaseMillis == expectedMean)
        #expect(s.overruns.map(\.caseRef) == ["HB-0412"])
        #expect(s.actionsAgreed == 6)
        #expect(s.actionsByAgency.map(\.agency) == ["Housing", "Children's Social Care", "Idva", "Police", "Probation"])
        #expect(s.actionsByAgency.first?.count == 2)
    }
}

@Suite("Renderers")
struct RendererTests {
    let m = Fixture.minutes

    @Test("Markdown minutes match the golden file") func markdownGolden() {
        expectGolden(Exporter.minutes(m, format: .md).contents, "minutes.md")
    }
    @Test("HTML minutes match the golden file") func htmlGolden() {
        expectGolden(Exporter.minutes(m, format: .html).contents, "minutes.html")
    }
    @Test("CSV actions match the golden file") func csvGolden() {
        expectGolden(Exporter.minutes(m, format: .csv).contents, "actions.csv")
    }
    @Test("JSON minutes match the golden file") func jsonGolden() {
        expectGolden(Exporter.minutes(m, format: .json).contents, "minutes.json")
    }
    @Test("a Housing pack in every format matches its golden file", arguments: ExportFormat.allCases)
    func packGolden(format: ExportFormat) throws {
        let pack = try AgencyPack.make(agency: "housing", state: Fixture.state, journal: Fixture.journal, now: Fixture.generatedAt)
        let doc = Exporter.pack(pack, format: format)
        #expect(doc.fileName == "2026-12-01-harbourside-actions-housing.\(format.rawValue)")
        expectGolden(doc.contents, "pack-housing.\(format.rawValue)")
    }

    @Test("every format carries the marking; the reminder too", arguments: ExportFormat.allCases)
    func marking(format: ExportFormat) throws {
        let pack = try AgencyPack.make(agency: "Police", state: Fixture.state, journal: Fixture.journal, now: Fixture.generatedAt)
        for doc in [Exporter.minutes(m, format: format), Exporter.pack(pack, format: format)] {
            #expect(doc.contents.contains("RESTRICTED when complete (OFFICIAL-SENSITIVE)"), "\(doc.fileName)")
            #expect(doc.contents.contains("Do not copy or share it without the agreement"), "\(doc.fileName)")
        }
    }

    @Test("the HTML parses as XML and has a print stylesheet, no scripts and no external references")
    func htmlIsSelfContained() {
        let html = Exporter.minutes(m, format: .html).contents
        let parsed = parseMarkup(html)
        #expect(parsed.ok, "\(parsed.error ?? "")")
        #expect(parsed.elements.first == "html")
        #expect(parsed.elements.contains("style"))
        #expect(html.contains("@media print"))
        #expect(!parsed.elements.contains("script"))
        #expect(!parsed.attributes.contains { $0.name == "src" || $0.name == "href" })
        #expect(!html.lowercased().contains("url("))
        #expect(!html.lowercased().contains("@import"))
        #expect(parsed.text.contains("Zoë Brontë-Łukasiewicz"))
    }

    @Test("the CSV is RFC 4180 with a header and one row per action; dates are ISO")
    func csvShape() throws {
        let rows = try parseCSV(Exporter.minutes(m, format: .csv).contents)
        #expect(rows.first == CSVRenderer.actionsHeader)
        #expect(rows.count == 1 + 7)
        #expect(rows.allSatisfy { $0.count == CSVRenderer.actionsHeader.count })
        let due = try #require(CSVRenderer.actionsHeader.firstIndex(of: "due_date"))
        #expect(rows[1][due] == "2026-12-04")
    }

    @Test("the JSON parses, says what it is, and keeps unknowns as null")
    func jsonShape() throws {
        let data = Data(Exporter.minutes(m, format: .json).contents.utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["format"] as? String == "marac-minutes")
        #expect(root["version"] as? Int == 1)
        let cases = try #require(root["cases"] as? [[String: Any]])
        #expect(cases.count == 4)
        #expect(cases[1]["dashScore"] is NSNull)
        let review = try #require(root["outstandingActions"] as? [String: Any])
        #expect((review["notDoneEscalated"] as? [[String: Any]])?.first?["id"] as? String == "20261117-5")
        let journal = try #require(root["journal"] as? [String: Any])
        #expect(journal["finalHash"] as? String == Fixture.journal.finalHash)
        #expect(journal["verified"] as? Bool == true)
    }

    @Test("the minutes of an unverified journal say so in every format", arguments: ExportFormat.allCases)
    func unverified(format: ExportFormat) {
        guard format != .csv && format != .xlsx else { return }   // those two hold the actions only
        let facts = JournalFacts(fileName: "x.jsonl", finalHash: "abc", verified: false, condition: "damaged at line 12: hash mismatch")
        let text = Exporter.minutes(Minutes(state: Fixture.state, journal: facts, now: Fixture.generatedAt), format: format).contents
        #expect(text.contains("damaged at line 12: hash mismatch"))
        #expect(text.contains("NO") || text.contains("\"verified\": false"))
    }
}

@Suite("Minutes: who tells an absent owner (s4-chair)")
struct AbsentOwnerMinutesTests {
    func minutes(told: Bool) -> Minutes {
        var events = Fixture.events
        let closing = events.removeLast()
        // Probation sent apologies; action 6 is theirs.
        if told {
            events.append(RecordedEvent(seq: events.count, at: closing.at - 1,
                                        event: .absentOwnerToBeTold(actionID: "20261201-6", byAgency: "Idva")))
        }
        events.append(RecordedEvent(seq: events.count, at: closing.at, event: closing.event))
        return Minutes(state: Meeting(events: events).state, journal: Fixture.journal, now: Fixture.generatedAt)
    }

    func line(_ m: Minutes) -> ActionLine? { m.cases.flatMap(\.actions).first { $0.id == "20261201-6" } }

    @Test func theMinutesSayWhoWillTellAnAbsentOwner() throws {
        let told = try #require(line(minutes(told: true)))
        #expect(told.text.hasSuffix("(Probation not present: Idva will tell them)"))
        #expect(MarkdownRenderer.minutes(minutes(told: true)).contains("(Probation not present: Idva will tell them)"))
        let untold = try #require(line(minutes(told: false)))
        #expect(!untold.text.contains("will tell them"))
    }
}
