import MaracCore

/// The report as one self-contained, print-friendly XHTML file with inline SVG charts: no
/// scripts, no external requests, everything from the records HTML-escaped.
public enum ReportHTMLRenderer {
    public static func render(_ report: MaracReport) -> String {
        let r = report.dataReturn, g = report.governance
        var h = HTMLWriter()
        h.document(title: ReportContent.title + " — " + report.period.heading, extraCSS: css) { h in
            if let banner = ReportContent.incompleteBanner(report) { h.el("p", banner, class: "incomplete") }
            h.el("h1", ReportContent.title)
            h.el("p", "Period: " + report.period.heading + " · " + ReportContent.subtitle(report))

            h.section("data-return", "Data return") { h in
                h.table(["Figure", "Count", "Of", "%", "Recommended range", "Mark", "Notes"],
                        ReportContent.rows(r).map { [$0.label, $0.count, $0.of, $0.percent, $0.range, $0.mark, $0.notes.joined(separator: "; ")] },
                        empty: "", widths: [28, 8, 7, 7, 14, 12, 24], numeric: [1, 2, 3])
                h.el("p", ReportContent.countingNote(r), class: "note")
                h.raw(rangeChart(r.figures.filter { $0.range != nil && $0.percent != nil }))

                if let v = ReportContent.volume(r) {
                    h.el("h3", "Recommended volume")
                    h.el("p", v.heading)
                    h.list(["Cases a year: " + v.casesPerYear, "Recommended a year: " + v.recommended,
                            "Share of the recommendation: \(v.share) (should be \(v.range)) — \(v.mark)"])
                } else {
                    h.el("p", "Recommended volume (40 cases a year per 10,000 adult women): give --adult-female-population to compare.", class: "note")
                }

                h.el("h3", "Referrals by source")
                h.table(["Referring agency", "Cases", "% of cases heard"],
                        r.referralSources.map { [$0.label, String($0.count), $0.percent.map(formatPercent) ?? ""] },
                        empty: "No cases heard.", widths: [60, 20, 20], numeric: [1, 2])
                h.raw(barChart(title: "Referrals by source, % of cases heard",
                               bars: r.referralSources.map { ($0.label, ($0.percent ?? 0) / 100, "\($0.count) · \(formatPercent($0.percent ?? 0)) %") }))

                // Two tables rather than one 23 columns wide, so neither runs off an A4 page.
                h.el("h3", "Per meeting: counts")
                h.el("p", "SafeLives collects the return per meeting. Key: " + ReportContent.meetingColumns.map { "\($0.short) \($0.long)" }.joined(separator: "; ") + ".", class: "note")
                let countWidth = 84 / ReportContent.meetingColumns.count
                h.table(["Date"] + ReportContent.meetingColumns.map(\.short),
                        r.meetings.map { [$0.date.uk] + ReportContent.meetingValues($0).map(String.init) }
                            + [["Total"] + ReportTextRenderer.totals(r).map(String.init)],
                        empty: "", widths: [16] + Array(repeating: countWidth, count: ReportContent.meetingColumns.count),
                        numeric: Set(1...ReportContent.meetingColumns.count), tableClass: "narrow", lastRowClass: "total")
                h.el("h3", "Per meeting: unknown (blank) answers")
                let unknownWidth = 84 / ReportContent.unknownColumns.count
                h.table(["Date"] + ReportContent.unknownColumns.map(\.long),
                        r.meetings.map { [$0.date.uk] + ReportContent.unknownValues($0).map(String.init) }
                            + [["Total"] + ReportContent.sums(r, ReportContent.unknownValues).map(String.init)],
                        empty: "", widths: [16] + Array(repeating: unknownWidth, count: ReportContent.unknownColumns.count),
                        numeric: Set(1...ReportContent.unknownColumns.count), tableClass: "narrow", lastRowClass: "total")
                let most = Double(max(1, r.meetings.map(\.casesHeard).max() ?? 1))
                h.raw(barChart(title: "Cases heard per meeting",
                               bars: r.meetings.map { ($0.date.uk, Double($0.casesHeard) / most, String($0.casesHeard)) }))
            }

            h.section("governance", "Governance") { h in
                h.list([ReportContent.timePerCase(g), ReportContent.overruns(g)] + [ReportContent.untimed(g)].compactMap { $0 }
                       + [ReportContent.casesPerMeeting(g), ReportContent.referralDelay(g)])
                h.el("h3", ReportContent.actionsHeading(g))
                h.table(["Agency", "Agreed", "Done", "Open", "Overdue", "Not done", "Not possible", "Escalated"],
                        (g.actionsByAgency + (g.actionsByAgency.isEmpty ? [] : [g.totalActions])).map {
                            [$0.agency, String($0.agreed), String($0.done), String($0.open), String($0.overdue), String($0.notDone),
                             String($0.notPossible), String($0.escalated)]
                        }, empty: "No actions agreed in the period.", widths: [30, 10, 10, 10, 10, 10, 10, 10], numeric: Set(1...7),
                        lastRowClass: g.actionsByAgency.isEmpty ? nil : "total")
                h.el("p", ReportContent.overdueDefinition + " " + ReportContent.actionsSource(g), class: "note")
                h.el("h3", "Attendance by agency")
                h.table(["Agency", "Present", "Apologies", "Absent"],
                        g.attendance.map { [$0.agency, String($0.present), String($0.apologies), String($0.absent)] },
                        empty: "No attendance recorded.", widths: [52, 16, 16, 16], numeric: [1, 2, 3])
                let meetings = Double(max(1, r.meetings.count))
                h.raw(barChart(title: "Meetings attended (present) by agency",
                               bars: g.attendance.map { ($0.agency, Double($0.present) / meetings, "present \($0.present) of \(r.meetings.count)") }))
                h.el("p", ReportContent.attendanceDefinition, class: "note")
            }

            if !report.problems.isEmpty {
                h.section("problems", "Problems") { h in h.list(ReportContent.problemLines(report)) }
            }
        }
        return h.text
    }

