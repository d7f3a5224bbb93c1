import MaracCore

/// The screen-reader mode's conversation (docs/ACCESSIBILITY.md): a line in, lines out, and
/// nothing ever drawn. It drives the very `MeetingScreen` the full-screen interface drives, through
/// the same `EventLoop`: a command presses the keymap's key, a form's answer is typed into the same
/// field, "yes" to save is Ctrl-S. So the rules, the drafts, the refusals and the events written
/// are the full-screen interface's own, and only the way they are told differs.
///
/// Pure: no I/O. The runtime (MaracApp's `SpokenRun`) reads lines, prints what this returns, and
/// calls `tick` between lines so that crossing a target is announced at once.
public struct SpokenMeeting {
    enum Stage: Equatable {
        case command
        /// Asking a form's field; `toCheck`: answering it goes back to the read-back (a field chosen
        /// there by number), not on to the next field.
        case field(toCheck: Bool)
        /// The form read back: "Save?".
        case check
        /// "Cancel?": Enter (an empty answer) cancels, keeping what was typed as a draft.
        case cancelAsk(backToCheck: Bool)
        /// A yes/no question of the screen's (quit, close the meeting, remove someone).
        case confirm
        /// Closing a case: its prompts, passed with a reason or acted on.
        case prompts
    }

    var loop: EventLoop<MeetingScreen>
    private let answers: JournalAnswers
    var stage: Stage = .command
    /// Case detail is not printed while this is on (the privacy command).
    public private(set) var privacy = false
    /// The phase of each case last announced, so a crossing is said once.
    private var phases: [String: DiscussionPhase] = [:]
    /// The SMART findings last read for the open form, so only a change is read again.
    private var findingsRead: [Finding]?
    /// The fields asked so far in the open form (a field appearing after an answer is asked too).
    private var asked: Set<Int> = []
    /// The form being asked, so that a form that follows another (who tells an absent owner) is introduced.
    private var askedPurpose: AnyFormSpec?

    /// Records what the journal answered while a key was being handled: "saved" is said only for
    /// an `.appended`, which the session sends only after fdatasync.
    final class JournalAnswers: @unchecked Sendable {
        var saves = 0
        var failures: [String] = []
    }

    public init(screen: MeetingScreen, perform: @escaping (Effect) -> [Msg]) {
        let answers = JournalAnswers()
        self.answers = answers
        self.loop = EventLoop(program: screen) { effect in
            let reply = perform(effect)
            for msg in reply {
                switch msg {
                case .appended: answers.saves += 1
                case .appendFailed(let message): answers.failures.append(message)
                default: break
                }
            }
            return reply
        }
    }

    var model: MeetingScreen { loop.program }
    public var meeting: Meeting { loop.program.meeting }
    /// The screen as it stands (for `--dump-screen` at the end).
    public var screen: MeetingScreen { loop.program }
    /// The chair quit (`quit`, then yes).
    public var finished: Bool { loop.hasQuit }

    // MARK: - Starting and ticking

    /// The first lines: what this is, any notice (a recovered or read-only journal), and where the meeting is.
    public mutating func start(now: Int64) -> [String] {
        // A size the screen accepts, so no key is refused as "too small"; nothing is ever drawn.
        try? loop.start(size: Size(cols: 80, rows: 24), now: now)
        let s = model.state
        var lines = ["marac, screen-reader mode. Nothing is drawn: each line is said once."]
        lines += Spoken.lines("Meeting: \(Spoken.plain(s.info.area)) Marac, \(Spoken.dayAndDate(s.info.date)).")
        if let notice = model.statusMessage { lines += Spoken.lines(notice.sentence) }
        loop.program.setStatus(nil)
        lines += model.spokenWhere()
        lines.append("Type help for the commands available now.")
        for ref in s.queue { phases[ref] = s.phase(of: ref, now: now) }
        return lines
    }

    /// The clock moved on: announcements, each a line of its own (a target or limit crossed).
    public mutating func tick(now: Int64) -> [String] {
        try? loop.send(.tick(now: now))
        let s = model.state
        guard let ref = s.activeCase, let c = s.cases[ref] else { return [] }
        let phase = s.phase(of: ref, now: now)
        let before = phases[ref] ?? .notStarted
        phases[ref] = phase
        guard rank(phase) > rank(before) else { return [] }
        let who = privacy ? "The case under discussion" : "Case \(SafeText.line(ref))"
        switch phase {
        case .targetReached:
            let target = s.timing.target(bonusMinutes: c.bonusMinutes) / 60_000
            return Spoken.lines("\(who) has reached its \(target)-minute target: time to agree actions.")
        case .overLimit:
            let limit = s.timing.limit(bonusMinutes: c.bonusMinutes) / 60_000
            return Spoken.lines("\(who) is past its \(limit)-minute limit: close asks for the reason, bonus gives 5 more minutes.")
        default:
            return []
        }
    }

