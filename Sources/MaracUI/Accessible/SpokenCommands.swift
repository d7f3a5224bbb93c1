import MaracCore

/// The screen-reader mode's commands (docs/ACCESSIBILITY.md). Most are a binding of a screen's
/// keymap (its controller's, or `GlobalKeys`) under a word: typing the word or the key presses that
/// key on the same `MeetingScreen` the full-screen interface drives, so the two write the same
/// events. The binding's own help line says what it does, and its `disabledNow`
/// (`MeetingScreen.disabledReason`) why it cannot be used now.
struct SpokenCommand: Sendable {
    /// The word first, then the key ("action", "a").
    var names: [String]
    /// The screen whose keymap holds the key; nil for the global keymap or the mode's own commands.
    var screen: ScreenID?
    /// The key pressed; nil for the mode's own commands (where, list, help …).
    var key: Key?
    /// What it does, when the keymap has no binding to say it (the mode's own commands).
    var about: String?
    /// "N": the command takes a number or a case reference (the action, person or case to act on).
    var takesItem = false

    init(_ names: [String], on screen: ScreenID? = nil, key: Key? = nil, about: String? = nil, takesItem: Bool = false) {
        self.names = names; self.screen = screen; self.key = key; self.about = about; self.takesItem = takesItem
    }

    var name: String { names[0] }

    /// The binding the command presses, from the keymap.
    var binding: KeyDoc? {
        guard let key else { return nil }
        let table = screen.map { MeetingScreen.keymap(for: $0) } ?? MeetingScreen.globalKeymap
        return table.first { !$0.isHandledElsewhere && $0.keys.contains(key) }
    }

    /// What help says it does: the keymap's words where there is a binding.
    var help: String { about ?? binding.map { Spoken.plain($0.help) } ?? "" }

    /// How help writes the names: "action or a".
    var spokenNames: String {
        names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}

enum SpokenCommands {
    /// The mode's own commands, on every screen.
    static let general: [SpokenCommand] = [
        SpokenCommand(["help"], about: "list the commands available now, and why any is not"),
        SpokenCommand(["where"], about: "where the meeting is: the case, its time against the target, the forecast"),
        SpokenCommand(["list"], about: "read the agenda, one sentence per case"),
        SpokenCommand(["case"], about: "read the selected case: header, history, notes and actions"),
        SpokenCommand(["register"], about: "read the attendance register"),
        SpokenCommand(["review"], about: "go to the review and read the actions from earlier meetings"),
        SpokenCommand(["privacy"], about: "stop printing case detail until privacy is typed again"),
        SpokenCommand(["opening"], key: .char("1"), about: "go to the opening: attendance and the statement"),
        SpokenCommand(["agenda"], key: .char("3"), about: "go to the agenda"),
        SpokenCommand(["summary"], key: .char("5"), about: "go to the summary, where the meeting is closed"),
        SpokenCommand(["pause", "p"], key: .char("p")),
        SpokenCommand(["undo", "u"], key: .char("u")),
        SpokenCommand(["reopen", "R"], key: .char("R")),
        SpokenCommand(["times", "T"], key: .char("T")),
        SpokenCommand(["quit", "q"], key: .char("q")),
    ]

    static let opening: [SpokenCommand] = [
        SpokenCommand(["start", "m"], on: .opening, key: .char("m")),
        SpokenCommand(["attendee", "a"], on: .opening, key: .char("a")),
        SpokenCommand(["statement", "c"], on: .opening, key: .char("c")),
        SpokenCommand(["left", "l"], on: .opening, key: .char("l"), takesItem: true),
        SpokenCommand(["remove", "x"], on: .opening, key: .char("x"), takesItem: true),
    ]

    static let review: [SpokenCommand] = [
        SpokenCommand(["outcome", "o"], on: .review, key: .enter, takesItem: true),
        SpokenCommand(["next"], on: .review, key: .char("j"), about: "move to the next action and read it"),
        SpokenCommand(["previous"], on: .review, key: .char("k"), about: "move to the previous action and read it"),
    ]

    static let agenda: [SpokenCommand] = [
        SpokenCommand(["open"], on: .agenda, key: .enter, takesItem: true),
        SpokenCommand(["start", "s"], on: .agenda, key: .char("s"), takesItem: true),
        SpokenCommand(["next"], about: "open the next waiting case and read its header"),
        SpokenCommand(["defer", "d"], on: .agenda, key: .char("d"), takesItem: true),
        SpokenCommand(["withdraw", "w"], on: .agenda, key: .char("w"), takesItem: true),
        SpokenCommand(["late", "L"], on: .agenda, key: .char("L")),
        SpokenCommand(["business", "aob", "B"], on: .agenda, key: .char("B")),
        SpokenCommand(["down", "J"], on: .agenda, key: .char("J"), takesItem: true),
        SpokenCommand(["up", "K"], on: .agenda, key: .char("K"), takesItem: true),
    ]

    static let caseView: [SpokenCommand] = [
        SpokenCommand(["start", "s"], on: .caseView, key: .char("s")),
        SpokenCommand(["action", "a"], on: .caseView, key: .char("a")),
        SpokenCommand(["note", "o"], on: .caseView, key: .char("o")),
        SpokenCommand(["close", "n"], on: .caseView, key: .char("n")),
        SpokenCommand(["next"], about: "open the next waiting case and read its header"),
        SpokenCommand(["defer", "d"], on: .caseView, key: .char("d")),
        SpokenCommand(["amend", "e"], on: .caseView, key: .char("e"), takesItem: true),
        SpokenCommand(["withdraw", "x"], on: .caseView, key: .char("x"), takesItem: true),
        SpokenCommand(["feedback", "f"], on: .caseView, key: .char("f")),
        SpokenCommand(["bonus", "b"], on: .caseView, key: .char("b")),
        SpokenCommand(["details", "c"], on: .caseView, key: .char("c")),
        SpokenCommand(["correct", "F"], on: .caseView, key: .char("F")),
        SpokenCommand(["hearing", "H"], on: .caseView, key: .char("H")),
        SpokenCommand(["amend-note", "m"], on: .caseView, key: .char("m")),
        SpokenCommand(["withdraw-note", "W"], on: .caseView, key: .char("W")),
    ]

    static let summary: [SpokenCommand] = [
        SpokenCommand(["end", "C"], on: .summary, key: .char("C")),
        SpokenCommand(["next-meeting", "N"], on: .summary, key: .char("N")),
    ]

    static func forScreen(_ screen: ScreenID) -> [SpokenCommand] {
        switch screen {
        case .opening: return opening
        case .review: return review
        case .agenda: return agenda
        case .caseView: return caseView
        case .summary: return summary
        }
    }

    /// The command a word names on this screen (the screen's own first, then the general ones).
    /// Words match whatever their case; a one-letter key matches exactly (`J` is not `j`).
    static func find(_ word: String, screen: ScreenID) -> SpokenCommand? {
        let all = forScreen(screen) + general
        if let exact = all.first(where: { $0.names.contains(word) }) { return exact }
        let lower = word.lowercased()
        return all.first { $0.names.contains { $0.count > 1 && $0.lowercased() == lower } }
    }
}
