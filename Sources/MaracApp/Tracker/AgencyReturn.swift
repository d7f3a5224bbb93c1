import Crypto
import Foundation
import MaracCore
import MaracExport
import MaracJournal

/// `marac actions DIR import FILE`: an agency's returned chaser or pack (CSV or xlsx), applied as tracker
/// events all or nothing. Every row is checked first, under the tracker's lock; one bad row (named
/// by row and column) and nothing is applied. The file's SHA-256 is kept with each update, so the
/// same file imported again applies nothing; an update already recorded (the same outcome, day and
/// note, e.g. from a re-saved copy) is skipped rather than refused.
public enum AgencyReturn {
    /// Rows of a returned file as text cells: for CSV with the 1-based line each row starts on, for a
    /// workbook with the sheet's row number.
    struct Row {
        var line: Int
        var cells: [String]
        /// Workbook cells (by column) that hold a formula or an error instead of a value.
        var notValues: [Int: String] = [:]
    }

    /// A returned file read into rows, and how to name a place in it.
    struct Table {
        var rows: [Row]
        /// A workbook: rows and column letters as the spreadsheet shows them, typed cells (no
        /// leading apostrophe to remove, and text starting `=` is text, not a formula).
        var isWorkbook: Bool
    }

    /// The first sheet of a workbook as rows of text, blank cells as empty strings.
    static func table(_ sheet: XlsxTable.Sheet) -> Table {
        let rows = sheet.rows.compactMap { r -> Row? in
            guard let last = r.cells.keys.max() else { return nil }
            var row = Row(line: r.number, cells: Array(repeating: "", count: last + 1))
            for (column, cell) in r.cells {
                switch cell.kind {
                case .value: row.cells[column] = cell.text
                case .formula: row.notValues[column] = "is a formula, not a value: type the value itself"
                case .error: row.notValues[column] = "shows an error (\(SafeText.truncate(SafeText.line(cell.text), 20))), not a value: type the value itself"
                }
                if cell.kind != .value && row.cells[column].isEmpty { row.cells[column] = "?" }
            }
            return row
        }
        return Table(rows: rows, isWorkbook: true)
    }

