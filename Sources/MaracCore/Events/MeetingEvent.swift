/// The whole vocabulary of a meeting. The journal is a list of these; the state of a meeting is
/// the fold of them (docs/JOURNAL-FORMAT.md). Never change the meaning of a case once shipped: add new ones.
///
/// Encoded with Swift's synthesized enum Codable: `{"actionAgreed":{"action":{...}}}`.
///
/// The cases with large payloads are `indirect` (kept in a box of their own): an enum is as large
/// as its largest case, and with `meetingCreated` inline every event of every journal took 313
/// bytes, copied whole at each step of reading and folding (docs/PERFORMANCE.md, the archive
/// figure). `indirect` changes nothing but where the payload is kept.
public enum MeetingEvent: Codable, Sendable, Equatable {
    // Set-up (written by `marac new`, and when `marac run` imports the open actions).
    indirect case meetingCreated(info: MeetingInfo, rules: LocalProtocol)
    indirect case caseQueued(agendaCase: AgendaCase, late: Bool)
    case outstandingActionsImported(actions: [OutstandingAction])

    // Opening: the meeting clock, attendance, the confidentiality statement.
    case meetingStarted
    case meetingPaused
    case meetingResumed
    indirect case attendanceRecorded(attendance: Attendance)
    case attendanceRemoved(agency: String, representative: String)
    case attendeeLeft(agency: String, representative: String, afterCase: String)
    case confidentialityStatementRead

    // The review of actions still open from earlier meetings.
    case outstandingActionReviewed(actionID: String, outcome: ReviewOutcome, note: String)

    // The queue.
    case caseMoved(caseRef: String, toPosition: Int)
    case caseDeferred(caseRef: String, toNextMeeting: Bool, reason: String)
    case caseWithdrawn(caseRef: String, reason: String)

    // Discussion of one case.
    case discussionStarted(caseRef: String)
    case discussionPaused(caseRef: String)
    case discussionResumed(caseRef: String)
    case bonusMinutesGranted(caseRef: String, minutes: Int)
    case discussionEnded(caseRef: String, overrunReason: String?)
    case noteAdded(caseRef: String, agency: String, kind: NoteKind, text: String)
    indirect case feedbackAgreed(caseRef: String, feedback: VictimFeedback)
    case promptPassed(caseRef: String, prompt: String, reason: String)

    // Actions.
    indirect case actionAgreed(action: Action)
    indirect case actionAmended(actionID: String, text: String, owner: String, due: CalendarDate?, category: ActionCategory?)
    case actionWithdrawn(actionID: String, reason: String)
    /// Between meetings (the action tracker) or at the opening review.
    case actionStatusUpdated(actionID: String, status: ActionStatus, escalated: Bool, note: String)
    /// The action tracker between meetings: a note, a new due date, a new owner, or an outcome
    /// dated the day it happened and signed by who typed it. Only ever in the tracker journal.
    indirect case trackerUpdated(update: TrackerUpdate)

    // The case as the chair needs it: its history, its details, notes that can be corrected.
    /// Earlier hearings of the case found in the data folder (set-up: when the meeting is made,
    /// and again when it opens if the folder has changed). The latest list for a case counts.
    case caseHistoryFound(caseRef: String, hearings: [EarlierHearing])
    /// The chair confirmed (or rejected) that an earlier hearing is this case (`EarlierHearing.key`).
    case earlierHearingDecided(caseRef: String, hearingKey: String, confirmed: Bool)
    /// Referral summary, risk factors, flags and contact safety set or changed in the meeting:
    /// the whole new set (what the agenda said stays in `caseQueued`).
    indirect case caseDetailsSet(caseRef: String, details: CaseDetails)
    /// A note corrected: the note is the `noteAdded` event with sequence number `noteSeq`; its
    /// first text stays in the journal.
    indirect case noteAmended(caseRef: String, noteSeq: Int, agency: String, kind: NoteKind, text: String, reason: String)
    case noteWithdrawn(caseRef: String, noteSeq: Int, reason: String)
    /// The agency present that will tell an absent owner about its action.
    case absentOwnerToBeTold(actionID: String, byAgency: String)

    // Continuity between meetings and corrections (format 2).
    /// Set-up, after the case's `caseQueued`: the case was deferred to this meeting by an earlier one.
    indirect case caseDeferredFrom(caseRef: String, meetingID: String, meetingDate: CalendarDate, reason: String)
    /// The opening review carried an action forward to a new due date (an `outstandingActionReviewed`
    /// with the outcome "carried forward", plus the date it is now due).
    indirect case outstandingActionCarriedForward(actionID: String, due: CalendarDate, note: String)
    /// A case field corrected, with the reason: `value` replaces what the agenda (or an earlier
    /// correction) said, which stays in the journal. Allowed once the meeting is closed.
    case caseCorrected(caseRef: String, field: CaseField, value: String, reason: String)
    // The meeting's shape (since journal format 2): its planned times changed in the meeting, an
    // Any Other Business item raised after the agenda (its notes and actions are `noteAdded` and
    // `actionAgreed` with the item's ID as their case reference), the next meeting's date and venue.
    case meetingPlanChanged(startMinutes: Int, endMinutes: Int)
    case aobItemAdded(itemID: String, title: String, raisedBy: String)
    case nextMeetingSet(date: CalendarDate, venue: String)

