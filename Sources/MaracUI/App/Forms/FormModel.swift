import MaracCore

/// One field of a form. Every form in the app is a list of these, so they all behave alike.
struct FormField: Equatable {
    enum Kind: Equatable {
        /// Free text, one line.
        case text
        /// Free text that keeps its line breaks: a discussion note (docs/DECISIONS.md, "s3-11paste:
        /// notes keep their lines"). A paste keeps its lines; Ctrl-J or Alt-Enter types a line break
        /// (Enter keeps its meaning); ↑/↓ move between its lines, then to the next field.
        case prose
        /// An agency name, completed from the meeting's agencies as you type.
        case agency
        /// A due date: `14/12`, `14/12/2026`, `+7d`, `fri` …
        case date
        /// A date already passed (information received): `28/11` means the last 28/11.
        case pastDate
        /// One of a fixed list: ←/→ cycle, or type its letter, number or start (`ChoiceList`).
        case choice([String])
    }

    /// A field that only applies when another field has one of some values (e.g. "information
    /// sent" only for apologies): hidden and skipped otherwise.
    struct Condition: Equatable {
        var key: String
        var values: [String]
    }

    var key: String
    var label: String
    var kind: Kind
    var input: TextField
    /// Shown under the field when it has focus.
    var hint: String?
    var onlyWhen: Condition?
    /// The value the form opened with (a suggested default such as "Idva", or what was recorded
    /// before, when a form is opened again) is selected, as in any text box: the first character
    /// typed or pasted replaces it, Backspace/Delete clear it, a cursor key keeps it and moves.
    /// So typing into a re-opened form never appends to the old text ("IdvaIdva").
    var isSelected: Bool
    /// For a choice field: the letter that picks each option (see `ChoiceList`); nil: worked out.
    var letters: [Character?]?

    init(_ key: String, _ label: String, _ kind: Kind = .text, value: String = "", hint: String? = nil,
         onlyWhen: Condition? = nil, letters: [Character?]? = nil) {
        self.key = key; self.label = label; self.kind = kind; self.hint = hint
        // What a note held before (a line break written as CR LF by another program) is cleaned as a paste would be.
        self.input = TextField(kind == .prose ? String(Self.pasteable(value, keepsLines: true)) : value)
        self.onlyWhen = onlyWhen
        self.letters = letters
        if case .choice = kind { self.isSelected = false } else { self.isSelected = !value.isEmpty }
    }

    /// The options of a choice field, with their letters.
    var choiceList: ChoiceList? {
        guard case .choice(let options) = kind else { return nil }
        return ChoiceList(options, letters: letters)
    }

    var value: String { input.text.trimmingWhitespace() }

    /// A field this long shows its count beside it ("1,234/4,000").
    static let countShownFrom = 1_000

    /// Whether the field keeps line breaks (a note's text).
    var keepsLines: Bool { kind == .prose }

    /// What a paste puts into a field: in a one-line field line breaks and tabs become spaces; in a
    /// note (`keepsLines`) every line break (LF, CR LF, CR, U+2028…) becomes one line feed and a tab a
    /// space. Every other control character is dropped (none could be typed, and none may reach the
    /// terminal or the journal).
    static func pasteable(_ text: String, keepsLines: Bool = false) -> [Character] {
        var out: [Character] = []
        out.reserveCapacity(text.count)
        for ch in text {
            if ch.isNewline { out.append(keepsLines ? "\n" : " "); continue }
            if ch == "\t" { out.append(" "); continue }
            if ch.unicodeScalars.allSatisfy({ $0.value >= 0x20 && !(0x7F..<0xA0).contains($0.value) }) { out.append(ch) }
        }
        return out
    }

    /// What a date field reads as, in the direction the field looks (due: ahead; received: behind).
    func date(today: CalendarDate) -> Result<CalendarDate, DueDateInput.Problem> {
        kind == .pastDate ? PastDateInput.parse(value, today: today) : DueDateInput.parse(value, today: today)
    }

    /// For a choice field: the option what was typed picks (`ChoiceList.resolve`), if any.

    var chosen: String? { choiceList?.resolve(value) }
}

