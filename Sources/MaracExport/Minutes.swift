import MaracCore

/// The marking and reminder that every export carries (DESIGN §3a; practice anchors §2.4).
public enum Marking {
    public static let restricted = "RESTRICTED when complete (OFFICIAL-SENSITIVE)"
    public static let reminder =
        "Confidential: this document is for the agencies at the Marac and only for the purpose of reducing "
        + "risk to the victim, the children and others. Do not copy or share it without the agreement of the "
        + "agencies concerned. Store it securely and send it only by a secure route (e.g. encrypted email)."
}

/// What the export knows about the journal it was made from (DESIGN §4: exports carry the final hash).
/// The I/O layer reads the journal and fills this in; the renderers only print it.
public struct JournalFacts: Sendable, Equatable {
    /// The journal's file name (not its full path: folders can say more than they should).
    public var fileName: String
    public var finalHash: String
    /// True when every line's hash chain checked out.
    public var verified: Bool
    /// A sentence for people: "intact", "a torn last line (37 bytes) was set aside", "damaged at line 12: …".
    public var condition: String

    public init(fileName: String, finalHash: String, verified: Bool, condition: String) {
        self.fileName = fileName; self.finalHash = finalHash; self.verified = verified; self.condition = condition
    }
}

/// A moment in time, kept as epoch milliseconds (UTC) and shown as UTC: the core never reads a time zone.
public struct Instant: Sendable, Equatable, Comparable {
    public var millis: Int64
    public init(_ millis: Int64) { self.millis = millis }

    public static func < (a: Instant, b: Instant) -> Bool { a.millis < b.millis }

    public var day: CalendarDate { CalendarDate(epochMillis: millis) }

    private var secondOfDay: Int64 {
        let day: Int64 = 86_400_000
        return ((millis % day + day) % day) / 1000
    }

    /// `09:32`
    public var hhmm: String {
        let s = secondOfDay
        return two(s / 3600) + ":" + two((s % 3600) / 60)
    }

    /// `2026-12-01T09:32:05Z`
    public var iso: String {
        let s = secondOfDay
        return day.iso + "T" + two(s / 3600) + ":" + two((s % 3600) / 60) + ":" + two(s % 60) + "Z"
    }

    /// `01/12/2026 09:32 UTC`
    public var uk: String { day.uk + " " + hhmm + " UTC" }

    private func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// The minutes of one meeting as a neutral model: every renderer prints this and nothing else, so the
/// formats cannot disagree. All text in it has already been through `SafeText`.
public struct Minutes: Sendable, Equatable {
    public static let format = "marac-minutes"
    public static let version = 1

    public var generatedAt: Instant
    public var meeting: MeetingDetails
    public var attendance: AttendanceRegister
    public var confidentiality: ConfidentialityRecord
    public var review: OutstandingReviewMinutes
    public var cases: [CaseMinutes]
    public var summary: ClosingSummary
    public var journal: JournalFacts

    /// The agenda-section heading to print before each case, or nil when the case continues the
    /// section before it. A section met again later (a late case, a reordering) says "continued".
    public var sectionHeadings: [String?] {
        var seen: Set<AgendaSection> = []
        var previous: AgendaSection?
        return cases.map { c in
            defer { previous = c.section; seen.insert(c.section) }
            if c.section == previous { return nil }
            return c.section.title + (seen.contains(c.section) ? " (continued)" : "")
        }
    }

    /// Every action agreed at the meeting, in agenda order of their cases.
    public var allActions: [ActionLine] { cases.flatMap(\.actions) }
}

public struct MeetingDetails: Sendable, Equatable {
    public var id: String
    public var date: CalendarDate
    public var area: String
    public var venue: String
    public var chair: String
    public var startedAt: Instant?
    public var closedAt: Instant?
    /// Meeting clock: from the start to the close (or the last event), less pauses.
    public var durationMillis: Int64
    public var reopenReasons: [String]
    public var targetMinutes: Int
    public var limitMinutes: Int

    /// `closed`, `in progress`, `not started`: minutes of an unclosed meeting are a draft.
    public var status: String {
        if closedAt != nil { return "closed" }
        return startedAt == nil ? "not started" : "in progress (draft minutes)"
    }
}

public struct AttendanceLine: Sendable, Equatable {
    public var agency: String
    public var representative: String
    public var role: AttendanceRole
    public var confidentialityAgreed: Bool?
    public var informationSent: Bool?
    public var informationReceived: CalendarDate?
    public var leftAfterCase: String?
}

public struct AttendanceRegister: Sendable, Equatable {
    public var present: [AttendanceLine]
    public var observers: [AttendanceLine]
    public var apologies: [AttendanceLine]
    public var absent: [AttendanceLine]

