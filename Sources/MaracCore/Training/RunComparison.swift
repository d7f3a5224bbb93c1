/// `marac train NAME --compare`: the trainee's mock beside the sample's recorded run, case by case
/// (time, actions, coverage), with what the recorded chair agreed in each case. Both runs start from
/// the same agenda, so both scorecards have the same maximum.
public struct RunComparison: Sendable, Equatable {
    /// One run's handling of one case.
    public struct Side: Sendable, Equatable {
        /// heard, deferred, withdrawn, started (not closed) or not reached.
        public var outcome: String
        /// Discussion minutes, rounded; nil when the case was never started.
        public var minutes: Int?
        public var phase: DiscussionPhase
        public var actions: Int
        /// Actions with no SMART finding.
        public var smart: Int
        public var victim: Bool
        /// nil when there are no children in the household.
        public var children: Bool?
        public var perpetrator: Bool
        public var feedback: String?

        public var timeText: String {
            guard let minutes else { return outcome }
            return "\(outcome), \(minutes) min \(phase.symbol) \(phase.word)"
        }
        public var actionsText: String { actions == 0 ? "none" : "\(actions) (\(smart) SMART)" }
        /// "V yes · C NO · P yes" (victim safety, children, perpetrator; C only with children).
        public var coverageText: String {
            func mark(_ b: Bool) -> String { b ? "yes" : "NO" }
            var parts = ["V \(mark(victim))"]
            if let children { parts.append("C \(mark(children))") }
            parts.append("P \(mark(perpetrator))")
            return parts.joined(separator: " · ")
        }
    }

    public struct Row: Sendable, Equatable {
        public var caseRef: String
        public var yours: Side
        public var recorded: Side
        /// "Police: Make a Clare's Law disclosure … (perpetrator, due 10/03/2026)", in the order agreed.
        public var recordedActions: [String]
    }

    public var sample: String
    public var trainee: String?
    public var yours: Scorecard
    public var recorded: Scorecard
    public var rows: [Row]

    public static func make(sample: String, trainee: String?, yours: MeetingState, yoursNow: Int64,
                            recorded: MeetingState, recordedNow: Int64) -> RunComparison {
        let yourCard = Scorecard.make(yours, now: yoursNow, sample: sample, trainee: trainee)
        let recordedCard = Scorecard.make(recorded, now: recordedNow, sample: sample)
        let rows = recorded.orderedCases.filter { !$0.agenda.notification }.map { c in
            Row(caseRef: c.ref,
                yours: side(yours.cases[c.ref], in: yours, now: yoursNow),
                recorded: side(c, in: recorded, now: recordedNow),
                recordedActions: recorded.actions(for: c.ref).filter { $0.status != .withdrawn }.map { a in
                    let category = a.category.map { $0.label.lowercased() + ", " } ?? ""
                    let due = a.due.map { "due \($0.uk)" } ?? "no due date"
                    return "\(SafeText.line(a.owner)): \(SafeText.line(a.text)) (\(category)\(due))"
                })
        }
        return RunComparison(sample: sample, trainee: trainee.map { SafeText.line($0) }, yours: yourCard,
                             recorded: recordedCard, rows: rows)
    }

    static func side(_ record: CaseRecord?, in state: MeetingState, now: Int64) -> Side {
        guard let c = record else {
            return Side(outcome: "not on this agenda", minutes: nil, phase: .notStarted, actions: 0, smart: 0,
                        victim: false, children: nil, perpetrator: false, feedback: nil)
        }
        let actions = state.actions(for: c.ref).filter { $0.status != .withdrawn }
        let clean = actions.filter { SmartRules.check($0, today: state.info.date, agenciesPresent: state.agenciesPresent).isEmpty }
        let outcome: String
        switch c.status {
        case .heard: outcome = "heard"
        case .deferredToNextMeeting: outcome = "deferred"
        case .withdrawn: outcome = "withdrawn"
        case .waiting, .paused, .discussing: outcome = c.wasStarted ? "not closed" : "not reached"
        }
        let elapsed = c.elapsedMillis(now: now)
        return Side(outcome: outcome, minutes: c.wasStarted ? Int((Double(elapsed) / 60_000).rounded()) : nil,
                    phase: state.timing.phase(elapsedMillis: elapsed, started: c.wasStarted, bonusMinutes: c.bonusMinutes),
                    actions: actions.count, smart: clean.count, victim: Rubric.coversVictim(actions),
                    children: c.agenda.hasChildren ? actions.contains { $0.category == .children } : nil,
                    perpetrator: actions.contains { $0.category == .perpetrator },
                    feedback: c.feedback.map { "\(SafeText.line($0.agency)), \($0.route.label)" })
    }

    /// The comparison for the terminal and the `--out` folder: three columns (what, yours,
    /// recorded), then what the recorded chair agreed in each case; wrapped at whole words to
    /// `width` columns (80 for the files; the terminal's width when printed), a long cell going
    /// on under itself in its own column.
    public func text(width: Int = 80) -> String {
        let width = max(Scorecard.narrowest, width)
        // At 80 columns: 2 + 13 + 1 + 32 + 1 + 31 (the longest recorded cell, "heard, 12 min ▲ move to actions").
        let labelWidth = 13
        let room = width - 2 - labelWidth - 2
        let yoursWidth = (room + 1) / 2, recordedWidth = room - yoursWidth
        var out = ["TRAINING — YOUR RUN BESIDE THE RECORDED RUN", ""]
        func add(_ text: String, first: String = "", rest: String = "  ") {
            out += PlainWrap.lines(text, width: width, first: first, rest: rest)
        }
        func line(_ label: String, _ a: String, _ b: String) {
            out += PlainWrap.columns([label, a, b], widths: [labelWidth, yoursWidth, recordedWidth]).map { "  " + $0 }
        }
        add("Sample: \(sample)")
        if let trainee { add("Trainee: \(trainee)") }
        out.append("")
        line("", "Yours", "Recorded")
        line("Score", "\(yours.total)/\(yours.outOf)", "\(recorded.total)/\(recorded.outOf)")
        line("Meeting time", minutesText(yours), minutesText(recorded))
        add("Covered: V victim safety, C children (if any), P perpetrator.", first: "  ", rest: "    ")
        for row in rows {
            out.append("")
            add(row.caseRef)
            line("Time", row.yours.timeText, row.recorded.timeText)
            line("Actions", row.yours.actionsText, row.recorded.actionsText)
            line("Covered", row.yours.coverageText, row.recorded.coverageText)
            line("Feedback", row.yours.feedback ?? "none agreed", row.recorded.feedback ?? "none agreed")
            if !row.recordedActions.isEmpty {
                add("The recorded chair agreed:", first: "  ", rest: "    ")
                for action in row.recordedActions { add(action, first: "    - ", rest: "      ") }
            }
        }
        return out.joined(separator: "\n")
    }

    public func minutesText(_ card: Scorecard) -> String {
        card.meetingStarted ? "\(Int(card.meetingMinutes.rounded())) of \(card.plannedMinutes) minutes" : "never started"
    }
}
