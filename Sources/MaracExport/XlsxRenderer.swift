import MaracCore

/// Actions and packs as Excel workbooks: the CSV's columns, typed (dates are dates), with the
/// marking in the print header and the confidentiality reminder under the table.
public enum XlsxRenderer {
    public static func actions(_ m: Minutes) -> Workbook {
        var book = Workbook(title: (m.meeting.training ? "TRAINING — " : "") + "Marac actions — \(m.meeting.area), \(m.meeting.date.uk)",
                            marking: Marking.marking(training: m.meeting.training))
        book.sheet("Actions", columns: [
            .init("Meeting date", width: 12), .init("Action ID", width: 21), .init("Case", width: 11),
            .init("Action", width: 48, wrap: true), .init("Owner", width: 20, wrap: true), .init("Due", width: 11),
            .init("Category", width: 15), .init("Status", width: 14, wrap: true), .init("Escalated", width: 9),
            .init("SMART check", width: 34, wrap: true),
        ], rows: m.allActions.map { a in
            [.date(m.meeting.date), .text(a.id), .text(a.caseRef), .text(a.text), .text(a.owner), a.due.map(Workbook.Cell.date) ?? .empty,
             .text(a.categoryText), .text(a.statusText), .text(a.escalated ? "yes" : "no"),
             .text(a.findings.isEmpty ? (a.status == .withdrawn ? "" : "SMART") : a.findings.map { $0.message }.joined(separator: "; "))]
        }, notes: [Marking.restricted, Marking.reminder])
        return book
    }

    public static func pack(_ p: AgencyPack) -> Workbook {
        var book = Workbook(title: (p.training ? "TRAINING — " : "") + "Marac actions for \(p.agency) — \(p.area), \(p.meetingDate.uk)",
                            marking: Marking.marking(training: p.training))
        // The agency is a column too (not only the sheet's name, which Excel cuts and strips), so a
        // returned pack says whose it is; Status, On and Note are blank for the agency to fill in.
        var columns: [Workbook.Column] = [.init("Action ID", width: 21), .init("Agency", width: 16, wrap: true), .init("Case", width: 11)]
        if p.identifiesVictim { columns.append(.init("Victim", width: 20, wrap: true)) }
        columns += [.init("Action", width: 48, wrap: true), .init("Due", width: 11), .init("Category", width: 15)]
        columns += [.init("Status", width: 12), .init("On", width: 11), .init("Note", width: 36, wrap: true)]
        book.sheet(p.agency, columns: columns, rows: p.actions.map { a in
            var row: [Workbook.Cell] = [.text(a.id), .text(p.agency), .text(a.caseRef)]
            if p.identifiesVictim { row.append(.text(a.victim ?? "")) }
            row += [.text(a.text), a.due.map(Workbook.Cell.date) ?? .empty, .text(a.category?.label ?? "none")]
            row += AgencyPack.returnColumns.map { _ in Workbook.Cell.empty }
            return row
        }, notes: [Marking.marking(training: p.training), Marking.reminder,
                   "To report back: fill in Status (\(ReturnStatus.wordList); a note with Status left blank is a progress note), "
                       + "On (the day it happened) and Note, "
                       + "and return this file to the Marac coordinator.",
                   "Journal final hash: " + p.journalHash + (p.journalVerified ? " (verified)" : " (NOT verified)")])
        return book
    }

    /// A plain table as a one-sheet workbook: for any list another command prints (`marac actions
    /// list --format xlsx`). Cells are typed by the caller.
    public static func table(title: String, sheet: String, columns: [Workbook.Column], rows: [[Workbook.Cell]]) -> Workbook {
        var book = Workbook(title: title, marking: Marking.restricted)
        book.sheet(sheet, columns: columns, rows: rows, notes: [Marking.restricted, Marking.reminder])
        return book
    }
}
