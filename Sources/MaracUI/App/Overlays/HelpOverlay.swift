import MaracCore

/// `?`: every key on the current screen, the keys that work everywhere, and a glossary of Marac terms.
enum HelpOverlay {
    static let everywhere: [(String, String)] = [
        ("1 … 5", "jump to Opening, Review, Agenda, Case, Summary"),
        ("j/k or ↑/↓", "move the selection"),
        ("Enter", "select / confirm"),
        ("Esc", "cancel or go back"),
        ("Tab / Shift-Tab", "next / previous field in a form"),
        ("Ctrl-S", "save a form from any field"),
        ("p", "pause / resume the meeting clock"),
        ("u", "undo the last change (recorded, nothing is erased)"),
        ("F12 or Ctrl-B", "privacy screen: hide all case detail at once"),
        ("Ctrl-L", "redraw the screen"),
        ("?", "this help"),
        ("q", "quit (asks first; everything is already saved)"),
    ]

    static func keys(for screen: ScreenID) -> [(String, String)] {
        switch screen {
        case .opening:
            return [("Enter or m", "start the meeting clock"), ("a", "add someone to the attendance register"),
                    ("c", "record that the confidentiality statement was read"), ("l", "record that the selected person left, and after which case"),
                    ("x", "remove the selected person from the register")]
        case .review:
            return [("Enter", "record the outcome of the selected action: done · not possible (circumstances changed) · not done by the agency (escalates) · carried forward")]
        case .agenda:
            return [("Enter", "open the selected case"), ("s", "start / pause / resume its discussion"),
                    ("J / K", "move the case down / up the agenda"), ("d", "defer: end of the agenda or the next meeting, with a reason"),
                    ("w", "withdraw the case (reason required)"), ("L", "add a late case")] + flagLegend
        case .caseView:
            return [("s", "start / pause / resume the discussion timer"), ("a", "add an action (SMART-checked as you type)"),
                    ("e", "amend the selected action"), ("x", "withdraw the selected action (reason)"),
                    ("o", "add a note (agency, kind, text)"), ("f", "who feeds back to the victim, and how"),
                    ("b", "grant 5 bonus minutes (recorded)"), ("n", "close this case and go to the next"),
                    ("d", "defer the case"), ("c", "case details: referral summary, risks, flags, unsafe contact (recorded)"),
                    ("H", "confirm or reject a possible earlier hearing"), ("m", "amend a note, with a reason (the original is kept)"),
                    ("W", "withdraw a note, with a reason"), ("j/k", "choose an action"), ("PgDn/PgUp", "scroll the case detail"), ("Esc", "back to the agenda")]
        case .summary:
            return [("C", "close the meeting (locks the record; asks first)"), ("R", "reopen a closed meeting, with a reason"),
                    ("j/k", "scroll")]
        }
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

    static func lines(for screen: ScreenID, width: Int) -> [StyledLine] {
        var out: [StyledLine] = []
        func section(_ title: String, _ rows: [(String, String)], keyWidth: Int) {
            out.append(StyledLine(title, .title))
            for (k, v) in rows {
                let wrapped = wrap(v, width: max(10, width - keyWidth - 2))
                for (i, part) in wrapped.enumerated() {
                    out.append(StyledLine([Span("  " + column(i == 0 ? k : "", keyWidth), Style(.accent, bold: true)), Span(part)]))
                }
            }
            out.append(.blank)
        }
        section("Keys on the \(screen.title) screen (this one)", keys(for: screen), keyWidth: 14)
        section("Keys everywhere", everywhere, keyWidth: 18)
        section("Glossary", glossary, keyWidth: 24)
        for other in ScreenID.allCases where other != screen {
            section("Keys on the \(other.title) screen (\(other.rawValue))", keys(for: other), keyWidth: 14)
        }
        return out
    }

    static func draw(screen: ScreenID, scroll: Int, into buf: inout ScreenBuffer, area: Rect) {
        let rect = Rect(x: area.x + 1, y: area.y, w: area.w - 2, h: area.h)
        buf.box(rect, title: "Help — j/k scroll · Esc closes", style: .accent)
        let inner = rect.inset(1)
        let lines = lines(for: screen, width: inner.w - 2)
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
        if helpScroll != nil { return [("j/k", "scroll"), ("Esc", "close help")] }
        if let modal {
            switch modal {
            case .form(let form, _):
                var keys: [(String, String)] = [("Tab", "next"), ("S-Tab", "back")]
                if form.fields.indices.contains(form.focus), case .choice = form.fields[form.focus].kind { keys.append(("←/→", "choose")) }
                return keys + [("Enter", form.focusIsLast ? "save" : "next"), ("Ctrl-S", "save"), ("Esc", "cancel")]
            case .confirm: return [("y", "yes"), ("n", "no")]
            case .closePrompts: return [("p", "pass"), ("P", "pass all"), ("Enter", "close case"), ("Esc", "back")]
            }
        }
        let edit = mode == .live && !state.isClosed
        switch screen {
        case .opening:
            var keys: [(String, String)] = state.isStarted || mode == .readOnly ? [("Enter", "review")] : [("Enter", "start meeting")]
            if edit { keys += [("a", "add attendee"), ("c", "statement read"), ("l", "left"), ("x", "remove")] }
            return keys + [("1-5", "screens")]
        case .review:
            if state.outstanding.isEmpty { return [("3", "agenda"), ("1-5", "screens")] }
            return (edit ? [("Enter", "record outcome")] : []) + [("j/k", "move"), ("1-5", "screens")]
        case .agenda:
            var keys: [(String, String)] = [("Enter", "open")]
            if edit { keys += [("s", "start/stop"), ("J/K", "move"), ("d", "defer"), ("w", "withdraw"), ("L", "late case")] }
            return keys + [("1-5", "screens")]
        case .caseView:
            if !edit { return [("j/k", "move"), ("Esc", "agenda")] + (mode == .live ? [("R", "reopen")] : []) }
            return [("s", "start/stop"), ("a", "action"), ("n", "close case"), ("o", "note"), ("f", "feedback"),
                    ("b", "+5 min"), ("e", "amend"), ("x", "withdraw"), ("d", "defer"), ("p", "pause"), ("u", "undo"), ("Esc", "agenda")]
        case .summary:
            if state.isClosed { return (mode == .live ? [("R", "reopen")] : []) + [("j/k", "scroll")] }
            return (edit ? [("C", "close meeting")] : []) + [("j/k", "scroll"), ("1-5", "screens")]
        }
    }
}
