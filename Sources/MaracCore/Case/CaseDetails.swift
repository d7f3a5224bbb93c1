/// A recognised risk factor. The first nine are the DASH high-risk indicators a chair looks for
/// first; a term outside the vocabulary is kept as the agenda wrote it (`RiskFactor.other`).
public enum KnownRisk: String, Codable, Sendable, CaseIterable {
    case strangulation = "strangulation"
    case pregnancy = "pregnancy"
    case separation = "separation"
    case weapons = "weapons"
    case threatsToKill = "threats to kill"
    case stalking = "stalking"
    case escalation = "escalation"
    case sexualAbuse = "sexual abuse"
    case childContact = "child contact"
    case coerciveControl = "coercive control"
    case financialAbuse = "financial abuse"
    case substanceMisuse = "substance misuse"
    case mentalHealth = "mental health"
    case suicideRisk = "suicide risk"
    case honourBased = "honour-based abuse"
    case animalAbuse = "harm to pets"
    case breachOfOrder = "breach of order"

    /// The DASH high-risk indicators, in the order the header lists them.
    public static let highRiskIndicators: [KnownRisk] = [
        .strangulation, .pregnancy, .separation, .weapons, .threatsToKill, .stalking, .escalation, .sexualAbuse, .childContact,
    ]

    public var isHighRiskIndicator: Bool { Self.highRiskIndicators.contains(self) }

    /// How the header writes it: short, so several fit on one line at 80 columns.
    public var short: String {
        switch self {
        case .strangulation: return "strangulation"
        case .pregnancy: return "pregnant/new baby"
        case .threatsToKill: return "threats to kill"
        case .childContact: return "child contact"
        case .honourBased: return "HBA"
        default: return rawValue
        }
    }

    /// The words an agenda may use for it (folded as `words` folds them).
    var spellings: [String] {
        switch self {
        case .strangulation: return ["strangulation", "choking", "strangulation or choking", "strangling", "non fatal strangulation", "nfs"]
        case .pregnancy: return ["pregnancy", "pregnant", "new baby", "pregnancy or new baby", "baby"]
        case .separation: return ["separation", "separated", "recent separation", "separating"]
        case .weapons: return ["weapons", "weapon", "use of weapons", "knife", "firearm"]
        case .threatsToKill: return ["threats to kill", "threat to kill", "threatened to kill"]
        case .stalking: return ["stalking", "harassment", "stalking or harassment"]
        case .escalation: return ["escalation", "escalating"]
        case .sexualAbuse: return ["sexual abuse", "sexual violence", "rape"]
        case .childContact: return ["child contact", "contact with children", "child contact dispute"]
        case .coerciveControl: return ["coercive control", "controlling behaviour", "coercion"]
        case .financialAbuse: return ["financial abuse", "economic abuse"]
        case .substanceMisuse: return ["substance misuse", "alcohol", "drugs", "drug misuse", "alcohol misuse"]
        case .mentalHealth: return ["mental health"]
        case .suicideRisk: return ["suicide risk", "suicidal", "suicide"]
        case .honourBased: return ["honour based abuse", "hba", "honour based violence", "hbv", "forced marriage"]
        case .animalAbuse: return ["harm to pets", "animal abuse", "pets"]
        case .breachOfOrder: return ["breach of order", "breach of bail", "breach"]
        }
    }

    public static func parse(_ text: String) -> KnownRisk? {
        let folded = NameMatch.words(text).joined(separator: " ")
        return allCases.first { $0.spellings.contains(folded) || $0.rawValue == folded }
    }
}

/// One entry of `risk_factors`: a recognised risk or a free term kept as written.
public enum RiskFactor: Codable, Sendable, Equatable, Hashable {
    case known(KnownRisk)
    case other(String)

    public static func parse(_ text: String) -> RiskFactor? {
        let t = text.trimmingWhitespace()
        if t.isEmpty { return nil }
        return KnownRisk.parse(t).map(RiskFactor.known) ?? .other(SafeText.line(t))
    }

    public var label: String {
        switch self {
        case .known(let k): return k.short
        case .other(let s): return s
        }
    }

    public var isHighRiskIndicator: Bool { if case .known(let k) = self { return k.isHighRiskIndicator } else { return false } }

    private enum CodingKeys: String, CodingKey { case known, other }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let k = try c.decodeIfPresent(KnownRisk.self, forKey: .known) { self = .known(k) }
        else { self = .other(try c.decode(String.self, forKey: .other)) }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .known(let k): try c.encode(k, forKey: .known)
        case .other(let s): try c.encode(s, forKey: .other)
        }
    }
}

/// A status another process has given the case, which the chair must see before anything else.
public enum CaseFlag: String, Codable, Sendable, CaseIterable {
    case matac
    case mappa
    case cpPlan = "cp-plan"
    case childInNeed = "child-in-need"
    case highConcern = "high-concern"
    case interpreter
    case noRecourse = "no-recourse"

    /// One cell on the agenda list; the legend is in help.
    public var symbol: String {
        switch self {
        case .matac: return "T"
        case .mappa: return "M"
        case .cpPlan: return "P"
        case .childInNeed: return "N"
        case .highConcern: return "!"
        case .interpreter: return "I"
        case .noRecourse: return "£"
        }
    }