    private func rank(_ p: DiscussionPhase) -> Int {
        switch p {
        case .notStarted: return 0
        case .normal: return 1
        case .targetReached: return 2
        case .overLimit: return 3
        }
    }

    /// What to show on the input line now (the question waiting for an answer).
    public var prompt: String {
        switch stage {
        case .command: return "Command: "
        case .field:
            guard let (form, _) = openForm, form.fields.indices.contains(form.focus) else { return "Answer: " }
            let field = form.fields[form.focus]
            switch field.kind {
            case .agency: return "\(Spoken.plain(field.label)), type a name or a number: "
            case .choice: return "\(Spoken.plain(field.label)), type a choice or a number: "
            case .date, .pastDate: return "\(Spoken.plain(field.label)), type a date: "
            case .text, .prose: return "\(Spoken.plain(field.label)): "
            }
        case .check: return "Save? Type yes, no, or a field number: "
        case .cancelAsk: return "Cancel? Enter cancels and keeps a draft, no goes back: "
        case .confirm: return "Type yes or no: "
        case .prompts:
            return model.openPrompts(closeFlow ?? CloseFlow(caseRef: "")).isEmpty
                ? "Close the case? Type yes, or back: " : "Type yes, pass and a number, pass all, or back: "
        }
    }

    // MARK: - Answers

    /// One line typed by the chair (without its newline). Returns the lines to print.
    public mutating func answer(_ raw: String) -> [String] {
        loop.program.setStatus(nil)
        let line = raw.trimmingWhitespace()
        var out: [String]
        switch stage {
        case .command: out = command(line)
        case .field(let toCheck): out = fieldAnswer(line, toCheck: toCheck)
        case .check: out = checkAnswer(line)
        case .cancelAsk(let backToCheck): out = cancelAnswer(line, backToCheck: backToCheck)
        case .confirm: out = confirmAnswer(line)
        case .prompts: out = promptsAnswer(line)
        }
        out += follow()
        return out
    }

    /// Ctrl-C: as in the full-screen interface, it cancels a form (keeping a draft) and elsewhere
    /// asks whether to quit.
    public mutating func interrupt() -> [String] {
        loop.program.setStatus(nil)
        var out = press(.ctrl("c"))
        out += follow()
        return out
    }

    static func isEscape(_ line: String) -> Bool { !line.isEmpty && line.allSatisfy { $0 == "\u{1B}" } }

    static func isYes(_ line: String) -> Bool { ["yes", "y", "save", "close"].contains(line.lowercased()) }
    static func isNo(_ line: String) -> Bool { ["no", "n"].contains(line.lowercased()) || isEscape(line) }

    /// Presses keys on the screen, then says what the journal answered and what the screen said.
    private mutating func press(_ keys: Key...) -> [String] { press(keys) }

    private mutating func press(_ keys: [Key]) -> [String] {
        answers.saves = 0; answers.failures = []
        for key in keys { try? loop.send(.key(key)) }
        return journalLines()
    }

    private mutating func paste(_ text: String) -> [String] {
        answers.saves = 0; answers.failures = []
        try? loop.send(.paste(text))
        return journalLines()
    }

    /// "Saved." only once the journal confirmed (fdatasync); a failure is said whole.
    private mutating func journalLines() -> [String] {
        var lines: [String] = []
        if !answers.failures.isEmpty {
            for f in answers.failures { lines += Spoken.lines("NOT SAVED: \(f)".sentence) }
        } else if answers.saves > 0 {
            lines.append("Saved.")
        }
        return lines
    }

