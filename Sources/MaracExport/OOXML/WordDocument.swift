/// A Word document (WordprocessingML, `.docx`) as a small pure model: headings, paragraphs and
/// bordered tables, with a header line on every page (the protective marking), a "Page X of Y"
/// footer and A4 portrait pages. `parts()` gives the package's XML files; the application layer
/// zips them. Word, LibreOffice and python-docx read the result.
///
/// Simple API for any document the project writes:
///
///     var doc = WordDocument(title: "Actions", headerText: Marking.restricted)
///     doc.heading(1, "Actions for Housing")
///     doc.paragraph("These are …")
///     doc.table(["ID", "Action"], [["A-1", "Visit"]], widths: [20, 80])
///     let parts = doc.parts()
public struct WordDocument: Sendable, Equatable {
    public struct Run: Sendable, Equatable {
        public var text: String
        public var bold: Bool
        public var italic: Bool
        public init(_ text: String, bold: Bool = false, italic: Bool = false) {
            self.text = text; self.bold = bold; self.italic = italic
        }
    }

    public struct Table: Sendable, Equatable {
        public var header: [String]
        public var rows: [[String]]
        /// Column widths in percent of the text width (they need not add to exactly 100).
        public var widths: [Int]
        /// A row above the column titles that repeats with them on every page the table spans
        /// (e.g. "EM-2101 — actions (continued)").
        public var caption: String?
    }

    public enum Block: Sendable, Equatable {
        case heading(level: Int, text: String)
        case paragraph(runs: [Run], style: String?)
        case table(Table)
    }

    public var title: String
    /// Printed centred, bold, in the header of every page.
    public var headerText: String
    /// Printed before the page number in the footer of every page.
    public var footerText: String
    public var blocks: [Block] = []

    public init(title: String, headerText: String, footerText: String = "") {
        self.title = title; self.headerText = headerText; self.footerText = footerText
    }

    public mutating func heading(_ level: Int, _ text: String) { blocks.append(.heading(level: min(max(level, 1), 4), text: text)) }
    public mutating func paragraph(_ text: String, bold: Bool = false, italic: Bool = false, style: String? = nil) {
        blocks.append(.paragraph(runs: [Run(text, bold: bold, italic: italic)], style: style))
    }
    public mutating func paragraph(runs: [Run], style: String? = nil) { blocks.append(.paragraph(runs: runs, style: style)) }
    /// `Label: value` with the label in bold.
    public mutating func pair(_ label: String, _ value: String) {
        blocks.append(.paragraph(runs: [Run(label + ": ", bold: true), Run(value)], style: "Compact"))
    }
    public mutating func table(_ header: [String], _ rows: [[String]], widths: [Int], caption: String? = nil) {
        precondition(widths.count == header.count, "WordDocument.table: one width per column")
        blocks.append(.table(Table(header: header, rows: rows, widths: widths, caption: caption)))
    }

    // MARK: - Page geometry (twentieths of a point)

    /// A4 portrait, 2 cm side margins, 2.2 cm top and bottom with the header and footer inside them.
    static let pageWidth = 11906, pageHeight = 16838
    static let marginSide = 1134, marginTopBottom = 1247, headerDistance = 567
    static var textWidth: Int { pageWidth - 2 * marginSide }

    // MARK: - Parts

    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// The package's files. `styles` replaces the built-in style sheet (a council's template).
    public func parts(styles: String? = nil) -> [PackagePart] {
        [
            PackagePart(path: "[Content_Types].xml", contents: Self.contentTypes),
            PackagePart(path: "_rels/.rels", contents: Self.packageRelationships),
            PackagePart(path: "docProps/core.xml", contents: coreProperties),
            PackagePart(path: "word/document.xml", contents: documentXML),
            PackagePart(path: "word/styles.xml", contents: styles ?? Self.styles),
            PackagePart(path: "word/settings.xml", contents: Self.settings),
            PackagePart(path: "word/header1.xml", contents: headerXML),
            PackagePart(path: "word/footer1.xml", contents: footerXML),
            PackagePart(path: "word/_rels/document.xml.rels", contents: Self.documentRelationships),
        ]
    }

