/// One line of editable text with a cursor (a character index). Handles the editing keys every
/// terminal user expects; anything else is left for the form.
struct TextField: Equatable {
    var text: String
    var cursor: Int

    init(_ text: String = "") { self.text = text; self.cursor = text.count }

    /// Applies an editing key. Returns false when the key is not an editing key.
    mutating func handle(_ key: Key) -> Bool {
        var chars = Array(text)
        cursor = min(max(0, cursor), chars.count)
        switch key {
        case .char(let c):
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
            cursor = 0
        case .end, .ctrl("e"):
            cursor = chars.count
        case .ctrl("u"):
            chars.removeFirst(cursor); cursor = 0
        case .ctrl("k"):
            chars.removeLast(chars.count - cursor)
        case .ctrl("w"):
            // Delete the word before the cursor.
            var i = cursor
            while i > 0, chars[i - 1] == " " { i -= 1 }
            while i > 0, chars[i - 1] != " " { i -= 1 }
            chars.removeSubrange(i..<cursor); cursor = i
        default:
            return false
        }
        text = String(chars)
        return true
    }

    mutating func set(_ value: String) { text = value; cursor = value.count }

    /// The visible slice for a field `width` columns wide, scrolled so the cursor shows, and the
    /// cursor's column within it.
    func visible(width: Int) -> (text: String, cursorCol: Int) {
        let chars = Array(SafeTextChars.clean(text))
        guard width > 1 else { return ("", 0) }
        var start = 0
        while CharWidth.of(String(chars[start..<min(cursor, chars.count)])) > width - 1 { start += 1 }
        let cursorCol = CharWidth.of(String(chars[start..<min(cursor, chars.count)]))
        var out = start > 0 ? "…" : ""
        var used = start > 0 ? 1 : 0
        if start > 0 { start += 1 }   // the … takes the place of the first visible character
        for ch in chars[start...] {
            let w = CharWidth.of(ch)
            if used + w > width { break }
            out.append(ch); used += w
        }
        return (out, cursorCol)
    }
}

import MaracCore

/// Field text is shown cleaned, character for character (control characters become spaces so the
/// cursor position still lines up with what was typed).
enum SafeTextChars {
    static func clean(_ text: String) -> String {
        String(text.map { ch -> Character in SafeText.line(String(ch)).isEmpty ? " " : ch })
    }
}
