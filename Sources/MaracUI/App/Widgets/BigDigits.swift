/// Three-row digits for the discussion timer, readable across a meeting room.
enum BigDigits {
    static let glyphs: [Character: [String]] = [
        "0": ["█▀█", "█ █", "█▄█"],
        "1": ["▀█ ", " █ ", "▄█▄"],
        "2": ["▀▀█", "█▀▀", "█▄▄"],
        "3": ["▀▀█", " ▀█", "▄▄█"],
        "4": ["█ █", "▀▀█", "  █"],
        "5": ["█▀▀", "▀▀█", "▄▄█"],
        "6": ["█▀▀", "█▀█", "█▄█"],
        "7": ["▀▀█", "  █", "  █"],
        "8": ["█▀█", "█▀█", "█▄█"],
        "9": ["█▀█", "▀▀█", "▄▄█"],
        ":": [" ", "▪", "▪"],
    ]

    /// The three rows for a text of digits and colons.
    static func render(_ text: String) -> [String] {
        var rows = ["", "", ""]
        for ch in text {
            let g = glyphs[ch] ?? [" ", " ", " "]
            for i in 0..<3 { rows[i] += g[i] + " " }
        }
        return rows.map { String($0.dropLast()) }
    }

    static func width(_ text: String) -> Int { CharWidth.of(render(text)[0]) }
}
