import MaracCore

/// `?`: every key on the current screen, the keys that work everywhere, and a glossary of Marac terms.
enum HelpOverlay {
    /// The keys that work everywhere, from the global keymap (one declaration, see `Binding`).
    static var everywhere: [(String, String)] { MeetingScreen.globalKeymap.map { ($0.label, $0.help) } }

    /// A screen's keys, from its keymap. In a replay (`liveKeys` false) the keys that change the
    /// meeting are left out: a replay refuses them.
    static func keys(for screen: ScreenID, liveKeys: Bool = true) -> [(String, String)] {
        MeetingScreen.keymap(for: screen).filter { liveKeys || !$0.isEdit }.map { ($0.label, $0.help) }
            + (screen == .agenda ? flagLegend : [])
    }

    /// The agenda's flag symbols (CaseFlag.symbol).
    static let flagLegend: [(String, String)] = CaseFlag.allCases.map { ("flag " + $0.symbol, $0.label) }
        + [("flag ?", "a possible earlier hearing to confirm on the case screen (H)"),
           ("⚠", "not reached at this pace: the meeting would end before this case (its flags follow)")]

    static let glossary: [(String, String)] = [
        ("Marac", "Multi-Agency Risk Assessment Conference: the meeting on high-risk domestic abuse cases"),
        ("Idva", "Independent Domestic Violence Advocate: supports the victim and speaks for them at Marac"),
        ("DASH", "Domestic Abuse, Stalking and Honour Based Violence risk checklist; 14 of 24 or more is visible high risk"),
        ("Professional judgement", "a referral on a professional's concern; may be the sole basis, never used to downgrade a score"),
        ("Escalation", "potential escalation: a number of incidents in a window (3 in 12 months nationally)"),
        ("Repeat", "any incident between the same victim and perpetrator within 12 months of the last Marac referral"),
        ("DVPN / DVPO", "Domestic Violence Protection Notice / Order: police can remove a perpetrator from the home for 28 days"),
        ("DVDS / Clare's Law", "Domestic Violence Disclosure Scheme: police disclose a partner's abusive history"),
        ("MATAC", "Multi-Agency Tasking and Coordination: targets serial perpetrators"),
        ("MAPPA", "Multi-Agency Public Protection Arrangements for convicted violent and sexual offenders"),
        ("MASH", "Multi-Agency Safeguarding Hub: a referral source"),
        ("MADA", "Multi-Agency Domestic Abuse meeting: a daily meeting on the last 24 hours' cases"),
        ("CSC / ASC", "Children's Social Care / Adult Social Care"),
        ("Target hardening", "security measures that make a home safe (Sanctuary scheme)"),
        ("Non-mol / occupation / restraining order", "civil or criminal protective orders"),
        ("SMART", "Specific, Measurable, Achievable, Relevant, Timed: one owner agency, a bespoke due date"),
        ("RESTRICTED", "minutes are RESTRICTED (OFFICIAL-SENSITIVE) when complete; share only on a need-to-know basis"),
        ("Bonus minutes", "extra time the chair grants a case; recorded, and moves the target and limit"),
        ("Overrun", "a discussion past the time limit; the reason is asked when the case closes"),
    ]

    /// The help text; with a `filter`, only the keys and glossary terms that mention it.
    /// `replayKeys`: a replay's own keys, listed first (the screens' edit keys are then left out).
    static func lines(for screen: ScreenID, replayKeys: [(String, String)]? = nil, width: Int, filter: String = "") -> [StyledLine] {
        var out: [StyledLine] = []
        let needle = filter.lowercased()
        func section(_ title: String, _ allRows: [(String, String)], keyWidth: Int) {
            let rows = needle.isEmpty ? allRows
                : allRows.filter { $0.0.lowercased().contains(needle) || $0.1.lowercased().contains(needle) }
            if rows.isEmpty { return }
            out.append(StyledLine(title, .title))
            for (k, v) in rows {
                let wrapped = wrap(v, width: max(10, width - keyWidth - 2))
                for (i, part) in wrapped.enumerated() {
                    out.append(StyledLine([Span("  " + column(i == 0 ? k : "", keyWidth), Style(.accent, bold: true)), Span(part)]))
                }
            }
            out.append(.blank)
        }
        let live = replayKeys == nil
        if let replayKeys {
            section("Keys in this replay (read-only: keys that change the meeting work only live)", replayKeys, keyWidth: 14)
        }
        section("Keys on the \(screen.title) screen (this one)", keys(for: screen, liveKeys: live), keyWidth: 14)
        section("Keys everywhere", everywhere, keyWidth: 18)
        section("Glossary", glossary, keyWidth: 24)
        for other in ScreenID.allCases where other != screen {
            section("Keys on the \(other.title) screen (\(other.rawValue))", keys(for: other, liveKeys: live), keyWidth: 14)
        }
        if out.isEmpty { out.append(StyledLine("Nothing in help mentions “\(SafeText.line(filter))”", .muted)) }
        return out
    }

