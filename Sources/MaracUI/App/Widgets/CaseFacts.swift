import MaracCore

/// What the chair needs to see about a case before anyone speaks: why it was referred, the risks
/// (DASH high-risk indicators first), the flags, the routes the perpetrator has access to, the
/// agencies already involved, and its earlier hearings with what was agreed and what came of it.
/// Pure: lines for the case screen to place.
enum CaseFacts {
    /// The compact header lines: summary, risks, flags and unsafe contact, agencies involved.
    static func headerLines(_ c: CaseRecord, width: Int, hearingDate: CalendarDate, windowMonths: Int) -> [StyledLine] {
        var lines: [StyledLine] = []
        let d = c.details
        if let summary = d.referralSummary, !summary.isEmpty {
            for (j, part) in wrap("Referral: " + SafeText.line(summary), width: width).prefix(2).enumerated() {
                lines.append(StyledLine(j == 0 ? part : "  " + part))
            }
        }
        if !d.riskFactors.isEmpty {
            let ordered = d.riskFactors.filter(\.isHighRiskIndicator) + d.riskFactors.filter { !$0.isHighRiskIndicator }
            var spans = [Span("Risks: ", .title)]
            for (i, r) in ordered.enumerated() {
                if i > 0 { spans.append(Span(" · ", .muted)) }
                spans.append(Span(SafeText.line(r.label), r.isHighRiskIndicator ? .warning : .normal))
            }
            lines.append(StyledLine(spans))
        }
        // Unsafe contact first (it decides how the victim is told); flags beside it when they fit.
        var contact: [Span] = []
        if !d.contactSafety.isEmpty {
            contact = [Span("Unsafe contact: ", .title), Span(d.contactSafety.map(\.rawValue).joined(separator: ", "), .danger)]
        }
        var flags: [Span] = []
        if !d.flags.isEmpty {
            flags = [Span("Flags: ", .title),
                     Span(d.flags.map { "\($0.symbol) \(width >= 100 ? $0.label : $0.rawValue)" }.joined(separator: " · "), .accent)]
        }
        let changed = c.detailsChangedInMeeting ? [Span(width >= 100 ? " (changed in the meeting)" : " (changed)", .muted)] : []
        let together = contact.isEmpty || flags.isEmpty ? contact + flags : contact + [Span("  ")] + flags
        if CharWidth.of((together + changed).map(\.text).joined()) <= width {
            if !together.isEmpty { lines.append(StyledLine(together + changed)) }
        } else {
            if !contact.isEmpty { lines.append(StyledLine(contact)) }
            if !flags.isEmpty { lines.append(StyledLine(flags + changed)) }
        }
        if !c.agenda.agenciesInvolved.isEmpty {
            lines.append(StyledLine([Span("Involved: ", .title),
                                     Span(c.agenda.agenciesInvolved.map { SafeText.line($0) }.joined(separator: ", "), .muted)]))
        }
        if let why = c.repeatDisagreement(hearingDate: hearingDate, windowMonths: windowMonths) {
            for part in wrap("! Repeat: " + why, width: width).prefix(2) { lines.append(StyledLine(part, .warning)) }
        }
        return lines
    }

    /// The history panel: each earlier hearing (confirmed or possible) with its actions and outcomes.
    /// `live` false (a replay, a closed meeting): the title names no key that changes the meeting.
    /// `hearings`: the case's earlier hearings as they stand now (`MeetingState.earlierHearingsNow`).
    static func historyLines(_ c: CaseRecord, hearings: [EarlierHearing]? = nil, width: Int, live: Bool = true) -> [StyledLine] {
        let shown = (hearings ?? c.history).filter { c.historyDecisions[$0.key] != false }
        guard !shown.isEmpty else { return [] }
        var lines = [StyledLine("Earlier hearings (\(shown.count))" + (c.unconfirmedHistory.isEmpty || !live ? "" : " — H confirms or rejects a possible one"), .title)]
        for h in shown {
            let confirmed = c.historyDecisions[h.key] ?? h.match.isStrong
            var spans = [Span(h.date.uk, .accent), Span(" " + SafeText.line(h.caseRef), .normal),
                         Span(" · " + h.referralBasis.label + (h.wasRepeat ? " · was a repeat" : ""), .muted)]
            if !confirmed { spans.insert(Span("? possible earlier hearing — confirm: ", .warning), at: 0) }
            lines.append(StyledLine(spans))
            if !confirmed {
                for part in wrap("  " + SafeText.line(h.why) + " (victim " + SafeText.line(h.victim)
                                 + (h.perpetrator.map { ", perpetrator " + SafeText.line($0) } ?? "") + ")", width: width) {
                    lines.append(StyledLine(part, .muted))
                }
            }
            if h.actions.isEmpty { lines.append(StyledLine("  no actions were agreed", .muted)) }
            for a in h.actions {
                let outcome = a.outcome.rawValue
                let style: Style = a.outcome == .done ? .ok : (a.outcome == .open ? .warning : .danger)
                let head = "  " + column(SafeText.line(a.owner), 16) + " due " + (a.due?.uk ?? "no date") + " "
                let mark = a.outcome == .done ? "✓ " : (a.outcome == .open ? "… " : "✗ ")
                let text = wrap(SafeText.line(a.text), width: max(10, width - CharWidth.of(head) - CharWidth.of(mark + outcome) - 3))
                lines.append(StyledLine([Span(head, .muted), Span(mark + outcome, style), Span(" " + (text.first ?? ""))]))
                let indent = String(repeating: " ", count: CharWidth.of(head) + CharWidth.of(mark + outcome) + 1)
                for more in text.dropFirst() { lines.append(StyledLine(indent + more)) }
            }
        }
        return lines
    }
}
