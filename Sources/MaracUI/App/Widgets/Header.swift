import MaracCore

/// The top line: where and when, the meeting clock, cases left and the projected finish, with the
/// cases that will not be reached at this pace flagged.
enum Header {
    /// `banner` (a mock meeting's "TRAINING") is drawn first, in reverse, and the rest fits after it.
    static func draw(_ screen: MeetingScreen, banner: String? = nil, into buf: inout ScreenBuffer) {
        buf.band(row: 0, style: .header)
        let bannerEnd = banner.map { buf.put(" \($0) ", col: 0, row: 0, style: Style(.warning, bold: true, reverse: true)) } ?? 0
        let cols = buf.size.cols - bannerEnd
        let s = screen.state
        let p = s.projection(now: screen.now)
        let place = SafeText.line(s.info.area)
        let date = s.info.date.uk
        let clock: String
        let clockShort: String
        if s.isClosed {
            clock = "✓ Closed at \(formatDuration(p.meetingElapsedMillis))"; clockShort = "✓ \(formatDuration(p.meetingElapsedMillis))"
        } else if !s.isStarted {
            clock = "○ Not started"; clockShort = "○ Not started"
        } else if s.isPaused {
            clock = "Ⅱ Meeting \(formatDuration(p.meetingElapsedMillis)) paused"; clockShort = "Ⅱ \(formatDuration(p.meetingElapsedMillis)) paused"
        } else {
            clock = "▶ Meeting \(formatDuration(p.meetingElapsedMillis))"; clockShort = "▶ \(formatDuration(p.meetingElapsedMillis))"
        }
        let left = "\(p.casesLeft) left"
        let projected = "Projected \(formatMinutes(p.projectedTotalMillis)) of \(formatMinutes(p.plannedMillis))"
        let projectedShort = "Proj \(formatMinutes(p.projectedTotalMillis))/\(formatMinutes(p.plannedMillis))"
        let late = p.notReached.count
        let flag = late == 0 ? "" : "⚠ \(late) not reached at this pace"
        let flagShort = late == 0 ? "" : "⚠ \(late) not reached"

        let full = ["Marac \(place) \(date)", clock, left, projected, flag].filter { !$0.isEmpty }
        let short = ["\(place) \(date)", clockShort, left, projectedShort, flagShort].filter { !$0.isEmpty }
        var parts = full
        if CharWidth.of(full.joined(separator: " │ ")) + 2 > cols { parts = short }
        // Still too wide (a long area name): shorten the place, never the clock or the warnings.
        let overflow = CharWidth.of(parts.joined(separator: " │ ")) + 2 - cols
        if overflow > 0 {
            let room = max(4, CharWidth.of(place) - overflow)
            parts[0] = "\(CharWidth.fitting(place, room)) \(date)"
        }
        var x = bannerEnd + 1
        for (i, part) in parts.enumerated() {
            if i > 0 { x = buf.put(" │ ", col: x, row: 0, style: .header) }
            let isFlag = part.hasPrefix("⚠")
            let isOver = part.hasPrefix("Proj") && p.overrunMillis > 0
            let style = isFlag ? Style(.danger, bold: true, reverse: true) : isOver ? Style(.warning, bold: true, reverse: true) : Style(.header, bold: i == 0)
            x = buf.put(part, col: x, row: 0, style: style, maxCol: buf.size.cols)
        }
    }
}

/// The row of screens under the header: the current one in brackets (not only highlighted).
enum TabRow {
    /// The tabs, and at the right the case under discussion with its timer, whichever screen is shown.
    static func draw(current: ScreenID, active: (ref: String, elapsed: Int64, phase: DiscussionPhase)?, meetingPaused: Bool = false,
                     into buf: inout ScreenBuffer) {
        if let active {
            let short = "\(meetingPaused ? "Ⅱ" : "▶") \(SafeText.line(active.ref)) \(formatDuration(active.elapsed)) \(active.phase.symbol)"
            let full = short + " " + active.phase.word
            let text = buf.size.cols - CharWidth.of(full) - 1 > 60 ? full : short
            let col = buf.size.cols - CharWidth.of(text) - 1
            if col > 60 { buf.put(text, col: col, row: 1, style: TimerView.phaseStyle(active.phase)) }
        }
        var x = 1
        for id in ScreenID.allCases {
            let label = "\(id.rawValue) \(id.title)"
            if id == current {
                x = buf.put("[\(label)]", col: x, row: 1, style: .selection)
            } else {
                x = buf.put(" \(label) ", col: x, row: 1, style: .hint)
            }
            x += 2
        }
    }
}

/// The bottom line: the keys that work here. Help, privacy and quit always show at the right.
enum StatusBar {
    static let always: [(String, String)] = [("?", "help"), ("F12", "hide"), ("q", "quit")]

    /// In a form or dialog only the privacy key is added: `?` and `q` would be typed or ignored there.
    static func draw(keys: [(String, String)], inDialog: Bool = false, into buf: inout ScreenBuffer) {
        let row = buf.size.rows - 1
        let cols = buf.size.cols
        buf.band(row: row, style: .statusBar)
        let tail = render(inDialog ? [("F12", "hide")] : always)
        let tailWidth = tail.reduce(0) { $0 + CharWidth.of($1.text) }
        let tailCol = cols - tailWidth - 1
        var x = 1
        let spans = render(keys)
        // Key and label go together: stop before a pair that does not fit.
        for pair in stride(from: 0, to: spans.count, by: 2) {
            let width = CharWidth.of(spans[pair].text) + CharWidth.of(spans[pair + 1].text)
            if x + width > tailCol - 1 { break }
            x = buf.put(spans[pair].text, col: x, row: row, style: spans[pair].style)
            x = buf.put(spans[pair + 1].text, col: x, row: row, style: spans[pair + 1].style)
        }
        var tx = tailCol
        for span in tail { tx = buf.put(span.text, col: tx, row: row, style: span.style) }
    }

    static func render(_ keys: [(String, String)]) -> [Span] {
        var spans: [Span] = []
        for (i, (key, label)) in keys.enumerated() {
            spans.append(Span((i == 0 ? "" : " · ") + key, Style(.statusBar, bold: true)))
            spans.append(Span(" " + label, .statusBar))
        }
        return spans
    }
}

/// Below 80×24 nothing fits legibly, so only this is drawn.
enum TooSmall {
    static func draw(into buf: inout ScreenBuffer) {
        let s = buf.size
        let text = "Terminal too small: 80×24 needed, this is \(s.cols)×\(s.rows)"
        let lines = wrap(text, width: max(1, s.cols))
        let top = max(0, (s.rows - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            buf.centre(line, row: top + i, in: Rect(x: 0, y: 0, w: s.cols, h: s.rows), style: Style(.warning, bold: true))
        }
    }
}

/// F12 / Ctrl-B: for a shared screen when someone walks in. Nothing but this message is drawn.
enum PrivacyScreen {
    static let message = "Screen hidden — press F12 or Ctrl-B to show"

    static func draw(into buf: inout ScreenBuffer) {
        let s = buf.size
        buf.centre(message, row: s.rows / 2, in: Rect(x: 0, y: 0, w: s.cols, h: s.rows), style: Style(.privacy, bold: true))
    }
}
