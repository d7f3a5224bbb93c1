/// One case as the meeting has it now.
public struct CaseRecord: Sendable, Equatable {
    public var agenda: AgendaCase
    public var status: CaseStatus
    public var late: Bool
    /// Active discussion intervals (epoch ms); the last may be open (`end == nil`).
    public var segments: [TimeSegment]
    public var bonusMinutes: Int
    public var overrunReason: String?
    public var deferralReason: String?
    /// Times the case was moved to the end of today's agenda.
    public var deferredToEndCount: Int
    public var withdrawalReason: String?
    public var notes: [Note]
    public var feedback: VictimFeedback?
    public var actionIDs: [String]
    /// Case-level prompts the chair chose to pass, with the reason given.
    public var passedPrompts: [String: String]
    public var closedAt: Int64?
    /// Referral summary, risks, flags and contact safety: the agenda's, or as last set in the meeting.
    public var details: CaseDetails
    /// Whether `details` were changed in the meeting (the minutes and the header say so).
    public var detailsChangedInMeeting: Bool
    /// Earlier hearings found in the data folder (strong and possible links alike).
    public var history: [EarlierHearing]
    /// The chair's decision on a found hearing, by `EarlierHearing.key`: true confirmed, false rejected.
    public var historyDecisions: [String: Bool]
    /// Notes withdrawn in the meeting (kept for the audit trail, not shown as current).
    public var withdrawnNotes: [Note]
    /// Fields corrected in or after the meeting, oldest first (`agenda` already holds the values).
    public var corrections: [CaseCorrection] = []
    /// The earlier meeting that deferred this case to this one, if any.
    public var deferredFrom: DeferredFrom? = nil

    public init(agenda: AgendaCase, late: Bool) {
        self.agenda = agenda; self.status = .waiting; self.late = late; self.segments = []
        self.bonusMinutes = 0; self.overrunReason = nil; self.deferralReason = nil; self.deferredToEndCount = 0
        self.withdrawalReason = nil; self.notes = []; self.feedback = nil; self.actionIDs = []
        self.passedPrompts = [:]; self.closedAt = nil
        self.details = agenda.details ?? CaseDetails(); self.detailsChangedInMeeting = false
        self.history = []; self.historyDecisions = [:]; self.withdrawnNotes = []
    }

    /// Earlier hearings that count as this case's: strong links the chair has not rejected, and
    /// possible ones the chair confirmed.
    public var confirmedHistory: [EarlierHearing] {
        history.filter { historyDecisions[$0.key] ?? $0.match.isStrong }
    }

    /// Possible links still waiting for the chair: "possible earlier hearing — confirm".
    public var unconfirmedHistory: [EarlierHearing] {
        history.filter { !$0.match.isStrong && historyDecisions[$0.key] == nil }
    }

    /// Dates of every earlier hearing known: the agenda's and the confirmed links.
    public var allPreviousHearings: [CalendarDate] {
        Array(Set(agenda.previousHearings + confirmedHistory.map(\.date))).sorted()
    }

    /// A repeat by the agenda, or by a confirmed earlier hearing within the window.
    public func isRepeat(hearingDate: CalendarDate, windowMonths: Int = 12) -> Bool {
        if agenda.isRepeat(hearingDate: hearingDate, windowMonths: windowMonths) { return true }
        return repeatFromHistory(hearingDate: hearingDate, windowMonths: windowMonths) != nil
    }

    /// The confirmed earlier hearing that makes this a repeat, when the agenda's own dates do not.
    public func repeatFromHistory(hearingDate: CalendarDate, windowMonths: Int = 12) -> EarlierHearing? {
        let incident = agenda.referralDate ?? hearingDate
        return confirmedHistory.last { $0.date <= incident && incident <= $0.date.addingMonths(windowMonths) }
    }

    /// Said when the agenda called the case not a repeat but a confirmed hearing makes it one.
    public func repeatDisagreement(hearingDate: CalendarDate, windowMonths: Int = 12) -> String? {
        guard agenda.repeatFlag == false || !agenda.isRepeat(hearingDate: hearingDate, windowMonths: windowMonths),
              let h = repeatFromHistory(hearingDate: hearingDate, windowMonths: windowMonths) else { return nil }
        let said = agenda.repeatFlag == false ? "the agenda says not a repeat" : "the agenda does not say repeat"
        return "\(said), but it was heard on \(h.date.uk) (\(h.why)): within \(windowMonths) months, so a repeat"
    }

