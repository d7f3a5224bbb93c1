/// The debrief after a mock meeting (`marac train`): how the meeting did against the principles of an
/// effective Marac (docs/DOMAIN.md#the-10-principles) that a chair controls — time discipline, SMART action planning that
/// covers victim, children and perpetrator, and the review of outstanding actions.
public struct Scorecard: Sendable, Equatable {
    public struct CaseScore: Sendable, Equatable {
        public var caseRef: String
        public var status: CaseStatus
        public var minutes: Double
        public var phase: DiscussionPhase
        public var overrunReason: String?
        public var actions: Int
        /// Actions with at least one SMART finding (warning or error).
        public var actionsWithFindings: Int
        public var findings: [String]
        public var victimCovered: Bool
        /// nil when there are no children in the household.
        public var childrenCovered: Bool?
        public var perpetratorCovered: Bool
        public var feedbackAgreed: Bool
    }

    public struct Point: Sendable, Equatable {
        public var principle: String
        public var score: Int
        public var outOf: Int
        public var comment: String
        public var percent: Int { outOf == 0 ? 100 : score * 100 / outOf }
    }

    public var cases: [CaseScore]
    public var points: [Point]
    public var meetingMinutes: Double
    public var plannedMinutes: Int
    /// Cases the meeting did not reach (still waiting when it ended).
    public var notReached: [String]
    public var outstandingReviewed: Int
    public var outstandingTotal: Int

    public var total: Int { points.reduce(0) { $0 + $1.score } }
    public var outOf: Int { points.reduce(0) { $0 + $1.outOf } }

    public static func make(_ state: MeetingState, now: Int64) -> Scorecard {
        let today = state.info.date
        let policy = state.timing
        var scores: [CaseScore] = []
        for c in state.orderedCases where !c.agenda.notification && (c.status == .heard || c.wasStarted) {
            let actions = state.actions(for: c.ref).filter { $0.status != .withdrawn }
            let perAction = actions.map { SmartRules.check($0, today: today, agenciesPresent: state.agenciesPresent) }
            let elapsed = c.elapsedMillis(now: now)
            scores.append(CaseScore(
                caseRef: c.ref, status: c.status, minutes: Double(elapsed) / 60_000,
                phase: policy.phase(elapsedMillis: elapsed, started: c.wasStarted, bonusMinutes: c.bonusMinutes),
                overrunReason: c.overrunReason, actions: actions.count,
                actionsWithFindings: perAction.filter { !$0.isEmpty }.count,
                findings: zip(actions, perAction).flatMap { a, f in f.map { "\(a.id): \($0.message)" } },
                victimCovered: actions.contains { $0.category == .victimSafety || $0.category == .housing },
                childrenCovered: c.agenda.hasChildren ? actions.contains { $0.category == .children } : nil,
                perpetratorCovered: actions.contains { $0.category == .perpetrator },
                feedbackAgreed: c.feedback != nil))
        }
        let notReached = state.orderedCases.filter { $0.status == .waiting && !$0.agenda.notification }.map(\.ref)
        let onTime = scores.filter { $0.phase != .overLimit }.count
        let totalActions = scores.reduce(0) { $0 + $1.actions }
        let cleanActions = scores.reduce(0) { $0 + $1.actions - $1.actionsWithFindings }
        let coverageSlots = scores.reduce(0) { $0 + 2 + ($1.childrenCovered == nil ? 0 : 1) }
        let covered = scores.reduce(0) { n, s in
            n + (s.victimCovered ? 1 : 0) + (s.perpetratorCovered ? 1 : 0) + (s.childrenCovered == true ? 1 : 0)
        }
        let feedback = scores.filter(\.feedbackAgreed).count
        let reviewed = state.outstanding.filter { state.reviews[$0.id] != nil }.count
        let heardOrStarted = scores.count + notReached.count

        let points = [
            Point(principle: "5 Information sharing — time discipline (10–15 minutes a case)", score: onTime, outOf: scores.count,
                  comment: onTime == scores.count ? "Every case kept within the limit."
                      : "\(scores.count - onTime) case(s) went past \(state.rules.limitMinutes) minutes: keep to current, risk-focused information."),
            Point(principle: "7 Number of cases — the agenda was completed", score: heardOrStarted - notReached.count, outOf: heardOrStarted,
                  comment: notReached.isEmpty ? "Every case on the agenda was reached."
                      : "Not reached: \(notReached.joined(separator: ", ")). Overruns earlier squeezed later cases."),
            Point(principle: "6 Action planning — SMART actions", score: cleanActions, outOf: totalActions,
                  comment: totalActions == 0 ? "No actions were agreed." : cleanActions == totalActions
                      ? "Every action is specific, owned and timed."
                      : "\(totalActions - cleanActions) of \(totalActions) actions need work: vague wording, no owner present, no due date."),
            Point(principle: "6 Action planning — victim, children and perpetrator covered", score: covered, outOf: coverageSlots,
                  comment: covered == coverageSlots ? "Every heard case has victim, perpetrator and (where relevant) children actions."
                      : "Gaps in coverage: check perpetrator actions and children actions where children are in the household."),
            Point(principle: "4 Independent representation — safe feedback to the victim agreed", score: feedback, outOf: scores.count,
                  comment: feedback == scores.count ? "Who feeds back, and how, was agreed for every case."
                      : "\(scores.count - feedback) case(s) ended without agreeing who feeds back to the victim and by what safe route."),
            Point(principle: "9 Operational support — outstanding actions reviewed", score: reviewed, outOf: state.outstanding.count,
                  comment: state.outstanding.isEmpty ? "No outstanding actions to review." : reviewed == state.outstanding.count
                      ? "Every outstanding action was reviewed at the start."
                      : "\(state.outstanding.count - reviewed) outstanding action(s) were not reviewed."),
        ]
        return Scorecard(cases: scores, points: points,
                         meetingMinutes: Double(state.meetingElapsedMillis(now: now)) / 60_000,
                         plannedMinutes: state.info.plannedDurationMinutes, notReached: notReached,
                         outstandingReviewed: reviewed, outstandingTotal: state.outstanding.count)
    }

    /// Plain text for the terminal and `--dump-screen`-style output.
    public func text() -> String {
        var out = ["MOCK MEETING SCORECARD", ""]
        out.append("Meeting time \(Int(meetingMinutes.rounded())) of \(plannedMinutes) planned minutes; score \(total)/\(outOf)")
        out.append("")
        for p in points { out.append("[\(p.score)/\(p.outOf)] \(p.principle)"); out.append("        \(p.comment)") }
        out.append("")
        out.append("Case         Minutes  Time           Actions  SMART issues  Victim  Children  Perpetrator  Feedback")
        for c in cases {
            func yn(_ b: Bool?) -> String { b.map { $0 ? "yes" : "NO" } ?? "—" }
            let cols = [
                c.caseRef.padding(12), String(Int(c.minutes.rounded())).padding(8), "\(c.phase.symbol) \(c.phase.word)".padding(14),
                String(c.actions).padding(8), String(c.actionsWithFindings).padding(13), yn(c.victimCovered).padding(7),
                yn(c.childrenCovered).padding(9), yn(c.perpetratorCovered).padding(12), yn(c.feedbackAgreed),
            ]
            out.append(cols.joined(separator: " "))
        }
        let findings = cases.flatMap(\.findings)
        if !findings.isEmpty {
            out.append("")
            out.append("SMART findings:")
            out.append(contentsOf: findings.map { "  - \($0)" })
        }
        return out.joined(separator: "\n")
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
