import Foundation
import MaracCore
import Testing
@testable import MaracExport

@Suite("Hostile input through every format")
struct HostileInputTests {
    static let pack = try! AgencyPack.make(agency: Hostile.agency.uppercased(), state: Hostile.state,
                                           journal: Fixture.journal, now: Fixture.generatedAt)
    static var documents: [ExportDocument] {
        ExportFormat.allCases.flatMap { [Exporter.minutes(Hostile.minutes, format: $0), Exporter.pack(pack, format: $0)] }
    }

    @Test("no control characters, escape sequences or bidi overrides survive, in any format")
    func noControls() {
        for doc in Self.documents {
            let allowed: Set<UInt32> = doc.fileName.hasSuffix(".csv") ? [0x0D, 0x0A] : [0x0A]
            #expect(dangerousScalars(in: doc.contents, allowing: allowed).isEmpty, "\(doc.fileName)")
            #expect(!doc.contents.contains("pwned\u{07}"))
        }
    }

    @Test("no live markup: HTML and Markdown show <script> as text; JSON escapes it (CSV is data, never markup)")
    func noMarkup() {
        for doc in Self.documents where !doc.fileName.hasSuffix(".csv") {
            if doc.fileName.hasSuffix(".md") {
                // CommonMark shows a backslash-escaped `<` literally: every `<` must be escaped.
                let scalars = Array(doc.contents.unicodeScalars)
                let bare = scalars.indices.filter { scalars[$0] == "<" && ($0 == 0 || scalars[$0 - 1] != "\\") }
                #expect(bare.isEmpty, "\(doc.fileName): unescaped < at \(bare.prefix(3))")
            } else {
                #expect(!doc.contents.lowercased().contains("<script"), "\(doc.fileName)")
                #expect(!doc.contents.lowercased().contains("<img"), "\(doc.fileName)")
            }
        }
    }

    @Test("the HTML stays well-formed with no script, image or link elements and no src/href", arguments: [true, false])
    func htmlParses(minutes: Bool) {
        let html = minutes ? HTMLRenderer.minutes(Hostile.minutes) : HTMLRenderer.pack(Self.pack)
        let parsed = parseMarkup(html)
        #expect(parsed.ok, "\(parsed.error ?? "")")
        for banned in ["script", "img", "link", "iframe", "object", "embed", "a", "base", "form", "svg"] {
            #expect(!parsed.elements.contains(banned), "element <\(banned)>")
        }
        #expect(!parsed.attributes.contains { ["src", "href", "action", "style"].contains($0.name) || $0.name.hasPrefix("on") })
        // The hostile text is there, as text.
        if minutes { #expect(parsed.text.contains("<script>alert('x')</script>")) }
        #expect(parsed.text.contains(Hostile.formula))
    }

    @Test("CSV formula cells are neutralised with a leading apostrophe and the file still parses", arguments: [true, false])
    func csvNeutralised(minutes: Bool) throws {
        let csv = minutes ? CSVRenderer.actions(Hostile.minutes) : CSVRenderer.pack(Self.pack)
        let rows = try parseCSV(csv)
        #expect(rows.count == (minutes ? 4 : 3))
        #expect(Set(rows.map(\.count)).count == 1)
        for cell in rows.joined() {
            let first = cell.unicodeScalars.first(where: { $0 != " " })
            #expect(first.map { !["=", "+", "-", "@", "\t", "\r"].contains($0) } ?? true, "cell \(cell.prefix(40))")
        }
        #expect(rows.joined().contains("'" + Hostile.formula))
        #expect(rows.joined().contains("'@1"))
        #expect(rows.joined().contains("'+HB<i>1"))
    }

    @Test("the JSON parses and the text round-trips cleaned, not mangled")
    func jsonRoundTrip() throws {
        let data = Data(JSONRenderer.minutes(Hostile.minutes).utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let meeting = try #require(root["meeting"] as? [String: Any])
        #expect(meeting["chair"] as? String == Hostile.long)
        #expect(meeting["area"] as? String == Hostile.formula + "red")
        let cases = try #require(root["cases"] as? [[String: Any]])
        let actions = try #require(cases.first?["actions"] as? [[String: Any]])
        #expect(actions.first?["text"] as? String == Hostile.formula)
        #expect(actions[1]["text"] as? String == Hostile.script + "red" + "abcfdp.exe")
    }

    @Test("file names stay short, inside the folder and readable, whatever the meeting id and agency")
    func fileNames() {
        for doc in Self.documents {
            #expect(!doc.fileName.contains("/"))
            #expect(!doc.fileName.hasPrefix("."))
            #expect(doc.fileName.utf8.count < 200, "\(doc.fileName.utf8.count) bytes")
        }
        #expect(Exporter.fileSafe("Children's Social Care") == "children-s-social-care")
        #expect(Exporter.fileSafe("Śląsk Gmina Służby") == "śląsk-gmina-służby")
        #expect(Exporter.fileSafe("../..") == "export")
    }

    @Test("5,000-character names render in full in the minutes (only file names are cut)")
    func longNames() {
        for format in ExportFormat.allCases where format != .csv {
            #expect(Exporter.minutes(Hostile.minutes, format: format).contents.contains(Hostile.long))
        }
    }
}
