import MaracCore

/// The report as one self-contained, print-friendly XHTML file with inline SVG charts: no
/// scripts, no external requests, everything from the records HTML-escaped.
public enum ReportHTMLRenderer {
    public static func render(_ report: MaracReport) -> String {
        let r = report.dataReturn, g = report.governance
        var h: [String] = []
        h.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        h.append("<!DOCTYPE html>")
        h.append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en-GB\" xml:lang=\"en-GB\">")
        h.append("<head>")
        h.append("<meta charset=\"utf-8\"/>")
        h.append("<title>\(esc(ReportContent.title)) — \(esc(report.period.heading))</title>")
        h.append("<style>\(css)</style>")
        h.append("</head>")
        h.append("<body>")
        h.append("<p class=\"marking\">\(esc(ReportContent.marking))</p>")
        if let banner = ReportContent.incompleteBanner(report) {
            h.append("<p class=\"incomplete\"><strong>\(esc(banner))</strong></p>")
        }
        h.append("<h1>\(esc(ReportContent.title))</h1>")
        h.append("<p>Period: <strong>\(esc(report.period.heading))</strong> · \(esc(ReportContent.subtitle(report)))</p>")

        h.append("<h2>Data return</h2>")
        h.append("<table><thead><tr><th>Figure</th><th class=\"n\">Count</th><th class=\"n\">Of</th><th class=\"n\">%</th><th>Recommended range</th><th>Mark</th><th>Notes</th></tr></thead><tbody>")
        for (figure, row) in zip(r.figures, ReportContent.rows(r)) {
            let cls = figure.mark.map { " class=\"mark-\($0.word)\"" } ?? ""
            h.append("<tr><td>\(esc(row.label))</td><td class=\"n\">\(row.count)</td><td class=\"n\">\(row.of)</td><td class=\"n\">\(row.percent)</td><td>\(esc(row.range))</td><td\(cls)>\(esc(row.mark))</td><td>\(esc(row.notes.joined(separator: "; ")))</td></tr>")
        }
        h.append("</tbody></table>")
        h.append("<p class=\"note\">\(esc(ReportContent.countingNote(r)))</p>")
        h.append(rangeChart(r.figures.filter { $0.range != nil && $0.percent != nil }))

        if let v = ReportContent.volume(r) {
            h.append("<h3>Recommended volume</h3>")
            h.append("<p>\(esc(v.heading))</p>")
            h.append("<ul><li>Cases a year: \(esc(v.casesPerYear))</li><li>Recommended a year: \(esc(v.recommended))</li>")
            h.append("<li>Share of the recommendation: \(esc(v.share)) (should be \(esc(v.range))) — <strong>\(esc(v.mark))</strong></li></ul>")
        } else {
            h.append("<p class=\"note\">Recommended volume (40 cases a year per 10,000 adult women): give --adult-female-population to compare.</p>")
        }

        h.append("<h3>Referrals by source</h3>")
        h.append("<table><thead><tr><th>Referring agency</th><th class=\"n\">Cases</th><th class=\"n\">% of cases heard</th></tr></thead><tbody>")
        for f in r.referralSources {
            h.append("<tr><td>\(esc(f.label))</td><td class=\"n\">\(f.count)</td><td class=\"n\">\(f.percent.map(formatPercent) ?? "")</td></tr>")
        }
        h.append("</tbody></table>")
        h.append(barChart(title: "Referrals by source, % of cases heard",
                          bars: r.referralSources.map { ($0.label, ($0.percent ?? 0) / 100, "\($0.count) · \(formatPercent($0.percent ?? 0)) %") }))

        h.append("<h3>Per meeting</h3>")
        h.append("<p class=\"note\">SafeLives collects the return per meeting.</p>")
        h.append("<table><thead><tr><th>Date</th>" + ReportContent.meetingColumns.map { "<th class=\"n\">\(esc($0.long))</th>" }.joined() + "</tr></thead><tbody>")
        for m in r.meetings {
            h.append("<tr><td>\(m.date.uk)</td>" + ReportContent.meetingValues(m).map { "<td class=\"n\">\($0)</td>" }.joined() + "</tr>")
        }
        h.append("<tr class=\"total\"><td>Total</td>" + ReportTextRenderer.totals(r).map { "<td class=\"n\">\($0)</td>" }.joined() + "</tr>")
        h.append("</tbody></table>")
        let most = Double(max(1, r.meetings.map(\.casesHeard).max() ?? 1))
        h.append(barChart(title: "Cases heard per meeting",
                          bars: r.meetings.map { ($0.date.uk, Double($0.casesHeard) / most, String($0.casesHeard)) }))

