import MaracCore

/// Draws any form as a framed dialog over the screen: fields, the focused field's help or
/// completions, live checks (the SMART check for actions), the refusal reason, and the keys.
enum FormView {
    static let labelWidth = 14

    static func draw(_ form: FormModel, spec: AnyFormSpec, screen: MeetingScreen, into buf: inout ScreenBuffer, area: Rect) {
        let width = min(area.w - 2, 100)
        let inner = width - 4
        // The context (the action being reviewed, the case) wraps: its last words are often the point.
        var contextLines = spec.spec.context(in: screen.context).map { wrap($0, width: inner) } ?? []

        // Rows: context, fields (one each), focus help (2), checks, problem, keys.
        let checkLines: [StyledLine]
        switch spec.spec.liveChecks(form, in: screen.context) {
        case .none: checkLines = []
        case .smart(let findings): checkLines = checks(findings, width: inner)
        case .warnings(let findings):
            checkLines = findings.flatMap { f in wrap("\(f.symbol) check: \(f.message)", width: inner).map { StyledLine($0, .warning) } }
        }
        let problemLines = [form.notice, form.problem].compactMap { $0 }.flatMap { wrap($0, width: inner).map { StyledLine($0, .danger) } }
        let helpLines = form.fields.indices.contains(form.focus) ? focusHelp(form, form.fields[form.focus], width: inner) : []
        let allVisible = form.visibleIndices
        // A context taller than the window (a long returned note) gives way to the fields: the chair
        // must still see what is asked. Its last line kept ends at a whole word, marked "…".
        let roomForContext = max(1, area.h - (2 + 1 + max(2, helpLines.count) + checkLines.count + problemLines.count + 2)
                                    - min(3, allVisible.count))
        contextLines = keeping(contextLines, most: roomForContext, width: inner)
        let extra = contextLines.map { StyledLine($0, .muted) }
        // A form longer than the window (the late case has every agenda column) shows the fields
        // around the focus; the line under them says which are shown.
        let otherRows = 2 + extra.count + 1 + max(2, helpLines.count) + checkLines.count + problemLines.count + 2
        let valueCol = centred(width: width, height: 1, in: area).x + 2 + labelWidth
        let sideWidth = 22
        let fieldWidth = max(10, centred(width: width, height: 1, in: area).maxX - 2 - valueCol - sideWidth)
        // A focused note grows to show its lines (up to `noteRows`, fewer when the window is short),
        // then scrolls with the cursor.
        let note = form.fields.indices.contains(form.focus) && form.fields[form.focus].keepsLines
            ? NoteRows(form.fields[form.focus].input, width: fieldWidth,
                       most: min(noteRows, max(1, area.h - otherRows - allVisible.count + 1)))
            : nil
        let noteExtraRows = (note?.height ?? 1) - 1
        let fieldRows = max(3, area.h - otherRows - noteExtraRows)
        var visible = allVisible
        var scrollNote: String?
        if allVisible.count > fieldRows {
            let pos = allVisible.firstIndex(of: form.focus) ?? 0
            let start = min(max(0, pos - fieldRows / 2), allVisible.count - fieldRows)
            visible = Array(allVisible[start..<(start + fieldRows)])
            scrollNote = "↕ fields \(start + 1)–\(start + fieldRows) of \(allVisible.count): Tab / Shift-Tab for the others"
        }
        let height = min(area.h, otherRows + visible.count + noteExtraRows)
        let rect = centred(width: width, height: height, in: area)
        buf.box(rect, title: form.title, style: .accent)
        var row = rect.y + 1
        let left = rect.x + 2
        for line in extra { buf.draw(line, col: left, row: row, maxCol: rect.maxX - 2); row += 1 }

        for i in visible where row < rect.maxY - 1 {
            let field = form.fields[i]
            let focused = i == form.focus
            // The focused field is marked with › as well as highlighted, so it shows without colour.
            if focused { buf.put("›", col: left - 1, row: row, style: .accent) }
            buf.put(column(field.label, labelWidth - 1), col: left, row: row, style: focused ? .title : .normal)
            if focused, let note {
                row = note.draw(field, col: valueCol, row: row, lastRow: rect.maxY - 2, into: &buf,
                                side: sideNote(field, screen: screen), sideMaxCol: rect.maxX - 2)
                continue
            }
            // The focused field scrolls to its cursor; the others show their start, with … where cut, so
            // a long action never looks as if its first words were lost.
            let (shown, cursorCol) = focused ? field.input.visible(width: fieldWidth)
                : (column(field.input.prefix(width: fieldWidth), fieldWidth), 0)
            buf.fill(col: valueCol, row: row, width: fieldWidth, height: 1, style: focused ? .inputFocused : .input)
            // A selected value (what the form opened with) shows as selected: typing replaces it.
            let valueStyle: Style = focused ? (field.isSelected ? Style(.selection) : .inputFocused) : .input
            buf.put(shown, col: valueCol, row: row, style: valueStyle, maxCol: valueCol + fieldWidth)
            if focused { buf.cursor = (valueCol + cursorCol, row) }
            let side = focused && field.isSelected && sideNote(field, screen: screen).text.isEmpty
                ? Span("typing replaces", .muted) : sideNote(field, screen: screen)
            buf.put(side.text, col: valueCol + fieldWidth + 1, row: row, style: side.style, maxCol: rect.maxX - 2)
            row += 1
        }
        if let scrollNote { buf.put(CharWidth.fitting(scrollNote, inner), col: left, row: row, style: .muted) }
        row += 1
        // Help for the focused field: completions, options or a hint.
        for line in helpLines where row < rect.maxY - 2 {
            buf.draw(line, col: left, row: row, maxCol: rect.maxX - 2); row += 1
        }
        for line in checkLines + problemLines where row < rect.maxY - 2 {
            buf.draw(line, col: left, row: row, maxCol: rect.maxX - 2); row += 1
        }
        let keys = screen.pending == nil
            ? "Tab/Shift-Tab move · Enter on the last field or Ctrl-S saves · Esc cancels"
            : "Saving…"
        buf.put(CharWidth.fitting(keys, inner), col: left, row: rect.maxY - 2, style: .hint)
    }

