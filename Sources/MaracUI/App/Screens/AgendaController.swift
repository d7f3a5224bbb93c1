import MaracCore

/// Screen 3: the queue in SafeLives order, one row per case, with the keys to run it.
struct AgendaController: ScreenController {
    /// The selected row (a case or an item of any other business), kept by identity as the queue
    /// changes under it. The Case screen shows it (`ScreenContext.selectedRef`).
    var selectedRef: String?

    static let keymap: [Binding<AgendaController>] = [
        Binding([.enter], "Enter", "open the selected case", hint: ("Enter", "open"), rank: 10, action: { _, ctx, _ in
            ctx.agendaRefs.isEmpty ? [] : [.openCase]
        }),
        .edit([.char("s")], "s", "start / pause / resume its discussion", hint: ("s", "start/stop"), rank: 20) { _, ctx, _ in
            ctx.toggleDiscussion()
        },
        .edit([.char("J"), .char("K")], "J / K", "move the case down / up the agenda", hint: ("J/K", "move"), rank: 30) { c, ctx, key in
            let queue = ctx.state.queue
            let i = c.index(ctx)
            guard let ref = c.selectedRef, !queue.isEmpty, ctx.selectedCase != nil else { return [] }
            if key == .char("J") {
                guard i < queue.count - 1 else { return [] }
                return [.save([.caseMoved(caseRef: ref, toPosition: i + 1)], then: .dismiss(message: "Moved \(SafeText.line(ref)) down"))]
            }
            guard i > 0 else { return [] }
            return [.save([.caseMoved(caseRef: ref, toPosition: i - 1)], then: .dismiss(message: "Moved \(SafeText.line(ref)) up"))]
        },
        .edit([.char("d")], "d", "defer: end of the agenda or the next meeting, with a reason", hint: ("d", "defer"), rank: 40) { _, ctx, _ in
            ctx.startDefer()
        },
        .edit([.char("w")], "w", "withdraw the case (reason required)", hint: ("w", "withdraw"), rank: 50) { _, ctx, _ in
            guard let c = ctx.selectedCase else { return [] }
            guard c.status.isOutstanding else { return [.status("Case \(SafeText.line(c.ref)) is already \(c.status.word)")] }
            return [.open(WithdrawCaseForm(caseRef: c.ref))]
        },
        .edit([.char("L")], "L", "add a late case", hint: ("L", "late case"), rank: 60) { _, _, _ in
            [.open(LateCaseForm())]
        },
        .edit([.char("B")], "B", "add an item of any other business (after the cases: notes and actions, no victim)",
              hint: ("B", "any other business"), rank: 65) { _, _, _ in
            [.open(AOBItemForm())]
        },
        Binding([.down, .char("j"), .up, .char("k")], "j/k", "choose a case", action: { c, ctx, key in
            let queue = ctx.agendaRefs
            guard !queue.isEmpty else { return [] }
            let i = c.index(ctx)
            c.selectedRef = key == .down || key == .char("j") ? queue[min(i + 1, queue.count - 1)] : queue[max(0, i - 1)]
            return []
        }),
        Binding([.char("/")], "/", "search case references, names and notes; Enter jumps to the case",
                action: { _, _, _ in [.ask(.finder(Finder(kind: .search)))] }),
        Binding([.home, .end], "Home / End", "the first / last case on the agenda", action: { c, ctx, key in
            c.selectedRef = key == .home ? ctx.agendaRefs.first : ctx.agendaRefs.last
            return []
        }),
        Binding([.escape], "Esc", "clear the message line", action: { _, _, _ in [.status(nil)] }),
    ]

    /// The selected row's place among `agendaRefs` (the cases, then any other business).
    func index(_ ctx: ScreenContext) -> Int { selectedRef.flatMap { ctx.agendaRefs.firstIndex(of: $0) } ?? 0 }

    /// Keeps the selection on a row that exists after the meeting changed.
    mutating func clamp(to state: MeetingState) {
        if let ref = selectedRef, state.cases[ref] == nil, state.aobItem(ref) == nil { selectedRef = state.queue.first }
        if selectedRef == nil { selectedRef = state.queue.first }
    }

