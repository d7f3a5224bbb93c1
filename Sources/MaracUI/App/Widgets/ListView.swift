/// A vertical list with one selected row, scrolled so the selection stays in view.
struct ListView {
    /// The first visible row for a selection, keeping it on screen with a little context.
    static func firstVisible(selected: Int, count: Int, height: Int) -> Int {
        guard height > 0, count > height else { return 0 }
        let sel = min(max(0, selected), count - 1)
        return min(max(0, sel - height / 2), count - height)
    }

    /// Draws `lines` into `rect`; the row at `selected` (if any) is highlighted and marked with `▸`
    /// so it shows without colour. Rows that are not selectable (section titles) pass nil.
    /// `scroll`, when given, overrides the automatic position (Page Up/Down in long detail lists).
    /// `selectedLines`: an entry wrapped over several lines is selected, and kept in view, whole.
    static func draw(_ lines: [StyledLine], selected: Int?, into buf: inout ScreenBuffer, rect: Rect, scroll: Int? = nil,
                     selectedLines: Int = 1) {
        guard rect.h > 0 else { return }
        let block = max(1, selectedLines)
        let top = scroll.map { min(max(0, $0), max(0, lines.count - rect.h)) }
            ?? firstVisible(selected: selected.map { $0 + min(block, rect.h) / 2 } ?? 0, count: lines.count, height: rect.h)
        for (i, line) in lines.dropFirst(top).prefix(rect.h).enumerated() {
            let index = top + i
            let row = rect.y + i
            if let selected, index >= selected, index < selected + block {
                buf.band(row: row, col: rect.x, width: rect.w, style: .selection)
                if index == selected { buf.put("▸", col: rect.x, row: row, style: .selection) }
                var selectedLine = line
                selectedLine.spans = line.spans.map { Span($0.text, Style(.selection, bold: $0.style.bold, reverse: true)) }
                buf.draw(selectedLine, col: rect.x + 2, row: row, maxCol: rect.maxX)
            } else {
                buf.draw(line, col: rect.x + 2, row: row, maxCol: rect.maxX)
            }
        }
        if top > 0 { buf.put("↑", col: rect.maxX - 1, row: rect.y, style: .muted) }
        if top + rect.h < lines.count { buf.put("↓", col: rect.maxX - 1, row: rect.maxY - 1, style: .muted) }
    }
}