    public var ref: String { agenda.caseRef }

    /// Discussion time so far, excluding pauses.
    public func elapsedMillis(now: Int64) -> Int64 {
        segments.reduce(0) { $0 + max(0, ($1.end ?? now) - $1.start) }
    }

    public var isRunning: Bool { segments.last.map { $0.end == nil } ?? false }

    /// Ends the open discussion interval, if any, at `t` (never before it started).
    mutating func closeOpenSegment(at t: Int64) {
        guard let last = segments.indices.last, segments[last].end == nil else { return }
        segments[last].end = max(t, segments[last].start)
    }
    public var wasStarted: Bool { !segments.isEmpty }
}

public struct TimeSegment: Sendable, Equatable {
    public var start: Int64
    public var end: Int64?
}

public struct OutstandingReview: Sendable, Equatable {
    public var outcome: ReviewOutcome
    public var note: String
    public var at: Int64
    /// Carried forward to this due date (`outstandingActionCarriedForward`); nil otherwise.
    public var newDue: CalendarDate? = nil
}

/// The state of a meeting: always `MeetingState.fold(events)`. Apply is total: an event that does
/// not fit (unknown case, meeting closed) leaves the state unchanged rather than failing, so a
/// journal can always be read back.
public struct MeetingState: Sendable, Equatable {
    public var info: MeetingInfo
    public var rules: LocalProtocol
    public var cases: [String: CaseRecord]
    /// Agenda order. Every key of `cases` appears exactly once.
    public var queue: [String]
    public var attendance: [Attendance]
    public var confidentialityRead: Bool
    public var outstanding: [OutstandingAction]
    public var reviews: [String: OutstandingReview]
    public var actions: [Action]
    /// For an action given to an agency not in the room: the agency present that will tell it.
    public var absentOwnerInformers: [String: String]
    public var startedAt: Int64?
    public var pausedAt: Int64?
    public var pausedMillis: Int64
    public var closedAt: Int64?
    public var reopenReasons: [String]
    /// The case whose discussion is running or paused, if any.
    public var activeCase: String?
    public var undone: Set<Int>
    /// Any Other Business, in the order raised (after the agenda).
    public var aob: [AOBItem] = []
    /// The next meeting's date and venue, when set in this one.
    public var nextMeeting: NextMeeting?
    /// The plan as first made, when it was changed in the meeting (nil: never changed).
    public var originalPlan: PlannedTimes?
    public var lastSeq: Int
    public var lastEventAt: Int64?
    var nextNoteID: Int
    /// Where each action sits in `actions`, so folding a long journal does not scan the whole
    /// list for every agreed or updated action (that scan made fold quadratic). A cache only.
    private var actionIndex = ActionIndex()
    /// The same for `outstanding`: a meeting imports 150 open actions and reviews each, and two
    /// scans per action made folding ten years of meetings quadratic (docs/PERFORMANCE.md).
    private var outstandingIndex = ActionIndex()

    public init(info: MeetingInfo = MeetingInfo(id: "", date: CalendarDate(dayNumber: 0), area: "", chair: ""),
                rules: LocalProtocol = .national) {
        self.info = info; self.rules = rules; self.cases = [:]; self.queue = []; self.attendance = []
        self.confidentialityRead = false; self.outstanding = []; self.reviews = [:]; self.actions = []
        self.absentOwnerInformers = [:]
        self.startedAt = nil; self.pausedAt = nil; self.pausedMillis = 0; self.closedAt = nil
        self.reopenReasons = []; self.activeCase = nil; self.undone = []; self.lastSeq = -1
        self.lastEventAt = nil; self.nextNoteID = 1
    }

    public var isClosed: Bool { closedAt != nil }
    public var isStarted: Bool { startedAt != nil }
    public var isPaused: Bool { pausedAt != nil }

    /// Cases in agenda order.
    public var orderedCases: [CaseRecord] { queue.compactMap { cases[$0] } }

