import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MaracCore
import MaracExport
import ZIPFoundation

/// The first worksheet of an Excel workbook (`.xlsx`) as rows of text cells, for reading an
/// agency's returned pack or chaser (`marac actions DIR import FILE`). Cells come back as the text
/// the sheet shows: shared and inline strings as written, numbers as written, and a number in a
/// date format (what a spreadsheet stores when someone types 03/12/2026) as `yyyy-mm-dd`.
///
/// Nothing is evaluated: a formula cell is reported as such (the importer refuses it), and so is
/// an error cell (`#REF!`). External entities are never resolved, every part is read with a size
/// limit, and a package that is not a workbook is refused with one line naming the file.
enum XlsxTable {
    /// One sheet cell: its text, and what kind of cell it was.
    struct Cell: Equatable {
        enum Kind: Equatable { case value, formula, error }
        var text: String
        var kind: Kind
    }

    struct Row: Equatable {
        /// The sheet's row number (1-based), as the spreadsheet shows it.
        var number: Int
        /// By 0-based column index; blank cells are absent.
        var cells: [Int: Cell]
    }

    struct Sheet: Equatable {
        var name: String
        var rows: [Row]
    }

    /// More than any agency return; a part larger than this is refused, not read.
    static let partLimit = 16 << 20

    static func read(_ bytes: [UInt8], file: String) throws(CommandFailure) -> Sheet {
        let name = SafeText.line(file)
        let archive: Archive
        do { archive = try Archive(data: Data(bytes), accessMode: .read) } catch {
            throw CommandFailure("\(name) is not a workbook marac can read (it is not a ZIP package): save it again as .xlsx or as \"CSV UTF-8\"; nothing was applied", exitCode: ExitStatus.badFile)
        }
        func part(_ path: String) throws(CommandFailure) -> Data? {
            guard let entry = archive[path] else { return nil }
            guard entry.uncompressedSize <= UInt64(partLimit) else {
                throw CommandFailure("\(name): \(SafeText.line(path)) inside the workbook is larger than \(partLimit >> 20) MB: not an agency return; nothing was applied", exitCode: ExitStatus.badFile)
            }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    data.append(chunk)
                    if data.count > partLimit { throw CommandFailure("\(name): \(SafeText.line(path)) is too large", exitCode: ExitStatus.badFile) }
                }
            } catch let failure as CommandFailure {
                throw CommandFailure(failure.message + "; nothing was applied", exitCode: ExitStatus.badFile)
            } catch {
                throw CommandFailure("\(name): \(SafeText.line(path)) inside the workbook cannot be read (the file is damaged); nothing was applied", exitCode: ExitStatus.badFile)
            }
            return data
        }
        func xml(_ path: String, _ visit: XMLVisitor) throws(CommandFailure) -> Bool {
            guard let data = try part(path) else { return false }
            guard visit.parse(data) else {
                throw CommandFailure("\(name): \(SafeText.line(path)) inside the workbook is not well-formed XML (the file is damaged); nothing was applied", exitCode: ExitStatus.badFile)
            }
            return true
        }

        // The workbook: its sheets in order, the first one's part, and the date system.
        let book = WorkbookPart()
        guard try xml("xl/workbook.xml", book) else {
            throw CommandFailure("\(name) is not an Excel workbook (it has no xl/workbook.xml): save it again as .xlsx or as \"CSV UTF-8\"; nothing was applied", exitCode: ExitStatus.badFile)
        }
        guard let first = book.sheets.first else { throw CommandFailure("\(name): the workbook has no sheets; nothing was applied", exitCode: ExitStatus.badFile) }
        let rels = RelationshipsPart()
        _ = try xml("xl/_rels/workbook.xml.rels", rels)
        var target = rels.targets[first.relationship] ?? "worksheets/sheet1.xml"
        target = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target

        let strings = SharedStringsPart()
        _ = try xml("xl/sharedStrings.xml", strings)
        let styles = StylesPart()
        _ = try xml("xl/styles.xml", styles)

        let sheet = WorksheetPart(strings: strings.strings, dateStyles: styles.dateStyles, date1904: book.date1904)
        guard try xml(target, sheet) else {
            throw CommandFailure("\(name): the workbook's first sheet (\(SafeText.line(target))) is missing (the file is damaged); nothing was applied", exitCode: ExitStatus.badFile)
        }
        if let problem = sheet.problem { throw CommandFailure("\(name): \(problem); nothing was applied", exitCode: ExitStatus.badFile) }
        return Sheet(name: first.name, rows: sheet.rows)
    }

    /// `A` → 0, `Z` → 25, `AA` → 26, from a cell reference such as `AB12`; nil when it has no letters.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0, letters = 0
        for scalar in reference.unicodeScalars {
            let v = scalar.value
            if (65...90).contains(v) { index = index * 26 + Int(v - 64) } else if (97...122).contains(v) { index = index * 26 + Int(v - 96) } else { break }
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : index - 1
    }

    /// 0 → `A`, 26 → `AA`: how the spreadsheet names a column (the writer's own rule).
    static func columnLetters(_ index: Int) -> String { Workbook.columnName(index) }

    /// Excel's serial day as a date: 25569 is 01/01/1970 in the 1900 system (which counts a
    /// 29/02/1900 that never was, so serials below 61 are one day off and refused); 0 is 01/01/1904
    /// in the 1904 system.
    static func date(serial: Double, date1904: Bool) -> CalendarDate? {
        guard serial.isFinite, serial >= (date1904 ? 0 : 61), serial < 2_958_466 else { return nil }
        let whole = Int(serial.rounded(.down))
        return CalendarDate(dayNumber: date1904 ? whole - 24_107 : whole - 25_569)
    }

    /// Built-in number formats that show a date (ECMA-376 Part 1, 18.8.30), and custom ones whose
    /// code has a day, month or year outside quotes and brackets.
    static func isDateFormat(id: Int, code: String?) -> Bool {
        if (14...22).contains(id) || (45...47).contains(id) || (27...36).contains(id) || (50...58).contains(id) { return true }
        guard let code else { return false }
        var inQuote = false, inBracket = false, previous: Character = " "
        for ch in code {
            if ch == "\"" && previous != "\\" { inQuote.toggle() } else if !inQuote && ch == "[" { inBracket = true } else if !inQuote && ch == "]" { inBracket = false } else if !inQuote && !inBracket && previous != "\\" && "dmyDMY".contains(ch) { return true }
            previous = ch
        }
        return false
    }
}

