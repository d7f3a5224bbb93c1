import MaracCore

/// What a replay draws over the screen: the replay bar, its keys in the hint bar, a trainer's note.
extension ReplayController {
    mutating func refreshBar() {
        // Positions are measured from the recorded start of the meeting (not the journal's creation,
        // which may be days earlier), so the bar's "of" figure never changes during a replay.
        let started = records.first { if case .meetingStarted = $0.event { return true } else { return false } }
        let start = started?.at ?? (setUpCount < records.count ? records[setUpCount].at : records.first?.at ?? replayNow)
        let end = max(start, records.last?.at ?? replayNow)
        let mark = paused ? "Ⅱ PAUSED" : (isAtEnd ? "■ END" : "▶ PLAYING")
        let last = position > 0 ? records[position - 1].event.name : "start"
        let stopWords = ReplayStop.allCases.filter(stops.contains).map(\.rawValue)
        // Most important first; what does not fit the width is left out whole, never cut.
        let parts: [String?] = [
            "REPLAY \(mark) \(speed)×",
            "\(formatDuration(max(0, replayNow - start))) of \(formatDuration(end - start))",
            stopWords.isEmpty ? nil : "stops: " + stopWords.joined(separator: " "),
            "event \(position)/\(records.count)",
            last,
        ]
        var bar = ""
        for part in parts.compactMap({ $0 }) {
            let next = bar.isEmpty ? part : bar + " │ " + part
            if CharWidth.of(next) <= max(Size.minimum.cols, screen.size.cols) - 1 { bar = next }
        }
        screen.replayBar = bar
        screen.replayPaused = paused
        screen.replayKeys = ReplayKeys(help: Self.keymap.map { ($0.label, $0.help) },
                                       hints: bookmarkDraft == nil ? hints : [("Enter", "save bookmark"), ("Esc", "cancel")],
                                       promptOpen: bookmarkDraft != nil,
                                       commands: Self.keymap.filter { $0.isAvailable(self) && !$0.keys.isEmpty }
                                           .map { (label: $0.label, help: $0.help, key: $0.keys[0]) })
    }

    /// The replay's hint-bar keys now, from its keymap, by rank.
    var hints: [(String, String)] {
        Self.keymap.enumerated()
            .filter { $0.element.hint != nil && $0.element.isAvailable(self) }
            .sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
            .compactMap { item in item.element.hintNow?(self) ?? item.element.hint.map { ($0.key, $0.label) } }
    }

    /// `b`'s prompt, where a note's box goes: the moment, the line being typed (its end when long),
    /// and what Enter and Esc do.
    static func drawBookmarkPrompt(_ draft: BookmarkDraft, into buf: inout ScreenBuffer) {
        let size = buf.size
        let width = min(size.cols - 4, 76)
        let rect = Rect(x: (size.cols - width) / 2, y: size.rows - 3 - 5, w: width, h: 5)
        let place = ReplayNote(anchor: draft.anchor, kind: .bookmark, text: "").place
        buf.box(rect, title: "Bookmark — \(place)", style: .accent)
        let label = "What to remember: "
        let room = width - 4 - CharWidth.of(label) - 1
        var shown = draft.text
        while CharWidth.of(shown) > room { shown.removeFirst() }
        let x = buf.put(label, col: rect.x + 2, row: rect.y + 1, style: .title, maxCol: rect.maxX - 1)
        buf.put(shown + "█", col: x, row: rect.y + 1, maxCol: rect.maxX - 1)
        buf.put(CharWidth.fitting("Enter saves (empty: \"\(BookmarkDraft.defaultText)\") · Esc cancels", width - 4),
                col: rect.x + 2, row: rect.y + 3, style: .muted, maxCol: rect.maxX - 1)
    }

    /// The note box, over the bottom of the body just above the replay bar.
    static func drawNote(_ note: ReplayNote, more: Int = 0, into buf: inout ScreenBuffer) {
        let size = buf.size
        let width = min(size.cols - 4, 76)
        let text = wrap(SafeText.line(note.text), width: width - 4)
        let shown = Array(text.prefix(max(1, size.rows / 3)))
        let height = shown.count + 3
        let rect = Rect(x: (size.cols - width) / 2, y: size.rows - 3 - height, w: width, h: height)
        buf.box(rect, title: "\(note.kind.title) — \(note.place)\(note.pause ? " (paused)" : "")", style: .accent)
        for (i, line) in shown.enumerated() {
            buf.put(line, col: rect.x + 2, row: rect.y + 1 + i, maxCol: rect.maxX - 1)
        }
        buf.put(more > 0 ? "Esc or Enter: the next note here (\(more) more)" : "Esc or Enter closes the note · Space plays on", col: rect.x + 2, row: rect.maxY - 2, style: .muted, maxCol: rect.maxX - 1)
    }
}

/// What a replay adds to the screen's hint bar and `?` help (from `ReplayController.keymap`).
struct ReplayKeys {
    var help: [(String, String)]
    var hints: [(String, String)]
    /// The bookmark prompt has the keyboard: the hint bar shows only its keys (a typed `q` is a letter).
    var promptOpen = false
    /// The replay's commands usable now, for the `:` palette (label, help, the key that runs it).
    var commands: [(label: String, help: String, key: Key)] = []
}

extension MeetingScreen {
    /// A form, dialog, the help or the privacy screen has the keyboard.
    var isTakingKeys: Bool { modal != nil || help != nil || privacy }
}