    public func action(_ id: String) -> Action? { actionPosition(id).map { actions[$0] } }
    public func actions(for caseRef: String) -> [Action] { actions.filter { $0.caseRef == caseRef } }

    /// Agencies on the register as present (not observers, not apologies), in register order.
    public var agenciesPresent: [String] {
        var seen: [String] = []
        for a in attendance where a.role == .present && !seen.contains(a.agency) { seen.append(a.agency) }
        return seen
    }

    /// Every agency the meeting knows: the local list, the register and the agenda, without repeats.
    public var knownAgencies: [String] {
        var seen: [String] = []
        func add(_ name: String) {
            let n = name.trimmingWhitespace()
            if !n.isEmpty && !seen.contains(where: { $0.lowercased() == n.lowercased() }) { seen.append(n) }
        }
        rules.agencies.forEach(add)
        attendance.forEach { add($0.agency) }
        for c in orderedCases { add(c.agenda.referringAgency); c.agenda.agenciesInvolved.forEach(add) }
        actions.forEach { add($0.owner) }
        return seen
    }

    /// Whether the Idva service is in the room (a case's victim's views depend on it).
    public var idvaPresent: Bool {
        attendance.contains { $0.isInRoom && $0.agency.lowercased().contains("idva") }
    }

    /// The next action number for this meeting's IDs.
    public var nextActionID: String {
        let prefix = info.actionPrefix + "-"
        let used = actions.compactMap { $0.id.hasPrefix(prefix) ? Int($0.id.dropFirst(prefix.count)) : nil }
        return prefix + String((used.max() ?? 0) + 1)
    }

    /// The meeting clock: from the start, less pauses, up to now (or the close).
    public func meetingElapsedMillis(now: Int64) -> Int64 {
        guard let startedAt else { return 0 }
        let end = closedAt ?? pausedAt ?? now
        return max(0, end - startedAt - pausedMillis)
    }

    /// The next case a chair would take: the first case still to be heard in agenda order, waiting
    /// or paused earlier (e.g. deferred to the end after it had started), other than the running one.
    public var nextWaitingCase: String? {
        queue.first { ref in
            guard let status = cases[ref]?.status, ref != activeCase else { return false }
            return status == .waiting || status == .paused
        }
    }

    // MARK: - Folding

    /// The state after all events, honouring undo.
    public static func fold(_ events: [RecordedEvent]) -> MeetingState {
        var undone = Set<Int>()
        for r in events { if case .undone(let seq) = r.event { undone.insert(seq) } }
        var state = MeetingState()
        for r in events {
            if undone.contains(r.seq) { state.lastSeq = r.seq; state.lastEventAt = r.at; continue }
            state.apply(r)
        }
        state.undone = undone
        return state
    }

