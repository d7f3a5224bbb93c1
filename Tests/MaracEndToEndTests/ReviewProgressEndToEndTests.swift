import Foundation
import MaracCore
import MaracJournal
import MaracTestSupport
import Testing

/// What the agencies returned between meetings reaches the next meeting's opening review (a
/// new-user trial: the review showed only "due … · to review" for actions whose returns had been
/// imported). Meeting 1 is a recorded sample; a return and a tracker note come in; meeting 2's
/// `marac run` imports the open actions with the latest progress and says how late each is.
@Suite("opening review: progress and overdue, end to end", .serialized)
struct ReviewProgressEndToEndTests {
    func state(_ path: String) throws -> MeetingState { MeetingState.fold(try JournalReader.read(path: path).events) }

    /// Meeting 1 (03/03/2026, 14 actions) with an agency's return for one action and a typed note on
    /// another; returns the folder, the two actions and the rest.
    func folderWithReturns() throws -> (dir: TempFolder, returned: Action, noted: Action, agreed: [Action]) {
        let dir = try TempFolder()
        let first = try run(Binary.marac, ["train", "well-run", "--write", dir.path]).trimmingCharacters(in: .whitespacesAndNewlines)
        let agreed = try state(first).actions
        let returned = agreed[0]
        let noted = try #require(agreed.first { $0.owner != returned.owner })
        // The owner's return, as a coordinator saves it from the secure email.
        let file = dir.file("return.csv")
        try "action_id,agency,status,on,note\r\n\(returned.id),\(returned.owner),in progress,05/03/2026,\"Alarm ordered; fitting booked 20/03\"\r\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try finish(try spawn(Binary.marac, ["actions", dir.path, "import", file, "--by", "Sam Coordinator"]))
        #expect(imported.status == 0, "\(imported.err)")
        // A note typed from a phone call, with bytes that would drive the terminal.
        let typed = try finish(try spawn(Binary.marac, ["actions", dir.path, "note", noted.id, "--on", "06/03/2026", "--by", "Sam Coordinator",
                                                        "--note", "Sanctuary referral made\u{1B}[2J\u{1B}]0;owned\u{07}; survey awaited"]))
        #expect(typed.status == 0, "\(typed.err)")
        try run(Binary.marac, ["new", "--print-template"]).write(toFile: dir.file("agenda.csv"), atomically: true, encoding: .utf8)
        return (dir, returned, noted, agreed)
    }

    /// The review's order: agencies in the order first seen, then their actions.
    func reviewOrder(_ s: MeetingState) -> [OutstandingAction] {
        var agencies: [String] = []
        for a in s.outstanding where !agencies.contains(a.owner) { agencies.append(a.owner) }
        return agencies.flatMap { agency in s.outstanding.filter { $0.owner == agency } }
    }

    func runKeys(_ dir: TempFolder, _ journal: String, _ keys: String, size: String, screen: String) throws -> String {
        try keys.write(toFile: dir.file("k.keys"), atomically: true, encoding: .utf8)
        try run(Binary.marac, ["run", journal, "--keys", dir.file("k.keys"), "--dump-screen", dir.file(screen), "--size", size, "--data-dir", dir.path])
        return try String(contentsOfFile: dir.file(screen), encoding: .utf8)
    }

