import MaracCore

/// Minutes and packs as Word documents: the same blocks as the Markdown and HTML (`Layout`), with
/// the marking in every page header, "Page X of Y" in every footer, the reminder under the title,
/// bordered tables whose header rows repeat on each page they continue on and whose rows never split.
public enum DocxRenderer {
    public static func minutes(_ m: Minutes) -> WordDocument { document(Layout.minutes(m)) }
    public static func pack(_ p: AgencyPack) -> WordDocument { document(Layout.pack(p)) }

    static func document(_ outline: Outline) -> WordDocument {
        var doc = WordDocument(title: outline.title, headerText: Marking.restricted, footerText: "Marac — confidential")
        doc.heading(1, outline.title)
        doc.paragraph(Marking.reminder, style: "Quote")
        for block in outline.blocks { write(block, to: &doc) }
        doc.paragraph(Marking.restricted, bold: true, style: "Marking")
        return doc
    }

    static func write(_ block: Block, to doc: inout WordDocument) {
        switch block {
        case .section(_, let title, let blocks):
            doc.heading(2, title)
            for b in blocks { write(b, to: &doc) }
        case .group(let blocks):
            for b in blocks { write(b, to: &doc) }
        case .heading(let level, let text):
            doc.heading(level, text)
        case .label(let text):
            doc.heading(4, text)
        case .pairs(let pairs):
            for (k, v) in pairs { doc.pair(k, v) }
        case .paragraph(let text):
            doc.paragraph(text)
        case .strong(let text):
            doc.paragraph(text, bold: true)
        case .quote(let text):
            doc.paragraph(text, style: "Quote")
        case .nestedList(let groups):
            for (heading, items) in groups {
                doc.paragraph(heading, bold: true, style: "Compact")
                for (label, text) in items {
                    doc.paragraph(runs: [.init("    " + label + ": ", italic: true), .init(text)], style: "Compact")
                }
            }
        case .list(let items):
            for (label, text) in items {
                doc.paragraph(runs: [.init("• "), .init(label.isEmpty ? "" : label + ": ", bold: true), .init(text)], style: "Compact")
            }
        case .table(let header, let rows, let widths, let empty, let caption):
            if rows.isEmpty { if !empty.isEmpty { doc.paragraph(empty) } }
            else { doc.table(header, rows, widths: widths, caption: caption) }
        }
    }
}