    /// Applies one event. `.undone` is recorded but needs a re-fold to take effect; use `Meeting`.
    public mutating func apply(_ r: RecordedEvent) {
        defer { lastSeq = r.seq; lastEventAt = r.at }
        if isClosed && !r.event.isAllowedWhenClosed { return }
        let t = r.at
        switch r.event {
        case .meetingCreated(let info, let rules):
            self.info = info; self.rules = rules
        case .caseQueued(let agenda, let late):
            guard cases[agenda.caseRef] == nil else { return }
            cases[agenda.caseRef] = CaseRecord(agenda: agenda, late: late)
            queue.append(agenda.caseRef)
        case .outstandingActionsImported(let list):
            // A later import is the list from then on: `marac run` reads the folder again before the
            // meeting starts, so an action closed in the tracker since the first import is not
            // reviewed again (docs/JOURNAL-FORMAT.md). Reviews already recorded stay.
            outstanding = []
            outstandingIndex = ActionIndex()
            for a in list where outstandingPosition(a.id) == nil {
                outstanding.append(a)
                outstandingIndex.appended(a.id, at: outstanding.count - 1)
            }
        case .meetingStarted:
            if startedAt == nil { startedAt = t }
        case .meetingPaused:
            guard isStarted, pausedAt == nil else { return }
            pausedAt = t
            if let ref = activeCase { closeSegment(ref, at: t) }
        case .meetingResumed:
            guard let p = pausedAt else { return }
            pausedMillis += max(0, t - p)
            pausedAt = nil
            if let ref = activeCase, cases[ref]?.status == .discussing { cases[ref]?.segments.append(TimeSegment(start: t)) }
        case .attendanceRecorded(let a):
            if let i = attendance.firstIndex(where: { Self.same($0, a.agency, a.representative) }) {
                // Keep the spelling first registered, so lists and exports stay consistent.
                var updated = a
                updated.agency = attendance[i].agency
                updated.representative = attendance[i].representative
                attendance[i] = updated
            }
            else { attendance.append(a) }
        case .attendanceRemoved(let agency, let rep):
            attendance.removeAll { Self.same($0, agency, rep) }
        case .attendeeLeft(let agency, let rep, let afterCase):
            if let i = attendance.firstIndex(where: { Self.same($0, agency, rep) }) { attendance[i].leftAfterCase = afterCase }
        case .confidentialityStatementRead:
            confidentialityRead = true
        case .outstandingActionReviewed(let id, let outcome, let note):
            guard outstandingPosition(id) != nil else { return }
            reviews[id] = OutstandingReview(outcome: outcome, note: note, at: t)
        case .caseMoved(let ref, let position):
            guard let from = queue.firstIndex(of: ref) else { return }
            queue.remove(at: from)
            queue.insert(ref, at: min(max(0, position), queue.count))
        case .caseDeferred(let ref, let toNext, let reason):
            guard var c = cases[ref], c.status.isOutstanding else { return }
            if activeCase == ref { closeSegment(ref, at: t); activeCase = nil; c = cases[ref]! }
            c.deferralReason = reason
            if toNext {
                c.status = .deferredToNextMeeting
                c.closedAt = t
            } else {
                c.status = c.wasStarted ? .paused : .waiting
                c.deferredToEndCount += 1
                queue.removeAll { $0 == ref }
                queue.append(ref)
            }
            cases[ref] = c
        case .caseWithdrawn(let ref, let reason):
            guard cases[ref]?.status.isOutstanding == true else { return }
            if activeCase == ref { closeSegment(ref, at: t); activeCase = nil }
            cases[ref]?.status = .withdrawn
            cases[ref]?.withdrawalReason = reason
            cases[ref]?.closedAt = t
        case .discussionStarted(let ref), .discussionResumed(let ref):
            guard isStarted, let i = cases.index(forKey: ref), cases.values[i].status.isOutstanding else { return }
            if let other = activeCase, other != ref { pauseDiscussion(other, at: t) }
            activeCase = ref
            let meetingRunning = pausedAt == nil
            withCase(ref) { c in
                if !c.isRunning && meetingRunning { c.segments.append(TimeSegment(start: t)) }
                c.status = .discussing
            }
        case .discussionPaused(let ref):
            guard activeCase == ref else { return }
            pauseDiscussion(ref, at: t)
        case .bonusMinutesGranted(let ref, let minutes):
            cases[ref]?.bonusMinutes += max(0, minutes)
        case .discussionEnded(let ref, let reason):
            let ended = withCase(ref) { c -> Bool in
                guard c.status.isOutstanding else { return false }
                c.closeOpenSegment(at: t)
                c.status = .heard
                c.overrunReason = reason
                c.closedAt = t
                return true
            }
            if ended == true, activeCase == ref { activeCase = nil }
        case .noteAdded(let ref, let agency, let kind, let text):
            let note = Note(id: nextNoteID, caseRef: ref, agency: agency, kind: kind, text: text, at: t, seq: r.seq)
            if withCase(ref, { $0.notes.append(note) }) == nil {
                guard let i = aob.firstIndex(where: { $0.id == ref }) else { return }
                aob[i].notes.append(note)
            }
            nextNoteID += 1
        case .feedbackAgreed(let ref, let feedback):
            withCase(ref) { $0.feedback = feedback }
        case .promptPassed(let ref, let prompt, let reason):
            cases[ref]?.passedPrompts[prompt] = reason
        case .actionAgreed(let action):
            guard cases.index(forKey: action.caseRef) != nil || aob.contains(where: { $0.id == action.caseRef }),
                  actionPosition(action.id) == nil else { return }
            actions.append(action)
            actionIndex.appended(action.id, at: actions.count - 1)
            withCase(action.caseRef) { $0.actionIDs.append(action.id) }
        case .actionAmended(let id, let text, let owner, let due, let category):
            guard let i = actionPosition(id) else { return }
            actions[i].text = text; actions[i].owner = owner; actions[i].due = due; actions[i].category = category
        case .actionWithdrawn(let id, let reason):
            guard let i = actionPosition(id) else { return }
            actions[i].status = .withdrawn
            actions[i].history.append(ActionUpdate(at: t, status: .withdrawn, escalated: false, note: reason))
        case .actionStatusUpdated(let id, let status, let escalated, let note):
            guard let i = actionPosition(id) else { return }
            actions[i].status = status
            actions[i].escalated = actions[i].escalated || escalated
            actions[i].history.append(ActionUpdate(at: t, status: status, escalated: escalated, note: note))
        case .caseHistoryFound(let ref, let hearings):
            withCase(ref) { $0.history = hearings }
        case .earlierHearingDecided(let ref, let key, let confirmed):
            withCase(ref) { c in if c.history.contains(where: { $0.key == key }) { c.historyDecisions[key] = confirmed } }
        case .caseDetailsSet(let ref, let details):
            withCase(ref) { $0.details = details; $0.detailsChangedInMeeting = true }
        case .noteAmended(let ref, let noteSeq, let agency, let kind, let text, let reason):
            withCase(ref) { c in
                guard let i = c.notes.firstIndex(where: { $0.seq == noteSeq }) else { return }
                let old = c.notes[i]
                c.notes[i].revisions.append(NoteRevision(agency: old.agency, kind: old.kind, text: old.text, replacedAt: t, reason: reason))
                c.notes[i].agency = agency; c.notes[i].kind = kind; c.notes[i].text = text
            }
        case .noteWithdrawn(let ref, let noteSeq, let reason):
            withCase(ref) { c in
                guard let i = c.notes.firstIndex(where: { $0.seq == noteSeq }) else { return }
                var note = c.notes.remove(at: i)
                note.withdrawalReason = reason
                c.withdrawnNotes.append(note)
            }
        case .absentOwnerToBeTold(let id, let agency):
            guard actionPosition(id) != nil else { return }
            absentOwnerInformers[id] = agency
        case .caseDeferredFrom(let ref, let meetingID, let meetingDate, let reason):
            withCase(ref) { $0.deferredFrom = DeferredFrom(meetingID: meetingID, meetingDate: meetingDate, reason: reason) }
        case .outstandingActionCarriedForward(let id, let due, let note):
            guard outstanding.contains(where: { $0.id == id }) else { return }
            reviews[id] = OutstandingReview(outcome: .carriedForward, note: note, at: t, newDue: due)
        case .caseCorrected(let ref, let field, let value, let reason):
            let afterClose = isClosed
            withCase(ref) { c in
                guard let corrected = field.applying(value, to: c.agenda) else { return }
                c.corrections.append(CaseCorrection(field: field, from: field.value(in: c.agenda), to: field.value(in: corrected),
                                                    reason: reason, at: t, seq: r.seq, afterClose: afterClose))
                c.agenda = corrected
            }
        case .meetingPlanChanged(let start, let end):
            guard end > start else { return }
            if originalPlan == nil { originalPlan = plannedTimes }
            info.plannedStartMinutes = start
            info.plannedDurationMinutes = end - start
        case .aobItemAdded(let id, let title, let raisedBy):
            guard cases[id] == nil, !aob.contains(where: { $0.id == id }) else { return }
            aob.append(AOBItem(id: id, title: title, raisedBy: raisedBy))
        case .nextMeetingSet(let date, let venue):
            nextMeeting = NextMeeting(date: date, venue: venue)
        case .meetingClosed:
            if let ref = activeCase { pauseDiscussion(ref, at: t) }
            if let p = pausedAt { pausedMillis += max(0, t - p); pausedAt = nil }
            closedAt = t
        case .meetingReopened(let reason):
            guard let closed = closedAt else { return }
            // Time while closed does not count towards the meeting clock.
            pausedMillis += max(0, t - closed)
            closedAt = nil
            reopenReasons.append(reason)
        case .undone(let seq):
            undone.insert(seq)
        case .trackerUpdated:
            // Only the action tracker records these; `ActionFolder` reads them across meetings.
            break
        }
    }

