/// The dates a report covers, both ends included. Built from a calendar quarter (`2026Q3`:
/// Q1 = January–March) or from two dates (`--from`, `--to`).
public struct ReportPeriod: Sendable, Equatable {
    public var from: CalendarDate
    public var to: CalendarDate
    /// `2026Q3`, or `01/07/2026 to 15/08/2026` for a date range.
    public var label: String

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case badQuarter(String)
        case badDate(String)
        case fromAfterTo(from: CalendarDate, to: CalendarDate)

        public var description: String {
            switch self {
            case .badQuarter(let text):
                return "'\(SafeText.line(text))' is not a quarter: write the four-digit year, Q and 1–4, e.g. 2026Q3 (Q1 = January–March)"
            case .badDate(let text):
                return "'\(SafeText.line(text))' is not a date: write dd/mm/yyyy or yyyy-mm-dd, and a day that exists"
            case .fromAfterTo(let from, let to):
                return "the period starts (\(from.uk)) after it ends (\(to.uk))"
            }
        }
    }

    public init(from: CalendarDate, to: CalendarDate) throws(Problem) {
        guard from <= to else { throw .fromAfterTo(from: from, to: to) }
        self.from = from; self.to = to
        self.label = "\(from.uk) to \(to.uk)"
    }

    /// `2026Q3`, `2026q3` or `2026-Q3`.
    public static func quarter(_ text: String) throws(Problem) -> ReportPeriod {
        let t = text.trimmingWhitespace().uppercased()
        let parts = t.split(separator: "Q", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .badQuarter(text) }
        var yearText = String(parts[0])
        if yearText.hasSuffix("-") { yearText.removeLast() }
        guard yearText.count == 4, yearText.allSatisfy(\.isASCIIDigit), let year = Int(yearText), year >= 1,
              parts[1].count == 1, let q = Int(parts[1]), (1...4).contains(q) else { throw .badQuarter(text) }
        let firstMonth = (q - 1) * 3 + 1
        guard let from = CalendarDate(year: year, month: firstMonth, day: 1),
              let to = CalendarDate(year: year, month: firstMonth + 2,
                                    day: CalendarDate.daysIn(month: firstMonth + 2, year: year)) else { throw .badQuarter(text) }
        var period = try ReportPeriod(from: from, to: to)
        period.label = "\(year)Q\(q)"
        return period
    }

    /// Two dates as typed (`dd/mm/yyyy` or ISO).
    public static func range(from fromText: String, to toText: String) throws(Problem) -> ReportPeriod {
        guard let from = CalendarDate.parse(fromText) else { throw .badDate(fromText) }
        guard let to = CalendarDate.parse(toText) else { throw .badDate(toText) }
        return try ReportPeriod(from: from, to: to)
    }

    public func contains(_ day: CalendarDate) -> Bool { from <= day && day <= to }

    /// Days covered, both ends included (a July–September quarter is 92).
    public var days: Int { from.days(until: to) + 1 }

    /// The first millisecond after the period (UTC): status changes at or after this do not count.
    public var endMillis: Int64 { Int64(to.dayNumber + 1) * 86_400_000 }

    /// How the period reads in a heading: `2026Q3 (01/07/2026 to 30/09/2026)`.
    public var heading: String {
        label.contains(" to ") ? label : "\(label) (\(from.uk) to \(to.uk))"
    }
}
