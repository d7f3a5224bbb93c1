#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MaracApp
import MaracCore

// `marac-clock-harness run JOURNAL`: `marac run JOURNAL --screen-reader` for the pty test, on a
// clock the test moves on: the wall clock plus the minutes written in MARAC_TEST_CLOCK_FILE (read
// at every tick). marac itself has no such hook; the session takes a clock as a port.

final class MovableClock: Clock {
    let file: String
    init(file: String) { self.file = file }

    var now: Int64 {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? "0"
        let minutes = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        return AppClock.wall.now + minutes * 60_000
    }
}

let arguments = CommandLine.arguments
let environment = ProcessInfo.processInfo.environment
guard arguments.count == 3, arguments[1] == "run", let clockFile = environment["MARAC_TEST_CLOCK_FILE"] else {
    FileHandle.standardError.write(Data("usage: MARAC_TEST_CLOCK_FILE=FILE marac-clock-harness run JOURNAL\n".utf8))
    exit(64)
}
do {
    try RunMeeting.run(path: arguments[2],
                       options: MeetingSession.Options(passphrase: environment["MARAC_PASSPHRASE"], screenReader: true,
                                                       clock: MovableClock(file: clockFile)),
                       logger: makeLogger(folder: environment["MARAC_DATA_DIR"]))
} catch {
    FileHandle.standardError.write(Data("marac-clock-harness: \(error)\n".utf8))
    exit(1)
}
