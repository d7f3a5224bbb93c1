import Foundation
import MaracTestSupport

/// One run of the built `marac` binary with no terminal: exit status and both streams.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `executable ARGS` (the built `marac` unless given) with a clean, chosen environment:
/// HOME, XDG folders, TMPDIR and MARAC_DATA_DIR all inside `home`, so nothing of the machine's
/// own configuration leaks in. `environment` is merged last.
@discardableResult
func marac(_ args: [String], home: String, environment: [String: String] = [:], executable: String = Binary.marac,
           directory: String? = nil) throws -> CLIRun {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    for key in env.keys where key.hasPrefix("MARAC_") || key.hasPrefix("XDG_") { env.removeValue(forKey: key) }
    env["HOME"] = home
    env["TMPDIR"] = home
    env["LC_ALL"] = "C.UTF-8"
    env.merge(environment) { $1 }
    p.environment = env
    if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    // Read both streams at once: a full stderr pipe would otherwise stall the child.
    let errBox = DataBox()
    let done = DispatchSemaphore(value: 0)
    Thread { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); done.signal() }.start()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    done.wait()
    let errData = errBox.data
    p.waitUntilExit()
    return CLIRun(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

/// The file type bits of what is at `path` (without following a link), or nil when nothing is there.
func fileType(_ path: String) -> mode_t? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return info.st_mode & S_IFMT
}

final class DataBox: @unchecked Sendable { var data = Data() }
