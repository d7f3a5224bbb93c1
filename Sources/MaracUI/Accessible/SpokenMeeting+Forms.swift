import MaracCore

/// The screen-reader mode's forms and questions: each field asked in turn, the SMART findings as
/// sentences, the read-back before saving, confirmations and the closing prompts.
extension SpokenMeeting {
    // MARK: - Forms

    var openForm: (FormModel, AnyFormSpec)? {
        if case .form(let form, let purpose)? = model.modal { return (form, purpose) }
        return nil
    }

    /// Says the focused field: its number, label, choices and current value.
    mutating func askField() -> [String] {
        guard let (form, _) = openForm, form.fields.indices.contains(form.focus) else { return [] }
        let field = form.fields[form.focus]
        asked.insert(form.focus)
        let visible = form.visibleIndices
        let number = (visible.firstIndex(of: form.focus) ?? 0) + 1
        var text = "Question \(number) of \(visible.count): \(field.label)."
        switch field.kind {
        case .agency:
            // Those in the room first (as the full-screen list marks the others), each with its number.
            let numbered = form.agencies.enumerated().map { (number: $0.offset + 1, name: $0.element, mark: form.agencyMarks[$0.element]) }
            let present = numbered.filter { $0.mark == nil }, others = numbered.filter { $0.mark != nil }
            if !form.agencyMarks.isEmpty && !present.isEmpty {
                text += " Present: " + present.map { "\($0.number) \($0.name)" }.joined(separator: ", ") + "."
                if !others.isEmpty { text += " Not in the room: " + others.map { "\($0.number) \($0.name)" + ($0.mark == "not here" ? "" : " (\($0.mark!))") }.joined(separator: ", ") + "." }
            } else if !numbered.isEmpty {
                text += " Agencies: " + numbered.map { "\($0.number) \($0.name)" + ($0.mark.map { " (\($0))" } ?? "") }.joined(separator: ", ") + "."
            }
        case .choice(let options):
            text += " Choices: " + options.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: ", ") + "."
        case .date:
            text += " For example 14/12, +7d or fri."
        case .pastDate:
            text += " For example 28/11; leave it blank if not known."
        case .text, .prose:
            if let hint = field.hint, !hint.contains("←") { text += " " + hint.sentence.capitalisedFirst }
            if field.kind == .prose { text += " " + Self.severalLinesHint }
        }
        if !field.input.text.isEmpty {
            text += " Now: " + field.input.text + ". Enter keeps it."
        }
        stage = .field(toCheck: stage == .check || { if case .field(true) = stage { return true }; return false }())
        return Spoken.lines(text)
    }

    mutating func fieldAnswer(_ line: String, toCheck: Bool) -> [String] {
        if Self.isEscape(line) || line.lowercased() == "cancel" {
            stage = .cancelAsk(backToCheck: toCheck)
            return ["What you typed so far is kept as a draft if you cancel."]
        }
        guard let (form, _) = openForm else { return [] }
        var out: [String] = []
        if !line.isEmpty {
            let field = form.fields[form.focus]
            var value = line
            if let n = Int(line) {
                switch field.kind {
                case .choice(let options) where options.indices.contains(n - 1): value = options[n - 1]
                case .agency where form.agencies.indices.contains(n - 1): value = form.agencies[n - 1]
                default: break
                }
            }
            out += press(.end, .ctrl("u"), .ctrl("k"))   // the whole field, a note's earlier lines too
            out += paste(value)
            if let notice = openForm?.0.notice { out += Spoken.lines(notice.sentence) }
        }
        out += findingLines()
        guard let (now, _) = openForm else { return out }
        if toCheck { return out + readBack() }
        if now.focusIsLast { return out + readBack() }
        let before = now.focus
        out += press(.tab)
        guard let (after, _) = openForm else { return out }
        if after.focus <= before || asked.contains(after.focus) { return out + readBack() }
        stage = .field(toCheck: false)
        return out + askField()
    }

    // MARK: - A note of several lines

    /// The mode reads whole lines, so a note's line breaks cannot be typed as a key: its lines are
    /// typed or pasted between two lines holding only this (a paste of several lines would
    /// otherwise be read as several answers). See docs/ACCESSIBILITY.md.
    static let severalLinesMarker = "\"\"\""
    static let severalLinesHint = "For several lines, type three quotes on a line of their own, then the lines, then three quotes again."

    /// Takes a line when a note's question is asked and the line starts, continues or ends a note
    /// of several lines; nil when it is an ordinary answer. The lines between the markers become one
    /// answer with its line breaks kept, answered as if typed at once (checks, read-back, "Save?").
    mutating func noteOfSeveralLines(_ raw: String) -> [String]? {
        guard case .field(let toCheck) = stage, let (form, _) = openForm, form.fields.indices.contains(form.focus),
              form.fields[form.focus].kind == .prose else {
            noteLines = nil
            return nil
        }
        let marker = raw.trimmingWhitespace() == Self.severalLinesMarker
        guard let lines = noteLines else {
            guard marker else { return nil }
            noteLines = []
            return ["A note of several lines: type or paste them, then a line of three quotes."]
        }
        guard marker else {
            noteLines = lines + [raw]
            return []
        }
        noteLines = nil
        // Blank lines at either end are not part of the note (a paste often ends with one).
        var kept = lines.map { String($0.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) }
        while kept.first?.isEmpty == true { kept.removeFirst() }
        while kept.last?.isEmpty == true { kept.removeLast() }
        guard !kept.isEmpty else { return ["The note of several lines was empty: nothing was changed."] }
        return fieldAnswer(kept.joined(separator: "\n"), toCheck: toCheck) + follow()
    }

    /// SMART findings for an action form, as sentences, when they changed.
    mutating func findingLines() -> [String] {
        guard let (form, spec) = openForm else { return [] }
        let findings: [Finding]
        switch spec.spec.liveChecks(form, in: model.context) {
        case .smart(let f), .warnings(let f): findings = f
        case .none: return []
        }
        guard findings != findingsRead else { return [] }
        let hadAny = !(findingsRead ?? []).isEmpty
        findingsRead = findings
        if findings.isEmpty { return hadAny ? ["SMART check: nothing left to fix."] : [] }
        var lines: [String] = []
        for f in findings {
            lines += Spoken.lines("SMART check, \(f.severity == .error ? "must fix" : "worth a look"): \(f.message)".sentence)
        }
        return lines
    }

    /// The form read back before saving, one field a line.
    mutating func readBack() -> [String] {
        stage = .check
        guard let (form, _) = openForm else { return [] }
        var lines = Spoken.lines("Check before saving: \(form.title)".sentence)
        for (n, i) in form.visibleIndices.enumerated() {
            let field = form.fields[i]
            var value = field.value.isEmpty ? "blank" : (field.chosen ?? field.value)
            switch field.kind {
            case .date:
                if case .success(let d) = DueDateInput.parse(field.value, today: model.today) { value += ", that is \(Spoken.dayAndDate(d))" }
            case .pastDate:
                if case .success(let d) = field.date(today: model.today), !field.value.isEmpty { value += ", that is \(Spoken.dayAndDate(d))" }
            default: break
            }
            lines += Spoken.lines("\(n + 1). \(field.label): \(value)".sentence, indent: "   ")
        }
        if let problem = form.problem, answers.failures.isEmpty { lines += Spoken.lines(Self.notSaved(problem)) }
        return lines
    }

    mutating func checkAnswer(_ line: String) -> [String] {
        guard let (form, purpose) = openForm else { return [] }
        if Self.isYes(line) {
            var out = press(.ctrl("s"))
            if case .form(_, let afterPurpose)? = model.modal, afterPurpose == purpose {
                // Refused (a field missing) or not saved (the journal's error): still in the form.
                out += readBack()
                stage = .check
            }
            return out
        }
        if let n = Int(line) {
            let visible = form.visibleIndices
            guard visible.indices.contains(n - 1) else { return ["There is no question \(n): choose 1 to \(visible.count)."] }
            var guardCount = 0
            while let (f, _) = openForm, f.focus != visible[n - 1], guardCount < f.fields.count * 2 {
                _ = press(f.focus < visible[n - 1] ? .tab : .backTab)
                guardCount += 1
            }
            stage = .field(toCheck: true)
            return askField()
        }
        if line.isEmpty || Self.isNo(line) || line.lowercased() == "cancel" {
            stage = .cancelAsk(backToCheck: true)
            return ["Not saved. What you typed is kept as a draft if you cancel."]
        }
        return ["Type yes to save, no to cancel, or the number of a question to change it."]
    }

    mutating func cancelAnswer(_ line: String, backToCheck: Bool) -> [String] {
        let lower = line.lowercased()
        if line.isEmpty || Self.isEscape(line) || lower == "yes" || lower == "y" || lower == "cancel" {
            stage = .command
            return press(.escape)
        }
        if lower == "no" || lower == "n" {
            if backToCheck { return readBack() }
            stage = .field(toCheck: false)
            return askField()
        }
        return ["Press Enter to cancel, keeping a draft, or type no to go back."]
    }

    /// "Not saved: …" once, whether or not the reason already says it.
    static func notSaved(_ problem: String) -> String {
        let p = Spoken.plain(problem)
        return (p.lowercased().hasPrefix("not saved") ? p : "Not saved: " + p).sentence
    }

    // MARK: - Questions and closing prompts

    mutating func confirmAnswer(_ line: String) -> [String] {
        if Self.isYes(line) { stage = .command; return press(.char("y")) }
        if line.isEmpty || Self.isNo(line) { stage = .command; return press(.char("n")) + ["Nothing changed."] }
        return ["Type yes or no."]
    }

    var closeFlow: CloseFlow? {
        if case .closePrompts(let flow)? = model.modal { return flow }
        return nil
    }

    /// A prompt asks who will tell an owner not in the room (`tell N` answers it).
    var hasTellPrompt: Bool {
        guard let flow = closeFlow else { return false }
        return model.openPrompts(flow).contains { CasePrompts.absentOwnerAction(inCode: $0.code) != nil }
    }

    func readPrompts() -> [String] {
        guard let flow = closeFlow else { return [] }
        var lines = Spoken.lines("Closing case \(SafeText.line(flow.caseRef)).")
        if let reason = flow.overrunReason { lines += Spoken.lines("Overrun reason: \(reason)".sentence) }
        let prompts = model.openPrompts(flow)
        if prompts.isEmpty {
            lines.append("No prompts are left.")
        } else {
            lines.append("\(Spoken.count(prompts.count, "prompt").capitalisedFirst) to act on, or pass with a reason:")
            for (i, p) in prompts.enumerated() { lines += Spoken.lines("\(i + 1). \(p.message)".sentence, indent: "   ") }
            if prompts.contains(where: { CasePrompts.absentOwnerAction(inCode: $0.code) != nil }) {
                lines.append("For an owner who is not here, tell and the prompt's number names the agency present that will tell them.")
            }
        }
        return lines
    }

    mutating func promptsAnswer(_ line: String) -> [String] {
        guard let flow = closeFlow else { return [] }
        let lower = line.lowercased()
        if Self.isYes(line) {
            stage = .command
            let out = press(.enter)
            if case .closePrompts? = model.modal { stage = .prompts }
            return out
        }
        if lower == "pass all" {
            stage = .command
            return press(.char("P"))
        }
        if lower.hasPrefix("pass") {
            let prompts = model.openPrompts(flow)
            let n = Int(lower.dropFirst(4).trimmingWhitespace()) ?? (prompts.count == 1 ? 1 : 0)
            guard prompts.indices.contains(n - 1) else { return ["Type pass and the prompt's number, from 1 to \(prompts.count)."] }
            moveSelection(from: flow.selected, to: n - 1)
            stage = .command
            return press(.char("p"))
        }
        if lower.hasPrefix("tell") {
            // The full screen's `t` on the prompt: who tells an owner not in the room.
            let prompts = model.openPrompts(flow)
            let told = prompts.indices.filter { CasePrompts.absentOwnerAction(inCode: prompts[$0].code) != nil }
            let n = Int(lower.dropFirst(4).trimmingWhitespace()) ?? (told.count == 1 ? told[0] + 1 : 0)
            guard told.contains(n - 1) else {
                return told.isEmpty ? ["No prompt asks who will tell an owner who is not here."]
                    : ["Type tell and the number of a prompt about an owner who is not here: \(told.map { String($0 + 1) }.joined(separator: " or "))."]
            }
            moveSelection(from: flow.selected, to: n - 1)
            stage = .command
            return press(.char("t"))
        }
        if line.isEmpty || lower == "back" || Self.isNo(line) {
            stage = .command
            return press(.escape)
        }
        return ["Type yes to close, pass and a number, pass all, " + (hasTellPrompt ? "tell and a number, " : "") + "or back."]
    }
}
