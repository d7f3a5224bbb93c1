/// Word wrapping for plain-text documents printed to a terminal or saved as .txt (the training
/// scorecard and comparison): lines break at spaces, never inside a word, so nothing reads
/// "exact|ly" when a terminal folds a long line at its edge. Widths are counted in characters;
/// these documents hold only characters one column wide.
public enum PlainWrap {
    /// `text` (one paragraph) wrapped to lines of at most `width` characters. The first line
    /// starts with `first`, each later one with `rest` (both count in the width). A single word
    /// longer than the room left is cut where it must be: a reference or path is never lost.
    public static func lines(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        var prefix: String { lines.isEmpty ? first : rest }
        for word in text.split(separator: " ") {
            var word = Substring(word)
            if lineHasWord, line.count + 1 + word.count <= width {
                line += " " + word
                continue
            }
            if lineHasWord { lines.append(line); line = rest; lineHasWord = false }
            // A word wider than a whole line: as much as fits, then the rest on the next.
            while prefix.count + word.count > width {
                let room = max(1, width - prefix.count)
                lines.append(prefix + word.prefix(room))
                word = word.dropFirst(room)
                line = rest
            }
            if word.isEmpty { continue }
            line = prefix + word
            lineHasWord = true
        }
        if lineHasWord || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Cells side by side in columns of the given widths, each cell wrapped within its column, the
    /// rows padded so the columns line up. The last column is not padded (no trailing blanks).
    public static func columns(_ cells: [String], widths: [Int], gap: String = " ") -> [String] {
        let wrapped = zip(cells, widths).map { cell, width in lines(cell, width: width) }
        let height = wrapped.map(\.count).max() ?? 0
        return (0..<height).map { row in
            var out = ""
            for (i, column) in wrapped.enumerated() {
                let text = row < column.count ? column[row] : ""
                if i == wrapped.count - 1 {
                    out += text
                } else {
                    out += text + String(repeating: " ", count: max(0, widths[i] - text.count)) + gap
                }
            }
            return trimmingTrailingBlanks(out)
        }
    }

    static func trimmingTrailingBlanks(_ s: String) -> String {
        var s = Substring(s)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
