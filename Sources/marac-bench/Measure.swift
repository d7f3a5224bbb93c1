import Foundation

/// Wall-clock samples of one figure, in milliseconds.
struct Samples {
    var values: [Double] = []
    /// The processor time of the same samples (user + system, every thread of this process), in
    /// milliseconds: what the work costs whatever else the machine is doing, where the wall clock
    /// of a shared machine is noise.
    var cpu: [Double] = []

    mutating func time(_ body: () throws -> Void) rethrows {
        let cpuStart = processCPUMillis()
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        values.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        cpu.append(processCPUMillis() - cpuStart)
    }

    var cpuMedian: Double {
        guard !cpu.isEmpty else { return .nan }
        return cpu.sorted()[cpu.count / 2]
    }

    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count - 1)).rounded())
        return sorted[min(sorted.count - 1, max(0, rank))]
    }

    var median: Double { percentile(50) }
    var p99: Double { percentile(99) }
}

/// One line of the report: a figure (median and p99 of its samples), the baselines it is judged
/// against (each measured in the same run, interleaved with it) with the ratio to each, and the target.
struct Figure {
    var name: String
    var value: Samples
    /// (name, median) of each baseline.
    var baselines: [(name: String, median: Double)]
    /// e.g. "p99 < 2 ms", "≤ 1.5× floor"
    var target: String
    var met: Bool?
    var unit: String = "ms"

    init(name: String, value: Samples, baselines: [(name: String, median: Double)] = [], target: String, met: Bool?, unit: String = "ms") {
        self.name = name; self.value = value; self.baselines = baselines; self.target = target; self.met = met; self.unit = unit
    }

    func line() -> String {
        let verdict = met.map { $0 ? "MET" : "MISSED" } ?? "—"
        var parts = [
            name.padding(toLength: 46, withPad: " ", startingAt: 0),
            String(format: "median %9.3f %@", value.median, unit) + String(format: "  p99 %9.3f", value.p99)
                + "  (n=\(value.values.count))",
        ]
        for b in baselines {
            parts.append(String(format: "│ %@ %.3f, ratio %.2f×", b.name, b.median, value.median / b.median))
        }
        parts.append("│ target \(target): \(verdict)")
        return parts.joined(separator: "  ")
    }
}

/// User + system time of this process so far, in milliseconds.
func processCPUMillis() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
    return ms(usage.ru_utime) + ms(usage.ru_stime)
}

func fileSize(_ path: String) -> Int {
    (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
}

/// Runs a command and returns its wall time (ms) and its rusage peak resident memory (bytes; see
/// `LoadBench.memory` for why that is not used for the memory figure).
@discardableResult
func runMeasured(_ tool: String, _ args: [String], stdoutTo: String = "/dev/null") throws -> (millis: Double, maxRSS: Int, status: Int32) {
    var pid: pid_t = 0
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, stdoutTo, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let argv = ([tool] + args).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let start = DispatchTime.now().uptimeNanoseconds
    let rc = posix_spawnp(&pid, tool, &actions, nil, argv, environ)
    guard rc == 0 else { throw BenchError("cannot start \(tool): \(String(cString: strerror(rc)))") }
    var status: Int32 = 0
    var usage = rusage()
    _ = wait4(pid, &status, 0, &usage)
    let millis = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    return (millis, usage.ru_maxrss * 1024, status)
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// The directory holding this executable (marac sits beside it in the build folder).
var executableFolder: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
}

/// This process's peak resident memory (VmHWM in /proc/self/status), in KiB; 0 if unknown.
func peakResidentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.dropFirst(6).filter(\.isNumber)) ?? 0
    }
    return 0
}
