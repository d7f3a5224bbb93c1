import Foundation

/// `marac demo` start to first frame: the whole process, headless, with an empty key script, so it
/// starts, builds the sample journal (with its fdatasyncs), draws its first frame, writes it out
/// and exits. The first frame comes before the exit, so this is an upper bound on the figure.
enum StartupBench {
    static func run(rounds: Int) throws -> [Figure] {
        let marac = executableFolder + "/marac"
        guard FileManager.default.isExecutableFile(atPath: marac) else { throw BenchError("\(marac) not built") }
        let keys = NSTemporaryDirectory() + "marac-bench-empty-\(getpid()).keys"
        let dump = NSTemporaryDirectory() + "marac-bench-\(getpid()).screen"
        let said = NSTemporaryDirectory() + "marac-bench-\(getpid()).stdout"
        _ = FileManager.default.createFile(atPath: keys, contents: Data())
        defer { try? FileManager.default.removeItem(atPath: keys); try? FileManager.default.removeItem(atPath: dump)
                try? FileManager.default.removeItem(atPath: said) }
        var demo = Samples(), trueCmd = Samples()
        for _ in 0..<rounds {
            let r = try runMeasured(marac, ["demo", "--keys", keys, "--dump-screen", dump], stdoutTo: said)
            guard r.status == 0 else { throw BenchError("marac demo exited with status \(r.status)") }
            demo.values.append(r.millis)
            removeDemoFolder(named: said)
            trueCmd.values.append(try runMeasured("/bin/true", []).millis)
        }
        return [Figure(name: "marac demo: start to first frame", value: demo, baselines: [("spawn /bin/true", trueCmd.median)],
                       target: "< 150 ms", met: demo.median < 150)]
    }

    /// Each demo run leaves its journal in a new temporary folder and says where: remove it.
    static func removeDemoFolder(named stdoutFile: String) {
        guard let text = try? String(contentsOfFile: stdoutFile, encoding: .utf8),
              let range = text.range(of: "journal is ") else { return }
        let path = text[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard URL(fileURLWithPath: folder).lastPathComponent.hasPrefix("marac-demo-") else { return }
        try? FileManager.default.removeItem(atPath: folder)
    }
}
