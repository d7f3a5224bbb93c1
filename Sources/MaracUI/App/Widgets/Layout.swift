import MaracCore

/// A rectangle of the screen, in cells.
struct Rect: Equatable {
    var x: Int, y: Int, w: Int, h: Int
    var maxX: Int { x + w }
    var maxY: Int { y + h }

    func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, w: max(0, w - 2 * n), h: max(0, h - 2 * n)) }
}

/// A run of text in one style.
struct Span: Equatable {
    var text: String
    var style: Style
    init(_ text: String, _ style: Style = .normal) { self.text = text; self.style = style }
}

/// One line made of styled spans: the unit lists, help and case details are built from.
struct StyledLine: Equatable {
    var spans: [Span]
    init(_ spans: [Span]) { self.spans = spans }
    init(_ text: String, _ style: Style = .normal) { self.spans = [Span(text, style)] }
    static let blank = StyledLine("")

    var plain: String { spans.map(\.text).joined() }
}

extension Style {
    static let muted = Style(.muted)
    static let title = Style(.title, bold: true)
    static let accent = Style(.accent, bold: true)
    static let hint = Style(.hint)
    static let ok = Style(.ok)
    static let warning = Style(.warning, bold: true)
    static let danger = Style(.danger, bold: true)
    static let selection = Style(.selection, reverse: true)
    static let header = Style(.header)
    static let statusBar = Style(.statusBar)
    static let input = Style(.input, underline: true)
    static let inputFocused = Style(.inputFocused, reverse: true)
}

extension ScreenBuffer {
    /// Draws a styled line inside `maxCol`, returning the column after it.
    @discardableResult
    mutating func draw(_ line: StyledLine, col: Int, row: Int, maxCol: Int) -> Int {
        var x = col
        for (i, span) in line.spans.enumerated() {
            guard x < maxCol else {
                // The line filled its room exactly and more follows: the last cell shows the cut.
                let rest = line.spans[i...].contains { $0.text.contains { $0 != " " } }
                if rest, maxCol - 1 >= col { put("…", col: maxCol - 1, row: row, style: span.style) }
                break
            }
            x = put(span.text, col: x, row: row, style: span.style, maxCol: maxCol)
        }
        return x
    }

    /// Paints a whole row's background in a style (header, status bar, selection).
    mutating func band(row: Int, col: Int = 0, width: Int? = nil, style: Style) {
        fill(col: col, row: row, width: width ?? size.cols, height: 1, style: style)
    }

    /// Writes text centred in a row.
    mutating func centre(_ text: String, row: Int, in rect: Rect, style: Style = .normal) {
        let w = CharWidth.of(text)
        put(text, col: rect.x + max(0, (rect.w - w) / 2), row: row, style: style, maxCol: rect.maxX)
    }
}

/// Pads or cuts text to exactly `width` columns (for table columns).
func column(_ text: String, _ width: Int) -> String {
    guard width > 0 else { return "" }
    let clean = SafeText.line(text)
    var out = ""
    var used = 0
    // A column always keeps its last cell blank, so it never runs into the next one: text that
    // would fill it exactly is cut too, ending "… ".
    let cut = width >= 2 && CharWidth.of(clean) > width - 1
    let room = cut ? max(0, width - 2) : width
    for ch in clean {
        let w = CharWidth.of(ch)
        if used + w > room { break }
        out.append(ch); used += w
    }
    if cut { out += width >= 2 ? "…" : ""; used += width >= 2 ? 1 : 0 }
    return out + String(repeating: " ", count: max(0, width - used))
}

/// Right-aligns text in `width` columns.
func rcolumn(_ text: String, _ width: Int) -> String {
    let w = CharWidth.of(text)
    return w >= width ? column(text, width) : String(repeating: " ", count: width - w) + text
}

/// One column of a table whose widths follow the window.
struct TableColumn: Equatable {
    /// Never narrower than this (its entries are cut with "…" below it).
    var minimum: Int
    /// What its longest entry needs, separator included; it gets no more than this from the spare width.
    var natural: Int
    /// Lower first: names and action text come before dates and statuses.
    var priority: Int
}

/// Shares `total` columns between table columns: each gets its minimum, then the spare width goes
/// to the columns in priority order, each up to its natural width; whatever is left after that
/// goes to the last column (the free text at the end of a row). Returns one width per column.
func shareWidths(_ columns: [TableColumn], total: Int) -> [Int] {
    var widths = columns.map { max(0, $0.minimum) }
    var spare = total - widths.reduce(0, +)
    guard spare > 0 else { return widths }
    for index in columns.indices.sorted(by: { (columns[$0].priority, $0) < (columns[$1].priority, $1) }) where spare > 0 {
        let extra = min(spare, max(0, columns[index].natural - widths[index]))
        widths[index] += extra
        spare -= extra
    }
    if spare > 0, !widths.isEmpty { widths[widths.count - 1] += spare }
    return widths
}
