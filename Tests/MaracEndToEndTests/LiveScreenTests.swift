import MaracTestSupport
import Foundation
import MaracCore
import MaracJournal
import Testing

/// The real binary in a real terminal (tmux), as a chair would use it (issue: live meeting screen).
/// In CI tmux is installed by `.ci/run`; elsewhere these tests say why they did not run.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable || ProcessInfo.processInfo.environment["CI"] != nil,
                             "tmux is not installed (CI installs it)"))
struct LiveScreenTests {
    /// The demo from first key to quit: attendance, a case, two actions through the form, help,
    /// the privacy screen, resize, quit; then the terminal is restored and the journal holds it all.
    @Test func chairTheDemoInARealTerminal() throws {
        let dir = try TempFolder()
        let tmux = try TmuxSession(command: "\(Binary.marac) demo; rc=$?; stty -a > \(dir.file("stty.txt")); echo \"[exit $rc]\"",
                                   environment: ["TMPDIR": dir.path, "MARAC_DATA_DIR": dir.path])
        try tmux.waitFor(text: "Press Enter to start the meeting")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Meeting started")

        // Attendance: Police, present, confidentiality agreed.
        try tmux.press("a")
        try tmux.waitFor(text: "Add to the attendance register")
        try tmux.type("Police"); try tmux.press("Tab")
        try tmux.type("Kim Testwell"); try tmux.press("Tab"); try tmux.press("Tab")
        try tmux.type("yes"); try tmux.press("C-s")
        try tmux.waitFor(text: "Kim Testwell")
        try tmux.press("c")

        // The agenda, then the first case's discussion.
        try tmux.press("3")
        try tmux.waitFor(text: "Cases with children")
        try tmux.press("s")
        try tmux.waitFor(text: "Case NV-2611")
        try tmux.waitFor(text: "discussing")

        for (text, owner, due, category) in [
            ("Refer the perpetrator to the Changing Paths programme", "Prob", "+7d", "perp"),
            ("Complete a child and family assessment for the baby", "Child", "fri", "child"),
        ] {
            try tmux.press("a")
            try tmux.waitFor(text: "Add an action")
            try tmux.type(text); try tmux.press("Tab")
            try tmux.type(owner); try tmux.press("Tab")
            try tmux.type(due); try tmux.press("Tab")
            try tmux.type(category)
            try tmux.waitFor(text: category == "perp" ? "→ perpetrator" : "→ children")
            try tmux.press("Enter")
            // Neither owner is in the room (only Police registered): who will tell them (Police is offered).
            try tmux.waitFor(text: "who will tell them")
            try tmux.press("Enter")
            try tmux.waitFor(text: "Police will tell")
            try tmux.waitFor("the action on the case screen") { $0.contains(String(text.prefix(30))) && !$0.contains("Add an action") }
        }
        try tmux.waitFor(text: "Actions (2)")

        // Help with a glossary, then back.
        try tmux.press("?")
        try tmux.waitFor(text: "Keys on the Case screen")
        // Page down through the help, one page at a time (waiting for each to draw), until the
        // glossary's terms show.
        func showsGlossary(_ screen: String) -> Bool { screen.contains("Glossary") || screen.contains("MATAC") }
        var screen = try tmux.screen()
        for _ in 0..<30 where !showsGlossary(screen) {
            try tmux.press("NPage")
            let before = screen
            screen = try (try? tmux.waitFor("the help to scroll", timeout: 5) { $0 != before }) ?? tmux.screen()
        }
        #expect(showsGlossary(screen), "no glossary in the help: \(screen)")
        try tmux.press("Escape")
        try tmux.waitFor(text: "Actions (2)")

        // The privacy screen hides every name and reference at once.
        try tmux.press("F12")
        let hidden = try tmux.waitFor(text: "hidden")
        for secret in ["Tamsin", "NV-2611", "Kieran", "Changing Paths", "Northvale"] {
            #expect(!hidden.contains(secret), "privacy screen shows '\(secret)'")
        }
        try tmux.press("C-b")
        try tmux.waitFor(text: "Tamsin Reeve")

        // Too small, then back to a usable size: it redraws in full.
        try tmux.resize(cols: 60, rows: 20)
        try tmux.waitFor(text: "too small")
        try tmux.resize(cols: 100, rows: 30)
        try tmux.waitFor("a 100-column redraw") { screen in
            screen.contains("Tamsin Reeve") && screen.split(separator: "\n").contains { $0.count > 85 }
        }

        // Quit asks first, says everything is saved, and restores the terminal.
        try tmux.press("q")
        try tmux.waitFor(text: "saved")
        try tmux.press("y")
        let after = try tmux.waitFor(text: "[exit 0]")
        #expect(after.contains("journal"))
        let stty = try String(contentsOfFile: dir.file("stty.txt"), encoding: .utf8)
        let modes = Set(stty.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        for mode in ["icanon", "echo", "icrnl", "isig", "opost", "ixon"] {
            #expect(modes.contains(mode), "terminal mode \(mode) not restored: \(stty)")
        }

        // The journal holds what was typed.
        let journal = try #require(try FileManager.default.subpathsOfDirectory(atPath: dir.path).first { $0.hasSuffix(".jsonl") })
        let contents = try JournalReader.read(path: dir.file(journal))
        #expect(contents.condition == .intact)
        let state = MeetingState.fold(contents.events)
        #expect(state.attendance.map(\.representative) == ["Kim Testwell"])
        #expect(state.confidentialityRead)
        let actions = state.actions(for: "NV-2611")
        #expect(actions.map(\.text) == ["Refer the perpetrator to the Changing Paths programme",
                                        "Complete a child and family assessment for the baby"])
        #expect(actions.map(\.owner) == ["Probation", "Children's Social Care"])
        #expect(actions.map(\.category) == [.perpetrator, .children])
        #expect(actions.allSatisfy { $0.due != nil })
        #expect(actions.map { state.absentOwnerInformers[$0.id] } == ["Police", "Police"])
    }

    /// kill -9 mid-meeting, then `marac run`: every saved action is there and the timer kept counting.
    @Test func killNineThenResumeShowsEverySavedAction() throws {
        let dir = try TempFolder()
        let journal = dir.file("meeting.jsonl")
        let template = try run(Binary.marac, ["new", "--print-template"])
        try template.write(toFile: dir.file("agenda.csv"), atomically: true, encoding: .utf8)
        try run(Binary.marac, ["new", "--agenda", dir.file("agenda.csv"), "--date", "2026-12-01", "--area", "Test",
                               "--chair", "Test Chair", "--out", journal])

        let first = try TmuxSession(command: "exec \(Binary.marac) run \(journal) --data-dir \(dir.path)")
        try first.waitFor(text: "Press Enter to start the meeting")
        try first.press("Enter")
        try first.waitFor(text: "Meeting started")
        try first.press("3")
        try first.press("s")
        try first.waitFor(text: "discussing")
        let texts = ["Fit a monitored alarm at the victim's address", "Apply for a domestic violence protection order"]
        for (i, text) in texts.enumerated() {
            try first.press("a")
            try first.waitFor(text: "Add an action")
            try first.type(text); try first.press("Tab")
            try first.type("Police"); try first.press("Tab")
            try first.type("+\(i + 3)d"); try first.press("Tab")
            try first.type(i == 0 ? "vict" : "perp"); try first.press("Enter")
            try first.waitFor(text: "Actions (\(i + 1))")
        }
        // Shown as saved: now the process dies without any chance to clean up.
        let pid = try #require(processID(commandLineContaining: journal))
        #expect(kill(pid, SIGKILL) == 0)
        try first.waitFor("the pane to die") { _ in kill(pid, 0) != 0 }

        #expect(try run(Binary.marac, ["verify", journal]).hasPrefix("ok:"))
        let second = try TmuxSession(command: "exec \(Binary.marac) run \(journal) --data-dir \(dir.path)")
        // It comes back on the running case, with both actions and a timer that kept counting.
        let resumed = try second.waitFor(text: "Actions (2)")
        #expect(resumed.contains("discussing"))
        for text in texts { #expect(resumed.contains(String(text.prefix(40)))) }
        let state = MeetingState.fold(try JournalReader.read(path: journal).events)
        #expect(state.actions.map(\.text) == texts)
        #expect(state.activeCase != nil)
    }

    /// SIGTERM (a closed laptop lid, a killed session), SIGHUP and SIGINT from outside, and the
    /// signals that end the process at once (SIGQUIT; SIGSEGV as a crash would raise it): the
    /// terminal is put back — its modes, and bracketed paste off, so the shell's next paste is plain
    /// text and not wrapped in `ESC [ 200 ~` … `ESC [ 201 ~` (before, every signal left mode 2004 on).
    /// The stop requests end the run the ordinary way: one line saying so, and the signal's own status.
    @Test(arguments: [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGSEGV])
    func aSignalRestoresTheTerminal(signal: Int32) throws {
        let dir = try TempFolder()
        let pasted = dir.file("pasted.txt")
        // After marac ends, the shell reads one line from the terminal as any program would, and keeps it.
        let command = "\(Binary.marac) demo --data-dir \(dir.path); rc=$?; stty -a > \(dir.file("stty.txt")); echo \"[exit $rc]\"; "
            + "IFS= read -r line; printf '%s' \"$line\" > \(pasted).part; mv \(pasted).part \(pasted); echo '[read]'"
        // No backtrace for the crash signal: it would only slow the test (the restore comes first anyway).
        let tmux = try TmuxSession(command: command, environment: ["TMPDIR": dir.path, "SWIFT_BACKTRACE": "enable=no"])
        try tmux.waitFor(text: "Press Enter to start the meeting")
        let pid = try #require(processID(commandLineContaining: dir.path))
        #expect(kill(pid, signal) == 0)
        let screen = try tmux.waitFor("the exit line") { $0.contains("[exit ") }
        #expect(screen.contains("[exit \(128 + signal)]"), "after signal \(signal) the status was not the signal's:\n\(screen)")
        if [SIGTERM, SIGINT, SIGHUP].contains(signal) {
            let name = [SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGHUP: "SIGHUP"][signal]!
            #expect(screen.contains("marac: stopped by \(name); everything saved before it is kept"), "\(screen)")
        }
        try tmux.waitFor("stty's output") { _ in FileManager.default.fileExists(atPath: dir.file("stty.txt")) }
        let stty = try String(contentsOfFile: dir.file("stty.txt"), encoding: .utf8)
        let modes = Set(stty.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        for mode in ["icanon", "echo", "icrnl", "isig"] {
            #expect(modes.contains(mode), "after signal \(signal), terminal mode \(mode) not restored")
        }
        // A paste into the shell afterwards, as a terminal pastes (bracketed only if still asked for).
        try "pasted after the kill\n".write(toFile: dir.file("clip.txt"), atomically: true, encoding: .utf8)
        try tmux.loadBuffer(dir.file("clip.txt"))
        try tmux.pasteBuffer()
        try tmux.waitFor("the shell's read") { _ in FileManager.default.fileExists(atPath: pasted) }
        let line = try String(contentsOfFile: pasted, encoding: .utf8)
        #expect(line == "pasted after the kill", "after signal \(signal) bracketed paste was left on: \(line.debugDescription)")
    }
}

/// Two SIGTERMs at once (a supervisor that asks twice): the second finds the first still pending and
/// ends the process at once from the handler; either way the terminal comes back with bracketed paste off.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable || ProcessInfo.processInfo.environment["CI"] != nil,
                             "tmux is not installed (CI installs it)"))
