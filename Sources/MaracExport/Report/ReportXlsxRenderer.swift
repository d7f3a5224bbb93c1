import MaracCore

/// The data return as a workbook: "Per meeting" laid out as SafeLives collects it (one row a
/// meeting, one column a figure, unknown counts beside the figures that can be blank, a total row),
/// and "Totals" with each figure's share of cases heard, its recommended range and the mark.
public enum ReportXlsxRenderer {
    public static func workbook(_ report: MaracReport) -> Workbook {
        let r = report.dataReturn
        var book = Workbook(title: ReportContent.title + " — " + report.period.heading, marking: ReportContent.marking)
        var notes = [ReportContent.marking, ReportContent.countingNote(r)]
        if let banner = ReportContent.incompleteBanner(report) { notes.insert(banner, at: 1) }

        let columns: [Workbook.Column] = [.init("Meeting date", width: 12), .init("Meeting", width: 24, wrap: true)]
            + ReportCSVRenderer.meetingTitles.map { .init($0, width: 10, wrap: true) }
        var rows: [[Workbook.Cell]] = r.meetings.map { m in
            [.date(m.date), .text(SafeText.line(m.meetingID))] + ReportCSVRenderer.interleaved(m).map(Workbook.Cell.number)
        }
        rows.append([.text("Total"), .text(report.period.heading)] + ReportCSVRenderer.interleavedTotals(r).map(Workbook.Cell.number))
        book.sheet("Per meeting", columns: columns, rows: rows, notes: notes)

        let totals: [[Workbook.Cell]] = r.figures.map { f in
            let row = ReportContent.row(f)
            return [.text(row.label), .number(f.count), f.denominator.map(Workbook.Cell.number) ?? .empty,
                    f.percent.map { Workbook.Cell.decimal(($0 * 10).rounded() / 10) } ?? .empty, .number(f.unknown),
                    .text(row.range), .text(row.mark), .text(row.notes.joined(separator: "; "))]
        } + r.referralSources.map { f in
            [.text("Referrals from " + SafeText.line(f.label)), .number(f.count), f.denominator.map(Workbook.Cell.number) ?? .empty,
             f.percent.map { Workbook.Cell.decimal(($0 * 10).rounded() / 10) } ?? .empty, .empty, .empty, .empty, .empty]
        }
        book.sheet("Totals", columns: [
            .init("Figure", width: 40, wrap: true), .init("Count", width: 8), .init("Of", width: 8), .init("%", width: 8),
            .init("Unknown", width: 9), .init("Recommended range", width: 18, wrap: true), .init("Mark", width: 16, wrap: true),
            .init("Notes", width: 44, wrap: true),
        ], rows: totals, notes: notes)
        return book
    }
}
