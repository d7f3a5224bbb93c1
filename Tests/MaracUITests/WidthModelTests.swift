import Foundation
import Testing
@testable import MaracUI

/// The layout's width model against Python's `wcwidth` (the package scripts/gen-width-tables.py
/// generates the tables from), for every assigned scalar. CI installs the pinned version
/// (.ci/run); elsewhere the test says why it did not run.
@Suite(.enabled(if: WcwidthReference.runs != nil || ProcessInfo.processInfo.environment["CI"] != nil,
                "Python 3 with wcwidth \(WcwidthReference.pinnedVersion) is not installed (CI installs it)"))
struct WidthModelTests {
    static let pinnedVersion = WcwidthReference.pinnedVersion
    static var reference: [(first: UInt32, width: Int)]? { WcwidthReference.runs }
    static func python(_ arguments: [String]) -> String? { WcwidthReference.python(arguments) }

    /// The differences we accept, each with its reason. Anything else is a failure.
    static func acceptedDifference(_ scalar: Unicode.Scalar, ours: Int, theirs: Int) -> String? {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) {
            return "control character: wcwidth says -1 (not printable); the layout counts 0 because SafeText "
                + "replaces controls before anything is drawn"
        }
        if scalar.properties.generalCategory == .spacingMark && ours == 1 && theirs == 0 {
            return "spacing mark (Mc): wcwidth adds its column only after a base (in wcswidth); on its own it is "
                + "still a cluster the terminal advances one column for, as glibc counts it"
        }
        return nil
    }

    @Test func everyAssignedScalarAgreesWithWcwidthOrIsAnAcceptedDifference() throws {
        let runs = try #require(Self.reference, "python3 with wcwidth \(Self.pinnedVersion) is needed (pip install wcwidth==\(Self.pinnedVersion))")
        #expect(CharWidth.unicodeVersion == "17.0.0")
        var compared = 0
        var accepted: [String: Int] = [:]
        var unexplained: [String] = []
        for (index, run) in runs.enumerated() {
            let end = index + 1 < runs.count ? runs[index + 1].first : 0x110000
            for v in run.first..<end {
                guard let scalar = Unicode.Scalar(v), scalar.properties.generalCategory != .unassigned else { continue }
                compared += 1
                let ours = CharWidth.of(scalar: scalar)
                guard ours != run.width else { continue }
                if let reason = Self.acceptedDifference(scalar, ours: ours, theirs: run.width) {
                    accepted[reason, default: 0] += 1
                } else if unexplained.count < 20 {
                    unexplained.append("U+\(String(v, radix: 16, uppercase: true)) ours \(ours), wcwidth \(run.width)")
                }
            }
        }
        #expect(compared > 140_000, "only \(compared) assigned scalars compared")
        #expect(unexplained.isEmpty, "unexplained differences: \(unexplained.joined(separator: "; "))")
        // The accepted classes are real and bounded (C0 + DEL + C1 = 65; Unicode 17 has under 500 Mc).
        #expect(accepted.values.reduce(0, +) < 600, "accepted: \(accepted)")
    }

    /// Whole clusters: names and emoji sequences against `wcwidth.width`. The one accepted
    /// difference is the Indic conjunct (consonant, virama, consonant): wcwidth narrows it as a
    /// shaping terminal would draw the ligature; glibc, and the terminals built on it (xterm,
    /// tmux, VTE, the Linux console), advance a column for each consonant and spacing vowel sign,
    /// so the layout reserves those columns and nothing overlaps what follows.
    @Test func clustersAgreeWithWcwidthExceptIndicConjuncts() throws {
        _ = try #require(Self.reference)
        let samples = ["Tiếng Việt", "Łódź", "王小明", "🇬🇧", "👍🏽", "👨‍👩‍👧", "👨‍👩‍👧‍👦", "❤️", "🏳️‍🌈", "#️⃣", "ਪੰਜਾਬੀ",
                       "שָׁלוֹם", "محمد", "김민준", "e\u{301}", "🇬", "a\u{200D}"]
        let conjuncts = ["স্বপ্না", "प्रियंका", "પ્રિયા", "தமிழ்செல்வி"]
        let output = try #require(Self.python(["-c", "import sys, wcwidth\nfor s in sys.argv[1:]: print(wcwidth.width(s))"]
            + samples + conjuncts))
        let theirs = output.split(separator: "\n").compactMap { Int($0) }
        try #require(theirs.count == samples.count + conjuncts.count)
        for (i, sample) in samples.enumerated() {
            #expect(CharWidth.of(sample) == theirs[i], "\(sample): ours \(CharWidth.of(sample)), wcwidth \(theirs[i])")
        }
        for (i, name) in conjuncts.enumerated() {
            let ours = CharWidth.of(name), wcwidth = theirs[samples.count + i]
            let virama: Set<UInt32> = [0x094D, 0x09CD, 0x0A4D, 0x0ACD, 0x0BCD]
            #expect(name.unicodeScalars.contains { virama.contains($0.value) })
            #expect(ours >= wcwidth, "\(name): ours \(ours) narrower than wcwidth \(wcwidth)")
        }
    }
}

/// Python's `wcwidth`, asked once per test run.
enum WcwidthReference {
    static let pinnedVersion = "0.7.0"

    /// Python's per-scalar widths as runs "first width" (each run lasts until the next), or nil.
    static let runs: [(first: UInt32, width: Int)]? = {
        let script = """
        import sys, wcwidth
        if wcwidth.__version__ != '\(pinnedVersion)': sys.exit(3)
        last = None
        for cp in range(0x110000):
            if 0xD800 <= cp <= 0xDFFF: continue
            w = wcwidth.wcwidth(chr(cp))
            if w != last:
                print(cp, w); last = w
        """
        guard let output = python(["-c", script]) else { return nil }
        return output.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let cp = UInt32(parts[0]), let w = Int(parts[1]) else { return nil }
            return (cp, w)
        }
    }()

    static func python(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
