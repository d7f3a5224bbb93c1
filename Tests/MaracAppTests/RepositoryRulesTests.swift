import Foundation
import Testing

/// Rules about the repository itself, checked over its files so they hold without anyone
/// remembering them. Each failure names the file and line.
@Suite("Repository rules")
struct RepositoryRulesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let thisFile = "Tests/MaracAppTests/RepositoryRulesTests.swift"

    /// Text files under `folders` (relative to the root), as (relative path, lines).
    static func files(_ folders: [String], extensions: Set<String>) -> [(path: String, lines: [String])] {
        var out: [(String, [String])] = []
        for folder in folders {
            let base = root + "/" + folder
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: base, isDirectory: &isDir) else { continue }
            let paths = isDir.boolValue ? (FileManager.default.subpaths(atPath: base) ?? []).map { folder + "/" + $0 } : [folder]
            for path in paths.sorted() where extensions.contains((path as NSString).pathExtension) || extensions.contains((path as NSString).lastPathComponent) {
                if path.hasPrefix("Tests/Fixtures/") || path == thisFile { continue }
                guard let text = try? String(contentsOfFile: root + "/" + path, encoding: .utf8) else { continue }
                out.append((path, text.components(separatedBy: "\n")))
            }
        }
        return out
    }

    static let everywhere = ["Sources", "Tests", "docs", "scripts", "Fuzz", ".ci", "README.md", "Package.swift"]
    static let textKinds: Set<String> = ["swift", "md", "h", "c", "py", "sh", "txt", "yml", "yaml", "run", "README.md", "Package.swift"]

    // MARK: - References

    /// Documents outside the repository that code and docs must not send a reader to. (Spelt in
    /// pieces so this file does not match itself.)
    static let outsideDocuments: [String] = [
        "DESIGN" + " §", "DESIGN" + ".md", "anchors" + " §", "brief" + " §", "Brief" + " §", "../" + "shared",
        "marac-" + "brief", "practice-" + "anchors", "tui-and-journal-" + "anchors", "brief's" + " case studies",
    ]

    @Test("no file cites a document that is not in the repository")
    func noOutsideReferences() {
        for (path, lines) in Self.files(Self.everywhere, extensions: Self.textKinds) {
            for (i, line) in lines.enumerated() {
                for cite in Self.outsideDocuments where line.contains(cite) {
                    Issue.record("\(path):\(i + 1) cites \"\(cite)\", which is not in the repository: point at a file in docs/ or say it in place")
                }
            }
        }
    }

    /// GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
    static func anchors(of markdown: String) -> Set<String> {
        Set(markdown.components(separatedBy: "\n").filter { $0.hasPrefix("#") }.map { heading in
            let title = heading.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).lowercased()
            return String(title.compactMap { c -> Character? in
                if c.isLetter || c.isNumber || c == "-" || c == "_" { return c }
                return c == " " ? "-" : nil
            })
        })
    }

    @Test("every docs/… and scripts/… file a source cites exists, and so does the heading it names")
    func citedFilesExist() throws {
        let pattern = try NSRegularExpression(pattern: #"\b(docs/[A-Za-z0-9_-]+\.md|scripts/[A-Za-z0-9_.-]+[A-Za-z0-9])(#[a-z0-9_-]+)?"#)
        var checked = 0
        for (path, lines) in Self.files(Self.everywhere, extensions: Self.textKinds) {
            for (i, line) in lines.enumerated() {
                for m in pattern.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                    let file = String(line[Range(m.range(at: 1), in: line)!])
                    checked += 1
                    guard let text = try? String(contentsOfFile: Self.root + "/" + file, encoding: .utf8) else {
                        Issue.record("\(path):\(i + 1) cites \(file), which is not in the repository"); continue
                    }
                    if let r = Range(m.range(at: 2), in: line) {
                        let anchor = String(line[r].dropFirst())
                        #expect(Self.anchors(of: text).contains(anchor), "\(path):\(i + 1) cites \(file)#\(anchor), but \(file) has no such heading")
                    }
                }
            }
        }
        #expect(checked > 30, "the references check found only \(checked) citations: is it looking in the right place?")
    }

    // MARK: - Purity

    /// Code with no comment text, so a comment may mention `Date()` without breaking the rule.
    static func code(_ line: String) -> String {
        guard let r = line.range(of: "//") else { return line }
        return String(line[..<r.lowerBound])
    }

    static let systemModules = try! NSRegularExpression(pattern:
        #"^\s*(@_exported\s+)?import\s+((typealias|struct|class|enum|protocol|let|var|func)\s+)?(Foundation|FoundationEssentials|FoundationNetworking|CoreFoundation|Glibc|Darwin|Musl|Dispatch)\b"#)
    static let clockReads: [String] = [
        "Date()", "Date.now", ".now()", "time(nil)", "time(&", "clock_gettime", "gettimeofday", "DispatchTime",
        "ContinuousClock", "SuspendingClock", "CFAbsoluteTimeGetCurrent", "mach_absolute_time", "Calendar.current",
        "TimeZone.current", "systemUptime",
    ]

    /// Exceptions to the purity rule, each with its reason. Empty today: none of the pure modules
    /// imports Foundation or a C library, or reads a clock.
    static let pureExceptions: [String: String] = [:]

    @Test("MaracCore, MaracUI and MaracExport import no Foundation, Glibc or Darwin and read no clock")
    func pureModulesStayPure() {
        let files = Self.files(["Sources/MaracCore", "Sources/MaracUI", "Sources/MaracExport"], extensions: ["swift"])
        #expect(files.count > 50)
        for (path, lines) in files where Self.pureExceptions[path] == nil {
            for (i, line) in lines.enumerated() {
                let code = Self.code(line)
                if Self.systemModules.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)) != nil {
                    Issue.record("\(path):\(i + 1) imports a system module (\(line.trimmingCharacters(in: .whitespaces))): the pure modules take what they need as values")
                }
                for read in Self.clockReads where code.contains(read) {
                    Issue.record("\(path):\(i + 1) reads the clock (\(read)): pass `now` in instead")
                }
            }
        }
    }

    /// Where MaracApp may read the wall clock, and why.
    static let clockFiles: [String: String] = [
        "Sources/MaracApp/Session/Clock.swift": "the app's one wall clock (AppClock.wall) and the local day",
        "Sources/MaracApp/Session/FileLog.swift": "a log line's own timestamp; it is never recorded in a journal or a document",
    ]

    @Test("MaracApp reads the wall clock only through its one clock")
    func appReadsTheClockInOnePlace() {
        let files = Self.files(["Sources/MaracApp"], extensions: ["swift"])
        #expect(files.count > 20)
        for (path, lines) in files where Self.clockFiles[path] == nil {
            for (i, line) in lines.enumerated() {
                let code = Self.code(line)
                for read in Self.clockReads + ["WallClock()"] where code.contains(read) {
                    Issue.record("\(path):\(i + 1) reads the clock its own way (\(read)): use the Clock it is given, or AppClock.wall")
                }
            }
        }
    }

    @Test("test doubles live in the tests, not in the production modules")
    func noTestDoublesInSources() {
        for (path, lines) in Self.files(["Sources"], extensions: ["swift"]) {
            for (i, line) in lines.enumerated() {
                let code = Self.code(line)
                for double in ["class FaultyFileIO", "struct FaultyFileIO", "class AckLog", "MARAC_TEST_"] where code.contains(double) {
                    Issue.record("\(path):\(i + 1) declares a test double (\(double)): it belongs in Tests/MaracTestSupport")
                }
            }
        }
    }
}