    /// The screen as words: frames and scroll marks out, runs of blanks as one.
    func words(_ screen: String) -> String {
        screen.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "│↑↓"))) }
            .joined(separator: " ").split(separator: " ").joined(separator: " ")
    }

    @Test func theReviewShowsWhatCameBackAndHowLate() throws {
        let (dir, returned, noted, agreed) = try folderWithReturns()
        let second = dir.file("2026-03-17-northvale.jsonl")
        try run(Binary.marac, ["new", "--agenda", dir.file("agenda.csv"), "--date", "17/03/2026", "--area", "Northvale",
                               "--chair", "DI Rowan Pike", "--out", second])
        let meetingDay = CalendarDate(year: 2026, month: 3, day: 17)!
        _ = try runKeys(dir, second, "2", size: "120x40", screen: "review.txt")

        // The journal holds the latest progress on each, as the tracker had it.
        let s = try state(second)
        #expect(s.outstanding.count == agreed.count)
        let r = try #require(s.outstanding.first { $0.id == returned.id }?.progress)
        #expect(r == ActionProgress(kind: .note, on: CalendarDate(year: 2026, month: 3, day: 5)!, note: "Alarm ordered; fitting booked 20/03",
                                    by: "Sam Coordinator", agency: returned.owner))
        let n = try #require(s.outstanding.first { $0.id == noted.id }?.progress)
        #expect(n.kind == .note && n.agency == nil && n.by == "Sam Coordinator" && n.on == CalendarDate(year: 2026, month: 3, day: 6))
        #expect(s.outstanding.filter { $0.progress != nil }.count == 2, "no progress invented for the others")

        // Each action in turn at 80×24 (the selected one is always in view): its latest word and lateness, whole.
        let order = reviewOrder(s)
        for target in [returned.id, noted.id] + order.filter({ $0.due.map { $0 < meetingDay } == true }).prefix(2).map(\.id) {
            let index = try #require(order.firstIndex { $0.id == target })
            let a = order[index]
            let screen = try runKeys(dir, second, "2" + String(repeating: "j", count: index), size: "80x24", screen: "r80.txt")
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            for line in lines {
                #expect(line.count <= 80, "a line wider than 80 columns: \(line)")
                #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "a control character on screen: \(line)")
            }
            let shown = words(screen)
            if let late = a.daysOverdue(on: meetingDay) {
                #expect(shown.contains(late == 1 ? "1 day overdue" : "\(late) days overdue"), "\(a.id): \(screen)")
            }
            if a.id == returned.id {
                #expect(shown.contains("\(returned.owner) reported: \"Alarm ordered; fitting booked 20/03\" (05/03/2026)"), "\(screen)")
            }
            if a.id == noted.id {
                #expect(shown.contains("noted by Sam Coordinator: \"Sanctuary referral made; survey awaited\" (06/03/2026)"), "\(screen)")
            }
        }

        // The review form says it too, and how late it is at this meeting.
        let index = try #require(order.firstIndex { $0.id == returned.id })
        let form = words(try runKeys(dir, second, "2" + String(repeating: "j", count: index) + "<Enter>", size: "80x24", screen: "form.txt"))
        #expect(form.contains("Latest: \(returned.owner) reported: \"Alarm ordered; fitting booked 20/03\" (05/03/2026)"), "\(form)")
        if let due = returned.due, due < meetingDay {
            let late = due.days(until: meetingDay)
            #expect(form.contains("Due \(due.uk): \(late == 1 ? "1 day" : "\(late) days") overdue at this meeting (17/03/2026)"), "\(form)")
        }

        // The minutes' review section carries what the agency reported.
        let out = dir.file("out")
        try run(Binary.marac, ["export", second, "--format", "md", "--out", out])
        let md = try #require(try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasSuffix(".md") })
        let minutes = try String(contentsOfFile: out + "/" + md, encoding: .utf8)
        #expect(minutes.contains("Before the meeting: \(returned.owner) reported: \"Alarm ordered; fitting booked 20/03\" (05/03/2026)"), "\(minutes)")
        #expect(!minutes.contains("\u{1B}"))
        let json = dir.file("json")
        try run(Binary.marac, ["export", second, "--format", "json", "--out", json])
        let jsonFile = try #require(try FileManager.default.contentsOfDirectory(atPath: json).first { $0.hasSuffix(".json") })
        #expect(try String(contentsOfFile: json + "/" + jsonFile, encoding: .utf8).contains("\"latestProgress\""))
    }

    @Test func aNoteAddedBeforeTheMeetingStartsIsReadAgain() throws {
        let (dir, returned, _, _) = try folderWithReturns()
        let second = dir.file("2026-03-17-northvale.jsonl")
        try run(Binary.marac, ["new", "--agenda", dir.file("agenda.csv"), "--date", "17/03/2026", "--area", "Northvale",
                               "--chair", "DI Rowan Pike", "--out", second])
        _ = try runKeys(dir, second, "", size: "120x40", screen: "first.txt")
        // Opened early; a later note comes in; opened again before the start, the list has the newer word.
        try run(Binary.marac, ["actions", dir.path, "note", returned.id, "--on", "10/03/2026", "--by", "Sam Coordinator", "--note", "Alarm fitted; awaiting sign-off"])
        let told = words(try runKeys(dir, second, "", size: "160x40", screen: "again.txt"))
        #expect(told.contains("progress notes changed in the tracker"), "\(told)")
        let latest = try #require(try state(second).outstanding.first { $0.id == returned.id }?.progress)
        #expect(latest.note == "Alarm fitted; awaiting sign-off" && latest.agency == nil)
    }

    /// A format 1 journal (made by an earlier marac) gets the same list without the field, and reads as before.
    @Test func aFormat1JournalNeverGetsTheField() throws {
        let (dir, returned, _, agreed) = try folderWithReturns()
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/journal-v1/kind-02-caseQueued.jsonl").path
        let old = dir.file("2026-12-01-northvale.jsonl")
        try FileManager.default.copyItem(atPath: fixture, toPath: old)
        let screen = words(try runKeys(dir, old, "2", size: "120x40", screen: "v1.txt"))
        let read = try JournalReader.read(path: old)
        #expect(read.header.version == 1)
        let s = MeetingState.fold(read.events)
        #expect(s.outstanding.count == agreed.count)
        #expect(s.outstanding.allSatisfy { $0.progress == nil })
        let bytes = try String(contentsOfFile: old, encoding: .utf8)
        #expect(!bytes.contains("\"progress\""), "a format 1 journal was given a format 2 field")
        #expect(!screen.contains("reported:"))
        // Lateness is worked out on screen, not stored: a format 1 meeting still says it in words.
        if let due = returned.due { #expect(screen.contains("\(due.days(until: s.info.date)) days overdue"), "\(screen)") }
        #expect(try run(Binary.marac, ["verify", old]).hasPrefix("ok:"))
    }

    /// The real binary in a real terminal at 80×24: the chair opens the review and sees the return.
    @Test(.enabled(if: TmuxSession.isAvailable)) func inARealTerminal() throws {
        let (dir, returned, _, _) = try folderWithReturns()
        let second = dir.file("2026-03-17-northvale.jsonl")
        try run(Binary.marac, ["new", "--agenda", dir.file("agenda.csv"), "--date", "17/03/2026", "--area", "Northvale",
                               "--chair", "DI Rowan Pike", "--out", second])
        let tmux = try TmuxSession(command: "exec \(Binary.marac) run \(second) --data-dir \(dir.path)")
        try tmux.waitFor(text: "Press Enter to start the meeting")
        try tmux.press("2")
        let screen = try tmux.waitFor(text: "Alarm ordered; fitting booked 20/03")
        #expect(screen.contains("\(returned.owner) reported:"), "\(screen)")
        #expect(screen.contains("days overdue") || screen.contains("1 day overdue"), "\(screen)")
        for line in screen.split(separator: "\n") { #expect(line.count <= 80) }
    }
}
