import MaracCore

/// The meeting's own shape (issue 15): its planned times, changed in the meeting with `T`; Any
/// Other Business after the agenda (`B` on the agenda; an item opens on the Case screen, where `o`
/// and `a` add its notes and actions); the next meeting's date and venue (`N` on the summary).
/// The forms are small and self-contained specs (Forms/FormSpec.swift).

/// `T`: the planned start and end, changed in the meeting (recorded).
struct PlannedTimesForm: FormSpec {
    func makeForm(in screen: ScreenContext) -> FormModel {
        let plan = screen.state.plannedTimes
        return FormModel(title: "Change the planned times (recorded)", fields: [
            FormField("start", "Start", value: formatClockTime(minutes: plan.startMinutes), hint: "hh:mm, local time, e.g. 09:30"),
            FormField("end", "End", value: formatClockTime(minutes: plan.endMinutes), hint: "hh:mm: the header's finish is measured against it"),
        ])
    }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard let start = parseClockTime(f["start"]) else { return .refused("Start: '\(SafeText.line(f["start"]))' is not a time of day (hh:mm)") }
        guard let end = parseClockTime(f["end"]) else { return .refused("End: '\(SafeText.line(f["end"]))' is not a time of day (hh:mm)") }
        guard end > start else { return .refused("The end (\(formatClockTime(minutes: end))) must be after the start (\(formatClockTime(minutes: start)))") }
        let plan = PlannedTimes(startMinutes: start, endMinutes: end)
        guard plan != screen.state.plannedTimes else { return .next(nil) }
        return .write([.meetingPlanChanged(startMinutes: start, endMinutes: end)],
                      .dismiss(message: "Planned times now \(plan.text) (recorded)"))
    }
}

/// `B` on the agenda: an item of any other business.
struct AOBItemForm: FormSpec {
    var keepsDrafts: Bool { true }

    func makeForm(in screen: ScreenContext) -> FormModel {
        FormModel(title: "Any other business: add an item", fields: [
            FormField("title", "Item", hint: "what it is about, e.g. a change to the referral form"),
            FormField("by", "Raised by", .agency, hint: "the agency raising it (blank: the chair)"),
        ], agencies: screen.agencyChoices)
    }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        let title = f["title"].trimmingWhitespace()
        guard !title.isEmpty else { return .refused("Say what the item is about") }
        let id = screen.state.nextAOBID
        return .write([.aobItemAdded(itemID: id, title: title, raisedBy: f["by"].trimmingWhitespace())],
                      .showAOB(id, message: "\(id) added: o adds a note, a an action; Esc back to the agenda"))
    }
}

/// `N` on the summary: the next meeting's date and venue.
struct NextMeetingForm: FormSpec {
    func makeForm(in screen: ScreenContext) -> FormModel {
        let s = screen.state
        return FormModel(title: "The next meeting", fields: [
            FormField("date", "Date", value: s.nextMeetingDate?.uk ?? "", hint: "dd/mm/yyyy, or 05/01, +28d"),
            FormField("venue", "Venue", value: s.nextMeeting?.venue ?? s.info.venue, hint: "where it will be held"),
        ])
    }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        // A full date as typed; otherwise the forms' short forms (05/01, +28d), which look ahead.
        var parsed = CalendarDate.parse(f["date"])
        if parsed == nil, case .success(let d) = DueDateInput.parse(f["date"], today: screen.today) { parsed = d }
        guard let date = parsed else { return .refused("Date: '\(SafeText.line(f["date"]))' is not a date (dd/mm/yyyy)") }
        guard date > screen.state.info.date else { return .refused("The next meeting must be after this one (\(screen.state.info.date.uk))") }
        let venue = f["venue"].trimmingWhitespace()
        return .write([.nextMeetingSet(date: date, venue: venue)],
                      .dismiss(message: "Next meeting: \(date.uk)" + (venue.isEmpty ? "" : " at \(SafeText.line(venue))")))
    }
}

extension CaseController {
    /// An item of any other business on the Case screen: what it is, its actions and its notes.
    func drawAOB(_ item: AOBItem, into buf: inout ScreenBuffer, _ body: Rect, _ ctx: ScreenContext) {
        let x = body.x + 1
        let w = body.w - 2
        var row = body.y
        buf.put(CharWidth.fitting("Any other business \(item.id) · \(SafeText.line(item.title))", w), col: x, row: row, style: .title)
        row += 1
        buf.put(CharWidth.fitting("Raised by \(item.raisedBy.isEmpty ? "the chair" : SafeText.line(item.raisedBy)) · no victim, no timer: notes and actions as for a case", w),
                col: x, row: row, style: .muted)
        row += 2
        var lines: [StyledLine] = []
        let selected = appendActionLines(ctx.state.actions(for: item.id), width: w, to: &lines, ctx)
        lines.append(StyledLine("Notes (\(item.notes.count)) — o adds one", .title))
        if item.notes.isEmpty { lines.append(StyledLine("No notes yet", .hint)) }
        for n in item.notes {
            let text = wrap(SafeText.block(n.text), width: max(10, w - 2 - 16))
            lines.append(StyledLine([Span(column("#\(n.id) " + n.agency, 16), .accent), Span(text.first ?? "")]))
            for more in text.dropFirst() { lines.append(StyledLine(String(repeating: " ", count: 16) + more)) }
        }
        ListView.draw(lines, selected: selected, into: &buf, rect: Rect(x: body.x, y: row, w: body.w, h: body.maxY - row),
                      scroll: scroll > 0 ? scroll : nil)
    }
}

extension AgendaController {
    /// The agenda's rows for any other business, after the cases.
    func aobLines(_ state: MeetingState, selectedLine: inout Int?, startingAt offset: Int) -> [StyledLine] {
        guard !state.aob.isEmpty else { return [] }
        var lines = [StyledLine("Any other business", .title)]
        for item in state.aob {
            if item.id == selectedRef { selectedLine = offset + lines.count }
            let actions = state.actions(for: item.id).filter { $0.status != .withdrawn }.count
            lines.append(StyledLine([Span(column("◆ AOB", 13), .accent), Span(column(item.id, 8)),
                                     Span(SafeText.line(item.title) + " · \(item.notes.count) note\(item.notes.count == 1 ? "" : "s") · \(actions) action\(actions == 1 ? "" : "s")")]))
        }
        return lines
    }
}
