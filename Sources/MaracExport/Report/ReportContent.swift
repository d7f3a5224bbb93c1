import MaracCore

/// What every report format says, worded once; the renderers only lay it out.
public enum ReportContent {
    /// Derived from Marac records, so it carries the minutes' marking (docs/DOMAIN.md#outstanding-actions).
    public static let marking = "RESTRICTED when complete (OFFICIAL-SENSITIVE)"
    public static let title = "Marac data return and governance report"

    /// The warning at the top of a report built from a folder with unreadable records.
    public static func incompleteBanner(_ report: MaracReport) -> String? {
        guard report.isIncomplete else { return nil }
        let n = Set(report.problems.filter(\.makesIncomplete).map(\.file)).count
        return "INCOMPLETE: \(n) \(n == 1 ? "journal" : "journals") could not be read in full, "
            + "so these figures may be too low. See \"Problems\" at the end."
    }

    public static func subtitle(_ report: MaracReport) -> String {
        let area = report.areas.isEmpty ? "" : report.areas.joined(separator: ", ") + " · "
        let n = report.dataReturn.meetings.count
        return "\(area)\(n) \(n == 1 ? "meeting" : "meetings") · \(report.dataReturn.casesHeard.count) cases heard"
    }

    public static func countingNote(_ r: DataReturn) -> String {
        "Cases heard are cases whose discussion was closed at a meeting in the period, repeats included "
            + "(as SafeLives counts them). Not counted: deferred \(r.deferred) (counted when heard later), "
            + "withdrawn \(r.withdrawn), 12-month notifications \(r.notifications). Percentages are of cases "
            + "heard; blank answers are shown as \"unknown\" and never counted as no."
    }

    /// One data-return line with every cell already worded.
    public struct Row: Sendable, Equatable {
        public var key: String
        public var label: String
        public var count: String
        public var of: String
        public var percent: String
        public var range: String
        public var mark: String
        /// `unknown 2`, then any context such as the national comparison.
        public var notes: [String]
    }

    public static func row(_ f: Figure) -> Row {
        var notes: [String] = []
        if f.unknown > 0 { notes.append("unknown \(f.unknown) (blank, not counted as no)") }
        if let context = f.context { notes.append(SafeText.line(context)) }
        let mark: String
        if let m = f.mark { mark = m.label } else if f.range != nil { mark = "no cases" } else { mark = "" }
        return Row(key: f.key, label: SafeText.line(f.label), count: String(f.count),
                   of: f.denominator.map(String.init) ?? "", percent: f.percent.map(formatPercent) ?? "",
                   range: f.range?.label ?? (f.denominator != nil ? "no range" : ""), mark: mark, notes: notes)
    }

    public static func rows(_ r: DataReturn) -> [Row] { r.figures.map(row) }

    /// Volume lines, or nil without a population figure.
    public struct Volume: Sendable, Equatable {
        public var heading: String
        public var casesPerYear: String
        public var recommended: String
        public var share: String
        public var range: String
        public var mark: String
    }

    public static func volume(_ r: DataReturn) -> Volume? {
        guard let v = r.volume else { return nil }
        return Volume(
            heading: "Recommended volume: 40 cases a year per 10,000 adult women (adult female population \(formatThousands(v.adultFemalePopulation)))",
            casesPerYear: "\(formatNumber(v.casesPerYear)) (\(v.casesInPeriod) in \(v.periodDays) days × 365 / \(v.periodDays))",
            recommended: formatNumber(v.recommendedPerYear),
            share: v.percentOfRecommendation.map { formatPercent($0) + " %" } ?? "—",
            range: RecommendedRange.volume.label,
            mark: v.mark?.label ?? "no figure")
    }

