import MaracCore

/// An Excel workbook (SpreadsheetML, `.xlsx`) as a small pure model: one table per sheet with a
/// header row. Cells are typed: a date is a date (Excel's day number with a `dd/mm/yyyy` format,
/// so it sorts and filters as a date), a number a number, and text is a shared string, which a
/// spreadsheet never runs as a formula — so no cell needs the visible apostrophe CSV needs.
/// Each sheet freezes its header row, has filters on it, repeats it on every printed page, prints
/// the protective marking in the page header and "Page X of Y" in the footer, and fits the page width.
///
///     var book = Workbook(title: "Actions", marking: Marking.restricted)
///     book.sheet("Actions", columns: [.init("ID", width: 14), .init("Due", width: 11)],
///                rows: [[.text("A-1"), .date(due)]])
///     let parts = book.parts()
public struct Workbook: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Int)
        case decimal(Double)
        case date(CalendarDate)
        /// A moment shown as local date and time (the value is the local wall-clock reading).
        case dateTime(CalendarDate, minuteOfDay: Int)
        case empty
    }

    public struct Column: Sendable, Equatable {
        public var title: String
        /// In characters (Excel's column width unit).
        public var width: Double
        /// Long text wraps inside the column instead of spilling over the next.
        public var wrap: Bool
        public init(_ title: String, width: Double, wrap: Bool = false) {
            self.title = title; self.width = width; self.wrap = wrap
        }
    }

    public struct Sheet: Sendable, Equatable {
        public var name: String
        public var columns: [Column]
        public var rows: [[Cell]]
        public var landscape: Bool
        /// Rows printed after the table (notes, the reminder), as plain text in the first column.
        public var notes: [String]
    }

    public var title: String
    public var marking: String
    public private(set) var sheets: [Sheet] = []

    public init(title: String, marking: String) { self.title = title; self.marking = marking }

    /// Adds a sheet. Its name is cut to Excel's 31 characters without `[]:*?/\`, and made unique.
    public mutating func sheet(_ name: String, columns: [Column], rows: [[Cell]], landscape: Bool = true, notes: [String] = []) {
        var clean = String(name.filter { !"[]:*?/\\'".contains($0) }.prefix(31))
        if clean.isEmpty { clean = "Sheet" }
        var unique = clean, n = 2
        while sheets.contains(where: { $0.name.lowercased() == unique.lowercased() }) {
            let suffix = " (\(n))"
            unique = String(clean.prefix(31 - suffix.count)) + suffix
            n += 1
        }
        sheets.append(Sheet(name: unique, columns: columns, rows: rows, landscape: landscape, notes: notes))
    }

    // MARK: - Parts

    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// Style indexes in `styles.xml`'s cellXfs.
    enum Style: Int { case normal = 0, header, text, wrapped, number, date, dateTime, decimal, note }

    /// A row tall enough for its longest wrapped cell (readers do not all grow rows themselves).
    static func height(_ row: [Cell], _ columns: [Column]) -> [(String, String)] {
        var lines = 1
        for (i, cell) in row.enumerated() where i < columns.count && columns[i].wrap {
            if case .text(let t) = cell {
                let perLine = max(1, columns[i].width * 1.1)
                let n = t.split(separator: "\n", omittingEmptySubsequences: false)
                    .reduce(0) { $0 + max(1, Int((Double($1.count) / perLine).rounded(.up))) }
                lines = max(lines, n)
            }
        }
        return lines > 1 ? [("ht", "\(lines * 13 + 2)"), ("customHeight", "1")] : []
    }

    public func parts() -> [PackagePart] {
        var strings = SharedStrings()
        var sheetParts: [PackagePart] = []
        for (i, sheet) in sheets.enumerated() {
            sheetParts.append(PackagePart(path: "xl/worksheets/sheet\(i + 1).xml", contents: worksheet(sheet, strings: &strings)))
        }
        return [
            PackagePart(path: "[Content_Types].xml", contents: contentTypes),
            PackagePart(path: "_rels/.rels", contents: Self.packageRelationships),
            PackagePart(path: "docProps/core.xml", contents: coreProperties),
            PackagePart(path: "xl/workbook.xml", contents: workbookXML),
            PackagePart(path: "xl/_rels/workbook.xml.rels", contents: workbookRelationships),
            PackagePart(path: "xl/styles.xml", contents: Self.styles),
            PackagePart(path: "xl/sharedStrings.xml", contents: strings.xml),
        ] + sheetParts
    }

    /// Column letters: 0 → A, 25 → Z, 26 → AA (also how a returned workbook's errors name a column).
    public static func columnName(_ index: Int) -> String {
        var n = index + 1, name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// Excel's serial day: 1 is 01/01/1900 in its (Lotus-compatible) calendar, so 01/01/1970 is 25569.
    static func serial(_ date: CalendarDate) -> Int { date.dayNumber + 25_569 }

    func worksheet(_ sheet: Sheet, strings: inout SharedStrings) -> String {
        let lastColumn = Self.columnName(max(0, sheet.columns.count - 1))
        let lastRow = 1 + sheet.rows.count
        var x = XMLWriter()
        x.within("worksheet", [("xmlns", Self.mainNamespace), ("xmlns:r", Self.relNamespace)]) { x in
            x.within("sheetPr") { x in x.empty("pageSetUpPr", [("fitToPage", "1")]) }
            x.empty("dimension", [("ref", "A1:\(lastColumn)\(lastRow + sheet.notes.count + (sheet.notes.isEmpty ? 0 : 1))")])
            x.within("sheetViews") { x in
                x.within("sheetView", [("workbookViewId", "0")]) { x in
                    x.empty("pane", [("ySplit", "1"), ("topLeftCell", "A2"), ("activePane", "bottomLeft"), ("state", "frozen")])
                    x.empty("selection", [("pane", "bottomLeft"), ("activeCell", "A2"), ("sqref", "A2")])
                }
            }
            x.empty("sheetFormatPr", [("defaultRowHeight", "15")])
            if !sheet.columns.isEmpty {
                x.within("cols") { x in
                    for (i, c) in sheet.columns.enumerated() {
                        x.empty("col", [("min", "\(i + 1)"), ("max", "\(i + 1)"), ("width", Self.number(c.width)), ("customWidth", "1")])
                    }
                }
            }
            x.within("sheetData") { x in
                x.within("row", [("r", "1")]) { x in
                    for (i, c) in sheet.columns.enumerated() {
                        cell(&x, .text(c.title), ref: "\(Self.columnName(i))1", style: .header, strings: &strings)
                    }
                }
                for (r, row) in sheet.rows.enumerated() {
                    x.within("row", [("r", "\(r + 2)")] + Self.height(row, sheet.columns)) { x in
                        for (i, value) in row.enumerated() where value != .empty {
                            let wrap = i < sheet.columns.count && sheet.columns[i].wrap
                            cell(&x, value, ref: "\(Self.columnName(i))\(r + 2)", style: Self.style(value, wrap: wrap), strings: &strings)
                        }
                    }
                }
                for (n, note) in sheet.notes.enumerated() {
                    let r = lastRow + 2 + n
                    let width = sheet.columns.reduce(0) { $0 + $1.width }
                    let lines = max(1, Int((Double(note.count) / max(1, width * 1.1)).rounded(.up)))
                    x.within("row", [("r", "\(r)"), ("ht", "\(lines * 13 + 2)"), ("customHeight", "1")]) { x in
                        cell(&x, .text(note), ref: "A\(r)", style: .note, strings: &strings)
                    }
                }
            }
            x.empty("autoFilter", [("ref", "A1:\(lastColumn)\(lastRow)")])
            if !sheet.notes.isEmpty {
                // A note spans the table's width and wraps inside it, so it never widens the printed page.
                x.within("mergeCells", [("count", "\(sheet.notes.count)")]) { x in
                    for n in sheet.notes.indices { x.empty("mergeCell", [("ref", "A\(lastRow + 2 + n):\(lastColumn)\(lastRow + 2 + n)")]) }
                }
            }
            x.empty("pageMargins", [("left", "0.5"), ("right", "0.5"), ("top", "0.75"), ("bottom", "0.75"),
                                    ("header", "0.3"), ("footer", "0.3")])
            // paperSize 9 is A4; fitToHeight 0 lets the rows run on to as many pages as they need.
            x.empty("pageSetup", [("paperSize", "9"), ("orientation", sheet.landscape ? "landscape" : "portrait"),
                                  ("fitToWidth", "1"), ("fitToHeight", "0")])
            x.within("headerFooter") { x in
                x.element("oddHeader", text: "&C&\"-,Bold\"" + Self.headerFooterText(marking))
                x.element("oddFooter", text: "&L" + Self.headerFooterText(sheet.name) + "&RPage &P of &N")
            }
        }
        return x.document
    }

    /// `&` starts a code in a header or footer: a literal one is doubled.
    static func headerFooterText(_ s: String) -> String { s.split(separator: "&", omittingEmptySubsequences: false).joined(separator: "&&") }

    static func style(_ value: Cell, wrap: Bool) -> Style {
        switch value {
        case .text: return wrap ? .wrapped : .text
        case .number: return .number
        case .decimal: return .decimal
        case .date: return .date
        case .dateTime: return .dateTime
        case .empty: return .normal
        }
    }

    func cell(_ x: inout XMLWriter, _ value: Cell, ref: String, style: Style, strings: inout SharedStrings) {
        let s = ("s", "\(style.rawValue)")
        switch value {
        case .text(let text):
            x.within("c", [("r", ref), s, ("t", "s")]) { x in x.element("v", text: "\(strings.index(text))") }
        case .number(let n):
            x.within("c", [("r", ref), s]) { x in x.element("v", text: "\(n)") }
        case .decimal(let d):
            x.within("c", [("r", ref), s]) { x in x.element("v", text: Self.number(d)) }
        case .date(let date):
            x.within("c", [("r", ref), s]) { x in x.element("v", text: "\(Self.serial(date))") }
        case .dateTime(let date, let minute):
            let fraction = Double(minute) / 1440
            x.within("c", [("r", ref), s]) { x in x.element("v", text: Self.number(Double(Self.serial(date)) + fraction)) }
        case .empty:
            break
        }
    }

    static func number(_ d: Double) -> String {
        if d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    var workbookXML: String {
        var x = XMLWriter()
        x.within("workbook", [("xmlns", Self.mainNamespace), ("xmlns:r", Self.relNamespace)]) { x in
            x.within("bookViews") { x in x.empty("workbookView", [("activeTab", "0")]) }
            x.within("sheets") { x in
                for (i, sheet) in sheets.enumerated() {
                    x.empty("sheet", [("name", sheet.name), ("sheetId", "\(i + 1)"), ("r:id", "rIdSheet\(i + 1)")])
                }
            }
            if !sheets.isEmpty {
                x.within("definedNames") { x in
                    for (i, sheet) in sheets.enumerated() {
                        let quoted = "'" + sheet.name + "'"
                        let last = Self.columnName(max(0, sheet.columns.count - 1))
                        x.element("definedName", [("name", "_xlnm._FilterDatabase"), ("localSheetId", "\(i)"), ("hidden", "1")],
                                  text: "\(quoted)!$A$1:$\(last)$\(1 + sheet.rows.count)")
                        x.element("definedName", [("name", "_xlnm.Print_Titles"), ("localSheetId", "\(i)")], text: "\(quoted)!$1:$1")
                    }
                }
            }
        }
        return x.document
    }

    var workbookRelationships: String {
        var x = XMLWriter()
        x.within("Relationships", [("xmlns", "http://schemas.openxmlformats.org/package/2006/relationships")]) { x in
            for i in sheets.indices {
                x.empty("Relationship", [("Id", "rIdSheet\(i + 1)"),
                                         ("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"),
                                         ("Target", "worksheets/sheet\(i + 1).xml")])
            }
            x.empty("Relationship", [("Id", "rIdStyles"), ("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"),
                                     ("Target", "styles.xml")])
            x.empty("Relationship", [("Id", "rIdStrings"),
                                     ("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"),
                                     ("Target", "sharedStrings.xml")])
        }
        return x.document
    }

    var contentTypes: String {
        var x = XMLWriter()
        x.within("Types", [("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")]) { x in
            x.empty("Default", [("Extension", "rels"), ("ContentType", "application/vnd.openxmlformats-package.relationships+xml")])
            x.empty("Default", [("Extension", "xml"), ("ContentType", "application/xml")])
            x.empty("Override", [("PartName", "/xl/workbook.xml"),
                                 ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")])
            x.empty("Override", [("PartName", "/xl/styles.xml"),
                                 ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")])
            x.empty("Override", [("PartName", "/xl/sharedStrings.xml"),
                                 ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")])
            x.empty("Override", [("PartName", "/docProps/core.xml"), ("ContentType", "application/vnd.openxmlformats-package.core-properties+xml")])
            for i in sheets.indices {
                x.empty("Override", [("PartName", "/xl/worksheets/sheet\(i + 1).xml"),
                                     ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")])
            }
        }
        return x.document
    }

    var coreProperties: String { CoreProperties.xml(title: title, marking: marking) }

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        </Relationships>
        """

    /// cellXfs in the order of `Style`.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/></numFmts>\
        <fonts count="2"><font><sz val="10"/><name val="Arial"/><family val="2"/></font><font><b/><sz val="10"/><name val="Arial"/><family val="2"/></font></fonts>\
        <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFE7E6E6"/><bgColor indexed="64"/></patternFill></fill></fills>\
        <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
        <border><left style="thin"><color rgb="FF808080"/></left><right style="thin"><color rgb="FF808080"/></right>\
        <top style="thin"><color rgb="FF808080"/></top><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="9">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="49" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
        <xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>\
        <xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
        <xf numFmtId="1" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>\
        <xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>\
        <xf numFmtId="2" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>\
        <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}

/// The workbook's shared string table: each distinct text once, cells refer to it by index.
struct SharedStrings {
    private var order: [String] = []
    private var indexes: [String: Int] = [:]
    private var uses = 0

    mutating func index(_ text: String) -> Int {
        uses += 1
        if let i = indexes[text] { return i }
        indexes[text] = order.count
        order.append(text)
        return order.count - 1
    }

    var xml: String {
        var x = XMLWriter()
        x.within("sst", [("xmlns", Workbook.mainNamespace), ("count", "\(uses)"), ("uniqueCount", "\(order.count)")]) { x in
            for s in order {
                x.within("si") { x in x.element("t", [("xml:space", "preserve")], text: s) }
            }
        }
        return x.document
    }
}
