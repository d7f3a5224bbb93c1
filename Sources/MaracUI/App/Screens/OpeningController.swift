import MaracCore

/// Screen 1: meeting details, the confidentiality statement, the attendance register, and the
/// key that starts the meeting clock.
struct OpeningController: ScreenController {
    /// The selected person's place on the register.
    var index = 0

    static let keymap: [Binding<OpeningController>] = [
        Binding([.enter, .char("m")], "Enter or m", "start the meeting clock (once started: go to the review)",
                hint: ("Enter", "start meeting"), rank: 10,
                hintNow: { _, ctx in ("Enter", ctx.state.isStarted || ctx.mode == .readOnly ? "review" : "start meeting") }, action: { _, ctx, _ in
                    if ctx.state.isStarted { return [.show(.review)] }
                    return [.startMeeting([.meetingStarted], message: "Meeting started — the clock is running. Next: 2 Review", show: nil)]
                }),
        .edit([.char("a")], "a", "add someone to the attendance register", hint: ("a", "add attendee"), rank: 20) { _, _, _ in
            [.open(AttendanceForm())]
        },
        .edit([.char("c")], "c", "record that the confidentiality statement was read", hint: ("c", "statement read"), rank: 30) { _, ctx, _ in
            if ctx.state.confidentialityRead { return [.status("The confidentiality statement is already recorded as read")] }
            return [.save([.confidentialityStatementRead], then: .dismiss(message: "Recorded: confidentiality statement read"))]
        },
        .edit([.char("l")], "l", "record that the selected person left, and after which case", hint: ("l", "left"), rank: 40) { c, ctx, _ in
            let register = ctx.state.attendance
            guard register.indices.contains(c.index) else { return [.status("Nobody on the register yet: a adds someone")] }
            let person = register[c.index]
            return [.open(LeftAfterForm(agency: person.agency, representative: person.representative))]
        },
        .edit([.char("x")], "x", "remove the selected person from the register", hint: ("x", "remove"), rank: 50) { c, ctx, _ in
            let register = ctx.state.attendance
            guard register.indices.contains(c.index) else { return [] }
            let person = register[c.index]
            return [.ask(.confirm(.removeAttendee(agency: person.agency, representative: person.representative)))]
        },
        Binding([.down, .char("j"), .up, .char("k")], "j/k", "choose a person on the register", action: { c, ctx, key in
            let last = max(0, ctx.state.attendance.count - 1)
            c.index = key == .down || key == .char("j") ? min(c.index + 1, last) : max(0, c.index - 1)
            return []
        }),
        Binding([.escape], "Esc", "clear the message line", action: { _, _, _ in [.status(nil)] }),
    ]

    /// Keeps the selection on the register after it changed.
    mutating func clamp(to state: MeetingState) { index = min(index, max(0, state.attendance.count - 1)) }

