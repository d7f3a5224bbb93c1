import Foundation
import MaracTestSupport
import Testing

/// `--out q4.csv` without `--format` writes what its ending names (a coordinator names the file
/// and expects a spreadsheet), never the terminal's text in a file called .csv.
@Suite("--out's ending names the format", .serialized)
struct OutEndingTests {
    @Test func reportAndActionListWriteTheFormatTheirFileEndingNames() throws {
        let dir = try TempFolder()
        try run(Binary.marac, ["train", "historical-overrun", "--write", dir.path])
        let csv = dir.file("q1.csv")
        try run(Binary.marac, ["report", dir.path, "--quarter", "2026Q1", "--out", csv])
        let report = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(report.contains(","), "CSV has commas: \(report.prefix(200))")
        let text = try run(Binary.marac, ["report", dir.path, "--quarter", "2026Q1"])
        #expect(!report.hasPrefix(String(text.prefix(40))), "the file holds the terminal's text: \(report.prefix(200))")

        let md = dir.file("open.md")
        try run(Binary.marac, ["actions", dir.path, "list", "--all", "--out", md])
        let list = try String(contentsOfFile: md, encoding: .utf8)
        #expect(list.contains("|"), "a Markdown table: \(list.prefix(300))")

        // --format still wins, and an ending it does not know leaves text.
        let txt = dir.file("q1.report")
        try run(Binary.marac, ["report", dir.path, "--quarter", "2026Q1", "--out", txt])
        #expect(try String(contentsOfFile: txt, encoding: .utf8).hasPrefix(String(text.prefix(40))))
    }
}
