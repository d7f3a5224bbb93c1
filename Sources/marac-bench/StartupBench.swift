import Foundation

/// `marac demo` start to first frame: the whole process, headless, with an empty key script, so it
/// starts, builds the sample journal, draws its first frame, writes it out and exits.
enum StartupBench {
    static func run(rounds: Int) throws -> [Figure] {
        let marac = executableFolder + "/marac"
        guard FileManager.default.isExecutableFile(atPath: marac) else { throw BenchError("\(marac) not built") }
        let keys = NSTemporaryDirectory() + "marac-bench-empty-\(getpid()).keys"
        let dump = NSTemporaryDirectory() + "marac-bench-\(getpid()).screen"
        _ = FileManager.default.createFile(atPath: keys, contents: Data())
        defer { try? FileManager.default.removeItem(atPath: keys); try? FileManager.default.removeItem(atPath: dump) }
        var demo = Samples(), trueCmd = Samples()
        for _ in 0..<rounds {
            let r = try runMeasured(marac, ["demo", "--keys", keys, "--dump-screen", dump])
            guard r.status == 0 else { throw BenchError("marac demo exited with status \(r.status)") }
            demo.values.append(r.millis)
            trueCmd.values.append(try runMeasured("/bin/true", []).millis)
        }
        return [Figure(name: "marac demo: start to first frame", value: demo, baselines: [("spawn /bin/true", trueCmd.median)],
                       target: "< 150 ms", met: demo.median < 150)]
    }
}