    /// After any answer: say the screen's message, and take up whatever question the screen now asks.
    private mutating func follow() -> [String] {
        var out: [String] = []
        if let status = model.statusMessage, !status.isEmpty, !(status.hasPrefix("NOT SAVED") && !answers.failures.isEmpty) {
            out += Spoken.lines(Self.inCommands(status).sentence)
        }
        loop.program.setStatus(nil)
        if model.helpScroll != nil { _ = press(.escape) }
        switch model.modal {
        case nil:
            stage = .command
            asked = []; findingsRead = nil; askedPurpose = nil
        case .form(let form, let purpose)?:
            var asking = false
            switch stage {
            case .field, .check, .cancelAsk: asking = askedPurpose == purpose
            default: break
            }
            if !asking {
                // A form has just opened (or followed another): say it, then ask its first field.
                asked = []; findingsRead = nil; askedPurpose = purpose
                stage = .command
                // A draft reopens where it was left: start from its first question, so every answer is heard.
                if let first = form.visibleIndices.first {
                    var steps = 0
                    while let (f, _) = openForm, f.focus != first, steps < f.fields.count { _ = press(.backTab); steps += 1 }
                }
                let count = form.visibleIndices.count
                out += Spoken.lines("\(Spoken.plain(form.title).sentence) \(Spoken.count(count, "question").capitalisedFirst); Escape or cancel stops.")
                out += askField()
            }
        case .confirm(let purpose)?:
            if stage != .confirm { stage = .confirm; out += Spoken.lines(question(purpose)) }
        case .closePrompts?:
            if stage != .prompts { stage = .prompts; out += readPrompts() }
        case .finder?:
            _ = press(.escape)
            stage = .command
        }
        if finished { out.append("Goodbye: everything is saved.") }
        return out
    }

    /// The screen's messages name its keys ("press s to start"); here they name the commands.
    static let keyPhrases: [(String, String)] = [
        ("Next: 2 Review", "Next: type next for the review"),
        ("Esc again keeps it, Ctrl-U clears a field", "cancel again keeps it"),
        ("press s to start the discussion", "type start to start the discussion"),
        ("5 shows the summary", "type summary for the summary"),
        ("p resumes", "pause resumes"),
        ("R to reopen with a reason", "reopen, with a reason"),
        ("press 1, then Enter", "type start"),
        ("p resumes it", "pause resumes it"),
        ("a adds one", "action adds one"),
        ("a adds someone", "attendee adds someone"),
        ("then n to close", "then close"),
        ("p passes one with a reason, Esc goes back to act on it", "pass and a number passes one with a reason, back goes back"),
    ]

    static func inCommands(_ message: String) -> String {
        var text = message
        for (keys, words) in keyPhrases { text = text.replacing(keys, with: words) }
        return text
    }

    private func question(_ purpose: ConfirmPurpose) -> String {
        switch purpose {
        case .quit: return "Quit marac? Everything is already saved."
        case .closeMeeting:
            let unreviewed = screen.state.unreviewedOutstanding.count
            let warning = unreviewed == 0 ? "" : " \(MeetingScreen.neverReviewed(unreviewed))."
            return "Close the meeting? Its record is then locked; reopening needs a reason." + warning
        case let .removeAttendee(agency, rep):
            return "Remove \(Spoken.plain(rep)) of \(Spoken.plain(agency)) from the register?"
        case .startOnAnotherDay:
            return Spoken.plain(screen.startOnAnotherDayQuestion + " " + screen.startOnAnotherDayDetail)
        }
    }

    // MARK: - Commands

    private mutating func command(_ line: String) -> [String] {
        guard !line.isEmpty else { return ["Type help for the commands available now."] }
        if Self.isEscape(line) { return press(.escape) }
        let words = line.split(separator: " ", maxSplits: 1).map(String.init)
        let word = words[0]
        let item = words.count > 1 ? words[1].trimmingWhitespace() : nil
        let lower = word.lowercased()
        if privacy && !["privacy", "help", "where", "pause", "p", "quit", "q"].contains(lower) {
            return ["Privacy is on: type privacy to turn it off first."]
        }
        switch lower {
        case "help": return help()
        case "where": return privacy ? meetingOnlyWhere() : model.spokenWhere()
        case "list": return model.spokenAgenda()
        case "case": return model.spokenCase()
        case "register": return model.spokenRegister()
        case "review":
            var out = press(.char("2"))
            out += model.spokenReview()
            return out
        case "privacy":
            privacy.toggle()
            return privacy ? ["Privacy on: no case detail is printed until you type privacy again."]
                           : ["Privacy off: case detail is printed again."]
        case "next": return next()
        default: break
        }
        let screen = model.screen
        guard let found = SpokenCommands.find(word, screen: screen) ?? elsewhere(word) else {
            return Spoken.lines("\(Spoken.plain(word)) is not a command here. Type help for the commands available now.")
        }
        var out: [String] = []
        if let home = found.screen, home != screen {
            out += press(.char(Character(String(home.rawValue))))
        }
        if let reason = unavailable(found) { return out + Spoken.lines("\(found.name) is not available now: \(reason)".sentence) }
        if let item, found.takesItem {
            guard select(item, for: found) else {
                return out + Spoken.lines("There is no \(Spoken.plain(item)) to choose. Type list, review or register for the numbers.")
            }
        }
        guard let key = found.key else { return out }
        out += press(key)
        // Opening a case reads its header, as the case screen shows it.
        if found.name == "open" { out += model.spokenCase() }
        if found.screen == .review && (found.name == "next" || found.name == "previous") { out += reviewSelected() }
        return out
    }

