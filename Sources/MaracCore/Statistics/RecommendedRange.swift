/// Where a figure sits against its recommended range. Always shown as a word and a symbol,
/// never by colour alone.
public enum RangeMark: String, Sendable, Equatable, CaseIterable {
    case within, below, above

    public var word: String { rawValue }

    public var symbol: String {
        switch self {
        case .within: return "✓"
        case .below: return "▼"
        case .above: return "▲"
        }
    }

    /// `✓ within`, `▼ below`, `▲ above`.
    public var label: String { "\(symbol) \(word)" }
}

/// A recommended range for a percentage (docs/DOMAIN.md#data-return). `upper == nil` means "at least `lower`".
public struct RecommendedRange: Sendable, Equatable {
    public var lower: Double
    public var upper: Double?

    public init(lower: Double, upper: Double?) {
        self.lower = lower; self.upper = upper
    }

    /// Within includes both ends: a repeat rate of exactly 40.0 % is within 28–40 %.
    public func mark(_ percent: Double) -> RangeMark {
        if percent < lower { return .below }
        if let upper, percent > upper { return .above }
        return .within
    }

    /// `28–40 %`, `at least 80 %`.
    public var label: String {
        if let upper { return "\(formatNumber(lower))–\(formatNumber(upper)) %" }
        return "at least \(formatNumber(lower)) %"
    }

    // docs/DOMAIN.md#data-return (the Sheffield review citing SafeLives).
    public static let repeatRate = RecommendedRange(lower: 28, upper: 40)
    public static let maleVictims = RecommendedRange(lower: 5, upper: 10)
    public static let lgbt = RecommendedRange(lower: 2.5, upper: 5.8)
    public static let policeReferrals = RecommendedRange(lower: 60, upper: 75)
    public static let partnerReferrals = RecommendedRange(lower: 25, upper: 40)
    /// Referrals should reach at least 80 % of the recommended volume.
    public static let volume = RecommendedRange(lower: 80, upper: nil)

    /// Black, Asian and racially minoritised victims should at least match the local population:
    /// under-representation is what the measure exists to catch, so it is "at least" that figure.
    public static func minoritised(localPopulationPercent: Double) -> RecommendedRange {
        RecommendedRange(lower: localPopulationPercent, upper: nil)
    }
}

/// `33.3`, `40`, `2.5`: one decimal place, rounded half away from zero, without a trailing `.0`.
public func formatNumber(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    let a = abs(tenths)
    return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
}

/// `33.3`, `40.0`: always one decimal place, for percentages in tables.
public func formatPercent(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    let a = abs(tenths)
    return "\(sign)\(a / 10).\(a % 10)"
}