    static func draw(screen: ScreenID, replayKeys: [(String, String)]? = nil, scroll: Int, filter: String = "", typing: Bool = false, into buf: inout ScreenBuffer, area: Rect) {
        let rect = Rect(x: area.x + 1, y: area.y, w: area.w - 2, h: area.h)
        let title = typing || !filter.isEmpty ? "Help — filter: \(SafeText.line(filter))\(typing ? "▏" : "") · Esc clears"
            : "Help — j/k scroll · / filter · Esc closes"
        buf.box(rect, title: title, style: .accent)
        let inner = rect.inset(1)
        let lines = lines(for: screen, replayKeys: replayKeys, width: inner.w - 2, filter: filter)
        // "↓ more" has the last row to itself, so it never covers the end of a line of help.
        let room = lines.count <= inner.h ? inner.h : inner.h - 1
        let top = min(scroll, max(0, lines.count - room))
        for (i, line) in lines.dropFirst(top).prefix(room).enumerated() {
            buf.draw(line, col: inner.x + 1, row: inner.y + i, maxCol: inner.maxX)
        }
        if top + room < lines.count { buf.put("↓ more", col: inner.maxX - 7, row: inner.maxY - 1, style: .muted) }
        if top > 0 { buf.put("↑", col: inner.maxX - 1, row: inner.y, style: .muted) }
    }
}

/// `?` help while it is open: its scroll, its filter, and its keys. The root opens it over any
/// screen and closes it when `handle` says so.
struct HelpController {
    var scroll = 0
    /// What help is narrowed to (`/` in help, then type), and whether the chair is still typing it.
    var filter = ""
    var typing = false

    /// The hint bar while help is open.
    var hints: [(String, String)] {
        typing ? [("Enter", "keep filter"), ("Esc", "clear")] : [("j/k", "scroll"), ("/", "filter"), ("Esc", "close help")]
    }

    /// Handles a key; false: help closes.
    mutating func handle(_ key: Key, screen: ScreenID, replayKeys: [(String, String)]?, size: Size) -> Bool {
        defer {
            // Keep the scroll within the text, so scrolling back up answers at once.
            let count = HelpOverlay.lines(for: screen, replayKeys: replayKeys, width: max(20, size.cols - 6), filter: filter).count
            scroll = min(scroll, max(0, count - (size.rows - 7)))  // the rows help shows when it has more: see `draw`
        }
        if typing {
            // Typing the filter: every character is text, Enter keeps it, Esc drops it.
            switch key {
            case .char(let c): if filter.count < 40 { filter.append(c) }; scroll = 0
            case .backspace: if !filter.isEmpty { filter.removeLast() }; scroll = 0
            case .enter: typing = false
            case .escape: filter = ""; typing = false
            default: break
            }
            return true
        }
        switch key {
        case .escape where !filter.isEmpty: filter = ""
        case .escape, .char("?"), .char("q"): return false
        case .char("/"): typing = true; filter = ""; scroll = 0
        case .down, .char("j"): scroll += 1
        case .up, .char("k"): scroll = max(0, scroll - 1)
        case .pageDown, .char(" "): scroll += 10
        case .pageUp: scroll = max(0, scroll - 10)
        case .home: scroll = 0
        default: break
        }
        return true
    }

    func draw(screen: ScreenID, replayKeys: [(String, String)]?, into buf: inout ScreenBuffer, area: Rect) {
        HelpOverlay.draw(screen: screen, replayKeys: replayKeys, scroll: scroll, filter: filter, typing: typing, into: &buf, area: area)
    }
}
