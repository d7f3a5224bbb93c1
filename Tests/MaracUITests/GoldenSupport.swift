import Foundation
import Testing
@testable import MaracUI

/// Golden screens: text files under `Goldens/<name>-<cols>x<rows>.txt`. Run with
/// `MARAC_RECORD_GOLDENS=1` to write them instead of comparing (the test then fails, saying so).
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    static var recording: Bool { ProcessInfo.processInfo.environment["MARAC_RECORD_GOLDENS"] == "1" }
    static let standardSizes = [Size(cols: 80, rows: 24), Size(cols: 120, rows: 40)]

    static func check(_ name: String, _ screen: MeetingScreen, sizes: [Size] = standardSizes,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        check(name, sizes: sizes, sourceLocation: sourceLocation) { screen.view(size: $0) }
    }

    /// Any program's screen (a replay draws over the meeting screen).
    static func check(_ name: String, sizes: [Size] = standardSizes, sourceLocation: SourceLocation = #_sourceLocation,
                      view: (Size) -> ScreenBuffer) {
        for size in sizes {
            let file = folder.appendingPathComponent("\(name)-\(size.cols)x\(size.rows).txt")
            let actual = view(size).lines()
            if recording {
                try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try? (actual.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
                Issue.record("recorded golden \(file.lastPathComponent) (MARAC_RECORD_GOLDENS=1): run again without it to compare",
                             sourceLocation: sourceLocation)
                continue
            }
            guard let data = try? String(contentsOf: file, encoding: .utf8) else {
                Issue.record("missing golden \(file.path): record it with MARAC_RECORD_GOLDENS=1", sourceLocation: sourceLocation)
                continue
            }
            var expected = data.components(separatedBy: "\n")
            if expected.last == "" { expected.removeLast() }
            if expected != actual {
                Issue.record(Comment(rawValue: "golden \(file.lastPathComponent) differs:\n" + diff(expected, actual)),
                             sourceLocation: sourceLocation)
            }
        }
    }

    /// The first few differing lines, expected above actual, with line numbers.
    static func diff(_ expected: [String], _ actual: [String]) -> String {
        var out: [String] = []
        if expected.count != actual.count { out.append("line count: expected \(expected.count), got \(actual.count)") }
        for i in 0..<max(expected.count, actual.count) where out.count < 16 {
            let e = i < expected.count ? expected[i] : "<none>"
            let a = i < actual.count ? actual[i] : "<none>"
            if e != a {
                out.append(String(format: "%3d expected: |%@|", i + 1, e))
                out.append(String(format: "%3d actual:   |%@|", i + 1, a))
            }
        }
        return out.joined(separator: "\n")
    }
}