    /// People who left before the end, with the case after which they left.
    public var leftEarly: [AttendanceLine] { (present + observers).filter { $0.leftAfterCase != nil } }
}

public struct ConfidentialityRecord: Sendable, Equatable {
    public var statement: String
    public var read: Bool
}

/// One action brought from an earlier meeting, and what the opening review decided.
public struct ReviewedAction: Sendable, Equatable {
    public var id: String
    public var meetingDate: CalendarDate
    public var caseRef: String
    public var text: String
    public var owner: String
    public var due: CalendarDate?
    public var category: ActionCategory?
    public var outcome: ReviewOutcome?
    public var note: String
}

/// The opening review, keeping SafeLives's split (DESIGN §3a): done; not possible because
/// circumstances changed; not done by the agency (escalated to the steering group).
public struct OutstandingReviewMinutes: Sendable, Equatable {
    public var done: [ReviewedAction]
    public var notPossible: [ReviewedAction]
    public var notDoneEscalated: [ReviewedAction]
    public var carriedForward: [ReviewedAction]
    public var notReviewed: [ReviewedAction]

    public var isEmpty: Bool {
        done.isEmpty && notPossible.isEmpty && notDoneEscalated.isEmpty && carriedForward.isEmpty && notReviewed.isEmpty
    }

