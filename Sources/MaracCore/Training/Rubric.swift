/// The principles of an effective Marac (docs/DOMAIN.md#the-10-principles) that a mock meeting can
/// show. Principles 1, 2, 7 and 10 concern referral, the year's volume and governance: nothing a chair
/// does in one meeting shows them, so the rubric has no section for them.
public enum RubricPrinciple: Int, Sendable, CaseIterable {
    case multiAgencyEngagement = 3
    case independentRepresentation = 4
    case informationSharing = 5
    case actionPlanning = 6
    case equality = 8
    case operationalSupport = 9

    public var title: String {
        switch self {
        case .multiAgencyEngagement: return "Principle 3 — Multi-agency engagement"
        case .independentRepresentation: return "Principle 4 — Independent representation"
        case .informationSharing: return "Principle 5 — Information sharing"
        case .actionPlanning: return "Principle 6 — Action planning"
        case .equality: return "Principle 8 — Equality"
        case .operationalSupport: return "Principle 9 — Operational support"
        }
    }
}

/// The fixed rubric: every part, its principle and its points (docs/TRAINING.md lists them).
public enum RubricPart: String, Sendable, CaseIterable {
    case coreAgencies = "core-agencies"
    case victimsViews = "victims-views"
    case confidentiality = "confidentiality"
    case wording = "wording"
    case timePerCase = "time-per-case"
    case agendaCompleted = "agenda-completed"
    case deferralsForTime = "deferrals-for-time"
    case smartActions = "smart-actions"
    case coverage = "coverage"
    case safeFeedback = "safe-feedback"
    case promptsForTime = "prompts-for-time"
    case equalityAsked = "equality-asked"
    case outstandingReviewed = "outstanding-reviewed"

    public var principle: RubricPrinciple {
        switch self {
        case .coreAgencies: return .multiAgencyEngagement
        case .victimsViews: return .independentRepresentation
        case .confidentiality, .wording, .timePerCase, .agendaCompleted, .deferralsForTime: return .informationSharing
        case .smartActions, .coverage, .safeFeedback, .promptsForTime: return .actionPlanning
        case .equalityAsked: return .equality
        case .outstandingReviewed: return .operationalSupport
        }
    }

    public var points: Int {
        switch self {
        case .smartActions, .coverage: return 10
        default: return 5
        }
    }

    public var title: String {
        switch self {
        case .coreAgencies: return "Core agencies present"
        case .victimsViews: return "The victim's views recorded, given by the Idva"
        case .confidentiality: return "Confidentiality statement read and agreed"
        case .wording: return "Facts, not opinion: no victim-blaming wording"
        case .timePerCase: return "Time discipline: each case within the limit"
        case .agendaCompleted: return "The agenda completed"
        case .deferralsForTime: return "No case deferred for lack of time"
        case .smartActions: return "SMART actions"
        case .coverage: return "Victim, children and perpetrator covered"
        case .safeFeedback: return "Safe feedback to the victim agreed"
        case .promptsForTime: return "No close-case prompt passed for lack of time"
        case .equalityAsked: return "Equality fields left blank on the agenda asked"
        case .outstandingReviewed: return "Outstanding actions reviewed"
        }
    }
}

/// The core agencies of a Marac, each recognised by the words of its name.
public enum CoreAgency: String, Sendable, CaseIterable {
    case police = "Police"
    case idva = "Idva"
    case childrensSocialCare = "Children's Social Care"
    case health = "Health"
    case housing = "Housing"
    case probation = "Probation"

    public func matches(_ agency: String) -> Bool {
        let a = agency.lowercased()
        switch self {
        case .police: return a.contains("police")
        case .idva: return a.contains("idva")
        case .childrensSocialCare: return a.contains("children") && (a.contains("social care") || a.contains("services")) || a == "csc"
        case .health: return ["health", "gp", "nhs", "hospital", "acute trust", "midwi"].contains { a.contains($0) }
        case .housing: return a.contains("housing")
        case .probation: return a.contains("probation")
        }
    }
}

/// Scores one meeting against the rubric. Internal: `Scorecard.make` is the way in.
struct Rubric {
    let state: MeetingState
    let now: Int64
    /// Cases for discussion on the agenda (notification items are not discussed).
    let agendaCases: [CaseRecord]
    /// Cases heard or at least started: the ones whose handling can be judged.
    let heard: [CaseRecord]
    let notReached: [String]
    let caseScores: [Scorecard.CaseScore]
    let rewrites: [Scorecard.Rewrite]

