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

    /// Plain text for the terminal and the `--out` folder, wrapped at whole words to `width`
    /// columns (80 for the files; the terminal's width when printed), continuation lines indented
    /// under the line they continue.
    public func text(width: Int = 80) -> String {
        let width = max(Self.narrowest, width)
        var out = ["TRAINING — MOCK MEETING SCORECARD", ""]
        func add(_ text: String, first: String = "", rest: String = "  ") {
            out += PlainWrap.lines(text, width: width, first: first, rest: rest)
        }
        if let sample { add("Sample: \(sample)") }
        if let trainee { add("Trainee: \(trainee)") }
        add(summaryLine)
        for principle in RubricPrinciple.allCases {
            let inSection = parts.filter { $0.id.principle == principle }
            if inSection.isEmpty { continue }
            out.append("")
            add(principle.title)
            for p in inSection {
                let mark = p.score.map { "[\($0)/\(p.points)]" } ?? "[not assessed]"
                add("\(mark) \(p.id.title)", first: "  ", rest: String(repeating: " ", count: 3 + mark.count))
                for message in p.messages { add(message, first: "        ", rest: "          ") }
            }
        }
        if !cases.isEmpty {
            out.append("")
            out += caseLines(width: width)
        }
        if !rewrites.isEmpty {
            out.append("")
            add("Suggested SMART rewrites (to discuss):")
            for r in rewrites {
                add("\(r.actionID) (\(r.caseRef)) \"\(r.original)\" — \(r.problems.joined(separator: "; "))", first: "  ", rest: "      ")
                add(r.suggestion, first: "      → ", rest: "        ")
            }
        }
        if let sample {
            out.append("")
            add("What to discuss: `marac train \(sample) --note` (the trainer's note); `--compare` shows the recorded run.")
        }
        return out.joined(separator: "\n")
    }

    /// The narrowest width the text is laid out for; a narrower terminal folds it as it must.
    public static let narrowest = 40

    /// "Meeting time … · score …/…", saying plainly when the meeting never started.
    public var summaryLine: String {
        let time = meetingStarted
            ? "Meeting time \(Int(meetingMinutes.rounded())) of \(plannedMinutes) planned minutes"
            : "The meeting was never started"
        let skipped = parts.filter { !$0.isAssessed }.count
        let note = skipped == 0 ? "" : " (\(skipped) part\(skipped == 1 ? "" : "s") not assessed for this sample)"
        return "\(time) · score \(total)/\(outOf)\(note)"
    }

    /// The per-case table (header first), each column as wide as its widest cell. V, C and P are
    /// the coverage columns (victim safety, children, perpetrator), as in the comparison.
    public func caseTable() -> [[String]] {
        func yn(_ b: Bool?) -> String { b.map { $0 ? "yes" : "NO" } ?? "—" }
        var rows = [["Case", "Min", "Time", "Actions", "SMART issues", "V", "C", "P", "Feedback"]]
        for c in cases {
            rows.append([
                c.caseRef, String(Int(c.minutes.rounded())), "\(c.phase.symbol) \(c.phase.word)", String(c.actions),
                String(c.actionsWithFindings), yn(c.victimCovered), yn(c.childrenCovered), yn(c.perpetratorCovered), yn(c.feedbackAgreed),
            ])
        }
        let widths = rows[0].indices.map { i in rows.map { $0[i].count }.max() ?? 0 }
        return rows.map { row in row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padding(widths[i]) } }
    }

    /// The case table when it fits `width`; otherwise one wrapped line per case, saying the same.
    func caseLines(width: Int) -> [String] {
        let legend = PlainWrap.lines("Covered: V victim safety, C children (— no children), P perpetrator.", width: width, rest: "  ")
        let table = caseTable().map { $0.joined(separator: "  ") }
        if table.allSatisfy({ $0.count <= width }) { return table + legend }
        func yn(_ b: Bool?) -> String { b.map { $0 ? "yes" : "NO" } ?? "—" }
        return cases.flatMap { c in
            PlainWrap.lines("\(c.caseRef): \(Int(c.minutes.rounded())) min, \(c.phase.symbol) \(c.phase.word); "
                            + "\(c.actions) action\(c.actions == 1 ? "" : "s"), \(c.actionsWithFindings) with SMART issues; "
                            + "V \(yn(c.victimCovered)), C \(yn(c.childrenCovered)), P \(yn(c.perpetratorCovered)); "
                            + "feedback \(yn(c.feedbackAgreed))", width: width, rest: "  ")
        } + legend
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
