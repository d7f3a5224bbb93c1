/// Something wrong with one file in the report's folder, named for the reader.
public struct ReportProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    /// True when records may be missing from the figures (a damaged or unreadable journal);
    /// false for a note that does not change them (e.g. a torn last line already recovered).
    public var makesIncomplete: Bool

    public init(file: String, line: Int? = nil, message: String, makesIncomplete: Bool = true) {
        self.file = file; self.line = line; self.message = message; self.makesIncomplete = makesIncomplete
    }

    /// `2026-07-02-north.jsonl line 14: not valid JSON`
    public var description: String {
        let name = SafeText.line(file)
        let place = line.map { "\(name) line \($0)" } ?? name
        return "\(place): \(SafeText.line(message))"
    }
}

/// Everything one report shows: the data return, the governance figures, and what could not be read.
public struct MaracReport: Sendable, Equatable {
    public var dataReturn: DataReturn
    public var governance: Governance
    public var problems: [ReportProblem]
    /// Distinct Marac areas among the meetings in the period, in date order of first appearance.
    public var areas: [String]

    public init(meetings: [MeetingState], period: ReportPeriod, options: DataReturnOptions = DataReturnOptions(),
                tracker: [ActionStatusChange]? = nil, otherMeetingUpdates: [ActionStatusChange] = [],
                problems: [ReportProblem] = []) {
        self.init(dataReturn: DataReturn(meetings: meetings, period: period, options: options),
                  governance: Governance(meetings: meetings, period: period, tracker: tracker, otherMeetings: otherMeetingUpdates),
                  meetings: meetings, problems: problems)
    }

    /// The same, from its two halves worked out already (`marac report` works them out at once, one
    /// on each core: over ten years of meetings each costs about as much as hashing the folder).
    /// `dataReturn` and `governance` must be of `meetings`, for the same period.
    public init(dataReturn: DataReturn, governance: Governance, meetings: [MeetingState], problems: [ReportProblem]) {
        self.dataReturn = dataReturn
        self.governance = governance
        self.problems = problems
        let period = dataReturn.period
        var seen: [String] = []
        for m in meetingsInPeriod(meetings, period) {
            let area = SafeText.line(m.info.area).trimmingWhitespace()
            if !area.isEmpty && !seen.contains(area) { seen.append(area) }
        }
        areas = seen
    }

    public var period: ReportPeriod { dataReturn.period }

    /// Some records could not be read, so the figures may be too low.
    public var isIncomplete: Bool { problems.contains { $0.makesIncomplete } }
}
