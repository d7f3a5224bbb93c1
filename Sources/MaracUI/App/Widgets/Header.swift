import MaracCore

/// The top line: where and when, the meeting clock, cases left and the projected finish by the
/// clock against the planned end, with the cases that will not be reached at this pace flagged.
/// Elapsed times carry a unit (`17:00 min`, `1:02 h`); times of day are bare (`11:42`), in local time.
enum Header {
    /// One item of the header, from its fullest wording to its shortest; `nil` means it may go.
    struct Part {
        var variants: [String?]
        var style: Style
        /// Drawn after " · " rather than " │ ": it belongs with the part before (the finish and its warning).
        var joinsPrevious = false
        var chosen = 0
        var text: String? { variants[chosen] }
    }

    /// `banner` (a mock meeting's "TRAINING") is drawn first, in reverse, never shortened; the rest fits after it.
    static func draw(_ screen: MeetingScreen, banner: String? = nil, into buf: inout ScreenBuffer) {
        let cols = buf.size.cols
        buf.band(row: 0, style: .header)
        var parts = Self.parts(screen)
        let banner = banner.map { " \(SafeText.line($0)) " }
        func width() -> Int {
            let texts = (banner.map { [$0] } ?? []) + parts.compactMap(\.text)
            return texts.reduce(0) { $0 + CharWidth.of($1) } + 3 * max(0, texts.count - 1) + 2
        }
        // Shorten one part at a time, in a fixed order (the least needed wording first), until it fits.
        let order = [4, 0, 1, 3, 2]
        for i in order where parts.indices.contains(i) {
            while width() > cols, parts[i].chosen < parts[i].variants.count - 1 { parts[i].chosen += 1 }
        }
        // Still too wide (a long area name): shorten the place, never the clock or the warnings.
        let overflow = width() - cols
        if overflow > 0, let place = parts[0].text {
            parts[0].variants = [CharWidth.fitting(place, max(4, CharWidth.of(place) - overflow))]
            parts[0].chosen = 0
        }
        var x = 1
        var first = true
        if let banner {
            x = buf.put(banner, col: 0, row: 0, style: Style(.warning, bold: true, reverse: true), maxCol: cols) + 1
        }
        for part in parts {
            guard let text = part.text else { continue }
            if !first { x = buf.put(part.joinsPrevious ? " · " : " │ ", col: x, row: 0, style: .header) }
            first = false
            x = buf.put(text, col: x, row: 0, style: part.style, maxCol: cols)
        }
    }

    /// place, clock, cases left, finish, not reached.
    static func parts(_ screen: MeetingScreen) -> [Part] {
        let s = screen.state
        let offset = screen.utcOffsetSeconds
        let p = s.projection(now: screen.now, utcOffsetSeconds: offset)
        let place = SafeText.line(s.info.area)
        let date = s.info.date.uk
        let elapsed = formatElapsed(p.meetingElapsedMillis)
        let clock: [String?]
        if let closed = s.closedAt {
            let at = formatClockTime(at: closed, utcOffsetSeconds: offset)
            clock = ["✓ Closed at \(at) after \(elapsed)", "✓ Closed \(at) · \(elapsed)", "✓ Closed \(at)"]
        } else if !s.isStarted {
            clock = ["○ Not started", "○ Not started"]
        } else if s.isPaused {
            clock = ["Ⅱ Meeting \(elapsed) paused", "Ⅱ \(elapsed) paused"]
        } else {
            clock = ["▶ Meeting \(elapsed)", "▶ \(elapsed)"]
        }
        let planned = formatClockTime(minutes: s.info.plannedEndMinutes)
        let finish = formatClockTime(at: p.finishAt, utcOffsetSeconds: offset)
        let finishParts: [String?]
        if s.isClosed {
            finishParts = ["planned \(s.plannedTimes.text)", nil]
        } else {
            finishParts = ["Finish ≈ \(finish) (planned \(planned))", "≈ \(finish) (plan \(planned))"]
        }
        let late = p.notReached.count
        let lateStyle = Style(.danger, bold: true, reverse: true)
        return [
            Part(variants: ["Marac \(place) \(date)", "\(place) \(date)"], style: Style(.header, bold: true)),
            Part(variants: clock, style: Style(.header)),
            Part(variants: s.isClosed ? [nil] : ["\(p.casesLeft) left", nil], style: Style(.header)),
            Part(variants: finishParts, style: p.finishesLate && !s.isClosed ? Style(.warning, bold: true, reverse: true) : Style(.header)),
            Part(variants: late == 0 || s.isClosed ? [nil] : ["⚠ \(late) not reached at this pace", "⚠ \(late) not reached"], style: lateStyle,
                 joinsPrevious: true),
        ]
    }
}

/// The row of screens under the header: the current one in brackets (not only highlighted).
enum TabRow {
    /// The tabs, and at the right the case under discussion with its timer, whichever screen is shown.
    static func draw(current: ScreenID, active: (ref: String, elapsed: Int64, phase: DiscussionPhase)?, meetingPaused: Bool = false,
                     into buf: inout ScreenBuffer) {
        if let active {
            let short = "\(meetingPaused ? "Ⅱ" : "▶") \(SafeText.line(active.ref)) \(formatElapsed(active.elapsed)) \(active.phase.symbol)"
            let full = short + " " + active.phase.word
            // Narrow: the reference, its time and phase symbol are what matter (the header says paused).
            let shortest = "\(SafeText.line(active.ref)) \(formatElapsed(active.elapsed)) \(active.phase.symbol)"
            let text = [full, short].first { buf.size.cols - CharWidth.of($0) - 1 > 60 } ?? shortest
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