    /// Words in a reason that mean "for lack of time".
    static let timeWords = ["time", "out of time", "no time", "overran", "overrun", "ran over", "running late", "rushed", "hurry"]
    /// Words in a note that show an equality question was asked.
    static let equalityWords = [
        "equality", "protected characteristic", "ethnicity", "ethnic", "minoritised", "race", "disability", "disabled",
        "lgbt", "lgbt+", "gay", "lesbian", "bisexual", "trans", "sexuality", "sexual orientation", "gender", "sex",
        "interpreter", "language", "deaf", "wheelchair", "religion", "faith",
    ]

    init(state: MeetingState, now: Int64) {
        self.state = state
        self.now = now
        agendaCases = state.orderedCases.filter { !$0.agenda.notification }
        heard = agendaCases.filter { $0.status == .heard || $0.wasStarted }
        notReached = agendaCases.filter { $0.status.isOutstanding && !$0.wasStarted }.map(\.ref)
        let today = state.info.date
        let policy = state.timing
        var scores: [Scorecard.CaseScore] = []
        var rewrites: [Scorecard.Rewrite] = []
        for c in heard {
            let actions = state.actions(for: c.ref).filter { $0.status != .withdrawn }
            let perAction = actions.map { SmartRules.check($0, today: today, agenciesPresent: state.agenciesPresent) }
            for (a, f) in zip(actions, perAction) where !f.isEmpty {
                rewrites.append(Scorecard.Rewrite(
                    actionID: state.displayID(a.id), caseRef: c.ref, original: SafeText.line(a.text), problems: f.map(\.message),
                    suggestion: SmartRewrite.suggest(a, today: today, agenciesPresent: state.agenciesPresent)))
            }
            let elapsed = c.elapsedMillis(now: now)
            scores.append(Scorecard.CaseScore(
                caseRef: c.ref, status: c.status, minutes: Double(elapsed) / 60_000,
                phase: policy.phase(elapsedMillis: elapsed, started: c.wasStarted, bonusMinutes: c.bonusMinutes),
                overrunReason: c.overrunReason, actions: actions.count,
                actionsWithFindings: perAction.filter { !$0.isEmpty }.count,
                findings: zip(actions, perAction).flatMap { a, f in f.map { "\(state.displayID(a.id)): \($0.message)" } },
                victimCovered: Self.coversVictim(actions),
                childrenCovered: c.agenda.hasChildren ? actions.contains { $0.category == .children } : nil,
                perpetratorCovered: actions.contains { $0.category == .perpetrator },
                feedbackAgreed: c.feedback != nil))
        }
        caseScores = scores
        self.rewrites = rewrites
    }

    static func coversVictim(_ actions: [Action]) -> Bool { CasePrompts.coversVictimSafety(actions) }

    /// `points` × good / of, rounded down: full marks only when every one is good.
    static func share(_ points: Int, _ good: Int, of count: Int) -> Int {
        count == 0 ? 0 : points * good / count
    }

    func score(_ part: RubricPart) -> Scorecard.Part {
        let (score, messages) = evaluate(part)
        return Scorecard.Part(id: part, score: score, messages: messages)
    }

    private static let nothingHeard = "No case was heard, so there is nothing to credit here."

