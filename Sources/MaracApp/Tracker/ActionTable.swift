import Foundation
import MaracCore
import MaracExport

/// Lists of tracked actions as text (wrapped to the terminal), CSV, Markdown and JSON.
enum ActionTable {
    static func lateText(_ days: Int?) -> String {
        guard let days else { return "" }
        return days == 1 ? "1 day" : "\(days) days"
    }

    static func statusText(_ a: TrackedAction) -> String {
        var s = a.isOpen ? "open" : a.status.rawValue
        if let on = a.closedOn { s += " \(on.uk)" }
        if a.escalated && a.status != .notDone { s += " (escalated)" }
        return s
    }

    /// Grouped by agency (in the order given: A–Z), the action text wrapped at `width` columns.
    static func text(_ rows: [TrackedAction], day: CalendarDate, width: Int, showStatus: Bool) -> String {
        let clean = rows.map { a in
            (id: SafeText.line(a.action.id), ref: SafeText.truncate(SafeText.line(a.action.caseRef), 16),
             due: a.action.due?.uk ?? "none", late: lateText(a.daysOverdue(on: day)), status: statusText(a),
             text: SafeText.line(a.action.text), owner: SafeText.line(a.action.owner).trimmingWhitespace())
        }
        var columns: [(title: String, width: Int, value: (Int) -> String)] = [
            ("ID", max(2, clean.map(\.id.count).max() ?? 0), { clean[$0].id }),
            ("Case", max(4, clean.map(\.ref.count).max() ?? 0), { clean[$0].ref }),
            ("Due", 10, { clean[$0].due }),
            ("Overdue", max(7, clean.map(\.late.count).max() ?? 0), { clean[$0].late }),
        ]
        if showStatus { columns.append(("Status", max(6, clean.map(\.status.count).max() ?? 0), { clean[$0].status })) }
        func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
        let indent = 2 + columns.reduce(0) { $0 + $1.width + 2 }
        // Below 30 columns for the text, it goes on its own lines under the row instead.
        let room = max(1, width - indent)
        let textOwnLine = room < 30
        let textWidth = textOwnLine ? max(20, width - 4) : room

        var out = ""
        var start = 0
        while start < clean.count {
            var end = start
            while end < clean.count && sameAgency(clean[end].owner, clean[start].owner) { end += 1 }
            out += "\n\(clean[start].owner) (\(end - start))\n"
            out += "  " + columns.map { pad($0.title, $0.width) }.joined(separator: "  ") + (textOwnLine ? "" : "  Action") + "\n"
            for i in start..<end {
                let lead = "  " + columns.map { pad($0.value(i), $0.width) }.joined(separator: "  ")
                let wrapped = wrap(clean[i].text, width: textWidth)
                if textOwnLine {
                    out += lead.trimmingTrailingSpaces() + "\n"
                    for line in wrapped { out += "    " + line + "\n" }
                } else {
                    out += lead + "  " + (wrapped.first ?? "") + "\n"
                    for line in wrapped.dropFirst() { out += String(repeating: " ", count: indent) + line + "\n" }
                }
            }
            start = end
        }
        return out
    }

