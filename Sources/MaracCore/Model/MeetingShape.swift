/// An item of Any Other Business, raised after the agenda (docs/DOMAIN.md#agenda-order): a title,
/// who raised it, and notes and actions like a case's, but no victim, no timer and no section.
/// Its notes and actions are the ordinary `noteAdded` / `actionAgreed` events with `id` as their
/// case reference, so the minutes, the tracker and the packs treat its actions like any other.
public struct AOBItem: Sendable, Equatable {
    /// `AOB-1`, `AOB-2` …: in the order raised; never the reference of a case on the agenda.
    public var id: String
    public var title: String
    public var raisedBy: String
    public var notes: [Note]

    public init(id: String, title: String, raisedBy: String, notes: [Note] = []) {
        self.id = id; self.title = title; self.raisedBy = raisedBy; self.notes = notes
    }

    public static let idPrefix = "AOB-"
}

/// The next meeting, as agreed at this one.
public struct NextMeeting: Sendable, Equatable {
    public var date: CalendarDate
    public var venue: String
    public init(date: CalendarDate, venue: String) { self.date = date; self.venue = venue }
}

/// Planned start and end, minutes after midnight local time.
public struct PlannedTimes: Sendable, Equatable {
    public var startMinutes: Int
    public var endMinutes: Int
    public init(startMinutes: Int, endMinutes: Int) { self.startMinutes = startMinutes; self.endMinutes = endMinutes }

    /// `09:30–12:30`
    public var text: String { formatClockTime(minutes: startMinutes) + "–" + formatClockTime(minutes: endMinutes) }
}

extension MeetingState {
    /// The plan in force.
    public var plannedTimes: PlannedTimes {
        PlannedTimes(startMinutes: info.plannedStartMinutes, endMinutes: info.plannedEndMinutes)
    }

    public func aobItem(_ id: String) -> AOBItem? { aob.first { $0.id == id } }

    /// The ID the next Any Other Business item gets.
    public var nextAOBID: String {
        var n = aob.count + 1
        while cases[AOBItem.idPrefix + String(n)] != nil || aobItem(AOBItem.idPrefix + String(n)) != nil { n += 1 }
        return AOBItem.idPrefix + String(n)
    }

    /// The next meeting: as set in this one, else the first of the protocol's meeting dates after it.
    public var nextMeetingDate: CalendarDate? {
        nextMeeting?.date ?? (rules.meetingDates ?? []).sorted().first { $0 > info.date }
    }

    /// Actions still open from earlier meetings that nobody has reviewed at this one.
    public var unreviewedOutstanding: [OutstandingAction] { outstanding.filter { reviews[$0.id] == nil } }

    /// Heard cases as the minutes count them: a 12-month notification is read out, not heard.
    public var heardDiscussedCases: [CaseRecord] { heardCases.filter { $0.agenda.section != .twelveMonthNotification } }
    public var notificationsRead: [CaseRecord] { heardCases.filter { $0.agenda.section == .twelveMonthNotification } }
}
