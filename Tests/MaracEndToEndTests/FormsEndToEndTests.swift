import MaracTestSupport
import Foundation
import MaracCore
import MaracJournal
import Testing

/// Issue 15's forms with the real binary: a late case typed with every agenda column counts in
/// the data return like an imported one; a due date already passed this year asks which year;
/// under tmux, a re-opened form's old text is replaced by typing, and a choice field shows what
/// the letter typed picks.
@Suite struct FormsEndToEndTests {
    func newMeeting() throws -> (dir: TempFolder, journal: String) {
        let dir = try TempFolder()
        let journal = dir.file("2026-12-01-test.jsonl")
        try run(Binary.marac, ["new", "--print-template"]).write(toFile: dir.file("agenda.csv"), atomically: true, encoding: .utf8)
        try run(Binary.marac, ["new", "--agenda", dir.file("agenda.csv"), "--date", "2026-12-01", "--area", "Test",
                               "--chair", "Test Chair", "--out", journal])
        return (dir, journal)
    }

    @Test func aLateCaseWithEveryColumnCountsInTheDataReturnAndAPassedDueDateAsksTheYear() throws {
        let (dir, journal) = try newMeeting()
        func stage(_ name: String, _ keys: String) throws -> String {
            try keys.write(toFile: dir.file("\(name).keys"), atomically: true, encoding: .utf8)
            try run(Binary.marac, ["run", journal, "--keys", dir.file("\(name).keys"), "--dump-screen", dir.file("\(name).txt"),
                                   "--size", "120x40", "--data-dir", dir.path])
            return try String(contentsOfFile: dir.file("\(name).txt"), encoding: .utf8)
        }
        let asked = try stage("late", """
        <Enter>3L
        NV-130<Tab>Tia Madeup<Tab>Police<Tab>a<Tab>18<Tab>2<Tab>Rob Madeup<Tab>24/11<Tab>15/03/2026<Tab>y<Tab>\
        f<Tab>y<Tab>n<Tab>n<Tab>n<Tab>y<Tab>Police; Idva<Tab><Tab>Assault after separation<Tab>strangulation<Tab>mappa<Tab>phone<C-s>
        <End><Enter>s
        aCall the victim about the safety plan<Tab>Police<Tab>28/11<Tab>vict<C-s>
        """)
        // The case screen shows what was typed; the action's date is asked about, not guessed.
        #expect(asked.contains("Case NV-130 · Tia Madeup · perpetrator Rob Madeup"))
        #expect(asked.contains("Equality: sex female · minoritised yes · LGBT+ no · disabled no · aged 16–17 no · perpetrator under 18 yes"))
        #expect(asked.contains("Involved: Police, Idva"))
        #expect(asked.contains("Which year for the due date 28/11?"))
        #expect(asked.contains("next year = 28/11/2027"))
        var state = MeetingState.fold(try JournalReader.read(path: journal).events)
        #expect(state.actions(for: "NV-130").isEmpty, "nothing written before the chair answers")

        // A new run starts without the question: type the action again, answer next year, close the case.
        _ = try stage("answer", """
        aCall the victim about the safety plan<Tab>Police<Tab>28/11<Tab>vict<C-s>n<Enter>
        nPPassed in the test<Enter><Enter>
        """)
        state = MeetingState.fold(try JournalReader.read(path: journal).events)
        #expect(state.actions(for: "NV-130").first?.due == CalendarDate(year: 2027, month: 11, day: 28))
        #expect(state.cases["NV-130"]?.status == .heard)

        // The data return counts the late case in every figure (none "unknown": each has it in its denominator).
        let report = try run(Binary.marac, ["report", dir.path, "--from", "01/12/2026", "--to", "01/12/2026", "--format", "csv"])
        #expect(report.contains("Cases heard (repeats included),1,"))
        #expect(report.contains("Repeat cases,1,1,"))
        #expect(report.contains("Male victims,0,1,"))
        #expect(report.contains("\"Black, Asian and racially minoritised victims\",1,1,"))
        #expect(report.contains("LGBT+ victims,0,1,"))
        #expect(report.contains("Disabled victims,0,1,"))
        #expect(report.contains("Victims aged 16–17,0,1,"))
        #expect(report.contains("Perpetrators aged 17 or under,1,"))
    }
}

/// The same forms in a real terminal.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable || ProcessInfo.processInfo.environment["CI"] != nil,
                             "tmux is not installed (CI installs it)"))
struct FormsLiveTests {
    @Test func typingIntoAReopenedFormReplacesItsTextAndALetterShowsItsChoice() throws {
        let (dir, journal) = try FormsEndToEndTests().newMeeting()
        let tmux = try TmuxSession(command: "exec \(Binary.marac) run \(journal) --data-dir \(dir.path)", cols: 100, rows: 30)
        try tmux.waitFor(text: "Press Enter to start the meeting")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Meeting started")
        try tmux.press("3"); try tmux.press("s")
        try tmux.waitFor(text: "discussing")
        try tmux.press("f")
        try tmux.waitFor(text: "Who feeds back to the victim")
        try tmux.type("Idva"); try tmux.press("Tab")
        // `l` is letter's letter: the side note and the options say so as it is typed.
        try tmux.type("l")
        try tmux.waitFor(text: "→ letter")
        try tmux.waitFor(text: "l [letter]")
        try tmux.press("Tab"); try tmux.type("Call her mobile")
        try tmux.press("C-s")
        try tmux.waitFor("the feedback saved") { !$0.contains("Who feeds back to the victim") }
        // Opened again: the old text is selected; typing replaces it rather than appending.
        try tmux.press("f")
        try tmux.waitFor(text: "typing replaces")
        try tmux.type("Idva"); try tmux.press("Tab"); try tmux.press("Tab")
        try tmux.type("At her mother's")
        try tmux.press("C-s")
        try tmux.waitFor("the feedback saved again") { !$0.contains("Who feeds back to the victim") }
        let state = MeetingState.fold(try JournalReader.read(path: journal).events)
        let feedback = try #require(state.cases.values.compactMap(\.feedback).first)
        #expect(feedback.agency == "Idva")
        #expect(feedback.route == .letter)
        #expect(feedback.detail == "At her mother's")
    }
}
