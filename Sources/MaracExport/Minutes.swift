import MaracCore

/// The marking and reminder that every export carries (docs/DOMAIN.md#attendance-and-the-minutes).
public enum Marking {
    public static let restricted = "RESTRICTED when complete (OFFICIAL-SENSITIVE)"
    public static let reminder =
        "Confidential: this document is for the agencies at the Marac and only for the purpose of reducing "
        + "risk to the victim, the children and others. Do not copy or share it without the agreement of the "
        + "agencies concerned. Store it securely and send it only by a secure route (e.g. encrypted email)."

    /// Said first by every export of a mock meeting's journal (`marac train`), so a practice run can
    /// never pass for the record of a real Marac.
    public static let training = "TRAINING: a mock meeting on fictional cases (marac train), not the record of a real Marac"

    /// The marking a document carries: a mock meeting's says TRAINING first.
    public static func marking(training: Bool) -> String { training ? "TRAINING — " + restricted : restricted }
}

/// What the export knows about the journal it was made from (exports carry the final hash: docs/JOURNAL-FORMAT.md, section 2).
/// The I/O layer reads the journal and fills this in; the renderers only print it.
public struct JournalFacts: Sendable, Equatable {
    /// The journal's file name (not its full path: folders can say more than they should).
    public var fileName: String
    public var finalHash: String
    /// True when every line's hash chain checked out.
    public var verified: Bool
    /// A sentence for people: "intact", "a torn last line (37 bytes) was set aside", "damaged at line 12: …".
    public var condition: String
    /// What the journal's signature file says (`marac new --sign`), e.g. "key 1a2b:… up to event 41,
    /// no unsigned tail"; nil for an unsigned journal. With the final hash, it lets a reader of the
    /// circulated minutes check a later copy of the journal against them (docs/SECURITY.md).
    public var signature: String?

    public init(fileName: String, finalHash: String, verified: Bool, condition: String, signature: String? = nil) {
        self.fileName = fileName; self.finalHash = finalHash; self.verified = verified; self.condition = condition
        self.signature = signature
    }
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
    /// Any other business, after the cases (since issue 15).
    public var anyOtherBusiness: [AOBMinutes] = []
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
    public var allActions: [ActionLine] { cases.flatMap(\.actions) + anyOtherBusiness.flatMap(\.actions) }
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
    /// The zone the document's times are in (`Europe/London`).
    public var timeZone: String
    /// From the local protocol, when it names them.
    public var minuteTaker: String?
    public var circulation: [String]
    /// The next meeting: as set in the meeting, else the first of the protocol's dates after it.
    public var nextMeeting: CalendarDate?
    /// Where the next meeting is, when set in the meeting.
    public var nextMeetingVenue: String? = nil
    /// The planned times in force, `09:30–12:30` (local time).
    public var planned: String = ""
    /// The plan as first made, when the chair changed it in the meeting.
    public var plannedOriginally: String? = nil
    /// The day the meeting clock started, when it is not the meeting's date.
    public var startedOnAnotherDay: CalendarDate? = nil
    /// A mock meeting (`marac train`): every format says TRAINING.
    public var training: Bool = false

    /// `closed`, `in progress`, `not started`: minutes of an unclosed meeting are a draft.
    public var status: String {
        if closedAt != nil { return "closed" }
        return startedAt == nil ? "not started" : "in progress (draft minutes)"
    }
}

/// A line of the register is the core's `Attendance` with its text made safe: nothing to add.
public typealias AttendanceLine = Attendance

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
    /// People present or observing who did not agree, and those with no answer recorded
    /// (`Jo Park (Mental Health)`).
    public var notAgreed: [String]
    public var notRecorded: [String]

    /// What the minutes say about agreement: never "agreed by those present" when someone did not.
    public var agreementText: String {
        guard read else { return "Not recorded as read." }
        var text = "Read by the chair"
        if notAgreed.isEmpty && notRecorded.isEmpty { return text + " and agreed by those present." }
        text += notAgreed.isEmpty ? "; agreed by those present" : "; agreed by those present except " + notAgreed.joined(separator: ", ") + ", who did not agree"
        if !notRecorded.isEmpty { text += "; no answer recorded for " + notRecorded.joined(separator: ", ") }
        return text + "."
    }
}

