import MaracCore

/// A tiny script language for building recorded sample meetings: events stamped on a clock that
/// moves forward as the "meeting" goes on, so a replay shows real timing.
struct SampleScript {
    private(set) var events: [(at: Int64, event: MeetingEvent)] = []
    private(set) var info: MeetingInfo
    var t: Int64
    private var actionNumber = 0

    init(info: MeetingInfo, rules: LocalProtocol = .national, startMinutes: Int = 9 * 60 + 25) {
        self.info = info
        self.t = Int64(info.date.dayNumber) * 86_400_000 + Int64(startMinutes) * 60_000
        emit(.meetingCreated(info: info, rules: rules))
    }

    mutating func emit(_ event: MeetingEvent) { events.append((t, event)) }
    mutating func wait(minutes: Double) { t += Int64(minutes * 60_000) }
    mutating func wait(seconds: Int) { t += Int64(seconds) * 1000 }

    mutating func queue(_ cases: [AgendaCase]) {
        for c in AgendaImport.agendaOrder(cases) { emit(.caseQueued(agendaCase: c, late: false)) }
    }

    mutating func attend(_ agency: String, _ rep: String, _ role: AttendanceRole = .present,
                         infoSent: Bool? = nil) {
        let agreed: Bool? = role == .present || role == .observer ? true : nil
        emit(.attendanceRecorded(attendance: Attendance(agency: agency, representative: rep, role: role,
                                                        confidentialityAgreed: agreed, informationSent: infoSent,
                                                        informationReceived: infoSent == true ? info.date.adding(days: -1) : nil)))
        wait(seconds: 20)
    }

    mutating func review(_ id: String, _ outcome: ReviewOutcome, _ note: String) {
        emit(.outstandingActionReviewed(actionID: id, outcome: outcome, note: note))
        wait(seconds: 50)
    }

    struct Step {
        enum Kind {
            case note(String, NoteKind, String)
            case action(String, ActionCategory, String, dueInDays: Int?)
            case feedback(String, FeedbackRoute, String)
            case bonus(Int)
            case pass(String, String)
        }
        var afterMinutes: Double
        var kind: Kind
    }

    /// One case's discussion: started, steps at their minute marks, closed at `minutes`.
    mutating func discuss(_ ref: String, minutes: Double, overrunReason: String? = nil, _ steps: [Step]) {
        let start = t
        emit(.discussionStarted(caseRef: ref))
        for step in steps.sorted(by: { $0.afterMinutes < $1.afterMinutes }) {
            t = start + Int64(step.afterMinutes * 60_000)
            switch step.kind {
            case .note(let agency, let kind, let text):
                emit(.noteAdded(caseRef: ref, agency: agency, kind: kind, text: text))
            case .action(let owner, let category, let text, let due):
                actionNumber += 1
                emit(.actionAgreed(action: Action(id: "\(info.actionPrefix)-\(actionNumber)", caseRef: ref, text: text,
                                                  owner: owner, due: due.map { info.date.adding(days: $0) }, category: category)))
            case .feedback(let agency, let route, let detail):
                emit(.feedbackAgreed(caseRef: ref, feedback: VictimFeedback(agency: agency, route: route, detail: detail)))
            case .bonus(let m):
                emit(.bonusMinutesGranted(caseRef: ref, minutes: m))
            case .pass(let code, let reason):
                emit(.promptPassed(caseRef: ref, prompt: code, reason: reason))
            }
        }
        t = start + Int64(minutes * 60_000)
        emit(.discussionEnded(caseRef: ref, overrunReason: overrunReason))
        wait(seconds: 30)
    }
}

extension SampleScript.Step {
    static func note(_ after: Double, _ agency: String, _ kind: NoteKind, _ text: String) -> Self {
        Self(afterMinutes: after, kind: .note(agency, kind, text))
    }
    static func action(_ after: Double, _ owner: String, _ category: ActionCategory, _ text: String, due: Int? = 14) -> Self {
        Self(afterMinutes: after, kind: .action(owner, category, text, dueInDays: due))
    }
    static func feedback(_ after: Double, _ agency: String, _ route: FeedbackRoute, _ detail: String) -> Self {
        Self(afterMinutes: after, kind: .feedback(agency, route, detail))
    }
    static func pass(_ after: Double, _ code: String, _ reason: String) -> Self {
        Self(afterMinutes: after, kind: .pass(code, reason))
    }
    static func bonus(_ after: Double, _ minutes: Int) -> Self { Self(afterMinutes: after, kind: .bonus(minutes)) }
}