struct RepeatedSignalTests {
    @Test func aSecondStopRequestStillRestoresTheTerminal() throws {
        let dir = try TempFolder()
        let pasted = dir.file("pasted.txt")
        let command = "\(Binary.marac) demo --data-dir \(dir.path); echo \"[exit $?]\"; "
            + "IFS= read -r line; printf '%s' \"$line\" > \(pasted).part; mv \(pasted).part \(pasted)"
        let tmux = try TmuxSession(command: command, environment: ["TMPDIR": dir.path])
        try tmux.waitFor(text: "Press Enter to start the meeting")
        let pid = try #require(processID(commandLineContaining: dir.path))
        #expect(kill(pid, SIGTERM) == 0)
        // Usually the second comes while the first is pending; on a loaded machine the process may
        // already have ended (kill then fails): either way the terminal must come back restored.
        _ = kill(pid, SIGTERM)
        let screen = try tmux.waitFor("the exit line") { $0.contains("[exit ") }
        #expect(screen.contains("[exit 143]"), "\(screen)")
        try "plain\n".write(toFile: dir.file("clip.txt"), atomically: true, encoding: .utf8)
        try tmux.loadBuffer(dir.file("clip.txt"))
        try tmux.pasteBuffer()
        try tmux.waitFor("the shell's read") { _ in FileManager.default.fileExists(atPath: pasted) }
        #expect(try String(contentsOfFile: pasted, encoding: .utf8) == "plain")
    }
}