/// An action from an earlier meeting that its agency closed, or escalated, through the tracker
/// between that meeting and this one: the steering group sees it in these minutes.
public struct ClosedBetweenMeetings: Sendable, Equatable {
    public var id: String
    public var meetingDate: CalendarDate
    public var caseRef: String
    public var text: String
    public var owner: String
    public var status: ActionStatus
    public var escalated: Bool
    /// The day it happened (`--on`, or a return's `on` column), not the day it was typed.
    public var date: CalendarDate
    public var note: String
    /// Typed on a later day than it happened (it still counts on the day it happened).
    public var recordedLate: Bool

    public init(id: String, meetingDate: CalendarDate, caseRef: String, text: String, owner: String, status: ActionStatus,
                escalated: Bool, date: CalendarDate, note: String, recordedLate: Bool = false) {
        self.id = id; self.meetingDate = meetingDate; self.caseRef = caseRef; self.text = text; self.owner = owner
        self.status = status; self.escalated = escalated; self.date = date; self.note = note; self.recordedLate = recordedLate
    }
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
    /// Carried forward to this new due date.
    public var newDue: CalendarDate? = nil
    /// The latest progress the tracker held when the review's list was made (format 2 journals).
    public var progress: ActionProgress? = nil

    /// The review's note, then what had come back before the meeting: one clean line.
    public var noteWithProgress: String {
        [note, progress.map { "Before the meeting: " + $0.line } ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
    }
}

/// The opening review, keeping SafeLives's split (docs/DOMAIN.md#outstanding-actions): done; not possible because
/// circumstances changed; not done by the agency (escalated to the steering group).
public struct OutstandingReviewMinutes: Sendable, Equatable {
    public var done: [ReviewedAction]
    public var notPossible: [ReviewedAction]
    public var notDoneEscalated: [ReviewedAction]
    public var carriedForward: [ReviewedAction]
    public var notReviewed: [ReviewedAction]
    /// Closed or escalated through the tracker since the previous meeting, by outcome.
    public var betweenMeetings: [ClosedBetweenMeetings] = []

    /// How many of the between-meetings outcomes were typed on a later day than they happened.
    public var recordedLateCount: Int { betweenMeetings.filter(\.recordedLate).count }

    /// The sentence the minutes print under the between-meetings table; nil when none was late.
    public var recordedLateSentence: String? {
        let n = recordedLateCount
        guard n > 0 else { return nil }
        return "\(n) of these outcomes \(n == 1 ? "was" : "were") recorded late (typed on a later day than \(n == 1 ? "it" : "they") happened); "
            + "the date shown is the day \(n == 1 ? "it" : "they") happened."
    }

    public var isEmpty: Bool {
        done.isEmpty && notPossible.isEmpty && notDoneEscalated.isEmpty && carriedForward.isEmpty && notReviewed.isEmpty
    }

    /// The between-meetings closures in the same split as the review: done, not possible, not done.
    public var betweenMeetingGroups: [(key: String, title: String, items: [ClosedBetweenMeetings])] {
        [
            ("done", "Done", betweenMeetings.filter { $0.status == .done }),
            ("notPossible", "Not possible — circumstances changed", betweenMeetings.filter { $0.status == .notPossible }),
            ("notDone", "Not done by the agency — escalated to the steering group", betweenMeetings.filter { $0.status == .notDone }),
            ("escalatedOpen", "Escalated, still open", betweenMeetings.filter { $0.status == .open && $0.escalated }),
        ]
    }