    /// The position of the first action with this id: what `actions.firstIndex { $0.id == id }`
    /// gives, in O(1) while the index is in step with `actions` (see `ActionIndex`).
    private func actionPosition(_ id: String) -> Int? {
        switch actionIndex.lookup(id, count: actions.count, idAt: { actions[$0].id }) {
        case .at(let i): return i
        case .absent: return nil
        case .unknown: return actions.firstIndex { $0.id == id }
        }
    }

    /// The position of the first outstanding action with this id, the same way.
    private func outstandingPosition(_ id: String) -> Int? {
        switch outstandingIndex.lookup(id, count: outstanding.count, idAt: { outstanding[$0].id }) {
        case .at(let i): return i
        case .absent: return nil
        case .unknown: return outstanding.firstIndex { $0.id == id }
        }
    }

    private static func same(_ a: Attendance, _ agency: String, _ rep: String) -> Bool {
        a.agency.lowercased() == agency.lowercased() && a.representative.lowercased() == rep.lowercased()
    }

    /// Runs `body` on the case in its place in `cases`: one hash lookup and no copy of the record
    /// (`cases[ref]?.field = …` looks the key up and moves the record out and back each time,
    /// which was most of the cost of a fold). nil, and nothing runs, if there is no such case.
    @discardableResult
    private mutating func withCase<R>(_ ref: String, _ body: (inout CaseRecord) -> R) -> R? {
        guard let i = cases.index(forKey: ref) else { return nil }
        return body(&cases.values[i])
    }

