import MaracCore

/// A mock meeting's scorecard and its comparison with the recorded run, as HTML: the same writer,
/// stylesheet and marking as the minutes (`HTMLRenderer`), and TRAINING first.
public enum TrainingDocuments {
    public static func scorecardHTML(_ card: Scorecard) -> String { HTMLRenderer.render(scorecard(card)) }

    public static func comparisonHTML(_ comparison: RunComparison) -> String { HTMLRenderer.render(self.comparison(comparison)) }

    static func scorecard(_ card: Scorecard) -> Outline {
        var about: [(String, String)] = []
        if let sample = card.sample { about.append(("Sample", sample)) }
        if let trainee = card.trainee { about.append(("Trainee", trainee)) }
        about.append(("Meeting time", card.meetingStarted
            ? "\(Int(card.meetingMinutes.rounded())) of \(card.plannedMinutes) planned minutes" : "never started"))
        about.append(("Score", "\(card.total) of \(card.outOf)"))
        let skipped = card.parts.filter { !$0.isAssessed }.map(\.id.title)
        if !skipped.isEmpty { about.append(("Not assessed for this sample", skipped.joined(separator: "; "))) }
        var blocks: [Block] = [.strong(Marking.training), .pairs(about)]
        for principle in RubricPrinciple.allCases {
            let parts = card.parts.filter { $0.id.principle == principle }
            if parts.isEmpty { continue }
            blocks.append(.section(id: "principle-\(principle.rawValue)", title: principle.title, parts.flatMap { p -> [Block] in
                let mark = p.score.map { "\($0) of \(p.points)" } ?? "not assessed"
                return [.heading(3, "\(p.id.title) — \(mark)"), .list(p.messages.map { ("", $0) })]
            }))
        }
        if !card.cases.isEmpty {
            func yn(_ b: Bool?) -> String { b.map { $0 ? "yes" : "NO" } ?? "—" }
            blocks.append(.section(id: "cases", title: "Case by case", [
                .table(header: ["Case", "Minutes", "Time", "Actions", "SMART issues", "Victim", "Children", "Perpetrator", "Feedback"],
                       rows: card.cases.map { c in
                           [c.caseRef, String(Int(c.minutes.rounded())), c.phase.word, String(c.actions), String(c.actionsWithFindings),
                            yn(c.victimCovered), yn(c.childrenCovered), yn(c.perpetratorCovered), yn(c.feedbackAgreed)]
                       },
                       widths: [12, 9, 15, 9, 11, 10, 11, 12, 11], empty: "", caption: nil),
            ]))
        }
        if !card.rewrites.isEmpty {
            blocks.append(.section(id: "rewrites", title: "Suggested SMART rewrites (to discuss)", [
                .table(header: ["Action", "As agreed", "What needs work", "Suggested rewrite"],
                       rows: card.rewrites.map { ["\($0.actionID) (\($0.caseRef))", $0.original, $0.problems.joined(separator: "; "), $0.suggestion] },
                       widths: [14, 26, 28, 32], empty: "", caption: nil),
            ]))
        }
        return Outline(title: "TRAINING — Mock meeting scorecard" + (card.sample.map { ": \($0)" } ?? ""), blocks: blocks)
    }

    static func comparison(_ c: RunComparison) -> Outline {
        var about: [(String, String)] = [("Sample", c.sample)]
        if let trainee = c.trainee { about.append(("Trainee", trainee)) }
        var blocks: [Block] = [
            .strong(Marking.training), .pairs(about),
            .section(id: "overall", title: "Overall", [
                .table(header: ["", "Yours", "Recorded"], rows: [
                    ["Score", "\(c.yours.total) of \(c.yours.outOf)", "\(c.recorded.total) of \(c.recorded.outOf)"],
                    ["Meeting time", c.minutesText(c.yours), c.minutesText(c.recorded)],
                ], widths: [30, 35, 35], empty: "", caption: nil),
                .paragraph("Covered: V victim safety, C children (if any), P perpetrator."),
            ]),
        ]
        for row in c.rows {
            var caseBlocks: [Block] = [
                .table(header: ["", "Yours", "Recorded"], rows: [
                    ["Time", row.yours.timeText, row.recorded.timeText],
                    ["Actions", row.yours.actionsText, row.recorded.actionsText],
                    ["Covered", row.yours.coverageText, row.recorded.coverageText],
                    ["Feedback", row.yours.feedback ?? "none agreed", row.recorded.feedback ?? "none agreed"],
                ], widths: [20, 40, 40], empty: "", caption: nil),
            ]
            if !row.recordedActions.isEmpty {
                caseBlocks += [.label("The recorded chair agreed"), .list(row.recordedActions.map { ("", $0) })]
            }
            blocks.append(.section(id: "case-" + Exporter.fileSafe(row.caseRef), title: row.caseRef, caseBlocks))
        }
        return Outline(title: "TRAINING — Your run beside the recorded run: \(c.sample)", blocks: blocks)
    }
}
