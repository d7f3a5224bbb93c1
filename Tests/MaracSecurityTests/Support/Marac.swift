import MaracTestSupport
import Foundation
import Testing

/// One run of the built `marac` binary: no terminal (stdin is /dev/null), a chosen environment and
/// umask, exit status and both streams kept.
struct MaracRun {
    var status: Int32
    var stdout: String
    var stderr: String

    /// stderr's non-empty lines.
    var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
}

/// Runs `marac ARGS` through /bin/sh so the umask can be set first. `MARAC_PASSPHRASE` is only
/// there when `passphrase` is given.
@discardableResult
func marac(_ args: [String], passphrase: String? = nil, umask: String = "022", environment: [String: String] = [:],
           folder: String) throws -> MaracRun {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "umask \(umask); exec \"$0\" \"$@\"", Binary.marac] + args
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "MARAC_PASSPHRASE")
    env["MARAC_DATA_DIR"] = folder
    env["HOME"] = folder
    env["TMPDIR"] = folder
    env["LC_ALL"] = "C.UTF-8"
    if let passphrase { env["MARAC_PASSPHRASE"] = passphrase }
    env.merge(environment) { $1 }
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return MaracRun(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

func bytes(_ path: String) -> String {
    String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
}

func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

/// Fictional case text, distinctive enough that finding it in a file means it leaked.
enum Secret {
    static let victim = "Zephyrine Quillbrook"
    static let perpetrator = "Orsolya Vantrell"
    static let note = "Lives above the Blackwater launderette"
    static let action = "Fit Kestrelmoor window locks"
    static let doneNote = "Locks fitted by Hallowmere Homes"
    static let all = [victim, perpetrator, note, action, doneNote]

    static let agenda = """
    case_ref,victim,perpetrator,referring_agency,referral_basis,dash_score,children,agencies_involved
    SX-0001,\(victim),\(perpetrator),Police,actuarial,17,1,Police;Idva;Housing
    SX-0002,Wren Talbotson,Corin Ashdale,Idva,professional judgement,,0,Idva;Health

    """

    /// Starts the meeting, opens the first case, adds a note and an action.
    static let keys = "<Enter>3s" + "o" + "Police<Tab><Tab>\(note)<C-s>" + "a" + "\(action)<Tab>Housing<Tab>+7d<Tab>victim<Enter>"
}
