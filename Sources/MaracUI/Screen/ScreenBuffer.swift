/// One terminal cell. A wide character occupies its cell and the next one, which holds an empty
/// continuation (`text == ""`, `width == 0`).
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
    @discardableResult
    public mutating func put(_ text: String, col: Int, row: Int, style: Style = .normal, maxCol: Int? = nil) -> Int {
        guard row >= 0, row < size.rows else { return col }
        let limit = min(maxCol ?? size.cols, size.cols)
        var x = col
        for ch in text {
            let w = CharWidth.of(ch)
            if w == 0 {
                // Combining mark: attach to the previous cell so graphemes stay whole.
                if x > 0, x - 1 < limit, contains(col: x - 1, row: row) { self[x - 1, row].text.append(contentsOf: String(ch)) }
                continue
            }
            if x + w > limit { break }
            if x >= 0 {
                clearWide(col: x, row: row)
                self[x, row] = Cell(String(ch), width: w, style: style)
                if w == 2 { clearWide(col: x + 1, row: row); self[x + 1, row] = Cell("", width: 0, style: style) }
            }
            x += w
        }
        return x
    }

    /// Fills a rectangle with blanks in a style.
    public mutating func fill(col: Int, row: Int, width: Int, height: Int, style: Style = .normal) {
        for y in max(0, row)..<min(size.rows, row + height) {
            for x in max(0, col)..<min(size.cols, col + width) { self[x, y] = Cell(" ", width: 1, style: style) }
        }
    }

    /// Keeps wide characters whole when part of one is overwritten.
    private mutating func clearWide(col: Int, row: Int) {
        guard contains(col: col, row: row) else { return }
        let cell = self[col, row]
        if cell.isContinuation, col > 0 { self[col - 1, row] = Cell(" ", width: 1, style: self[col - 1, row].style) }
        if cell.width == 2, col + 1 < size.cols { self[col + 1, row] = Cell(" ", width: 1, style: cell.style) }
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