    private func evaluate(_ part: RubricPart) -> (Int?, [String]) {
        let points = part.points
        switch part {
        case .coreAgencies:
            let present = state.agenciesPresent
            let missing = CoreAgency.allCases.filter { core in !present.contains(where: core.matches) }
            let found = CoreAgency.allCases.count - missing.count
            var messages: [String] = []
            if present.isEmpty { messages.append("Nobody was recorded as present on the attendance register.") }
            else if missing.isEmpty { messages.append("Every core agency was present: \(present.map { SafeText.line($0) }.joined(separator: ", ")).") }
            for core in missing {
                let apologies = state.attendance.filter { $0.role == .apologies && core.matches($0.agency) }
                if let a = apologies.first {
                    let sent = a.informationSent == true ? "information sent" : "no information sent"
                    messages.append("\(core.rawValue): apologies from \(SafeText.line(a.agency)) (\(sent)); not in the room to commit to actions.")
                } else if !present.isEmpty {
                    messages.append("\(core.rawValue): not on the register.")
                }
            }
            return (Self.share(points, found, of: CoreAgency.allCases.count), messages)

        case .victimsViews:
            if heard.isEmpty { return (0, [Self.nothingHeard]) }
            var good = 0
            var messages: [String] = []
            for c in heard {
                let views = c.notes.filter { $0.kind == .victimsViews }
                if views.contains(where: { CoreAgency.idva.matches($0.agency) }) { good += 1; continue }
                if let other = views.first {
                    messages.append("\(c.ref): the victim's views were given by \(SafeText.line(other.agency)), not by the Idva.")
                } else {
                    messages.append("\(c.ref): no note of the victim's views.")
                }
            }
            if good == heard.count { messages.append("The Idva gave the victim's views in all \(heard.count) case\(heard.count == 1 ? "" : "s") heard.") }
            if !state.idvaPresent { messages.append("The Idva was not recorded as in the room.") }
            return (Self.share(points, good, of: heard.count), messages)

        case .confidentiality:
            let inRoom = state.attendance.filter { $0.role == .present || $0.role == .observer }
            let notAgreed = inRoom.filter { $0.confidentialityAgreed != true }
            var score = 0
            var messages: [String] = []
            if state.confidentialityRead { score += 3; messages.append("The statement was read.") }
            else { messages.append("The confidentiality statement was not recorded as read (c on the Opening screen).") }
            if inRoom.isEmpty {
                messages.append("Nobody was on the register to agree it.")
            } else if notAgreed.isEmpty {
                score += 2; messages.append("All \(inRoom.count) people in the room agreed it.")
            } else {
                let names = notAgreed.map { "\(SafeText.line($0.representative)) (\(SafeText.line($0.agency)))" }
                messages.append("Not recorded as agreeing it: \(names.joined(separator: ", ")).")
            }
            return (score, messages)

        case .wording:
            if heard.isEmpty { return (0, [Self.nothingHeard]) }
            var flagged = 0
            var messages: [String] = []
            for c in heard {
                if let found = judgemental(in: c) { flagged += 1; messages.append("\(c.ref): '\(found.phrase)' in \(found.where) — record the facts instead.") }
            }
            if flagged == 0 { messages.append("No note, action or feedback in \(heard.count == 1 ? "the one case" : "the \(heard.count) cases") heard uses victim-blaming or opinion wording.") }
            return (Self.share(points, heard.count - flagged, of: heard.count), messages)

        case .timePerCase:
            if heard.isEmpty { return (0, ["No case was discussed, so time per case could not be shown."]) }
            let limit = state.rules.limitMinutes
            let over = caseScores.filter { $0.phase == .overLimit }
            // A discussion never closed was not kept to time: it simply had not ended when the mock did.
            let unfinished = caseScores.filter { $0.status.isOutstanding && $0.phase != .overLimit }
            let kept = caseScores.filter { !$0.status.isOutstanding && $0.phase != .overLimit }
            var messages: [String] = over.map { c in
                let reason = c.overrunReason.map { "; reason given: \"\(SafeText.line($0))\"" } ?? ""
                let open = c.status.isOutstanding ? " and was never closed" : ""
                return "\(c.caseRef) ran \(Self.minutes(c.minutes)), past the \(limit)-minute limit\(open)\(reason)."
            }
            messages += unfinished.map { c in
                "\(c.caseRef) was not finished: started but never closed (\(Self.minutes(c.minutes)) when the mock ended), "
                    + "so it does not count as kept to time."
            }
            if over.isEmpty, let longest = kept.max(by: { $0.minutes < $1.minutes }) {
                let which = unfinished.isEmpty ? "discussed" : "closed"
                messages.append(kept.count == 1
                    ? "The one case \(which) stayed within \(limit) minutes (\(longest.caseRef), \(Self.minutes(longest.minutes)))."
                    : "All \(kept.count) cases \(which) stayed within \(limit) minutes (longest: \(longest.caseRef), \(Self.minutes(longest.minutes))).")
            }
            return (Self.share(points, kept.count, of: caseScores.count), messages)

        case .agendaCompleted:
            if agendaCases.isEmpty { return (nil, ["The agenda has no case for discussion."]) }
            let dealt = agendaCases.filter { !$0.status.isOutstanding }
            var messages: [String] = []
            if notReached.isEmpty && dealt.count == agendaCases.count {
                messages.append("All \(agendaCases.count) cases for discussion were heard, deferred or withdrawn.")
            }
            let open = agendaCases.filter { $0.status.isOutstanding }
            let started = open.filter(\.wasStarted).map(\.ref)
            if !started.isEmpty { messages.append("Started but not closed: \(started.joined(separator: ", ")).") }
            if !notReached.isEmpty {
                var line = "Not reached: \(notReached.joined(separator: ", "))."
                let overran = caseScores.filter { $0.phase == .overLimit }.map(\.caseRef)
                if !overran.isEmpty { line += " Earlier overruns (\(overran.joined(separator: ", "))) took their time." }
                messages.append(line)
            }
            return (Self.share(points, dealt.count, of: agendaCases.count), messages)

        case .deferralsForTime:
            if heard.isEmpty { return (0, [Self.nothingHeard]) }
            let forTime = agendaCases.filter { c in c.deferralReason.map(Self.citesTime) == true && c.status != .heard }
            var messages = forTime.map { c in
                let to = c.status == .deferredToNextMeeting ? "to the next meeting" : "to the end of the agenda"
                return "\(c.ref) was deferred \(to) for lack of time: \"\(SafeText.line(c.deferralReason ?? ""))\"."
            }
            if forTime.isEmpty { messages.append("No case was deferred for lack of time.") }
            return (Self.share(points, agendaCases.count - forTime.count, of: agendaCases.count), messages)

        case .smartActions:
            let total = caseScores.reduce(0) { $0 + $1.actions }
            if heard.isEmpty { return (0, [Self.nothingHeard]) }
            if total == 0 { return (0, ["No action was agreed in the \(heard.count) case\(heard.count == 1 ? "" : "s") heard."]) }
            let weak = caseScores.reduce(0) { $0 + $1.actionsWithFindings }
            var messages = rewrites.map { "\($0.actionID) (\($0.caseRef)) \"\($0.original)\": \($0.problems.joined(separator: "; "))." }
            if weak == 0 { messages.append("All \(total) actions are specific, owned by an agency in the room and timed.") }
            else { messages.append("\(weak) of \(total) actions need work; see the suggested rewrites below.") }
            return (Self.share(points, total - weak, of: total), messages)

        case .coverage:
            if heard.isEmpty { return (0, [Self.nothingHeard]) }
            var slots = 0, covered = 0
            var messages: [String] = []
            for c in caseScores {
                var missing: [String] = []
                slots += 2
                if c.victimCovered { covered += 1 } else { missing.append("victim-safety") }
                if let children = c.childrenCovered {
                    slots += 1
                    if children { covered += 1 } else { missing.append("children") }
                }
                if c.perpetratorCovered { covered += 1 } else { missing.append("perpetrator") }
                if !missing.isEmpty { messages.append("\(c.caseRef): no \(Self.list(missing, or: true)) action.") }
            }
            if covered == slots { messages.append("Every case heard has victim-safety and perpetrator actions, and children actions where there are children.") }
            // The live close raised no prompt for this, so the trainee is told why nothing asked.
            return (Self.share(points, covered, of: slots), messages)

        case .safeFeedback:
            if heard.isEmpty { return (0, [Self.nothingHeard]) }
            var good = 0
            var messages: [String] = []
            for c in heard {
                guard c.feedback != nil else { messages.append("\(c.ref): nobody was agreed to feed back to the victim."); continue }
                var unpassed = c
                unpassed.passedPrompts = [:]
                let risk = CasePrompts.check(unpassed, in: state).first { ["phone-feedback-risk", "unsafe-feedback-route"].contains($0.code) }
                if let risk { messages.append("\(c.ref): \(risk.message).") } else { good += 1 }
            }
            if good == heard.count { messages.append("A safe feedback route was agreed for every case heard.") }
            return (Self.share(points, good, of: heard.count), messages)

        case .promptsForTime:
            if heard.isEmpty { return (0, [Self.nothingHeard]) }
            var bad = 0
            var messages: [String] = []
            for c in heard {
                let forTime = c.passedPrompts.filter { Self.citesTime($0.value) }.sorted { $0.key < $1.key }
                if forTime.isEmpty { continue }
                bad += 1
                for (code, reason) in forTime {
                    messages.append("\(c.ref): \"\(CasePrompts.promptTitle(code))\" passed because \"\(SafeText.line(reason))\".")
                }
            }
            if bad == 0 { messages.append("No prompt was passed for lack of time.") }
            return (Self.share(points, heard.count - bad, of: heard.count), messages)

        case .equalityAsked:
            let blanks = agendaCases.filter { !Self.blankEquality($0).isEmpty }
            if blanks.isEmpty { return (nil, ["The agenda records every equality field for every case."]) }
            let heardBlanks = blanks.filter { c in heard.contains { $0.ref == c.ref } }
            if heardBlanks.isEmpty {
                return (0, ["The cases with blank equality fields (\(blanks.map(\.ref).joined(separator: ", "))) were not heard."])
            }
            var asked = 0
            var messages: [String] = []
            for c in heardBlanks {
                let fields = Self.list(Self.blankEquality(c))
                // Asked: a correction in the meeting filled a blank field (the answer recorded where
                // the data return reads it), or a note records the question.
                let filled = c.corrections.filter { !$0.afterClose && $0.from.isEmpty && !$0.to.isEmpty && Self.equalityFields[$0.field] != nil }
                if !filled.isEmpty {
                    asked += 1
                    messages.append("\(c.ref): \(fields) blank on the agenda; asked and corrected in the meeting (\(Self.list(filled.compactMap { Self.equalityFields[$0.field] }))).")
                } else if let note = c.notes.first(where: { n in Self.equalityWords.contains { containsPhrase(n.text, $0) } }) {
                    asked += 1
                    messages.append("\(c.ref): \(fields) blank on the agenda; a note by \(SafeText.line(note.agency)) records it.")
                } else {
                    messages.append("\(c.ref): \(fields) blank on the agenda and not asked: ask, and record the answer.")
                }
            }
            return (Self.share(points, asked, of: heardBlanks.count), messages)

        case .outstandingReviewed:
            if state.outstanding.isEmpty { return (nil, ["No action was outstanding from earlier meetings."]) }
            let missed = state.outstanding.filter { state.reviews[$0.id] == nil }
            var messages = missed.map { "Not reviewed: \($0.displayID) \(SafeText.line($0.owner)) — \"\(SafeText.line($0.text))\"." }
            if missed.isEmpty { messages.append("All \(state.outstanding.count) outstanding actions were reviewed.") }
            return (Self.share(points, state.outstanding.count - missed.count, of: state.outstanding.count), messages)
        }
    }