    private mutating func closeSegment(_ ref: String, at t: Int64) {
        withCase(ref) { $0.closeOpenSegment(at: t) }
    }

    private mutating func pauseDiscussion(_ ref: String, at t: Int64) {
        withCase(ref) { c in
            c.closeOpenSegment(at: t)
            if c.status == .discussing { c.status = .paused }
        }
        if activeCase == ref { activeCase = nil }
    }
}

/// id → first position in `MeetingState.actions` (or `outstanding`). A cache, not part of the
/// state's value: two states with the same actions are equal whatever their caches hold.
///
/// `apply` only ever appends actions or edits them in place without touching their ids, and
/// records each append here. `actions` is also settable from outside; the index notices when the
/// list's length no longer matches what it saw, or an entry it points at has another id, and then
/// answers `.unknown` so the caller scans as before. (Its one blind spot: code outside that renames
/// an action's id in place, keeping the count, would be told the new id is absent. Nothing does.)
struct ActionIndex: Sendable, Equatable {
    enum Answer { case at(Int), absent, unknown }

    private var positions: [String: Int] = [:]
    /// How many actions the index has seen.
    private var count = 0
    private var inStep = true

    static func == (a: ActionIndex, b: ActionIndex) -> Bool { true }

    mutating func appended(_ id: String, at position: Int) {
        guard inStep, position == count else { inStep = false; return }
        if positions[id] == nil { positions[id] = position }
        count += 1
    }

    /// `count`: the list's length now; `idAt`: the id at a position of it.
    func lookup(_ id: String, count listCount: Int, idAt: (Int) -> String) -> Answer {
        guard inStep, count == listCount else { return .unknown }
        guard let i = positions[id] else { return .absent }
        return idAt(i) == id ? .at(i) : .unknown
    }
}

/// A meeting being run: its events and the state they fold to. Live, resume and replay all use
/// this, so they cannot disagree.
public struct Meeting: Sendable {
    public private(set) var events: [RecordedEvent]
    public private(set) var state: MeetingState

    public init(events: [RecordedEvent] = []) {
        self.events = events
        self.state = MeetingState.fold(events)
    }

    public mutating func append(_ record: RecordedEvent) {
        events.append(record)
        if case .undone = record.event { state = MeetingState.fold(events) } else { state.apply(record) }
    }

    /// The event `u` would take back: the latest change still in force.
    public var lastUndoable: RecordedEvent? {
        for r in events.reversed() {
            if state.undone.contains(r.seq) { continue }
            if case .undone = r.event { continue }
            return r.event.isUndoable ? r : nil
        }
        return nil
    }

    public var nextSeq: Int { (events.last?.seq ?? -1) + 1 }
}
