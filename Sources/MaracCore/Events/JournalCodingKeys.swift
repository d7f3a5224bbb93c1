// The names a meeting journal uses on disk, written out so that renaming a Swift case or property
// can never change a file (docs/JOURNAL-FORMAT.md, "Events"). Swift's Codable synthesis uses these
// enums when they exist: the case names must match the Swift names, the raw values are the JSON
// keys and must never change once shipped. A new event kind or field needs its key added here
// (the compiler refuses the build until it is), and a line in docs/JOURNAL-FORMAT.md.

extension MeetingEvent {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case meetingCreated = "meetingCreated"
        case caseQueued = "caseQueued"
        case outstandingActionsImported = "outstandingActionsImported"
        case meetingStarted = "meetingStarted"
        case meetingPaused = "meetingPaused"
        case meetingResumed = "meetingResumed"
        case attendanceRecorded = "attendanceRecorded"
        case attendanceRemoved = "attendanceRemoved"
        case attendeeLeft = "attendeeLeft"
        case confidentialityStatementRead = "confidentialityStatementRead"
        case outstandingActionReviewed = "outstandingActionReviewed"
        case caseMoved = "caseMoved"
        case caseDeferred = "caseDeferred"
        case caseWithdrawn = "caseWithdrawn"
        case discussionStarted = "discussionStarted"
        case discussionPaused = "discussionPaused"
        case discussionResumed = "discussionResumed"
        case bonusMinutesGranted = "bonusMinutesGranted"
        case discussionEnded = "discussionEnded"
        case noteAdded = "noteAdded"
        case feedbackAgreed = "feedbackAgreed"
        case promptPassed = "promptPassed"
        case actionAgreed = "actionAgreed"
        case actionAmended = "actionAmended"
        case actionWithdrawn = "actionWithdrawn"
        case actionStatusUpdated = "actionStatusUpdated"
        case trackerUpdated = "trackerUpdated"
        case caseHistoryFound = "caseHistoryFound"
        case earlierHearingDecided = "earlierHearingDecided"
        case caseDetailsSet = "caseDetailsSet"
        case noteAmended = "noteAmended"
        case noteWithdrawn = "noteWithdrawn"
        case absentOwnerToBeTold = "absentOwnerToBeTold"
        // Format 2: continuity between meetings and corrections (helper 15c).
        case caseDeferredFrom = "caseDeferredFrom"
        case outstandingActionCarriedForward = "outstandingActionCarriedForward"
        case caseCorrected = "caseCorrected"
        // Since format 2 (issue 15): planned times changed, Any Other Business, the next meeting.
        case meetingPlanChanged = "meetingPlanChanged"
        case aobItemAdded = "aobItemAdded"
        case nextMeetingSet = "nextMeetingSet"
        case meetingClosed = "meetingClosed"
        case meetingReopened = "meetingReopened"
        case undone = "undone"
    }

    enum MeetingCreatedCodingKeys: String, CodingKey { case info = "info"; case rules = "rules" }
    enum CaseQueuedCodingKeys: String, CodingKey { case agendaCase = "agendaCase"; case late = "late" }
    enum OutstandingActionsImportedCodingKeys: String, CodingKey { case actions = "actions" }
    enum AttendanceRecordedCodingKeys: String, CodingKey { case attendance = "attendance" }
    enum AttendanceRemovedCodingKeys: String, CodingKey { case agency = "agency"; case representative = "representative" }
    enum AttendeeLeftCodingKeys: String, CodingKey { case agency = "agency"; case representative = "representative"; case afterCase = "afterCase" }
    enum OutstandingActionReviewedCodingKeys: String, CodingKey { case actionID = "actionID"; case outcome = "outcome"; case note = "note" }
    enum CaseMovedCodingKeys: String, CodingKey { case caseRef = "caseRef"; case toPosition = "toPosition" }
    enum CaseDeferredCodingKeys: String, CodingKey { case caseRef = "caseRef"; case toNextMeeting = "toNextMeeting"; case reason = "reason" }
    enum CaseWithdrawnCodingKeys: String, CodingKey { case caseRef = "caseRef"; case reason = "reason" }
    enum DiscussionStartedCodingKeys: String, CodingKey { case caseRef = "caseRef" }
    enum DiscussionPausedCodingKeys: String, CodingKey { case caseRef = "caseRef" }
    enum DiscussionResumedCodingKeys: String, CodingKey { case caseRef = "caseRef" }
    enum BonusMinutesGrantedCodingKeys: String, CodingKey { case caseRef = "caseRef"; case minutes = "minutes" }
    enum DiscussionEndedCodingKeys: String, CodingKey { case caseRef = "caseRef"; case overrunReason = "overrunReason" }
    enum NoteAddedCodingKeys: String, CodingKey { case caseRef = "caseRef"; case agency = "agency"; case kind = "kind"; case text = "text" }
    enum FeedbackAgreedCodingKeys: String, CodingKey { case caseRef = "caseRef"; case feedback = "feedback" }
    enum PromptPassedCodingKeys: String, CodingKey { case caseRef = "caseRef"; case prompt = "prompt"; case reason = "reason" }
    enum ActionAgreedCodingKeys: String, CodingKey { case action = "action" }
    enum ActionAmendedCodingKeys: String, CodingKey { case actionID = "actionID"; case text = "text"; case owner = "owner"; case due = "due"; case category = "category" }
    enum ActionWithdrawnCodingKeys: String, CodingKey { case actionID = "actionID"; case reason = "reason" }
    enum TrackerUpdatedCodingKeys: String, CodingKey { case update = "update" }
    enum ActionStatusUpdatedCodingKeys: String, CodingKey { case actionID = "actionID"; case status = "status"; case escalated = "escalated"; case note = "note" }
    enum MeetingReopenedCodingKeys: String, CodingKey { case reason = "reason" }
    enum UndoneCodingKeys: String, CodingKey { case seq = "seq" }
}