    /// The section whose heading a case sits under on the agenda (its own, unless it was moved).
    static func sectionShown(for ref: String, in state: MeetingState) -> AgendaSection? {
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

    func draw(into buf: inout ScreenBuffer, _ body: Rect, _ ctx: ScreenContext) {
        let s = ctx.state
        let now = ctx.now
        let x = body.x + 1
        buf.put("Agenda", col: x, row: body.y, style: .title)
        let heard = s.orderedCases.filter { !$0.status.isOutstanding }.count
        buf.put("\(s.queue.count) cases · \(heard) dealt with", col: x + 8, row: body.y, style: .muted)
        if s.queue.isEmpty {
            buf.put(ctx.canEdit ? "No cases on the agenda — L adds a late case" : "No cases on the agenda", col: x + 2, row: body.y + 2, style: .hint)
            return
        }
        let wide = body.w >= 110
        // The reference is how the chair tells cases apart (aloud, screen-shared): it is never cut
        // below 12 characters, taking width from the victim's name at 80 columns. Then the victim's
        // name gets the spare width first, then a longer reference, then (when wide) the referring
        // agency; the other columns are fixed (status 13, basis to flag 45) and previous hearings
        // end the row.
        let cases = s.orderedCases
        func longest(_ text: (CaseRecord) -> String) -> Int { cases.map { CharWidth.of(SafeText.line(text($0))) }.max() ?? 0 }
        let refNatural = longest { $0.agenda.caseRef } + 1
        let widths = shareWidths([
            TableColumn(minimum: 13 + 45, natural: 13 + 45, priority: 9),
            TableColumn(minimum: max(7, min(refNatural, 13)), natural: refNatural, priority: 2),
            TableColumn(minimum: 10, natural: max(16, longest { $0.agenda.victim } + 1), priority: 1),
            TableColumn(minimum: wide ? 16 : 0, natural: wide ? longest { $0.agenda.referringAgency } + 1 : 0, priority: 3),
            TableColumn(minimum: 0, natural: 0, priority: 4),
        ], total: body.w - 2)
        let refW = widths[1], victimW = widths[2], referrerW = widths[3]
        let header = "  " + column("Status", 13) + column("Ref", refW) + column("Victim", victimW) + column("Basis", 7)
            + column("DASH", 5) + column("Ch", 3) + column("Rpt", 4) + rcolumn("Time", 10) + "  "
            + (wide ? column("", 14) + column("Referred by", referrerW) + "Previous hearings" : "")
        buf.put(header, col: body.x, row: body.y + 1, style: .muted, maxCol: body.maxX)

        let notReached = Set(s.projection(now: now, utcOffsetSeconds: ctx.utcOffsetSeconds).notReached)
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
            if c.ref == selectedRef { selectedLine = lines.count }
            let a = c.agenda
            let repeatCase = c.isRepeat(hearingDate: s.info.date, windowMonths: s.rules.repeatWindowMonths)
            let statusStyle: Style = c.status == .discussing ? .accent : c.status.isOutstanding ? .normal : .muted
            let elapsed = c.wasStarted ? formatElapsed(c.elapsedMillis(now: now)) : "–"
            let phase = s.phase(of: c.ref, now: now)
            var spans = [
                Span(column(ctx.statusText(c), 13), statusStyle),
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
            // Not reached at this pace keeps the case's flags beside it: a high-concern case the
            // meeting may not reach is exactly the one the chair needs to see (help's legend: ⚠).
            let flag = notReached.contains(c.ref) ? Span(column(symbols.isEmpty ? "⚠ not reached" : "⚠ " + symbols, 14), .danger)
                : c.late ? Span(column("late " + symbols, 14), .muted)
                : c.deferredFrom.map { Span(column("from \($0.meetingDate.uk.prefix(5)) " + symbols, 14), .warning) }
                ?? Span(column(symbols, 14), .accent)
            spans.append(flag)
            if wide {
                spans.append(Span(column(a.referringAgency, referrerW), .muted))
                // The agenda's dates and the earlier hearings found in the folder (a reference that
                // changed links by names), as the case screen and the minutes show them.
                spans.append(Span(SafeText.line(c.allPreviousHearings.map(\.uk).joined(separator: ", ")), .muted))
            }
            lines.append(StyledLine(spans))
        }
        lines += aobLines(s, selectedLine: &selectedLine, startingAt: lines.count)
        let listRect = Rect(x: body.x, y: body.y + 2, w: body.w, h: body.h - 3)
        ListView.draw(lines, selected: selectedLine, into: &buf, rect: listRect)

        // The selected case in one line: repeat dates, deferral or withdrawal reasons.
        if let item = ctx.selectedAOB {
            let by = item.raisedBy.isEmpty ? "the chair" : SafeText.line(item.raisedBy)
            buf.put(CharWidth.fitting("\(item.id): any other business, raised by \(by) · Enter opens it", body.w - 2), col: x, row: body.maxY - 1, style: .hint)
        }
        if let c = ctx.selectedCase {
            var detail = "\(SafeText.line(c.ref)): referred by \(SafeText.line(c.agenda.referringAgency))"
            if !c.allPreviousHearings.isEmpty {
                detail += " · previous hearings " + c.allPreviousHearings.map(\.uk).joined(separator: ", ")
            }
            if let from = c.deferredFrom { detail += " · \(SafeText.line(from.summary))" }
            if notReached.contains(c.ref) { detail += " · not reached at this pace" }
            if let shown = Self.sectionShown(for: c.ref, in: s), shown != c.agenda.section {
                detail += " · \(c.agenda.section.title.lowercased()), moved"
            }
            if let r = c.deferralReason { detail += " · deferred: \(SafeText.line(r))" }
            if let r = c.withdrawalReason { detail += " · withdrawn: \(SafeText.line(r))" }
            buf.put(CharWidth.fitting(detail, body.w - 2), col: x, row: body.maxY - 1, style: .hint)
        }
    }
}
