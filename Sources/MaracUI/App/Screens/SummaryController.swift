import MaracCore

/// Screen 5: the end-of-meeting summary, and closing (locking) the meeting.
struct SummaryController: ScreenController {
    /// The first line shown.
    var scroll = 0

    static let keymap: [Binding<SummaryController>] = [
        .edit([.char("C")], "C", "close the meeting (locks the record; asks first, naming what is left undone)", hint: ("C", "close meeting"), rank: 10) { _, _, _ in
            [.ask(.confirm(.closeMeeting))]
        },
        .edit([.char("N")], "N", "the next meeting's date and venue (recorded; in the minutes)", hint: ("N", "next meeting"), rank: 15) { _, _, _ in
            [.open(NextMeetingForm())]
        },
        Binding([.down, .char("j"), .up, .char("k"), .pageDown, .pageUp], "j/k PgDn/PgUp", "scroll (a line / a page)",
                hint: ("j/k", "scroll"), rank: 20, action: { c, ctx, key in
                    switch key {
                    case .down, .char("j"): c.scroll += 1
                    case .pageDown: c.scroll += 10
                    case .pageUp: c.scroll = max(0, c.scroll - 10)
                    default: c.scroll = max(0, c.scroll - 1)
                    }
                    c.scroll = min(c.scroll, max(0, SummaryController.lines(ctx, width: ctx.size.cols - 2).count - (ctx.size.rows - 7)))  // as `draw` shows it
                    return []
                }),
        Binding([.escape], "Esc", "clear the message line", action: { _, _, _ in [.status(nil)] }),
    ]

    static func lines(_ ctx: ScreenContext, width: Int) -> [StyledLine] {
        let s = ctx.state
        let now = ctx.now
        var lines: [StyledLine] = []
        // Counted as the minutes count them: a 12-month notification is read out, not heard.
        let heard = s.heardDiscussedCases
        let notifications = s.notificationsRead
        let target = s.timing.targetMillis
        lines.append(StyledLine("Cases heard: \(heard.count)" + (notifications.isEmpty ? "" : " · 12-month notifications read: \(notifications.count)")
                                + " · on the agenda: \(s.queue.count)", .title))
        let plan = s.plannedTimes
        lines.append(StyledLine("Planned \(plan.text)" + (s.originalPlan.map { " (changed in the meeting from \($0.text))" } ?? "")
                                + (s.isStarted ? " · meeting time \(formatElapsed(s.meetingElapsedMillis(now: now)))" : "")))
        for c in heard + notifications {
            let t = c.elapsedMillis(now: now)
            let phase = s.phase(of: c.ref, now: now)
            let vs = c.agenda.notification ? "notification" : t > target ? "+\(formatElapsed(t - target)) over target"
                : t == target ? "at target" : "within target"   // at exactly the target the timer shows ▲ already
            lines.append(StyledLine([Span("  " + column(c.ref, 10)), Span(rcolumn(formatElapsed(t), 10)),
                                     Span("  \(phase.symbol) \(vs)", TimerView.phaseStyle(phase))]))
        }
        let overruns = s.overruns(now: now)
        lines.append(StyledLine("Overruns: \(overruns.count)", overruns.isEmpty ? .title : .warning))
        for c in overruns {
            lines += wrappedLines("  \(SafeText.line(c.ref)) \(formatElapsed(c.elapsedMillis(now: now))) — reason: \(c.overrunReason.map { SafeText.line($0) } ?? "none given")", width: width)
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
        lines.append(StyledLine("Any other business: \(s.aob.isEmpty ? "none raised" : String(s.aob.count))", .title))
        for item in s.aob {
            let actions = s.actions(for: item.id).filter { $0.status != .withdrawn }.count
            lines += wrappedLines("  \(item.id) \(SafeText.line(item.title))" + (item.raisedBy.isEmpty ? "" : " (raised by \(SafeText.line(item.raisedBy)))")
                                  + " · \(item.notes.count) note\(item.notes.count == 1 ? "" : "s") · \(actions) action\(actions == 1 ? "" : "s")", width: width)
        }
        if let next = s.nextMeeting {
            lines += wrappedLines("Next meeting: \(next.date.uk)" + (next.venue.isEmpty ? "" : " at \(SafeText.line(next.venue))"), width: width, style: .title)
        } else if let date = s.nextMeetingDate {
            lines.append(StyledLine("Next meeting: \(date.uk) (from the protocol's dates; N to confirm or change)", .title))
        } else {
            lines.append(StyledLine("Next meeting: not set — N sets its date and venue", .warning))
        }
        let waiting = s.orderedCases.filter { $0.status.isOutstanding }
        if !waiting.isEmpty { lines += wrappedLines("Not yet heard: " + waiting.map { SafeText.line($0.ref) }.joined(separator: ", "), width: width, style: .warning) }
        let lost = ctx.lostLogLines()
        if lost > 0 { lines.append(StyledLine("Log: \(lost) line\(lost == 1 ? "" : "s") could not be written (is its disk full?); the journal is not affected", .warning)) }
        lines.append(StyledLine("Outstanding actions reviewed: \(s.reviews.count) of \(s.outstanding.count)", .title))
        for outcome in ReviewOutcome.allCases {
            let n = s.reviews.values.filter { $0.outcome == outcome }.count
            if n > 0 { lines.append(StyledLine("  \(outcome.label): \(n)", outcome == .notDone ? .danger : .normal)) }
        }
        return lines
    }

    func draw(into buf: inout ScreenBuffer, _ body: Rect, _ ctx: ScreenContext) {
        let x = body.x + 1
        buf.put("End-of-meeting summary", col: x, row: body.y, style: .title)
        if ctx.state.isClosed {
            buf.put(ctx.mode == .live ? "■ CLOSED — read-only; R reopens with a reason" : "■ CLOSED", col: x + 24, row: body.y, style: .warning, maxCol: body.maxX)
        } else {
            buf.put(ctx.canEdit ? "C closes the meeting and locks its record" : "Not closed yet", col: x + 24, row: body.y, style: .hint, maxCol: body.maxX)
        }
        let lines = Self.lines(ctx, width: body.w - 2)
        // "↓ more (j)" has the last row to itself, so it never covers the end of a line.
        let height = lines.count <= body.h - 2 ? body.h - 2 : body.h - 3
        let top = min(scroll, max(0, lines.count - height))
        for (i, line) in lines.dropFirst(top).prefix(height).enumerated() {
            buf.draw(line, col: x, row: body.y + 2 + i, maxCol: body.maxX - 1)
        }
        if top + height < lines.count { buf.put("↓ more (j)", col: body.maxX - 11, row: body.maxY - 1, style: .muted) }
    }
}