/// What a key did to a form.
enum FormOutcome: Equatable {
    case editing
    case save
    case cancel
}

/// A form: fields in order, one with focus. Tab/Shift-Tab (or ↓/↑) move, Enter on the last field
/// or Ctrl-S anywhere saves, Esc cancels. Every other key edits the focused field, so typing can
/// never trigger a screen key.
struct FormModel: Equatable {
    var title: String
    var fields: [FormField]
    var focus = 0
    /// Why the last save was refused (a missing field, or the journal's error), shown in red.
    var problem: String?
    /// Agencies offered for completion in `.agency` fields.
    var agencies: [String] = []
    /// Beside an agency in the completion list: "apologies" / "not here" (owners not in the room).
    var agencyMarks: [String: String] = [:]
    /// Something was typed or chosen: cancelling keeps it as a draft rather than throwing it away.
    var edited = false
    /// Said under the fields until the next key: a paste refused, a field full.
    var notice: String?

    init(title: String, fields: [FormField], agencies: [String] = []) {
        self.title = title; self.fields = fields; self.agencies = agencies
    }

    subscript(key: String) -> String {
        get { fields.first { $0.key == key }?.value ?? "" }
    }

    func field(_ key: String) -> FormField? { fields.first { $0.key == key } }

    /// Whether a field applies, given what the others say now.
    func applies(_ index: Int) -> Bool {
        guard let condition = fields[index].onlyWhen else { return true }
        guard let other = field(condition.key) else { return true }
        let value = other.chosen ?? other.value
        return condition.values.contains(value)
    }

    var visibleIndices: [Int] { fields.indices.filter(applies) }

    private func nextVisible(after i: Int, step: Int) -> Int {
        var j = i
        for _ in fields.indices {
            j = (j + step + fields.count) % fields.count
            if applies(j) { return j }
        }
        return i
    }

    /// The focused field is the last one that applies: Enter saves.
    var focusIsLast: Bool { visibleIndices.last == focus }

    /// Sets a field as the form opens (the value is selected: typing replaces it).
    mutating func set(_ key: String, _ value: String) {
        if let i = fields.firstIndex(where: { $0.key == key }) {
            fields[i].input.set(value)
            if case .choice = fields[i].kind {} else { fields[i].isSelected = !value.isEmpty }
        }
    }

    /// Puts the focus on a field, its text selected (a follow-up question sends the chair back to it).
    mutating func focus(on key: String) {
        guard let i = fields.firstIndex(where: { $0.key == key }) else { return }
        focus = i
        if case .choice = fields[i].kind {} else { fields[i].isSelected = !fields[i].input.text.isEmpty }
    }

    /// Agencies that start with (or, failing that, contain) what was typed in the focused field.
    func candidates(for index: Int) -> [String] {
        guard fields.indices.contains(index), fields[index].kind == .agency else { return [] }
        let typed = fields[index].value.lowercased()
        guard !typed.isEmpty else { return agencies }
        let starts = agencies.filter { $0.lowercased().hasPrefix(typed) }
        if !starts.isEmpty { return starts }
        return agencies.filter { $0.lowercased().contains(typed) }
    }

