import Foundation
import Logging
import MaracCore
import MaracJournal
import MaracUI

/// `marac demo`: the live screen on the built-in fictional sample, journal in a new temporary folder.
public enum DemoMeeting {
    /// Creates the demo journal and returns its path. Scripted runs pin the clock to 09:25 UTC on the
    /// meeting date so their screens are the same on every machine.
    public static func create(date: CalendarDate, scripted: Bool, now: Int64) throws -> (writer: JournalWriter, events: [RecordedEvent], startClock: Int64) {
        let folder = try makeTemporaryFolder(prefix: "marac-demo")
        let path = folder + "/demo-\(date.iso).jsonl"
        let at = scripted ? Int64(date.dayNumber) * 86_400_000 + (9 * 60 + 25) * 60_000 : now
        let writer = try JournalWriter.create(path: path, kind: .meeting, id: MeetingInfo.makeID(date: date, area: DemoAgenda.area),
                                              events: DemoAgenda.setUpEvents(meetingDate: date), at: at)
        let contents = try JournalReader.read(path: path)
        return (writer, contents.events, at)
    }

    public static func run(date: CalendarDate?, options: MeetingSession.Options, logger: Logger) throws -> String {
        let clock = AppClock.wall
        let day = date ?? CalendarDate(epochMillis: clock.now)
        let created = try create(date: day, scripted: options.keysFile != nil, now: clock.now)
        let session = MeetingSession(writer: created.writer, events: created.events, logger: logger)
        try session.run(options: options)
        return session.path
    }
}

/// A new private folder under the system temporary directory (mode 0700).
func makeTemporaryFolder(prefix: String) throws -> String {
    var base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
    var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
        guard let result = mkdtemp(buffer.baseAddress!) else { return nil }
        return String(cString: result)
    }
    guard let made else { throw AppError("cannot create a temporary folder in \(base): \(String(cString: strerror(errno)))") }
    return made
}
