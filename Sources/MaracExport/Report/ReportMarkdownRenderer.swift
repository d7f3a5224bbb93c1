import MaracCore

/// The report as Markdown (for the Partnership Board pack or a wiki).
public enum ReportMarkdownRenderer {
    public static func render(_ report: MaracReport) -> String {
        let r = report.dataReturn, g = report.governance
        var out: [String] = []
        out.append("**\(ReportContent.marking)**")
        out.append("")
        if let banner = ReportContent.incompleteBanner(report) { out += ["> **\(esc(banner))**", ""] }
        out.append("# \(ReportContent.title)")
        out.append("")
        out.append("Period: **\(esc(report.period.heading))** · \(esc(ReportContent.subtitle(report)))")
        out.append("")

        out.append("## Data return")
        out.append("")
        out.append("| Figure | Count | Of | % | Recommended range | Mark | Notes |")
        out.append("|---|---:|---:|---:|---|---|---|")
        for row in ReportContent.rows(r) {
            out.append("| \(esc(row.label)) | \(row.count) | \(row.of) | \(row.percent) | \(esc(row.range)) | \(row.mark) | \(esc(row.notes.joined(separator: "; "))) |")
        }
        out.append("")
        out.append(esc(ReportContent.countingNote(r)))
        out.append("")
        if let v = ReportContent.volume(r) {
            out.append("### Recommended volume")
            out.append("")
            out.append(esc(v.heading))
            out.append("")
            out.append("- Cases a year: \(esc(v.casesPerYear))")
            out.append("- Recommended a year: \(v.recommended)")
            out.append("- Share of the recommendation: \(v.share) (should be \(esc(v.range))) — **\(v.mark)**")
        } else {
            out.append("Recommended volume (40 cases a year per 10,000 adult women): give `--adult-female-population` to compare.")
        }
        out.append("")

        out.append("### Referrals by source")
        out.append("")
        out.append("| Referring agency | Cases | % of cases heard |")
        out.append("|---|---:|---:|")
        for f in r.referralSources {
            out.append("| \(esc(f.label)) | \(f.count) | \(f.percent.map(formatPercent) ?? "") |")
        }
        out.append("")

        out.append("### Per meeting")
        out.append("")
        out.append("SafeLives collects the return per meeting.")
        out.append("")
        out.append("| Date | " + ReportContent.meetingColumns.map { esc($0.long.prefix(1).uppercased() + $0.long.dropFirst()) }.joined(separator: " | ") + " |")
        out.append("|---|" + String(repeating: "---:|", count: ReportContent.meetingColumns.count))
        for m in r.meetings {
            out.append("| \(m.date.uk) | " + ReportContent.meetingValues(m).map(String.init).joined(separator: " | ") + " |")
        }
        out.append("| **Total** | " + ReportTextRenderer.totals(r).map { "**\($0)**" }.joined(separator: " | ") + " |")
        out.append("")

        out.append("## Governance")
        out.append("")
        out.append("- \(esc(ReportContent.timePerCase(g)))")
        out.append("- \(esc(ReportContent.overruns(g)))")
        if let untimed = ReportContent.untimed(g) { out.append("- \(esc(untimed))") }
        out.append("- \(esc(ReportContent.casesPerMeeting(g)))")
        out.append("- \(esc(ReportContent.referralDelay(g)))")
        out.append("")
        out.append("### \(esc(ReportContent.actionsHeading(g)))")
        out.append("")
        out.append("| Agency | Agreed | Done | Open | Overdue | Not done | Not possible | Escalated |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
        for a in g.actionsByAgency + (g.actionsByAgency.isEmpty ? [] : [g.totalActions]) {
            out.append("| \(esc(a.agency)) | \(a.agreed) | \(a.done) | \(a.open) | \(a.overdue) | \(a.notDone) | \(a.notPossible) | \(a.escalated) |")
        }
        out.append("")
        out.append(esc(ReportContent.overdueDefinition) + " " + esc(ReportContent.actionsSource(g)))
        out.append("")
        out.append("### Attendance by agency")
        out.append("")
        out.append("| Agency | Present | Apologies | Absent |")
        out.append("|---|---:|---:|---:|")
        for a in g.attendance {
            out.append("| \(esc(a.agency)) | \(a.present) | \(a.apologies) | \(a.absent) |")
        }
        out.append("")
        out.append(esc(ReportContent.attendanceDefinition))
        out.append("")
        if !report.problems.isEmpty {
            out.append("## Problems")
            out.append("")
            for line in ReportContent.problemLines(report) { out.append("- \(esc(line))") }
            out.append("")
        }
        out.append("**\(ReportContent.marking)**")
        return out.joined(separator: "\n") + "\n"
    }

    /// Escapes Markdown and table syntax in text from records, so a name cannot make a link or break a table.
    static func esc(_ text: String) -> String {
        var out = ""
        for ch in SafeText.line(text) {
            if "\\`*_[]<>|#!~".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
