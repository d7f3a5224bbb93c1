import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Logging
import Testing
@testable import MaracApp
@testable import MaracExport
import MaracCore
import MaracJournal
import MaracUI

/// `marac train NAME --compare`: the trainee's run beside the recorded run, in the terminal and as
/// HTML, against goldens (`MARAC_RECORD_GOLDENS=1` re-records them: review the diff).
@Suite struct TrainingDocumentsTests {
    /// A scripted mock on well-run: attendance of two, the statement read, the first case in sixteen
    /// minutes with two actions (one vague), the second case quickly with one, then quit.
    static func mock() throws -> (Training.MockResult, String) {
        let dir = NSTemporaryDirectory() + "marac-compare-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let keys = dir + "/mock.keys"
        try """
            <Enter>3s
            aClare's Law disclosure to the victim of his previous convictions<Tab>Police<Tab>+7d<Tab>perp<Enter>
            aMonitor the baby<Tab>Health Visiting<Tab>+14d<Tab>child<Enter>
            <Sleep 16m>
            nhistorical information shared<Enter>Pno time left<Enter><Enter>
            js
            aSafety plan including the risk of child abduction<Tab>Idva<Tab>+7d<Tab>vict<Enter>
            <Sleep 4m>
            nPPassed for the exercise<Enter><Enter>
            """.write(toFile: keys, atomically: true, encoding: .utf8)
        let sample = try #require(TrainingSample.named("well-run"))
        let result = try Training.mock(sample, options: .init(keysFile: keys, size: Size(cols: 120, rows: 40)),
                                       logger: Logger(label: "test"), out: dir + "/out", trainee: "Sam Lee", compare: true)
        return (result, dir)
    }

    @Test func theComparisonMatchesItsGoldens() throws {
        let (result, dir) = try Self.mock()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let comparison = try #require(result.comparison)
        expectGolden(comparison.text() + "\n", "training-compare-well-run.txt")
        expectGolden(TrainingDocuments.comparisonHTML(comparison), "training-compare-well-run.html")
        expectGolden(result.scorecard.text() + "\n", "training-scorecard-well-run.txt")
        expectGolden(TrainingDocuments.scorecardHTML(result.scorecard), "training-scorecard-well-run.html")
        // The files saved are the same documents.
        #expect(try String(contentsOfFile: result.files[3], encoding: .utf8) == comparison.text() + "\n")
        #expect(try String(contentsOfFile: result.files[4], encoding: .utf8) == TrainingDocuments.comparisonHTML(comparison))
    }

    /// The scorecard and the comparison printed at the end of a mock (and saved as .txt) wrap at
    /// whole words: at 80 columns, or the terminal's width, no line is longer and no word is split
    /// ("exact|ly", "due 0|5/03/2026"); a line that goes on is indented under the one it continues.
    @Test(arguments: [80, 60])
    func theTextDocumentsWrapAtWholeWords(width: Int) throws {
        let (result, dir) = try Self.mock()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let comparison = try #require(result.comparison)
        func words(_ text: String) -> [Substring] { text.split(whereSeparator: { $0 == " " || $0 == "\n" }) }
        for (wrapped, whole) in [(result.scorecard.text(width: width), result.scorecard.text(width: 1000)),
                                 (comparison.text(width: width), comparison.text(width: 1000))] {
            let lines = wrapped.split(separator: "\n", omittingEmptySubsequences: false)
            for line in lines { #expect(line.count <= width, "\(line)") }
            #expect(lines.count > whole.split(separator: "\n", omittingEmptySubsequences: false).count)
            // The same words in the same order: only the line breaks differ. (Narrower, a cell
            // wrapped in its column interleaves with its neighbours, and the case table becomes lines.)
            if width == 80 { #expect(words(wrapped) == words(whole)) }
        }
        // Continuation lines sit under the text they continue, never at the margin.
        let card = result.scorecard.text(width: width)
        #expect(card.contains("\n          "))     // a message's second line (messages start at 8)
        #expect(!card.contains("exact\nly") && !card.contains("0\n5/03/2026"))
        #expect(result.report(width: width).split(separator: "\n").allSatisfy { $0.count <= width || $0.hasPrefix("  /") })
    }

    @Test func theComparisonIsCaseByCaseAndFitsEightyColumns() throws {
        let (result, dir) = try Self.mock()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let c = try #require(result.comparison)
        #expect(c.rows.map(\.caseRef) == ["NV-3101", "NV-3102", "NV-3103", "NV-3104"])
        #expect(c.yours.outOf == c.recorded.outOf)
        #expect(c.recorded.total == c.recorded.outOf)
        #expect(c.rows[0].yours.timeText.hasPrefix("heard, 16 min"))
        #expect(c.rows[0].recorded.timeText.hasPrefix("heard, 10 min"))
        #expect(c.rows[2].yours.outcome == "not reached")
        #expect(c.rows[0].recordedActions.first == "Police: Make a Clare's Law disclosure of previous convictions to the victim (perpetrator, due 10/03/2026)")
        for line in c.text().split(separator: "\n") {
            #expect(line.count <= 80, "\(line)")
        }
        // Well-formed XHTML, so any XML reader can check it.
        let html = TrainingDocuments.comparisonHTML(c)
        let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(html.contains("TRAINING"))
    }
}