    mutating func handle(_ key: Key) -> FormOutcome {
        guard !fields.isEmpty else { return key == .escape ? .cancel : .editing }
        notice = nil
        switch key {
        case .escape:
            return .cancel
        case .ctrl("s"):
            return .save
        case .enter:
            if focusIsLast { return .save }
            acceptCompletion(); focus = nextVisible(after: focus, step: 1)
        case .lineBreak, .altEnter:
            // A line break where the field keeps lines; anywhere else Ctrl-J is Enter, as it always
            // was, and Alt-Enter nothing.
            guard fields[focus].keepsLines else { return key == .lineBreak ? handle(.enter) : .editing }
            typeLineBreak()
        case .down, .up:
            // In a note, ↑/↓ go through its lines first; from its first or last line, to the next field.
            if fields[focus].keepsLines, fields[focus].input.moveLine(key == .down ? 1 : -1) {
                fields[focus].isSelected = false
            } else if key == .down {
                acceptCompletion()
                focus = nextVisible(after: focus, step: 1)
            } else {
                focus = nextVisible(after: focus, step: -1)
            }
        case .tab:
            acceptCompletion()
            focus = nextVisible(after: focus, step: 1)
        case .backTab:
            focus = nextVisible(after: focus, step: -1)
        case .left, .right:
            if case .choice(let options) = fields[focus].kind, !options.isEmpty {
                cycle(options, by: key == .right ? 1 : -1)
                edited = true
            } else {
                fields[focus].isSelected = false
                _ = fields[focus].input.handle(key)
            }
        default:
            // Typing over a whole option (a default, or one chosen with ←/→) starts afresh.
            if case .char = key, case .choice(let options) = fields[focus].kind, options.contains(fields[focus].input.text) {
                fields[focus].input.set("")
            }
            // A selected value: a character replaces it, Backspace/Delete clear it.
            if fields[focus].isSelected, key.replacesSelection {
                fields[focus].input.set("")
                edited = true
                if key == .backspace || key == .delete { fields[focus].isSelected = false; return .editing }
            }
            fields[focus].isSelected = false
            if case .char = key, fields[focus].input.isFull {
                notice = "This field is full: it holds at most \(FormView.thousands(fields[focus].input.limit)) characters"
            } else if fields[focus].input.handle(key) {
                edited = true
            }
        }
        return .editing
    }

    /// Ctrl-J or Alt-Enter in a note: a line feed at the cursor (replacing a selected value, as a
    /// character does), unless the field is full.
    private mutating func typeLineBreak() {
        if fields[focus].isSelected { fields[focus].input.set(""); fields[focus].isSelected = false }
        if fields[focus].input.insert(["\n"]) {
            edited = true
        } else {
            notice = "This field is full: it holds at most \(FormView.thousands(fields[focus].input.limit)) characters"
        }
    }

    /// A bracketed paste into the focused field: inserted at the cursor as text, whole, or refused
    /// whole when the field would pass its limit. It never saves, cancels or moves focus. A note keeps
    /// the paste's line breaks; any other field joins its lines with spaces.
    mutating func paste(_ text: String) {
        guard fields.indices.contains(focus) else { return }
        notice = nil
        let pasted = FormField.pasteable(text, keepsLines: fields[focus].keepsLines)
        guard !pasted.isEmpty else { return }
        if fields[focus].isSelected { fields[focus].input.set(""); fields[focus].isSelected = false }
        if case .choice(let options) = fields[focus].kind, options.contains(fields[focus].input.text) {
            fields[focus].input.set("")
        }
        let field = fields[focus].input
        if fields[focus].input.insert(pasted) {
            edited = true
        } else {
            notice = "Paste refused: \(FormView.thousands(pasted.count)) characters would not fit (this field holds "
                + "\(FormView.thousands(field.limit)), \(FormView.thousands(field.count)) used). Nothing was pasted."
        }
    }

    /// Tab on an agency field fills in the first matching agency (unless the text already is one).
    private mutating func acceptCompletion() {
        guard fields[focus].kind == .agency, !fields[focus].value.isEmpty else { return }
        let typed = fields[focus].value.lowercased()
        if agencies.contains(where: { $0.lowercased() == typed }) { return }
        if let first = candidates(for: focus).first { fields[focus].input.set(first) }
    }

    private mutating func cycle(_ options: [String], by step: Int) {
        let current = fields[focus].chosen.flatMap { options.firstIndex(of: $0) }
        let next: Int
        if let current { next = (current + step + options.count) % options.count } else { next = step > 0 ? 0 : options.count - 1 }
        fields[focus].input.set(options[next])
    }
}

extension MeetingScreen {
    /// A form is open on a field that keeps line breaks (a note's text).
    var focusKeepsLines: Bool {
        guard !privacy, help == nil, case .form(let form, _) = modal, form.fields.indices.contains(form.focus) else { return false }
        return form.fields[form.focus].keepsLines
    }
}

private extension Key {
    /// Keys that act on a selected value as a whole: a character replaces it, Backspace/Delete clear it.
    var replacesSelection: Bool {
        switch self {
        case .char, .backspace, .delete: return true
        default: return false
        }
    }
}