    func draw(into buf: inout ScreenBuffer, _ body: Rect, _ ctx: ScreenContext) {
        let s = ctx.state
        let canEdit = ctx.canEdit
        let w = body.w - 2
        var row = body.y
        let x = body.x + 1
        let venue = s.info.venue.isEmpty ? "" : " · Venue \(SafeText.line(s.info.venue))"
        buf.put("Opening", col: x, row: row, style: .title)
        // The date and the planned times first: a long venue is what gets cut.
        buf.put(CharWidth.fitting("\(s.info.date.uk) · planned \(s.plannedTimes.text) · Chair \(SafeText.line(s.info.chair))\(venue)", w - 9),
                col: x + 9, row: row, style: .normal)
        row += 1

        // The first-run path: say exactly what to press.
        if !s.isStarted && !canEdit {
            buf.put("The meeting has not started yet", col: x, row: row, style: .muted)
        } else if !s.isStarted {
            buf.put("▶ Press Enter to start the meeting", col: x, row: row, style: Style(.accent, bold: true))
            buf.put(" (starts the meeting clock)", col: x + 34, row: row, style: .muted)
        } else {
            buf.put("✓ Meeting started — 2 goes to the review of outstanding actions", col: x, row: row, style: .ok, maxCol: body.maxX)
        }
        row += 2

        // The statement, to read aloud: always whole (the register below scrolls instead).
        if s.confidentialityRead {
            buf.put("Confidentiality statement ✓ read", col: x, row: row, style: .ok)
        } else {
            buf.put(canEdit ? "Confidentiality statement — read it aloud, then press c" : "Confidentiality statement — not recorded as read",
                    col: x, row: row, style: .warning)
        }
        row += 1
        for line in wrap(s.rules.confidentialityStatement, width: w - 2) {
            buf.put(line, col: x + 2, row: row, style: .muted, maxCol: body.maxX - 1)
            row += 1
        }
        row += 1

        // The register.
        let present = s.attendance.filter { $0.role == .present }.count
        let observers = s.attendance.filter { $0.role == .observer }.count
        let apologies = s.attendance.filter { $0.role == .apologies }.count
        let heading = "Attendance: \(present) present · \(observers) observer\(observers == 1 ? "" : "s") · \(apologies) apologies"
        buf.put(heading, col: x, row: row, style: .title)
        let unagreed = s.observersWithoutConfidentiality.count
        if unagreed > 0 {
            buf.put("  ⚠ \(unagreed) observer\(unagreed == 1 ? " has" : "s have") not agreed to confidentiality",
                    col: x + CharWidth.of(heading), row: row, style: .danger, maxCol: body.maxX)
        }
        row += 1
        if s.attendance.isEmpty {
            buf.put(canEdit ? "Nobody on the register yet — press a to add an agency and its representative" : "Nobody on the register yet", col: x + 2, row: row, style: .hint, maxCol: body.maxX)
            return
        }
        // Columns follow the window: the representative's name first, then whether they agreed
        // (or what information was sent), then the agency.
        let details = s.attendance.map(Self.attendanceDetail)
        let widths = shareWidths([
            TableColumn(minimum: 14, natural: (s.attendance.map { CharWidth.of(SafeText.line($0.agency)) }.max() ?? 0) + 2, priority: 3),
            TableColumn(minimum: 14, natural: (s.attendance.map { CharWidth.of(SafeText.line($0.representative)) }.max() ?? 0) + 2, priority: 1),
            TableColumn(minimum: 10, natural: 10, priority: 4),
            TableColumn(minimum: 13, natural: details.map { CharWidth.of($0) }.max() ?? 0, priority: 2),
        ], total: body.w - 3)
        let agencyW = widths[0], nameW = widths[1], roleW = widths[2]
        let detailTitle = widths[3] >= 29 ? "Confidentiality / information" : "Agreed / info"
        // The header lines up with the rows, which the list draws one column in.
        buf.put(column(" Agency", agencyW + 1) + column("Representative", nameW) + column("Role", roleW) + detailTitle,
                col: x, row: row, style: .muted, maxCol: body.maxX)
        row += 1
        let lines: [StyledLine] = zip(s.attendance, details).map { a, detail in
            StyledLine([Span(column(a.agency, agencyW)), Span(column(a.representative, nameW)),
                        Span(column(a.role.rawValue, roleW), a.role == .present ? .normal : .muted),
                        Span(detail, a.isObserverWithoutConfidentiality ? .danger : .muted)])
        }
        ListView.draw(lines, selected: index, into: &buf, rect: Rect(x: x - 1, y: row, w: body.w - 1, h: body.maxY - row))
    }

    /// The last column of the register: confidentiality for those present, information for apologies.
    static func attendanceDetail(_ a: Attendance) -> String {
        var detail: String
        switch a.role {
        case .present, .observer:
            detail = a.confidentialityAgreed.map { $0 ? "✓ agreed" : "✗ not agreed" } ?? "? not asked"
            // An observer who has not agreed may not hear case detail: marked so it cannot be missed.
            if a.isObserverWithoutConfidentiality { detail = "⚠ " + detail + " — must not hear cases" }
        case .apologies:
            detail = a.informationSent.map { $0 ? "info sent" : "no info sent" } ?? "info ?"
            if let d = a.informationReceived { detail += " · received \(d.uk)" }
        case .absent:
            detail = ""
        }
        if let left = a.leftAfterCase { detail += " · left after \(SafeText.line(left))" }
        return detail
    }
}
