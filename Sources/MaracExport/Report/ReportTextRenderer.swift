import MaracCore

/// The report for a terminal: plain text that fits 80 columns, with bar charts drawn in █ blocks.
public enum ReportTextRenderer {
    public static let width = 80

    public static func render(_ report: MaracReport) -> String {
        var out: [String] = []
        let r = report.dataReturn, g = report.governance
        out.append(ReportContent.marking)
        if let banner = ReportContent.incompleteBanner(report) { out += wrap("*** " + banner + " ***") }
        out.append("")
        out.append(ReportContent.title.uppercased())
        out.append("Period: \(report.period.heading)")
        out += wrap(ReportContent.subtitle(report))
        out.append("")

        out.append("DATA RETURN")
        out.append(rule())
        out.append(pad("Figure", 34) + lpad("Count", 6) + lpad("Of", 5) + lpad("%", 7) + "  " + pad("Range", 14) + "Mark")
        out.append(rule())
        for row in ReportContent.rows(r) {
            let numbers = lpad(row.count, 6) + lpad(row.of, 5) + lpad(row.percent, 7) + "  " + pad(row.range, 14) + row.mark
            if row.label.count > 33 {
                out += wrap(row.label)
                out.append(pad("", 34) + numbers)
            } else {
                out.append(pad(row.label, 34) + numbers)
            }
            for note in row.notes { out += wrap(note, indent: 4) }
        }
        out.append(rule())
        out += wrap(ReportContent.countingNote(r))
        out.append("")

        if let v = ReportContent.volume(r) {
            out += wrap(v.heading)
            out += wrap("Cases a year: \(v.casesPerYear)", indent: 2)
            out.append("  Recommended a year: \(v.recommended)")
            out += wrap("Share of the recommendation: \(v.share) (should be \(v.range))  \(v.mark)", indent: 2)
        } else {
            out += wrap("Recommended volume (40 cases a year per 10,000 adult women): give --adult-female-population to compare.")
        }
        out.append("")

        out.append("Referrals by source (of \(r.casesHeard.count) cases heard)")
        for f in r.referralSources {
            let share = f.percent ?? 0
            out.append("  " + pad(SafeText.truncate(SafeText.line(f.label), 23), 24) + lpad(String(f.count), 5)
                       + lpad(formatPercent(share), 7) + "  " + bar(share / 100, width: 36))
        }
        if r.referralSources.isEmpty { out.append("  (none)") }
        out.append("")

        out.append("Per meeting (SafeLives collects the return per meeting)")
        out.append(pad("Date", 10) + ReportContent.meetingColumns.map { lpad($0.short, 5) }.joined())
        for m in r.meetings {
            out.append(pad(m.date.uk, 10) + ReportContent.meetingValues(m).map { lpad(String($0), 5) }.joined())
        }
        out.append(pad("Total", 10) + totals(r).map { lpad(String($0), 5) }.joined())
        out += wrap("Key: " + ReportContent.meetingColumns.map { "\($0.short) \($0.long)" }.joined(separator: "; "))
        out.append("")
        let most = max(1, r.meetings.map(\.casesHeard).max() ?? 1)
        out.append("Cases heard per meeting")
        for m in r.meetings {
            out.append("  " + pad(m.date.uk, 11) + lpad(String(m.casesHeard), 4) + "  "
                       + bar(Double(m.casesHeard) / Double(most), width: 50))
        }
        out.append("")

        out.append("GOVERNANCE (for the steering group)")
        out.append(rule())
        out += wrap(ReportContent.timePerCase(g))
        out += wrap(ReportContent.overruns(g))
        if let untimed = ReportContent.untimed(g) { out += wrap(untimed) }
        out += wrap(ReportContent.casesPerMeeting(g))
        out += wrap(ReportContent.referralDelay(g))
        out.append("")

        out += wrap(ReportContent.actionsHeading(g))
        out.append(pad("Agency", 24) + lpad("Agreed", 7) + lpad("Done", 5) + lpad("Open", 5) + lpad("Overdue", 8)
                   + lpad("Not done", 9) + lpad("Not poss", 9) + lpad("Escalated", 10))
        for a in g.actionsByAgency + (g.actionsByAgency.isEmpty ? [] : [g.totalActions]) {
            out.append(pad(SafeText.truncate(a.agency, 23), 24) + lpad(String(a.agreed), 7) + lpad(String(a.done), 5)
                       + lpad(String(a.open), 5) + lpad(String(a.overdue), 8) + lpad(String(a.notDone), 9)
                       + lpad(String(a.notPossible), 9) + lpad(String(a.escalated), 10))
        }
        if g.actionsByAgency.isEmpty { out.append("  (no actions agreed)") }
        out += wrap(ReportContent.overdueDefinition)
        out += wrap(ReportContent.actionsSource(g))
        out.append("")

        out.append("Attendance by agency (\(r.meetings.count) meetings; bar = meetings present)")
        out.append(pad("Agency", 24) + lpad("Present", 8) + lpad("Apologies", 10) + lpad("Absent", 8))
        let meetings = max(1, r.meetings.count)
        for a in g.attendance {
            out.append(pad(SafeText.truncate(a.agency, 23), 24) + lpad(String(a.present), 8) + lpad(String(a.apologies), 10)
                       + lpad(String(a.absent), 8) + "  " + bar(Double(a.present) / Double(meetings), width: 28))
        }
        if g.attendance.isEmpty { out.append("  (no attendance recorded)") }
        out += wrap(ReportContent.attendanceDefinition)

        if !report.problems.isEmpty {
            out.append("")
            out.append("PROBLEMS")
            for line in ReportContent.problemLines(report) { out += wrap(line, indent: 2) }
        }
        out.append("")
        out.append(ReportContent.marking)
        return out.map(trimTrailingSpaces).joined(separator: "\n") + "\n"
    }

    static func totals(_ r: DataReturn) -> [Int] { ReportContent.sums(r, ReportContent.meetingValues) }

    /// A bar of `fraction × width` blocks; at least one block for anything above zero.
    static func bar(_ fraction: Double, width: Int) -> String {
        guard fraction > 0 else { return "" }
        let n = min(width, max(1, Int((fraction * Double(width)).rounded())))
        return String(repeating: "█", count: n)
    }

    static func trimTrailingSpaces(_ line: String) -> String {
        var s = Substring(line)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }

    static func rule() -> String { String(repeating: "─", count: width) }

    static func pad(_ s: String, _ w: Int) -> String {
        s.count >= w ? s : s + String(repeating: " ", count: w - s.count)
    }

    static func lpad(_ s: String, _ w: Int) -> String {
        s.count >= w ? " " + s : String(repeating: " ", count: w - s.count) + s
    }

    /// Word-wraps to 80 columns; a word longer than a line is cut.
    static func wrap(_ text: String, indent: Int = 0) -> [String] {
        let room = width - indent
        var lines: [String] = []
        var current = ""
        for word in SafeText.line(text).split(separator: " ") {
            var w = String(word)
            while w.count > room { if !current.isEmpty { lines.append(current); current = "" }; lines.append(String(w.prefix(room))); w = String(w.dropFirst(room)) }
            if current.isEmpty { current = w }
            else if current.count + 1 + w.count <= room { current += " " + w }
            else { lines.append(current); current = w }
        }
        if !current.isEmpty { lines.append(current) }
        let prefix = String(repeating: " ", count: indent)
        return lines.map { prefix + $0 }
    }
}
