import MaracTestSupport
import Foundation
import MaracApp
import MaracCore
import MaracJournal
import Testing

/// Issue 15, the meeting's own shape, from the chair's side with the real binary: planned times
/// from `marac new` and changed in the meeting, a start on another day, any other business and the
/// next meeting, on the screen and in every minutes format.
@Suite struct MeetingShapeTests {
    /// A meeting dated 17/11/2026 (always before the day the test runs), 09:30 to 10:00.
    func meeting(in dir: TempFolder, extra: [String] = []) throws -> String {
        try run(Binary.marac, ["new", "--print-template"]).write(toFile: dir.file("agenda.csv"), atomically: true, encoding: .utf8)
        let journal = dir.file("2026-11-17-northvale.jsonl")
        try run(Binary.marac, ["new", "--agenda", dir.file("agenda.csv"), "--date", "17/11/2026", "--area", "Northvale",
                               "--chair", "DI Rowan Pike", "--venue", "Civic Centre Room 2", "--out", journal] + extra)
        return journal
    }

    func stage(_ journal: String, _ dir: TempFolder, _ name: String, _ keys: String) throws -> String {
        try keys.write(toFile: dir.file("\(name).keys"), atomically: true, encoding: .utf8)
        try run(Binary.marac, ["run", journal, "--keys", dir.file("\(name).keys"), "--dump-screen", dir.file("\(name).txt"),
                               "--size", "120x40", "--data-dir", dir.path])
        return try String(contentsOfFile: dir.file("\(name).txt"), encoding: .utf8)
    }

    @Test func plannedTimesAnotherDayAnyOtherBusinessAndTheNextMeeting() throws {
        let dir = try TempFolder()
        let journal = try meeting(in: dir, extra: ["--start", "09:30", "--end", "10:00"])
        let created = MeetingState.fold(try JournalReader.read(path: journal).events)
        #expect(created.plannedTimes == PlannedTimes(startMinutes: 570, endMinutes: 600))

        // Dated 17/11, started today: asked once; n (or Esc) leaves it not started.
        let asked = try stage(journal, dir, "ask", "<Enter>")
        #expect(asked.contains("Meeting dated 17/11/2026, but today is"))
        #expect(asked.contains("y start anyway · n or Esc cancel"))
        _ = try stage(journal, dir, "cancel", "<Enter>n")
        #expect(!MeetingState.fold(try JournalReader.read(path: journal).events).isStarted)

        // Started anyway; the header counts the meeting clock with a unit and the finish by the clock.
        let started = try stage(journal, dir, "start", "<Enter>y<Sleep 2m>")
        let header = started.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("▶ Meeting 2:00 min"), "header: \(header)")
        #expect(header.contains("(planned 10:00)"), "header: \(header)")
        #expect(header.contains("Finish ≈ "), "header: \(header)")
        #expect(header.contains("not reached"), "a 30-minute plan cannot reach the template's cases: \(header)")

        // The plan changed in the meeting (recorded), an item of any other business with a note and
        // an action, and the next meeting's date and venue.
        let summary = try stage(journal, dir, "shape", """
        T<C-u>09:30<Tab><C-u>12:30<C-s>
        3BChange to the referral form<Tab>Police<C-s>
        oPolice<Tab><Tab>The new form is used from January<C-s>
        aSend the new referral form to every agency<Tab>Police<Tab>+7d<Tab>vict<Enter>
        <Esc>5N<C-u>05/01/2027<Tab><C-u>Civic Centre Room 4<C-s>
        """)
        #expect(summary.contains("Planned 09:30–12:30 (changed in the meeting from 09:30–10:00)"))
        #expect(summary.contains("Any other business: 1"))
        #expect(summary.contains("AOB-1 Change to the referral form (raised by Police) · 1 note · 1 action"))
        #expect(summary.contains("Next meeting: 05/01/2027 at Civic Centre Room 4"))
        let state = MeetingState.fold(try JournalReader.read(path: journal).events)
        #expect(state.actions(for: "AOB-1").map(\.text) == ["Send the new referral form to every agency"])

        // Every minutes format says the same.
        for format in ["md", "html", "json", "docx"] {
            let out = dir.file("minutes-\(format)")
            try run(Binary.marac, ["export", journal, "--format", format, "--out", out])
            let file = try #require(try FileManager.default.contentsOfDirectory(atPath: out).first)
            let text = format == "docx"
                ? (try OfficePackage.readPart("word/document.xml", fromPackage: out + "/" + file) ?? "")
                : try String(contentsOfFile: out + "/" + file, encoding: .utf8)
            for expected in [format == "json" ? "\"anyOtherBusiness\"" : "Any other business", "Change to the referral form", "The new form is used from January",
                             "Send the new referral form to every agency", "Civic Centre Room 4"] {
                #expect(text.contains(expected), "\(format) minutes lack '\(expected)'")
            }
            if format == "json" {
                #expect(text.contains("\"nextMeeting\": \"2027-01-05\""))
                #expect(text.contains("\"planned\": \"09:30–12:30\""))
                #expect(text.contains("\"plannedOriginally\": \"09:30–10:00\""))
                #expect(text.contains("\"startedOnAnotherDay\": \""))
            } else {
                #expect(text.contains("05/01/2027"), "\(format) minutes lack the next meeting's date")
                #expect(text.contains("09:30–12:30 (changed in the meeting from 09:30–10:00)"), "\(format) minutes lack the plan")
                #expect(text.contains("not the meeting&#39;s date") || text.contains("not the meeting's date")
                        || text.contains("not the meeting&apos;s date"), "\(format) minutes do not say it started on another day")
            }
        }
    }

    @Test func theProtocolGivesTheDefaultTimesAndBadTimesAreRefused() throws {
        let dir = try TempFolder()
        try "start_time: \"13:30\"\nend_time: 16:00\n".write(toFile: dir.file("protocol.yaml"), atomically: true, encoding: .utf8)
        let journal = try meeting(in: dir, extra: ["--protocol", dir.file("protocol.yaml")])
        #expect(MeetingState.fold(try JournalReader.read(path: journal).events).plannedTimes.text == "13:30–16:00")
        let opening = try stage(journal, dir, "opening", "")
        #expect(opening.contains("planned 13:30–16:00"))

        try run(Binary.marac, ["new", "--print-template"]).write(toFile: dir.file("a.csv"), atomically: true, encoding: .utf8)
        for (args, message) in [(["--start", "25:00"], "--start '25:00' is not a time of day"),
                                (["--start", "12:00", "--end", "11:00"], "--end 11:00 is not after the start (12:00)")] {
            do {
                try run(Binary.marac, ["new", "--agenda", dir.file("a.csv"), "--date", "17/11/2026", "--area", "X", "--chair", "Y",
                                       "--out", dir.file("bad.jsonl")] + args)
                Issue.record("expected \(args) to be refused")
            } catch {
                #expect(String(describing: error).contains(message), "\(error)")
            }
            #expect(!FileManager.default.fileExists(atPath: dir.file("bad.jsonl")))
        }
    }
}
