import MaracCore

/// Screen 3: the queue in SafeLives order, one row per case, with the keys to run it.
extension MeetingScreen {
    /// The selected row's place among `agendaRefs` (the cases, then any other business).
    var agendaIndex: Int { agendaRef.flatMap { agendaRefs.firstIndex(of: $0) } ?? 0 }
    var selectedCase: CaseRecord? { agendaRef.flatMap { state.cases[$0] } }

    mutating func startDefer() {
        guard let c = selectedCase else { return }
        guard c.status.isOutstanding else { setStatus("Case \(SafeText.line(c.ref)) is already \(c.status.word)"); return }
        open(DeferCaseForm(caseRef: c.ref))
    }

    /// `s`: start, pause or resume the selected case's discussion (starting the meeting clock first if needed).
    mutating func toggleDiscussion() -> [Effect] {
        guard let c = selectedCase else { return [] }
        guard c.status.isOutstanding else {
            setStatus("Case \(SafeText.line(c.ref)) is \(c.status.word): choose a waiting case")
            return []
        }
        if state.isPaused { setStatus("The meeting clock is paused: p resumes it"); return [] }
        if c.isRunning {
            return save([.discussionPaused(caseRef: c.ref)], then: .dismiss(message: "Discussion paused — s resumes"))
        }
        var events: [MeetingEvent] = []
        var message = "Discussion started"
        if !state.isStarted { events.append(.meetingStarted); message += " (and the meeting clock)" }
        events.append(c.wasStarted ? .discussionResumed(caseRef: c.ref) : .discussionStarted(caseRef: c.ref))
        if c.wasStarted { message = "Discussion resumed" }
        if !state.isStarted { return startMeeting(events, message: message, show: .caseView) }
        screen = .caseView
        // Case detail is about to be heard: an observer who has not agreed is named again.
        let unagreed = state.observersWithoutConfidentiality
        if !unagreed.isEmpty {
            let names = unagreed.map { SafeText.line($0.representative) }.joined(separator: ", ")
            return save(events, then: .warn(message: message + " — ⚠ observer not agreed to confidentiality: \(names); they must agree or leave"))
        }
        return save(events, then: .dismiss(message: message))
    }

    /// The section whose heading a case sits under on the agenda (its own, unless it was moved).
    func sectionShown(for ref: String) -> AgendaSection? {
        var headed: [AgendaSection] = []
        for c in state.orderedCases {
            if !headed.contains(c.agenda.section) { headed.append(c.agenda.section) }
            if c.ref == ref { return headed.last }
        }
        return nil
    }

    static func basisShort(_ b: ReferralBasis) -> String {
        switch b {
        case .actuarial: return "DASH"
        case .professionalJudgement: return "Prof."
        case .escalation: return "Escal."
        case .repeatReferral: return "Repeat"
        }
    }