    // Close.
    case meetingClosed
    case meetingReopened(reason: String)

    /// Compensating event: the event with this sequence number no longer counts.
    case undone(seq: Int)

    // Explicit keys for the events above, so renaming a Swift label can never change the journal.
    enum CaseHistoryFoundCodingKeys: String, CodingKey { case caseRef, hearings }
    enum EarlierHearingDecidedCodingKeys: String, CodingKey { case caseRef, hearingKey, confirmed }
    enum CaseDetailsSetCodingKeys: String, CodingKey { case caseRef, details }
    enum NoteAmendedCodingKeys: String, CodingKey { case caseRef, noteSeq, agency, kind, text, reason }
    enum NoteWithdrawnCodingKeys: String, CodingKey { case caseRef, noteSeq, reason }
    enum AbsentOwnerToBeToldCodingKeys: String, CodingKey { case actionID, byAgency }
    enum MeetingPlanChangedCodingKeys: String, CodingKey { case startMinutes, endMinutes }
    enum AobItemAddedCodingKeys: String, CodingKey { case itemID, title, raisedBy }
    enum NextMeetingSetCodingKeys: String, CodingKey { case date, venue }

    /// A short name for logs and the replay bar. Never contains case text.
    public var name: String {
        switch self {
        case .meetingCreated: return "meeting created"
        case .caseQueued(_, let late): return late ? "late case added" : "case queued"
        case .outstandingActionsImported: return "outstanding actions imported"
        case .meetingStarted: return "meeting started"
        case .meetingPaused: return "meeting paused"
        case .meetingResumed: return "meeting resumed"
        case .attendanceRecorded: return "attendance recorded"
        case .attendanceRemoved: return "attendance removed"
        case .attendeeLeft: return "attendee left"
        case .confidentialityStatementRead: return "confidentiality statement read"
        case .outstandingActionReviewed: return "outstanding action reviewed"
        case .caseMoved: return "case moved"
        case .caseDeferred: return "case deferred"
        case .caseWithdrawn: return "case withdrawn"
        case .discussionStarted: return "discussion started"
        case .discussionPaused: return "discussion paused"
        case .discussionResumed: return "discussion resumed"
        case .bonusMinutesGranted: return "bonus minutes granted"
        case .discussionEnded: return "case closed"
        case .noteAdded: return "note added"
        case .feedbackAgreed: return "feedback to victim agreed"
        case .promptPassed: return "prompt passed"
        case .actionAgreed: return "action agreed"
        case .actionAmended: return "action amended"
        case .actionWithdrawn: return "action withdrawn"
        case .actionStatusUpdated: return "action status updated"
        case .trackerUpdated(let update): return "action \(update.kind.rawValue) recorded"
        case .caseHistoryFound: return "case history found"
        case .earlierHearingDecided(_, _, let confirmed): return confirmed ? "earlier hearing confirmed" : "earlier hearing rejected"
        case .caseDetailsSet: return "case details set"
        case .noteAmended: return "note amended"
        case .noteWithdrawn: return "note withdrawn"
        case .absentOwnerToBeTold: return "absent owner to be told"
        case .caseDeferredFrom: return "deferred case brought forward"
        case .outstandingActionCarriedForward: return "outstanding action carried forward"
        case .caseCorrected: return "case corrected"
        case .meetingPlanChanged: return "planned times changed"
        case .aobItemAdded: return "any other business item added"
        case .nextMeetingSet: return "next meeting set"
        case .meetingClosed: return "meeting closed"
        case .meetingReopened: return "meeting reopened"
        case .undone: return "undo"
        }
    }

    /// Whether `u` may take this event back. Set-up events and undo itself may not.
    public var isUndoable: Bool {
        switch self {
        case .meetingCreated, .outstandingActionsImported, .caseHistoryFound, .caseDeferredFrom, .undone, .meetingClosed, .meetingReopened: return false
        case .caseQueued(_, let late): return late
        default: return true
        }
    }

    /// Whether the event is allowed once the meeting is closed (its record is locked).
    public var isAllowedWhenClosed: Bool {
        switch self {
        // Found history is set-up: a closed meeting reopened later may still be told of it.
        case .meetingReopened, .actionStatusUpdated, .trackerUpdated, .undone, .caseHistoryFound: return true
        // Corrections after the meeting (`marac correct`) fix the record for the data return
        // without reopening the meeting; each says it was made after the close.
        case .caseCorrected: return true
        default: return false
        }
    }
}

/// An event as captured: its place in the journal and when it happened (epoch milliseconds, UTC).
public struct RecordedEvent: Codable, Sendable, Equatable {
    public var seq: Int
    public var at: Int64
    public var event: MeetingEvent

    public init(seq: Int, at: Int64, event: MeetingEvent) {
        self.seq = seq; self.at = at; self.event = event
    }
}
