/// One line of a report: a count, what it is a share of, and where it sits against its range.
public struct Figure: Sendable, Equatable {
    /// Stable identifier for tests and machine readers, e.g. `repeat-cases`.
    public var key: String
    public var label: String
    public var count: Int
    /// What the percentage is of (cases heard, for the data return); nil when a bare count.
    public var denominator: Int?
    public var percent: Double?
    /// Blank (unknown) values, reported separately and never counted as "no".
    public var unknown: Int
    public var range: RecommendedRange?
    /// Comparison shown without a mark, e.g. "national comparison around 19 %".
    public var context: String?

    public init(key: String, label: String, count: Int, denominator: Int? = nil, unknown: Int = 0,
                range: RecommendedRange? = nil, context: String? = nil) {
        self.key = key; self.label = label; self.count = count; self.denominator = denominator
        self.unknown = unknown; self.range = range; self.context = context
        if let denominator, denominator > 0 { percent = Double(count) * 100 / Double(denominator) } else { percent = nil }
    }

    /// nil when there is no range or nothing to take a percentage of.
    public var mark: RangeMark? {
        guard let range, let percent else { return nil }
        return range.mark(percent)
    }
}
