import MaracCore

/// Screen 4: one case — the record the chair needs (docs/DOMAIN.md#smart-actions), the discussion timer, actions with
/// their SMART findings, the victim's views, feedback and notes.
/// (The controller, its state and keys: CaseController.swift.)
extension CaseController {
    func draw(into buf: inout ScreenBuffer, _ body: Rect, _ ctx: ScreenContext) {
        let x = body.x + 1
        let w = body.w - 2
        let now = ctx.now
        if let item = ctx.selectedAOB { drawAOB(item, into: &buf, body, ctx); return }
        guard let c = ctx.selectedCase else {
            buf.put("No case selected — 3 shows the agenda", col: x, row: body.y, style: .hint)
            return
        }
        let s = ctx.state
        let a = c.agenda
        var row = body.y
        var tx = buf.put("Case \(SafeText.line(a.caseRef))", col: x, row: row, style: .title)
        // The names grow with the window: half the room left of the status each, 30 and 24 at least.
        let nameRoom = max(54, body.maxX - 16 - tx - 3 - 15)
        tx = buf.put(" · " + CharWidth.fitting(SafeText.line(a.victim), max(30, nameRoom / 2)), col: tx, row: row, style: .title)
        if let p = a.perpetrator {
            buf.put(" · perpetrator " + CharWidth.fitting(SafeText.line(p), max(24, nameRoom / 2)), col: tx, row: row, style: .muted, maxCol: body.maxX - 16)
        }
        let statusText = ctx.statusText(c)
        buf.put(statusText, col: body.maxX - 2 - CharWidth.of(statusText), row: row, style: c.status == .discussing ? .accent : .muted)
        row += 1

        if a.notification {
            buf.put("12 months since the last Marac: notification only — read it out, no discussion needed", col: x, row: row, style: .hint, maxCol: body.maxX)
            row += 1
        }
        var facts = "\(a.referralBasis.label) · DASH \(a.dashScore.map { "\($0)/24" } ?? "not given") · \(w >= 100 ? "referred by" : "from") \(SafeText.line(a.referringAgency))"
        if let r = a.referralDate { facts += " · \(r.days(until: s.info.date)) days to hearing" }
        buf.put(CharWidth.fitting(facts, w), col: x, row: row)
        row += 1

        let repeatCase = c.isRepeat(hearingDate: s.info.date, windowMonths: s.rules.repeatWindowMonths)
        let previous = c.allPreviousHearings
        var spans: [Span] = []
        if repeatCase {
            spans.append(Span("R repeat", .warning))
            if !previous.isEmpty { spans.append(Span(" (previous " + previous.map(\.uk).joined(separator: ", ") + ")", .normal)) }
        } else if let last = previous.last {
            spans.append(Span("Not a repeat (12 months lapsed since \(last.uk))", .muted))
        } else {
            spans.append(Span("First referral", .muted))
        }
        spans.append(a.children.map { Span(" · children: \($0)") } ?? Span(" · children: not known — ask", .warning))
        spans.append(s.idvaPresent ? Span(" · Idva present ✓", .ok) : Span(" · Idva NOT present", .warning))
        buf.draw(StyledLine(spans), col: x, row: row, maxCol: body.maxX - 1)
        row += 1

        func yn(_ b: Bool?) -> String { b.map { $0 ? "yes" : "no" } ?? "?" }
        let sex = a.victimSex.map { SafeText.line($0) } ?? "?"
        let equality = w >= 100
            ? "Equality: sex \(sex) · minoritised \(yn(a.minoritised)) · LGBT+ \(yn(a.lgbt)) · disabled \(yn(a.disabled)) · aged 16–17 \(yn(a.aged16to17)) · perpetrator under 18 \(yn(a.perpetratorUnder18))"
            : "\(sex) · minoritised \(yn(a.minoritised)) · LGBT+ \(yn(a.lgbt)) · disabled \(yn(a.disabled)) · 16–17 \(yn(a.aged16to17)) · perp <18 \(yn(a.perpetratorUnder18))"
        buf.put(CharWidth.fitting(equality, w), col: x, row: row, style: .muted)
        row += 1
        // Brought from the previous meeting, or corrected since the agenda: said once, under the facts.
        var since: [String] = []
        if let from = c.deferredFrom { since.append(SafeText.line(from.summary).capitalisingFirst) }
        if !c.corrections.isEmpty { since.append("corrected: " + c.corrections.map(\.field.label).joined(separator: ", ")) }
        if !since.isEmpty {
            buf.put(CharWidth.fitting(since.joined(separator: " · "), w), col: x, row: row, style: .warning)
            row += 1
        }
        // Referral summary, risks, flags, unsafe contact, agencies involved (CaseFacts).
        let caseFacts = CaseFacts.headerLines(c, width: w, hearingDate: s.info.date, windowMonths: s.rules.repeatWindowMonths)
        for line in caseFacts.prefix(max(0, body.h - 16)) { buf.draw(line, col: x, row: row, maxCol: body.maxX - 1); row += 1 }
        row += 1

        // The timer.
        let phase = s.phase(of: c.ref, now: now)
        let timerRows = body.h >= 20 ? 5 : 4
        row += TimerView.draw(elapsed: c.elapsedMillis(now: now), phase: phase, running: c.isRunning, policy: s.timing,
                              bonusMinutes: c.bonusMinutes, live: ctx.canEdit, replayPaused: ctx.replayPaused, into: &buf, rect: Rect(x: x, y: row, w: min(w, 90), h: timerRows))
        row += 1

        var (lines, selectedLine) = detailLines(c, width: w, ctx)
        if lines.isEmpty { lines = [StyledLine("Nothing recorded yet", .muted)] }
        ListView.draw(lines, selected: selectedLine, into: &buf, rect: Rect(x: body.x, y: row, w: body.w, h: body.maxY - row),
                      scroll: scroll > 0 ? scroll : nil)
    }