        h.append("<h2>Governance</h2>")
        h.append("<ul>")
        h.append("<li>\(esc(ReportContent.timePerCase(g)))</li>")
        h.append("<li>\(esc(ReportContent.overruns(g)))</li>")
        if let untimed = ReportContent.untimed(g) { h.append("<li>\(esc(untimed))</li>") }
        h.append("<li>\(esc(ReportContent.casesPerMeeting(g)))</li>")
        h.append("<li>\(esc(ReportContent.referralDelay(g)))</li>")
        h.append("</ul>")
        h.append("<h3>\(esc(ReportContent.actionsHeading(g)))</h3>")
        h.append("<table><thead><tr><th>Agency</th><th class=\"n\">Agreed</th><th class=\"n\">Done</th><th class=\"n\">Open</th><th class=\"n\">Overdue</th><th class=\"n\">Not done</th><th class=\"n\">Not possible</th><th class=\"n\">Escalated</th></tr></thead><tbody>")
        for a in g.actionsByAgency + (g.actionsByAgency.isEmpty ? [] : [g.totalActions]) {
            h.append("<tr><td>\(esc(a.agency))</td><td class=\"n\">\(a.agreed)</td><td class=\"n\">\(a.done)</td><td class=\"n\">\(a.open)</td><td class=\"n\">\(a.overdue)</td><td class=\"n\">\(a.notDone)</td><td class=\"n\">\(a.notPossible)</td><td class=\"n\">\(a.escalated)</td></tr>")
        }
        h.append("</tbody></table>")
        h.append("<p class=\"note\">\(esc(ReportContent.overdueDefinition)) \(esc(ReportContent.actionsSource(g)))</p>")
        h.append("<h3>Attendance by agency</h3>")
        h.append("<table><thead><tr><th>Agency</th><th class=\"n\">Present</th><th class=\"n\">Apologies</th><th class=\"n\">Absent</th></tr></thead><tbody>")
        for a in g.attendance {
            h.append("<tr><td>\(esc(a.agency))</td><td class=\"n\">\(a.present)</td><td class=\"n\">\(a.apologies)</td><td class=\"n\">\(a.absent)</td></tr>")
        }
        h.append("</tbody></table>")
        let meetings = Double(max(1, r.meetings.count))
        h.append(barChart(title: "Meetings attended (present) by agency",
                          bars: g.attendance.map { ($0.agency, Double($0.present) / meetings, "present \($0.present) of \(r.meetings.count)") }))
        h.append("<p class=\"note\">\(esc(ReportContent.attendanceDefinition))</p>")

        if !report.problems.isEmpty {
            h.append("<h2>Problems</h2><ul>")
            for line in ReportContent.problemLines(report) { h.append("<li>\(esc(line))</li>") }
            h.append("</ul>")
        }
        h.append("<p class=\"marking\">\(esc(ReportContent.marking))</p>")
        h.append("</body>")
        h.append("</html>")
        return h.joined(separator: "\n") + "\n"
    }

    static let css = """
    body{font-family:system-ui,sans-serif;color:#000;background:#fff;margin:2em;max-width:60em}\
    table{border-collapse:collapse;margin:.5em 0 1em}th,td{border:1px solid #666;padding:.2em .5em;text-align:left;vertical-align:top}\
    th.n,td.n{text-align:right}tr.total td{font-weight:bold}.marking{font-weight:bold;text-align:center;letter-spacing:.05em}\
    .incomplete{border:3px solid #000;padding:.5em}.note{font-size:.9em}.mark-within{font-weight:normal}\
    .mark-below,.mark-above{font-weight:bold}svg{display:block;margin:.5em 0 1.5em;max-width:100%}\
    @media print{body{margin:0;max-width:none}h2{page-break-before:auto}table,svg{page-break-inside:avoid}}\
    @page{margin:15mm}
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

    public func render(_ report: MaracReport) -> String {
        switch self {
        case .text: return ReportTextRenderer.render(report)
        case .md: return ReportMarkdownRenderer.render(report)
        case .csv: return ReportCSVRenderer.render(report)
        case .html: return ReportHTMLRenderer.render(report)
        }
    }
}
