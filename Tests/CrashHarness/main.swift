#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MaracApp
import MaracCore

// `marac-crash-harness run JOURNAL --keys FILE`: `marac run` for the kill -9 tests, with an ack log.
// The harness, not marac, writes one `ack <seq>` line per event to MARAC_TEST_ACK_LOG the moment the
// session is told the event is durable (after the journal's fdatasync), so a test that kills this
// process can check every acknowledged event is in the journal. marac itself has no such hook.

final class AckLog: SaveListener, @unchecked Sendable {
    private let fd: Int32

    init?(path: String) {
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { return nil }
    }

    func saved(_ records: [RecordedEvent]) {
        for r in records {
            let line = Array("ack \(r.seq)\n".utf8)
            _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        }
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 5, arguments[1] == "run", arguments[3] == "--keys" else {
    FileHandle.standardError.write(Data("usage: marac-crash-harness run JOURNAL --keys FILE\n".utf8))
    exit(64)
}
let environment = ProcessInfo.processInfo.environment
if let path = environment["MARAC_TEST_ACK_LOG"] { SaveListeners.current = AckLog(path: path) }
let passphrase = environment["MARAC_PASSPHRASE"].flatMap { $0.isEmpty ? nil : $0 }
do {
    try RunMeeting.run(path: arguments[2], options: MeetingSession.Options(keysFile: arguments[4], passphrase: passphrase),
                       logger: makeLogger(folder: environment["MARAC_DATA_DIR"]))
} catch {
    FileHandle.standardError.write(Data("marac-crash-harness: \(error)\n".utf8))
    exit(1)
}
