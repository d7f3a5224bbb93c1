/// Options an area supplies for figures that need local population data.
public struct DataReturnOptions: Sendable, Equatable {
    /// Black, Asian and racially minoritised share of the local population, in percent.
    public var minoritisedPopulationPercent: Double?
    /// Adult female population, for the recommended volume of 40 cases per 10,000 a year.
    public var adultFemalePopulation: Int?

    public init(minoritisedPopulationPercent: Double? = nil, adultFemalePopulation: Int? = nil) {
        self.minoritisedPopulationPercent = minoritisedPopulationPercent
        self.adultFemalePopulation = adultFemalePopulation
    }
}

/// One meeting's line of the return. SafeLives collects the dataset per meeting (meeting date
/// plus counts; docs/DOMAIN.md#data-return), so the report lists these as well as the totals.
public struct MeetingReturn: Sendable, Equatable {
    public var date: CalendarDate
    public var meetingID: String
    public var area: String
    public var casesHeard: Int
    public var repeats: Int
    public var children: Int
    public var maleVictims: Int
    public var minoritised: Int
    public var lgbt: Int
    public var disabled: Int
    public var aged16to17: Int
    public var perpetratorsUnder18: Int
    public var policeReferrals: Int
    public var deferred: Int
    public var withdrawn: Int
    public var partnerReferrals: Int = 0
    public var notifications: Int = 0
    /// Blank answers among the cases heard, per figure (never counted as "no").
    public var repeatsUnknown: Int = 0
    public var childrenUnknown: Int = 0
    public var maleVictimsUnknown: Int = 0
    public var minoritisedUnknown: Int = 0
    public var lgbtUnknown: Int = 0
    public var disabledUnknown: Int = 0
    public var aged16to17Unknown: Int = 0
    public var perpetratorsUnder18Unknown: Int = 0

    /// A meeting with nothing counted (for column shapes).
    public static let empty = MeetingReturn(date: CalendarDate(dayNumber: 0), meetingID: "", area: "", casesHeard: 0, repeats: 0,
                                            children: 0, maleVictims: 0, minoritised: 0, lgbt: 0, disabled: 0, aged16to17: 0,
                                            perpetratorsUnder18: 0, policeReferrals: 0, deferred: 0, withdrawn: 0)
}

/// The recommended volume: cases a year against 40 per 10,000 adult women (docs/DOMAIN.md#data-return).
public struct VolumeFigure: Sendable, Equatable {
    public var casesInPeriod: Int
    public var periodDays: Int
    public var adultFemalePopulation: Int
    /// The period's cases scaled to a 365-day year.
    public var casesPerYear: Double { Double(casesInPeriod) * 365 / Double(periodDays) }
    /// 40 per 10,000 adult women.
    public var recommendedPerYear: Double { Double(adultFemalePopulation) * 40 / 10_000 }
    public var percentOfRecommendation: Double? {
        recommendedPerYear > 0 ? casesPerYear * 100 / recommendedPerYear : nil
    }
    /// Marked against "at least 80 % of the recommendation".
    public var mark: RangeMark? { percentOfRecommendation.map(RecommendedRange.volume.mark) }
}

/// The quarterly Marac data return (docs/DOMAIN.md#data-return), from the meetings whose
/// date falls in the period.
///
/// Counting rules (recorded in docs/DECISIONS.md):
/// - A case counts as heard when its discussion was closed (`heard`), repeats included. Deferred
///   cases are heard (and counted) at a later meeting; withdrawn cases were not heard. Both are
///   shown separately, never added in. 12-month notification items are read out, not heard, and
///   are also shown separately.
/// - Every percentage is of cases heard. A blank value is "unknown", counted apart, not as "no".
public struct DataReturn: Sendable, Equatable {
    public var period: ReportPeriod
    public var options: DataReturnOptions
    /// In date order.
    public var meetings: [MeetingReturn]
    public var casesHeard: Figure
    public var repeats: Figure
    public var children: Figure
    public var maleVictims: Figure
    public var minoritised: Figure
    public var lgbt: Figure
    public var disabled: Figure
    public var aged16to17: Figure
    public var perpetratorsUnder18: Figure
    public var policeReferrals: Figure
    public var partnerReferrals: Figure
    /// Cases heard by referring agency, most first.
    public var referralSources: [Figure]
    public var volume: VolumeFigure?
    public var deferred: Int
    public var withdrawn: Int
    public var notifications: Int

