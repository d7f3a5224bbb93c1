/// Frames: a box drawn with line characters, cleared inside, with an optional title.
extension ScreenBuffer {
    mutating func box(_ r: Rect, title: String? = nil, style: Style = .normal) {
        guard r.w >= 2, r.h >= 2 else { return }
        // Clear the rows the box covers edge to edge, so no text underneath shows beside it.
        fill(col: 0, row: r.y, width: size.cols, height: r.h)
        let horizontal = String(repeating: "─", count: r.w - 2)
        put("┌" + horizontal + "┐", col: r.x, row: r.y, style: style)
        for y in (r.y + 1)..<(r.maxY - 1) {
            put("│", col: r.x, row: y, style: style)
            put("│", col: r.maxX - 1, row: y, style: style)
        }
        put("└" + horizontal + "┘", col: r.x, row: r.maxY - 1, style: style)
        if let title, !title.isEmpty {
            put(" " + title + " ", col: r.x + 2, row: r.y, style: .title, maxCol: r.maxX - 2)
        }
    }
}

/// A centred rectangle no larger than the space available.
func centred(width: Int, height: Int, in area: Rect) -> Rect {
    let w = min(width, area.w), h = min(height, area.h)
    return Rect(x: area.x + (area.w - w) / 2, y: area.y + (area.h - h) / 2, w: w, h: h)
}
