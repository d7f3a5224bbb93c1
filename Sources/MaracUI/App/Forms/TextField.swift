import MaracCore

/// Editable text with a cursor (a character index). Handles the editing keys every terminal user
/// expects; anything else is left for the form. Most fields are one line; a note's text may hold
/// line feeds (`FormField.Kind.prose`), so Home and End go to the start and end of the cursor's line
/// (in a one-line field, the whole text) and `moveLine` goes up and down its lines.
///
/// Costs do not grow with the length of the text (a 4,000-character note types as fast as a short
/// one): the characters are kept as an array, so a key is one insert or remove at the cursor, and
/// `visible(width:)` looks only at the characters around the cursor that fit the field.
struct TextField: Equatable {
    /// The most characters any field holds (docs/ARCHITECTURE.md, "Long fields"): a note or an
    /// action of 4,000 characters is far past anything a chair types live, and keeps every frame cheap.
    static let defaultLimit = 4_000

    private(set) var chars: [Character]
    var cursor: Int
    var limit: Int

    init(_ text: String = "", limit: Int = TextField.defaultLimit) {
        self.chars = Array(text); self.cursor = chars.count; self.limit = limit
    }

    var text: String { String(chars) }
    var count: Int { chars.count }
    var isFull: Bool { chars.count >= limit }

    /// Applies an editing key. Returns false when the key is not an editing key. A character typed
    /// into a full field is taken (true) but not added: the form says why.
    mutating func handle(_ key: Key) -> Bool {
        cursor = min(max(0, cursor), chars.count)
        switch key {
        case .char(let c):
            guard !isFull else { return true }
            chars.insert(c, at: cursor); cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            chars.remove(at: cursor - 1); cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < chars.count else { return true }
            chars.remove(at: cursor)
        case .left, .ctrl("b"):
            cursor = max(0, cursor - 1)
        case .right, .ctrl("f"):
            cursor = min(chars.count, cursor + 1)
        case .home, .ctrl("a"):
            cursor = lineStart(of: cursor)
        case .end, .ctrl("e"):
            cursor = lineEnd(of: cursor)
        case .ctrl("u"):
            chars.removeFirst(cursor); cursor = 0
        case .ctrl("k"):
            chars.removeLast(chars.count - cursor)
        case .ctrl("w"):
            // Delete the word before the cursor.
            var i = cursor
            while i > 0, chars[i - 1] == " " || chars[i - 1] == "\n" { i -= 1 }
            while i > 0, chars[i - 1] != " ", chars[i - 1] != "\n" { i -= 1 }
            chars.removeSubrange(i..<cursor); cursor = i
        default:
            return false
        }
        return true
    }

    /// Inserts pasted text at the cursor, whole, or refuses it (false) when the field would pass its limit.
    mutating func insert(_ text: [Character]) -> Bool {
        guard chars.count + text.count <= limit else { return false }
        cursor = min(max(0, cursor), chars.count)
        chars.insert(contentsOf: text, at: cursor)
        cursor += text.count
        return true
    }

    mutating func set(_ value: String) { chars = Array(value); cursor = chars.count }

    /// The start of the line holding `index` (just after the line feed before it, or 0).
    func lineStart(of index: Int) -> Int {
        var i = min(max(0, index), chars.count)
        while i > 0, chars[i - 1] != "\n" { i -= 1 }
        return i
    }

    /// The end of the line holding `index` (its line feed, or the end of the text).
    func lineEnd(of index: Int) -> Int {
        var i = min(max(0, index), chars.count)
        while i < chars.count, chars[i] != "\n" { i += 1 }
        return i
    }

    /// Moves the cursor to the line above (`step` -1) or below (+1), at the same place in it or its
    /// end when shorter. False, and the cursor left alone, when there is no line there: the form
    /// then moves to the field above or below, as ↑/↓ do in a one-line field.
    mutating func moveLine(_ step: Int) -> Bool {
        cursor = min(max(0, cursor), chars.count)
        let start = lineStart(of: cursor)
        let column = cursor - start
        if step < 0 {
            guard start > 0 else { return false }
            let above = lineStart(of: start - 1)
            cursor = min(above + column, start - 1)
        } else {
            let end = lineEnd(of: cursor)
            guard end < chars.count else { return false }
            let below = end + 1
            cursor = min(below + column, lineEnd(of: below))
        }
        return true
    }

    /// The visible slice for a field `width` columns wide, scrolled so the cursor shows, and the
    /// cursor's column within it. Only the characters that can show are looked at.
    func visible(width: Int) -> (text: String, cursorCol: Int) {
        guard width > 1 else { return ("", 0) }
        let cursor = min(max(0, self.cursor), chars.count)
        // The first shown character: walk back from the cursor while the slice still leaves a column for it.
        var start = cursor
        var before = 0
        while start > 0 {
            let w = CharWidth.of(Self.shown(chars[start - 1]))
            if before + w > width - 1 { break }
            before += w; start -= 1
        }
        let cursorCol = before
        var out = start > 0 ? "…" : ""
        var used = start > 0 ? 1 : 0
        if start > 0 { start += 1 }   // the … takes the place of the first visible character
        // Zero-width characters take no column: bound the walk anyway.
        var looked = 0
        var i = start
        while i < chars.count, looked < width * 8 + 16 {
            let ch = Self.shown(chars[i])
            let w = CharWidth.of(ch)
            if used + w > width { break }
            out.append(ch); used += w
            i += 1; looked += 1
        }
        return (out, cursorCol)
    }

    /// The start of the text cleaned for showing in `width` columns, without looking at the rest.
    /// A line feed (only a note holds them) shows as ↵, so a note of several lines reads as such on one row.
    func prefix(width: Int) -> String {
        String(chars.prefix(max(0, width) * 4 + 16).map { $0 == "\n" ? "↵" : Self.shown($0) })
    }

    /// Field text is shown cleaned, character for character (control characters become spaces so
    /// the cursor position still lines up with what was typed).
    static func shown(_ ch: Character) -> Character {
        SafeText.line(String(ch)).isEmpty ? " " : ch
    }
}