    /// A command of another screen (typing `action` on the agenda goes to the case screen first).
    private func elsewhere(_ word: String) -> SpokenCommand? {
        for screen in [ScreenID.caseView, .agenda, .opening, .review, .summary] {
            if let c = SpokenCommands.forScreen(screen).first(where: { $0.names.contains(word) || $0.names.contains { $0.count > 1 && $0.lowercased() == word.lowercased() } }),
               c.key != nil { return c }
        }
        return nil
    }

    /// Why a command cannot be used now, or nil (the keymap's own reason first).
    private func unavailable(_ command: SpokenCommand) -> String? {
        if let binding = command.binding, let reason = binding.disabledNow(model) { return Spoken.plain(reason) }
        let s = model.state
        switch command.name {
        case "pause", "undo": return s.isStarted ? nil : "the meeting has not started"
        case "reopen": return s.isClosed ? nil : "the meeting is open"
        case "close", "action", "note", "defer", "amend", "withdraw", "feedback", "bonus", "details", "start":
            guard command.screen == .caseView else { return nil }
            return model.agendaRef == nil ? "no case is selected: type open and a case number" : nil
        case "left", "remove": return s.attendance.isEmpty ? "nobody is on the register yet" : nil
        case "outcome": return s.outstanding.isEmpty ? "there are no actions from earlier meetings" : nil
        case "end": return s.isClosed ? "the meeting is already closed" : nil
        default: return nil
        }
    }

    /// `next`: on the opening, the review; on the review, the next action (or, once all are
    /// recorded, the next case); elsewhere the next waiting case, opened and read.
    private mutating func next() -> [String] {
        let s = model.state
        switch model.screen {
        case .opening:
            var out = press(.char("2"))
            out += model.spokenReview()
            return out
        case .review where s.outstanding.contains(where: { s.reviews[$0.id] == nil }):
            var out = press(.char("j"))
            out += reviewSelected()
            return out
        default:
            guard let ref = s.nextWaitingCase else { return ["No cases are left waiting. Type summary to go to the summary."] }
            var out = press(.char("3"))
            guard selectCase(ref) else { return out }
            out += press(.enter)
            out += model.spokenCase()
            if s.activeCase == nil { out.append("Type start to start its discussion.") }
            return out
        }
    }

    private func reviewSelected() -> [String] {
        let list = model.reviewOrder
        guard list.indices.contains(model.reviewIndex) else { return ["No actions to review."] }
        return model.spokenReviewItem(list[model.reviewIndex], number: model.reviewIndex + 1)
    }

    /// Chooses the person, action or case an item names, by the keys the full-screen uses to move.
    private mutating func select(_ item: String, for command: SpokenCommand) -> Bool {
        switch command.screen {
        case .opening?:
            guard let n = Int(item), model.state.attendance.indices.contains(n - 1) else { return false }
            moveSelection(from: model.attendanceIndex, to: n - 1)
        case .review?:
            guard let n = Int(item), model.reviewOrder.indices.contains(n - 1) else { return false }
            moveSelection(from: model.reviewIndex, to: n - 1)
        case .caseView?:
            guard let n = Int(item), model.caseActions.indices.contains(n - 1) else { return false }
            moveSelection(from: model.actionIndex, to: n - 1)
        case .agenda?:
            let queue = model.state.queue
            let ref: String?
            if let n = Int(item) { ref = queue.indices.contains(n - 1) ? queue[n - 1] : nil }
            else { ref = queue.first { $0.lowercased() == item.lowercased() } }
            guard let ref else { return false }
            return selectCase(ref)
        default:
            return false
        }
        return true
    }

    private mutating func moveSelection(from: Int, to: Int) {
        let keys: [Key] = to > from ? Array(repeating: .char("j"), count: to - from) : Array(repeating: .char("k"), count: from - to)
        _ = press(keys)
    }

