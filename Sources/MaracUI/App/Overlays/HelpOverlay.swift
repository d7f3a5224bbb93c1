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
        + [("flag ?", "a possible earlier hearing to confirm on the case screen (H)")]

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
        let top = min(scroll, max(0, lines.count - inner.h))
        for (i, line) in lines.dropFirst(top).prefix(inner.h).enumerated() {
            buf.draw(line, col: inner.x + 1, row: inner.y + i, maxCol: inner.maxX)
        }
        if top + inner.h < lines.count { buf.put("↓ more", col: inner.maxX - 7, row: inner.maxY - 1, style: .muted) }
        if top > 0 { buf.put("↑", col: inner.maxX - 1, row: inner.y, style: .muted) }
    }
}

extension MeetingScreen {
    /// The keys the status bar shows for what is on screen now.
    var statusKeys: [(String, String)] {
        if helpScroll != nil {
            return helpFilterTyping ? [("Enter", "keep filter"), ("Esc", "clear")] : [("j/k", "scroll"), ("/", "filter"), ("Esc", "close help")]
        }
        if let modal {
            switch modal {
            case .form(let form, _):
                var keys: [(String, String)] = [("Tab", "next"), ("S-Tab", "back")]
                if form.fields.indices.contains(form.focus), case .choice = form.fields[form.focus].kind { keys.append(("←/→", "choose")) }
                if form.fields.indices.contains(form.focus), form.fields[form.focus].keepsLines { keys.append(("Ctrl-J", "new line")) }
                return keys + [("Enter", form.focusIsLast ? "save" : "next"), ("Ctrl-S", "save"), ("Esc", "cancel")]
            case .confirm: return [("y", "yes"), ("n", "no")]
            case .closePrompts: return [("p", "pass"), ("P", "pass all"), ("Enter", "close case"), ("Esc", "back")]
            case .finder: return [("↑/↓", "choose"), ("Enter", "go"), ("Esc", "close")]
            }
        }
        return hints(for: screen)
    }
}