/// A terminal that disappears (window closed, link dropped) without a SIGHUP reaching marac — here
/// SIGHUP is ignored, as under nohup — must end the run, not leave it spinning on a dead keyboard.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable || ProcessInfo.processInfo.environment["CI"] != nil,
                             "tmux is not installed (CI installs it)"))
struct LostTerminalTests {
    @Test func aClosedTerminalEndsTheRun() throws {
        let dir = try TempFolder()
        let tmux = try TmuxSession(command: "trap '' HUP; exec \(Binary.marac) demo --data-dir \(dir.path)",
                                   environment: ["TMPDIR": dir.path])
        try tmux.waitFor(text: "Press Enter to start the meeting")
        let marac = try #require(processID(commandLineContaining: dir.path))
        try tmux.closeTerminal()
        // A zombie waiting for a parent to reap it has ended too: only a running process counts.
        func running() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(marac)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
        }
        let deadline = Date().addingTimeInterval(15)
        while running() && Date() < deadline { usleep(50_000) }
        let stillRunning = running()
        if stillRunning { kill(marac, SIGKILL) }
        #expect(!stillRunning, "marac kept running after its terminal was closed")
    }
}

/// The overrun, reached on the manual clock of a scripted run of the real binary.
@Suite struct ScriptedOverrunTests {
    @Test func aScriptReachesTheLimitAndTheCloseRecordsTheReason() throws {
        let dir = try TempFolder()
        let journal = dir.file("meeting.jsonl")
        try run(Binary.marac, ["new", "--print-template"]).write(toFile: dir.file("agenda.csv"), atomically: true, encoding: .utf8)
        try run(Binary.marac, ["new", "--agenda", dir.file("agenda.csv"), "--date", "2026-12-01", "--area", "Test",
                               "--chair", "Test Chair", "--out", journal])
        // A scripted run's manual clock starts at the journal's last event, so each stage is one script
        // on its own copy of the journal.
        func stage(_ name: String, _ keys: String) throws -> String {
            let copy = dir.file("\(name).jsonl")
            try FileManager.default.copyItem(atPath: journal, toPath: copy)
            try keys.write(toFile: dir.file("\(name).keys"), atomically: true, encoding: .utf8)
            try run(Binary.marac, ["run", copy, "--keys", dir.file("\(name).keys"), "--dump-screen", dir.file("\(name).txt"),
                                   "--data-dir", dir.path])
            return try String(contentsOfFile: dir.file("\(name).txt"), encoding: .utf8)
        }
        let amber = try stage("amber", "<Enter>y3s<Sleep 10m>")
        #expect(amber.uppercased().contains("MOVE TO ACTIONS"))
        let red = try stage("red", "<Enter>y3s<Sleep 16m>")
        #expect(red.uppercased().contains("OVER LIMIT"))
        #expect(red.contains("16:00"))
        _ = try stage("close", "<Enter>y3s<Sleep 16m>nhistorical information shared<Enter>PPassed in the test<Enter><Enter>")
        let state = MeetingState.fold(try JournalReader.read(path: dir.file("close.jsonl")).events)
        let closed = try #require(state.heardCases.first)
        #expect(closed.overrunReason == "historical information shared")
        #expect(closed.elapsedMillis(now: state.lastEventAt!) >= 16 * 60_000)
    }
}