    /// "under a minute", "1 minute", "16 minutes": never "0 minutes" for a discussion that ran.
    static func minutes(_ m: Double) -> String {
        let n = Int(m.rounded())
        return n == 0 ? "under a minute" : n == 1 ? "1 minute" : "\(n) minutes"
    }

    static func citesTime(_ reason: String) -> Bool { timeWords.contains { containsPhrase(reason, $0) } }

    /// The equality fields, by the short names the messages use.
    static let equalityFields: [CaseField: String] = [.victimSex: "sex", .minoritised: "minoritised", .lgbt: "LGBT+", .disabled: "disabled"]

    /// The equality fields the agenda left blank when the meeting began — before any correction
    /// filled them in — as the case screen names them.
    static func blankEquality(_ c: CaseRecord) -> [String] {
        var original = c.agenda
        // Undo the corrections, last first: each one's `from` is the value before it.
        for k in c.corrections.reversed() { original = k.field.applying(k.from, to: original) ?? original }
        return blankEquality(original)
    }

    /// The equality fields blank in `a` (a sex of "unknown" says nothing more than a blank).
    static func blankEquality(_ a: AgendaCase) -> [String] {
        var blank: [String] = []
        if ["", "unknown"].contains((a.victimSex ?? "").trimmingWhitespace().lowercased()) { blank.append("sex") }
        if a.minoritised == nil { blank.append("minoritised") }
        if a.lgbt == nil { blank.append("LGBT+") }
        if a.disabled == nil { blank.append("disabled") }
        return blank
    }

    /// "a", "a and b", "a, b and c" (or "a or b" after a "no").
    static func list(_ items: [String], or: Bool = false) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + items.last!
    }

    /// The first victim-blaming phrase in a case's notes, actions or feedback, and where it is.
    private func judgemental(in c: CaseRecord) -> (phrase: String, where: String)? {
        for n in c.notes {
            if let p = CasePrompts.judgementalPhrase(in: n.text) { return (p, "a note by \(SafeText.line(n.agency))") }
        }
        for a in state.actions(for: c.ref) where a.status != .withdrawn {
            if let p = CasePrompts.judgementalPhrase(in: a.text) { return (p, "action \(state.displayID(a.id))") }
        }
        if let detail = c.feedback?.detail, let p = CasePrompts.judgementalPhrase(in: detail) { return (p, "the feedback agreed") }
        return nil
    }
}
