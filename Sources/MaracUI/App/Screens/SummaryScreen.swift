import MaracCore

/// Screen 5: the end-of-meeting summary, and closing (locking) the meeting.
extension MeetingScreen {
    func summaryLines(width: Int) -> [StyledLine] {
        let s = state
        var lines: [StyledLine] = []
        let heard = s.heardCases
        let target = s.timing.targetMillis
        lines.append(StyledLine("Cases heard: \(heard.count) of \(s.queue.count)", .title))
        for c in heard {
            let t = c.elapsedMillis(now: now)
            let phase = s.phase(of: c.ref, now: now)
            let vs = t > target ? "+\(formatDuration(t - target)) over target" : "within target"
            lines.append(StyledLine([Span("  " + column(c.ref, 10)), Span(rcolumn(formatDuration(t), 8)),
                                     Span("  \(phase.symbol) \(vs)", TimerView.phaseStyle(phase))]))
        }
        let overruns = s.overruns(now: now)
        lines.append(StyledLine("Overruns: \(overruns.count)", overruns.isEmpty ? .title : .warning))
        for c in overruns {
            lines += wrappedLines("  \(SafeText.line(c.ref)) \(formatDuration(c.elapsedMillis(now: now))) — reason: \(c.overrunReason.map { SafeText.line($0) } ?? "none given")", width: width)
        }
        let deferred = s.orderedCases.filter { $0.status == .deferredToNextMeeting || $0.deferredToEndCount > 0 }
        let withdrawn = s.orderedCases.filter { $0.status == .withdrawn }
        lines.append(StyledLine("Deferred: \(deferred.count) · Withdrawn: \(withdrawn.count)", .title))
        for c in deferred {
            let whereTo = c.status == .deferredToNextMeeting ? "to the next meeting" : "to the end of the agenda"
            lines += wrappedLines("  » \(SafeText.line(c.ref)) \(whereTo): \(SafeText.line(c.deferralReason ?? ""))", width: width)
        }
        for c in withdrawn { lines += wrappedLines("  ✗ \(SafeText.line(c.ref)) withdrawn: \(SafeText.line(c.withdrawalReason ?? ""))", width: width) }
        let live = s.actions.filter { $0.status != .withdrawn }
        lines.append(StyledLine("Actions agreed: \(live.count)", .title))
        var agencies: [String] = []
        for a in live where !agencies.contains(a.owner) { agencies.append(a.owner) }
        for agency in agencies.sorted() {
            let n = live.filter { $0.owner == agency }.count
            lines.append(StyledLine("  " + column(agency, 28) + "\(n) action\(n == 1 ? "" : "s")"))
        }
        let waiting = s.orderedCases.filter { $0.status.isOutstanding }
        if !waiting.isEmpty { lines += wrappedLines("Not yet heard: " + waiting.map { SafeText.line($0.ref) }.joined(separator: ", "), width: width, style: .warning) }
        let lost = lostLogLines()
        if lost > 0 { lines.append(StyledLine("Log: \(lost) line\(lost == 1 ? "" : "s") could not be written (is its disk full?); the journal is not affected", .warning)) }
        lines.append(StyledLine("Outstanding actions reviewed: \(s.reviews.count) of \(s.outstanding.count)", .title))
        for outcome in ReviewOutcome.allCases {
            let n = s.reviews.values.filter { $0.outcome == outcome }.count
            if n > 0 { lines.append(StyledLine("  \(outcome.label): \(n)", outcome == .notDone ? .danger : .normal)) }
        }
        return lines
    }

    func drawSummary(into buf: inout ScreenBuffer, _ body: Rect) {
        let x = body.x + 1
        buf.put("End-of-meeting summary", col: x, row: body.y, style: .title)
        if state.isClosed {
            buf.put(mode == .live ? "■ CLOSED — read-only; R reopens with a reason" : "■ CLOSED", col: x + 24, row: body.y, style: .warning, maxCol: body.maxX)
        } else {
            buf.put(canEdit ? "C closes the meeting and locks its record" : "Not closed yet", col: x + 24, row: body.y, style: .hint, maxCol: body.maxX)
        }
        let lines = summaryLines(width: body.w - 2)
        let height = body.h - 2
        let top = min(summaryScroll, max(0, lines.count - height))
        for (i, line) in lines.dropFirst(top).prefix(height).enumerated() {
            buf.draw(line, col: x, row: body.y + 2 + i, maxCol: body.maxX - 1)
        }
        if top + height < lines.count { buf.put("↓ more (j)", col: body.maxX - 11, row: body.maxY - 1, style: .muted) }
    }
}