    /// The headline figures in the order reports show them.
    public var figures: [Figure] {
        [casesHeard, repeats, children, maleVictims, minoritised, lgbt, disabled, aged16to17,
         perpetratorsUnder18, policeReferrals, partnerReferrals]
    }

    public init(meetings all: [MeetingState], period: ReportPeriod, options: DataReturnOptions = DataReturnOptions()) {
        self.period = period
        self.options = options
        let inPeriod = meetingsInPeriod(all, period)

        // The agendas of the cases heard (not the cases with their meetings: a meeting is large to copy).
        var agendas: [AgendaCase] = []
        // Whether a referring agency is the police, worked out once per name: the same few names
        // recur on every case of ten years of meetings, and the test is a phrase search.
        var police = PoliceNames()
        var rows: [MeetingReturn] = []
        var deferred = 0, withdrawn = 0, notifications = 0
        for m in inPeriod {
            let cases = m.orderedCases
            let mHeard = cases.filter(countsAsHeard)
            agendas += mHeard.map(\.agenda)
            let mDeferred = cases.filter { $0.status == .deferredToNextMeeting }.count
            let mWithdrawn = cases.filter { $0.status == .withdrawn }.count
            deferred += mDeferred; withdrawn += mWithdrawn
            notifications += cases.filter { $0.agenda.notification }.count
            let a = mHeard.map(\.agenda)
            let isRepeat = { (c: AgendaCase) in c.isRepeat(hearingDate: m.info.date, windowMonths: m.rules.repeatWindowMonths) }
            var row = MeetingReturn(
                date: m.info.date, meetingID: m.info.id, area: m.info.area, casesHeard: mHeard.count,
                // Confirmed earlier hearings from the data folder count, even where the agenda said "no".
                repeats: mHeard.filter { $0.isRepeat(hearingDate: m.info.date, windowMonths: m.rules.repeatWindowMonths) }.count,
                children: a.reduce(0) { $0 + ($1.children ?? 0) },
                maleVictims: a.filter { $0.isMaleVictim == true }.count,
                minoritised: a.filter { $0.minoritised == true }.count,
                lgbt: a.filter { $0.lgbt == true }.count,
                disabled: a.filter { $0.disabled == true }.count,
                aged16to17: a.filter { $0.aged16to17 == true }.count,
                perpetratorsUnder18: a.filter { $0.perpetratorUnder18 == true }.count,
                policeReferrals: a.reduce(0) { $0 + (police.isPolice($1.referringAgency) ? 1 : 0) },
                deferred: mDeferred, withdrawn: mWithdrawn)
            row.repeats = a.filter(isRepeat).count
            row.repeatsUnknown = a.filter { !isRepeat($0) && !$0.repeatRecorded }.count
            row.partnerReferrals = mHeard.count - row.policeReferrals
            row.notifications = cases.filter { $0.agenda.notification }.count
            row.childrenUnknown = a.filter { $0.children == nil }.count
            row.maleVictimsUnknown = a.filter { $0.isMaleVictim == nil }.count
            row.minoritisedUnknown = a.filter { $0.minoritised == nil }.count
            row.lgbtUnknown = a.filter { $0.lgbt == nil }.count
            row.disabledUnknown = a.filter { $0.disabled == nil }.count
            row.aged16to17Unknown = a.filter { $0.aged16to17 == nil }.count
            row.perpetratorsUnder18Unknown = a.filter { $0.perpetratorUnder18 == nil }.count
            rows.append(row)
        }
        self.meetings = rows
        self.deferred = deferred; self.withdrawn = withdrawn; self.notifications = notifications

        let n = agendas.count
        /// Count of `true`, and of blanks, for a yes/no/blank field.
        func tally(_ field: (AgendaCase) -> Bool?) -> (yes: Int, unknown: Int) {
            (agendas.filter { field($0) == true }.count, agendas.filter { field($0) == nil }.count)
        }

        casesHeard = Figure(key: "cases-heard", label: "Cases heard (repeats included)", count: n)
        repeats = Figure(key: "repeat-cases", label: "Repeat cases", count: rows.reduce(0) { $0 + $1.repeats },
                         denominator: n, unknown: rows.reduce(0) { $0 + $1.repeatsUnknown }, range: .repeatRate)
        children = Figure(key: "children", label: "Children in the households",
                          count: agendas.reduce(0) { $0 + ($1.children ?? 0) },
                          unknown: agendas.filter { $0.children == nil }.count)
        let male = tally(\.isMaleVictim)
        maleVictims = Figure(key: "male-victims", label: "Male victims", count: male.yes, denominator: n,
                             unknown: male.unknown, range: .maleVictims)
        let bame = tally(\.minoritised)
        minoritised = Figure(key: "minoritised", label: "Black, Asian and racially minoritised victims",
                             count: bame.yes, denominator: n, unknown: bame.unknown,
                             range: options.minoritisedPopulationPercent.map { RecommendedRange.minoritised(localPopulationPercent: $0) },
                             context: options.minoritisedPopulationPercent == nil
                                ? "should match the local population (give --minoritised-population for a range)"
                                : "local population \(formatNumber(options.minoritisedPopulationPercent!)) %")
        let lgbtTally = tally(\.lgbt)
        lgbt = Figure(key: "lgbt", label: "LGBT+ victims", count: lgbtTally.yes, denominator: n,
                      unknown: lgbtTally.unknown, range: .lgbt)
        let dis = tally(\.disabled)
        disabled = Figure(key: "disabled", label: "Disabled victims", count: dis.yes, denominator: n,
                          unknown: dis.unknown, context: "no national range; regional and national comparison around 19 %")
        let young = tally(\.aged16to17)
        aged16to17 = Figure(key: "aged-16-17", label: "Victims aged 16–17", count: young.yes, denominator: n,
                            unknown: young.unknown)
        let youngPerp = tally(\.perpetratorUnder18)
        perpetratorsUnder18 = Figure(key: "perpetrators-under-18", label: "Perpetrators aged 17 or under",
                                     count: youngPerp.yes, unknown: youngPerp.unknown)
        let policeCount = agendas.reduce(0) { $0 + (police.isPolice($1.referringAgency) ? 1 : 0) }
        policeReferrals = Figure(key: "police-referrals", label: "Referrals from the police", count: policeCount,
                                 denominator: n, range: .policeReferrals)
        partnerReferrals = Figure(key: "partner-referrals", label: "Referrals from partner agencies",
                                  count: n - policeCount, denominator: n, range: .partnerReferrals)

        // Referring agencies as shown, matched without regard to letter case, in first-seen order.
        // Each name as typed is cleaned and matched once, not once per case.
        var sources: [(name: String, count: Int)] = []
        var sourceOf: [String: Int] = [:]   // the name as typed → its place in `sources`
        var sourceByKey: [String: Int] = [:]   // the lowercased name shown → its place
        for a in agendas {
            if let i = sourceOf[a.referringAgency] { sources[i].count += 1; continue }
            let name = SafeText.line(a.referringAgency).trimmingWhitespace()
            let shown = name.isEmpty ? "Not recorded" : name
            let i: Int
            if let found = sourceByKey[shown.lowercased()] { i = found; sources[i].count += 1 }
            else { i = sources.count; sources.append((shown, 1)); sourceByKey[shown.lowercased()] = i }
            sourceOf[a.referringAgency] = i
        }
        // Most first; ties keep first-seen order so the report is stable.
        let ordered = sources.enumerated().sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }
        referralSources = ordered.map {
            Figure(key: "source", label: $0.element.name, count: $0.element.count, denominator: n)
        }

        volume = options.adultFemalePopulation.map {
            VolumeFigure(casesInPeriod: n, periodDays: period.days, adultFemalePopulation: $0)
        }
    }
}

/// Meetings dated in the period, in date order (ties by meeting ID, so the order is stable).
public func meetingsInPeriod(_ meetings: [MeetingState], _ period: ReportPeriod) -> [MeetingState] {
    meetings.filter { period.contains($0.info.date) }
        .sorted { ($0.info.date, $0.info.id) < ($1.info.date, $1.info.id) }
}

/// Heard, and a case for discussion rather than a 12-month notification item.
func countsAsHeard(_ c: CaseRecord) -> Bool { c.status == .heard && !c.agenda.notification }

/// The referring agency is a police force ("Police", "South Yorkshire Police", "police CRU").
func isPolice(_ agency: String) -> Bool { containsPhrase(agency, "police") }

/// `isPolice`, remembered for each name asked about (a report asks for every case heard).
struct PoliceNames {
    private var known: [String: Bool] = [:]
    mutating func isPolice(_ agency: String) -> Bool {
        if let k = known[agency] { return k }
        let answer = MaracCore.isPolice(agency)
        known[agency] = answer
        return answer
    }
}
