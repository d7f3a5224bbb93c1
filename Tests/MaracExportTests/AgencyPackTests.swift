import Foundation
import MaracCore
import Testing
@testable import MaracExport

@Suite("Agency packs (need to know)")
struct AgencyPackTests {
    let state = Fixture.state

    @Test("agencies with actions, in the order their first action was agreed; withdrawn actions do not count")
    func owners() {
        #expect(AgencyPack.agenciesWithActions(in: state) == ["Police", "Children's Social Care", "Housing", "Idva", "Probation"])
    }

    @Test("names match case-insensitively and ignoring spaces")
    func caseInsensitive() throws {
        let pack = try AgencyPack.make(agency: "  children's SOCIAL care ", state: state, journal: Fixture.journal, now: 0)
        #expect(pack.agency == "Children's Social Care")
        #expect(pack.actions.map(\.id) == ["20261201-2"])
    }

    @Test("an unknown agency is an error that lists the agencies in the meeting")
    func unknown() {
        #expect(throws: AgencyPack.Problem.self) {
            try AgencyPack.make(agency: "Fire Brigade", state: state, journal: Fixture.journal, now: 0)
        }
        do {
            _ = try AgencyPack.make(agency: "Fire Brigade", state: state, journal: Fixture.journal, now: 0)
        } catch {
            #expect(error.description.contains("no agency called 'Fire Brigade'"))
            #expect(error.description.contains("Police, Children's Social Care, Housing, Idva, Probation"))
        }
    }

    @Test("an agency at the meeting with no actions is told so")
    func noActions() {
        do {
            _ = try AgencyPack.make(agency: "health visiting", state: state, journal: Fixture.journal, now: 0)
            Issue.record("expected an error")
        } catch {
            #expect(error == .noActions("health visiting", agenciesWithActions: AgencyPack.agenciesWithActions(in: state)))
        }
    }

    /// Every piece of free text in the meeting that is not one of the Police's own actions.
    var otherText: [String] {
        // The victim of a case the Police act on (HB-0412) is named so the agency can find its records.
        var texts: [String] = [Fixture.childCase.perpetrator!, Fixture.adultCase.victim,
                               Fixture.adultCase.perpetrator!, "Civic Centre", "Sam Whitlock", "DS Dana Kerr"]
        for c in state.orderedCases {
            texts += c.notes.map(\.text)
            if let f = c.feedback { texts.append(f.detail) }
        }
        texts += state.actions.filter { $0.owner != "Police" }.map(\.text)
        texts += state.outstanding.map(\.text)
        texts += state.attendance.map(\.representative)
        return texts.filter { !$0.isEmpty }
    }

    @Test("a pack never contains another agency's text, the victim's views, or names and places beyond its own cases' victims",
          arguments: ExportFormat.allCases)
    func needToKnow(format: ExportFormat) throws {
        let pack = try AgencyPack.make(agency: "police", state: state, journal: Fixture.journal, now: Fixture.generatedAt)
        let text = Exporter.pack(pack, format: format).contents
        #expect(text.contains("Serve a domestic violence protection notice on the perpetrator"))
        #expect(text.contains("HB-0412"))
        #expect(text.contains("Rowan Tillery"))
        for other in otherText {
            for line in other.split(separator: "\n") {
                #expect(!text.contains(String(line)), "\(format): '\(line)' leaked into the Police pack")
            }
        }
        for agency in ["Housing", "Idva", "Probation", "Children"] {
            #expect(!text.contains(agency), "\(format): mentions \(agency)")
        }
    }
}