    /// Reads the bytes as UTF-8 CSV (a BOM and CRLF line ends are fine). Refuses anything else,
    /// naming the line and column: a file saved as Latin-1 or "CSV (Windows)" is not guessed at.
    static func parseCSV(_ bytes: [UInt8], file: String) throws(CommandFailure) -> [Row] {
        var data = bytes[...]
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
        guard let text = String(validating: data, as: UTF8.self) else {
            // Find where: line and column of the first byte that is not UTF-8.
            var line = 1, column = 1, i = data.startIndex
            while i < data.endIndex {
                var end = i
                let lead = data[i]
                let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
                end = data.index(i, offsetBy: max(length, 1), limitedBy: data.endIndex) ?? data.endIndex
                if length == 0 || String(validating: data[i..<end], as: UTF8.self) == nil { break }
                if lead == 0x0A { line += 1; column = 1 } else { column += 1 }
                i = end
            }
            throw CommandFailure("\(SafeText.line(file)) line \(line), character \(column): the file is not UTF-8 text (it looks like Latin-1 or "
                                 + "\"CSV (Windows)\"): in the spreadsheet, save it again as \"CSV UTF-8\"; nothing was applied", exitCode: ExitStatus.badFile)
        }
        if text.unicodeScalars.contains("\u{0}") {
            throw CommandFailure("\(SafeText.line(file)): the file holds a NUL byte, so it is not a CSV file; nothing was applied", exitCode: ExitStatus.badFile)
        }
        var rows: [Row] = []
        var cells: [String] = []
        var cell = ""
        var quoted = false, wasQuoted = false
        var line = 1, rowLine = 1
        var scalars = Array(text.unicodeScalars)
        scalars.append("\n")
        var i = 0
        func endCell() { cells.append(cell); cell = ""; wasQuoted = false }
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" { cell.unicodeScalars.append("\""); i += 1 } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    cell.unicodeScalars.append(c)
                }
            } else if c == "\"" && cell.isEmpty && !wasQuoted {
                quoted = true; wasQuoted = true
            } else if c == "," {
                endCell()
            } else if c == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" {
                // CRLF: the LF ends the row.
            } else if c == "\n" || c == "\r" {
                endCell()
                if !(cells.count == 1 && cells[0].isEmpty) { rows.append(Row(line: rowLine, cells: cells)) }
                cells = []
                line += 1
                rowLine = line
            } else {
                cell.unicodeScalars.append(c)
            }
            i += 1
        }
        if quoted { throw CommandFailure("\(SafeText.line(file)) line \(rowLine): a quoted cell is never closed; nothing was applied", exitCode: ExitStatus.badFile) }
        if rows.last.map({ $0.cells.count == 1 && $0.cells[0].isEmpty }) == true { rows.removeLast() }
        return rows
    }

    /// One checked row of a return.
    struct Planned { var line: Int; var update: TrackerUpdate }

    public static func apply(file: String, folder: String, agency: String? = nil, by: String? = nil, passphrase: String? = nil,
                             now: Int64 = NewMeeting.currentMillis(), days: LocalDays = .london,
                             today: CalendarDate? = nil) throws(CommandFailure) -> String {
        let today = today ?? days.day(now)
        let name = SafeText.line(file)
        var st = stat()
        guard stat(file, &st) == 0 else { throw CommandFailure("\(name): no such file", exitCode: ExitStatus.missingInput) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw CommandFailure("\(name) is not a regular file; nothing was applied", exitCode: ExitStatus.badFile) }
        guard st.st_size <= 16 << 20 else { throw CommandFailure("\(name) is larger than 16 MB: not an agency return; nothing was applied", exitCode: ExitStatus.badFile) }
        guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("\(name): cannot read the file", exitCode: ExitStatus.ioError) }
        let bytes = [UInt8](data)
        let hash = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        // A workbook is a ZIP package; anything else is read as CSV.
        let table = bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? Self.table(try XlsxTable.read(bytes, file: file))
            : Table(rows: try parseCSV(bytes, file: file), isWorkbook: false)
        let rows = table.rows
        guard let header = rows.first else { throw CommandFailure("\(name) is empty; nothing was applied", exitCode: ExitStatus.badFile) }
        let lineWord = table.isWorkbook ? "row" : "line"

        let columns = header.cells.map { $0.trimmingWhitespace().lowercased().replacingOccurrences(of: " ", with: "_") }
        func column(_ names: String...) -> Int? { columns.firstIndex { names.contains($0) } }
        let idColumn = column("action_id", "id")
        var missing: [String] = []
        let statusCol = column("status"), onCol = column("on"), noteCol = column("note")
        if statusCol == nil { missing.append("status") }
        if onCol == nil { missing.append("on") }
        if noteCol == nil { missing.append("note") }
        if column("action_id") == nil && column("id") == nil { missing.insert("action_id", at: 0) }
        guard missing.isEmpty else {
            throw CommandFailure("\(name) \(lineWord) \(header.line): no \(missing.joined(separator: ", ")) column\(missing.count == 1 ? "" : "s") "
                                 + "(a returned chaser has action_id, status, on and note); nothing was applied", exitCode: ExitStatus.badFile)
        }
        let agencyCol = column("agency", "owner_agency")
        let who = SafeText.line(by ?? TrackActions.defaultUser())

        return try ActionTracker.withLockedFolder(folder: folder, passphrase: passphrase, now: now, days: days) { loaded throws(CommandFailure) in
            if let when = loaded.importedSources[hash] {
                return ([], "\(name) was already imported (\(LocalTime.describe(millis: when))): nothing applied\n")
            }
            var errors: [String] = []
            var planned: [Planned] = []
            var blank = 0, already = 0
            var fileAgency = agency?.trimmingWhitespace()
            var agencyLine = 0
            var seen: [String: Int] = [:]
            for row in rows.dropFirst() {
                func cell(_ i: Int?) -> String { i.flatMap { $0 < row.cells.count ? row.cells[$0] : nil }?.trimmingWhitespace() ?? "" }
                func at(_ col: Int?) -> String {
                    let title = col.map { header.cells[$0].trimmingWhitespace() } ?? "?"
                    let column = table.isWorkbook ? col.map { "\(XlsxTable.columnLetters($0)) (\(title))" } ?? "?" : title
                    return "\(name) \(lineWord) \(row.line), column \(column)"
                }
                if errors.count >= 20 { break }
                var id = cell(idColumn), status = cell(statusCol), on = cell(onCol), note = cell(noteCol)
                // A formula typed into the sheet is refused: what it would show is not what the file says.
                var formula = false
                for (col, value) in [(idColumn!, id), (statusCol!, status), (onCol!, on), (noteCol!, note)] {
                    if let f = table.isWorkbook ? row.notValues[col] : formulaProblem(value) { errors.append("\(at(col)): \(f)"); formula = true }
                }
                if formula { continue }
                if !table.isWorkbook { (id, status, on, note) = (unescape(id), unescape(status), unescape(on), unescape(note)) }
                note = SafeText.line(note).trimmingWhitespace()
                if id.isEmpty && status.isEmpty && on.isEmpty && note.isEmpty { continue }
                if status.isEmpty && on.isEmpty && note.isEmpty {
                    // A row left for another day; the notes under a workbook's table name no action.
                    if loaded.action(id) != nil { blank += 1 }
                    continue
                }
                guard !id.isEmpty else { errors.append("\(at(idColumn)): the action ID is empty"); continue }
                let rowAgency = cell(agencyCol)
                if !rowAgency.isEmpty {
                    if let f = fileAgency, !f.isEmpty {
                        if !sameAgency(f, rowAgency) {
                            errors.append("\(at(agencyCol)): '\(SafeText.line(rowAgency))' but the file is from \(SafeText.line(f))"
                                          + (agencyLine > 0 ? " (line \(agencyLine))" : ""))
                            continue
                        }
                    } else { fileAgency = rowAgency; agencyLine = row.line }
                }
                guard let tracked = loaded.action(id) else {
                    errors.append("\(at(idColumn)): no action '\(SafeText.line(id))' in \(SafeText.line(folder))"); continue
                }
                guard let owner = fileAgency, !owner.isEmpty else {
                    errors.append("\(at(agencyCol)): the agency is not given (add an agency column, or --agency NAME)"); continue
                }
                if !sameAgency(tracked.action.owner, owner) {
                    errors.append("\(at(idColumn)): \(SafeText.line(tracked.action.id)) is \(SafeText.line(tracked.action.owner))'s action, "
                                  + "not \(SafeText.line(owner))'s"); continue
                }
                if let first = seen[tracked.action.id] {
                    errors.append("\(at(idColumn)): \(SafeText.line(tracked.action.id)) is already updated on line \(first)"); continue
                }
                seen[tracked.action.id] = row.line
                let kind: TrackerUpdate.Kind
                switch status.isEmpty ? .inProgress : ReturnStatus.parse(status) {
                case .done: kind = .done
                case .notPossible: kind = .notPossible
                case .inProgress: kind = .note
                case nil:
                    errors.append("\(at(statusCol)): '\(SafeText.line(status))' is not a status: use \(ReturnStatus.wordList)"); continue
                }
                var day = today
                if !on.isEmpty {
                    guard let d = CalendarDate.parse(on) else {
                        errors.append("\(at(onCol)): '\(SafeText.line(on))' is not a real day (dd/mm/yyyy or yyyy-mm-dd)"); continue
                    }
                    guard !(today < d) else { errors.append("\(at(onCol)): \(d.uk) is in the future"); continue }
                    guard !(d < tracked.action.meetingDate) else {
                        errors.append("\(at(onCol)): \(d.uk) is before the meeting that agreed it (\(tracked.action.meetingDate.uk))"); continue
                    }
                    day = d
                } else if kind != .note {
                    errors.append("\(at(onCol)): say the day it was \(kind == .done ? "done" : "found not possible")"); continue
                }
                if note.isEmpty && kind != .done {
                    errors.append("\(at(noteCol)): the note is empty: say \(kind == .note ? "what progress was made" : "why it was not possible")"); continue
                }
                let text = note.isEmpty ? "Done (agency return)" : note
                // Already recorded (the same update from an earlier copy of this return): skip it.
                if tracked.history.contains(where: { $0.kind.rawValue == kind.rawValue && $0.on == day && $0.note == text }) {
                    already += 1; continue
                }
                if !tracked.isOpen {
                    let last = tracked.history.last(where: { $0.status != .open })
                    errors.append("\(at(statusCol)): \(SafeText.line(tracked.action.id)) is already \(tracked.status.label)"
                                  + (last.map { " (\($0.on.uk))" } ?? "")); continue
                }
                planned.append(Planned(line: row.line, update: TrackerUpdate(
                    actionID: tracked.action.id, kind: kind, on: day, by: who, note: text, source: "return \(hash) \(lineWord) \(row.line)")))
            }
            if !errors.isEmpty {
                let shown = errors.prefix(20).map { "  " + $0 }.joined(separator: "\n")
                throw CommandFailure("\(name): \(errors.count) row\(errors.count == 1 ? "" : "s") cannot be applied, so nothing was applied:\n\(shown)", exitCode: ExitStatus.badFile)
            }
            let counts = Dictionary(grouping: planned, by: \.update.kind).mapValues(\.count)
            var parts: [String] = []
            if let n = counts[.done] { parts.append("\(n) done") }
            if let n = counts[.notPossible] { parts.append("\(n) not possible") }
            if let n = counts[.note] { parts.append("\(n) progress note\(n == 1 ? "" : "s")") }
            let late = planned.filter { $0.update.on < today }.count
            var summary = "imported \(name)\(fileAgency.map { " from \(SafeText.line($0))" } ?? ""): "
                + "\(planned.count) update\(planned.count == 1 ? "" : "s") applied" + (parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))")
            if late > 0 { summary += "; \(late) dated before today (recorded late)" }
            if blank > 0 { summary += "; \(blank) row\(blank == 1 ? "" : "s") left blank" }
            if already > 0 { summary += "; \(already) already recorded" }
            summary += "\n"
            for p in planned {
                summary += "  \(lineWord) \(p.line): \(SafeText.line(p.update.actionID)) \(p.update.kind == .note ? "progress note" : p.update.kind.rawValue) on \(p.update.on.uk)\n"
            }
            return (planned.map(\.update), summary)
        }
    }

    /// Cells a spreadsheet would have run as a formula. Our own exports write such text with a
    /// leading `'`, which `unescape` removes; a bare `=`, `+` or `@` (or `-` before a letter or
    /// bracket) is refused.
    static func formulaProblem(_ value: String) -> String? {
        guard let first = value.unicodeScalars.first else { return nil }
        let rest = value.unicodeScalars.dropFirst().first
        let formula = ["=", "+", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF20}"].contains(first)
            || (first == "-" && rest.map { CharacterSet.letters.contains($0) || $0 == "(" } == true)
        return formula ? "'\(SafeText.truncate(SafeText.line(value), 40))' is a formula, not a value: type the value itself" : nil
    }

    static func unescape(_ value: String) -> String {
        if value.hasPrefix("'"), let next = value.unicodeScalars.dropFirst().first,
           ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}", " "].contains(next) {
            return String(value.dropFirst())
        }
        return value
    }
}
