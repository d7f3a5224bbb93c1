/// Who, when and where: fixed when the meeting journal is created.
public struct MeetingInfo: Codable, Sendable, Equatable {
    /// e.g. `2026-12-01-test`: the meeting date and area, safe to show in file names.
    public var id: String
    public var date: CalendarDate
    public var area: String
    public var chair: String
    public var venue: String
    /// Planned start and length, for the projected finish.
    public var plannedStartMinutes: Int
    public var plannedDurationMinutes: Int
    /// True for a mock meeting (`marac train`): every screen and every export says TRAINING.
    /// nil in real meetings (never written then), and in journals written before it existed.
    public var training: Bool? = nil

    public var isTraining: Bool { training == true }

    public init(id: String, date: CalendarDate, area: String, chair: String, venue: String = "",
                plannedStartMinutes: Int = 9 * 60 + 30, plannedDurationMinutes: Int = 180) {
        self.id = id; self.date = date; self.area = area; self.chair = chair; self.venue = venue
        self.plannedStartMinutes = plannedStartMinutes; self.plannedDurationMinutes = plannedDurationMinutes
    }

    /// Action IDs name the meeting they come from, its date and area (`20261201-northvale-3`), so
    /// they stay unique in a folder that holds several Maracs' meetings, even on the same day.
    public var actionPrefix: String {
        let day = date.iso.replacingAll("-", with: "")
        let slug = MeetingInfo.slug(area)
        return slug.isEmpty ? day : day + "-" + String(slug.prefix(24))
    }

    public static func makeID(date: CalendarDate, area: String) -> String {
        let slug = slug(area)
        return slug.isEmpty ? date.iso : "\(date.iso)-\(slug)"
    }

    /// `Bradford and Airedale` → `bradford-and-airedale`: safe in file names and IDs.
    static func slug(_ text: String) -> String {
        let mapped = text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(mapped).split(separator: "-").joined(separator: "-")
    }
}

/// The local protocol: national defaults that an area can adapt (docs/DOMAIN.md).
public struct LocalProtocol: Codable, Sendable, Equatable {
    public var agencies: [String]
    public var dashThreshold: Int
    public var escalationIncidents: Int
    public var escalationWindowMonths: Int
    public var repeatWindowMonths: Int
    public var targetMinutes: Int
    public var limitMinutes: Int
    public var confidentialityStatement: String
    /// Chasers (`marac actions DIR chase`): whether they name the victim beside the case reference
    /// (nil: no, the case reference alone — the minimum an agency needs to find its own record).
    public var chaserVictimNames: Bool?
    /// Chasers: the covering text, with `{agency}`, `{count}`, `{overdue}`, `{date}` and `{by}` filled
    /// in (nil: the built-in text).
    public var chaserText: String?
    /// The meeting's time zone for documents (an IANA name such as `Europe/London`); nil: the
    /// machine's `TZ`, else Europe/London. Optional keys below are absent from older journals.
    public var timeZone: String? = nil
    /// Who takes the minutes, as the minutes should name them.
    public var minuteTaker: String? = nil
    /// Who the minutes go to (agencies or roles), printed as the circulation list.
    public var circulation: [String]? = nil
    /// The dates of the coming meetings: the minutes name the first after the meeting as the next one.
    public var meetingDates: [CalendarDate]? = nil
    /// How an agency's action pack names a case: nil or `reference and victim` (the default, so the
    /// agency can match it to its records), or `reference` (the reference only).
    public var packIdentifies: String? = nil
    /// How the full minutes name a case: nil or `names` (victim and perpetrator as on the agenda),
    /// or `reference` (the reference only).
    public var minutesIdentify: String? = nil
    /// The usual planned start and end of this Marac's meetings, minutes after midnight local time
    /// (`marac new` uses them when --start / --end are not given; nil: 09:30 and three hours later).
    public var plannedStartMinutes: Int? = nil
    public var plannedEndMinutes: Int? = nil

    public init(agencies: [String] = LocalProtocol.nationalAgencies, dashThreshold: Int = 14,
                escalationIncidents: Int = 3, escalationWindowMonths: Int = 12, repeatWindowMonths: Int = 12,
                targetMinutes: Int = 10, limitMinutes: Int = 15,
                confidentialityStatement: String = LocalProtocol.nationalConfidentialityStatement) {
        self.agencies = agencies; self.dashThreshold = dashThreshold; self.escalationIncidents = escalationIncidents
        self.escalationWindowMonths = escalationWindowMonths; self.repeatWindowMonths = repeatWindowMonths
        self.targetMinutes = targetMinutes; self.limitMinutes = limitMinutes
        self.confidentialityStatement = confidentialityStatement
    }

    public static let national = LocalProtocol()

    /// The agencies pre-listed on the SafeLives minutes checklist (docs/DOMAIN.md#attendance-and-the-minutes).
    public static let nationalAgencies = [
        "Police", "Idva", "Children's Social Care", "Adult Social Care", "Health Visiting", "GP",
        "Acute Trust", "Mental Health", "Probation", "Housing", "Education", "Drug and Alcohol",
        "Perpetrator Programme", "Specialist BAMER Service", "Specialist LGBT+ Service", "Fire and Rescue",
    ]

    public static let nationalConfidentialityStatement =
        "This meeting is strictly confidential. Information shared here is for the purpose of "
        + "reducing risk to the victim, the children and others, and stays in this room. The minutes "
        + "must not be copied or shared without the agreement of the agencies concerned. Information "
        + "shared must be relevant, proportionate and risk-focused; record facts, not opinion."
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
