import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Golden files live beside the tests. `MARAC_RECORD_GOLDENS=1 swift test --filter MaracExportTests`
/// rewrites them; review the diff before committing.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens/" + name)
    if ProcessInfo.processInfo.environment["MARAC_RECORD_GOLDENS"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do { try Data(actual.utf8).write(to: url) } catch { Issue.record("cannot record \(name): \(error)", sourceLocation: sourceLocation) }
        return
    }
    guard let data = try? Data(contentsOf: url), let expected = String(data: data, encoding: .utf8) else {
        Issue.record("golden \(name) is missing: run with MARAC_RECORD_GOLDENS=1 to record it", sourceLocation: sourceLocation)
        return
    }
    if actual != expected {
        let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
        let i = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
        Issue.record("""
            \(name) differs from its golden at line \(i + 1):
              expected: \(i < e.count ? e[i] : "<end of file>")
              actual:   \(i < a.count ? a[i] : "<end of file>")
            """, sourceLocation: sourceLocation)
    }
}

/// RFC 4180 reader for checking our own output: quoted fields, doubled quotes, CRLF records.
func parseCSV(_ text: String) throws -> [[String]] {
    struct Bad: Error, CustomStringConvertible { var description: String }
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var inQuotes = false
    var chars = Array(text.unicodeScalars)[...]
    var fieldWasQuoted = false
    while let c = chars.popFirst() {
        if inQuotes {
            if c == "\"" {
                if chars.first == "\"" { chars.removeFirst(); field.unicodeScalars.append("\"") } else { inQuotes = false }
            } else { field.unicodeScalars.append(c) }
            continue
        }
        switch c {
        case "\"":
            guard field.isEmpty, !fieldWasQuoted else { throw Bad(description: "quote inside an unquoted field: \(field)") }
            inQuotes = true; fieldWasQuoted = true
        case ",":
            row.append(field); field = ""; fieldWasQuoted = false
        case "\r":
            guard chars.popFirst() == "\n" else { throw Bad(description: "CR without LF") }
            row.append(field); rows.append(row); row = []; field = ""; fieldWasQuoted = false
        case "\n":
            throw Bad(description: "bare LF ends a record (RFC 4180 wants CRLF)")
        default:
            guard !fieldWasQuoted else { throw Bad(description: "text after a closing quote") }
            field.unicodeScalars.append(c)
        }
    }
    if inQuotes { throw Bad(description: "unterminated quote") }
    if !field.isEmpty || !row.isEmpty { throw Bad(description: "last record has no CRLF") }
    return rows
}

/// What a real XML parser saw in an HTML export.
struct ParsedMarkup {
    var ok: Bool
    var error: String?
    var elements: [String] = []
    var attributes: [(element: String, name: String, value: String)] = []
    var text = ""
}

final class MarkupCollector: NSObject, XMLParserDelegate {
    var parsed = ParsedMarkup(ok: false)
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        parsed.elements.append(elementName.lowercased())
        for (k, v) in attributes { parsed.attributes.append((elementName.lowercased(), k.lowercased(), v)) }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { parsed.text += string }
}

/// Parses the HTML as XML (it is written to be well-formed XHTML-compatible markup).
func parseMarkup(_ html: String) -> ParsedMarkup {
    let parser = XMLParser(data: Data(html.utf8))
    let collector = MarkupCollector()
    parser.delegate = collector
    parser.shouldResolveExternalEntities = false
    let ok = parser.parse()
    collector.parsed.ok = ok
    if !ok { collector.parsed.error = "\(parser.parserError.map { "\($0)" } ?? "unknown") at line \(parser.lineNumber)" }
    return collector.parsed
}

/// Controls and invisible reordering characters that must never reach an export.
func dangerousScalars(in text: String, allowing allowed: Set<UInt32> = [0x0A, 0x0D]) -> [UInt32] {
    text.unicodeScalars.map(\.value).filter { v in
        if allowed.contains(v) { return false }
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }
}
