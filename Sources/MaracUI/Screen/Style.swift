/// What a piece of text means on screen. The UI speaks only in roles; a theme decides how each
/// role looks (colour, bold, reverse), so the monochrome theme and NO_COLOR still show every state
/// through words, symbols and attributes (never colour alone: a word or symbol always says it too).
public enum StyleRole: String, Sendable, CaseIterable, Codable {
    case normal
    case muted
    case title
    case header
    case statusBar
    case hint
    case selection
    case accent
    case ok
    case warning
    case danger
    case input
    case inputFocused
    case privacy
}

public struct Style: Hashable, Sendable {
    public var role: StyleRole
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: StyleRole = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role; self.bold = bold; self.reverse = reverse; self.underline = underline
    }

    public static let normal = Style()
}
