import Foundation
import MaracApp
import MaracCore
import MaracJournal
import Testing

/// Which copy of a journal counts, dated updates, short IDs, chasers and agency returns (issue 17).
@Suite("Action tracker: copies, updates, chasers, returns")
struct TrackerUpdateTests {
    let dir = TempFolder()
    var meetingOnePath: String { dir.file("2026-12-01-northvale.jsonl") }
    static let typedOn = TwoMeetings.at(CalendarDate(year: 2026, month: 12, day: 10)!, 0)

    init() throws { try writeJournal(meetingOnePath, id: "2026-12-01-northvale", TwoMeetings.meetingOne) }

    func failure(_ body: () throws -> Void) -> String {
        do { try body(); return "" } catch { return (error as? CommandFailure)?.message ?? "unexpected \(error)" }
    }

    func trackerBytes() -> Data? { FileManager.default.contents(atPath: dir.file("tracker.jsonl")) }

    // MARK: Which copy counts

    @Test("a partial backup copy beside the journal: actions, the opening review and report agree, one warning for the file")
    func backupCopyLoses() throws {
        // The backup was taken before the meeting withdrew action 6 and closed action 5.
        try writeJournal(dir.file("2026-12-01-northvale.backup.jsonl"), id: "2026-12-01-northvale", Array(TwoMeetings.meetingOne.prefix(11)))
        let folder = try ActionFolder.load(folder: dir.path)
        #expect(folder.open.map(\.action.id) == ["20261201-1", "20261201-2", "20261201-3", "20261201-4", "20261201-7"])
        #expect(folder.problems.count == 1, "one line for the backup, not one per action: \(folder.problems)")
        #expect(folder.problems[0].contains("2026-12-01-northvale.backup.jsonl: is an earlier copy of 2026-12-01-northvale.jsonl"))

        let (review, reviewProblems) = try OpenActions.load(folder: dir.path, passphrase: nil)
        #expect(review.map(\.id) == folder.open.map(\.action.id))
        #expect(reviewProblems == folder.problems)

        let report = try MaracReportCommand.load(folder: dir.path)
        #expect(report.meetings.count == 1)
        let governance = Governance(meetings: report.meetings, period: try ReportPeriod.range(from: "01/12/2026", to: "31/12/2026"),
                                    tracker: report.tracker, otherMeetings: report.otherMeetingUpdates)
        #expect(governance.totalActions.open == folder.open.count)
        #expect(governance.totalActions.agreed == 6, "the withdrawn action is not counted")
        #expect(report.problems.map(\.description) == folder.problems)

        // The list says the same on its warning channel, once.
        let listed = try TrackActions.list(.init(folder: dir.path, on: "02/12/2026"))
        #expect(listed.warnings.count == 1)
        #expect(!listed.text.contains("20261201-6"))
    }

    @Test("a copy that disagrees is a conflict, named once, and nothing from it is used")
    func conflictingCopy() throws {
        var other = Array(TwoMeetings.meetingOne.prefix(8))
        other.append(RecordedEvent(seq: 8, at: other.last!.at + 1,
                                   event: .actionAgreed(action: Action(id: "20261201-99", caseRef: "NV-101", text: "Forged", owner: "Police",
                                                                       due: nil, category: nil))))
        try writeJournal(dir.file("copy-from-email.jsonl"), id: "2026-12-01-northvale", other)
        let folder = try ActionFolder.load(folder: dir.path)
        #expect(folder.action("20261201-99") == nil)
        #expect(folder.problems.count == 1)
        #expect(folder.problems[0].contains("copy-from-email.jsonl: conflicts with 2026-12-01-northvale.jsonl"))
        #expect(folder.problems[0].contains("nothing from copy-from-email.jsonl is used"))
        let report = try MaracReportCommand.load(folder: dir.path)
        #expect(report.problems.count == 1 && report.problems[0].makesIncomplete)
    }

    @Test("a longer copy wins over a shorter journal of the same meeting, whatever the names")
    func fullestWins() throws {
        let shortPath = dir.file("2026-12-01-northvale.jsonl")
        try FileManager.default.removeItem(atPath: shortPath)
        try writeJournal(shortPath, id: "2026-12-01-northvale", Array(TwoMeetings.meetingOne.prefix(11)))
        try writeJournal(dir.file("zz-restored.jsonl"), id: "2026-12-01-northvale", TwoMeetings.meetingOne)
        let folder = try ActionFolder.load(folder: dir.path)
        #expect(folder.action("20261201-6")?.status == .withdrawn)
        #expect(folder.problems == ["2026-12-01-northvale.jsonl: is an earlier copy of zz-restored.jsonl (the same meeting 2026-12-01-northvale, 11 of its 14 events): zz-restored.jsonl is used"])
    }