// MARK: - The parts, each read by a small SAX visitor (names compared without namespace prefixes).

class XMLVisitor: NSObject, XMLParserDelegate {
    func start(_ name: String, _ attributes: [String: String]) {}
    func end(_ name: String) {}
    func text(_ string: String) {}

    /// Parses without resolving external entities; false when the XML is not well-formed.
    func parse(_ data: Data) -> Bool {
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = self
        return parser.parse()
    }

    static func local(_ name: String) -> String {
        name.firstIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
    }
    static func attributes(_ raw: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in raw { out[local(k)] = v; out[k] = v }
        return out
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes attributeDict: [String: String] = [:]) {
        start(Self.local(elementName), Self.attributes(attributeDict))
    }
    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        end(Self.local(elementName))
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text(string) }
    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) { text(String(decoding: CDATABlock, as: UTF8.self)) }
}

final class WorkbookPart: XMLVisitor {
    var sheets: [(name: String, relationship: String)] = []
    var date1904 = false
    override func start(_ name: String, _ a: [String: String]) {
        if name == "sheet" { sheets.append((a["name"] ?? "Sheet", a["r:id"] ?? a["id"] ?? "")) }
        if name == "workbookPr", let v = a["date1904"] { date1904 = v == "1" || v == "true" }
    }
}

final class RelationshipsPart: XMLVisitor {
    var targets: [String: String] = [:]
    override func start(_ name: String, _ a: [String: String]) {
        if name == "Relationship", let id = a["Id"], let target = a["Target"] { targets[id] = target }
    }
}

final class SharedStringsPart: XMLVisitor {
    var strings: [String] = []
    private var current = "", inText = false, inPhonetic = false
    override func start(_ name: String, _ a: [String: String]) {
        switch name {
        case "si": current = ""
        case "rPh": inPhonetic = true
        case "t": inText = !inPhonetic
        default: break
        }
    }
    override func end(_ name: String) {
        switch name {
        case "si": strings.append(current)
        case "rPh": inPhonetic = false
        case "t": inText = false
        default: break
        }
    }
    override func text(_ string: String) { if inText { current += string } }
}