// Format 2: continuity between meetings and corrections (helper 15c; docs/JOURNAL-FORMAT.md section 8).
extension MeetingEvent {
    enum CaseDeferredFromCodingKeys: String, CodingKey {
        case caseRef = "caseRef"; case meetingID = "meetingID"; case meetingDate = "meetingDate"; case reason = "reason"
    }
    enum OutstandingActionCarriedForwardCodingKeys: String, CodingKey { case actionID = "actionID"; case due = "due"; case note = "note" }
    enum CaseCorrectedCodingKeys: String, CodingKey { case caseRef = "caseRef"; case field = "field"; case value = "value"; case reason = "reason" }
}

extension MeetingInfo {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id = "id"
        case date = "date"
        case area = "area"
        case chair = "chair"
        case venue = "venue"
        case plannedStartMinutes = "plannedStartMinutes"
        case plannedDurationMinutes = "plannedDurationMinutes"
        // Optional, since format 2 (issue 18): only a mock meeting writes it.
        case training = "training"
    }
}

extension LocalProtocol {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case agencies = "agencies"
        case dashThreshold = "dashThreshold"
        case escalationIncidents = "escalationIncidents"
        case escalationWindowMonths = "escalationWindowMonths"
        case repeatWindowMonths = "repeatWindowMonths"
        case targetMinutes = "targetMinutes"
        case limitMinutes = "limitMinutes"
        case confidentialityStatement = "confidentialityStatement"
        case chaserVictimNames = "chaserVictimNames"
        case chaserText = "chaserText"
        // Optional, added for documents (issue 16): absent from older journals, never written when nil.
        case timeZone = "timeZone"
        case minuteTaker = "minuteTaker"
        case circulation = "circulation"
        case meetingDates = "meetingDates"
        case packIdentifies = "packIdentifies"
        case minutesIdentify = "minutesIdentify"
        // Optional, since format 2 (issue 15): the usual planned start and end (minutes after midnight).
        case plannedStartMinutes = "plannedStartMinutes"
        case plannedEndMinutes = "plannedEndMinutes"
    }
}