    // MARK: Updates

    @Test("note, extend and reassign keep the action open and change what the list and show say")
    func updatesThatKeepItOpen() throws {
        _ = try TrackActions.change(.note, actionID: "20261201-2", note: "Locksmith booked", by: "Jo Reyes", folder: dir.path, now: Self.typedOn)
        _ = try TrackActions.change(.extend, actionID: "20261201-2", note: "Locksmith cancelled", due: "20/12/2026", folder: dir.path, now: Self.typedOn + 1)
        let line = try TrackActions.change(.reassign, actionID: "#2", note: "Tenancy moved", agency: "idva", folder: dir.path, now: Self.typedOn + 2)
        #expect(line.contains("now owned by Idva"), "the folder's spelling of a known agency is kept: \(line)")
        let a = try #require(try ActionFolder.load(folder: dir.path).action("20261201-2"))
        #expect(a.isOpen && a.action.owner == "Idva" && a.action.due == CalendarDate(year: 2026, month: 12, day: 20)!)
        #expect(a.history.map(\.kind) == [.agreed, .note, .extend, .reassign])
        #expect(a.history[1].by == "Jo Reyes")
        let shown = try TrackActions.show("1201-2", folder: dir.path, today: CalendarDate(year: 2026, month: 12, day: 10)!).text
        #expect(shown.contains("20261201-2: open"))
        #expect(shown.contains("extend to 20/12/2026: Locksmith cancelled"))
        #expect(shown.contains("reassign to Idva: Tenancy moved"))
        #expect(shown.contains("note: Locksmith booked (by Jo Reyes, typed 10/12/2026"))
        // The next review imports it with its new owner and due date.
        let (review, _) = try OpenActions.load(folder: dir.path, passphrase: nil)
        #expect(review.first { $0.id == "20261201-2" }?.owner == "Idva")
    }

