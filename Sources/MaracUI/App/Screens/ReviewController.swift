import MaracCore

/// Screen 2: actions still open from earlier meetings, grouped by owner agency. Each is closed as
/// done, not possible (circumstances changed), not done by the agency (escalate) or carried forward.
struct ReviewController: ScreenController {
    /// The selected action's place in `order`.
    var index = 0

    static let keymap: [Binding<ReviewController>] = [
        .edit([.enter], "Enter", "record the outcome of the selected action: done · not possible (circumstances changed) · not done by the agency (escalates) · carried forward",
              hint: ("Enter", "record outcome"), rank: 10, showsNow: { !$1.state.outstanding.isEmpty }) { c, ctx, _ in
            let list = order(ctx.state)
            guard list.indices.contains(c.index) else { return [] }
            return [.open(ReviewForm(actionID: list[c.index].id))]
        },
        Binding([.down, .char("j"), .up, .char("k")], "j/k", "choose an action", hint: ("j/k", "move"), rank: 20,
                showsNow: { !$1.state.outstanding.isEmpty }, action: { c, ctx, key in
                    let last = max(0, order(ctx.state).count - 1)
                    c.index = key == .down || key == .char("j") ? min(c.index + 1, last) : max(0, c.index - 1)
                    return []
                }),
        Binding([], "3", "the agenda, once every action is reviewed", hint: ("3", "agenda"), rank: 5,
                showsNow: { $1.state.outstanding.isEmpty }, action: nil),
        Binding([.escape], "Esc", "clear the message line", action: { _, _, _ in [.status(nil)] }),
    ]

    /// Outstanding actions in display order: grouped by agency, agencies in first-seen order.
    static func order(_ state: MeetingState) -> [OutstandingAction] {
        var agencies: [String] = []
        for a in state.outstanding where !agencies.contains(a.owner) { agencies.append(a.owner) }
        return agencies.flatMap { agency in state.outstanding.filter { $0.owner == agency } }
    }

    /// After an outcome is recorded: select the next action not yet reviewed (after this one, then
    /// from the top), so the next outcome can never overwrite the one just recorded. Returns the
    /// message for the status line.
    mutating func moveToNextUnreviewed(after id: String, message: String?, in state: MeetingState) -> String {
        let order = Self.order(state)
        let at = order.firstIndex { $0.id == id } ?? index
        let after = order.indices.filter { $0 > at } + order.indices.filter { $0 < at }
        if let next = after.first(where: { state.reviews[order[$0].id] == nil }) {
            index = next
            return (message.map { $0 + " · " } ?? "") + "next: \(SafeText.line(order[next].displayID))"
        }
        index = at
        return (message.map { $0 + " · " } ?? "") + "all \(order.count) reviewed — press 3 for the agenda"
    }

    /// The latest progress as at most `most` lines of `width`: a longer note ends at a whole word
    /// with "…" (the review form shows it all).
    static func progressLines(_ progress: ActionProgress, width: Int, most: Int = 2) -> [String] {
        keeping(wrap(progress.line, width: width), most: most, width: width)
    }

