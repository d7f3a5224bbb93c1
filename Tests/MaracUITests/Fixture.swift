import MaracCore
@testable import MaracUI

/// A fixed, fictional meeting (no real names, places or dates) with fixed timestamps, so every
/// golden screen is deterministic.
enum Fixture {
    static let date = CalendarDate(year: 2026, month: 12, day: 1)!
    /// 09:30 UTC on the meeting day.
    static let t0: Int64 = Int64(date.dayNumber) * 86_400_000 + 9 * 3_600_000 + 30 * 60_000
    static func minutes(_ m: Int) -> Int64 { t0 + Int64(m) * 60_000 }

    static let info = MeetingInfo(id: "2026-12-01-northvale", date: date, area: "Northvale", chair: "Sam Ashdown",
                                  venue: "Civic Centre Room 2")

    static let cases: [AgendaCase] = [
        AgendaCase(caseRef: "NV-101", victim: "Jane Example", perpetrator: "Mark Example", referringAgency: "Police",
                   referralBasis: .actuarial, dashScore: 17, referralDate: CalendarDate(year: 2026, month: 11, day: 20),
                   previousHearings: [CalendarDate(year: 2026, month: 3, day: 15)!], children: 2, victimSex: "female",
                   minoritised: false, lgbt: false, disabled: false, aged16to17: false, perpetratorUnder18: false),
        AgendaCase(caseRef: "NV-102", victim: "Amira Testcase", referringAgency: "Idva", referralBasis: .professionalJudgement,
                   dashScore: 11, referralDate: CalendarDate(year: 2026, month: 11, day: 24), children: 1, victimSex: "female"),
        AgendaCase(caseRef: "NV-103", victim: "Lee Sampleton", referringAgency: "Housing", referralBasis: .escalation,
                   dashScore: 9, children: 0, victimSex: "male"),
        AgendaCase(caseRef: "NV-104", victim: "Rosa Fictional", referringAgency: "Acute Trust", referralBasis: .actuarial,
                   dashScore: 15, previousHearings: [CalendarDate(year: 2025, month: 6, day: 2)!], children: 0, victimSex: "female"),
        AgendaCase(caseRef: "NV-105", victim: "Kay Placeholder", referringAgency: "Police", referralBasis: .repeatReferral,
                   children: 0, notification: true),
    ]

    static let outstanding: [OutstandingAction] = [
        OutstandingAction(id: "20261117-3", meetingDate: CalendarDate(year: 2026, month: 11, day: 17)!, caseRef: "NV-088",
                          text: "Fit a door alarm and window locks at the victim's address", owner: "Housing",
                          due: CalendarDate(year: 2026, month: 11, day: 28), category: .victimSafety),
        OutstandingAction(id: "20261117-5", meetingDate: CalendarDate(year: 2026, month: 11, day: 17)!, caseRef: "NV-090",
                          text: "Check bail conditions are in place and tell the Idva", owner: "Police",
                          due: CalendarDate(year: 2026, month: 11, day: 24), category: .criminalJustice),
        OutstandingAction(id: "20261117-6", meetingDate: CalendarDate(year: 2026, month: 11, day: 17)!, caseRef: "NV-091",
                          text: "Refer the perpetrator to the perpetrator programme", owner: "Probation",
                          due: CalendarDate(year: 2026, month: 12, day: 8), category: .perpetrator),
    ]

    /// Set-up only: created, agenda queued, outstanding actions imported. The meeting has not started.
    static var setUp: [MeetingEvent] {
        [.meetingCreated(info: info, rules: .national)]
            + cases.map { MeetingEvent.caseQueued(agendaCase: $0, late: false) }
            + [.outstandingActionsImported(actions: outstanding)]
    }

    /// An opened meeting: attendance taken, the statement read, one review done.
    static var opened: [(Int, MeetingEvent)] {
        [
            (0, .meetingStarted),
            (1, .attendanceRecorded(attendance: Attendance(agency: "Police", representative: "DS Kim Harrow", role: .present, confidentialityAgreed: true))),
            (1, .attendanceRecorded(attendance: Attendance(agency: "Idva", representative: "Pat Morrow", role: .present, confidentialityAgreed: true))),
            (1, .attendanceRecorded(attendance: Attendance(agency: "Children's Social Care", representative: "Jo Wellbeck", role: .present, confidentialityAgreed: true))),
            (2, .attendanceRecorded(attendance: Attendance(agency: "Housing", representative: "Chris Dalby", role: .apologies,
                                                            informationSent: true, informationReceived: CalendarDate(year: 2026, month: 11, day: 28)))),
            (2, .attendanceRecorded(attendance: Attendance(agency: "Health Visiting", representative: "Ali Brook", role: .observer, confidentialityAgreed: true))),
            (3, .confidentialityStatementRead),
            (4, .outstandingActionReviewed(actionID: "20261117-3", outcome: .done, note: "Fitted 25/11")),
        ]
    }

