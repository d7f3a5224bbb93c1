import MaracTestSupport
import Foundation
import MaracCore
import MaracJournal
import Testing

/// What a first-time chair will try at a repeat hearing, with the real binary: the earlier
/// hearing (under another case reference) and what came of its actions; the unsafe-feedback
/// check for the chair's phrasings and for the contact-safety flag alone; a 16–17 case with the
/// children's cases; a note amended and the minutes showing the new text.
@Suite struct CaseHistoryEndToEndTests {
    static let phrasings = ["Frank answers Denise's phone", "Frank controls the phone", "He monitors her mobile",
                            "Frank has taken her phone", "He checks her phone"]

    /// Meeting 1 (02/07/2026): Denise and Frank heard as MC-0990, two actions agreed; the
    /// tracker marks the first done before meeting 2.
    func firstHearing(in dir: TempFolder) throws -> [Action] {
        try """
        case_ref,victim,perpetrator,referring_agency,referral_basis,dash_score,referral_date,children
        MC-0990,Denise Fowler,Frank Fowler,Police,actuarial,17,20/06/2026,0

        """.write(toFile: dir.file("agenda-july.csv"), atomically: true, encoding: .utf8)
        let journal = dir.file("2026-07-02-northvale.jsonl")
        try run(Binary.marac, ["new", "--agenda", dir.file("agenda-july.csv"), "--date", "02/07/2026", "--area", "Northvale",
                               "--chair", "DI Rowan Pike", "--out", journal])
        try """
        <Enter>y3s
        aRefer Frank Fowler to the perpetrator programme<Tab>Probation<Tab>+14d<Tab>perp<Enter>
        aFit a monitored alarm at the address<Tab>Police<Tab>+7d<Tab>vict<Enter>
        nPPassed in the test<Enter><Enter>
        """.write(toFile: dir.file("july.keys"), atomically: true, encoding: .utf8)
        try run(Binary.marac, ["run", journal, "--keys", dir.file("july.keys"), "--data-dir", dir.path])
        let state = MeetingState.fold(try JournalReader.read(path: journal).events)
        #expect(state.cases["MC-0990"]?.status == .heard)
        let actions = state.actions(for: "MC-0990")
        try #require(actions.count == 2)
        try run(Binary.marac, ["actions", dir.path, "done", actions[0].id, "--note", "Accepted on the programme 10/07"])
        return actions
    }

