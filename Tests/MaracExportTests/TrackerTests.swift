import Foundation
import MaracApp
import MaracCore
import MaracJournal
import Testing

/// Two fictional meetings a fortnight apart in one folder, and the tracker between them.
enum TwoMeetings {
    static let first = CalendarDate(year: 2026, month: 12, day: 1)!
    static let second = CalendarDate(year: 2026, month: 12, day: 15)!
    static func at(_ day: CalendarDate, _ minutes: Int) -> Int64 { Int64(day.dayNumber) * 86_400_000 + Int64(9 * 60 + minutes) * 60_000 }

    static func action(_ n: Int, _ owner: String, _ due: CalendarDate?, _ text: String, ref: String = "NV-101") -> Action {
        Action(id: "20261201-\(n)", caseRef: ref, text: text, owner: owner, due: due, category: .victimSafety)
    }

    static let actions = [
        action(1, "Police", CalendarDate(year: 2026, month: 12, day: 5)!, "Serve the notice on the perpetrator"),
        action(2, "Housing", CalendarDate(year: 2026, month: 12, day: 8)!, "Change the locks at the flat"),
        action(3, "Idva", CalendarDate(year: 2026, month: 12, day: 9)!, "Agree a safety plan with the victim"),
        action(4, "Children's Social Care", CalendarDate(year: 2026, month: 12, day: 20)!, "Visit both children at school", ref: "NV-102"),
        action(5, "Probation", CalendarDate(year: 2026, month: 12, day: 4)!, "Check the licence conditions", ref: "NV-102"),
        action(6, "Idva", CalendarDate(year: 2026, month: 12, day: 3)!, "Write to the bank"),
        action(7, "Housing", nil, "Find a refuge space out of area", ref: "NV-102"),
    ]

    /// Meeting 1 agrees seven actions; withdraws 6 and closes 5 (done) before it ends.
    static var meetingOne: [RecordedEvent] {
        let info = MeetingInfo(id: "2026-12-01-northvale", date: first, area: "Northvale", chair: "Ann Castell")
        var list: [MeetingEvent] = [
            .meetingCreated(info: info, rules: .national),
            .caseQueued(agendaCase: AgendaCase(caseRef: "NV-101", victim: "Edda Vale", referringAgency: "Police", referralBasis: .actuarial), late: false),
            .caseQueued(agendaCase: AgendaCase(caseRef: "NV-102", victim: "Mira Stone", referringAgency: "Idva", referralBasis: .actuarial, children: 2), late: false),
            .meetingStarted,
        ]
        list += actions.map { .actionAgreed(action: $0) }
        list += [
            .actionWithdrawn(actionID: "20261201-6", reason: "Duplicate"),
            .actionStatusUpdated(actionID: "20261201-5", status: .done, escalated: false, note: "Checked during the meeting"),
            .meetingClosed,
        ]
        return list.enumerated().map { RecordedEvent(seq: $0.offset, at: at(first, $0.offset), event: $0.element) }
    }

    /// Meeting 2 imports what was open and reviews two: 3 done, 4 carried forward.
    static func meetingTwo(imported: [OutstandingAction]) -> [RecordedEvent] {
        let info = MeetingInfo(id: "2026-12-15-northvale", date: second, area: "Northvale", chair: "Ann Castell")
        let list: [MeetingEvent] = [
            .meetingCreated(info: info, rules: .national),
            .outstandingActionsImported(actions: imported),
            .meetingStarted,
            .outstandingActionReviewed(actionID: "20261201-3", outcome: .done, note: "Plan agreed on 08/12"),
            .outstandingActionReviewed(actionID: "20261201-4", outcome: .carriedForward, note: "Visit booked for 18/12"),
        ]
        return list.enumerated().map { RecordedEvent(seq: $0.offset, at: at(second, $0.offset), event: $0.element) }
    }
}

@Suite("Action tracker")
struct TrackerTests {
    let dir = TempFolder()
    var meetingOnePath: String { dir.file("2026-12-01-northvale.jsonl") }

    init() throws { try writeJournal(meetingOnePath, id: "2026-12-01-northvale", TwoMeetings.meetingOne) }

    @Test("after meeting 1, the open actions are those not withdrawn or closed in the meeting")
    func afterMeetingOne() throws {
        let (open, problems) = try OpenActions.load(folder: dir.path, passphrase: nil)
        #expect(problems.isEmpty)
        #expect(open.map(\.id) == ["20261201-1", "20261201-2", "20261201-3", "20261201-4", "20261201-7"])
        #expect(open.first?.meetingDate == TwoMeetings.first)
    }