    /// What the report adds to the shared print stylesheet (HTMLRenderer.css).
    static let css = """

    .incomplete { border: 3px solid #000; padding: .5em; font-weight: bold; }
    .note { font-size: .9em; }
    svg { display: block; margin: .5em 0 1.5em; max-width: 100%; height: auto; }
    @media print { svg { break-inside: avoid; page-break-inside: avoid; } }
    """

    /// Each figure with a recommended range: a track from 0 to a rounded axis end, the range as a
    /// hatched band (so it prints in black and white), the figure as a solid bar, and the mark in words.
    static func rangeChart(_ figures: [Figure]) -> String {
        guard !figures.isEmpty else { return "" }
        let rowHeight = 34, left = 230, track = 330
        let height = figures.count * rowHeight + 10
        var s: [String] = []
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"820\" height=\"\(height)\" viewBox=\"0 0 820 \(height)\" role=\"img\" aria-label=\"Figures against their recommended ranges\">")
        s.append("<title>Figures against their recommended ranges</title>")
        s.append("<defs><pattern id=\"band\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#555\" stroke-width=\"2\"/></pattern></defs>")
        for (i, f) in figures.enumerated() {
            guard let range = f.range, let percent = f.percent, let mark = f.mark else { continue }
            let top = max(range.upper ?? range.lower, percent)
            let axis = min(100, max(10, ((top * 1.25) / 10).rounded(.up) * 10))
            func x(_ p: Double) -> Int { left + Int((min(p, axis) / axis * Double(track)).rounded()) }
            let y = 5 + i * rowHeight
            s.append("<text x=\"0\" y=\"\(y + 16)\" font-size=\"12\">\(esc(SafeText.truncate(f.label, 34)))</text>")
            s.append("<rect x=\"\(left)\" y=\"\(y + 4)\" width=\"\(track)\" height=\"16\" fill=\"#fff\" stroke=\"#000\"/>")
            let bandEnd = range.upper.map(x) ?? (left + track)
            s.append("<rect x=\"\(x(range.lower))\" y=\"\(y + 4)\" width=\"\(max(1, bandEnd - x(range.lower)))\" height=\"16\" fill=\"url(#band)\" stroke=\"#555\"/>")
            if x(percent) > left {
                s.append("<rect x=\"\(left)\" y=\"\(y + 9)\" width=\"\(x(percent) - left)\" height=\"6\" fill=\"#000\"/>")
            }
            s.append("<text x=\"\(left)\" y=\"\(y + 32)\" font-size=\"9\">0</text>")
            s.append("<text x=\"\(left + track)\" y=\"\(y + 32)\" font-size=\"9\" text-anchor=\"end\">\(formatNumber(axis)) %</text>")
            s.append("<text x=\"\(left + track + 8)\" y=\"\(y + 16)\" font-size=\"12\">\(formatPercent(percent)) % \(esc(mark.label)) (\(esc(range.label)))</text>")
        }
        s.append("</svg>")
        return s.joined(separator: "\n")
    }

    /// Horizontal bars: label, a bar for `fraction` of the width, and the value in words.
    static func barChart(title: String, bars: [(label: String, fraction: Double, value: String)]) -> String {
        guard !bars.isEmpty else { return "" }
        let rowHeight = 22, left = 230, track = 330
        let height = bars.count * rowHeight + 30
        var s: [String] = []
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"820\" height=\"\(height)\" viewBox=\"0 0 820 \(height)\" role=\"img\" aria-label=\"\(esc(title))\">")
        s.append("<title>\(esc(title))</title>")
        s.append("<text x=\"0\" y=\"14\" font-size=\"12\" font-weight=\"bold\">\(esc(title))</text>")
        for (i, b) in bars.enumerated() {
            let y = 24 + i * rowHeight
            let w = b.fraction > 0 ? max(1, Int((min(1, b.fraction) * Double(track)).rounded())) : 0
            s.append("<text x=\"0\" y=\"\(y + 13)\" font-size=\"12\">\(esc(SafeText.truncate(b.label, 34)))</text>")
            s.append("<rect x=\"\(left)\" y=\"\(y + 2)\" width=\"\(track)\" height=\"14\" fill=\"#fff\" stroke=\"#999\"/>")
            if w > 0 { s.append("<rect x=\"\(left)\" y=\"\(y + 2)\" width=\"\(w)\" height=\"14\" fill=\"#333\"/>") }
            s.append("<text x=\"\(left + track + 8)\" y=\"\(y + 13)\" font-size=\"12\">\(esc(b.value))</text>")
        }
        s.append("</svg>")
        return s.joined(separator: "\n")
    }

    /// Escapes text for XHTML content and attribute values, as the minutes' HTML does.
    static func esc(_ text: String) -> String { HTMLRenderer.escape(SafeText.line(text)) }
}

/// The formats `marac report --format` offers.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, md, csv, html
    /// One row a meeting, one column a figure (as SafeLives collects it).
    case meetingsCSV = "meetings-csv"
    /// A workbook: per meeting, and totals with ranges. Written to a file only.
    case xlsx

    /// The text of the report; for xlsx, the workbook's XML parts one after another, for searching
    /// (the command zips `ReportXlsxRenderer.workbook`).
    public func render(_ report: MaracReport) -> String {
        switch self {
        case .text: return ReportTextRenderer.render(report)
        case .md: return ReportMarkdownRenderer.render(report)
        case .csv: return ReportCSVRenderer.render(report)
        case .meetingsCSV: return ReportCSVRenderer.meetings(report)
        case .html: return ReportHTMLRenderer.render(report)
        case .xlsx: return ReportXlsxRenderer.workbook(report).parts().map(\.contents).joined(separator: "\n")
        }
    }

    public var isCSV: Bool { self == .csv || self == .meetingsCSV }
}