    /// The groups in the order the minutes print them, with their headings.
    public var groups: [(key: String, title: String, items: [ReviewedAction])] {
        [
            ("done", "Done", done),
            ("notPossible", "Not possible — circumstances changed", notPossible),
            ("notDoneEscalated", "Not done by the agency — escalated to the steering group", notDoneEscalated),
            ("carriedForward", "Still in progress — carried forward", carriedForward),
            ("notReviewed", "Not reviewed at this meeting", notReviewed),
        ]
    }
}

public struct NoteLine: Sendable, Equatable {
    public var kind: NoteKind
    public var text: String
}

/// What one agency told the meeting about a case.
public struct AgencyInformation: Sendable, Equatable {
    public var agency: String
    public var notes: [NoteLine]
}

public struct AttributedNote: Sendable, Equatable {
    public var agency: String
    public var text: String
}

public struct CaseTime: Sendable, Equatable {
    public var takenMillis: Int64
    public var targetMillis: Int64
    public var limitMillis: Int64
    public var bonusMinutes: Int
    public var overran: Bool
    public var overrunReason: String?
}

public struct ActionLine: Sendable, Equatable {
    public var id: String
    public var caseRef: String
    public var text: String
    public var owner: String
    public var due: CalendarDate?
    public var category: ActionCategory?
    public var status: ActionStatus
    public var escalated: Bool
    /// The SMART check (`SmartRules.check`) against the meeting date and the agencies present.
    public var findings: [Finding]
    /// Why the action was withdrawn at the meeting, when it was.
    public var withdrawalReason: String?
}

public struct CaseMinutes: Sendable, Equatable {
    /// 1-based place in the agenda as run.
    public var position: Int
    public var ref: String
    public var section: AgendaSection
    public var late: Bool
    public var status: CaseStatus
    public var referralBasis: ReferralBasis
    public var referringAgency: String
    public var referralDate: CalendarDate?
    public var dashScore: Int?
    public var dashThreshold: Int
    public var isRepeat: Bool
    public var previousHearings: [CalendarDate]
    /// The last hearing was more than the repeat window ago.
    public var repeatWindowLapsed: Bool
    public var children: Int?
    /// nil when the discussion never started.
    public var time: CaseTime?
    public var deferredToNextMeeting: Bool
    public var deferredToEndCount: Int
    public var deferralReason: String?
    public var withdrawalReason: String?
    public var information: [AgencyInformation]
    public var victimsViews: [AttributedNote]
    public var feedback: VictimFeedback?
    public var actions: [ActionLine]
}

public struct AgencyCount: Sendable, Equatable {
    public var agency: String
    public var count: Int
}

public struct Overrun: Sendable, Equatable {
    public var caseRef: String
    public var takenMillis: Int64
    public var reason: String?
}

public struct ClosingSummary: Sendable, Equatable {
    public var casesOnAgenda: Int
    public var casesHeard: Int
    public var notificationsHeard: Int
    public var deferred: Int
    public var withdrawn: Int
    public var notReached: Int
    public var meetingMillis: Int64
    /// Mean discussion time of the cases heard (notifications excluded); nil when none was heard.
    public var meanPerCaseMillis: Int64?
    public var overruns: [Overrun]
    /// Live actions (not withdrawn) by owner agency, most first, then by name.
    public var actionsByAgency: [AgencyCount]
    public var actionsAgreed: Int
    public var actionsWithFindings: Int
}

// MARK: - Building the model

extension Minutes {
    /// Builds the minutes from the folded meeting. `now` is only the "generated at" stamp: timings use
    /// the meeting's own clock (its close, or its last event), so exporting twice gives the same minutes.
    public init(state: MeetingState, journal: JournalFacts, now: Int64) {
        let end = state.closedAt ?? state.lastEventAt ?? state.startedAt ?? 0
        let line = SafeText.line
        let info = state.info
        let rules = state.rules

        generatedAt = Instant(now)
        meeting = MeetingDetails(
            id: line(info.id), date: info.date, area: line(info.area), venue: line(info.venue), chair: line(info.chair),
            startedAt: state.startedAt.map(Instant.init), closedAt: state.closedAt.map(Instant.init),
            durationMillis: state.meetingElapsedMillis(now: end), reopenReasons: state.reopenReasons.map(line),
            targetMinutes: rules.targetMinutes, limitMinutes: rules.limitMinutes)

        func attendanceLine(_ a: Attendance) -> AttendanceLine {
            AttendanceLine(agency: line(a.agency), representative: line(a.representative), role: a.role,
                           confidentialityAgreed: a.confidentialityAgreed, informationSent: a.informationSent,
                           informationReceived: a.informationReceived, leftAfterCase: a.leftAfterCase.map(line))
        }
        let register = state.attendance.map(attendanceLine)
        attendance = AttendanceRegister(
            present: register.filter { $0.role == .present }, observers: register.filter { $0.role == .observer },
            apologies: register.filter { $0.role == .apologies }, absent: register.filter { $0.role == .absent })

        confidentiality = ConfidentialityRecord(statement: SafeText.block(rules.confidentialityStatement),
                                                read: state.confidentialityRead)

        var review = OutstandingReviewMinutes(done: [], notPossible: [], notDoneEscalated: [], carriedForward: [], notReviewed: [])
        for o in state.outstanding {
            let r = state.reviews[o.id]
            let item = ReviewedAction(id: line(o.id), meetingDate: o.meetingDate, caseRef: line(o.caseRef), text: line(o.text),
                                      owner: line(o.owner), due: o.due, category: o.category, outcome: r?.outcome,
                                      note: line(r?.note ?? ""))
            switch r?.outcome {
            case .done: review.done.append(item)
            case .notPossible: review.notPossible.append(item)
            case .notDone: review.notDoneEscalated.append(item)
            case .carriedForward: review.carriedForward.append(item)
            case nil: review.notReviewed.append(item)
            }
        }
        self.review = review

        let present = state.agenciesPresent
        let timing = state.timing
        var cases: [CaseMinutes] = []
        for (index, c) in state.orderedCases.enumerated() {
            let agenda = c.agenda
            var time: CaseTime?
            if c.wasStarted {
                let taken = c.elapsedMillis(now: end)
                time = CaseTime(takenMillis: taken, targetMillis: timing.target(bonusMinutes: c.bonusMinutes),
                                limitMillis: timing.limit(bonusMinutes: c.bonusMinutes), bonusMinutes: c.bonusMinutes,
                                overran: taken >= timing.limit(bonusMinutes: c.bonusMinutes),
                                overrunReason: c.overrunReason.map(line).flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 })
            }
            let actions = state.actions(for: c.ref).map { a in
                // An owner not in the room: the minutes say who agreed to tell them.
                let told = state.absentOwnerInformers[a.id].map { " (\(line(a.owner)) not present: \(line($0)) will tell them)" } ?? ""
                return ActionLine(id: line(a.id), caseRef: line(a.caseRef), text: line(a.text) + told, owner: line(a.owner), due: a.due,
                           category: a.category, status: a.status, escalated: a.escalated,
                           findings: a.status == .withdrawn ? [] : SmartRules.check(a, today: info.date, agenciesPresent: present)
                               .map { Finding($0.severity, $0.code, line($0.message)) },
                           withdrawalReason: a.status == .withdrawn ? a.history.last { $0.status == .withdrawn }.map { line($0.note) } : nil)
            }
            cases.append(CaseMinutes(
                position: index + 1, ref: line(c.ref), section: agenda.section, late: c.late, status: c.status,
                referralBasis: agenda.referralBasis, referringAgency: line(agenda.referringAgency),
                referralDate: agenda.referralDate, dashScore: agenda.dashScore, dashThreshold: rules.dashThreshold,
                // Confirmed earlier hearings found in the data folder count as well as the agenda's dates.
                isRepeat: c.isRepeat(hearingDate: info.date, windowMonths: rules.repeatWindowMonths),
                previousHearings: c.allPreviousHearings,
                repeatWindowLapsed: agenda.repeatWindowLapsed(hearingDate: info.date, windowMonths: rules.repeatWindowMonths),
                children: agenda.children, time: time,
                deferredToNextMeeting: c.status == .deferredToNextMeeting, deferredToEndCount: c.deferredToEndCount,
                deferralReason: c.deferralReason.map(line), withdrawalReason: c.withdrawalReason.map(line),
                information: Self.information(c.notes), 
                victimsViews: c.notes.filter { $0.kind == .victimsViews }
                    .map { AttributedNote(agency: line($0.agency), text: SafeText.block($0.text)) },
                feedback: c.feedback.map { VictimFeedback(agency: line($0.agency), route: $0.route, detail: line($0.detail)) },
                actions: actions))
        }
        self.cases = cases