final class StylesPart: XMLVisitor {
    /// Indexes of the cell formats (`s="N"`) that show a date.
    var dateStyles: Set<Int> = []
    private var codes: [Int: String] = [:]
    private var inCellFormats = false, index = 0
    override func start(_ name: String, _ a: [String: String]) {
        switch name {
        case "numFmt":
            if let id = a["numFmtId"].flatMap(Int.init) { codes[id] = a["formatCode"] ?? "" }
        case "cellXfs":
            inCellFormats = true; index = 0
        case "xf" where inCellFormats:
            let id = a["numFmtId"].flatMap(Int.init) ?? 0
            if XlsxTable.isDateFormat(id: id, code: codes[id]) { dateStyles.insert(index) }
            index += 1
        default: break
        }
    }
    override func end(_ name: String) { if name == "cellXfs" { inCellFormats = false } }
}

final class WorksheetPart: XMLVisitor {
    let strings: [String]
    let dateStyles: Set<Int>
    let date1904: Bool
    var rows: [XlsxTable.Row] = []
    /// The first thing that makes the sheet unreadable (a shared string that does not exist…).
    var problem: String?

    private var row: XlsxTable.Row?
    private var column = -1
    private var type = "", style = 0, hasFormula = false
    private var value = "", inline = ""
    private var inValue = false, inInlineText = false, inCell = false

    init(strings: [String], dateStyles: Set<Int>, date1904: Bool) {
        self.strings = strings; self.dateStyles = dateStyles; self.date1904 = date1904
        super.init()
    }

    override func start(_ name: String, _ a: [String: String]) {
        switch name {
        case "row":
            let number = a["r"].flatMap(Int.init) ?? ((rows.last?.number ?? 0) + 1)
            row = XlsxTable.Row(number: number, cells: [:])
            column = -1
        case "c":
            inCell = true
            column = a["r"].flatMap(XlsxTable.columnIndex) ?? column + 1
            type = a["t"] ?? "n"; style = a["s"].flatMap(Int.init) ?? 0
            hasFormula = false; value = ""; inline = ""
        case "f" where inCell: hasFormula = true
        case "v" where inCell: inValue = true
        case "t" where inCell: inInlineText = true
        default: break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "v": inValue = false
        case "t": inInlineText = false
        case "c":
            inCell = false
            guard var r = row, column >= 0 else { return }
            if let cell = finishCell(at: r.number) { r.cells[column] = cell }
            row = r
        case "row":
            if let r = row { rows.append(r) }
            row = nil
        default: break
        }
    }

    override func text(_ string: String) {
        if inValue { value += string } else if inInlineText { inline += string }
    }

    private func finishCell(at rowNumber: Int) -> XlsxTable.Cell? {
        if hasFormula { return XlsxTable.Cell(text: value, kind: .formula) }
        switch type {
        case "s":
            guard let i = Int(value.trimmingWhitespace()), strings.indices.contains(i) else {
                if problem == nil {
                    problem = "cell \(XlsxTable.columnLetters(column))\(rowNumber) names a shared string the workbook does not have (the file is damaged)"
                }
                return nil
            }
            return strings[i].isEmpty ? nil : XlsxTable.Cell(text: strings[i], kind: .value)
        case "inlineStr": return inline.isEmpty ? nil : XlsxTable.Cell(text: inline, kind: .value)
        case "str": return XlsxTable.Cell(text: value, kind: .value)
        case "e": return XlsxTable.Cell(text: value, kind: .error)
        case "b": return XlsxTable.Cell(text: value == "1" ? "TRUE" : "FALSE", kind: .value)
        case "d":
            // An ISO 8601 date cell (rare; Strict files): keep the day.
            return XlsxTable.Cell(text: String(value.prefix(10)), kind: .value)
        default:
            let trimmed = value.trimmingWhitespace()
            if trimmed.isEmpty { return nil }
            if dateStyles.contains(style), let serial = Double(trimmed), let day = XlsxTable.date(serial: serial, date1904: date1904) {
                return XlsxTable.Cell(text: day.iso, kind: .value)
            }
            // Whole numbers as integers (a spreadsheet stores 14 as "14" or "14.0").
            if let d = Double(trimmed), d.rounded() == d, abs(d) < 1e15 { return XlsxTable.Cell(text: String(Int(d)), kind: .value) }
            return XlsxTable.Cell(text: trimmed, kind: .value)
        }
    }
}
