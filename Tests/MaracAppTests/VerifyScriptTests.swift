import Foundation
import MaracApp
import Testing

/// `scripts/verify-journal.py` was written from docs/JOURNAL-FORMAT.md alone. On every frozen
/// fixture it must come to the same verdict as `marac verify`: same exit status, same damaged line,
/// same torn byte count, same final hash. If they disagree, the document does not say what the code does.
@Suite("An independent verifier written from the format document agrees with marac verify")
struct VerifyScriptTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let fixtures = root + "/Tests/Fixtures"
    /// `journal-vN/NAME.jsonl` of every version.
    static var names: [String] {
        [1, 2].flatMap { v in
            ((try? FileManager.default.contentsOfDirectory(atPath: fixtures + "/journal-v\(v)")) ?? [])
                .filter { $0.hasSuffix(".jsonl") }.sorted().map { "journal-v\(v)/\($0)" }
        }
    }

    static func script(_ path: String) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", root + "/scripts/verify-journal.py", path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.standardError
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines))
    }

    @Test func thereAreFixturesToCompare() { #expect(Self.names.count >= 50) }

    @Test("same verdict on every fixture", arguments: VerifyScriptTests.names)
    func agrees(file: String) throws {
        let path = Self.fixtures + "/" + file
        let python = try Self.script(path)
        let marac = VerifyJournal.run(path: path, passphrase: nil)
        #expect(python.status == marac.exitCode, "\(file): verify-journal.py says \(python.output) (\(python.status)), marac verify \(marac.message) (\(marac.exitCode))")
        let words = python.output.split(separator: " ").map(String.init)
        switch words.first {
        case "intact":
            #expect(marac.message.hasPrefix("ok: "), "\(file): \(marac.message)")
            #expect(marac.message.contains("final hash \(words[2].prefix(16))…"), "\(file): \(python.output) / \(marac.message)")
            #expect(marac.message.contains("\(words[1]) event"), "\(file): \(python.output) / \(marac.message)")
        case "torn":
            #expect(marac.message.hasPrefix("ok with a torn tail"), "\(file): \(marac.message)")
            #expect(marac.message.contains("the last \(words[1]) byte"), "\(file): \(python.output) / \(marac.message)")
            #expect(marac.message.contains("final hash \(words[3].prefix(16))…"), "\(file): \(python.output) / \(marac.message)")
        case "damaged":
            #expect(marac.message.contains("line \(words[1]) is damaged"), "\(file): \(python.output) / \(marac.message)")
            #expect(marac.message.contains("hash \(words[3].prefix(16))…"), "\(file): \(python.output) / \(marac.message)")
        case "not-a-journal:":
            #expect(marac.exitCode == 2, "\(file): \(marac.message)")
        default:
            Issue.record("\(file): verify-journal.py printed \(python.output)")
        }
    }

    @Test("the script reports a newer format by its version, as marac does")
    func newerFormat() throws {
        let path = Self.fixtures + "/journal-v2/newer-format.jsonl"
        #expect(try Self.script(path).output.contains("newer marac (format 3)"))
        #expect(VerifyJournal.run(path: path).message.contains("written by a newer marac (journal format 3"))
    }
}
