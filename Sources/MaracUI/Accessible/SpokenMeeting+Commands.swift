import MaracCore

/// The screen-reader mode's commands: a word pressed as the keymap's key, `next`, `help`, and
/// choosing the person, action or case a command names (SpokenMeeting.swift has the conversation).
extension SpokenMeeting {
    // MARK: - Commands

    mutating func command(_ line: String) -> [String] {
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
        // Going to the opening says what is left to do there: the statement to read aloud.
        if found.name == "opening" { out += model.spokenStatement() }
        if found.screen == .review && (found.name == "next" || found.name == "previous") { out += reviewSelected() }
        return out
    }

    /// A command of another screen (typing `action` on the agenda goes to the case screen first).
    func elsewhere(_ word: String) -> SpokenCommand? {
        for screen in [ScreenID.caseView, .agenda, .opening, .review, .summary] {
            if let c = SpokenCommands.forScreen(screen).first(where: { $0.names.contains(word) || $0.names.contains { $0.count > 1 && $0.lowercased() == word.lowercased() } }),
               c.key != nil { return c }
        }
        return nil
    }

    /// Why a command cannot be used now, or nil (the keymap's own reason first).
    func unavailable(_ command: SpokenCommand) -> String? {
        if let key = command.key, command.binding != nil, let reason = model.disabledReason(for: key, on: command.screen) { return Spoken.plain(reason) }
        let s = model.state
        switch command.name {
        case "pause", "undo": return s.isStarted ? nil : "the meeting has not started"
        case "reopen": return s.isClosed ? nil : "the meeting is open"
        case "close", "action", "note", "defer", "amend", "withdraw", "feedback", "bonus", "details", "start",
             "correct", "hearing", "amend-note", "withdraw-note":
            guard command.screen == .caseView else { return nil }
            return model.agenda.selectedRef == nil ? "no case is selected: type open and a case number" : nil
        case "left", "remove": return s.attendance.isEmpty ? "nobody is on the register yet" : nil
        case "outcome": return s.outstanding.isEmpty ? "there are no actions from earlier meetings" : nil
        case "end": return s.isClosed ? "the meeting is already closed" : nil
        default: return nil
        }
    }

    /// `next`: on the opening, the review; on the review, the next action (or, once all are
    /// recorded, the next case); elsewhere the next waiting case, opened and read.
    mutating func next() -> [String] {
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

    func reviewSelected() -> [String] {
        let list = ReviewController.order(model.state)
        guard list.indices.contains(model.review.index) else { return ["No actions to review."] }
        return model.spokenReviewItem(list[model.review.index], number: model.review.index + 1)
    }

    /// Chooses the person, action or case an item names, by the keys the full-screen uses to move.
    mutating func select(_ item: String, for command: SpokenCommand) -> Bool {
        switch command.screen {
        case .opening?:
            guard let n = Int(item), model.state.attendance.indices.contains(n - 1) else { return false }
            moveSelection(from: model.opening.index, to: n - 1)
        case .review?:
            let order = ReviewController.order(model.state)
            // "outcome 3" is the third in the review list; "outcome #5" or "outcome 01/12 #5" the
            // action of that number (when only one action has it).
            if item.contains("#") {
                let wanted = item.replacingOccurrences(of: " ", with: "").lowercased()
                let matches = order.indices.filter {
                    let id = order[$0].displayID.replacingOccurrences(of: " ", with: "").lowercased()
                    return id == wanted || id.hasSuffix(wanted)
                }
                guard matches.count == 1 else { return false }
                moveSelection(from: model.review.index, to: matches[0])
                return true
            }
            guard let n = Int(item), order.indices.contains(n - 1) else { return false }
            moveSelection(from: model.review.index, to: n - 1)
        case .caseView?:
            guard let n = Int(item), model.context.caseActions.indices.contains(n - 1) else { return false }
            moveSelection(from: model.caseScreen.actionIndex, to: n - 1)
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

    mutating func moveSelection(from: Int, to: Int) {
        let keys: [Key] = to > from ? Array(repeating: .char("j"), count: to - from) : Array(repeating: .char("k"), count: from - to)
        _ = press(keys)
    }

    /// Selects a case on the agenda screen (Home, then down).
    mutating func selectCase(_ ref: String) -> Bool {
        guard let i = model.state.queue.firstIndex(of: ref) else { return false }
        if model.screen != .agenda { _ = press(.char("3")) }
        _ = press([.home] + Array(repeating: Key.char("j"), count: i))
        return model.agenda.selectedRef == ref
    }

    func meetingOnlyWhere() -> [String] {
        let s = model.state
        let p = s.projection(now: model.now)
        return Spoken.lines("Privacy is on. The meeting has run for \(Spoken.minutes(p.meetingElapsedMillis)); \(Spoken.count(p.casesLeft, "case")) left.")
    }

    /// `help`: the commands of this screen and the general ones, each with what it does, then
    /// those that cannot be used now with why.
    func help() -> [String] {
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
}