        let heard = cases.filter { $0.status == .heard }
        let discussed = heard.filter { $0.section != .twelveMonthNotification }
        let discussedTime = discussed.compactMap(\.time).reduce(Int64(0)) { $0 + $1.takenMillis }
        let live = cases.flatMap(\.actions).filter { $0.status != .withdrawn }
        summary = ClosingSummary(
            casesOnAgenda: cases.count, casesHeard: discussed.count, notificationsHeard: heard.count - discussed.count,
            deferred: cases.filter { $0.status == .deferredToNextMeeting }.count,
            withdrawn: cases.filter { $0.status == .withdrawn }.count,
            notReached: cases.filter { $0.status.isOutstanding }.count,
            meetingMillis: meeting.durationMillis,
            meanPerCaseMillis: discussed.isEmpty ? nil : discussedTime / Int64(discussed.count),
            overruns: cases.compactMap { c in
                guard let t = c.time, t.overran else { return nil }
                return Overrun(caseRef: c.ref, takenMillis: t.takenMillis, reason: t.overrunReason)
            },
            actionsByAgency: Self.countByAgency(live),
            actionsAgreed: live.count,
            actionsWithFindings: live.filter { !$0.findings.isEmpty }.count)
        self.journal = JournalFacts(fileName: line(journal.fileName), finalHash: line(journal.finalHash),
                                    verified: journal.verified, condition: line(journal.condition))
    }

    /// Notes other than the victim's views, grouped by agency (first mention first, names compared
    /// case-insensitively) and, within an agency, by kind in a fixed order.
    static func information(_ notes: [Note]) -> [AgencyInformation] {
        var groups: [AgencyInformation] = []
        for note in notes where note.kind != .victimsViews {
            let agency = SafeText.line(note.agency)
            let entry = NoteLine(kind: note.kind, text: SafeText.block(note.text))
            if let i = groups.firstIndex(where: { sameAgency($0.agency, agency) }) { groups[i].notes.append(entry) }
            else { groups.append(AgencyInformation(agency: agency, notes: [entry])) }
        }
        let order = NoteKind.allCases
        for i in groups.indices {
            // A stable sort by kind keeps each agency's notes in the order they were made.
            groups[i].notes = groups[i].notes.enumerated().sorted {
                let (a, b) = (order.firstIndex(of: $0.element.kind)!, order.firstIndex(of: $1.element.kind)!)
                return a != b ? a < b : $0.offset < $1.offset
            }.map(\.element)
        }
        return groups
    }

    static func countByAgency(_ actions: [ActionLine]) -> [AgencyCount] {
        var counts: [AgencyCount] = []
        for a in actions {
            if let i = counts.firstIndex(where: { sameAgency($0.agency, a.owner) }) { counts[i].count += 1 }
            else { counts.append(AgencyCount(agency: a.owner, count: 1)) }
        }
        return counts.sorted { $0.count != $1.count ? $0.count > $1.count : $0.agency.lowercased() < $1.agency.lowercased() }
    }
}

