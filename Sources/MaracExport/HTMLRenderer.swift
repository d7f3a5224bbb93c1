import MaracCore

/// Minutes and packs as one self-contained HTML file: inline CSS with a print stylesheet, no
/// scripts, no external requests (a Content-Security-Policy forbids them even if some text slipped
/// through), and well-formed XHTML-compatible markup so an XML parser can check it.
public enum HTMLRenderer {
    public static func minutes(_ m: Minutes) -> String { render(Layout.minutes(m)) }

    public static func pack(_ p: AgencyPack) -> String { render(Layout.pack(p)) }

    static func render(_ outline: Outline) -> String {
        var h = HTMLWriter()
        h.document(title: outline.title) { h in
            h.el("h1", outline.title)
            for block in outline.blocks { write(block, to: &h) }
        }
        return h.text
    }

    static func write(_ block: Block, to h: inout HTMLWriter) {
        switch block {
        case .section(let id, let title, let blocks):
            h.section(id, title) { h in for b in blocks { write(b, to: &h) } }
        case .group(let blocks):
            h.open("article", class: "case")
            for b in blocks { write(b, to: &h) }
            h.close("article")
        case .heading(let level, let text):
            h.el("h\(min(max(level, 3), 4))", text)
        case .label(let text):
            h.el("h5", text)
        case .pairs(let pairs):
            h.pairs(pairs)
        case .paragraph(let text):
            h.el("p", text)
        case .strong(let text):
            h.el("p", text, class: "flag")
        case .quote(let text):
            h.open("blockquote"); h.paragraphs(text); h.close("blockquote")
        case .nestedList(let groups):
            h.open("ul", class: "info")
            for (heading, items) in groups {
                h.open("li"); h.el("strong", heading)
                h.open("ul")
                for (label, text) in items {
                    h.open("li", class: label.hasPrefix("Information withheld") ? "withheld" : nil)
                    h.el("span", label + ": ", class: "kind"); h.multiline(text)
                    h.close("li")
                }
                h.close("ul"); h.close("li")
            }
            h.close("ul")
        case .list(let items):
            h.open("ul")
            for (label, text) in items {
                h.open("li")
                if !label.isEmpty { h.el("span", label + ": ", class: "kind") }
                h.multiline(text)
                h.close("li")
            }
            h.close("ul")
        case .table(let header, let rows, let widths, let empty, _):
            h.table(header, rows, empty: empty, widths: widths)
        }
    }

    /// Escapes text for element content and attribute values, and drops what XML 1.0 cannot carry
    /// (`SafeText` already removed control characters; U+FFFE and U+FFFF remain possible).
    public static func escape(_ text: String) -> String { Escape.xml(text) }

    /// The one print stylesheet of every HTML document marac writes (minutes, packs, the data
    /// return): A4, the marking at the top of every printed page, "page X of Y" at the foot, tables
    /// that fit the page width (fixed layout, long words wrap) and rows that do not split.
    /// No scripts, fonts or images: everything needed to print is here.
    static let css = (1...100).map { ".w\($0) { width: \($0)%; }" }.joined(separator: " ") + "\n" + """
        :root { color-scheme: light; }
        body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; color: #111;
               background: #fff; max-width: 62em; margin: 1.5em auto; padding: 0 1em; }
        .marking { border: 2px solid #111; padding: 0.3em 0.6em; font-weight: bold; text-align: center; letter-spacing: 0.04em; }
        .reminder { font-size: 10pt; border-left: 4px solid #555; padding-left: 0.6em; }
        h1 { font-size: 17pt; margin: 0.6em 0 0.3em; }
        h2 { font-size: 14pt; border-bottom: 1px solid #777; margin-top: 1.4em; }
        h3 { font-size: 12pt; margin: 1em 0 0.3em; }
        h4 { font-size: 12pt; margin: 0 0 0.3em; }
        h5 { font-size: 11pt; margin: 0.8em 0 0.2em; }
        h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; }
        dl { display: grid; grid-template-columns: max-content auto; gap: 0.1em 1em; margin: 0.4em 0; }
        dt { font-weight: bold; }
        dd { margin: 0; }
        dt, dd, td, th, li, p { overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; margin: 0.4em 0 0.8em; font-size: 9.5pt; table-layout: fixed; }
        th, td { border: 1px solid #888; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
        th { background: #eee; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        .case { border-top: 1px solid #bbb; padding-top: 0.6em; margin-top: 1em; }
        .flag { font-weight: bold; }
        .kind { font-weight: bold; }
        .withheld { font-style: italic; }
        blockquote { margin: 0.4em 0; padding-left: 0.8em; border-left: 3px solid #999; }
        @page { size: A4; margin: 16mm 14mm;
                @top-center { content: "RESTRICTED when complete (OFFICIAL-SENSITIVE)"; font-size: 9pt; font-weight: bold; }
                @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; } }
        th.n, td.n { text-align: right; }
        table.narrow { font-size: 8pt; }
        table.narrow th { font-size: 7.5pt; }
        tr.total td { font-weight: bold; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
          th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          .case { break-inside: auto; }
        }
        """
}

