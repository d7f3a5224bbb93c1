import MaracTestSupport
import Foundation
@testable import MaracApp
import MaracCore
import MaracJournal
import MaracUI
import Testing

/// Nothing from input drives the terminal (docs/SECURITY.md): hostile text in an agenda and in the
/// meeting's notes, actions and attendance reaches the screen only as plain, printable text.
enum Hostile {
    static let osc = "Osc\u{1B}]0;PWNED\u{07}Title"
    static let csi = "Csi\u{1B}[2J\u{1B}[HClear"
    static let dcs = "Dcs\u{1B}P1$qm\u{1B}\\Done"
    static let c1 = "Cee\u{9B}31mOne\u{9D}0;PWNED\u{9C}\u{85}End"
    static let bidi = "Bidi\u{202E}evil\u{202C}txt\u{2066}x"
    static let long = String(repeating: "Longname", count: 250)       // 2,000 characters
    static let all = [osc, csi, dcs, c1, bidi, long]

    /// A CSV agenda whose every text column is hostile (quoted, as a spreadsheet would write it).
    static var agenda: String {
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var text = "case_ref,victim,perpetrator,referring_agency,referral_basis,children,agencies_involved\n"
        for (i, h) in all.enumerated() {
            text += "HX-\(i + 1),\(q(h)),\(q(all[(i + 1) % all.count])),\(q(i == 0 ? "Police" : h)),actuarial,1,\(q("Police;" + h))\n"
        }
        return text
    }

    /// A journal made by `marac new`'s own code from the hostile agenda, then a started meeting
    /// with hostile attendance, a discussion, notes and actions.
    static func journal(in dir: TempFolder) throws -> String {
        try write(agenda, to: dir.file("hostile.csv"))
        let path = dir.file("hostile.jsonl")
        _ = try NewMeeting.run(.init(agendaPath: dir.file("hostile.csv"), date: "01/12/2026", area: csi, chair: osc, venue: dcs, out: path),
                               now: 1_796_112_000_000)
        try appendMeeting(to: path)
        return path
    }

    static func appendMeeting(to path: String) throws {
        let (writer, contents) = try retryingWhileLocked { try JournalWriter.open(path: path) }
        defer { writer.close() }
        let state = MeetingState.fold(contents.events)
        let first = try #require(state.queue.first)
        // Open actions from an earlier meeting, with the latest progress as a returned file could carry it.
        let earlier = CalendarDate(year: 2026, month: 11, day: 17)!
        var events: [MeetingEvent] = [.outstandingActionsImported(actions: all.enumerated().map { i, h in
            OutstandingAction(id: "20261117-\(i + 1)", meetingDate: earlier, caseRef: h, text: h, owner: h,
                              due: CalendarDate(year: 2026, month: 11, day: 24), category: .victimSafety,
                              progress: ActionProgress(kind: ActionProgress.Kind.allCases[i % ActionProgress.Kind.allCases.count],
                                                       on: CalendarDate(year: 2026, month: 11, day: 27)!, note: h + "\r\n" + h, by: h,
                                                       agency: i % 2 == 0 ? h : nil))
        }), .meetingStarted]
        for h in all {
            events.append(.attendanceRecorded(attendance: Attendance(agency: h, representative: h, role: .present, confidentialityAgreed: true)))
        }
        events.append(.discussionStarted(caseRef: first))
        for (i, h) in all.enumerated() {
            events.append(.noteAdded(caseRef: first, agency: h, kind: .riskInformation, text: h + "\n" + h))
            events.append(.actionAgreed(action: Action(id: "20261201-\(i + 1)", caseRef: first, text: h, owner: h,
                                                       due: CalendarDate(year: 2026, month: 12, day: 8), category: .victimSafety)))
        }
        _ = try writer.append(events, at: 1_796_112_600_000)
    }
}

@Suite("Hostile input never reaches the terminal")
struct HostileScreenTests {
    /// Every scalar a terminal would act on rather than print.
    static func isUnsafe(_ v: UInt32) -> Bool {
        v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }

