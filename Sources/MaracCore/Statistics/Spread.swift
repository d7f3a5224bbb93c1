/// Median, quartiles and extremes of a list of numbers.
///
/// Quartiles use linear interpolation between order statistics (the "inclusive" method of
/// spreadsheet QUARTILE.INC / R type 7): position p × (n − 1) in the sorted list, counting from 0.
public struct Spread: Sendable, Equatable {
    public var count: Int
    public var min: Double
    public var lowerQuartile: Double
    public var median: Double
    public var upperQuartile: Double
    public var max: Double

    /// nil for an empty list.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        count = sorted.count
        min = sorted[0]
        max = sorted[sorted.count - 1]
        lowerQuartile = Spread.quantile(sorted, 0.25)
        median = Spread.quantile(sorted, 0.5)
        upperQuartile = Spread.quantile(sorted, 0.75)
    }

    /// The interquartile range: upper quartile minus lower quartile.
    public var interquartileRange: Double { upperQuartile - lowerQuartile }

    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let below = Int(position)  // floor: position is never negative
        let fraction = position - Double(below)
        guard below + 1 < sorted.count else { return sorted[below] }
        return sorted[below] + (sorted[below + 1] - sorted[below]) * fraction
    }
}
