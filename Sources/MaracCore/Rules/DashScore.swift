/// The DASH risk checklist score: 24 questions, so 0 to 24. One rule for the agenda import and
/// for a late case typed in a form.
public enum DashScore {
    public static let range = 0...24

    /// A typed score: `.success(nil)` when left blank, the number when it is one in range, else
    /// the message to show.
    public static func parse(_ text: String) -> Result<Int?, Problem> {
        let t = text.trimmingWhitespace()
        if t.isEmpty { return .success(nil) }
        guard let n = Int(t), range.contains(n) else { return .failure(Problem()) }
        return .success(n)
    }

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var description: String { "DASH score must be a number from \(DashScore.range.lowerBound) to \(DashScore.range.upperBound)" }
    }
}
