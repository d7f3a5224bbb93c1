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

    /// After an outcome is recorded: select the next action not yet reviewed (after this one, then
    /// from the top), so the next outcome can never overwrite the one just recorded.
    mutating func moveToNextUnreviewed(after id: String, message: String?) {
        let order = reviewOrder
        let at = order.firstIndex { $0.id == id } ?? reviewIndex
        let after = order.indices.filter { $0 > at } + order.indices.filter { $0 < at }
        if let next = after.first(where: { state.reviews[order[$0].id] == nil }) {
            reviewIndex = next
            setStatus((message.map { $0 + " · " } ?? "") + "next: \(SafeText.line(order[next].displayID))")
        } else {
            reviewIndex = at
            setStatus((message.map { $0 + " · " } ?? "") + "all \(order.count) reviewed — press 3 for the agenda")
        }
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
        // Columns follow the window, the action's text first; the text wraps rather than being cut.
        func outcomeText(_ a: OutstandingAction) -> String {
            guard let r = state.reviews[a.id] else { return "· to review" }
            return "✓ " + r.outcome.rawValue + (r.outcome == .notDone ? " — escalate" : "")
        }
        let wide = body.w >= 110
        let widths = shareWidths([
            TableColumn(minimum: 12, natural: (list.map { CharWidth.of($0.displayID) }.max() ?? 0) + 1, priority: 3),
            TableColumn(minimum: 9, natural: (list.map { CharWidth.of(SafeText.line($0.caseRef)) }.max() ?? 0) + 1, priority: 2),
            TableColumn(minimum: 20, natural: (list.map { CharWidth.of(SafeText.line($0.text)) }.max() ?? 0) + 1, priority: 1),
            TableColumn(minimum: 15, natural: 15, priority: 4),
            TableColumn(minimum: wide ? 17 : 0, natural: wide ? 17 : 0, priority: 6),
            // The outcome is short and says what happens next ("not done — escalate"): never cut.
            TableColumn(minimum: list.map { CharWidth.of(outcomeText($0)) }.max() ?? 13, natural: 0, priority: 5),
        ], total: body.w - 2)
        let textW = widths[2]
        var lines: [StyledLine] = []
        var selectedLine: Int?
        var selectedCount = 1
        var lastAgency: String?
        for (i, a) in list.enumerated() {
            if a.owner != lastAgency {
                let count = list.filter { $0.owner == a.owner }.count
                lines.append(StyledLine("\(SafeText.line(a.owner)) (\(count))", .title))
                lastAgency = a.owner
            }
            let text = wrap(SafeText.line(a.text), width: max(1, textW - 1))
            if i == reviewIndex { selectedLine = lines.count; selectedCount = max(1, text.count) }
            let outcomeStyle: Style = state.reviews[a.id].map { $0.outcome == .notDone ? .danger : $0.outcome == .done ? .ok : .warning } ?? .muted
            let due = a.due.map { "due \($0.uk)" } ?? "no due date"
            var spans = [Span(column(a.displayID, widths[0])), Span(column(a.caseRef, widths[1]), .muted),
                         Span(column(text.first ?? "", textW)),
                         Span(column(due, widths[3]), a.due.map { $0 < today } == true ? .warning : .muted)]
            if wide { spans.append(Span(column("from \(a.meetingDate.uk)", widths[4]), .muted)) }
            spans.append(Span(outcomeText(a), outcomeStyle))
            lines.append(StyledLine(spans))
            let indent = String(repeating: " ", count: widths[0] + widths[1])
            for more in text.dropFirst() { lines.append(StyledLine([Span(indent), Span(more)])) }
        }
        ListView.draw(lines, selected: selectedLine, into: &buf, rect: Rect(x: body.x, y: body.y + 3, w: body.w, h: body.h - 3),
                      selectedLines: selectedCount)
    }
}
