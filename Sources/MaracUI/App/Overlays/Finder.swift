import MaracCore

/// `:` the command palette (every command of the current screen, from its keymap) and `/` the
/// search (case references, names and notes): a list narrowed as you type, Enter acts, Esc closes.
/// Typing here is only ever the query: no letter is a shortcut while it is open.
struct Finder: Equatable {
    enum Kind: Equatable { case palette, search }
    var kind: Kind
    var query = ""
    var selected = 0
}

/// One line of a finder's list and what Enter on it does.
struct FinderItem {
    /// `replayKey`: one of a replay's own commands (`ReplayController.keymap`), which the replay runs.
    enum Target { case key(Key), caseRef(String), replayKey(Key) }
    var key: String
    var text: String
    var target: Target
}

extension MeetingScreen {
    func finderItems(_ finder: Finder) -> [FinderItem] {
        let query = finder.query.lowercased()
        func matches(_ texts: String...) -> Bool { query.isEmpty || texts.contains { $0.lowercased().contains(query) } }
        switch finder.kind {
        case .palette:
            // In a replay its own commands come first, and the keys that change the meeting are left
            // out (they are refused there), as in `?` help.
            let replay = (replayKeys?.commands ?? []).filter { matches($0.label, $0.help) }
                .map { FinderItem(key: $0.label, text: $0.help, target: .replayKey($0.key)) }
            return replay + (Self.keymap(for: screen) + Self.globalKeymap)
                .filter { !$0.isHandledElsewhere && !$0.keys.isEmpty && !(replayKeys != nil && $0.isEdit) && matches($0.label, $0.help) }
                .map { FinderItem(key: $0.label, text: $0.help, target: .key($0.keys[0])) }
        case .search:
            return state.queue.compactMap { ref -> FinderItem? in
                guard let c = state.cases[ref] else { return nil }
                let names = [c.agenda.victim, c.agenda.perpetrator ?? ""].filter { !$0.isEmpty }.joined(separator: " / ")
                if matches(ref, names) { return FinderItem(key: ref, text: names, target: .caseRef(ref)) }
                guard let note = c.notes.first(where: { $0.text.lowercased().contains(query) }) else { return nil }
                return FinderItem(key: ref, text: "\(names) — note: \(note.text)", target: .caseRef(ref))
            }
        }
    }

    /// The replay command selected in an open `:` palette, if one is: Enter there is the replay's.
    var chosenReplayCommand: Key? {
        guard case .finder(let finder)? = modal, finder.kind == .palette else { return nil }
        let items = finderItems(finder)
        guard items.indices.contains(finder.selected), case .replayKey(let key) = items[finder.selected].target else { return nil }
        return key
    }

    mutating func finderKey(_ finder: Finder, _ key: Key) -> [Effect] {
        var finder = finder
        let items = finderItems(finder)
        switch key {
        case .escape:
            modal = nil
            return []
        case .enter:
            modal = nil
            guard items.indices.contains(finder.selected) else { return [] }
            switch items[finder.selected].target {
            case .key(let k):
                return handle(k)
            case .caseRef(let ref):
                agenda.selectedRef = ref
                caseScreen.reset()
                setStatus("Found \(SafeText.line(ref))")
                return []
            case .replayKey:
                return []   // run by the replay before the key reaches here (`chosenReplayCommand`)
            }
        case .down: finder.selected = min(finder.selected + 1, max(0, items.count - 1))
        case .up: finder.selected = max(0, finder.selected - 1)
        case .backspace:
            if !finder.query.isEmpty { finder.query.removeLast(); finder.selected = 0 }
        case .char(let c):
            if finder.query.count < 80 { finder.query.append(c); finder.selected = 0 }
        default: break
        }
        modal = .finder(finder)
        return []
    }

    func drawFinder(_ finder: Finder, into buf: inout ScreenBuffer, area: Rect) {
        let items = finderItems(finder)
        let title = finder.kind == .search ? "Search case references, names and notes"
            : replayKeys != nil ? "Commands of this replay and the \(screen.title) screen" : "Commands on the \(screen.title) screen"
        let rect = centred(width: min(area.w - 4, 90), height: min(area.h, max(6, items.count + 5)), in: area)
        buf.box(rect, title: title, style: .accent)
        let left = rect.x + 2, right = rect.maxX - 2
        let prompt = (finder.kind == .palette ? ":" : "/") + SafeText.line(finder.query)
        let end = buf.put(prompt, col: left, row: rect.y + 1, style: .inputFocused, maxCol: right)
        buf.cursor = (min(end, right), rect.y + 1)
        let rows = max(0, rect.h - 5)
        let top = max(0, finder.selected - rows + 1)
        if items.isEmpty { buf.put("nothing matches", col: left, row: rect.y + 3, style: .muted, maxCol: right) }
        for (i, item) in items.enumerated().dropFirst(top).prefix(rows) {
            let row = rect.y + 3 + i - top
            let style: Style = i == finder.selected ? .selection : .normal
            if i == finder.selected { buf.fill(col: left, row: row, width: right - left, height: 1, style: style) }
            let x = buf.put(column(SafeText.line(item.key), 16), col: left, row: row, style: i == finder.selected ? style : .accent, maxCol: right)
            buf.put(SafeText.line(item.text), col: x + 1, row: row, style: style, maxCol: right)
        }
        buf.put("type to narrow · ↑/↓ choose · Enter \(finder.kind == .palette ? "runs" : "jumps") · Esc closes",
                col: left, row: rect.maxY - 2, style: .hint, maxCol: right)
    }
}