    public var label: String {
        switch self {
        case .matac: return "Matac"
        case .mappa: return "MAPPA"
        case .cpPlan: return "child-protection plan"
        case .childInNeed: return "child in need"
        case .highConcern: return "high concern"
        case .interpreter: return "interpreter needed"
        case .noRecourse: return "no recourse to public funds"
        }
    }

    public static func parse(_ text: String) -> CaseFlag? {
        let t = NameMatch.words(text).joined(separator: "-")
        switch t {
        case "matac": return .matac
        case "mappa": return .mappa
        case "cp-plan", "cp", "cpp", "child-protection-plan", "child-protection": return .cpPlan
        case "child-in-need", "cin": return .childInNeed
        case "high-concern", "live", "live-high-concern", "high": return .highConcern
        case "interpreter", "interpreter-needed": return .interpreter
        case "no-recourse", "nrpf", "no-recourse-to-public-funds": return .noRecourse
        default: return nil
        }
    }
}

/// A way of reaching the victim that the perpetrator can see or reach: feedback must not go that way.
public enum ContactRoute: String, Codable, Sendable, CaseIterable {
    case phone
    case email
    case post
    case home
    case work

    public var label: String {
        switch self {
        case .phone: return "phone"
        case .email: return "email"
        case .post: return "post"
        case .home: return "home visits"
        case .work: return "work"
        }
    }

    public static func parse(_ text: String) -> ContactRoute? {
        switch NameMatch.words(text).joined(separator: " ") {
        case "phone", "mobile", "telephone", "texts", "calls": return .phone
        case "email", "e mail", "emails": return .email
        case "post", "letters", "letter", "mail": return .post
        case "home", "home visits", "address": return .home
        case "work", "workplace": return .work
        default: return nil
        }
    }

    /// The route a feedback choice would use; nil when it uses none of these (a trusted professional).
    public static func of(_ feedback: VictimFeedback) -> ContactRoute? {
        switch feedback.route {
        case .phone: return .phone
        case .safeEmail: return .email
        case .letter: return .post
        case .inPerson, .other:
            let words = Set(NameMatch.words(feedback.detail))
            if words.contains("home") { return .home }
            if words.contains("work") || words.contains("workplace") { return .work }
            return nil
        case .viaThirdParty: return nil
        }
    }
}

/// What the agenda (or the meeting) says about a case beyond the referral: the reason in a line
/// or two, the risks, the flags, and the routes the perpetrator has access to.
public struct CaseDetails: Codable, Sendable, Equatable {
    public var referralSummary: String?
    public var riskFactors: [RiskFactor]
    public var flags: [CaseFlag]
    /// Routes the perpetrator has access to (so unsafe for contact).
    public var contactSafety: [ContactRoute]

    public init(referralSummary: String? = nil, riskFactors: [RiskFactor] = [], flags: [CaseFlag] = [],
                contactSafety: [ContactRoute] = []) {
        self.referralSummary = referralSummary; self.riskFactors = riskFactors; self.flags = flags
        self.contactSafety = contactSafety
    }

    public var isEmpty: Bool {
        (referralSummary ?? "").isEmpty && riskFactors.isEmpty && flags.isEmpty && contactSafety.isEmpty
    }

    private enum CodingKeys: String, CodingKey {
        case referralSummary, riskFactors, flags, contactSafety
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        referralSummary = try c.decodeIfPresent(String.self, forKey: .referralSummary)
        riskFactors = try c.decodeIfPresent([RiskFactor].self, forKey: .riskFactors) ?? []
        flags = try c.decodeIfPresent([CaseFlag].self, forKey: .flags) ?? []
        contactSafety = try c.decodeIfPresent([ContactRoute].self, forKey: .contactSafety) ?? []
    }

    /// Parses the `;`-separated agenda cells; answers the first term it cannot read, by column.
    public static func parse(summary: String?, risks: String?, flags: String?, contact: String?)
        -> Result<CaseDetails, ParseProblem> {
        func split(_ s: String?) -> [String] {
            (s ?? "").split(separator: ";").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        }
        var d = CaseDetails(referralSummary: summary.map(SafeText.line).flatMap { $0.isEmpty ? nil : $0 })
        for term in split(risks) {
            if let r = RiskFactor.parse(term), !d.riskFactors.contains(r) { d.riskFactors.append(r) }
        }
        for term in split(flags) {
            guard let f = CaseFlag.parse(term) else {
                return .failure(ParseProblem(column: "flags", message: "'\(SafeText.line(term))' is not a flag: use \(CaseFlag.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            if !d.flags.contains(f) { d.flags.append(f) }
        }
        for term in split(contact) {
            guard let r = ContactRoute.parse(term) else {
                return .failure(ParseProblem(column: "contact_safety", message: "'\(SafeText.line(term))' is not a contact route: use \(ContactRoute.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            if !d.contactSafety.contains(r) { d.contactSafety.append(r) }
        }
        return .success(d)
    }

    public struct ParseProblem: Error, Sendable, Equatable {
        public var column: String
        public var message: String
    }
}
