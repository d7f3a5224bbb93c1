import MaracTestSupport
import Foundation
import MaracCore
import MaracJournal
import Testing

/// The trial's repro with the real binary (a key script, the screen dumped, the minutes exported):
/// an action owned by Housing, who are not in the room, the "who will tell them" question dismissed
/// with Esc; closing the case asks again, `t` names the Idva, and the minutes say so.
@Suite struct AbsentOwnerEndToEndTests {
    static let upToTheClose = """
    <Enter>y
    aPolice<Tab>DS Elm Testvarga<Tab>p<Tab>y<C-s>
    aIdva<Tab>Sol Testbury<Tab>p<Tab>y<C-s>
    c
    3s
    aHousing to fit new locks at the victim's house<Tab>Housing<Tab>+2d<Tab>ho<C-s>
    <Esc>
    n
    """

    @Test func anAbsentOwnerNobodyWillTellIsAskedAtCloseAndTheMinutesNameWhoWill() throws {
        let dir = try TempFolder()
        try run(Binary.marac, ["new", "--print-template"]).write(toFile: dir.file("agenda.csv"), atomically: true, encoding: .utf8)
        let journal = dir.file("2026-12-01-test.jsonl")
        try run(Binary.marac, ["new", "--agenda", dir.file("agenda.csv"), "--date", "2026-12-01", "--area", "Test",
                               "--chair", "Test Chair", "--out", journal])
        // Each stage on its own copy (a scripted run's clock starts at the journal's last event).
        func stage(_ name: String, _ keys: String) throws -> (screen: String, journal: String) {
            let copy = dir.file("\(name).jsonl")
            try FileManager.default.copyItem(atPath: journal, toPath: copy)
            try keys.write(toFile: dir.file("\(name).keys"), atomically: true, encoding: .utf8)
            try run(Binary.marac, ["run", copy, "--keys", dir.file("\(name).keys"), "--dump-screen", dir.file("\(name).txt"),
                                   "--size", "120x40", "--data-dir", dir.path])
            return (try String(contentsOfFile: dir.file("\(name).txt"), encoding: .utf8), copy)
        }

        let asked = try stage("asked", Self.upToTheClose)
        #expect(asked.screen.contains("Action #1 is owned by Housing, who are not here: who will tell them?"), "\(asked.screen)")
        #expect(asked.screen.contains("t name who tells them"))

        let told = try stage("told", Self.upToTheClose + "\nt<C-s>\nPPassed in the test<Enter>\n<Enter>\n")
        let state = MeetingState.fold(try JournalReader.read(path: told.journal).events)
        let action = try #require(state.actions.first)
        #expect(state.absentOwnerInformers[action.id] == "Idva")
        #expect(state.heardCases.count == 1)

        try run(Binary.marac, ["export", told.journal, "--format", "md", "--out", dir.file("minutes")])
        let minutes = try FileManager.default.contentsOfDirectory(atPath: dir.file("minutes"))
            .filter { $0.hasSuffix(".md") }
            .map { try String(contentsOfFile: dir.file("minutes/" + $0), encoding: .utf8) }.joined()
        #expect(minutes.contains("(Housing not present: Idva will tell them)"), "\(minutes)")
    }
}