    func secondAgenda(in dir: TempFolder) throws -> String {
        let path = dir.file("agenda-dec.csv")
        try """
        case_ref,victim,perpetrator,referring_agency,referral_basis,dash_score,referral_date,repeat,children,aged_16_17,referral_summary,risk_factors,flags,contact_safety,agencies_involved
        MC-2001,Priya Shah,Tom Reed,Police,actuarial,15,10/11/2026,no,0,no,,,,,
        MC-1207,FOWLER Denise,Frank  Fowler,Idva,professional judgement,12,12/11/2026,no,0,no,Strangled after she asked him to leave,strangulation;separation;debt,mappa;high-concern,phone,Police;Idva;Probation
        MC-2002,Lily Evans,Jack Stone,Police,actuarial,14,13/11/2026,no,0,yes,,,,,
        MC-2003,Denise Ward,Frank Ward,Police,actuarial,16,14/11/2026,no,0,no,,,,,

        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aRepeatHearingShowsTheEarlierActionsAndANoteCanBeCorrected() throws {
        let dir = try TempFolder()
        let earlier = try firstHearing(in: dir)
        let journal = dir.file("2026-12-01-northvale.jsonl")
        try run(Binary.marac, ["new", "--agenda", try secondAgenda(in: dir), "--date", "01/12/2026", "--area", "Northvale",
                               "--chair", "DI Rowan Pike", "--out", journal])

        // The 16–17 case sorts with the cases with children.
        var state = MeetingState.fold(try JournalReader.read(path: journal).events)
        #expect(state.queue == ["MC-2002", "MC-2001", "MC-1207", "MC-2003"])
        #expect(state.cases["MC-2002"]?.agenda.section == .withChildren)
        // The earlier hearing was found under its old reference, by names.
        let history = try #require(state.cases["MC-1207"]?.history)
        #expect(history.map(\.caseRef) == ["MC-0990"])
        #expect(state.cases["MC-2003"]?.history.isEmpty == true)

        func stage(_ name: String, _ keys: String, size: String = "120x40") throws -> String {
            try keys.write(toFile: dir.file("\(name).keys"), atomically: true, encoding: .utf8)
            try run(Binary.marac, ["run", journal, "--keys", dir.file("\(name).keys"), "--dump-screen", dir.file("\(name).txt"),
                                   "--size", size, "--data-dir", dir.path])
            return try String(contentsOfFile: dir.file("\(name).txt"), encoding: .utf8)
        }
        let caseScreen = try stage("history", "<Enter>y3jj<Enter>")
        #expect(caseScreen.contains("Case MC-1207"))
        #expect(caseScreen.contains("Earlier hearings (1)"))
        #expect(caseScreen.contains("02/07/2026 MC-0990"))
        #expect(caseScreen.contains("Refer Frank Fowler to the perpetrator"))
        #expect(caseScreen.contains("✓ done"))
        #expect(caseScreen.contains("… still open"))
        #expect(caseScreen.contains("Fit a monitored alarm"))
        #expect(caseScreen.contains("R repeat"))
        #expect(caseScreen.contains("the agenda says not a repeat"))
        #expect(caseScreen.contains("Risks: strangulation · separation · debt"))
        #expect(caseScreen.contains("Unsafe contact: phone"))
        #expect(caseScreen.contains("Involved: Police, Idva, Probation"))
        _ = earlier

        // The flag alone: choosing phone warns in the form at once, and the close prompt names it.
        let form = try stage("feedback", "3jj<Enter>fIdva<Tab>phone")
        #expect(form.contains("Frank  Fowler has access to her phone") || form.contains("Frank Fowler has access to her phone"))

        // A note typed with a slip, amended; the minutes show the corrected text only.
        _ = try stage("note", """
        3jj<Enter>s
        oPolice<Tab><Tab>Frank Fowlr was seen with a knife<Enter>
        m<Enter><Tab><Tab><C-u>Frank Fowler was seen with a knife<Tab>name misspelt<Enter>
        """)
        state = MeetingState.fold(try JournalReader.read(path: journal).events)
        let note = try #require(state.cases["MC-1207"]?.notes.first)
        #expect(note.text == "Frank Fowler was seen with a knife")
        #expect(note.revisions.map(\.text) == ["Frank Fowlr was seen with a knife"])
        let amended = try String(contentsOfFile: dir.file("note.txt"), encoding: .utf8)
        #expect(amended.contains("(amended) Frank Fowler was seen with a knife"))

        // The discussion of MC-1207 is running: 4 goes straight to it.
        let close = try stage("close", "4fIdva<Tab>phone<Tab><Enter>n")
        #expect(close.contains("Close case MC-1207"))
        #expect(close.contains("Feedback by phone"))
        #expect(close.contains("has access to her phone"))

        try run(Binary.marac, ["export", journal, "--format", "md", "--out", dir.file("minutes")])
        let minutes = try FileManager.default.contentsOfDirectory(atPath: dir.file("minutes"))
            .filter { $0.hasSuffix(".md") }
            .map { try String(contentsOfFile: dir.file("minutes/" + $0), encoding: .utf8) }.joined()
        #expect(minutes.contains("Frank Fowler was seen with a knife"))
        #expect(!minutes.contains("Fowlr"))
        // The audit trail keeps the original.
        let trail = try run(Binary.marac, ["verify", journal, "--history"])
        #expect(trail.contains("note (seq"))
        #expect(trail.contains("before: Frank Fowlr was seen with a knife"))
        #expect(trail.contains("after:  Frank Fowler was seen with a knife"))
        #expect(trail.contains("reason: name misspelt"))
    }

    @Test(arguments: phrasings)
    func theUnsafeFeedbackCheckFiresForTheChairsPhrasings(note: String) throws {
        let dir = try TempFolder()
        _ = try firstHearing(in: dir)
        let journal = dir.file("2026-12-01-northvale.jsonl")
        try run(Binary.marac, ["new", "--agenda", try secondAgenda(in: dir), "--date", "01/12/2026", "--area", "Northvale",
                               "--chair", "DI Rowan Pike", "--out", journal])
        // MC-2003 (Denise and Frank Ward) has no contact-safety flag: only the note can warn.
        try """
        <Enter>y3jjj<Enter>s
        oPolice<Tab><Tab>\(note.replacingOccurrences(of: "Fowler", with: "Ward"))<Enter>
        fIdva<Tab>phone<Tab><Enter>n
        """.write(toFile: dir.file("k.keys"), atomically: true, encoding: .utf8)
        try run(Binary.marac, ["run", journal, "--keys", dir.file("k.keys"), "--dump-screen", dir.file("s.txt"),
                               "--size", "120x40", "--data-dir", dir.path])
        let screen = try String(contentsOfFile: dir.file("s.txt"), encoding: .utf8)
        #expect(screen.contains("Close case MC-2003"))
        #expect(screen.contains("Feedback by phone, but the notes say Frank Ward can reach her phone"), "\(note)")
    }
}
