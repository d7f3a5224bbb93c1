/// Parses what a chair types in the action form's due-date field:
/// `14/12` (this year, or next year if already past), `14/12/2026`, `2026-12-14`, `+7d`, `+2w`,
/// `fri` / `friday` (the next one, never today), `today`, `tomorrow`.
public enum DueDateInput {
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case unreadable(String)
        case impossible(String)
        /// More than `maximumYearsAhead` after the meeting: a typing slip (31/12/9999), never a plan.
        case tooFar(String, latest: CalendarDate)

        public var description: String {
            switch self {
            case .empty: return "a due date is required"
            case .unreadable(let t): return "\(SafeText.quoted(t)) is not a date: try 14/12, 14/12/2026, +7d or fri"
            case .impossible(let t): return "\(SafeText.quoted(t)) is not a real day"
            case .tooFar(let t, let latest):
                return "\(SafeText.quoted(t)) is more than \(DueDateInput.maximumYearsAhead) years away: give a date up to \(latest.uk) (review a longer plan at a later meeting)"
            }
        }
    }

    static let weekdays: [(Int, [String])] = [
        (1, ["mon", "monday"]), (2, ["tue", "tues", "tuesday"]), (3, ["wed", "wednesday"]),
        (4, ["thu", "thur", "thurs", "thursday"]), (5, ["fri", "friday"]), (6, ["sat", "saturday"]), (7, ["sun", "sunday"]),
    ]

    /// Due dates further ahead than this are refused.
    public static let maximumYearsAhead = 2

    public static func parse(_ raw: String, today: CalendarDate) -> Result<CalendarDate, Problem> {
        let latest = today.addingMonths(12 * maximumYearsAhead)
        switch parseUnbounded(raw, today: today) {
        case .success(let date) where date > latest: return .failure(.tooFar(raw, latest: latest))
        case let other: return other
        }
    }

    private static func parseUnbounded(_ raw: String, today: CalendarDate) -> Result<CalendarDate, Problem> {
        let text = raw.trimmingWhitespace().lowercased()
        if text.isEmpty { return .failure(.empty) }
        if text == "today" { return .success(today) }
        if text == "tomorrow" { return .success(today.adding(days: 1)) }
        if text.hasPrefix("+") {
            let body = text.dropFirst()
            var digits = body.prefix { $0.isASCIIDigit }
            let unit = body.dropFirst(digits.count)
            if digits.isEmpty { digits = "" }
            guard let n = Int(digits), n <= 3650 else { return .failure(.unreadable(raw)) }
            switch unit {
            case "", "d", "day", "days": return .success(today.adding(days: n))
            case "w", "wk", "week", "weeks": return .success(today.adding(days: 7 * n))
            case "m", "month", "months": return .success(today.addingMonths(n))
            default: return .failure(.unreadable(raw))
            }
        }
        for (number, names) in weekdays where names.contains(text) {
            var ahead = (number - today.isoWeekday + 7) % 7
            if ahead == 0 { ahead = 7 }
            return .success(today.adding(days: ahead))
        }
        if let full = CalendarDate.parse(text) { return .success(full) }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }),
           let d = Int(parts[0]), let m = Int(parts[1]) {
            guard let thisYear = CalendarDate(year: today.year, month: m, day: d)
                    ?? CalendarDate(year: today.year + 1, month: m, day: d) else { return .failure(.impossible(raw)) }
            if thisYear < today, let next = CalendarDate(year: today.year + 1, month: m, day: d) { return .success(next) }
            return .success(thisYear)
        }
        if parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) {
            return .failure(.impossible(raw))
        }
        return .failure(.unreadable(raw))
    }
}

extension DueDateInput {
    /// A day and month typed without a year that is not after the meeting date this year: `01/08`
    /// typed at a meeting on 04/08/2026 reads as 01/08/2027, which is rarely what was meant (a slip
    /// for 01/09, or a date already passed). The form asks which year rather than guessing.
    public struct YearQuestion: Equatable, Sendable {
        /// What was typed, e.g. `01/08`.
        public var typed: String
        /// The meeting's date.
        public var meetingDate: CalendarDate
        /// The day this year: not after the meeting (the meeting day itself, or already passed).
        public var thisYear: CalendarDate
        /// The day next year: what `parse` reads the text as when this year's has passed.
        public var nextYear: CalendarDate

        /// This year's day is the meeting day itself, so it is a possible due date.
        public var thisYearIsTheMeetingDay: Bool { thisYear == meetingDate }
    }

    /// The question to ask about a due date typed as `dd/mm`, or nil when the date is clear (it has
    /// a year, is relative, or falls after the meeting this year).
    public static func yearQuestion(_ raw: String, today: CalendarDate) -> YearQuestion? {
        let text = raw.trimmingWhitespace()
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }),
              let d = Int(parts[0]), let m = Int(parts[1]),
              let thisYear = CalendarDate(year: today.year, month: m, day: d), thisYear <= today,
              let nextYear = CalendarDate(year: today.year + 1, month: m, day: d) else { return nil }
        return YearQuestion(typed: text, meetingDate: today, thisYear: thisYear, nextYear: nextYear)
    }
}

/// A date typed for something that has already happened (information received before the
/// meeting): `28/11` is the last 28/11, not the next one. Otherwise read as `DueDateInput` reads it.
public enum PastDateInput {
    public static func parse(_ raw: String, today: CalendarDate) -> Result<CalendarDate, DueDateInput.Problem> {
        let parsed = DueDateInput.parse(raw, today: today)
        let text = raw.trimmingWhitespace()
        guard case .success(let d) = parsed, d > today, !text.contains("+"), text.split(separator: "/").count == 2,
              let lastYear = CalendarDate(year: d.year - 1, month: d.month, day: d.day) else { return parsed }
        return .success(lastYear)
    }
}