    func draw(into buf: inout ScreenBuffer, _ body: Rect, _ ctx: ScreenContext) {
        let state = ctx.state
        let x = body.x + 1
        let list = Self.order(state)
        let reviewed = list.filter { state.reviews[$0.id] != nil }.count
        buf.put("Review of outstanding actions", col: x, row: body.y, style: .title)
        let counts = reviewed == list.count && !list.isEmpty
            ? "✓ all \(reviewed) reviewed — press 3 for the agenda"
            : "\(reviewed) reviewed · \(list.count - reviewed) left"
        buf.put(counts, col: x + 31, row: body.y, style: reviewed == list.count ? .ok : .warning, maxCol: body.maxX)
        if list.isEmpty {
            buf.put("No outstanding actions from earlier meetings", col: x + 2, row: body.y + 2, style: .hint)
            buf.put("Press 3 for the agenda", col: x + 2, row: body.y + 3, style: .muted)
            ListView.draw(ctx.deferredHereLines(width: body.w), selected: nil, into: &buf,
                          rect: Rect(x: body.x, y: body.y + 4, w: body.w, h: max(0, body.h - 4)))
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
        // Overdue on the meeting's date, in words under the due date, while the action is still to
        // review (once reviewed, its outcome says what happens next).
        let meetingDay = state.info.date
        func overdue(_ a: OutstandingAction) -> String? { state.reviews[a.id] == nil ? a.overdueWords(on: meetingDay) : nil }
        // "now due dd/mm/yyyy" once an action is carried forward to a new date.
        let dueWidth = max(list.contains { state.reviews[$0.id]?.newDue != nil } ? 19 : 15,
                           (list.compactMap { overdue($0).map(CharWidth.of) }.max() ?? 0) + 1)
        // The rows for a width; `total` leaves the scroll marks' column free when the list scrolls.
        func rows(total: Int, idMinimum: Int = 12) -> (lines: [StyledLine], selected: Int?, count: Int) {
            let widths = shareWidths([
                TableColumn(minimum: idMinimum, natural: (list.map { CharWidth.of($0.displayID) }.max() ?? 0) + 1, priority: 3),
                TableColumn(minimum: 9, natural: (list.map { CharWidth.of(SafeText.line($0.caseRef)) }.max() ?? 0) + 1, priority: 2),
                TableColumn(minimum: 20, natural: (list.map { CharWidth.of(SafeText.line($0.text)) }.max() ?? 0) + 1, priority: 1),
                TableColumn(minimum: dueWidth, natural: dueWidth, priority: 4),
                TableColumn(minimum: wide ? 17 : 0, natural: wide ? 17 : 0, priority: 6),
                // The outcome is short and says what happens next ("not done — escalate"): never cut.
                TableColumn(minimum: list.map { CharWidth.of(outcomeText($0)) }.max() ?? 13, natural: 0, priority: 5),
            ], total: total)
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
                var text = wrap(SafeText.line(a.text), width: max(1, textW - 1))
                let late = overdue(a)
                // The overdue words sit under the due date: a one-line action gains a line for them.
                if late != nil && text.count < 2 { text.append("") }
                let firstLine = lines.count
                let outcomeStyle: Style = state.reviews[a.id].map { $0.outcome == .notDone ? .danger : $0.outcome == .done ? .ok : .warning } ?? .muted
                // Carried forward to a new date: that date, not the one it had.
                let due = state.reviews[a.id]?.newDue.map { "now due \($0.uk)" } ?? a.due.map { "due \($0.uk)" } ?? "no due date"
                var spans = [Span(column(a.displayID, widths[0])), Span(column(a.caseRef, widths[1]), .muted),
                             Span(column(text.first ?? "", textW)),
                             Span(column(due, widths[3]), a.due.map { $0 < meetingDay } == true ? .warning : .muted)]
                if wide { spans.append(Span(column("from \(a.meetingDate.uk)", widths[4]), .muted)) }
                spans.append(Span(outcomeText(a), outcomeStyle))
                lines.append(StyledLine(spans))
                let indent = String(repeating: " ", count: widths[0] + widths[1])
                for (n, more) in text.dropFirst().enumerated() {
                    var spans = [Span(indent), Span(column(more, textW))]
                    if n == 0, let late { spans.append(Span(late, .warning)) }
                    lines.append(StyledLine(spans))
                }
                // What came back since it was agreed, under the action, across the rest of the width.
                if let progress = a.progress {
                    let width = max(1, total - indent.count)
                    for line in Self.progressLines(progress, width: width) { lines.append(StyledLine([Span(indent), Span(line)])) }
                }
                if i == index { selectedLine = firstLine; selectedCount = lines.count - firstLine }
            }
            return (lines, selectedLine, selectedCount)
        }
        let deferred = ctx.deferredHereLines(width: body.w)
        let height = body.h - 3
        var built = rows(total: body.w - 2)
        // Longer than the window: ↑ and ↓ are drawn in the last column, so nothing may end there.
        // The column comes out of the ID column's spare space ("17/11 #12" needs 10), so the
        // action's words wrap as they did.
        if built.lines.count + deferred.count > height { built = rows(total: body.w - 3, idMinimum: 11) }
        ListView.draw(built.lines + deferred, selected: built.selected, into: &buf, rect: Rect(x: body.x, y: body.y + 3, w: body.w, h: height),
                      selectedLines: built.count)
    }
}
