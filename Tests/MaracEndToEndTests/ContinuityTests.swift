import Foundation
import MaracCore
import MaracJournal
import MaracTestSupport
import Testing

/// Three meetings of one Marac in one folder, from the user's side (issue 15, continuity): a case
/// deferred at the first is on the second's agenda; an action the second carries forward to a new
/// date shows that date in `marac actions list` and in the third meeting's review.
@Suite("continuity between meetings", .serialized)
struct ContinuityTests {
    func state(_ path: String) throws -> MeetingState { MeetingState.fold(try JournalReader.read(path: path).events) }

    func newMeeting(_ dir: TempFolder, date: String, file: String, extra: [String] = []) throws -> (status: Int32, out: String, err: String) {
        try finish(try spawn(Binary.marac, ["new", "--agenda", dir.file("agenda.csv"), "--date", date, "--area", "Northvale",
                                            "--chair", "DI Rowan Pike", "--out", dir.file(file)] + extra))
    }

    func runKeys(_ dir: TempFolder, _ journal: String, _ keys: String, screen: String) throws -> String {
        try keys.write(toFile: dir.file("k.keys"), atomically: true, encoding: .utf8)
        try run(Binary.marac, ["run", dir.file(journal), "--keys", dir.file("k.keys"), "--dump-screen", dir.file(screen),
                               "--size", "120x40", "--data-dir", dir.path])
        return try String(contentsOfFile: dir.file(screen), encoding: .utf8)
    }

    @Test func aDeferredCaseAndACarriedForwardDateReachTheNextMeetings() throws {
        let dir = try TempFolder()
        // Meeting 1 (17/03/2026): the recorded sample defers NV-3205 to the next meeting ("no time left").
        let first = try run(Binary.marac, ["train", "historical-overrun", "--write", dir.path]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try state(first).cases["NV-3205"]?.status == .deferredToNextMeeting)
        try run(Binary.marac, ["new", "--print-template"]).write(toFile: dir.file("agenda.csv"), atomically: true, encoding: .utf8)

        // Meeting 2: `marac new` adds the deferred case, marked, and says so; stdout stays the path.
        let made = try newMeeting(dir, date: "31/03/2026", file: "2026-03-31-northvale.jsonl")
        #expect(made.status == 0, "\(made.err)")
        #expect(made.out == dir.file("2026-03-31-northvale.jsonl") + "\n")
        #expect(made.err.contains("case NV-3205 deferred from 17/03/2026 (no time left: meeting overran): added to the agenda"), "\(made.err)")
        let second = try state(dir.file("2026-03-31-northvale.jsonl"))
        #expect(second.cases["NV-3205"]?.agenda.victim == "Zainab Osei")
        #expect(second.cases["NV-3205"]?.deferredFrom?.meetingDate == CalendarDate(year: 2026, month: 3, day: 17))

        // The agenda marks it, and the opening review names it.
        let agenda = try runKeys(dir, "2026-03-31-northvale.jsonl", "3", screen: "agenda.txt")
        #expect(agenda.contains("NV-3205"))
        #expect(agenda.contains("from 17/03"), "\(agenda)")
        let review0 = try runKeys(dir, "2026-03-31-northvale.jsonl", "2", screen: "review0.txt")
        #expect(review0.contains("Cases deferred to this meeting (1)"), "\(review0)")
        #expect(review0.contains("NV-3205  deferred from 17/03/2026: no time left: meeting overran"), "\(review0)")

        // The review carries the first listed action forward, to 21/04/2026 instead of the offered date.
        let open = try state(dir.file("2026-03-31-northvale.jsonl")).outstanding
        let carried = try #require(open.first { $0.owner == open.first?.owner })
        let oldDue = try #require(carried.due)
        let form = try runKeys(dir, "2026-03-31-northvale.jsonl", "2<Enter>carried<Tab>", screen: "form.txt")
        #expect(form.contains("New due date"), "\(form)")
        #expect(form.contains("28/04/2026"), "the next meeting's date (four weeks on) is offered: \(form)")
        _ = try runKeys(dir, "2026-03-31-northvale.jsonl", "2<Enter>carried<Tab><C-u>21/04/2026<C-s>", screen: "review1.txt")
        let reviewed = try state(dir.file("2026-03-31-northvale.jsonl"))
        #expect(reviewed.reviews[carried.id]?.outcome == .carriedForward)
        #expect(reviewed.reviews[carried.id]?.newDue == CalendarDate(year: 2026, month: 4, day: 21))
        let review1 = try String(contentsOfFile: dir.file("review1.txt"), encoding: .utf8)
        #expect(review1.contains("carried forward, now due 21/04/2026"), "\(review1)")
        let reviewRow = try #require(review1.split(separator: "\n").first { $0.contains("✓ carried forward") }, "\(review1)")
        #expect(reviewRow.contains("now due 21/04/2026"), "the row shows the new date: \(reviewRow)")

        // The tracker uses the new date; the old one is gone from the list.
        let listed = try run(Binary.marac, ["actions", dir.path, "list"])
        let row = try #require(listed.split(separator: "\n").first { $0.contains(carried.id) }, "\(listed)")
        #expect(row.contains("21/04/2026"), "\(row)")
        #expect(!row.contains(oldDue.uk), "\(row)")
        let shown = try run(Binary.marac, ["actions", dir.path, "show", carried.id])
        #expect(shown.contains("Due:      21/04/2026"), "\(shown)")
        #expect(shown.contains("carried forward, now due 21/04/2026"), "\(shown)")

        // Meeting 2's minutes and the owner's pack say so too.
        let out = dir.file("out")
        try run(Binary.marac, ["export", dir.file("2026-03-31-northvale.jsonl"), "--format", "md", "--out", out])
        let minutes = try String(contentsOfFile: out + "/" + (try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasSuffix(".md") }!),
                                 encoding: .utf8)
        #expect(minutes.contains("now 21/04/2026"), "\(minutes)")
        let packs = dir.file("packs")
        try run(Binary.marac, ["export", dir.file("2026-03-31-northvale.jsonl"), "--format", "csv", "--out", packs, "--agency", carried.owner])
        let pack = try FileManager.default.contentsOfDirectory(atPath: packs).map { try String(contentsOfFile: packs + "/" + $0, encoding: .utf8) }
            .joined()
        let packRow = try #require(pack.split(separator: "\n").first { $0.contains(carried.id) }, "the pack lists the carried action: \(pack)")
        #expect(packRow.contains(",2026-04-21,"), "\(packRow)")

