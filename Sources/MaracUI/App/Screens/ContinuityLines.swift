import MaracCore

/// What the previous meeting handed on, as the opening review shows it: the cases it deferred to
/// this meeting (already on the agenda, marked "deferred from").
extension ScreenContext {
    var casesDeferredHere: [CaseRecord] { state.orderedCases.filter { $0.deferredFrom != nil } }

    func deferredHereLines(width: Int) -> [StyledLine] {
        let cases = casesDeferredHere
        guard !cases.isEmpty else { return [] }
        var lines = [StyledLine.blank,
                     StyledLine("Cases deferred to this meeting (\(cases.count)) — on the agenda, press 3", .title)]
        for c in cases {
            let text = "\(SafeText.line(c.ref))  \(SafeText.line(c.deferredFrom!.summary))"
            lines.append(StyledLine([Span("  "), Span(CharWidth.fitting(text, max(1, width - 4)), .warning)]))
        }
        return lines
    }
}
