/// The debrief after a mock meeting (`marac train`): a fixed rubric (docs/TRAINING.md) scored
/// against the principles of an effective Marac (docs/DOMAIN.md#the-10-principles) that a mock can
/// observe. Every part is worth a fixed number of points, so every run of one sample is scored out of
/// the same maximum; a part is "not assessed" only when the sample's own set-up makes it impossible
/// (no outstanding actions to review, no equality field left blank), never because of what the
/// trainee did. Every message names the case, the action or the words it is about.
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

    /// One part of the rubric. `score` is nil when the part is not assessed for this sample.
    public struct Part: Sendable, Equatable {
        public var id: RubricPart
        public var score: Int?
        /// What happened, specific to this run: the cases, actions and words concerned.
        public var messages: [String]
        public var points: Int { id.points }
        public var isAssessed: Bool { score != nil }
    }

    /// A weak action and a SMART version of it to discuss.
    public struct Rewrite: Sendable, Equatable {
        public var actionID: String
        public var caseRef: String
        public var original: String
        public var problems: [String]
        public var suggestion: String
    }

    public var sample: String?
    public var trainee: String?
    public var cases: [CaseScore]
    public var parts: [Part]
    public var rewrites: [Rewrite]
    public var meetingStarted: Bool
    public var meetingMinutes: Double
    public var plannedMinutes: Int
    /// Cases the meeting did not reach (still waiting when it ended).
    public var notReached: [String]

    public var total: Int { parts.reduce(0) { $0 + ($1.score ?? 0) } }
    public var outOf: Int { parts.filter(\.isAssessed).reduce(0) { $0 + $1.points } }
    public func part(_ id: RubricPart) -> Part? { parts.first { $0.id == id } }

    public static func make(_ state: MeetingState, now: Int64, sample: String? = nil, trainee: String? = nil) -> Scorecard {
        let rubric = Rubric(state: state, now: now)
        return Scorecard(sample: sample, trainee: trainee.map { SafeText.line($0) }, cases: rubric.caseScores,
                         parts: RubricPart.allCases.map(rubric.score), rewrites: rubric.rewrites,
                         meetingStarted: state.isStarted,
                         meetingMinutes: Double(state.meetingElapsedMillis(now: now)) / 60_000,
                         plannedMinutes: state.info.plannedDurationMinutes, notReached: rubric.notReached)
    }

    /// Plain text for the terminal and the `--out` folder.
    public func text() -> String {
        var out = ["TRAINING — MOCK MEETING SCORECARD", ""]
        if let sample { out.append("Sample: \(sample)") }
        if let trainee { out.append("Trainee: \(trainee)") }
        out.append(summaryLine)
        for principle in RubricPrinciple.allCases {
            let inSection = parts.filter { $0.id.principle == principle }
            if inSection.isEmpty { continue }
            out.append("")
            out.append(principle.title)
            for p in inSection {
                let mark = p.score.map { "[\($0)/\(p.points)]" } ?? "[not assessed]"
                out.append("  \(mark) \(p.id.title)")
                out.append(contentsOf: p.messages.map { "        \($0)" })
            }
        }
        if !cases.isEmpty {
            out.append("")
            out.append(contentsOf: caseTable().map { $0.joined(separator: " ") })
        }
        if !rewrites.isEmpty {
            out.append("")
            out.append("Suggested SMART rewrites (to discuss):")
            for r in rewrites {
                out.append("  \(r.actionID) (\(r.caseRef)) \"\(r.original)\" — \(r.problems.joined(separator: "; "))")
                out.append("      → \(r.suggestion)")
            }
        }
        return out.joined(separator: "\n")
    }

    /// "Meeting time … · score …/…", saying plainly when the meeting never started.
    public var summaryLine: String {
        let time = meetingStarted
            ? "Meeting time \(Int(meetingMinutes.rounded())) of \(plannedMinutes) planned minutes"
            : "The meeting was never started"
        let skipped = parts.filter { !$0.isAssessed }.count
        let note = skipped == 0 ? "" : " (\(skipped) part\(skipped == 1 ? "" : "s") not assessed for this sample)"
        return "\(time) · score \(total)/\(outOf)\(note)"
    }

    /// The per-case table, padded columns (header first).
    public func caseTable() -> [[String]] {
        func yn(_ b: Bool?) -> String { b.map { $0 ? "yes" : "NO" } ?? "—" }
        var rows = [["Case".padding(12), "Minutes".padding(8), "Time".padding(16), "Actions".padding(8), "SMART issues".padding(13),
                     "Victim".padding(7), "Children".padding(9), "Perpetrator".padding(12), "Feedback"]]
        for c in cases {
            rows.append([
                c.caseRef.padding(12), String(Int(c.minutes.rounded())).padding(8), "\(c.phase.symbol) \(c.phase.word)".padding(16),
                String(c.actions).padding(8), String(c.actionsWithFindings).padding(13), yn(c.victimCovered).padding(7),
                yn(c.childrenCovered).padding(9), yn(c.perpetratorCovered).padding(12), yn(c.feedbackAgreed),
            ])
        }
        return rows
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