    func drawAgenda(into buf: inout ScreenBuffer, _ body: Rect) {
        let s = state
        let x = body.x + 1
        buf.put("Agenda", col: x, row: body.y, style: .title)
        let heard = s.orderedCases.filter { !$0.status.isOutstanding }.count
        buf.put("\(s.queue.count) cases · \(heard) dealt with", col: x + 8, row: body.y, style: .muted)
        if s.queue.isEmpty {
            buf.put(canEdit ? "No cases on the agenda — L adds a late case" : "No cases on the agenda", col: x + 2, row: body.y + 2, style: .hint)
            return
        }
        let wide = body.w >= 110
        // The victim's name gets the spare width first, then the reference, then (when wide) the
        // referring agency; the other columns are fixed (status 13, basis to flag 45) and previous
        // hearings end the row.
        let cases = s.orderedCases
        func longest(_ text: (CaseRecord) -> String) -> Int { cases.map { CharWidth.of(SafeText.line(text($0))) }.max() ?? 0 }
        let widths = shareWidths([
            TableColumn(minimum: 13 + 45, natural: 13 + 45, priority: 9),
            TableColumn(minimum: 7, natural: longest { $0.agenda.caseRef } + 1, priority: 2),
            TableColumn(minimum: 12, natural: max(16, longest { $0.agenda.victim } + 1), priority: 1),
            TableColumn(minimum: wide ? 16 : 0, natural: wide ? longest { $0.agenda.referringAgency } + 1 : 0, priority: 3),
            TableColumn(minimum: 0, natural: 0, priority: 4),
        ], total: body.w - 2)
        let refW = widths[1], victimW = widths[2], referrerW = widths[3]
        let header = "  " + column("Status", 13) + column("Ref", refW) + column("Victim", victimW) + column("Basis", 7)
            + column("DASH", 5) + column("Ch", 3) + column("Rpt", 4) + rcolumn("Time", 10) + "  "
            + (wide ? column("", 14) + column("Referred by", referrerW) + "Previous hearings" : "")
        buf.put(header, col: body.x, row: body.y + 1, style: .muted, maxCol: body.maxX)

        let notReached = Set(s.projection(now: now, utcOffsetSeconds: utcOffsetSeconds).notReached)
        var lines: [StyledLine] = []
        var selectedLine: Int?
        // Each section's heading once, before its first case: a case moved out of its section's run
        // stays where the chair put it, under the heading above it, and says its own section in the
        // detail line, so reordering never repeats a heading.
        var headed: Set<AgendaSection> = []
        for c in s.orderedCases {
            let section = c.agenda.section
            if !headed.contains(section) {
                lines.append(StyledLine(section.title, .title))
                headed.insert(section)
            }
            if c.ref == agendaRef { selectedLine = lines.count }
            let a = c.agenda
            let repeatCase = c.isRepeat(hearingDate: s.info.date, windowMonths: s.rules.repeatWindowMonths)
            let statusStyle: Style = c.status == .discussing ? .accent : c.status.isOutstanding ? .normal : .muted
            let elapsed = c.wasStarted ? formatElapsed(c.elapsedMillis(now: now)) : "–"
            let phase = s.phase(of: c.ref, now: now)
            var spans = [
                Span(column(statusText(c), 13), statusStyle),
                Span(column(a.caseRef, refW)),
                Span(column(a.victim, victimW)),
                Span(column(Self.basisShort(a.referralBasis), 7)),
                Span(column(a.dashScore.map(String.init) ?? "–", 5)),
                Span(column(a.children.map(String.init) ?? "?", 3)),
                Span(column(repeatCase ? "R" : "", 4), .warning),
                Span(rcolumn(elapsed, 10), TimerView.phaseStyle(phase)),
            ]
            if phase == .overLimit { spans.append(Span(" ■", .danger)) } else if phase == .targetReached { spans.append(Span(" ▲", .warning)) } else { spans.append(Span("  ")) }
            // Case flags as one symbol each (legend in help); a possible earlier hearing as "?".
            let symbols = c.details.flags.map(\.symbol).joined() + (c.unconfirmedHistory.isEmpty ? "" : "?")
            let flag = notReached.contains(c.ref) ? Span(column("⚠ not reached", 14), .danger)
                : c.late ? Span(column("late " + symbols, 14), .muted)
                : c.deferredFrom.map { Span(column("from \($0.meetingDate.uk.prefix(5)) " + symbols, 14), .warning) }
                ?? Span(column(symbols, 14), .accent)
            spans.append(flag)
            if wide {
                spans.append(Span(column(a.referringAgency, referrerW), .muted))
                spans.append(Span(SafeText.line(a.previousHearings.sorted().map(\.uk).joined(separator: ", ")), .muted))
            }
            lines.append(StyledLine(spans))
        }
        lines += aobAgendaLines(selectedLine: &selectedLine, startingAt: lines.count)
        let listRect = Rect(x: body.x, y: body.y + 2, w: body.w, h: body.h - 3)
        ListView.draw(lines, selected: selectedLine, into: &buf, rect: listRect)

        // The selected case in one line: repeat dates, deferral or withdrawal reasons.
        if let item = selectedAOB {
            let by = item.raisedBy.isEmpty ? "the chair" : SafeText.line(item.raisedBy)
            buf.put(CharWidth.fitting("\(item.id): any other business, raised by \(by) · Enter opens it", body.w - 2), col: x, row: body.maxY - 1, style: .hint)
        }
        if let c = selectedCase {
            var detail = "\(SafeText.line(c.ref)): referred by \(SafeText.line(c.agenda.referringAgency))"
            if !c.agenda.previousHearings.isEmpty {
                detail += " · previous hearings " + c.agenda.previousHearings.sorted().map(\.uk).joined(separator: ", ")
            }
            if let from = c.deferredFrom { detail += " · \(SafeText.line(from.summary))" }
            if let shown = sectionShown(for: c.ref), shown != c.agenda.section {
                detail += " · \(c.agenda.section.title.lowercased()), moved"
            }
            if let r = c.deferralReason { detail += " · deferred: \(SafeText.line(r))" }
            if let r = c.withdrawalReason { detail += " · withdrawn: \(SafeText.line(r))" }
            buf.put(CharWidth.fitting(detail, body.w - 2), col: x, row: body.maxY - 1, style: .hint)
        }
    }
}