/// Agency names are matched case-insensitively and ignoring surrounding spaces ("police" is "Police ").
public func sameAgency(_ a: String, _ b: String) -> Bool {
    a.trimmingWhitespace().lowercased() == b.trimmingWhitespace().lowercased()
}

// MARK: - Shared wording

/// `19 min 30 s`, `8 min`, `1 h 02 min`: a duration nobody can mistake for a clock time.
public func spokenDuration(_ millis: Int64) -> String {
    let total = max(0, millis) / 1000
    let h = total / 3600, m = (total % 3600) / 60, s = total % 60
    if h > 0 { return "\(h) h \(m < 10 ? "0" : "")\(m) min" }
    return s == 0 ? "\(m) min" : "\(m) min \(s < 10 ? "0" : "")\(s) s"
}

extension Optional where Wrapped == Bool {
    /// `yes` / `no` / `not recorded`: an unknown is never shown as a no.
    var yesNo: String {
        switch self {
        case .some(true): return "yes"
        case .some(false): return "no"
        case .none: return "not recorded"
        }
    }
}

extension Optional where Wrapped == CalendarDate {
    var uk: String { self?.uk ?? "not recorded" }
}

extension CaseMinutes {
    /// `18 of 24 (threshold 14)` / `not recorded`
    var dashText: String {
        guard let dashScore else { return "not recorded" }
        return "\(dashScore) of 24 (threshold \(dashThreshold))"
    }

    var childrenText: String {
        guard let children else { return "not recorded" }
        return children == 0 ? "none" : String(children)
    }

    var repeatText: String {
        var text = isRepeat ? "yes" : "no"
        if !previousHearings.isEmpty {
            text += " (previous hearings: " + previousHearings.map(\.uk).joined(separator: ", ") + ")"
            if repeatWindowLapsed && !isRepeat { text += "; 12 months have passed since the last hearing" }
        }
        return text
    }

    var referralText: String {
        var text = referralBasis.label + ", referred by " + referringAgency
        if let referralDate { text += " on " + referralDate.uk }
        return text
    }

    /// `12:30 against a target of 10:00 (limit 15:00) — overran: reason` / `not discussed`
    var timeText: String {
        guard let time else { return "not discussed" }
        var text = spokenDuration(time.takenMillis) + " against a target of " + spokenDuration(time.targetMillis)
            + " (limit " + spokenDuration(time.limitMillis)
        if time.bonusMinutes > 0 { text += ", including \(time.bonusMinutes) bonus minute\(time.bonusMinutes == 1 ? "" : "s")" }
        text += ")"
        if time.overran { text += " — OVERRAN: " + (time.overrunReason ?? "no reason recorded") }
        return text
    }

    /// `Deferred to the next meeting: reason`, `Withdrawn: reason`, or nil for a case heard as planned.
    var outcomeText: String? {
        switch status {
        case .deferredToNextMeeting: return "Deferred to the next meeting: " + (deferralReason ?? "no reason recorded")
        case .withdrawn: return "Withdrawn: " + (withdrawalReason ?? "no reason recorded")
        case .waiting, .discussing, .paused:
            var text = "Not concluded when the minutes were made"
            if deferredToEndCount > 0 { text += " (moved to the end of the agenda: " + (deferralReason ?? "no reason recorded") + ")" }
            return text
        case .heard:
            if deferredToEndCount > 0 { return "Moved to the end of the agenda, then heard: " + (deferralReason ?? "no reason recorded") }
            return nil
        }
    }

    var feedbackText: String {
        guard let feedback else { return "not agreed" }
        var text = feedback.agency + ", " + feedback.route.label
        if !feedback.detail.isEmpty { text += " (" + feedback.detail + ")" }
        return text
    }

    var title: String {
        var text = "\(position). \(ref)"
        if late { text += " (late case)" }
        return text
    }
}

extension ActionLine {
    var dueText: String { due?.uk ?? "no due date" }
    var categoryText: String { category?.label ?? "none" }
    var statusText: String {
        if status == .withdrawn, let withdrawalReason, !withdrawalReason.isEmpty { return "withdrawn: " + withdrawalReason }
        return status.label + (escalated ? " (escalated)" : "")
    }
    var findingsText: String {
        if status == .withdrawn { return "—" }
        return findings.isEmpty ? "SMART" : findings.map { $0.symbol + " " + $0.message }.joined(separator: "; ")
    }
}

extension AttendanceLine {
    var leftText: String { leftAfterCase.map { "left after case " + $0 } ?? "" }
}