    /// Word wrap at `width` characters; a word longer than the width is cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var w = String(word)
            while w.count > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(w.prefix(width)))
                w = String(w.dropFirst(width))
            }
            if current.isEmpty { current = w } else if current.count + 1 + w.count <= width { current += " " + w } else {
                lines.append(current); current = w
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    static let csvHeader = ["action_id", "meeting_id", "meeting_date", "agency", "case_ref", "action", "due_date", "days_overdue",
                            "category", "status", "closed_on", "escalated", "last_note"]

    static func csvRow(_ a: TrackedAction, day: CalendarDate) -> [String] {
        [a.action.id, a.meetingID, a.action.meetingDate.iso, a.action.owner, a.action.caseRef, a.action.text,
         a.action.due?.iso ?? "", a.daysOverdue(on: day).map(String.init) ?? "", a.action.category?.rawValue ?? "",
         a.status.rawValue, a.closedOn?.iso ?? "", a.escalated ? "yes" : "no", a.history.last(where: { $0.kind != .agreed })?.note ?? ""]
    }

    static func csv(_ rows: [TrackedAction], day: CalendarDate) -> String {
        CSVText.table([csvHeader] + rows.map { csvRow($0, day: day) })
    }

    /// The same columns as the CSV, as a workbook (dates as real dates, days overdue as numbers).
    static func xlsx(_ rows: [TrackedAction], day: CalendarDate, title: String) throws(CommandFailure) -> [UInt8] {
        var book = Workbook(title: title, marking: Marking.restricted)
        let columns = [Workbook.Column("Action ID", width: 24), Workbook.Column("Meeting", width: 22), Workbook.Column("Meeting date", width: 12),
                       Workbook.Column("Agency", width: 22), Workbook.Column("Case", width: 12), Workbook.Column("Action", width: 50, wrap: true),
                       Workbook.Column("Due", width: 12), Workbook.Column("Days overdue", width: 10), Workbook.Column("Category", width: 16),
                       Workbook.Column("Status", width: 14), Workbook.Column("Closed on", width: 12), Workbook.Column("Escalated", width: 9),
                       Workbook.Column("Last note", width: 40, wrap: true)]
        func date(_ d: CalendarDate?) -> Workbook.Cell { d.map { Workbook.Cell.date($0) } ?? .empty }
        func row(_ a: TrackedAction) -> [Workbook.Cell] {
            var r: [Workbook.Cell] = [.text(a.action.id), .text(a.meetingID), .date(a.action.meetingDate), .text(a.action.owner)]
            r += [.text(a.action.caseRef), .text(a.action.text), date(a.action.due)]
            let late: Workbook.Cell = a.daysOverdue(on: day).map { Workbook.Cell.number($0) } ?? .empty
            r += [late, .text(a.action.category?.rawValue ?? ""), .text(a.status.rawValue), date(a.closedOn)]
            r += [.text(a.escalated ? "yes" : "no"), .text(a.history.last(where: { $0.kind != .agreed })?.note ?? "")]
            return r
        }
        let cells = rows.map(row)
        book.sheet("Actions", columns: columns, rows: cells, notes: [Marking.reminder])
        return try OfficePackage.zip(book.parts())
    }

    static func markdown(_ rows: [TrackedAction], day: CalendarDate, heading: String) -> String {
        func cell(_ s: String) -> String { MarkdownText.cell(s) }
        var out = "# \(cell(heading))\n"
        var start = 0
        if rows.isEmpty { out += "\nNothing to show.\n" }
        while start < rows.count {
            var end = start
            while end < rows.count && sameAgency(rows[end].action.owner, rows[start].action.owner) { end += 1 }
            out += "\n## \(cell(rows[start].action.owner)) (\(end - start))\n\n"
            out += "| ID | Case | Due | Overdue | Status | Action |\n|---|---|---|---|---|---|\n"
            for a in rows[start..<end] {
                out += "| \(cell(a.action.id)) | \(cell(a.action.caseRef)) | \(a.action.due?.uk ?? "none") | \(lateText(a.daysOverdue(on: day))) | "
                    + "\(cell(statusText(a))) | \(cell(a.action.text)) |\n"
            }
            start = end
        }
        return out
    }

    struct JSONAction: Encodable {
        var id, meetingID, meetingDate, agency, caseRef, text: String
        var due: String?
        var daysOverdue: Int?
        var category: String?
        var status: String
        var closedOn: String?
        var escalated: Bool
        var history: [JSONEvent]
    }
    struct JSONEvent: Encodable {
        var kind, on, typedAt: String
        var by: String?
        var note: String
        var status: String
        var due: String?
        var agency: String?
        var file: String
    }

    static func json(_ rows: [TrackedAction], day: CalendarDate) -> String {
        let items = rows.map { a in
            JSONAction(id: a.action.id, meetingID: a.meetingID, meetingDate: a.action.meetingDate.iso, agency: a.action.owner,
                       caseRef: a.action.caseRef, text: a.action.text, due: a.action.due?.iso, daysOverdue: a.daysOverdue(on: day),
                       category: a.action.category?.rawValue, status: a.status.rawValue, closedOn: a.closedOn?.iso, escalated: a.escalated,
                       history: a.history.map { e in
                           JSONEvent(kind: e.kind.rawValue, on: e.on.iso,
                                     typedAt: ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(e.at) / 1000)),
                                     by: e.by, note: e.note, status: e.status.rawValue, due: e.due?.iso, agency: e.agency, file: e.file)
                       })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? encoder.encode(items)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// The tracker's CSV: one line per row, then the exports' own escaper (`Escape.csv`: RFC 4180,
/// CRLF, formula cells made text with a leading `'`).
enum CSVText {
    static func table(_ rows: [[String]]) -> String { Escape.csvTable(rows.map { $0.map(SafeText.line) }) }
}

/// The tracker's Markdown: one line per cell, then the exports' own escaper (`Escape.markdown`).
enum MarkdownText {
    static func cell(_ raw: String) -> String { Escape.markdown(SafeText.line(raw)) }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
