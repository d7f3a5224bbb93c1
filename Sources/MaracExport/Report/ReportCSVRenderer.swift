import MaracCore

/// The report as CSV (RFC 4180): one row per figure with the columns
/// `figure, count, denominator, percent, range, mark`.
public enum ReportCSVRenderer {
    public static let header = ["figure", "count", "denominator", "percent", "range", "mark"]

    public static func render(_ report: MaracReport) -> String {
        let r = report.dataReturn, g = report.governance
        var rows: [[String]] = [header]
        // The marking goes first so it is seen in any spreadsheet, as is INCOMPLETE.
        rows.append(["Marking: \(ReportContent.marking)", "", "", "", "", ""])
        if let banner = ReportContent.incompleteBanner(report) { rows.append([banner, "", "", "", "", ""]) }
        rows.append(["Period: \(report.period.heading)", "", "", "", "", ""])

        for f in r.figures {
            let row = ReportContent.row(f)
            rows.append([row.label, row.count, row.of, row.percent, row.range, markWord(f)])
            if f.unknown > 0 { rows.append(["\(row.label): unknown (blank)", String(f.unknown), "", "", "", ""]) }
        }
        rows.append(["Deferred (not counted)", String(r.deferred), "", "", "", ""])
        rows.append(["Withdrawn (not counted)", String(r.withdrawn), "", "", "", ""])
        rows.append(["12-month notifications (not counted)", String(r.notifications), "", "", "", ""])
        for f in r.referralSources {
            rows.append(["Referrals from \(SafeText.line(f.label))", String(f.count), f.denominator.map(String.init) ?? "",
                         f.percent.map(formatPercent) ?? "", "", ""])
        }
        if let v = r.volume {
            rows.append(["Cases a year (annualised)", formatNumber(v.casesPerYear), "", "", "", ""])
            rows.append(["Recommended cases a year (40 per 10,000 adult women)", formatNumber(v.recommendedPerYear), "", "", "", ""])
            rows.append(["Share of the recommended volume", formatNumber(v.casesPerYear), formatNumber(v.recommendedPerYear),
                         v.percentOfRecommendation.map(formatPercent) ?? "", RecommendedRange.volume.label, v.mark?.word ?? ""])
        }

        if let t = g.minutesPerCase {
            rows.append(["Time per case: median (minutes)", formatNumber(t.median), String(t.count), "", "", ""])
            rows.append(["Time per case: lower quartile (minutes)", formatNumber(t.lowerQuartile), String(t.count), "", "", ""])
            rows.append(["Time per case: upper quartile (minutes)", formatNumber(t.upperQuartile), String(t.count), "", "", ""])
            rows.append(["Time per case: shortest (minutes)", formatNumber(t.min), String(t.count), "", "", ""])
            rows.append(["Time per case: longest (minutes)", formatNumber(t.max), String(t.count), "", "", ""])
        }
        rows.append(["Cases over the time limit", String(g.overruns.count), String(g.overruns.denominator ?? 0),
                     g.overruns.percent.map(formatPercent) ?? "", "", ""])
        rows.append(["Cases heard with no time recorded", String(g.casesWithoutTime), "", "", "", ""])
        if let s = g.casesPerMeeting {
            rows.append(["Cases per meeting: median", formatNumber(s.median), String(s.count), "", "", ""])
            rows.append(["Cases per meeting: fewest", formatNumber(s.min), String(s.count), "", "", ""])
            rows.append(["Cases per meeting: most", formatNumber(s.max), String(s.count), "", "", ""])
        }
        if let s = g.daysReferralToHearing {
            rows.append(["Days from referral to hearing: median", formatNumber(s.median), String(s.count), "", "", ""])
            rows.append(["Days from referral to hearing: longest", formatNumber(s.max), String(s.count), "", "", ""])
        }
        rows.append(["Referral date unknown", String(g.referralDateUnknown), "", "", "", ""])
        for a in g.actionsByAgency {
            let name = SafeText.line(a.agency)
            rows.append(["Actions agreed: \(name)", String(a.agreed), "", "", "", ""])
            rows.append(["Actions done: \(name)", String(a.done), String(a.agreed), "", "", ""])
            rows.append(["Actions overdue: \(name)", String(a.overdue), String(a.agreed), "", "", ""])
            rows.append(["Actions not done by the agency: \(name)", String(a.notDone), String(a.agreed), "", "", ""])
            rows.append(["Actions escalated: \(name)", String(a.escalated), String(a.agreed), "", "", ""])
        }
        for a in g.attendance {
            let name = SafeText.line(a.agency)
            rows.append(["Attendance present: \(name)", String(a.present), String(r.meetings.count), "", "", ""])
            rows.append(["Attendance apologies: \(name)", String(a.apologies), String(r.meetings.count), "", "", ""])
            rows.append(["Attendance absent: \(name)", String(a.absent), String(r.meetings.count), "", "", ""])
        }
        for p in report.problems { rows.append(["Problem: \(p.description)", "", "", "", "", ""]) }
        return rows.map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// The data return laid out as SafeLives collects it: one row a meeting, one column a figure,
    /// each blank-able figure followed by its unknown count, then a total row. Pivots and sums in
    /// any spreadsheet. The marking is the first column of every row (a line above would break it).
    public static func meetings(_ report: MaracReport) -> String {
        let r = report.dataReturn
        let header = ["marking", "meeting_date", "meeting_id", "area"] + meetingKeys
        var rows = [header]
        for m in r.meetings {
            rows.append([ReportContent.marking, m.date.iso, m.meetingID, m.area] + interleaved(m).map(String.init))
        }
        let totals = interleavedTotals(r)
        rows.append([ReportContent.marking, "total", report.period.heading, report.areas.joined(separator: "; ")] + totals.map(String.init))
        if report.isIncomplete, let banner = ReportContent.incompleteBanner(report) {
            rows.append([ReportContent.marking, "INCOMPLETE", banner, ""] + Array(repeating: "", count: meetingKeys.count))
        }
        return rows.map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Machine names of the wide layout's figure columns, in order.
    public static let meetingKeys = [
        "cases_heard", "repeats", "repeats_unknown", "children", "children_unknown", "male_victims", "male_victims_unknown",
        "minoritised", "minoritised_unknown", "lgbt", "lgbt_unknown", "disabled", "disabled_unknown",
        "aged_16_17", "aged_16_17_unknown", "perpetrators_under_18", "perpetrators_under_18_unknown",
        "police_referrals", "partner_referrals", "deferred", "withdrawn", "notifications",
    ]

    /// Plain-English titles for the same columns (the workbook's header row).
    public static let meetingTitles = [
        "Cases heard", "Repeats", "Repeat unknown", "Children", "Children unknown", "Male victims", "Sex unknown",
        "Black, Asian and racially minoritised", "Ethnicity unknown", "LGBT+", "LGBT+ unknown", "Disabled", "Disability unknown",
        "Aged 16–17", "Age unknown", "Perpetrators aged 17 or under", "Perpetrator's age unknown",
        "Police referrals", "Partner-agency referrals", "Deferred", "Withdrawn", "12-month notifications",
    ]

    static func interleaved(_ m: MeetingReturn) -> [Int] {
        [m.casesHeard, m.repeats, m.repeatsUnknown, m.children, m.childrenUnknown, m.maleVictims, m.maleVictimsUnknown,
         m.minoritised, m.minoritisedUnknown, m.lgbt, m.lgbtUnknown, m.disabled, m.disabledUnknown,
         m.aged16to17, m.aged16to17Unknown, m.perpetratorsUnder18, m.perpetratorsUnder18Unknown,
         m.policeReferrals, m.partnerReferrals, m.deferred, m.withdrawn, m.notifications]
    }

    static func interleavedTotals(_ r: DataReturn) -> [Int] { ReportContent.sums(r, interleaved) }

    /// `within`, `below`, `above`, or blank: one word, for machines.
    static func markWord(_ f: Figure) -> String { f.mark?.word ?? "" }

    /// Cleaned, then quoted and neutralised exactly as the minutes' CSV is (one rule for every
    /// spreadsheet this project writes: docs/EXPORT-FORMATS.md).
    static func cell(_ raw: String) -> String { CSVRenderer.field(SafeText.line(raw)) }
}
