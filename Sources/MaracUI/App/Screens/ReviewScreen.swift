import MaracCore

/// Screen 2: actions still open from earlier meetings, grouped by owner agency. Each is closed as
/// done, not possible (circumstances changed), not done by the agency (escalate) or carried forward.
extension MeetingScreen {
    /// Outstanding actions in display order: grouped by agency, agencies in first-seen order.
    var reviewOrder: [OutstandingAction] {
        var agencies: [String] = []
        for a in state.outstanding where !agencies.contains(a.owner) { agencies.append(a.owner) }
        return agencies.flatMap { agency in state.outstanding.filter { $0.owner == agency } }
    }

    func drawReview(into buf: inout ScreenBuffer, _ body: Rect) {
        let x = body.x + 1
        let list = reviewOrder
        let reviewed = list.filter { state.reviews[$0.id] != nil }.count
        buf.put("Review of outstanding actions", col: x, row: body.y, style: .title)
        let counts = reviewed == list.count && !list.isEmpty
            ? "✓ all \(reviewed) reviewed — press 3 for the agenda"
            : "\(reviewed) reviewed · \(list.count - reviewed) left"
        buf.put(counts, col: x + 31, row: body.y, style: reviewed == list.count ? .ok : .warning, maxCol: body.maxX)
        if list.isEmpty {
            buf.put("No outstanding actions from earlier meetings", col: x + 2, row: body.y + 2, style: .hint)
            buf.put("Press 3 for the agenda", col: x + 2, row: body.y + 3, style: .muted)
            return
        }
        buf.put("Enter records: done · not possible · not done (escalate) · carried forward",
                col: x, row: body.y + 1, style: .muted, maxCol: body.maxX)
        let wide = body.w >= 110
        let textW = body.w - (wide ? 72 : 52)
        var lines: [StyledLine] = []
        var selectedLine: Int?
        var lastAgency: String?
        for (i, a) in list.enumerated() {
            if a.owner != lastAgency {
                let count = list.filter { $0.owner == a.owner }.count
                lines.append(StyledLine("\(SafeText.line(a.owner)) (\(count))", .title))
                lastAgency = a.owner
            }
            if i == reviewIndex { selectedLine = lines.count }
            let outcome: Span
            if let r = state.reviews[a.id] {
                let style: Style = r.outcome == .notDone ? .danger : r.outcome == .done ? .ok : .warning
                outcome = Span("✓ " + r.outcome.rawValue + (r.outcome == .notDone ? " — escalate" : ""), style)
            } else {
                outcome = Span("· to review", .muted)
            }
            let due = a.due.map { "due \($0.uk)" } ?? "no due date"
            var spans = [Span(column(a.displayID, 12)), Span(column(a.caseRef, 9), .muted), Span(column(a.text, textW)),
                         Span(column(due, 15), a.due.map { $0 < today } == true ? .warning : .muted)]
            if wide { spans.append(Span(column("from \(a.meetingDate.uk)", 17), .muted)) }
            spans.append(outcome)
            lines.append(StyledLine(spans))
        }
        ListView.draw(lines, selected: selectedLine, into: &buf, rect: Rect(x: body.x, y: body.y + 3, w: body.w, h: body.h - 3))
    }
}
