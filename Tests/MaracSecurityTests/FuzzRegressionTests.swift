import MaracTestSupport
import Foundation
import Testing

/// Every input that ever crashed a fuzz target (Tests/MaracSecurityTests/Regressions/), and the
/// committed corpus, replayed through the very same target code (`fuzz-journal`, `fuzz-agenda`
/// built as plain replayers by the normal build). A crash is a signal, so a non-zero exit.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static var package: URL { root.deletingLastPathComponent().deletingLastPathComponent() }

    func replayer(_ name: String) -> String {
        URL(fileURLWithPath: Binary.marac).deletingLastPathComponent().appendingPathComponent(name).path
    }

    @Test("saved inputs replay without a crash", arguments: [("fuzz-journal", "journal"), ("fuzz-agenda", "agenda")])
    func replay(tool: String, kind: String) throws {
        let binary = replayer(tool)
        try #require(FileManager.default.isExecutableFile(atPath: binary), "\(binary) is not built (swift build --build-tests builds it)")
        let regressions = Self.root.appendingPathComponent("Regressions/\(kind)").path
        let corpus = Self.package.appendingPathComponent("Fuzz/corpus/\(kind)").path
        let output = try run(binary, [regressions, corpus])
        #expect(output.contains("replayed, no crash"), "\(output)")
        let corpusCount = try FileManager.default.contentsOfDirectory(atPath: corpus).count
        #expect(corpusCount >= 4)
    }
}