/// Builds well-formed markup. Every piece of text goes through `HTMLRenderer.escape`; only the
/// writer's own tags are raw.
struct HTMLWriter {
    private(set) var text = ""

    mutating func document(title: String, extraCSS: String = "", _ body: (inout HTMLWriter) -> Void) {
        text += "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        text += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n"
        text += "<meta name=\"referrer\" content=\"no-referrer\"/>\n<meta name=\"robots\" content=\"noindex, nofollow\"/>\n"
        text += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        text += "<title>" + HTMLRenderer.escape(title + " — " + Marking.restricted) + "</title>\n"
        text += "<style>\n" + HTMLRenderer.css + extraCSS + "\n</style>\n</head>\n<body>\n"
        el("p", Marking.restricted, class: "marking")
        el("p", Marking.reminder, class: "reminder")
        body(&self)
        el("p", Marking.restricted, class: "marking")
        text += "</body>\n</html>\n"
    }

    mutating func open(_ tag: String, class cls: String? = nil) {
        text += "<" + tag + (cls.map { " class=\"\($0)\"" } ?? "") + ">"
        if ["ul", "article", "section", "blockquote", "table", "thead", "tbody", "tr", "dl"].contains(tag) { text += "\n" }
    }

    mutating func close(_ tag: String) { text += "</" + tag + ">" + (["strong", "span", "td", "th", "dt", "dd"].contains(tag) ? "" : "\n") }

    mutating func el(_ tag: String, _ content: String, class cls: String? = nil) {
        text += "<" + tag + (cls.map { " class=\"\($0)\"" } ?? "") + ">" + HTMLRenderer.escape(content) + "</" + tag + ">"
        if !["strong", "span", "td", "th", "dt"].contains(tag) { text += "\n" }
    }

    /// Markup the caller built and escaped itself (the report's SVG charts): never user text as such.
    mutating func raw(_ markup: String) { text += markup + "\n" }

    /// Text that may span lines: each line break becomes `<br/>`.
    mutating func multiline(_ content: String) {
        text += content.split(separator: "\n", omittingEmptySubsequences: true).map { HTMLRenderer.escape(String($0)) }
            .joined(separator: "<br/>")
    }

    mutating func paragraphs(_ content: String) {
        for p in content.split(separator: "\n", omittingEmptySubsequences: true) { el("p", String(p)) }
    }

    mutating func section(_ id: String, _ title: String, _ body: (inout HTMLWriter) -> Void) {
        text += "<section id=\"\(id)\">\n"
        el("h2", title)
        body(&self)
        text += "</section>\n"
    }

    /// A bulleted list of plain lines.
    mutating func list(_ items: [String]) {
        open("ul")
        for item in items { el("li", item) }
        close("ul")
    }

    mutating func pairs(_ rows: [(String, String)]) {
        open("dl")
        for (k, v) in rows { el("dt", k); el("dd", v) }
        close("dl")
    }

    /// `widths` are column widths in percent (classes `w<n>` in the stylesheet): a fixed layout
    /// prints predictably and lets even a very long word wrap inside its own column.
    mutating func table(_ header: [String], _ rows: [[String]], empty: String, widths: [Int], numeric: Set<Int> = [],
                        tableClass: String? = nil, lastRowClass: String? = nil) {
        if rows.isEmpty {
            if !empty.isEmpty { el("p", empty) }
            return
        }
        assert(widths.count == header.count, "column widths for \(header)")
        open("table", class: tableClass)
        text += "<colgroup>" + widths.map { "<col class=\"w\(min(max($0, 1), 100))\"/>" }.joined() + "</colgroup>\n"
        open("thead"); open("tr")
        for (i, cell) in header.enumerated() { el("th", cell, class: numeric.contains(i) ? "n" : nil) }
        text += "\n"; close("tr"); close("thead"); open("tbody")
        for (r, row) in rows.enumerated() {
            open("tr", class: r == rows.count - 1 ? lastRowClass : nil)
            for (i, cell) in row.enumerated() { el("td", cell, class: numeric.contains(i) ? "n" : nil) }
            text += "\n"; close("tr")
        }
        close("tbody"); close("table")
    }
}
