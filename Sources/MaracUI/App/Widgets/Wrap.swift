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