    /// `15,000`
    public static func formatThousands(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    public static func minutes(_ value: Double) -> String { "\(formatNumber(value)) min" }

    public static func timePerCase(_ g: Governance) -> String {
        guard let t = g.minutesPerCase else { return "Time per case: no case has a recorded discussion time" }
        return "Time per case (\(t.count) timed): median \(minutes(t.median)); middle half "
            + "\(formatNumber(t.lowerQuartile))–\(formatNumber(t.upperQuartile)) min (interquartile range "
            + "\(minutes(t.interquartileRange))); shortest \(minutes(t.min)), longest \(minutes(t.max))"
    }

    public static func overruns(_ g: Governance) -> String {
        let limit = g.limitMinutes.map { "the \($0)-minute limit" } ?? "the time limit"
        let pct = g.overruns.percent.map { " (\(formatPercent($0)) %)" } ?? ""
        return "Cases over \(limit) (bonus minutes added): \(g.overruns.count) of \(g.overruns.denominator ?? 0) timed\(pct)"
    }

    public static func untimed(_ g: Governance) -> String? {
        g.casesWithoutTime > 0 ? "Cases heard with no discussion time recorded: \(g.casesWithoutTime)" : nil
    }

    public static func casesPerMeeting(_ g: Governance) -> String {
        guard let s = g.casesPerMeeting else { return "Cases per meeting: no meetings" }
        return "Cases heard per meeting: median \(formatNumber(s.median)), fewest \(formatNumber(s.min)), "
            + "most \(formatNumber(s.max)) (\(s.count) \(s.count == 1 ? "meeting" : "meetings"))"
    }

    public static func referralDelay(_ g: Governance) -> String {
        let unknown = g.referralDateUnknown > 0 ? "; referral date unknown \(g.referralDateUnknown)" : ""
        guard let s = g.daysReferralToHearing else { return "Days from referral to hearing: no referral dates\(unknown)" }
        return "Days from referral to hearing: median \(formatNumber(s.median)), longest \(formatNumber(s.max))\(unknown)"
    }

    public static func actionsHeading(_ g: Governance) -> String {
        "Actions agreed in the period, by owner agency, status at the end of \(g.period.to.uk)"
    }

    public static func actionsSource(_ g: Governance) -> String {
        (g.usedTracker
            ? "Statuses from the meeting journals, later opening reviews and the action tracker (tracker.jsonl)."
            : "No action tracker found: statuses from the meeting journals and later opening reviews only.")
            + (lateOutcomes(g).map { " " + $0 } ?? "")
    }

    /// Outcomes typed after the day they happened count on the day they happened; the report says how many.
    public static func lateOutcomes(_ g: Governance) -> String? {
        guard g.outcomesRecordedLate > 0 else { return nil }
        let n = g.outcomesRecordedLate
        var text = "\(n) outcome\(n == 1 ? " was" : "s were") recorded late (typed after the day \(n == 1 ? "it" : "they") happened) "
            + "and \(n == 1 ? "is" : "are") counted on the day \(n == 1 ? "it" : "they") happened"
        if g.outcomesRecordedAfterPeriod > 0 { text += "; \(g.outcomesRecordedAfterPeriod) of them after the period ended" }
        return text + "."
    }

    public static let overdueDefinition =
        "Overdue: still open at the end of the period and due on or before its last day. "
        + "Escalated: flagged for the steering group, or closed as not done by the agency at a review."

    public static let attendanceDefinition =
        "An agency on any register in the period that is missing from a meeting's register counts as absent there. Observers are not counted."

    public static func problemLines(_ report: MaracReport) -> [String] {
        report.problems.map { ($0.makesIncomplete ? "✗ " : "! ") + $0.description }
    }

    /// The per-meeting table's columns (SafeLives collects the dataset per meeting).
    public static let meetingColumns: [(short: String, long: String)] = [
        ("Case", "cases heard"), ("Rpt", "repeat cases"), ("Chn", "children"), ("Male", "male victims"),
        ("Min", "Black, Asian and racially minoritised victims"), ("LGBT", "LGBT+ victims"),
        ("Dis", "disabled victims"), ("V16", "victims aged 16–17"), ("P≤17", "perpetrators aged 17 or under"),
        ("Pol", "police referrals"), ("Part", "partner-agency referrals"), ("Def", "deferred"), ("Wdr", "withdrawn"),
        ("Note", "12-month notifications"),
    ]

    public static func meetingValues(_ m: MeetingReturn) -> [Int] {
        [m.casesHeard, m.repeats, m.children, m.maleVictims, m.minoritised, m.lgbt, m.disabled, m.aged16to17,
         m.perpetratorsUnder18, m.policeReferrals, m.partnerReferrals, m.deferred, m.withdrawn, m.notifications]
    }

    /// Blank answers per meeting, for the figures that can be blank (shown beside the counts).
    public static let unknownColumns: [(short: String, long: String)] = [
        ("Rpt?", "repeat unknown"), ("Chn?", "children unknown"), ("Male?", "sex unknown"),
        ("Min?", "ethnicity unknown"), ("LGBT?", "LGBT+ unknown"), ("Dis?", "disability unknown"),
        ("16-17?", "age unknown"), ("P≤17?", "perpetrator's age unknown"),
    ]

    public static func unknownValues(_ m: MeetingReturn) -> [Int] {
        [m.repeatsUnknown, m.childrenUnknown, m.maleVictimsUnknown, m.minoritisedUnknown, m.lgbtUnknown,
         m.disabledUnknown, m.aged16to17Unknown, m.perpetratorsUnder18Unknown]
    }

    /// Column sums of `values` over the meetings.
    public static func sums(_ r: DataReturn, _ values: (MeetingReturn) -> [Int]) -> [Int] {
        var out: [Int] = []
        for m in r.meetings {
            let v = values(m)
            if out.isEmpty { out = v } else { for i in v.indices { out[i] += v[i] } }
        }
        return out.isEmpty ? Array(repeating: 0, count: values(MeetingReturn.empty).count) : out
    }
}