    /// The most rows a focused note shows before it scrolls.
    static let noteRows = 8

    /// The SMART check, live: errors block saving, warnings only guide.
    static func checks(_ findings: [Finding], width: Int) -> [StyledLine] {
        if findings.isEmpty { return [StyledLine("✓ SMART: specific, owned, timed and categorised", .ok)] }
        return findings.flatMap { f in
            let style: Style = f.severity == .error ? .danger : .warning
            let word = f.severity == .error ? "needed" : "check"
            return wrap("\(f.symbol) \(word): \(f.message)", width: width).prefix(2).map { StyledLine($0, style) }
        }
    }

    /// Beside a field: the date it was read as, or the chosen option.
    static func sideNote(_ field: FormField, screen: MeetingScreen) -> Span {
        switch field.kind {
        case .date, .pastDate:
            if field.value.isEmpty { return Span("") }
            switch field.date(today: screen.today) {
            case .success(let d): return Span("→ \(d.uk) \(weekday(d))", .ok)
            case .failure: return Span("✗ not a date", .danger)
            }
        case .choice:
            if field.value.isEmpty { return Span("← → to choose", .muted) }
            if let chosen = field.chosen, chosen.lowercased() != field.value.lowercased() { return Span("→ \(chosen)", .ok) }
            if field.chosen != nil { return Span("") }
            let count = field.choiceList?.matches(field.value).count ?? 0
            return count > 1 ? Span("? \(count) match: type more", .warning) : Span("✗ not an option", .danger)
        default:
            // A long text shows how full it is (every field has a cap, TextField.defaultLimit).
            if field.input.count >= FormField.countShownFrom {
                return Span("\(thousands(field.input.count))/\(thousands(field.input.limit))", field.input.isFull ? .warning : .muted)
            }
            return Span("")
        }
    }