    /// Selects a case on the agenda screen (Home, then down).
    private mutating func selectCase(_ ref: String) -> Bool {
        guard let i = model.state.queue.firstIndex(of: ref) else { return false }
        if model.screen != .agenda { _ = press(.char("3")) }
        _ = press([.home] + Array(repeating: Key.char("j"), count: i))
        return model.agendaRef == ref
    }

    private func meetingOnlyWhere() -> [String] {
        let s = model.state
        let p = s.projection(now: model.now)
        return Spoken.lines("Privacy is on. The meeting has run for \(Spoken.minutes(p.meetingElapsedMillis)); \(Spoken.count(p.casesLeft, "case")) left.")
    }

    /// `help`: the commands of this screen and the general ones, each with what it does, then
    /// those that cannot be used now with why.
    private func help() -> [String] {
        let screen = model.screen
        var lines = ["You are on the \(screen.title.lowercased()) screen. Commands here:"]
        var blocked: [String] = []
        var commands = SpokenCommands.forScreen(screen)
        if screen == .opening { commands.append(SpokenCommand(["next"], about: "go to the review of earlier actions")) }
        for c in commands + SpokenCommands.general {
            let item = c.takesItem ? " [number]" : ""
            if let reason = unavailable(c) {
                blocked.append("\(c.spokenNames): not now, \(reason)")
                continue
            }
            lines += Spoken.lines("\(c.spokenNames)\(item): \(c.help)".sentence, indent: "  ")
        }
        if !blocked.isEmpty {
            lines.append("Not available now:")
            for b in blocked { lines += Spoken.lines(b.sentence, indent: "  ") }
        }
        lines += Spoken.lines("In a form, each question is asked in turn: Enter keeps the answer shown, Escape or cancel stops, "
                              + "and a draft is kept. Commands of another screen take you there.")
        return lines
    }

    // MARK: - Forms

    private var openForm: (FormModel, AnyFormSpec)? {
        if case .form(let form, let purpose)? = model.modal { return (form, purpose) }
        return nil
    }

    /// Says the focused field: its number, label, choices and current value.
    private mutating func askField() -> [String] {
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
        }
        if !field.input.text.isEmpty {
            text += " Now: " + field.input.text + ". Enter keeps it."
        }
        stage = .field(toCheck: stage == .check || { if case .field(true) = stage { return true }; return false }())
        return Spoken.lines(text)
    }

    private mutating func fieldAnswer(_ line: String, toCheck: Bool) -> [String] {
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
            out += press(.end, .ctrl("u"))
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

    /// SMART findings for an action form, as sentences, when they changed.
    private mutating func findingLines() -> [String] {
        guard let (form, spec) = openForm else { return [] }
        let findings: [Finding]
        switch spec.spec.liveChecks(form, in: model) {
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
    private mutating func readBack() -> [String] {
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

    private mutating func checkAnswer(_ line: String) -> [String] {
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

    private mutating func cancelAnswer(_ line: String, backToCheck: Bool) -> [String] {
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

    private mutating func confirmAnswer(_ line: String) -> [String] {
        if Self.isYes(line) { stage = .command; return press(.char("y")) }
        if line.isEmpty || Self.isNo(line) { stage = .command; return press(.char("n")) + ["Nothing changed."] }
        return ["Type yes or no."]
    }

    private var closeFlow: CloseFlow? {
        if case .closePrompts(let flow)? = model.modal { return flow }
        return nil
    }

    private func readPrompts() -> [String] {
        guard let flow = closeFlow else { return [] }
        var lines = Spoken.lines("Closing case \(SafeText.line(flow.caseRef)).")
        if let reason = flow.overrunReason { lines += Spoken.lines("Overrun reason: \(reason)".sentence) }
        let prompts = model.openPrompts(flow)
        if prompts.isEmpty {
            lines.append("No prompts are left.")
        } else {
            lines.append("\(Spoken.count(prompts.count, "prompt").capitalisedFirst) to act on, or pass with a reason:")
            for (i, p) in prompts.enumerated() { lines += Spoken.lines("\(i + 1). \(p.message)".sentence, indent: "   ") }
        }
        return lines
    }

    private mutating func promptsAnswer(_ line: String) -> [String] {
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
        if line.isEmpty || lower == "back" || Self.isNo(line) {
            stage = .command
            return press(.escape)
        }
        return ["Type yes to close, pass and a number, pass all, or back."]
    }
}

extension String {
    var capitalisedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
