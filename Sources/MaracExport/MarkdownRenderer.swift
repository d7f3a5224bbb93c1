import MaracCore

/// Minutes and packs as Markdown: readable as plain text (Egress, a text editor) and safe when a
/// Markdown viewer turns it into HTML — user text cannot open a tag, a link or a table cell.
public enum MarkdownRenderer {
    public static func minutes(_ m: Minutes) -> String { render(Layout.minutes(m)) }

    public static func pack(_ p: AgencyPack) -> String { render(Layout.pack(p)) }

    /// The marking first and last, the reminder under the title, then the blocks.
    static func render(_ outline: Outline) -> String {
        var out = MarkdownWriter()
        out.line("**\(Marking.restricted)**")
        out.blank()
        out.line("# " + esc(outline.title))
        out.blank()
        out.line("> \(esc(Marking.reminder))")
        out.blank()
        for block in outline.blocks { write(block, to: &out) }
        out.blank()
        out.line("**\(Marking.restricted)**")
        return out.text
    }

    static func write(_ block: Block, to out: inout MarkdownWriter) {
        switch block {
        case .section(_, let title, let blocks):
            out.heading(2, esc(title))
            for b in blocks { write(b, to: &out) }
        case .group(let blocks):
            for b in blocks { write(b, to: &out) }
        case .heading(let level, let text):
            out.heading(level, esc(text))
        case .label(let text):
            out.blank(); out.line("*\(esc(text))*"); out.blank()
        case .pairs(let pairs):
            for (k, v) in pairs { out.item(esc(k), blockText(v, indent: "  ")) }
            out.blank()
        case .paragraph(let text):
            out.line(blockText(text, indent: "")); out.blank()
        case .strong(let text):
            out.line("**\(esc(text))**"); out.blank()
        case .quote(let text):
            out.quote(text)
        case .nestedList(let groups):
            for (heading, items) in groups {
                out.line("- **\(esc(heading))**")
                for (label, text) in items { out.line("  - \(esc(label)): " + blockText(text, indent: "    ")) }
            }
            out.blank()
        case .list(let items):
            for (label, text) in items { out.line("- " + (label.isEmpty ? "" : esc(label) + ": ") + blockText(text, indent: "  ")) }
            out.blank()
        case .table(let header, let rows, _, let empty, _):
            out.table(header.map(esc), rows.map { $0.map(esc) }, empty: esc(empty))
        }
    }

    /// Escapes text so Markdown shows it literally: no emphasis, links, HTML tags or table cells.
    static func esc(_ text: String) -> String { Escape.markdown(text) }

    /// A note that may span lines: continuation lines indented so they stay in their list item.
    static func blockText(_ text: String, indent: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { esc(String($0)) }
        return lines.joined(separator: "  \n" + indent)
    }
}

/// Builds Markdown line by line; keeps a blank line between blocks.
struct MarkdownWriter {
    private(set) var text = ""

    mutating func line(_ s: String) { text += s + "\n" }
    mutating func blank() { if !text.hasSuffix("\n\n") { text += "\n" } }

    mutating func heading(_ level: Int, _ title: String) {
        blank()
        line(String(repeating: "#", count: level) + " " + title)
        blank()
    }

    mutating func item(_ label: String, _ value: String) { line("- **\(label):** \(value)") }

    mutating func quote(_ block: String) {
        for l in block.split(separator: "\n", omittingEmptySubsequences: false) { line("> " + Escape.markdown(String(l))) }
        blank()
    }

    /// A pipe table; cells must already be escaped. With no rows, prints `empty` instead.
    mutating func table(_ header: [String], _ rows: [[String]], empty: String) {
        if rows.isEmpty {
            if !empty.isEmpty { line(empty); blank() }
            return
        }
        line("| " + header.joined(separator: " | ") + " |")
        line("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
        for row in rows { line("| " + row.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |") }
        blank()
    }
}