    @Test("round trip: tracker marks one done, meeting 2's review closes one and carries one: the rest stay open")
    func roundTrip() throws {
        let when = TwoMeetings.at(CalendarDate(year: 2026, month: 12, day: 7)!, 0)
        _ = try TrackActions.update(.done, actionID: "20261201-2", note: "Locks changed on 06/12", folder: dir.path, now: when)
        let tracker = try JournalReader.read(path: dir.file("tracker.jsonl"))
        #expect(tracker.header.kind == .tracker)
        guard case .trackerUpdated(let u) = try #require(tracker.events.last).event else { Issue.record("not a tracker update"); return }
        #expect(u.actionID == "20261201-2" && u.kind == .done && u.note == "Locks changed on 06/12")
        #expect(u.on == CalendarDate(year: 2026, month: 12, day: 7)!, "--on defaults to the day it was typed")
        #expect(!u.by.isEmpty, "who typed it is recorded")
        #expect(mode(of: dir.file("tracker.jsonl")) == 0o600)

        // What `marac run` would import into meeting 2's opening review.
        let (imported, _) = try OpenActions.load(folder: dir.path, passphrase: nil)
        #expect(imported.map(\.id) == ["20261201-1", "20261201-3", "20261201-4", "20261201-7"])
        try writeJournal(dir.file("2026-12-15-northvale.jsonl"), id: "2026-12-15-northvale", TwoMeetings.meetingTwo(imported: imported))

        let (open, problems) = try OpenActions.load(folder: dir.path, passphrase: nil)
        #expect(problems.isEmpty)
        #expect(open.map(\.id) == ["20261201-1", "20261201-4", "20261201-7"])
    }

    @Test("the meeting about to run can leave its own actions out of its opening review")
    func excludingOwnMeeting() throws {
        let (open, _) = try OpenActions.load(folder: dir.path, passphrase: nil, excludingMeeting: "2026-12-01-northvale")
        #expect(open.isEmpty)
        let (others, _) = try OpenActions.load(folder: dir.path, passphrase: nil, excludingMeeting: "2026-12-15-northvale")
        #expect(others.count == 5)
    }

    @Test("escalate and not-possible close an action with the split kept; escalated is remembered")
    func escalateAndNotPossible() throws {
        _ = try TrackActions.update(.escalate, actionID: "20261201-1", note: "No reply after two reminders", folder: dir.path, now: TwoMeetings.at(TwoMeetings.second, 1))
        _ = try TrackActions.update(.notPossible, actionID: " 20261201-7 ", note: "Victim moved in with family", folder: dir.path, now: TwoMeetings.at(TwoMeetings.second, 2))
        let folder = try ActionFolder.load(folder: dir.path)
        let one = try #require(folder.action("20261201-1"))
        #expect(one.status == .notDone)
        #expect(one.escalated)
        #expect(folder.action("20261201-7")?.status == .notPossible)
        #expect(folder.open.map(\.action.id) == ["20261201-2", "20261201-3", "20261201-4"])
    }