    /// Actions (with their SMART findings), the victim's views, feedback and the notes by agency.
    func detailLines(_ c: CaseRecord, width: Int, _ ctx: ScreenContext) -> ([StyledLine], Int?) {
        let s = ctx.state
        let canEdit = ctx.canEdit
        // The history panel first: at a repeat hearing, what was agreed last time is the first question.
        var lines: [StyledLine] = CaseFacts.historyLines(c, hearings: s.earlierHearingsNow(of: c), width: width, live: canEdit)
        var selectedLine: Int?
        selectedLine = appendActionLines(s.actions(for: c.ref), width: width, to: &lines, ctx)
        let views = c.notes.filter { $0.kind == .victimsViews }
        if views.isEmpty {
            lines.append(StyledLine("! Victim's views not recorded" + (canEdit ? " — o, kind \"victim's views\"" : ""), .warning))
        } else {
            for v in views {
                let mark = v.isAmended ? " (amended)" : ""
                for (j, part) in wrap("#\(v.id) Victim's views (\(SafeText.line(v.agency)))\(mark): \(SafeText.block(v.text))", width: max(10, width - 4)).enumerated() {
                    lines.append(StyledLine(j == 0 ? part : "  " + part))
                }
            }
        }
        if let f = c.feedback {
            let detail = f.detail.isEmpty ? "" : " — \(SafeText.line(f.detail))"
            for (j, part) in wrap("Feedback to the victim: \(SafeText.line(f.agency)), \(f.route.label)\(detail)", width: max(10, width - 4)).enumerated() {
                lines.append(StyledLine(j == 0 ? part : "  " + part))
            }
        } else {
            lines.append(StyledLine("! Who feeds back to the victim, and how, is not agreed" + (canEdit ? " — f" : ""), .warning))
        }
        let others = c.notes.filter { $0.kind != .victimsViews }
        if !others.isEmpty {
            lines.append(StyledLine("Notes (\(others.count))" + (canEdit ? " — o adds one · m amends · W withdraws" : ""), .title))
            var agencies: [String] = []
            for n in others where !agencies.contains(n.agency) { agencies.append(n.agency) }
            for agency in agencies {
                for n in others where n.agency == agency {
                    let text = wrap((n.isAmended ? "(amended) " : "") + SafeText.block(n.text), width: max(10, width - 2 - 38))
                    lines.append(StyledLine([Span(column("#\(n.id) " + n.agency, 16), .accent), Span(column(n.kind.label, 22), .muted), Span(text.first ?? "")]))
                    for more in text.dropFirst() { lines.append(StyledLine(String(repeating: " ", count: 38) + more)) }
                }
            }
        }
        return (lines, selectedLine)
    }

