import Foundation
import MaracApp
import MaracCore
import MaracJournal
import Testing
@testable import MaracExport

@Suite("Agency packs: one file per agency, always")
struct PackFileNameTests {
    /// "Health (GP)" and "Health GP" make the same file name; neither pack may replace the other.
    @Test func agenciesWhoseNamesClashInAFileNameEachGetTheirOwnPack() throws {
        let dir = TempFolder()
        let journal = dir.file("clash.jsonl")
        // The fixture meeting is closed (locked): agree the two actions before its close.
        var plain = Fixture.events.map(\.event)
        let close = plain.lastIndex { if case .meetingClosed = $0 { return true } else { return false } } ?? plain.count
        plain.insert(contentsOf: [
            .actionAgreed(action: Fixture.action(90, Fixture.childCase.caseRef, "Book a double appointment with the practice nurse",
                                                 "Health (GP)", Fixture.date(2026, 12, 8), .health)),
            .actionAgreed(action: Fixture.action(91, Fixture.childCase.caseRef, "Flag the children's records for the safeguarding lead",
                                                 "Health GP", Fixture.date(2026, 12, 9), .children)),
        ], at: close)
        let events = plain.enumerated().map { RecordedEvent(seq: $0.offset + 1, at: Fixture.at(Double($0.offset)), event: $0.element) }
        try writeJournal(journal, id: Fixture.info.id, events)

        let out = dir.file("packs")
        let outcome = try ExportMinutes.run(.init(journalPath: journal, format: .md, outDir: out, agency: "all"), now: Fixture.generatedAt)
        #expect(Set(outcome.written).count == outcome.written.count, "the same path written twice: \(outcome.written)")
        let texts = try outcome.written.map { try String(contentsOfFile: $0, encoding: .utf8) }
        #expect(texts.filter { $0.contains("practice nurse") }.count == 1)
        #expect(texts.filter { $0.contains("safeguarding lead") }.count == 1)
        #expect(!texts.contains { $0.contains("practice nurse") && $0.contains("safeguarding lead") })
    }
}