    @Test("unknown IDs, closed actions and empty notes are clear errors, and nothing is recorded")
    func errors() throws {
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return (error as? CommandFailure)?.message ?? "unexpected \(error)" }
        }
        #expect(message { _ = try TrackActions.update(.done, actionID: "20261201-99", note: "x", folder: dir.path) }
            .contains("no action '20261201-99'"))
        #expect(message { _ = try TrackActions.update(.done, actionID: "20261201-6", note: "x", folder: dir.path) }
            .contains("already withdrawn"))
        #expect(message { _ = try TrackActions.update(.done, actionID: "20261201-5", note: "x", folder: dir.path) }
            .contains("already done"))
        #expect(message { _ = try TrackActions.update(.done, actionID: "20261201-1", note: " \u{1B}[2J ", folder: dir.path) }
            .contains("--note is empty"))
        #expect(message { _ = try TrackActions.list(.init(folder: dir.path, on: "31/02/2026")) }.contains("--on '31/02/2026' is not a date"))
        #expect(message { _ = try TrackActions.list(.init(folder: dir.file("missing"))) }.contains("no such folder"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("tracker.jsonl")))
    }

    @Test("list groups by agency, soonest due first, marks overdue, and filters by agency in any case")
    func list() throws {
        let day = CalendarDate(year: 2026, month: 12, day: 6)!
        let all = try TrackActions.list(.init(folder: dir.path, on: "06/12/2026"))
        #expect(all.text.hasPrefix("Open actions in \(dir.path) on 06/12/2026: 5 (1 overdue)\n"))
        #expect(all.text.contains("\nPolice (1)\n"))
        #expect(all.text.contains("\nHousing (2)\n"))
        let police = try #require(all.text.split(separator: "\n").first { $0.contains("20261201-1") })
        #expect(police.contains("05/12/2026") && police.contains("1 day") && police.contains("Serve the notice on the perpetrator"))
        let housing = all.text.components(separatedBy: "\nHousing (2)\n")[1]
        #expect(housing.range(of: "20261201-2")!.lowerBound < housing.range(of: "20261201-7")!.lowerBound)
        #expect(housing.contains("none"))

        let overdue = try TrackActions.list(.init(folder: dir.path, overdueOnly: true, on: day.iso))
        #expect(overdue.text.hasPrefix("Overdue actions in"))
        #expect(overdue.text.contains("20261201-1"))
        #expect(!overdue.text.contains("20261201-2"))

        let housingOnly = try TrackActions.list(.init(folder: dir.path, agency: "HOUSING", on: "06/12/2026"))
        #expect(housingOnly.text.contains("Open actions for Housing"))
        #expect(!housingOnly.text.contains("Police"))

        do {
            _ = try TrackActions.list(.init(folder: dir.path, agency: "Fire"))
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("no actions for an agency called 'Fire'"))
            #expect(error.message.contains("Children's Social Care, Housing, Idva, Police, Probation"))
        }
    }

    @Test("a damaged journal in the folder is reported by name and the others are still used")
    func damagedJournal() throws {
        let other = dir.file("2026-11-17-northvale.jsonl")
        let info = MeetingInfo(id: "2026-11-17-northvale", date: CalendarDate(year: 2026, month: 11, day: 17)!, area: "Northvale", chair: "A")
        try writeJournal(other, id: info.id, [
            RecordedEvent(seq: 0, at: 0, event: .meetingCreated(info: info, rules: .national)),
            RecordedEvent(seq: 1, at: 1, event: .caseQueued(agendaCase: AgendaCase(caseRef: "NV-090", victim: "V", referringAgency: "Police", referralBasis: .actuarial), late: false)),
            RecordedEvent(seq: 2, at: 2, event: .actionAgreed(action: Action(id: "20261117-1", caseRef: "NV-090", text: "Refer to the Idva", owner: "Police", due: nil, category: nil))),
            RecordedEvent(seq: 3, at: 3, event: .actionAgreed(action: Action(id: "20261117-2", caseRef: "NV-090", text: "Fit a doorbell camera", owner: "Housing", due: nil, category: nil))),
            RecordedEvent(seq: 4, at: 4, event: .meetingClosed),
        ])
        var bytes = try Data(contentsOf: URL(fileURLWithPath: other))
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let offset = lines.prefix(4).reduce(0) { $0 + $1.count + 1 } + 15   // inside line 5 (the second action), mid-file
        bytes[offset] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: other))
        try Data("not a journal\n".utf8).write(to: URL(fileURLWithPath: dir.file("notes.jsonl")))

        let (open, problems) = try OpenActions.load(folder: dir.path, passphrase: nil)
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("2026-11-17-northvale.jsonl line 5: damaged") })
        #expect(problems.contains { $0.contains("notes.jsonl") })
        #expect(open.map(\.id) == ["20261117-1", "20261201-1", "20261201-2", "20261201-3", "20261201-4", "20261201-7"])
    }

    @Test("an update after a later meeting's review is refused: the action is already closed")
    func reviewClosesForTheTracker() throws {
        let (imported, _) = try OpenActions.load(folder: dir.path, passphrase: nil)
        try writeJournal(dir.file("2026-12-15-northvale.jsonl"), id: "2026-12-15-northvale", TwoMeetings.meetingTwo(imported: imported))
        do {
            _ = try TrackActions.update(.done, actionID: "20261201-3", note: "x", folder: dir.path)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("already done"))
            #expect(error.message.contains("15/12/2026: Plan agreed on 08/12"))
        }
        // Carried forward stays open and can still be closed between meetings.
        let line = try TrackActions.update(.done, actionID: "20261201-4", note: "Visited on 18/12", folder: dir.path,
                                           now: TwoMeetings.at(CalendarDate(year: 2026, month: 12, day: 18)!, 0))
        #expect(line.contains("20261201-4 (Children's Social Care, case NV-102) recorded as done"))
    }

    @Test("hostile action text and file names cannot reach the terminal through list or its warnings")
    func hostileList() throws {
        let hostile = TempFolder()
        try writeJournal(hostile.file("h.jsonl"), id: "h", Hostile.events)
        try Data("junk\n".utf8).write(to: URL(fileURLWithPath: hostile.file("evil\u{1B}]0;pwned\u{07}\u{202E}.jsonl")))
        let output = try TrackActions.list(.init(folder: hostile.path, on: "01/12/2026"))
        #expect(output.text.contains("'\u{1B}") == false)
        #expect(dangerousScalars(in: output.text).isEmpty)
        #expect(output.warnings.count == 1)
        #expect(output.warnings.allSatisfy { dangerousScalars(in: $0, allowing: []).isEmpty })
        #expect(output.text.contains(Hostile.formula))
    }
}
