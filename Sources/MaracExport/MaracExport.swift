import MaracCore

/// The export formats `marac export --format` accepts.
public enum ExportFormat: String, CaseIterable, Sendable {
    case md, html, csv, json, docx, xlsx

    public var fileExtension: String { rawValue }
}

/// One file to write: its name (never a path) and its text, or the parts of a Word or Excel
/// package (`.docx`, `.xlsx`) that the application layer zips.
public struct ExportDocument: Sendable, Equatable {
    public var fileName: String
    public var contents: String
    /// Set for docx and xlsx: the package parts; `contents` then holds their XML one after the
    /// other, for searching (what is written is the zipped parts).
    public var parts: [PackagePart]?
    /// Write a UTF-8 byte-order mark first (CSV: so spreadsheets opened by double-click read UTF-8).
    public var byteOrderMark: Bool

    public init(fileName: String, contents: String, byteOrderMark: Bool = false) {
        self.fileName = fileName; self.contents = contents; self.parts = nil; self.byteOrderMark = byteOrderMark
    }

    public init(fileName: String, parts: [PackagePart]) {
        self.fileName = fileName; self.contents = parts.map(\.contents).joined(separator: "\n"); self.parts = parts
        self.byteOrderMark = false
    }
}

/// Choices that change how documents are written, not what they say.
public struct ExportOptions: Sendable, Equatable {
    /// CSV starts with a UTF-8 byte-order mark (the default), so Excel and LibreOffice read accents and quotes right.
    public var csvByteOrderMark: Bool
    /// A council's Word style sheet (`word/styles.xml` of its template), merged under the built-in styles.
    public var wordStyles: String?

    public init(csvByteOrderMark: Bool = true, wordStyles: String? = nil) {
        self.csvByteOrderMark = csvByteOrderMark; self.wordStyles = wordStyles
    }
}

/// Turns the neutral models into named documents. Pure: the command layer writes them.
public enum Exporter {
    /// Minutes in Markdown, HTML or JSON; in CSV, the meeting's actions (a table cannot hold minutes).
    /// Minutes in Markdown, HTML, JSON or Word; in CSV and Excel, the meeting's actions.
    public static func minutes(_ m: Minutes, format: ExportFormat, options: ExportOptions = ExportOptions(csvByteOrderMark: false)) -> ExportDocument {
        let base = fileSafe(m.meeting.id.isEmpty ? m.meeting.date.iso : m.meeting.id)
        switch format {
        case .md: return ExportDocument(fileName: "\(base)-minutes.md", contents: MarkdownRenderer.minutes(m))
        case .html: return ExportDocument(fileName: "\(base)-minutes.html", contents: HTMLRenderer.minutes(m))
        case .json: return ExportDocument(fileName: "\(base)-minutes.json", contents: JSONRenderer.minutes(m))
        case .csv: return ExportDocument(fileName: "\(base)-actions.csv", contents: CSVRenderer.actions(m), byteOrderMark: options.csvByteOrderMark)
        case .docx:
            let doc = DocxRenderer.minutes(m)
            return ExportDocument(fileName: "\(base)-minutes.docx", parts: doc.parts(styles: options.wordStyles))
        case .xlsx: return ExportDocument(fileName: "\(base)-actions.xlsx", parts: XlsxRenderer.actions(m).parts())
        }
    }

    public static func pack(_ p: AgencyPack, format: ExportFormat, options: ExportOptions = ExportOptions(csvByteOrderMark: false)) -> ExportDocument {
        let name = fileSafe(p.meetingID.isEmpty ? p.meetingDate.iso : p.meetingID) + "-actions-" + fileSafe(p.agency)
            + "." + format.fileExtension
        switch format {
        case .md: return ExportDocument(fileName: name, contents: MarkdownRenderer.pack(p))
        case .html: return ExportDocument(fileName: name, contents: HTMLRenderer.pack(p))
        case .json: return ExportDocument(fileName: name, contents: JSONRenderer.pack(p))
        case .csv: return ExportDocument(fileName: name, contents: CSVRenderer.pack(p), byteOrderMark: options.csvByteOrderMark)
        case .docx: return ExportDocument(fileName: name, parts: DocxRenderer.pack(p).parts(styles: options.wordStyles))
        case .xlsx: return ExportDocument(fileName: name, parts: XlsxRenderer.pack(p).parts())
        }
    }

    /// A file-name part from free text: lower-case letters and digits (any script) joined by `-`, at
    /// most `maxBytes` UTF-8 bytes, so no name can climb out of the folder or exceed the file system's
    /// 255-byte limit (two parts and a suffix stay well under it).
    public static func fileSafe(_ text: String, maxBytes: Int = 64) -> String {
        var out = ""
        var pendingDash = false
        for ch in SafeText.line(text).lowercased() {
            if ch.isLetter || ch.isNumber {
                if out.utf8.count + ch.utf8.count + 1 > maxBytes { break }
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(ch)
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? "export" : out
    }
}
