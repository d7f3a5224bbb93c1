import MaracCore

/// The export formats `marac export --format` accepts.
public enum ExportFormat: String, CaseIterable, Sendable {
    case md, html, csv, json

    public var fileExtension: String { rawValue }
}

/// One file to write: its name (never a path) and its text.
public struct ExportDocument: Sendable, Equatable {
    public var fileName: String
    public var contents: String

    public init(fileName: String, contents: String) {
        self.fileName = fileName; self.contents = contents
    }
}

/// Turns the neutral models into named documents. Pure: the command layer writes them.
public enum Exporter {
    /// Minutes in Markdown, HTML or JSON; in CSV, the meeting's actions (a table cannot hold minutes).
    public static func minutes(_ m: Minutes, format: ExportFormat) -> ExportDocument {
        let base = fileSafe(m.meeting.id.isEmpty ? m.meeting.date.iso : m.meeting.id)
        switch format {
        case .md: return ExportDocument(fileName: "\(base)-minutes.md", contents: MarkdownRenderer.minutes(m))
        case .html: return ExportDocument(fileName: "\(base)-minutes.html", contents: HTMLRenderer.minutes(m))
        case .json: return ExportDocument(fileName: "\(base)-minutes.json", contents: JSONRenderer.minutes(m))
        case .csv: return ExportDocument(fileName: "\(base)-actions.csv", contents: CSVRenderer.actions(m))
        }
    }

    public static func pack(_ p: AgencyPack, format: ExportFormat) -> ExportDocument {
        let name = fileSafe(p.meetingID.isEmpty ? p.meetingDate.iso : p.meetingID) + "-actions-" + fileSafe(p.agency)
            + "." + format.fileExtension
        switch format {
        case .md: return ExportDocument(fileName: name, contents: MarkdownRenderer.pack(p))
        case .html: return ExportDocument(fileName: name, contents: HTMLRenderer.pack(p))
        case .json: return ExportDocument(fileName: name, contents: JSONRenderer.pack(p))
        case .csv: return ExportDocument(fileName: name, contents: CSVRenderer.pack(p))
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
