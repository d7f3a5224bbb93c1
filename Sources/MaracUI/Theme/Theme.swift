/// How each style role looks. Pure data: loaded from `Themes/*.yaml` by the app, applied by the
/// terminal backend. A role with no colour still gets its attributes (monochrome, NO_COLOR).
public struct Theme: Sendable, Equatable {
    public enum Color: String, Sendable, CaseIterable, Codable {
        case `default`, black, red, green, yellow, blue, magenta, cyan, white
        case brightBlack = "bright-black", brightRed = "bright-red", brightGreen = "bright-green"
        case brightYellow = "bright-yellow", brightBlue = "bright-blue", brightMagenta = "bright-magenta"
        case brightCyan = "bright-cyan", brightWhite = "bright-white"
    }

    public struct Look: Sendable, Equatable {
        public var foreground: Color
        public var background: Color
        public var bold: Bool
        public var reverse: Bool
        public var underline: Bool
        public var dim: Bool

        public init(foreground: Color = .default, background: Color = .default, bold: Bool = false,
                    reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
            self.foreground = foreground; self.background = background; self.bold = bold
            self.reverse = reverse; self.underline = underline; self.dim = dim
        }
    }

    public var name: String
    public var looks: [StyleRole: Look]
    /// False for monochrome and NO_COLOR: the backend uses attributes only.
    public var usesColor: Bool

    public init(name: String, looks: [StyleRole: Look], usesColor: Bool = true) {
        self.name = name; self.looks = looks; self.usesColor = usesColor
    }

    public func look(_ role: StyleRole) -> Look { looks[role] ?? looks[.normal] ?? Look() }

    /// Built in, so the app always has a theme even when `Themes/` is missing or a file is bad.
    public static let fallback = Theme(name: "default", looks: [
        .normal: Look(),
        .muted: Look(dim: true),
        .title: Look(bold: true),
        .header: Look(foreground: .black, background: .cyan),
        .statusBar: Look(foreground: .black, background: .white),
        .hint: Look(foreground: .cyan),
        .selection: Look(reverse: true),
        .accent: Look(foreground: .cyan, bold: true),
        .ok: Look(foreground: .green),
        .warning: Look(foreground: .yellow, bold: true),
        .danger: Look(foreground: .red, bold: true),
        .input: Look(underline: true),
        .inputFocused: Look(reverse: true),
        .privacy: Look(bold: true),
    ])

    /// No colour at all: what NO_COLOR and the monochrome theme give.
    public static let monochrome = Theme(name: "monochrome", looks: [
        .normal: Look(),
        .muted: Look(dim: true),
        .title: Look(bold: true),
        .header: Look(reverse: true),
        .statusBar: Look(reverse: true),
        .hint: Look(),
        .selection: Look(reverse: true),
        .accent: Look(bold: true),
        .ok: Look(),
        .warning: Look(bold: true),
        .danger: Look(bold: true, underline: true),
        .input: Look(underline: true),
        .inputFocused: Look(reverse: true),
        .privacy: Look(bold: true),
    ], usesColor: false)
}
