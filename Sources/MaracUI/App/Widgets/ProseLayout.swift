import MaracCore

/// How text that keeps its line breaks (a note being typed, `FormField.Kind.prose`) lies in a field
/// `width` columns wide: each of its lines word-wrapped onto rows, each row a range of the
/// characters, and where a character index (the cursor) falls among them. Pure, so the form's
/// drawing and its tests agree on every row.
struct ProseLayout: Equatable {
    struct Row: Equatable {
        /// The characters on the row (a line feed is never on a row: it ends one).
        var range: Range<Int>
        /// A line feed or the end of the text follows the row; otherwise the line goes on below it.
        var endsLine: Bool
    }

    let rows: [Row]
    let width: Int

    /// - Parameter width: columns for the text; the cursor after a full row still needs one more,
    ///   so callers pass the field's width less one.
    init(_ chars: [Character], width: Int) {
        let width = max(1, width)
        self.width = width
        var rows: [Row] = []
        var lineStart = 0
        while true {
            var lineEnd = lineStart
            while lineEnd < chars.count, chars[lineEnd] != "\n" { lineEnd += 1 }
            Self.wrapLine(chars, lineStart..<lineEnd, width: width, into: &rows)
            guard lineEnd < chars.count else { break }
            lineStart = lineEnd + 1
        }
        self.rows = rows
    }

    /// One line onto rows: break after the last space that fits, or inside a word longer than a row.
    private static func wrapLine(_ chars: [Character], _ line: Range<Int>, width: Int, into rows: inout [Row]) {
        var start = line.lowerBound
        while true {
            var used = 0
            var i = start
            var afterLastSpace: Int?
            while i < line.upperBound {
                let w = CharWidth.of(TextField.shown(chars[i]))
                if used + w > width { break }
                used += w
                i += 1
                if chars[i - 1] == " " { afterLastSpace = i }
            }
            if i >= line.upperBound {
                rows.append(Row(range: start..<line.upperBound, endsLine: true))
                return
            }
            var end = afterLastSpace ?? i
            if end <= start { end = start + 1 }   // one character wider than the row: it takes the row
            rows.append(Row(range: start..<end, endsLine: false))
            start = end
        }
    }

    /// The row and column of a character index. At the end of a wrapped row the cursor is shown at
    /// the start of the next row, where the next character typed goes.
    func position(of index: Int, in chars: [Character]) -> (row: Int, col: Int) {
        for (r, row) in rows.enumerated() where index >= row.range.lowerBound
            && (index < row.range.upperBound || (index == row.range.upperBound && row.endsLine)) {
            let col = chars[row.range.lowerBound..<index].reduce(0) { $0 + CharWidth.of(TextField.shown($1)) }
            return (r, col)
        }
        return (max(0, rows.count - 1), 0)
    }

    /// A row's text, cleaned for the screen.
    func text(of row: Int, in chars: [Character]) -> String {
        guard rows.indices.contains(row) else { return "" }
        return String(chars[rows[row].range].map(TextField.shown))
    }

    /// The first row to show when `height` rows fit: the cursor's row always shows.
    func firstShownRow(cursorRow: Int, height: Int) -> Int {
        min(max(0, cursorRow - height + 1), max(0, rows.count - height))
    }
}