    /// The actions of a case (or an item of any other business) with their SMART findings; returns
    /// the line of the selected action.
    func appendActionLines(_ actions: [Action], width: Int, to lines: inout [StyledLine], _ ctx: ScreenContext) -> Int? {
        let s = ctx.state
        let canEdit = ctx.canEdit
        let today = ctx.today
        var selectedLine: Int?
        // Keys are named only where they work: a replay or a closed meeting cannot add or amend.
        let count = "Actions (\(actions.filter { $0.status != .withdrawn }.count))"
        lines.append(StyledLine(canEdit ? count + " — a add · e amend · x withdraw" : count, .title))
        if actions.isEmpty { lines.append(StyledLine(canEdit ? "No actions yet: press a to add one" : "No actions yet", .hint)) }
        // The owner column is as wide as the longest owner (an agency's full name), within limits.
        let ownerW = min(max(18, (actions.map { CharWidth.of(SafeText.line($0.owner)) }.max() ?? 0) + 1), max(18, (width - 2) / 3))
        for (i, action) in actions.enumerated() {
            if i == actionIndex { selectedLine = lines.count }
            let due = action.due?.uk ?? "no date"
            let cat = action.category?.rawValue ?? "no category"
            if action.status == .withdrawn {
                lines.append(StyledLine("✗ \(s.displayID(action.id)) withdrawn: \(SafeText.line(action.text))", .muted))
                continue
            }
            // Action text and findings wrap under their columns: a chair must be able to read back the
            // whole action, and a finding's advice is at its end.
            let usable = max(30, width - 2)
            let text = wrap(SafeText.line(action.text), width: max(10, usable - 11 - ownerW))
            lines.append(StyledLine([Span(column(s.displayID(action.id), 11), .muted), Span(column(action.owner, ownerW), .accent),
                                     Span(text.first ?? "")]))
            for more in text.dropFirst() { lines.append(StyledLine(String(repeating: " ", count: 11 + ownerW) + more)) }
            let findings = SmartRules.check(action, today: today, agenciesPresent: s.agenciesPresent)
            let indent = String(repeating: " ", count: 11)
            let facts = "due \(due) · \(cat) · "
            if findings.isEmpty {
                lines.append(StyledLine([Span(indent + facts, .muted), Span("✓ SMART", .ok)]))
            } else {
                let style: Style = findings.contains { $0.severity == .error } ? .danger : .warning
                let verdict = findings.map { "\($0.symbol) \($0.message)" }.joined(separator: " · ")
                let parts = wrap(facts + verdict, width: max(10, usable - 11))
                for (j, part) in parts.enumerated() {
                    if j == 0, part.hasPrefix(facts) {
                        lines.append(StyledLine([Span(indent + facts, .muted), Span(String(part.dropFirst(facts.count)), style)]))
                    } else {
                        lines.append(StyledLine(indent + part, style))
                    }
                }
            }
        }
        return selectedLine
    }
}

private extension String {
    var capitalisingFirst: String { prefix(1).uppercased() + dropFirst() }
}
