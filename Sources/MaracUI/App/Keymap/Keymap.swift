import MaracCore

/// One key binding of a controller (`Controller`: a screen, the global keys), declared once.
/// Dispatch, the `?` help, the hint bar and the `:` palette are all generated from the bindings,
/// so they cannot drift apart. Its tests read the controller and the `ScreenContext`; its action
/// may change the controller's own state and returns what the root should do (`ScreenRequest`).
struct Binding<Controller>: Sendable {
    typealias Test<T> = @Sendable (Controller, ScreenContext) -> T
    typealias Action = @Sendable (inout Controller, ScreenContext, Key) -> [ScreenRequest]

    /// The keys that fire it (all of them do the same, or the action looks at which one it got).
    var keys: [Key]
    /// How help writes the keys: "J / K", "PgDn/PgUp".
    var label: String
    /// The line in `?` help.
    var help: String
    /// The hint bar's key and label, nil when it never shows there.
    var hint: (key: String, label: String)?
    /// The hint bar's key and label now, when they depend on the state (`Enter start meeting` / `Enter review`).
    var hintNow: Test<(String, String)>?
    /// Whether it shows in the hint bar now (state-dependent: `e amend` only with an action selected).
    var showsNow: Test<Bool> = { _, _ in true }
    /// The hint bar's order now, lower first (`b +5 min` comes forward once a case is past its target).
    var rank: Test<Int>
    /// Why it cannot be used now (a read-only replay, a closed meeting), or nil.
    var disabledNow: Test<String?> = { _, _ in nil }
    /// An edit: refused (with `disabledNow`'s reason) in a replay or a closed meeting.
    var isEdit = false
    /// What it does. nil: documented here, handled elsewhere (in a form, by the loop).
    var action: Action?

    init(_ keys: [Key], _ label: String, _ help: String, hint: (String, String)? = nil, rank: Int = 50,
         showsNow: @escaping Test<Bool> = { _, _ in true },
         rankNow: Test<Int>? = nil,
         disabledNow: @escaping Test<String?> = { _, _ in nil },
         hintNow: Test<(String, String)>? = nil,
         action: Action?) {
        self.keys = keys; self.label = label; self.help = help; self.hintNow = hintNow
        self.hint = hint.map { (key: $0.0, label: $0.1) }
        self.showsNow = showsNow
        self.rank = rankNow ?? { _, _ in rank }
        self.disabledNow = disabledNow
        self.action = action
    }

    /// An edit binding: refused with the reason while the meeting is closed or replayed read-only,
    /// and left out of the hint bar then.
    static func edit(_ keys: [Key], _ label: String, _ help: String, hint: (String, String)? = nil, rank: Int = 50,
                     showsNow: @escaping Test<Bool> = { _, _ in true },
                     rankNow: Test<Int>? = nil,
                     action: @escaping Action) -> Binding {
        var b = Binding(keys, label, help, hint: hint, rank: rank, showsNow: { $1.canEdit && showsNow($0, $1) }, rankNow: rankNow,
                        disabledNow: { $1.editRefusal() }, action: action)
        b.isEdit = true
        return b
    }

    /// What help, the palette, the screen-reader commands and the keymap golden read of a binding.
    var doc: KeyDoc { KeyDoc(keys: keys, label: label, help: help, hint: hint, isEdit: isEdit, isHandledElsewhere: action == nil) }
}

/// A binding as documentation, whatever controller it belongs to.
struct KeyDoc: Sendable {
    var keys: [Key]
    var label: String
    var help: String
    var hint: (key: String, label: String)?
    var isEdit: Bool
    /// Documented here, handled elsewhere (in a form, by the loop).
    var isHandledElsewhere: Bool
}

/// Prints every binding of every screen, one a line: the keymap golden test compares it, so a
/// changed key shows up in review.
enum KeymapListing {
    static func text() -> String {
        var lines: [String] = []
        func list(_ title: String, _ bindings: [KeyDoc]) {
            lines.append("## \(title)")
            for b in bindings {
                let keys = b.keys.map(\.description).joined(separator: " ")
                let hint = b.hint.map { "  [hint: \($0.key) \($0.label)]" } ?? ""
                let handled = b.isHandledElsewhere ? "  (handled elsewhere)" : b.isEdit ? "  (edit: not in a replay or a closed meeting)" : ""
                lines.append("\(b.label) = \(keys) — \(b.help)\(hint)\(handled)")
            }
            lines.append("")
        }
        list("Everywhere", MeetingScreen.globalKeymap)
        for screen in ScreenID.allCases { list(screen.title, MeetingScreen.keymap(for: screen)) }
        lines.append("## Replay (before the screen's keys)")
        for b in ReplayController.keymap {
            let hint = b.hint.map { "  [hint: \($0.key) \($0.label)]" } ?? ""
            lines.append("\(b.label) = \(b.keys.map(\.description).joined(separator: " ")) — \(b.help)\(hint)")
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}

/// One key of a replay (`marac replay`), declared once in `ReplayController.keymap`: the replay
/// dispatches it, and the hint bar and `?` help show it, from the same entry.
struct ReplayBinding: Sendable {
    var keys: [Key]
    /// How help writes the keys.
    var label: String
    /// The line in `?` help.
    var help: String
    /// The hint bar's key and label, nil when it never shows there.
    var hint: (key: String, label: String)?
    /// The hint bar's key and label now, when they depend on the replay (`Space pause` / `Space play`).
    var hintNow: (@Sendable (ReplayController) -> (String, String))?
    /// The hint bar's order, lower first (at 80 columns only the first few fit).
    var rank: Int
    /// Whether the key does anything now (Esc closes a trainer's note only while one shows; otherwise
    /// it goes to the screen).
    var isAvailable: @Sendable (ReplayController) -> Bool
    var action: @Sendable (inout ReplayController, Key) -> [Effect]

    init(_ keys: [Key], _ label: String, _ help: String, hint: (String, String)? = nil, rank: Int = 50,
         hintNow: (@Sendable (ReplayController) -> (String, String))? = nil,
         isAvailable: @escaping @Sendable (ReplayController) -> Bool = { _ in true },
         action: @escaping @Sendable (inout ReplayController, Key) -> [Effect]) {
        self.keys = keys; self.label = label; self.help = help
        self.hint = hint.map { (key: $0.0, label: $0.1) }
        self.hintNow = hintNow; self.rank = rank; self.isAvailable = isAvailable; self.action = action
    }

    /// A key that changes only the replay (nothing for the runtime to do).
    static func command(_ keys: [Key], _ label: String, _ help: String, hint: (String, String)? = nil, rank: Int = 50,
                        hintNow: (@Sendable (ReplayController) -> (String, String))? = nil,
                        isAvailable: @escaping @Sendable (ReplayController) -> Bool = { _ in true },
                        _ run: @escaping @Sendable (inout ReplayController) -> Void) -> ReplayBinding {
        ReplayBinding(keys, label, help, hint: hint, rank: rank, hintNow: hintNow, isAvailable: isAvailable) { r, _ in run(&r); return [] }
    }
}