    /// Case NV-101 under discussion since minute 5, with a vague action and notes.
    static var discussing: [(Int, MeetingEvent)] {
        opened + [
            (5, .discussionStarted(caseRef: "NV-101")),
            (7, .noteAdded(caseRef: "NV-101", agency: "Idva", kind: .victimsViews, text: "Wants to stay in the home with the children; frightened of the release date")),
            (8, .noteAdded(caseRef: "NV-101", agency: "Police", kind: .riskInformation, text: "Three call-outs since October; perpetrator has her phone")),
            (10, .actionAgreed(action: Action(id: "20261201-northvale-1", caseRef: "NV-101", text: "Monitor the situation", owner: "Police",
                                              due: nil, category: nil))),
            (11, .actionAgreed(action: Action(id: "20261201-northvale-2", caseRef: "NV-101", text: "Fit target hardening at the victim's home",
                                              owner: "Housing", due: CalendarDate(year: 2026, month: 12, day: 8), category: .victimSafety))),
        ]
    }

    static func meeting(_ timed: [(Int, MeetingEvent)] = []) -> Meeting {
        var records: [RecordedEvent] = []
        for (i, e) in setUp.enumerated() { records.append(RecordedEvent(seq: i, at: t0 - 3_600_000, event: e)) }
        for (m, e) in timed { records.append(RecordedEvent(seq: records.count, at: minutes(m), event: e)) }
        return Meeting(events: records)
    }
}

/// The journal port tests use: answers every `Effect.append` with `.appended` records stamped
/// from the test's clock (or with `.appendFailed` when told to fail), and remembers every batch.
final class FakeJournal {
    var clock: Int64
    var nextSeq: Int
    /// When set, the next append fails with this message instead of being written.
    var failNextAppend: String?
    /// Every batch of events the screen asked to write, in order.
    var appends: [[MeetingEvent]] = []

    init(clock: Int64, nextSeq: Int) { self.clock = clock; self.nextSeq = nextSeq }

    func perform(_ effect: Effect) -> [Msg] {
        guard case .append(let events) = effect else { return [] }
        appends.append(events)
        if let failure = failNextAppend {
            failNextAppend = nil
            return [.appendFailed(message: failure)]
        }
        let records = events.enumerated().map { RecordedEvent(seq: nextSeq + $0.offset, at: clock, event: $0.element) }
        nextSeq += records.count
        return [.appended(records)]
    }
}

/// UI tests run the production `EventLoop` (the same one a terminal and a `--keys` script use)
/// with test ports: keys go in through `EventLoop.handle`, effects to a `FakeJournal`, and
/// `<Sleep …>` in a script is a tick. It starts as every run does: the size first, then the time.
struct FakeRuntime {
    private(set) var loop: EventLoop<MeetingScreen>
    let journal: FakeJournal
    /// Setting it resizes the terminal: the model is told, as the loop tells it.
    var size = Size(cols: 80, rows: 24) { didSet { send(.resize(size)) } }

    init(meeting: Meeting, now: Int64, mode: MeetingScreen.Mode = .live, size: Size = Size(cols: 80, rows: 24)) {
        let journal = FakeJournal(clock: now, nextSeq: meeting.nextSeq)
        self.journal = journal
        self.size = size
        loop = EventLoop(program: MeetingScreen(meeting: meeting, now: now, mode: mode), perform: journal.perform)
        try! loop.start(size: size, now: now)
    }

    var screen: MeetingScreen {
        get { loop.program }
        set { loop.program = newValue }
    }
    var clock: Int64 {
        get { journal.clock }
        set { journal.clock = newValue }
    }
    var failNextAppend: String? {
        get { journal.failNextAppend }
        set { journal.failNextAppend = newValue }
    }
    var appends: [[MeetingEvent]] { journal.appends }
    var quitRequested: Bool { loop.hasQuit }

    mutating func send(_ msg: Msg) { try! loop.send(msg) }

    mutating func press(_ key: Key) { try! loop.handle(.key(key)) }

    mutating func paste(_ text: String) { try! loop.handle(.paste(text)) }

    mutating func type(_ text: String) { for c in text { press(.char(c)) } }

    mutating func run(_ script: String) throws {
        for step in try KeyScript.parse(script) {
            switch step {
            case .key(let k): press(k)
            case .paste(let text): paste(text)
            case .sleep(let ms): clock += ms; send(.tick(now: clock))
            case .resize(let s): size = s
            }
        }
    }

    var lines: [String] { screen.view(size: size).lines() }
    var text: String { lines.joined(separator: "\n") }
}
