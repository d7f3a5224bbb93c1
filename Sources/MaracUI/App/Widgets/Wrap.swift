import MaracCore

/// Word-wraps clean text to lines of at most `width` columns; words longer than a line are cut.
func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in SafeText.block(text).split(separator: "\n", omittingEmptySubsequences: false) {
        var line = ""
        var lineWidth = 0
        for word in paragraph.split(separator: " ") {
            var w = String(word)
            var ww = CharWidth.of(w)
            while ww > width {
                // A word wider than the line: break it where it must.
                if !line.isEmpty { lines.append(line); line = ""; lineWidth = 0 }
                var head = "", used = 0
                var rest = Substring(w)
                while let c = rest.first, used + CharWidth.of(c) <= width { head.append(c); used += CharWidth.of(c); rest = rest.dropFirst() }
                lines.append(head)
                w = String(rest); ww = CharWidth.of(w)
            }
            if line.isEmpty { line = w; lineWidth = ww }
            else if lineWidth + 1 + ww <= width { line += " " + w; lineWidth += 1 + ww }
            else { lines.append(line); line = w; lineWidth = ww }
        }
        lines.append(line)
    }
    return lines
}

/// A paragraph as list lines: wrapped to `width`, its leading blanks kept, the lines after the
/// first indented by `indent` more columns, so a long reason or list reads whole instead of being
/// cut at the edge.
func wrappedLines(_ text: String, width: Int, indent: Int = 2, style: Style = .normal) -> [StyledLine] {
    let lead = String(text.prefix(while: { $0 == " " }))
    let words = text.split(separator: " ").joined(separator: " ")
    guard let head = wrap(words, width: max(1, width - lead.count)).first, !head.isEmpty else { return [StyledLine(text, style)] }
    var lines = [StyledLine(lead + head, style)]
    let rest = String(words.dropFirst(head.count).drop(while: { $0 == " " }))
    let pad = lead + String(repeating: " ", count: max(0, indent))
    for line in wrap(rest, width: max(1, width - pad.count)) where !line.isEmpty { lines.append(StyledLine(pad + line, style)) }
    return lines
}

/// At most `most` of `lines` (each at most `width` columns): when some are dropped, the last one
/// kept ends at a whole word with " …", so the reader sees that there is more.
func keeping(_ lines: [String], most: Int, width: Int) -> [String] {
    guard most > 0, lines.count > most else { return lines }
    var kept = Array(lines.prefix(most))
    var last = kept[most - 1]
    // Drop whole words until the ellipsis fits after the last one kept.
    while CharWidth.of(last) + 2 > width, let space = last.lastIndex(of: " ") { last = String(last[..<space]) }
    kept[most - 1] = last + " …"
    return kept
}
