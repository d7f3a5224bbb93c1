import Foundation
import MaracCore
@testable import MaracJournal

/// A fresh folder under the system temp folder, removed when the test ends.
final class TempFolder {
    let path: String
    init() {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/marac-journal-test-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { "\(path)/\(name)" }
}

func bytes(of path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }
func write(_ bytes: [UInt8], to path: String) { FileManager.default.createFile(atPath: path, contents: Data(bytes)) }

/// Start offsets of each line (line i begins at `starts[i]`); the last entry is the file length.
func lineStarts(_ bytes: [UInt8]) -> [Int] {
    var starts = [0]
    for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
    return starts
}

/// SplitMix64: a small seeded generator, so a failing random test can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let meetingDate = CalendarDate(year: 2026, month: 12, day: 1)!
let sampleInfo = MeetingInfo(id: MeetingInfo.makeID(date: meetingDate, area: "Northvale"), date: meetingDate,
                             area: "Northvale", chair: "Chair Testperson", venue: "Room 2")
let t0: Int64 = 1_796_112_000_000

func sampleCase(_ n: Int, children: Int? = nil) -> AgendaCase {
    AgendaCase(caseRef: "MC-\(1000 + n)", victim: "Victim \(n) \"quoted\" / slashed", perpetrator: "Person \(n)",
               referringAgency: "Police", referralBasis: .actuarial, dashScore: 14 + n % 10,
               referralDate: meetingDate.adding(days: -n), previousHearings: [], children: children,
               victimSex: "female", agenciesInvolved: ["Police", "Idva"])
}

/// The set-up events `marac new` writes.
func setupEvents(cases: Int = 3) -> [MeetingEvent] {
    [.meetingCreated(info: sampleInfo, rules: .national)]
        + (1...cases).map { .caseQueued(agendaCase: sampleCase($0, children: $0 % 2), late: false) }
}

/// A random but realistic meeting: opening, cases discussed with notes and actions, undo, close.
func randomMeeting(_ rng: inout SeededGenerator, cases: Int = 4) -> [MeetingEvent] {
    var events = setupEvents(cases: cases)
    events.append(.meetingStarted)
    events.append(.attendanceRecorded(attendance: Attendance(agency: "Idva", representative: "Rep Ü \(rng.next() % 100)", role: .present)))
    events.append(.confidentialityStatementRead)
    let texts = ["Risk is rising ✓", "Line\nbreak and tab\t", "Emoji 🚪 and ‮bidi", "Plain note", "\"quotes\" and \\backslash"]
    var actionNo = 0
    for c in 1...cases {
        let ref = "MC-\(1000 + c)"
        if Int.random(in: 0..<6, using: &rng) == 0 {
            events.append(.caseDeferred(caseRef: ref, toNextMeeting: Bool.random(using: &rng), reason: texts.randomElement(using: &rng)!))
            continue
        }
        events.append(.discussionStarted(caseRef: ref))
        for _ in 0..<Int.random(in: 0...5, using: &rng) {
            switch Int.random(in: 0..<7, using: &rng) {
            case 0: events.append(.noteAdded(caseRef: ref, agency: "Police", kind: NoteKind.allCases.randomElement(using: &rng)!,
                                             text: texts.randomElement(using: &rng)!))
            case 1:
                actionNo += 1
                events.append(.actionAgreed(action: Action(id: "20261201-\(actionNo)", caseRef: ref, text: texts.randomElement(using: &rng)!,
                                                           owner: "Housing", due: meetingDate.adding(days: Int.random(in: 1...60, using: &rng)),
                                                           category: ActionCategory.allCases.randomElement(using: &rng))))
            case 2: events.append(.discussionPaused(caseRef: ref)); events.append(.discussionResumed(caseRef: ref))
            case 3: events.append(.bonusMinutesGranted(caseRef: ref, minutes: Int.random(in: 1...5, using: &rng)))
            case 4: events.append(.feedbackAgreed(caseRef: ref, feedback: VictimFeedback(agency: "Idva", route: .phone, detail: "safe times only")))
            case 5: events.append(.promptPassed(caseRef: ref, prompt: "children", reason: "no children"))
            default: events.append(.undone(seq: Int.random(in: 1...(events.count), using: &rng)))
            }
        }
        events.append(.discussionEnded(caseRef: ref, overrunReason: Bool.random(using: &rng) ? nil : "complex case"))
    }
    events.append(.meetingClosed)
    return events
}
