import MaracCore

/// Actions as RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, a
/// quote or a line break, quotes doubled. Dates are ISO (`yyyy-mm-dd`), which every spreadsheet reads
/// the same way. A cell that a spreadsheet would run as a formula is neutralised with a leading `'`.
///
/// The marking and the reminder cannot sit above a data table without breaking it for the programs
/// that read it, so every row carries them instead: the marking first, the reminder last (`handling`).
public enum CSVRenderer {
    public static let actionsHeader = [
        "marking", "meeting_id", "meeting_date", "action_id", "case_ref", "action", "owner_agency", "due_date",
        "category", "status", "escalated", "smart_findings", "handling",
    ]

    public static let packHeader = [
        "marking", "meeting_id", "meeting_date", "agency", "action_id", "case_ref", "action", "due_date", "category",
        "handling",
    ]

    public static func actions(_ m: Minutes) -> String {
        var rows = [actionsHeader]
        for a in m.allActions {
            rows.append([
                Marking.marking(training: m.meeting.training), m.meeting.id, m.meeting.date.iso, a.id, a.caseRef, a.text, a.owner, a.due?.iso ?? "",
                a.category?.rawValue ?? "", a.status.rawValue, a.escalated ? "yes" : "no",
                a.findings.map { $0.code + ": " + $0.message }.joined(separator: "; "), Marking.reminder,
            ])
        }
        return table(rows)
    }

    /// A pack that names victims (the default) has a `victim` column after `case_ref`.
    public static func pack(_ p: AgencyPack) -> String {
        var header = packHeader
        if p.identifiesVictim { header.insert("victim", at: header.firstIndex(of: "case_ref")! + 1) }
        var rows = [header]
        for a in p.actions {
            rows.append([Marking.marking(training: p.training), p.meetingID, p.meetingDate.iso, p.agency, a.id, a.caseRef]
                        + (p.identifiesVictim ? [a.victim ?? ""] : [])
                        + [a.text, a.due?.iso ?? "", a.category?.rawValue ?? "", Marking.reminder])
        }
        return table(rows)
    }

    static func table(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One field: neutralised, then quoted if it needs to be.
    static func field(_ raw: String) -> String {
        let value = neutralise(raw)
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || value.first?.isWhitespace == true || value.last?.isWhitespace == true
        guard needsQuotes else { return value }
        var out = "\""
        for ch in value.unicodeScalars {
            if ch == "\"" { out += "\"\"" } else { out.unicodeScalars.append(ch) }
        }
        return out + "\""
    }

    /// Spreadsheets run a cell beginning `=`, `+`, `-`, `@`, tab or CR as a formula (OWASP "CSV
    /// injection"). A leading apostrophe makes it text. Leading spaces are looked through, because some
    /// spreadsheets trim them before deciding.
    static func neutralise(_ value: String) -> String {
        let trigger: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]
        guard let first = value.unicodeScalars.first(where: { $0 != " " }), trigger.contains(first) else { return value }
        return "'" + value
    }
}