extension AgendaCase {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case caseRef = "caseRef"
        case victim = "victim"
        case perpetrator = "perpetrator"
        case referringAgency = "referringAgency"
        case referralBasis = "referralBasis"
        case dashScore = "dashScore"
        case referralDate = "referralDate"
        case repeatFlag = "repeatFlag"
        case previousHearings = "previousHearings"
        case children = "children"
        case victimSex = "victimSex"
        case minoritised = "minoritised"
        case lgbt = "lgbt"
        case disabled = "disabled"
        case aged16to17 = "aged16to17"
        case perpetratorUnder18 = "perpetratorUnder18"
        case agenciesInvolved = "agenciesInvolved"
        case notification = "notification"
        case details = "details"
    }
}

extension Action {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id = "id"
        case caseRef = "caseRef"
        case text = "text"
        case owner = "owner"
        case due = "due"
        case category = "category"
        case status = "status"
        case escalated = "escalated"
        case history = "history"
    }
}

extension ActionUpdate {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case at = "at"
        case status = "status"
        case escalated = "escalated"
        case note = "note"
    }
}

extension OutstandingAction {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id = "id"
        case meetingDate = "meetingDate"
        case caseRef = "caseRef"
        case text = "text"
        case owner = "owner"
        case due = "due"
        case category = "category"
        case progress = "progress"
    }
}

extension ActionProgress {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind = "kind"
        case on = "on"
        case note = "note"
        case by = "by"
        case agency = "agency"
    }
}

extension Attendance {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case agency = "agency"
        case representative = "representative"
        case role = "role"
        case confidentialityAgreed = "confidentialityAgreed"
        case informationSent = "informationSent"
        case informationReceived = "informationReceived"
        case leftAfterCase = "leftAfterCase"
    }
}

extension VictimFeedback {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case agency = "agency"
        case route = "route"
        case detail = "detail"
    }
}

// MARK: - The format version each event kind needs (docs/JOURNAL-FORMAT.md, section 8 "since", and "Versions")

extension MeetingEvent {
    /// The kinds of journal format 1, frozen with `Tests/Fixtures/journal-v1/`. Every other kind was
    /// added later and needs format 2 (a new kind added this session lands there without a change
    /// here; format 3 will need its own list). A writer continuing a format 1 journal appends only
    /// these (`JournalWriter`).
    public static let version1Kinds: Set<String> = [
        "meetingCreated", "caseQueued", "outstandingActionsImported", "meetingStarted", "meetingPaused", "meetingResumed",
        "attendanceRecorded", "attendanceRemoved", "attendeeLeft", "confidentialityStatementRead", "outstandingActionReviewed",
        "caseMoved", "caseDeferred", "caseWithdrawn", "discussionStarted", "discussionPaused", "discussionResumed",
        "bonusMinutesGranted", "discussionEnded", "noteAdded", "feedbackAgreed", "promptPassed", "actionAgreed",
        "actionAmended", "actionWithdrawn", "actionStatusUpdated", "meetingClosed", "meetingReopened", "undone",
    ]

    /// The journal format version that introduced the kind named `kind` (its key on disk).
    public static func formatVersion(ofKind kind: String) -> Int {
        version1Kinds.contains(kind) ? 1 : 2
    }

    /// Every kind's name on disk, in declaration order.
    public static var kindNames: [String] { CodingKeys.allCases.map(\.rawValue) }
}

// MARK: - Objects of the format 2 kinds whose keys were synthesised (EarlierHearing, CaseDetails and
// RiskFactor declare theirs beside their types)

extension TrackerUpdate {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case actionID = "actionID"
        case kind = "kind"
        case on = "on"
        case by = "by"
        case note = "note"
        case due = "due"
        case agency = "agency"
        case source = "source"
    }
}

extension EarlierAction {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id = "id"
        case text = "text"
        case owner = "owner"
        case due = "due"
        case outcome = "outcome"
    }
}