    static func check(_ screen: ScreenBuffer, _ label: String) {
        for (i, cell) in screen.cells.enumerated() {
            for s in cell.text.unicodeScalars where isUnsafe(s.value) {
                Issue.record("\(label): cell \(i % screen.size.cols),\(i / screen.size.cols) holds U+\(String(s.value, radix: 16, uppercase: true))")
                return
            }
        }
        let lines = screen.lines()
        #expect(lines.count == screen.size.rows, "\(label): \(lines.count) lines on a \(screen.size.rows)-row screen")
        for line in lines where line.unicodeScalars.contains(where: { isUnsafe($0.value) }) {
            Issue.record("\(label): a line holds a control character: \(line.debugDescription.prefix(120))")
        }
        #expect(!screen.text.contains("PWNED\u{07}"))
    }

    @Test("every screen, overlay and form, at three sizes: no control character or escape in any cell",
          arguments: [Size(cols: 80, rows: 24), Size(cols: 120, rows: 40), Size(cols: 200, rows: 60)])
    func everyScreen(size: Size) throws {
        let dir = try TempFolder()
        let path = try Hostile.journal(in: dir)
        let contents = try JournalReader.read(path: path)
        #expect(contents.events.count > 20)
        var screen = MeetingScreen(meeting: Meeting(events: contents.events), now: 1_796_112_900_000)
        _ = screen.update(.resize(size))
        _ = screen.update(.tick(now: 1_796_113_000_000))
        let tour: [(String, [Key])] = [
            ("opening", [.char("1")]), ("attendance scrolled", [.down, .down, .down]), ("review", [.char("2")]),
            ("review moved", [.down, .down]), ("review form", [.enter]), ("review form closed", [.escape]),
            ("agenda", [.char("3")]), ("agenda moved", [.down, .down]), ("case", [.char("4")]),
            ("case scrolled", [.pageDown, .down, .down]), ("action form", [.char("a")]), ("form closed", [.escape]),
            ("note form", [.char("o")]), ("note closed", [.escape]), ("summary", [.char("5")]),
            ("summary scrolled", [.pageDown, .pageDown]), ("help", [.char("?")]), ("help scrolled", [.pageDown]),
            ("help closed", [.escape]), ("privacy", [.function(12)]), ("privacy off", [.ctrl("b")]),
            ("quit confirm", [.char("q")]), ("quit cancelled", [.escape]),
        ]
        HostileScreenTests.check(screen.view(size: size), "start at \(size.cols)x\(size.rows)")
        var seen = ""
        for (label, keys) in tour {
            for key in keys { _ = screen.update(.key(key)) }
            let view = screen.view(size: size)
            HostileScreenTests.check(view, "\(label) at \(size.cols)x\(size.rows)")
            seen += view.text
        }
        // The hostile text was drawn (cleaned), not merely absent: the tour really showed it.
        for shown in ["OscTitle", "CsiClear", "DcsDone", "BidievilTxt".lowercased(), "Longname"] {
            #expect(seen.lowercased().contains(shown.lowercased()), "'\(shown)' never appeared on any screen")
        }
        // The review showed the returned notes (cleaned), in the list and in the form.
        #expect(seen.contains("reported: \"") && seen.contains("Latest: "), "the hostile progress notes were never shown")
    }

    @Test("replay of the hostile meeting: no control character in any cell")
    func replay() throws {
        let dir = try TempFolder()
        let records = try JournalReader.read(path: try Hostile.journal(in: dir)).events
        var replay = ReplayController(records: records, speed: 60, now: 0)
        let size = Size(cols: 80, rows: 24)
        _ = replay.update(.resize(size))
        for step in 0..<records.count {
            _ = replay.update(.key(.right))
            if step % 5 == 0 { HostileScreenTests.check(replay.view(size: size), "replay step \(step)") }
        }
        HostileScreenTests.check(replay.view(size: size), "replay end")
    }

