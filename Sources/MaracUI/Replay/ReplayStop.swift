import MaracCore

/// Where a replay can stop by itself (`--pause-at`, and the T / O / P / A keys during a replay).
public enum ReplayStop: String, Sendable, CaseIterable, Comparable {
    /// A running discussion reaches its target: the amber "move to actions".
    case amber
    /// A running discussion reaches its limit: red, over the limit.
    case overrun
    /// The chair passes a closing prompt (recorded with a reason).
    case prompt
    /// An action is agreed.
    case action

    public static func < (a: ReplayStop, b: ReplayStop) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Reads `amber`, `overrun`, `prompt`, `action` and comma lists of them (any case); nil if a word is none of them.
    public static func parse(_ text: String) -> Set<ReplayStop>? {
        var stops: Set<ReplayStop> = []
        for word in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let stop = ReplayStop(rawValue: String(word.filter { $0 != " " }).lowercased()) else { return nil }
            stops.insert(stop)
        }
        return stops
    }
}
