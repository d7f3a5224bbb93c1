import MaracCore

/// The screen-reader mode's conversation (docs/ACCESSIBILITY.md): a line in, lines out, and
/// nothing ever drawn. It drives the very `MeetingScreen` the full-screen interface drives, through
/// the same `EventLoop`: a command presses the keymap's key, a form's answer is typed into the same
/// field, "yes" to save is Ctrl-S. So the rules, the drafts, the refusals and the events written
/// are the full-screen interface's own, and only the way they are told differs.
///
/// Pure: no I/O. The runtime (MaracApp's `SpokenRun`) reads lines, prints what this returns, and
/// calls `tick` between lines so that crossing a target is announced at once. Its commands are in
/// SpokenMeeting+Commands.swift, its forms and questions in SpokenMeeting+Forms.swift.
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
    let answers: JournalAnswers
    var stage: Stage = .command
    /// Case detail is not printed while this is on (the privacy command).
    public internal(set) var privacy = false
    /// The phase of each case last announced, so a crossing is said once.
    var phases: [String: DiscussionPhase] = [:]
    /// The SMART findings last read for the open form, so only a change is read again.
    var findingsRead: [Finding]?
    /// The fields asked so far in the open form (a field appearing after an answer is asked too).
    var asked: Set<Int> = []
    /// The form being asked, so that a form that follows another (who tells an absent owner) is introduced.
    var askedPurpose: AnyFormSpec?
    /// The lines of a note of several lines so far, between its two `"""` lines; nil when not in one.
    var noteLines: [String]?

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

    func rank(_ p: DiscussionPhase) -> Int {
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
            case .text: return "\(Spoken.plain(field.label)): "
            case .prose:
                guard let lines = noteLines else { return "\(Spoken.plain(field.label)): " }
                return "\(Spoken.plain(field.label)), line \(lines.count + 1), or three quotes to end: "
            }
        case .check: return "Save? Type yes, no, or a field number: "
        case .cancelAsk: return "Cancel? Enter cancels and keeps a draft, no goes back: "
        case .confirm: return "Type yes or no: "
        case .prompts:
            return model.openPrompts(closeFlow ?? CloseFlow(caseRef: "")).isEmpty
                ? "Close the case? Type yes, or back: "
                : "Type yes, pass and a number, pass all, " + (hasTellPrompt ? "tell and a number, " : "") + "or back: "
        }
    }

    // MARK: - Answers

    /// One line typed by the chair (without its newline). Returns the lines to print.
    public mutating func answer(_ raw: String) -> [String] {
        loop.program.setStatus(nil)
        let line = raw.trimmingWhitespace()
        if let taken = noteOfSeveralLines(raw) { return taken }
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
        // The lines of a note of several lines go into the field first, so the draft keeps them.
        if let lines = noteLines, !lines.isEmpty { _ = press(.end, .ctrl("u"), .ctrl("k")); _ = paste(lines.joined(separator: "\n")) }
        noteLines = nil
        var out = press(.ctrl("c"))
        out += follow()
        return out
    }

    static func isEscape(_ line: String) -> Bool { !line.isEmpty && line.allSatisfy { $0 == "\u{1B}" } }

    static func isYes(_ line: String) -> Bool { ["yes", "y", "save", "close"].contains(line.lowercased()) }
    static func isNo(_ line: String) -> Bool { ["no", "n"].contains(line.lowercased()) || isEscape(line) }

    /// Presses keys on the screen, then says what the journal answered and what the screen said.
    mutating func press(_ keys: Key...) -> [String] { press(keys) }

    mutating func press(_ keys: [Key]) -> [String] {
        answers.saves = 0; answers.failures = []
        for key in keys { try? loop.send(.key(key)) }
        return journalLines()
    }

    mutating func paste(_ text: String) -> [String] {
        answers.saves = 0; answers.failures = []
        try? loop.send(.paste(text))
        return journalLines()
    }

    /// "Saved." only once the journal confirmed (fdatasync); a failure is said whole.
    mutating func journalLines() -> [String] {
        var lines: [String] = []
        if !answers.failures.isEmpty {
            for f in answers.failures { lines += Spoken.lines("NOT SAVED: \(f)".sentence) }
        } else if answers.saves > 0 {
            lines.append("Saved.")
        }
        return lines
    }

    /// After any answer: say the screen's message, and take up whatever question the screen now asks.
    mutating func follow() -> [String] {
        var out: [String] = []
        if let status = model.statusMessage, !status.isEmpty, !(status.hasPrefix("NOT SAVED") && !answers.failures.isEmpty) {
            out += Spoken.lines(Self.inCommands(status).sentence)
            // The review's message names the next action by its own number ("next: 01/12 #5");
            // `outcome N` takes its place in the review list: say that number too, so the number
            // the chair types is the one just heard.
            if model.screen == .review, status.contains("next: ") {
                let count = ReviewController.order(model.state).count
                out.append("That is number \(model.review.index + 1) of \(count) in the review: type outcome \(model.review.index + 1).")
            }
        }
        loop.program.setStatus(nil)
        if model.help != nil { _ = press(.escape) }
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

    func question(_ purpose: ConfirmPurpose) -> String {
        switch purpose {
        case .quit:
            if let mock = screen.mockQuitWords() { return Spoken.plain(mock.question + " " + mock.detail + ".") }
            return "Quit marac? Everything is already saved."
        case .closeMeeting:
            let unreviewed = screen.state.unreviewedOutstanding.count
            let warning = unreviewed == 0 ? "" : " \(MeetingScreen.neverReviewed(unreviewed))."
            return "Close the meeting? Its record is then locked; reopening needs a reason." + warning
        case let .removeAttendee(agency, rep):
            return "Remove \(Spoken.plain(rep)) of \(Spoken.plain(agency)) from the register?"
        case let .undoElsewhere(_, what):
            return "Undo \(Spoken.plain(what))? That is not the case you are on."
        case .startOnAnotherDay:
            return Spoken.plain(screen.startOnAnotherDayQuestion + " " + screen.startOnAnotherDayDetail)
        }
    }
}

extension String {
    var capitalisedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
