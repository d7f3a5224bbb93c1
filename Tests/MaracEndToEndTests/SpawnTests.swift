import Foundation
import MaracTestSupport
import Testing

/// The one spawner the test targets share (Tests/MaracTestSupport/Tmux.swift): every tool it starts
/// begins with no signals blocked and none ignored, whatever the test runner's threads block, so a
/// tmux server handles kill-server and a `marac` sent SIGTERM stops.
@Suite("the tests' spawner")
struct SpawnTests {
    @Test("a spawned tool starts with no signal blocked or ignored")
    func cleanSignalState() throws {
        let r = try finish(try spawn("/bin/sh", ["-c", "grep -E '^Sig(Blk|Ign):' /proc/self/status"]), deadline: 30)
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" }) }
        #expect(lines.count == 2, "\(r.out)")
        for fields in lines {
            // The mask and the ignored set the tool inherited hold none of the standard signals 1–31
            // (glibc keeps its two internal real-time signals, 32 and 33, out of reach of a reset).
            let bits = fields.count == 2 ? UInt64(fields[1], radix: 16) : nil
            #expect(bits.map { $0 & 0x7FFF_FFFF == 0 } == true, "spawned with \(r.out)")
        }
        #expect(lines.first?.first == "SigBlk" && lines.first.map { UInt64($0[1], radix: 16) == 0 } == true, "nothing blocked: \(r.out)")
    }

    @Test("finish reports the exit code and both outputs, and removes its files")
    func exitCodeAndOutput() throws {
        let p = try spawn("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"])
        let r = try finish(p, deadline: 30)
        #expect(r.status == 3)
        #expect(r.out == "out\n")
        #expect(r.err == "err\n")
        #expect(!FileManager.default.fileExists(atPath: p.outPath))
        #expect(!FileManager.default.fileExists(atPath: p.errPath))
    }
}