    /// 4000 → "4,000".
    static func thousands(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    /// The agencies matching what is typed, wrapped whole onto at most `rows` lines (at 80 columns
    /// a meeting's list does not fit on one): what does not fit is counted, "… 3 more: type to
    /// narrow", never cut mid-name.
    static func agencyLines(_ names: [String], width: Int, rows: Int = 2) -> [String] {
        let tabHint = "  (Tab accepts the first)"
        var lines: [String] = []
        var current = "↳ "
        var placed = 0
        for (i, name) in names.enumerated() {
            // On the last row, room to say how many are left (unless this is the last name).
            let reserve = i == names.count - 1 ? 0 : CharWidth.of(" … \(names.count - i) more: type to narrow")
            func fits(_ line: String) -> Bool { CharWidth.of(line) + (lines.count == rows - 1 ? reserve : 0) <= width }
            let piece = placed == 0 || current == "  " ? name : " · " + name
            if fits(current + piece) {
                current += piece
            } else {
                // A new row, if one is left and this row holds a name already.
                guard lines.count < rows - 1, placed > 0 else { break }
                lines.append(current)
                current = "  "
                guard fits(current + name) else { break }
                current += name
            }
            placed += 1
        }
        if placed < names.count {
            current += " … \(names.count - placed) more: type to narrow"
        } else if CharWidth.of(current + tabHint) <= width {
            current += tabHint
        }
        lines.append(CharWidth.fitting(current, width))
        return lines
    }

    static func focusHelp(_ form: FormModel, _ field: FormField, width: Int) -> [StyledLine] {
        var lines: [StyledLine] = []
        switch field.kind {
        case .agency:
            let candidates = form.candidates(for: form.focus)
            if candidates.isEmpty {
                lines.append(StyledLine("↳ no agency matches: it will be saved as typed", .muted))
            } else {
                let names = candidates.map { SafeText.line($0) + (form.agencyMarks[$0].map { " (\($0))" } ?? "") }
                lines += agencyLines(names, width: width).map { StyledLine($0, .hint) }
            }
        case .prose:
            lines.append(StyledLine("↳ Ctrl-J or Alt-Enter starts a new line · ↑/↓ move between its lines", .hint))
        case .choice:
            // The options still matching what was typed (every option before typing), each with its
            // letter, wrapped onto more lines when needed; the chosen one in brackets.
            guard let list = field.choiceList else { break }
            let typed = field.chosen.map { $0 == field.input.text } == true ? "" : field.value
            let shownIndices = list.matches(typed)
            if shownIndices.isEmpty {
                lines.append(StyledLine("↳ no option matches \(SafeText.quoted(field.value)): ←/→ to choose", .danger))
            }
            var spans: [Span] = [Span("↳ ", .hint)]
            var used = 2
            for (n, i) in shownIndices.enumerated() {
                let option = list.options[i]
                let text = (list.letters[i].map { "\($0) " } ?? "") + (option == field.chosen ? "[\(option)]" : option)
                let item = option == field.chosen ? Span(text, .accent) : Span(text, .hint)
                let itemWidth = CharWidth.of(item.text) + (n > 0 ? 3 : 0)
                if n > 0 && used + itemWidth > width {
                    lines.append(StyledLine(spans))
                    spans = [Span("  "), item]
                    used = 2 + CharWidth.of(item.text)
                } else {
                    if n > 0 { spans.append(Span(" · ", .muted)) }
                    spans.append(item)
                    used += itemWidth
                }
            }
            if !shownIndices.isEmpty { lines.append(StyledLine(spans)) }
        default:
            break
        }
        if let hint = field.hint {
            lines += wrap(hint, width: width).prefix(3).map { StyledLine($0, .muted) }
        }
        return lines
    }

    static func weekday(_ d: CalendarDate) -> String {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.isoWeekday - 1]
    }
}

/// A focused note in a form: its lines on as many rows as they need, up to a limit, scrolled so the
/// cursor shows; the side column says which rows show when they do not all fit.
struct NoteRows {
    let layout: ProseLayout
    let chars: [Character]
    let cursor: (row: Int, col: Int)
    let height: Int
    let top: Int
    let width: Int

    init(_ input: TextField, width: Int, most: Int) {
        chars = input.chars
        self.width = width
        layout = ProseLayout(chars, width: width - 1)
        cursor = layout.position(of: min(max(0, input.cursor), chars.count), in: chars)
        height = max(1, min(layout.rows.count, most))
        top = layout.firstShownRow(cursorRow: cursor.row, height: height)
    }

    /// Draws the rows from `row` (no further than `lastRow`) and returns the row after them.
    func draw(_ field: FormField, col: Int, row: Int, lastRow: Int, into buf: inout ScreenBuffer, side: Span, sideMaxCol: Int) -> Int {
        let style: Style = field.isSelected ? Style(.selection) : .inputFocused
        var y = row
        for r in top..<min(layout.rows.count, top + height) where y < lastRow {
            buf.fill(col: col, row: y, width: width, height: 1, style: .inputFocused)
            buf.put(layout.text(of: r, in: chars), col: col, row: y, style: style, maxCol: col + width)
            if r == cursor.row { buf.cursor = (col + cursor.col, y) }
            y += 1
        }
        let sideText = field.isSelected && side.text.isEmpty ? Span("typing replaces", .muted) : side
        buf.put(sideText.text, col: col + width + 1, row: row, style: sideText.style, maxCol: sideMaxCol)
        if layout.rows.count > height, y - 1 > row {
            buf.put("↕ rows \(top + 1)–\(top + height) of \(layout.rows.count)", col: col + width + 1, row: y - 1,
                    style: .muted, maxCol: sideMaxCol)
        }
        return y
    }
}
