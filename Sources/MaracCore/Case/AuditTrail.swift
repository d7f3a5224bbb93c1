/// The corrections in a meeting's journal, in order, for `marac verify --history`: notes amended
/// or withdrawn (with the text before and after), case details set in the meeting, earlier
/// hearings confirmed or rejected, who tells an absent owner. The minutes show only the current
/// text; this is where the original stays visible.
public enum AuditTrail {
    public static func lines(_ events: [RecordedEvent]) -> [String] {
        let undone = Set(events.compactMap { r -> Int? in if case .undone(let seq) = r.event { return seq } else { return nil } })
        // Each note's text as the journal has it so far, by the seq of its noteAdded.
        var noteText: [Int: String] = [:]
        var out: [String] = []
        for r in events {
            let when = "seq \(r.seq) · \(stamp(r.at))"
            let mark = undone.contains(r.seq) ? " (later undone)" : ""
            switch r.event {
            case .noteAdded(_, _, _, let text):
                noteText[r.seq] = text
            case .noteAmended(let ref, let noteSeq, let agency, let kind, let text, let reason):
                let before = noteText[noteSeq] ?? "?"
                out.append("\(when) · \(SafeText.line(ref)): note (seq \(noteSeq)) amended\(mark) — reason: \(SafeText.line(reason))")
                out.append("    before: \(SafeText.line(before))")
                out.append("    after:  \(SafeText.line(text)) [\(SafeText.line(agency)), \(kind.label)]")
                if !undone.contains(r.seq) { noteText[noteSeq] = text }
            case .noteWithdrawn(let ref, let noteSeq, let reason):
                out.append("\(when) · \(SafeText.line(ref)): note (seq \(noteSeq)) withdrawn\(mark) — reason: \(SafeText.line(reason))")
                out.append("    text: \(SafeText.line(noteText[noteSeq] ?? "?"))")
            case .caseDetailsSet(let ref, let d):
                let risks = d.riskFactors.map(\.label).joined(separator: "; ")
                out.append("\(when) · \(SafeText.line(ref)): case details set\(mark) — risks: \(risks.isEmpty ? "none" : SafeText.line(risks))"
                           + " · flags: \(d.flags.isEmpty ? "none" : d.flags.map(\.rawValue).joined(separator: "; "))"
                           + " · unsafe contact: \(d.contactSafety.isEmpty ? "none" : d.contactSafety.map(\.rawValue).joined(separator: "; "))")
            case .earlierHearingDecided(let ref, let key, let confirmed):
                out.append("\(when) · \(SafeText.line(ref)): earlier hearing \(SafeText.line(key)) \(confirmed ? "confirmed" : "rejected")\(mark)")
            case .absentOwnerToBeTold(let id, let agency):
                out.append("\(when) · action \(SafeText.line(id)): \(SafeText.line(agency)) will tell the absent owner\(mark)")
            case .actionAmended(let id, let text, let owner, _, _):
                out.append("\(when) · action \(SafeText.line(id)) amended\(mark): \(SafeText.line(text)) [\(SafeText.line(owner))]")
            case .actionWithdrawn(let id, let reason):
                out.append("\(when) · action \(SafeText.line(id)) withdrawn\(mark) — reason: \(SafeText.line(reason))")
            default:
                break
            }
        }
        return out
    }

    /// `2026-12-01 10:05 UTC`: files and audit output use UTC.
    static func stamp(_ millis: Int64) -> String {
        let date = CalendarDate(epochMillis: millis)
        let msOfDay = ((millis % 86_400_000) + 86_400_000) % 86_400_000
        let minutes = Int(msOfDay / 60_000)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(date.iso) \(two(minutes / 60)):\(two(minutes % 60)) UTC"
    }
}
