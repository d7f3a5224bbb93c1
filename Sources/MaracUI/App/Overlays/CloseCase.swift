import MaracCore

/// `n`: closing a case. Over the limit, the reason is asked first; then the case prompts
/// (`CasePrompts.check`) are shown. The chair goes back to act on them (Esc) or passes each with a
/// reason; once none is left, Enter writes `.discussionEnded` and moves to the next waiting case.
extension ScreenContext {
    /// `n` on the case screen: the overrun reason first when over the limit, else the prompts.
    func startClose(_ c: CaseRecord) -> [ScreenRequest] {
        guard c.status.isOutstanding else { return [.status("Case \(SafeText.line(c.ref)) is already \(c.status.word)")] }
        if let refusal = editRefusal() { return [.status(refusal, error: true)] }
        let flow = CloseFlow(caseRef: c.ref)
        if state.phase(of: c.ref, now: now) == .overLimit { return [.present(OverrunForm(flow: flow))] }
        return [.ask(.closePrompts(flow))]
    }
}

extension MeetingScreen {
    func openPrompts(_ flow: CloseFlow) -> [Finding] {
        guard let c = state.cases[flow.caseRef] else { return [] }
        return CasePrompts.check(c, in: state)
    }

    /// The action `t` asks about: the selected prompt's, or the only absent-owner prompt's.
    func absentOwnerPromptAction(_ prompts: [Finding], selected: Int) -> String? {
        if prompts.indices.contains(selected), let id = CasePrompts.absentOwnerAction(inCode: prompts[selected].code) { return id }
        let all = prompts.compactMap { CasePrompts.absentOwnerAction(inCode: $0.code) }
        return all.count == 1 ? all[0] : nil
    }

    mutating func closePromptsKey(_ flow: CloseFlow, _ key: Key) -> [Effect] {
        var flow = flow
        let prompts = openPrompts(flow)
        switch key {
        case .escape:
            modal = nil
            setStatus(prompts.isEmpty ? nil : "Back to the case: act on the prompts, then n to close")
        case .down, .char("j"):
            flow.selected = min(flow.selected + 1, max(0, prompts.count - 1)); modal = .closePrompts(flow)
        case .up, .char("k"):
            flow.selected = max(0, flow.selected - 1); modal = .closePrompts(flow)
        case .char("p"):
            guard prompts.indices.contains(flow.selected) else { return [] }
            let code = prompts[flow.selected].code
            modal = .form(PassPromptForm(flow: flow, codes: [code], message: prompts[flow.selected].message), in: context)
        case .char("t"):
            // An action whose absent owner nobody will tell: name the agency present that will.
            guard let id = absentOwnerPromptAction(prompts, selected: flow.selected), let action = state.action(id) else {
                setStatus("t names who tells an absent owner: select which prompt first", error: true)
                return []
            }
            modal = .form(AbsentOwnerForm(action: action, closing: flow), in: context)
        case .char("P"):
            guard !prompts.isEmpty else { return [] }
            modal = .form(PassPromptForm(flow: flow, codes: prompts.map(\.code)), in: context)
        case .enter:
            guard prompts.isEmpty else {
                setStatus("\(prompts.count) prompt\(prompts.count == 1 ? "" : "s") left: p passes one with a reason, Esc goes back to act on it", error: true)
                return []
            }
            return save([.discussionEnded(caseRef: flow.caseRef, overrunReason: flow.overrunReason)], then: .caseClosed(flow.caseRef))
        default:
            break
        }
        return []
    }

    func drawClosePrompts(_ flow: CloseFlow, into buf: inout ScreenBuffer, area: Rect) {
        let prompts = openPrompts(flow)
        let width = min(area.w - 2, 96)
        // Each prompt is wrapped, not cut: its last words are usually what to do ("choose a safe route").
        let textWidth = max(10, width - 4 - 2 - 2)
        var lines: [StyledLine] = []
        var firstLineOf: [Int] = []
        for p in prompts {
            firstLineOf.append(lines.count)
            for (j, part) in wrap("\(p.symbol) \(p.message)", width: textWidth).enumerated() {
                lines.append(StyledLine(j == 0 ? part : "  " + part, .warning))
            }
        }
        let height = min(area.h, 8 + max(1, lines.count))
        let rect = centred(width: width, height: height, in: area)
        buf.box(rect, title: "Close case \(SafeText.line(flow.caseRef))", style: .accent)
        let x = rect.x + 2
        var row = rect.y + 1
        if let reason = flow.overrunReason {
            buf.put(CharWidth.fitting("Overrun reason: \(SafeText.line(reason))", rect.w - 4), col: x, row: row, style: .muted)
        } else if state.phase(of: flow.caseRef, now: now) == .overLimit {
            buf.put("Overrun: no reason given", col: x, row: row, style: .muted)
        }
        row += 1
        if prompts.isEmpty {
            buf.put("✓ No prompts left — Enter closes the case and moves to the next", col: x, row: row + 1, style: .ok, maxCol: rect.maxX - 2)
        } else {
            buf.put("Before closing, check:", col: x, row: row, style: .title)
            row += 1
            let selected = firstLineOf.indices.contains(flow.selected) ? firstLineOf[flow.selected] : nil
            ListView.draw(lines, selected: selected, into: &buf, rect: Rect(x: x, y: row, w: rect.w - 4, h: rect.maxY - 4 - row))
        }
        let hint = prompts.isEmpty
            ? "Enter close the case · Esc back to the case"
            : absentOwnerPromptAction(prompts, selected: flow.selected) != nil
            ? "t name who tells them · p pass with a reason · P pass all · Esc back"
            : "Esc back to the case to act · p pass with a reason · P pass all"
        buf.put(CharWidth.fitting(hint, rect.w - 4), col: x, row: rect.maxY - 2, style: .hint)
    }

