/// One terminal cell. `text` is one whole grapheme cluster (every scalar of it: a letter with its
/// vowel signs, a flag, an emoji sequence) and `width` its columns by `CharWidth`. A cluster wider
/// than one column occupies its cell and the next `width - 1`, which hold empty continuations
/// (`text == ""`, `width == 0`).
public struct Cell: Hashable, Sendable {
    public var text: String
    public var width: Int
    public var style: Style

    public init(_ text: String = " ", width: Int = 1, style: Style = .normal) {
        self.text = text; self.width = width; self.style = style
    }

    public static let blank = Cell()
    public var isContinuation: Bool { width == 0 }
}

public struct Size: Hashable, Sendable {
    public var cols: Int
    public var rows: Int
    public init(cols: Int, rows: Int) { self.cols = cols; self.rows = rows }
    public static let minimum = Size(cols: 80, rows: 24)
}

/// A frame: what the screen should show. Views draw into it; the ncurses backend copies it to the
/// terminal and tests keep it (the virtual screen). Nothing here knows ncurses exists.
public struct ScreenBuffer: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should sit (a focused text field), or nil to hide it.
    public var cursor: (col: Int, row: Int)? {
        get { cursorCol.map { ($0, cursorRow) } }
        set { cursorCol = newValue?.col; cursorRow = newValue?.row ?? 0 }
    }
    private var cursorCol: Int?
    private var cursorRow = 0

    public init(size: Size) {
        self.size = size
        self.cells = Array(repeating: .blank, count: max(0, size.cols) * max(0, size.rows))
    }

    public static func == (a: ScreenBuffer, b: ScreenBuffer) -> Bool {
        a.size == b.size && a.cells == b.cells && a.cursorCol == b.cursorCol && a.cursorRow == b.cursorRow
    }

    public subscript(col: Int, row: Int) -> Cell {
        get { cells[row * size.cols + col] }
        set { cells[row * size.cols + col] = newValue }
    }

    public func contains(col: Int, row: Int) -> Bool { col >= 0 && row >= 0 && col < size.cols && row < size.rows }

    /// Writes `text` from (col,row), clipped at `maxCol` (exclusive; default the right edge).
    /// Returns the column after the last cell written. Text must already be clean (SafeText).
    /// Text that does not fit is cut at a whole cluster and ends in "…", so a cut always shows
    /// (only trailing blanks are dropped silently).
    @discardableResult
    public mutating func put(_ text: String, col: Int, row: Int, style: Style = .normal, maxCol: Int? = nil) -> Int {
        guard row >= 0, row < size.rows else { return col }
        let limit = min(maxCol ?? size.cols, size.cols)
        var x = col
        var lastStart: Int?
        var index = text.startIndex
        while index < text.endIndex {
            let ch = text[index]
            let w = CharWidth.of(ch)
            if w == 0 {
                // A cluster of no width (a lone mark or joiner): keep it with the cell before.
                if x > 0, x - 1 < limit, contains(col: x - 1, row: row) { appendToCluster(ch, col: x - 1, row: row) }
                index = text.index(after: index)
                continue
            }
            if x + w > limit {
                if text[index...].contains(where: { $0 != " " }) { x = markCut(at: x, lastStart: lastStart, from: col, limit: limit, row: row, style: style) }
                break
            }
            if x >= 0 {
                for c in x..<(x + w) { clearCluster(col: c, row: row) }
                self[x, row] = Cell(String(ch), width: w, style: style)
                for c in (x + 1)..<(x + w) { self[c, row] = Cell("", width: 0, style: style) }
                lastStart = x
            }
            x += w
            index = text.index(after: index)
        }
        return x
    }

    /// Ends a cut line with "…": in the free column when there is one (a wide cluster did not fit),
    /// else in place of the last cluster written. Returns the column after the ellipsis.
    private mutating func markCut(at x: Int, lastStart: Int?, from col: Int, limit: Int, row: Int, style: Style) -> Int {
        let ellipsisCol: Int
        if x < limit, x >= max(0, col) { ellipsisCol = x }
        else if let lastStart { ellipsisCol = lastStart }
        else { return x }
        for c in ellipsisCol..<min(x, size.cols) { clearCluster(col: c, row: row); self[c, row] = Cell(" ", width: 1, style: self[c, row].style) }
        clearCluster(col: ellipsisCol, row: row)
        self[ellipsisCol, row] = Cell("…", width: 1, style: style)
        return ellipsisCol + 1
    }

    /// Adds a zero-width cluster to the cluster that covers (col,row).
    private mutating func appendToCluster(_ ch: Character, col: Int, row: Int) {
        var start = col
        while start > 0, self[start, row].isContinuation { start -= 1 }
        self[start, row].text.append(ch)
    }

    /// Fills a rectangle with blanks in a style.
    public mutating func fill(col: Int, row: Int, width: Int, height: Int, style: Style = .normal) {
        for y in max(0, row)..<min(size.rows, row + height) {
            for x in max(0, col)..<min(size.cols, col + width) { clearCluster(col: x, row: y); self[x, y] = Cell(" ", width: 1, style: style) }
        }
    }

    /// Keeps clusters whole when part of one is overwritten: the rest of it becomes blanks.
    private mutating func clearCluster(col: Int, row: Int) {
        guard contains(col: col, row: row) else { return }
        let cell = self[col, row]
        guard cell.isContinuation || cell.width > 1 else { return }
        var start = col
        while start > 0, self[start, row].isContinuation { start -= 1 }
        let end = min(size.cols, start + max(1, self[start, row].width))
        for c in start..<end { self[c, row] = Cell(" ", width: 1, style: self[c, row].style) }
    }

    /// The screen as plain text lines, trailing spaces kept (for `--dump-screen` and goldens).
    public func lines() -> [String] {
        (0..<size.rows).map { y in
            var line = ""
            for x in 0..<size.cols { line += self[x, y].text }
            return line
        }
    }

    public var text: String { lines().joined(separator: "\n") }
}