    @Test("a failure message carrying hostile text is cleaned too")
    func notSavedMessage() throws {
        let dir = try TempFolder()
        var screen = MeetingScreen(meeting: Meeting(events: try JournalReader.read(path: try Hostile.journal(in: dir)).events), now: 0)
        _ = screen.update(.resize(.minimum))
        _ = screen.update(.appendFailed(message: Hostile.osc + Hostile.c1))
        let view = screen.view(size: .minimum)
        HostileScreenTests.check(view, "NOT SAVED")
        #expect(view.text.contains("NOT SAVED"))
    }
}

/// The same through the real binary in a real terminal: `marac new` on the hostile agenda, then
/// `marac run` under tmux. tmux acts on OSC/CSI/DCS exactly as a terminal would, so a leak would
/// change the pane title or wipe the screen.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable || ProcessInfo.processInfo.environment["CI"] != nil,
                             "tmux is not installed (CI installs it)"))
struct HostileTerminalTests {
    func paneTitle(_ tmux: TmuxSession) throws -> String {
        try run("/usr/bin/env", ["tmux", "-L", tmux.socket, "display-message", "-p", "-t", tmux.target, "#{pane_title}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func hostileAgendaInARealTerminal() throws {
        let dir = try TempFolder()
        try write(Hostile.agenda, to: dir.file("hostile.csv"))
        let journal = dir.file("hostile.jsonl")
        let made = try marac(["new", "--agenda", dir.file("hostile.csv"), "--date", "01/12/2026", "--area", "Hostvale",
                              "--chair", Hostile.osc, "--out", journal], folder: dir.path)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(!made.stderr.contains("\u{1B}") && !made.stdout.contains("\u{1B}"), "marac new echoed an escape sequence")
        try Hostile.appendMeeting(to: journal)

        let tmux = try TmuxSession(command: "\(Binary.marac) run \(shellQuote(journal)); echo \"[exit $?]\"",
                                   environment: ["TMPDIR": dir.path, "MARAC_DATA_DIR": dir.path])
        let titleBefore = try paneTitle(tmux)
        // The case screen of the running discussion: the victim, notes and actions are all hostile.
        try tmux.waitFor(text: "Case HX-1")
        var seen = ""
        for (key, shows) in [("1", "[1 Opening]"), ("2", "[2 Review]"), ("3", "[3 Agenda]"), ("4", "[4 Case]"),
                             ("PageDown", "[4 Case]"), ("5", "[5 Summary]"), ("4", "[4 Case]"), ("a", "Add an action"),
                             ("Escape", "Cancelled")] {
            try tmux.press(key)
            let screen = try tmux.waitFor(text: shows)
            seen += screen
            #expect(!screen.contains("PWNED"), "after \(key) the screen shows a title sequence's text")
            // Layout intact: every row there, none wider than the pane, the key bar on the last row.
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(rows.count >= 24, "after \(key) the screen has \(rows.count) rows")
            // The header may shorten the area name when warnings need the room (the meeting is stamped
            // 01/12/2026 and runs on the real clock, so on that day "not reached" warnings appear).
            #expect(rows.first?.contains("Hostva") == true, "after \(key) the title bar is not on the first row: \(rows.first ?? "")")
            #expect(rows.count >= 24 && rows[23].contains("F12"), "after \(key) the key bar is not on the last row")
            for line in rows { #expect(line.count <= 80, "after \(key) a line is \(line.count) columns wide") }
            let title = try paneTitle(tmux)
            #expect(title == titleBefore && !title.contains("PWNED"), "the pane title became '\(title)'")
        }
        // The hostile text was drawn, cleaned: the tour really showed it.
        for shown in ["OscTitle", "CsiClear", "DcsDone", "Longname"] {
            #expect(seen.contains(shown), "'\(shown)' never appeared on screen")
        }
        try tmux.press("q")
        try tmux.press("y")
        try tmux.waitFor(text: "[exit 0]")
        #expect(try paneTitle(tmux) == titleBefore)
    }
}