        // Meeting 3: NV-3205 was not deferred again, so nothing is carried; its review shows the new date.
        let third = try newMeeting(dir, date: "28/04/2026", file: "2026-04-28-northvale.jsonl")
        #expect(!third.err.contains("deferred from"), "\(third.err)")
        let review3 = try runKeys(dir, "2026-04-28-northvale.jsonl", "2", screen: "review3.txt")
        let imported = try state(dir.file("2026-04-28-northvale.jsonl")).outstanding.first { $0.id == carried.id }
        #expect(imported?.due == CalendarDate(year: 2026, month: 4, day: 21))
        #expect(review3.contains("due 21/04/2026"), "\(review3)")
    }

    @Test func noDeferredLeavesTheCasesOutAndSaysSo() throws {
        let dir = try TempFolder()
        _ = try run(Binary.marac, ["train", "historical-overrun", "--write", dir.path])
        try run(Binary.marac, ["new", "--print-template"]).write(toFile: dir.file("agenda.csv"), atomically: true, encoding: .utf8)
        let made = try newMeeting(dir, date: "31/03/2026", file: "m2.jsonl", extra: ["--no-deferred"])
        #expect(made.status == 0, "\(made.err)")
        #expect(made.err.contains("case NV-3205 deferred from 17/03/2026 (no time left: meeting overran): not added (--no-deferred)"), "\(made.err)")
        #expect(try state(dir.file("m2.jsonl")).cases["NV-3205"] == nil)
        // Another Marac's meeting in the same folder hands nothing on.
        let other = try finish(try spawn(Binary.marac, ["new", "--agenda", dir.file("agenda.csv"), "--date", "31/03/2026", "--area", "Eastbrook",
                                                        "--chair", "Ann C", "--out", dir.file("e2.jsonl")]))
        #expect(other.status == 0 && !other.err.contains("deferred"), "\(other.err)")
        #expect(try state(dir.file("e2.jsonl")).cases["NV-3205"] == nil)
    }
}