    /// Everything the steering group must see: not done at the review, and not done or escalated
    /// between meetings.
    public var escalations: [String] {
        notDoneEscalated.map { "\($0.id) (\($0.owner), case \($0.caseRef)): \($0.note.isEmpty ? "no note" : $0.note)" }
            + betweenMeetings.filter { $0.status == .notDone || $0.escalated }
                .map { "\($0.id) (\($0.owner), case \($0.caseRef)) on \($0.date.uk): \($0.note.isEmpty ? "no note" : $0.note)" }
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
    /// The phrase that reads as opinion or victim-blaming, when the note has one.
    public var flagged: String? = nil
}

/// What one agency told the meeting about a case.
public struct AgencyInformation: Sendable, Equatable {
    public var agency: String
    public var notes: [NoteLine]
}

public struct AttributedNote: Sendable, Equatable {
    public var agency: String
    public var text: String
    public var flagged: String? = nil
}

/// A closing prompt the chair passed, with the reason given (e.g. why a case has no perpetrator action).
public struct PassedPrompt: Sendable, Equatable {
    public var code: String
    public var prompt: String
    public var reason: String
}

/// The wording the minutes put beside a flagged phrase.
public func flaggedWording(_ phrase: String) -> String {
    "[flagged: '\(phrase)' reads as opinion or victim-blaming]"
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
    /// As on the agenda; nil when the local protocol has the minutes name cases by reference only.
    public var victim: String?
    public var perpetrator: String?
    /// Whether an Idva was in the room for this case (present, and had not left before it).
    public var idvaPresent: Bool
    public var passedPrompts: [PassedPrompt]
    public var section: AgendaSection
    public var late: Bool
    public var status: CaseStatus
    public var referralBasis: ReferralBasis
    public var referringAgency: String
    public var referralDate: CalendarDate?
    public var dashScore: Int?
    public var dashThreshold: Int
    public var isRepeat: Bool
    /// False when the agenda left `repeat` blank and nothing else says: shown as unknown, not "no".
    public var repeatRecorded: Bool
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
    /// "deferred from 17/11/2026: …" when an earlier meeting deferred the case to this one.
    public var deferredFrom: String? = nil
    /// Fields corrected in or after the meeting, one line each (the values shown are the corrected ones).
    public var corrections: [String] = []
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

/// An item of any other business: what it was, who raised it, its notes and actions.
public struct AOBMinutes: Sendable, Equatable {
    public var id: String
    public var title: String
    public var raisedBy: String
    public var notes: [AttributedNote]
    public var actions: [ActionLine]
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
    public init(state: MeetingState, journal: JournalFacts, now: Int64, zone: LocalZone = .utc,
                betweenMeetings: [ClosedBetweenMeetings] = []) {
        let end = state.closedAt ?? state.lastEventAt ?? state.startedAt ?? 0
        let line = SafeText.line
        let info = state.info
        let rules = state.rules

        generatedAt = zone.instant(now)
        meeting = MeetingDetails(
            id: line(info.id), date: info.date, area: line(info.area), venue: line(info.venue), chair: line(info.chair),
            startedAt: state.startedAt.map(zone.instant), closedAt: state.closedAt.map(zone.instant),
            durationMillis: state.meetingElapsedMillis(now: end), reopenReasons: state.reopenReasons.map(line),
            targetMinutes: rules.targetMinutes, limitMinutes: rules.limitMinutes, timeZone: line(zone.identifier),
            minuteTaker: rules.minuteTaker.map(line), circulation: (rules.circulation ?? []).map(line),
            nextMeeting: state.nextMeetingDate, training: info.isTraining)
        meeting.nextMeetingVenue = state.nextMeeting.map { line($0.venue) }.flatMap { $0.isEmpty ? nil : $0 }
        meeting.planned = state.plannedTimes.text
        meeting.plannedOriginally = state.originalPlan?.text
        if let started = state.startedAt {
            let day = CalendarDate(epochMillis: started + Int64(zone.instant(started).offsetSeconds) * 1000)
            if day != info.date { meeting.startedOnAnotherDay = day }
        }

        func attendanceLine(_ a: Attendance) -> AttendanceLine {
            AttendanceLine(agency: line(a.agency), representative: line(a.representative), role: a.role,
                           confidentialityAgreed: a.confidentialityAgreed, informationSent: a.informationSent,
                           informationReceived: a.informationReceived, leftAfterCase: a.leftAfterCase.map(line))
        }
        let register = state.attendance.map(attendanceLine)
        attendance = AttendanceRegister(
            present: register.filter { $0.role == .present }, observers: register.filter { $0.role == .observer },
            apologies: register.filter { $0.role == .apologies }, absent: register.filter { $0.role == .absent })

        let inRoom = register.filter { $0.role == .present || $0.role == .observer }
        confidentiality = ConfidentialityRecord(
            statement: SafeText.block(rules.confidentialityStatement), read: state.confidentialityRead,
            notAgreed: inRoom.filter { $0.confidentialityAgreed == false }.map { "\($0.representative) (\($0.agency))" },
            notRecorded: inRoom.filter { $0.confidentialityAgreed == nil }.map { "\($0.representative) (\($0.agency))" })

        var review = OutstandingReviewMinutes(done: [], notPossible: [], notDoneEscalated: [], carriedForward: [], notReviewed: [])
        for o in state.outstanding {
            let r = state.reviews[o.id]
            let item = ReviewedAction(id: line(o.id), meetingDate: o.meetingDate, caseRef: line(o.caseRef), text: line(o.text),
                                      owner: line(o.owner), due: o.due, category: o.category, outcome: r?.outcome,
                                      note: line(r?.note ?? ""), newDue: r?.newDue, progress: o.progress)
            switch r?.outcome {
            case .done: review.done.append(item)
            case .notPossible: review.notPossible.append(item)
            case .notDone: review.notDoneEscalated.append(item)
            case .carriedForward: review.carriedForward.append(item)
            case nil: review.notReviewed.append(item)
            }
        }
        review.betweenMeetings = betweenMeetings.map {
            ClosedBetweenMeetings(id: line($0.id), meetingDate: $0.meetingDate, caseRef: line($0.caseRef), text: line($0.text),
                                  owner: line($0.owner), status: $0.status, escalated: $0.escalated, date: $0.date, note: line($0.note),
                                  recordedLate: $0.recordedLate)
        }
        self.review = review
        let namesInMinutes = rules.minutesIdentify != "reference"
        let queueRefs = state.orderedCases.map(\.ref)
        /// An Idva in the room for the case at `position`: present or observing, and not gone before it.
        func idvaPresent(at position: Int) -> Bool {
            state.attendance.contains { a in
                guard a.role == .present || a.role == .observer, a.agency.lowercased().contains("idva") else { return false }
                guard let left = a.leftAfterCase, let leftAt = queueRefs.firstIndex(of: left) else { return true }
                return position <= leftAt
            }
        }

        let present = state.agenciesPresent
        func actionLine(_ a: Action) -> ActionLine {
            // An owner not in the room: the minutes say who agreed to tell them.
            let told = state.absentOwnerInformers[a.id].map { " (\(line(a.owner)) not present: \(line($0)) will tell them)" } ?? ""
            return ActionLine(id: line(a.id), caseRef: line(a.caseRef), text: line(a.text) + told, owner: line(a.owner), due: a.due,
                       category: a.category, status: a.status, escalated: a.escalated,
                       findings: a.status == .withdrawn ? [] : SmartRules.check(a, today: info.date, agenciesPresent: present)
                           .map { Finding($0.severity, $0.code, line($0.message)) },
                       withdrawalReason: a.status == .withdrawn ? a.history.last { $0.status == .withdrawn }.map { line($0.note) } : nil)
        }
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
            let actions = state.actions(for: c.ref).map(actionLine)
            let passed = c.passedPrompts.keys.sorted().map {
                PassedPrompt(code: line($0), prompt: CasePrompts.promptTitle($0), reason: line(c.passedPrompts[$0] ?? ""))
            }
            cases.append(CaseMinutes(
                position: index + 1, ref: line(c.ref),
                victim: namesInMinutes ? line(agenda.victim) : nil,
                perpetrator: namesInMinutes ? agenda.perpetrator.map(line).flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 } : nil,
                idvaPresent: idvaPresent(at: index), passedPrompts: passed, section: agenda.section, late: c.late, status: c.status,
                referralBasis: agenda.referralBasis, referringAgency: line(agenda.referringAgency),
                referralDate: agenda.referralDate, dashScore: agenda.dashScore, dashThreshold: rules.dashThreshold,
                // Confirmed earlier hearings found in the data folder count as well as the agenda's dates.
                isRepeat: c.isRepeat(hearingDate: info.date, windowMonths: rules.repeatWindowMonths),
                repeatRecorded: agenda.repeatRecorded || !c.allPreviousHearings.isEmpty,
                previousHearings: c.allPreviousHearings,
                repeatWindowLapsed: agenda.repeatWindowLapsed(hearingDate: info.date, windowMonths: rules.repeatWindowMonths),
                children: agenda.children, time: time,
                deferredToNextMeeting: c.status == .deferredToNextMeeting, deferredToEndCount: c.deferredToEndCount,
                deferralReason: c.deferralReason.map(line), withdrawalReason: c.withdrawalReason.map(line),
                information: Self.information(c.notes), 
                victimsViews: c.notes.filter { $0.kind == .victimsViews }
                    .map { AttributedNote(agency: line($0.agency), text: SafeText.block($0.text),
                                          flagged: CasePrompts.judgementalPhrase(in: $0.text)) },
                feedback: c.feedback.map { VictimFeedback(agency: line($0.agency), route: $0.route, detail: line($0.detail)) },
                actions: actions,
                deferredFrom: c.deferredFrom.map { line($0.summary) },
                corrections: c.corrections.map { Self.correctionLine($0, names: namesInMinutes, zone: zone) }))
        }
        self.cases = cases
        anyOtherBusiness = state.aob.map { item in
            AOBMinutes(id: line(item.id), title: line(item.title), raisedBy: line(item.raisedBy),
                       notes: item.notes.map { AttributedNote(agency: line($0.agency), text: SafeText.block($0.text), flagged: nil) },
                       actions: state.actions(for: item.id).map(actionLine))
        }

        let heard = cases.filter { $0.status == .heard }
        let discussed = heard.filter { $0.section != .twelveMonthNotification }
        let discussedTime = discussed.compactMap(\.time).reduce(Int64(0)) { $0 + $1.takenMillis }
        let live = (cases.flatMap(\.actions) + anyOtherBusiness.flatMap(\.actions)).filter { $0.status != .withdrawn }
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
                                    verified: journal.verified, condition: line(journal.condition),
                                    signature: journal.signature.map(line))
    }

