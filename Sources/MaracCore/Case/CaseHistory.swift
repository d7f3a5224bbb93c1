/// How sure the link between a case and an earlier hearing is.
public enum HistoryMatch: String, Codable, Sendable, Equatable {
    /// Same case reference (and the names do not contradict it).
    case reference
    /// A different reference, but the same victim and the same perpetrator by name.
    case names
    /// Close but not certain (a slip in a name, an initial, a missing perpetrator, or the same
    /// reference with other names): shown as "possible earlier hearing — confirm".
    case possible

    public var isStrong: Bool { self != .possible }
}

/// What happened to an action agreed at an earlier hearing, as the folder has it now.
public enum EarlierOutcome: String, Codable, Sendable, Equatable {
    case done
    case notPossible = "not possible"
    case notDone = "not done"
    case open = "still open"
    case withdrawn

    public init(_ status: ActionStatus) {
        switch status {
        case .done: self = .done
        case .notPossible: self = .notPossible
        case .notDone: self = .notDone
        case .open: self = .open
        case .withdrawn: self = .withdrawn
        }
    }
}

public struct EarlierAction: Codable, Sendable, Equatable {
    public var id: String
    public var text: String
    public var owner: String
    public var due: CalendarDate?
    public var outcome: EarlierOutcome

    public init(id: String, text: String, owner: String, due: CalendarDate?, outcome: EarlierOutcome) {
        self.id = id; self.text = text; self.owner = owner; self.due = due; self.outcome = outcome
    }
}

/// One earlier hearing of the same victim and perpetrator, found in another meeting's journal.
public struct EarlierHearing: Codable, Sendable, Equatable {
    public var meetingID: String
    public var date: CalendarDate
    /// The reference the case had then (it may have changed since).
    public var caseRef: String
    public var victim: String
    public var perpetrator: String?
    public var referralBasis: ReferralBasis
    public var wasRepeat: Bool
    public var match: HistoryMatch
    /// Why the link was made, in words ("same reference", "same names, reference MC-0990").
    public var why: String
    public var actions: [EarlierAction]

    public init(meetingID: String, date: CalendarDate, caseRef: String, victim: String, perpetrator: String?,
                referralBasis: ReferralBasis, wasRepeat: Bool, match: HistoryMatch, why: String, actions: [EarlierAction]) {
        self.meetingID = meetingID; self.date = date; self.caseRef = caseRef; self.victim = victim
        self.perpetrator = perpetrator; self.referralBasis = referralBasis; self.wasRepeat = wasRepeat
        self.match = match; self.why = why; self.actions = actions
    }

    /// Identifies the hearing for confirm / reject: the meeting and the reference it had there.
    public var key: String { meetingID + "/" + caseRef }

    private enum CodingKeys: String, CodingKey {
        case meetingID, date, caseRef, victim, perpetrator, referralBasis, wasRepeat, match, why, actions
    }
}

/// Finds earlier hearings of a case in other meetings (pure: the caller reads the journals).
public enum CaseHistory {
    /// An earlier meeting as the folder has it: its state, and each action's status now (the
    /// tracker and later reviews may have closed actions since that meeting).
    public struct EarlierMeeting: Sendable {
        public var state: MeetingState
        public var statusNow: [String: ActionStatus]

        public init(state: MeetingState, statusNow: [String: ActionStatus] = [:]) {
            self.state = state; self.statusNow = statusNow
        }
    }

    /// How a case on today's agenda relates to a case heard before; nil when it is another case.
    public static func match(_ now: AgendaCase, _ then: AgendaCase) -> (HistoryMatch, String)? {
        let victim = NameMatch.compare(now.victim, then.victim)
        let perpetrator: NameMatch.Level? = {
            guard let a = now.perpetrator, let b = then.perpetrator,
                  !NameMatch.words(a).isEmpty, !NameMatch.words(b).isEmpty else { return nil }
            return NameMatch.compare(a, b)
        }()
        let sameRef = normalisedRef(now.caseRef) == normalisedRef(then.caseRef)
        if sameRef {
            // A reference reused for other people is not this case's history; a typo in a name still is.
            if victim == .different && (perpetrator ?? .different) == .different {
                return (.possible, "same reference \(then.caseRef), but other names")
            }
            if victim == .same && perpetrator != .different { return (.reference, "same reference") }
            return (.possible, "same reference, names differ slightly")
        }
        switch (victim, perpetrator) {
        case (.same, .same?):
            return (.names, "same victim and perpetrator, reference then \(then.caseRef)")
        case (.same, .similar?), (.similar, .same?), (.similar, .similar?):
            return (.possible, "similar names, reference then \(then.caseRef)")
        case (.same, nil):
            return (.possible, "same victim, perpetrator not named on both, reference then \(then.caseRef)")
        default:
            return nil
        }
    }

    /// Every earlier hearing of `agendaCase` in `meetings` held before `before`, oldest first.
    public static func find(for agendaCase: AgendaCase, in meetings: [EarlierMeeting], before: CalendarDate) -> [EarlierHearing] {
        var found: [EarlierHearing] = []
        for m in meetings where m.state.info.date < before {
            for c in m.state.orderedCases where c.status == .heard && !c.agenda.notification {
                guard let (strength, why) = match(agendaCase, c.agenda) else { continue }
                let actions = m.state.actions(for: c.ref).filter { $0.status != .withdrawn }.map { a in
                    EarlierAction(id: a.id, text: SafeText.line(a.text), owner: SafeText.line(a.owner), due: a.due,
                                  outcome: EarlierOutcome(m.statusNow[a.id] ?? a.status))
                }
                found.append(EarlierHearing(
                    meetingID: m.state.info.id, date: m.state.info.date, caseRef: c.ref, victim: c.agenda.victim,
                    perpetrator: c.agenda.perpetrator, referralBasis: c.agenda.referralBasis,
                    wasRepeat: c.isRepeat(hearingDate: m.state.info.date, windowMonths: m.state.rules.repeatWindowMonths),
                    match: strength, why: why, actions: actions))
            }
        }
        return found.sorted { ($0.date, $0.meetingID) < ($1.date, $1.meetingID) }
    }

    /// References compare without letter case, spaces or dashes ("MC 1001" is "mc-1001").
    static func normalisedRef(_ ref: String) -> String {
        // As the agenda compares references (hidden characters, look-alike letters), then without separators.
        String(CaseReference.key(ref).filter { !$0.isWhitespace && $0 != "-" && $0 != "_" && $0 != "/" })
    }
}

extension MeetingState {
    /// A case's earlier hearings with their actions as they stand now, at this meeting: the list was
    /// found when the meeting was opened, so an action this meeting's opening review has just
    /// recorded (done, not done, carried forward to a new date) would still read "still open" there.
    /// The review's outcome wins; carried forward stays open, due on its new date.
    public func earlierHearingsNow(of c: CaseRecord) -> [EarlierHearing] {
        guard !reviews.isEmpty else { return c.history }
        return c.history.map { hearing in
            var h = hearing
            h.actions = h.actions.map { action in
                guard let review = reviews[action.id] else { return action }
                var a = action
                switch review.outcome {
                case .done: a.outcome = .done
                case .notPossible: a.outcome = .notPossible
                case .notDone: a.outcome = .notDone
                case .carriedForward: a.outcome = .open; a.due = review.newDue ?? a.due
                }
                return a
            }
            return h
        }
    }
}