    /// The style ids the document uses: a template's style sheet is checked for them and given the
    /// built-in definition of any it lacks.
    public static let styleIDs = ["Normal", "Heading1", "Heading2", "Heading3", "Heading4", "Compact", "Quote", "Marking",
                                  "TableText", "TableHeading", "MaracTable"]

    var documentXML: String {
        var x = XMLWriter()
        x.within("w:document", [("xmlns:w", Self.wordNamespace), ("xmlns:r", Self.relNamespace)]) { x in
            x.within("w:body") { x in
                for block in blocks {
                    switch block {
                    case .heading(let level, let text):
                        Self.paragraph(&x, style: "Heading\(level)", runs: [Run(text)])
                    case .paragraph(let runs, let style):
                        Self.paragraph(&x, style: style, runs: runs)
                    case .table(let table):
                        Self.table(&x, table)
                        // Word needs a paragraph between two tables or they merge into one.
                        Self.paragraph(&x, style: "Compact", runs: [])
                    }
                }
                x.within("w:sectPr") { x in
                    x.empty("w:headerReference", [("w:type", "default"), ("r:id", "rIdHeader")])
                    x.empty("w:footerReference", [("w:type", "default"), ("r:id", "rIdFooter")])
                    x.empty("w:pgSz", [("w:w", "\(Self.pageWidth)"), ("w:h", "\(Self.pageHeight)")])
                    x.empty("w:pgMar", [("w:top", "\(Self.marginTopBottom)"), ("w:right", "\(Self.marginSide)"),
                                        ("w:bottom", "\(Self.marginTopBottom)"), ("w:left", "\(Self.marginSide)"),
                                        ("w:header", "\(Self.headerDistance)"), ("w:footer", "\(Self.headerDistance)"),
                                        ("w:gutter", "0")])
                }
            }
        }
        return x.document
    }

    static func paragraph(_ x: inout XMLWriter, style: String?, runs: [Run], alignment: String? = nil) {
        x.within("w:p") { x in
            if style != nil || alignment != nil {
                x.within("w:pPr") { x in
                    if let style { x.empty("w:pStyle", [("w:val", style)]) }
                    if let alignment { x.empty("w:jc", [("w:val", alignment)]) }
                }
            }
            for run in runs { Self.run(&x, run) }
        }
    }

