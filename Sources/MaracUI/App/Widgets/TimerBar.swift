import MaracCore

/// The discussion timer: big elapsed time, the phase in words and a symbol (never colour alone),
/// and a bar with the target and limit marked.
enum TimerView {
    static func phaseStyle(_ phase: DiscussionPhase) -> Style {
        switch phase {
        case .notStarted: return .muted
        case .normal: return .ok
        case .targetReached: return .warning
        case .overLimit: return .danger
        }
    }

    /// Draws into `rect` (3 rows with big digits + 2 for the bar, or compact when short). Returns rows used.
    /// `live` false (a replay, a closed meeting): the prompts name no key that would change the meeting.
    /// `replayPaused`: the replay is paused, so a discussion running in the recording is not running
    /// on screen either; it says so rather than "▶ running" under a bar that says PAUSED.
    @discardableResult
    static func draw(elapsed: Int64, phase: DiscussionPhase, running: Bool, policy: TimingPolicy, bonusMinutes: Int,
                     live: Bool = true, replayPaused: Bool = false, into buf: inout ScreenBuffer, rect: Rect) -> Int {
        let style = phaseStyle(phase)
        let time = formatDuration(elapsed)
        let target = policy.target(bonusMinutes: bonusMinutes)
        let limit = policy.limit(bonusMinutes: bonusMinutes)
        let state = phase == .notStarted ? "" : !running ? " Ⅱ paused" : replayPaused ? " Ⅱ replay paused" : " ▶ running"
        let phaseText = "\(phase.symbol) \(phase.word.uppercased())\(state)"
        let marks = "target \(target / 60_000) min · limit \(limit / 60_000) min" + (bonusMinutes > 0 ? " (incl. +\(bonusMinutes) bonus)" : "")
        let prompt: Span
        switch phase {
        case .targetReached: prompt = Span("▲ Time to agree actions: who does what, by when", .warning)
        case .overLimit: prompt = Span(live ? "■ Over the limit: agree the actions now, then n to close" : "■ Over the limit: the actions should be agreed now", .danger)
        case .notStarted: prompt = Span(live ? "s starts the discussion timer" : "Discussion not started", .hint)
        case .normal: prompt = Span(marks, .muted)
        }
        var row = rect.y
        if rect.h >= 5 {
            let big = BigDigits.render(time)
            for (i, line) in big.enumerated() { buf.put(line, col: rect.x, row: row + i, style: Style(style.role, bold: true)) }
            let side = rect.x + BigDigits.width(time) + 3
            buf.put(phaseText, col: side, row: row, style: style, maxCol: rect.maxX)
            buf.put("Discussion \(formatElapsed(elapsed))" + (phase == .normal ? "" : " · " + marks), col: side, row: row + 1, style: .normal, maxCol: rect.maxX)
            buf.put(prompt.text, col: side, row: row + 2, style: prompt.style, maxCol: rect.maxX)
            row += 3
        } else {
            var x = buf.put("Discussion \(formatElapsed(elapsed))  ", col: rect.x, row: row, style: Style(style.role, bold: true), maxCol: rect.maxX)
            x = buf.put(phaseText + "  ", col: x, row: row, style: style, maxCol: rect.maxX)
            // On time, the prompt line below is the target and limit: said there, not twice. Left
            // out whole when it does not fit (the bar's labels beneath still give both).
            if !(phase == .normal && rect.h >= 4), x + CharWidth.of(marks) <= rect.maxX {
                buf.put(marks, col: x, row: row, style: .muted, maxCol: rect.maxX)
            }
            row += 1
            if rect.h >= 4 { buf.put(prompt.text, col: rect.x, row: row, style: prompt.style, maxCol: rect.maxX); row += 1 }
        }
        row += drawBar(elapsed: elapsed, target: target, limit: limit, style: style, into: &buf, rect: Rect(x: rect.x, y: row, w: rect.w, h: 2))
        return row - rect.y
    }

    /// `████████░░░░│░░░░│░░` with the target and limit labelled beneath.
    static func drawBar(elapsed: Int64, target: Int64, limit: Int64, style: Style, into buf: inout ScreenBuffer, rect: Rect) -> Int {
        let width = max(10, min(rect.w, 100))
        let span = max(limit + limit / 5, elapsed, 1)
        func pos(_ t: Int64) -> Int { min(width - 1, Int(t * Int64(width) / span)) }
        let filled = pos(elapsed)
        let tPos = pos(target), lPos = pos(limit)
        var bar = ""
        for i in 0..<width {
            if i == tPos || i == lPos { bar += "│" } else { bar += i < filled ? "█" : "░" }
        }
        buf.put(bar, col: rect.x, row: rect.y, style: Style(style.role, bold: false))
        if rect.h > 1 {
            let tLabel = "target \(target / 60_000)m"
            let lLabel = "limit \(limit / 60_000)m"
            buf.put("0", col: rect.x, row: rect.y + 1, style: .muted)
            let tCol = max(rect.x + 2, rect.x + tPos - CharWidth.of(tLabel))
            buf.put(tLabel + "┘", col: tCol, row: rect.y + 1, style: .muted)
            buf.put("└" + lLabel, col: max(tCol + CharWidth.of(tLabel) + 2, rect.x + lPos), row: rect.y + 1, style: .muted, maxCol: rect.maxX)
            return 2
        }
        return 1
    }
}