    @Test("an outcome is dated the day it happened: never in the future, and 'recorded late' when typed after")
    func datedOutcomes() throws {
        #expect(failure { _ = try TrackActions.update(.done, actionID: "20261201-1", note: "x", on: "11/12/2026", folder: dir.path, now: Self.typedOn) }
            .contains("--on 11/12/2026 is in the future"))
        #expect(failure { _ = try TrackActions.update(.done, actionID: "20261201-1", note: "x", on: "31/02/2026", folder: dir.path, now: Self.typedOn) }
            .contains("--on '31/02/2026' is not a date"))
        #expect(trackerBytes() == nil || !String(decoding: trackerBytes()!, as: UTF8.self).contains("trackerUpdated"))
        let line = try TrackActions.update(.done, actionID: "20261201-1", note: "Served", on: "04/12/2026", folder: dir.path, now: Self.typedOn)
        #expect(line.contains("recorded as done on 04/12/2026 (recorded late)"))
        let a = try #require(try ActionFolder.load(folder: dir.path).action("20261201-1"))
        #expect(a.closedOn == CalendarDate(year: 2026, month: 12, day: 4)!)
        #expect(a.history.last?.isRecordedLate == true)
    }

    @Test("the data return counts an outcome on the day it happened and says how many were recorded late")
    func reportUsesTheDayItHappened() throws {
        // Done on 30/11 (the period's last day), typed on 10/12: after the period ended.
        let info = MeetingInfo(id: "2026-11-17-northvale", date: CalendarDate(year: 2026, month: 11, day: 17)!, area: "Northvale", chair: "A")
        let day = CalendarDate(year: 2026, month: 11, day: 17)!
        try writeJournal(dir.file("2026-11-17-northvale.jsonl"), id: info.id, [
            RecordedEvent(seq: 0, at: TwoMeetings.at(day, 0), event: .meetingCreated(info: info, rules: .national)),
            RecordedEvent(seq: 1, at: TwoMeetings.at(day, 1), event: .caseQueued(agendaCase: AgendaCase(caseRef: "NV-090", victim: "V", referringAgency: "Police", referralBasis: .actuarial), late: false)),
            RecordedEvent(seq: 2, at: TwoMeetings.at(day, 2), event: .actionAgreed(action: Action(id: "20261117-1", caseRef: "NV-090", text: "Refer to the Idva", owner: "Police", due: day.adding(days: 5), category: nil))),
            RecordedEvent(seq: 3, at: TwoMeetings.at(day, 3), event: .meetingClosed),
        ])
        _ = try TrackActions.update(.done, actionID: "20261117-1", note: "Referred", on: "30/11/2026", folder: dir.path, now: Self.typedOn)
        let out = MaracReportCommand.run(.init(folder: dir.path, from: "01/11/2026", to: "30/11/2026"))
        #expect(out.exitCode == 0, "\(out.stderr)")
        let loaded = try MaracReportCommand.load(folder: dir.path)
        let g = Governance(meetings: loaded.meetings, period: try ReportPeriod.range(from: "01/11/2026", to: "30/11/2026"),
                           tracker: loaded.tracker, otherMeetings: loaded.otherMeetingUpdates)
        #expect(g.totalActions.done == 1 && g.totalActions.open == 0, "done on 30/11 counts in November though typed in December")
        #expect(g.outcomesRecordedLate == 1 && g.outcomesRecordedAfterPeriod == 1)
        #expect(out.stdout.contains("1 outcome was recorded late"))
        #expect(out.stdout.contains("after the period ended"))
    }

    @Test("short IDs: #N and MMDD-N where they name one action; an ambiguous one lists the candidates")
    func shortIDs() throws {
        let folder = try ActionFolder.load(folder: dir.path)
        #expect(try ActionIDs.resolve("#3", in: folder).action.id == "20261201-3")
        #expect(try ActionIDs.resolve("1201-4", in: folder).action.id == "20261201-4")
        #expect(try ActionIDs.resolve("20261201-7", in: folder).action.id == "20261201-7")
        // A second meeting with its own #3 makes "#3" ambiguous, but "1215-3" is not.
        let info = MeetingInfo(id: "2026-12-15-northvale", date: TwoMeetings.second, area: "Northvale", chair: "A")
        try writeJournal(dir.file("2026-12-15-northvale.jsonl"), id: info.id, [
            RecordedEvent(seq: 0, at: TwoMeetings.at(TwoMeetings.second, 0), event: .meetingCreated(info: info, rules: .national)),
            RecordedEvent(seq: 1, at: TwoMeetings.at(TwoMeetings.second, 1), event: .caseQueued(agendaCase: AgendaCase(caseRef: "NV-200", victim: "W", referringAgency: "Police", referralBasis: .actuarial), late: false)),
            RecordedEvent(seq: 2, at: TwoMeetings.at(TwoMeetings.second, 2), event: .actionAgreed(action: Action(id: "20261215-3", caseRef: "NV-200", text: "Visit", owner: "Police", due: nil, category: nil))),
        ])
        let two = try ActionFolder.load(folder: dir.path)
        #expect(failure { _ = try ActionIDs.resolve("#3", in: two) }.contains("'#3' could be any of 2 actions (20261201-3, 20261215-3)"))
        #expect(try ActionIDs.resolve("1215-3", in: two).action.id == "20261215-3")
        // Closing one leaves the other as the only open #3: updates accept it.
        _ = try TrackActions.update(.done, actionID: "1201-3", note: "Done", folder: dir.path, now: Self.typedOn)
        #expect(try TrackActions.update(.done, actionID: "#3", note: "Done", folder: dir.path,
                                        now: TwoMeetings.at(TwoMeetings.second, 30)).hasPrefix("20261215-3"))
    }

    @Test("list: agency A–Z then soonest due, days overdue, --all, --status, --due-before, --meeting, csv, md, json")
    func listOptions() throws {
        _ = try TrackActions.update(.done, actionID: "20261201-2", note: "Locks changed", on: "06/12/2026", folder: dir.path, now: Self.typedOn)
        let day = "10/12/2026"
        let text = try TrackActions.list(.init(folder: dir.path, on: day, width: 100)).text
        let order = ["Children's Social Care (1)", "Housing (1)", "Idva (1)", "Police (1)"].map { text.range(of: $0)!.lowerBound }
        #expect(order == order.sorted(), "\(text)")
        #expect(text.contains("5 days"), "due 05/12, seen 10/12: \(text)")
        let all = try TrackActions.list(.init(folder: dir.path, on: day, all: true)).text
        #expect(all.contains("done 06/12/2026") && all.contains("withdrawn"))
        let done = try TrackActions.list(.init(folder: dir.path, on: day, status: "done")).text
        #expect(done.contains("20261201-2") && done.contains("20261201-5") && !done.contains("20261201-1"))
        #expect(failure { _ = try TrackActions.list(.init(folder: dir.path, status: "finished")) }.contains("--status 'finished' is not a status"))
        let before = try TrackActions.list(.init(folder: dir.path, on: day, dueBefore: "09/12/2026")).text
        #expect(before.contains("20261201-1") && !before.contains("20261201-3") && !before.contains("20261201-4"))
        #expect(try TrackActions.list(.init(folder: dir.path, on: day, meeting: "01/12/2026")).text.contains("20261201-1"))
        #expect(failure { _ = try TrackActions.list(.init(folder: dir.path, meeting: "2025-01-01-x")) }.contains("matches no meeting"))
        let csv = try TrackActions.list(.init(folder: dir.path, on: day, format: "csv")).text
        #expect(csv.hasPrefix("action_id,meeting_id,meeting_date,agency,case_ref,action,due_date,days_overdue"))
        #expect(csv.components(separatedBy: "\r\n").count == 6)
        let md = try TrackActions.list(.init(folder: dir.path, on: day, format: "md")).text
        #expect(md.contains("## Police (1)") && md.contains("| 20261201-1 |"))
        let json = try TrackActions.list(.init(folder: dir.path, on: day, all: true, format: "json")).text
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 7)
        #expect(parsed?.first { $0["id"] as? String == "20261201-2" }?["closedOn"] as? String == "2026-12-06")
    }

    @Test("the text list wraps the action text to the width given")
    func wrapsToWidth() throws {
        for width in [60, 80, 120] {
            let text = try TrackActions.list(.init(folder: dir.path, on: "10/12/2026", width: width)).text
            for line in text.split(separator: "\n").dropFirst() { #expect(line.count <= width, "\(width): \(line)") }
        }
    }

    // MARK: Chasers

    @Test("chasers: one per agency, overdue first, names only where the protocol allows, covering text from the protocol")
    func chasers() throws {
        let out = TempFolder()
        let result = try Chasers.write(.init(folder: dir.path, agency: "all", format: "csv", out: out.path, on: "10/12/2026", by: "Sam Ode"))
        #expect(out.entries == ["chaser-children-s-social-care-2026-12-10.csv", "chaser-housing-2026-12-10.csv", "chaser-idva-2026-12-10.csv",
                                "chaser-police-2026-12-10.csv"])
        #expect(result.text.contains("Housing: 2 actions, 1 overdue"))
        let housing = try String(contentsOfFile: out.file("chaser-housing-2026-12-10.csv"), encoding: .utf8)
        #expect(housing.hasPrefix(Chasers.csvHeader.joined(separator: ",") + "\r\n"))
        let rows = housing.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(rows.first?.contains("20261201-2") == true, "the overdue one first")
        #expect(!housing.contains("Edda Vale"), "no victim names by default")

        var rules = LocalProtocol.national
        rules.chaserVictimNames = true
        rules.chaserText = "Hello {agency}: {count} owed, {overdue} late. {by}"
        let md = try Chasers.make(agency: "housing", loaded: try ActionFolder.load(folder: dir.path), day: CalendarDate(year: 2026, month: 12, day: 10)!,
                                  rules: rules, by: "Sam")
        let doc = Chasers.markdown(md[0])
        #expect(doc.contains("Hello Housing: 2 owed, 1 late. Sam"))
        #expect(doc.contains("Edda Vale"))
        #expect(failure { _ = try Chasers.write(.init(folder: dir.path, agency: "Fire", out: out.path)) }.contains("no open actions for an agency called 'Fire'"))
    }

    // MARK: Agency returns

    func write(_ name: String, _ text: String) -> String {
        let path = dir.file(name)
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    @Test("a returned chaser applies exactly its filled rows; the same file again applies nothing")
    func goodReturn() throws {
        let out = TempFolder()
        _ = try Chasers.write(.init(folder: dir.path, agency: "Housing", format: "csv", out: out.path, on: "10/12/2026"))
        var csv = try String(contentsOfFile: out.file("chaser-housing-2026-12-10.csv"), encoding: .utf8)
        // The agency fills in one row (status, on, note) and leaves the other blank.
        csv = csv.components(separatedBy: "\r\n").map { line in
            guard line.contains("20261201-2"), let blanks = line.range(of: ",,,,") else { return line }
            return line.replacingCharacters(in: blanks, with: ",done,06/12/2026,Locks changed by the contractor,")
        }.joined(separator: "\r\n")
        let path = write("return.csv", csv)
        let summary = try AgencyReturn.apply(file: path, folder: dir.path, now: Self.typedOn, today: CalendarDate(year: 2026, month: 12, day: 10)!)
        #expect(summary.contains("1 update applied (1 done)"), "\(summary)")
        #expect(summary.contains("1 row left blank"))
        let a = try #require(try ActionFolder.load(folder: dir.path).action("20261201-2"))
        #expect(a.status == .done && a.closedOn == CalendarDate(year: 2026, month: 12, day: 6)!)
        let before = trackerBytes()
        let again = try AgencyReturn.apply(file: path, folder: dir.path, now: Self.typedOn + 5, today: CalendarDate(year: 2026, month: 12, day: 10)!)
        #expect(again.contains("already imported") && again.contains("nothing applied"))
        #expect(trackerBytes() == before)
        // A re-saved copy (different bytes, same update) is recognised row by row.
        let resaved = write("return-resaved.csv", csv + "\r\n")
        let third = try AgencyReturn.apply(file: resaved, folder: dir.path, now: Self.typedOn + 9, today: CalendarDate(year: 2026, month: 12, day: 10)!)
        #expect(third.contains("0 updates applied") && third.contains("1 already recorded"), "\(third)")
    }

    @Test("a hostile return is refused with line and column and changes nothing",
          arguments: [
            ("formula", "action_id,agency,status,on,note\r\n20261201-2,Housing,=HYPERLINK(\"http://x\"),06/12/2026,ok\r\n", "line 2, column status: '=HYPERLINK"),
            ("other agency's", "action_id,agency,status,on,note\r\n20261201-1,Housing,done,06/12/2026,ok\r\n", "line 2, column action_id: 20261201-1 is Police's action, not Housing's"),
            ("closed", "action_id,agency,status,on,note\r\n20261201-5,Probation,done,06/12/2026,again\r\n", "line 2, column status: 20261201-5 is already done"),
            ("impossible date", "\u{FEFF}action_id,agency,status,on,note\r\n20261201-2,Housing,done,31/02/2026,ok\r\n", "line 2, column on: '31/02/2026' is not a real day"),
            ("status", "action_id,agency,status,on,note\n20261201-2,Housing,finished,06/12/2026,ok\n", "line 2, column status: 'finished' is not a status"),
            ("unknown", "action_id,agency,status,on,note\n20261201-42,Housing,done,06/12/2026,ok\n", "line 2, column action_id: no action '20261201-42'"),
            ("future", "action_id,agency,status,on,note\n20261201-2,Housing,done,25/12/2026,ok\n", "line 2, column on: 25/12/2026 is in the future"),
            ("mixed agencies", "action_id,agency,status,on,note\n20261201-2,Housing,done,06/12/2026,ok\n20261201-1,Police,done,06/12/2026,ok\n", "line 3, column agency: 'Police' but the file is from Housing"),
            ("missing column", "action_id,agency,status,note\n20261201-2,Housing,done,ok\n", "no on column"),
          ])
    func hostileReturn(_ name: String, _ text: String, _ expected: String) throws {
        // A good row first in each file: all or nothing means it is not applied either.
        let good = "20261201-7,Housing,in progress,,Refuge space found for January\r\n"
        let lines = text.components(separatedBy: "\n")
        let withGood = lines.count > 2 && !text.contains("Police,done") ? lines[0] + "\n" + good + lines.dropFirst().joined(separator: "\n") : text
        let path = write("hostile-\(name).csv", withGood)
        let message = failure { _ = try AgencyReturn.apply(file: path, folder: dir.path, now: Self.typedOn, today: CalendarDate(year: 2026, month: 12, day: 10)!) }
        let adjusted = withGood == text ? expected : expected.replacingOccurrences(of: "line 2,", with: "line 3,").replacingOccurrences(of: "line 3, column agency", with: "line 4, column agency")
        #expect(message.contains(adjusted), "\(name): \(message)")
        #expect(message.contains("nothing was applied"), "\(message)")
        let open = try ActionFolder.load(folder: dir.path)
        #expect(open.action("20261201-7")?.history.count == 1, "\(name): the good row was applied")
        #expect(trackerBytes() == nil, "\(name): a tracker was written")
    }

    @Test("a Latin-1 file is refused naming the line, not guessed at")
    func latin1Return() throws {
        var bytes = Array("action_id,agency,status,on,note\r\n20261201-2,Housing,done,06/12/2026,Caf".utf8)
        bytes += [0xE9] + Array(" visit\r\n".utf8)
        let path = dir.file("latin1.csv")
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let message = failure { _ = try AgencyReturn.apply(file: path, folder: dir.path, now: Self.typedOn) }
        #expect(message.contains("latin1.csv line 2, character 39: the file is not UTF-8"), "\(message)")
        #expect(message.contains("CSV UTF-8"))
        #expect(try ActionFolder.load(folder: dir.path).action("20261201-2")?.isOpen == true)
    }
}
