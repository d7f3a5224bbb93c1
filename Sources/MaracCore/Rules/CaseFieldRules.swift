/// How one agenda column's value is read, for the agenda import and for the forms that type a
/// case in (the late case; corrections). Each returns the value (nil: left blank, not known) or
/// the message to show. The column names and meanings: docs/AGENDA-FORMAT.md.
public enum CaseFieldRules {
    /// A household has at most this many children: more is a typing slip.
    public static let childrenRange = 0...30
    /// What `victim_sex` may say (stored lower case).
    public static let victimSexValues = ["female", "male", "f", "m", "other", "non-binary", "unknown"]
    /// The values a form offers for `victim_sex` (the short forms are for spreadsheets).
    public static let victimSexChoices = ["female", "male", "non-binary", "other", "unknown"]

    /// yes / no / blank (y, n, true, false too).
    public static func yesNo(_ text: String) -> Result<Bool?, Problem> {
        switch text.trimmingWhitespace().lowercased() {
        case "": return .success(nil)
        case "yes", "y", "true": return .success(true)
        case "no", "n", "false": return .success(false)
        default: return .failure(Problem("\(SafeText.quoted(text)) should be yes, no or blank"))
        }
    }

    public static func children(_ text: String) -> Result<Int?, Problem> {
        let t = text.trimmingWhitespace()
        if t.isEmpty { return .success(nil) }
        guard let n = Int(t), childrenRange.contains(n) else {
            return .failure(Problem("\(SafeText.quoted(t)) is not a number of children (0 to \(childrenRange.upperBound))"))
        }
        return .success(n)
    }

    /// Stored in one form whatever was typed: `f`/`m` (a spreadsheet's short forms) become
    /// `female`/`male`, so the import, the late-case form and a correction store the same value.
    public static func victimSex(_ text: String) -> Result<String?, Problem> {
        let t = text.trimmingWhitespace().lowercased()
        if t.isEmpty { return .success(nil) }
        guard victimSexValues.contains(t) else { return .failure(Problem("\(SafeText.quoted(t)) should be female, male, non-binary, other, unknown or blank")) }
        switch t {
        case "f": return .success("female")
        case "m": return .success("male")
        default: return .success(t)
        }
    }

    /// A date that has already happened (a referral, an earlier hearing): `dd/mm/yyyy`,
    /// `yyyy-mm-dd`, or `dd/mm` for the last such day.
    public static func pastDate(_ text: String, today: CalendarDate) -> Result<CalendarDate?, Problem> {
        let t = text.trimmingWhitespace()
        if t.isEmpty { return .success(nil) }
        switch PastDateInput.parse(t, today: today) {
        case .success(let d): return .success(d)
        case .failure: return .failure(Problem("\(SafeText.quoted(t)) is not a date: use dd/mm/yyyy (and a real day)"))
        }
    }

    /// `;` between items (previous hearings, agencies involved).
    public static func list(_ text: String) -> [String] {
        SafeText.line(text).split(separator: ";").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    public static func pastDates(_ text: String, today: CalendarDate) -> Result<[CalendarDate], Problem> {
        var dates: [CalendarDate] = []
        for item in list(text) {
            switch pastDate(item, today: today) {
            case .success(let d): if let d { dates.append(d) }
            case .failure(let p): return .failure(p)
            }
        }
        return .success(dates.sorted())
    }

    /// What is worth a second look on a case as typed or imported (warned, never refused): an
    /// actuarial referral below the DASH threshold; a referral or earlier hearing not before the meeting.
    public static func warnings(_ c: AgendaCase, meetingDate: CalendarDate, dashThreshold: Int) -> [String] {
        var out: [String] = []
        if c.referralBasis == .actuarial, let n = c.dashScore, n < dashThreshold {
            out.append("DASH \(n) is below \(dashThreshold) for an actuarial referral: should the basis be professional judgement?")
        }
        if let r = c.referralDate, r > meetingDate { out.append("referral date \(r.uk) is after the meeting (\(meetingDate.uk))") }
        if let h = c.previousHearings.first(where: { $0 >= meetingDate }) {
            out.append("previous hearing \(h.uk) is not before the meeting (\(meetingDate.uk))")
        }
        return out
    }

    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
    }
}