    // The sentences of these questions, shared with the screen-reader mode so both say the same.
    /// A mock's quit question and what follows it, or nil when this is not a mock. A long folder
    /// keeps its end (the part that tells runs apart) within `pathRoom` columns.
    func mockQuitWords(pathRoom: Int = .max) -> (question: String, detail: String)? {
        guard let folder = mockScorecardFolder.map({ SafeText.line($0) }) else { return nil }
        var shown = folder
        if CharWidth.of(shown) > max(10, pathRoom - 29) {
            let room = max(10, pathRoom - 29) - 1
            shown = "…" + String(folder.suffix(room))
        }
        return ("Quit the mock? It ends here and is scored now.",
                "The scorecard is written to \(shown)")
    }

    var startOnAnotherDayQuestion: String { "Meeting dated \(state.info.date.uk), but today is \(localToday.uk): start anyway?" }
    var startOnAnotherDayDetail: String { "The minutes will say it started on \(localToday.uk)." }
    static func neverReviewed(_ count: Int) -> String {
        "\(count) outstanding action\(count == 1 ? " was" : "s were") never reviewed"
    }

    func drawConfirm(_ purpose: ConfirmPurpose, into buf: inout ScreenBuffer, area: Rect) {
        let question: String
        let detail: String
        var warning: String?
        switch purpose {
        case .quit:
            if let quit = mockQuitWords(pathRoom: area.w - 10) {
                (question, detail) = quit
            } else {
                question = "Quit marac?"
                detail = "Everything is already saved; run it again to continue where you stopped."
            }
        case .closeMeeting:
            let waiting = state.orderedCases.filter { $0.status.isOutstanding }.count
            let unreviewed = state.unreviewedOutstanding.count
            question = waiting == 0 ? "Close the meeting?" : "Close the meeting? \(waiting) case\(waiting == 1 ? " is" : "s are") not heard yet."
            detail = "Its record will be locked. R reopens it later, with a reason."
            if unreviewed > 0 {
                warning = "⚠ \(Self.neverReviewed(unreviewed)) (2 Review)"
            }
        case .startOnAnotherDay:
            question = startOnAnotherDayQuestion
            detail = startOnAnotherDayDetail + " n or Esc cancels."
        case .removeAttendee(let agency, let rep):
            question = "Remove \(SafeText.line(rep)) (\(SafeText.line(agency))) from the register?"
            detail = "u undoes it."
        case .undoElsewhere(_, let what):
            question = "Undo \(what)?"
            detail = "That is not the case on screen. The undo is recorded; nothing is erased."
        }
        let width = min(area.w - 4, max(CharWidth.of(question), CharWidth.of(detail), CharWidth.of(warning ?? "")) + 6)
        let rect = centred(width: width, height: 6, in: area)
        buf.box(rect, title: "Confirm", style: .accent)
        buf.put(question, col: rect.x + 2, row: rect.y + 1, style: .title, maxCol: rect.maxX - 2)
        buf.put(detail, col: rect.x + 2, row: rect.y + 2, style: .normal, maxCol: rect.maxX - 2)
        if let warning { buf.put(warning, col: rect.x + 2, row: rect.y + 3, style: Style(.danger, bold: true), maxCol: rect.maxX - 2) }
        let keys: String
        switch purpose {
        case .startOnAnotherDay: keys = "y start anyway · n or Esc cancel"
        case .closeMeeting where !state.unreviewedOutstanding.isEmpty: keys = "y close anyway · n or Esc no"
        default: keys = "y yes · n or Esc no"
        }
        buf.put(keys, col: rect.x + 2, row: rect.y + 4, style: .hint, maxCol: rect.maxX - 2)
    }
}