    /// Notes other than the victim's views, grouped by agency (first mention first, names compared
    /// case-insensitively) and, within an agency, by kind in a fixed order.
    /// "DASH score: 12 → 15 (reason; corrected after the meeting on 03/12/2026)". Where the minutes
    /// name cases by reference only, a corrected name is said to be corrected, never printed.
    static func correctionLine(_ c: CaseCorrection, names: Bool, zone: LocalZone) -> String {
        let when = c.afterClose ? "; corrected after the meeting on \(zone.instant(c.at).day.uk)" : ""
        let hidden = !names && (c.field == .victim || c.field == .perpetrator)
        let change = hidden ? "corrected" : "\(c.field.display(c.from)) → \(c.field.display(c.to))"
        return SafeText.line("\(c.field.label): \(change) (\(c.reason)\(when))")
    }

    static func information(_ notes: [Note]) -> [AgencyInformation] {
        var groups: [AgencyInformation] = []
        for note in notes where note.kind != .victimsViews {
            let agency = SafeText.line(note.agency)
            let entry = NoteLine(kind: note.kind, text: SafeText.block(note.text), flagged: CasePrompts.judgementalPhrase(in: note.text))
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
        var text = isRepeat ? "yes" : repeatRecorded ? "no" : "not recorded"
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
        if let victim, !victim.isEmpty { text += " — " + victim }
        if late { text += " (late case)" }
        return text
    }

    /// `Rowan Tillery; perpetrator: Gideon Tillery` / nil when the minutes name cases by reference only.
    var peopleText: String? {
        guard let victim else { return nil }
        return "victim: " + victim + "; perpetrator: " + (perpetrator ?? "not recorded")
    }

    /// A withdrawn or deferred case with nothing recorded prints its reason, not empty sections.
    var isBareOutcome: Bool {
        (status == .withdrawn || status == .deferredToNextMeeting) && information.isEmpty && victimsViews.isEmpty
            && actions.isEmpty && feedback == nil && time == nil
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