    /// A run; line breaks in the text become `<w:br/>`.
    static func run(_ x: inout XMLWriter, _ run: Run) {
        x.within("w:r") { x in
            if run.bold || run.italic {
                x.within("w:rPr") { x in
                    if run.bold { x.empty("w:b") }
                    if run.italic { x.empty("w:i") }
                }
            }
            let lines = run.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, line) in lines.enumerated() {
                if i > 0 { x.empty("w:br") }
                x.element("w:t", [("xml:space", "preserve")], text: String(line))
            }
        }
    }

    static func table(_ x: inout XMLWriter, _ table: Table) {
        let total = max(1, table.widths.reduce(0, +))
        let columns = table.widths.map { $0 * textWidth / total }
        x.within("w:tbl") { x in
            x.within("w:tblPr") { x in
                x.empty("w:tblStyle", [("w:val", "MaracTable")])
                x.empty("w:tblW", [("w:w", "\(columns.reduce(0, +))"), ("w:type", "dxa")])
                // Borders repeated on the table itself: readers that ignore table styles still draw them.
                borders(&x, "w:tblBorders", inner: true)
                x.empty("w:tblLayout", [("w:type", "fixed")])
                x.within("w:tblCellMar") { x in
                    x.empty("w:left", [("w:w", "85"), ("w:type", "dxa")])
                    x.empty("w:right", [("w:w", "85"), ("w:type", "dxa")])
                }
                x.empty("w:tblLook", [("w:val", "04A0"), ("w:firstRow", "1"), ("w:lastRow", "0"), ("w:firstColumn", "0"),
                                      ("w:lastColumn", "0"), ("w:noHBand", "1"), ("w:noVBand", "1")])
            }
            x.within("w:tblGrid") { x in
                for w in columns { x.empty("w:gridCol", [("w:w", "\(w)")]) }
            }
            if let caption = table.caption {
                row(&x, [caption], widths: [columns.reduce(0, +)], span: columns.count, header: true)
            }
            row(&x, table.header, widths: columns, span: 1, header: true)
            for cells in table.rows { row(&x, cells, widths: columns, span: 1, header: false) }
        }
    }

    /// One row that never splits across pages; header rows repeat at the top of every page.
    static func row(_ x: inout XMLWriter, _ cells: [String], widths: [Int], span: Int, header: Bool) {
        x.within("w:tr") { x in
            x.within("w:trPr") { x in
                x.empty("w:cantSplit")
                if header { x.empty("w:tblHeader") }
            }
            for (i, cell) in cells.enumerated() {
                x.within("w:tc") { x in
                    x.within("w:tcPr") { x in
                        x.empty("w:tcW", [("w:w", "\(i < widths.count ? widths[i] : 0)"), ("w:type", "dxa")])
                        if span > 1 { x.empty("w:gridSpan", [("w:val", "\(span)")]) }
                        if header { x.empty("w:shd", [("w:val", "clear"), ("w:color", "auto"), ("w:fill", "E7E6E6")]) }
                    }
                    paragraph(&x, style: header ? "TableHeading" : "TableText", runs: [Run(cell)])
                }
            }
        }
    }

    static func borders(_ x: inout XMLWriter, _ name: String, inner: Bool) {
        x.within(name) { x in
            for side in ["w:top", "w:left", "w:bottom", "w:right"] + (inner ? ["w:insideH", "w:insideV"] : []) {
                x.empty(side, [("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "808080")])
            }
        }
    }

    var headerXML: String {
        var x = XMLWriter()
        x.within("w:hdr", [("xmlns:w", Self.wordNamespace), ("xmlns:r", Self.relNamespace)]) { x in
            Self.paragraph(&x, style: "Marking", runs: [Run(headerText, bold: true)], alignment: "center")
        }
        return x.document
    }

    /// `footer text · Page X of Y`, the numbers as PAGE and NUMPAGES fields Word and LibreOffice fill in.
    var footerXML: String {
        var x = XMLWriter()
        x.within("w:ftr", [("xmlns:w", Self.wordNamespace), ("xmlns:r", Self.relNamespace)]) { x in
            x.within("w:p") { x in
                x.within("w:pPr") { x in
                    x.empty("w:pStyle", [("w:val", "Marking")])
                    x.empty("w:jc", [("w:val", "center")])
                }
                if !footerText.isEmpty { Self.run(&x, Run(footerText + " · ")) }
                Self.run(&x, Run("Page "))
                Self.field(&x, "PAGE", placeholder: "1")
                Self.run(&x, Run(" of "))
                Self.field(&x, "NUMPAGES", placeholder: "1")
            }
        }
        return x.document
    }

    static func field(_ x: inout XMLWriter, _ instruction: String, placeholder: String) {
        x.within("w:r") { x in x.empty("w:fldChar", [("w:fldCharType", "begin")]) }
        x.within("w:r") { x in x.element("w:instrText", [("xml:space", "preserve")], text: " \(instruction) ") }
        x.within("w:r") { x in x.empty("w:fldChar", [("w:fldCharType", "separate")]) }
        x.within("w:r") { x in x.element("w:t", text: placeholder) }
        x.within("w:r") { x in x.empty("w:fldChar", [("w:fldCharType", "end")]) }
    }

    var coreProperties: String { CoreProperties.xml(title: title, marking: headerText) }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
        <Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>\
        <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        </Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        </Relationships>
        """

    static let documentRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        <Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
        <Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>\
        <Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>\
        </Relationships>
        """

    /// Fields are refreshed when the document opens, so "Page X of Y" is right in every reader.
    static let settings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:updateFields w:val="true"/><w:defaultTabStop w:val="709"/><w:characterSpacingControl w:val="doNotCompress"/>\
        </w:settings>
        """

    /// The built-in styles: one definition per style id in `styleIDs`.
    public static let styleDefinitions: [String: String] = [
        "Normal": """
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>\
            <w:pPr><w:spacing w:after="100" w:line="264" w:lineRule="auto"/></w:pPr>\
            <w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial" w:eastAsia="Arial"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-GB"/></w:rPr></w:style>
            """,
        "Heading1": heading(1, size: 32, before: 240),
        "Heading2": heading(2, size: 27, before: 300, rule: true),
        "Heading3": heading(3, size: 23, before: 220),
        "Heading4": heading(4, size: 22, before: 200),
        "Compact": """
            <w:style w:type="paragraph" w:customStyle="1" w:styleId="Compact"><w:name w:val="Compact"/><w:basedOn w:val="Normal"/>\
            <w:pPr><w:spacing w:before="0" w:after="40"/></w:pPr></w:style>
            """,
        "Quote": """
            <w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/>\
            <w:pPr><w:pBdr><w:left w:val="single" w:sz="12" w:space="6" w:color="808080"/></w:pBdr><w:ind w:left="284"/></w:pPr>\
            <w:rPr><w:sz w:val="19"/></w:rPr></w:style>
            """,
        "Marking": """
            <w:style w:type="paragraph" w:customStyle="1" w:styleId="Marking"><w:name w:val="Marking"/><w:basedOn w:val="Normal"/>\
            <w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="17"/></w:rPr></w:style>
            """,
        "TableText": """
            <w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>\
            <w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style>
            """,
        "TableHeading": """
            <w:style w:type="paragraph" w:customStyle="1" w:styleId="TableHeading"><w:name w:val="Table Heading"/><w:basedOn w:val="TableText"/>\
            <w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
            """,
        "MaracTable": """
            <w:style w:type="table" w:customStyle="1" w:styleId="MaracTable"><w:name w:val="Marac Table"/>\
            <w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>\
            <w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>\
            <w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders>\
            <w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
            """,
    ]

    static func heading(_ level: Int, size: Int, before: Int, rule: Bool = false) -> String {
        let border = rule ? "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"808080\"/></w:pBdr>" : ""
        return "<w:style w:type=\"paragraph\" w:styleId=\"Heading\(level)\"><w:name w:val=\"heading \(level)\"/>"
            + "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>"
            + "<w:pPr><w:keepNext/><w:keepLines/>" + border + "<w:spacing w:before=\"\(before)\" w:after=\"80\"/>"
            + "<w:outlineLvl w:val=\"\(level - 1)\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/></w:rPr></w:style>"
    }

    public static var styles: String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"\(wordNamespace)\">"
            + "<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault></w:docDefaults>"
            + styleIDs.compactMap { styleDefinitions[$0] }.joined() + "</w:styles>"
    }

    /// A council's style sheet (`word/styles.xml` from its template) with the built-in definition
    /// of every style this document uses and the sheet does not define; nil when it is not a
    /// style sheet. The council's own definitions win.
    public static func merging(templateStyles sheet: String) -> String? {
        guard let end = sheet.ranges(of: "</w:styles>").last else { return nil }
        let missing = styleIDs.filter { !sheet.contains("w:styleId=\"\($0)\"") }.compactMap { styleDefinitions[$0] }
        return String(sheet[..<end.lowerBound]) + missing.joined() + String(sheet[end.lowerBound...])
    }
}
