import CSV

/// Reads an agenda file (its columns: docs/DOMAIN.md#referral-routes-and-thresholds and the agenda template) into cases. Pure: takes the file's bytes, returns
/// cases and warnings, or the first error with its line and column. No journal is made on error.
public enum AgendaImport {
    public static let columns = [
        "case_ref", "victim", "perpetrator", "referring_agency", "referral_basis", "dash_score", "referral_date",
        "repeat", "previous_hearings", "children", "victim_sex", "minoritised", "lgbt", "disabled", "aged_16_17",
        "perpetrator_under_18", "agencies_involved", "notification",
        "referral_summary", "risk_factors", "flags", "contact_safety",
    ]
    public static let required = ["case_ref", "victim", "referring_agency", "referral_basis"]

    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var file: String
        /// 1-based physical line in the file (the header is line 1); 0 when about the whole file.
        public var line: Int
        public var column: String?
        public var message: String

        public var description: String {
            var where_ = file
            if line > 0 { where_ += ":\(line)" }
            if let column { where_ += " (column \(column))" }
            return "\(where_): \(message)"
        }
    }

    public struct Result: Sendable {
        public var cases: [AgendaCase]
        public var warnings: [Problem]
    }

    /// `meetingDate`, when given, lets dates on the agenda be checked against the hearing: a referral
    /// or previous hearing after it is almost always a typing slip (warned, not refused).
    public static func parse(bytes: [UInt8], file: String, meetingDate: CalendarDate? = nil) throws(Problem) -> Result {
        func fail(_ line: Int, _ column: String?, _ message: String) -> Problem {
            Problem(file: file, line: line, column: column, message: message)
        }
        var data = bytes
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        guard let text = String(validating: data, as: UTF8.self) else {
            let (lineNo, fieldIndex) = firstInvalidUTF8(data)
            // Name the column from a lenient reading of the header line.
            let headerLine = data.split(separator: 0x0A, maxSplits: 1, omittingEmptySubsequences: false).first ?? []
            let names = String(decoding: headerLine, as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingWhitespace().lowercased().replacingSpaces() }
            let column = lineNo > 1 && fieldIndex < names.count ? names[fieldIndex] : nil
            throw fail(lineNo, column, "the file is not UTF-8 text: save it from the spreadsheet as 'CSV UTF-8'")
        }
        if text.trimmingWhitespace().isEmpty { throw fail(0, nil, "the file is empty: it needs a header row and one row per case") }
        if let nul = data.firstIndex(of: 0) {
            let lineNo = 1 + data[..<nul].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw fail(lineNo, nil, "the line holds a NUL byte (a zero byte, never in a CSV file): save the file from the spreadsheet as 'CSV UTF-8'")
        }

        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: false) }
        catch { throw fail(1, nil, "cannot read the header row: \(error)") }
        let header = (reader.headerRow ?? []).map { $0.trimmingWhitespace().lowercased().replacingSpaces() }
        // CSV.swift reads an unclosed quote to the end of the file as one field, silently swallowing
        // the rows after it: find it first.
        if let (quoteLine, fieldIndex) = unclosedQuote(text) {
            throw fail(quoteLine, fieldIndex < header.count && quoteLine > 1 ? header[fieldIndex] : "#\(fieldIndex + 1)",
                       "a quoted field is never closed (a \" without its partner), so every row after it would be lost")
        }
        var warnings: [Problem] = []
        for name in required where !header.contains(name) {
            if header.count == 1, let separator = [";", "\t"].first(where: { header[0].contains($0) }) {
                throw fail(1, name, "the columns are separated by \(separator == "\t" ? "tabs" : "';'") rather than commas: save the file from the spreadsheet as 'CSV UTF-8 (comma delimited)'")
            }
            throw fail(1, name, "required column '\(name)' is missing (the header has: \(SafeText.quoted(header.joined(separator: ", "), limit: 200)))")
        }
        var seenHeader = Set<String>()
        for (i, name) in header.enumerated() {
            if name.isEmpty { warnings.append(fail(1, "#\(i + 1)", "a column has no name and is ignored")); continue }
            if !seenHeader.insert(name).inserted { throw fail(1, name, "column \(SafeText.quoted(name)) appears twice") }
            if !columns.contains(name) { warnings.append(fail(1, name, "unknown column \(SafeText.quoted(name)) is ignored")) }
        }

        var cases: [AgendaCase] = []
        var seenRefs: [String: Int] = [:]
        var line = 1 + newlines(in: reader.headerRow ?? []) + 1
        while let row = reader.next() {
            let rowLine = line
            line += 1 + newlines(in: row)
            if row.allSatisfy({ $0.trimmingWhitespace().isEmpty }) { continue }
            if row.count > header.count && row[header.count...].contains(where: { !$0.trimmingWhitespace().isEmpty }) {
                throw fail(rowLine, "#\(header.count + 1)", "the row has \(row.count) fields but the header has \(header.count) (a comma inside a value needs the value in double quotes)")
            }
            func field(_ name: String) -> String? {
                guard let i = header.firstIndex(of: name), i < row.count else { return nil }
                let v = row[i].trimmingWhitespace()
                return v.isEmpty ? nil : v
            }
            func requiredField(_ name: String) throws(Problem) -> String {
                guard let v = field(name) else { throw fail(rowLine, name, "'\(name)' is required but empty") }
                return v
            }
            func bool(_ name: String) throws(Problem) -> Bool? {
                guard let v = field(name)?.lowercased() else { return nil }
                switch v {
                case "yes", "y", "true": return true
                case "no", "n", "false": return false
                default: throw fail(rowLine, name, "\(SafeText.quoted(v)) should be yes, no or blank")
                }
            }
            func date(_ raw: String, _ name: String) throws(Problem) -> CalendarDate {
                guard let d = CalendarDate.parse(raw) else {
                    throw fail(rowLine, name, "\(SafeText.quoted(raw)) is not a date: use dd/mm/yyyy or yyyy-mm-dd (and a real day)")
                }
                return d
            }
            func list(_ name: String) -> [String] {
                // Cleaned before splitting: a `;` inside an escape sequence (OSC 0;title) must not cut
                // the sequence in two and leave its payload behind as an item.
                SafeText.line(field(name) ?? "").split(separator: ";").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            }

            let typed = try requiredField("case_ref")
            // A reference that reads the same is the same case: hidden characters are removed and
            // letter case is ignored (`MC-1`, `mc-1` and `MC-\u{200B}1` are one case to a person).
            let cleaned = CaseReference.clean(typed)
            let ref = cleaned.value
            guard !ref.isEmpty else { throw fail(rowLine, "case_ref", "\(SafeText.quoted(typed)) holds only invisible characters") }
            if cleaned.needsReport {
                warnings.append(fail(rowLine, "case_ref", "case \(SafeText.quoted(typed)) held hidden or unusual characters (\(cleaned.changes.joined(separator: ", "))): it is recorded as \(SafeText.quoted(ref))"))
            }
            let refKey = CaseReference.key(ref)
            if let first = seenRefs[refKey] { throw fail(rowLine, "case_ref", "case \(SafeText.quoted(typed)) is already on line \(first) (references that read the same are one case)") }
            seenRefs[refKey] = rowLine
            let basisText = try requiredField("referral_basis")
            guard let basis = ReferralBasis.parseAgenda(basisText) else {
                throw fail(rowLine, "referral_basis", "\(SafeText.quoted(basisText)) is not one of: actuarial, professional judgement, escalation, repeat")
            }
            var dash: Int?
            if let raw = field("dash_score") {
                guard let n = Int(raw), (0...24).contains(n) else {
                    throw fail(rowLine, "dash_score", "\(SafeText.quoted(raw)) is not a DASH score (a whole number from 0 to 24)")
                }
                dash = n
                // Actuarial means the score met the threshold; a lower score referred anyway is professional
                // judgement (which may never downgrade a score, but may raise one). Warn, do not refuse.
                if basis == .actuarial && n < LocalProtocol.national.dashThreshold {
                    warnings.append(fail(rowLine, "dash_score", "DASH \(n) is below \(LocalProtocol.national.dashThreshold) for an actuarial referral: should the basis be professional judgement?"))
                }
            }
            var children: Int?
            if let raw = field("children") {
                guard let n = Int(raw), CaseFieldRules.childrenRange.contains(n) else {
                    throw fail(rowLine, "children", "\(SafeText.quoted(raw)) is not a number of children")
                }
                children = n
            }
            var referralDate: CalendarDate?
            if let raw = field("referral_date") { referralDate = try date(raw, "referral_date") }
            var hearings: [CalendarDate] = []
            for raw in list("previous_hearings") { hearings.append(try date(raw, "previous_hearings")) }
            if let meetingDate {
                if let r = referralDate, r > meetingDate {
                    warnings.append(fail(rowLine, "referral_date", "referral date \(r.uk) is after the meeting (\(meetingDate.uk))"))
                }
                if let h = hearings.first(where: { $0 >= meetingDate }) {
                    warnings.append(fail(rowLine, "previous_hearings", "previous hearing \(h.uk) is not before the meeting (\(meetingDate.uk))"))
                }
            }
            var victimSex: String?
            if let sex = field("victim_sex") {
                switch CaseFieldRules.victimSex(sex) {
                case .success(let v): victimSex = v
                case .failure(let p): throw fail(rowLine, "victim_sex", p.message)
                }
            }
            let details: CaseDetails
            switch CaseDetails.parse(summary: field("referral_summary"), risks: field("risk_factors"),
                                     flags: field("flags"), contact: field("contact_safety")) {
            case .success(let d): details = d
            case .failure(let p): throw fail(rowLine, p.column, p.message)
            }
            // A risk one slip away from a known one ("strangulaton") would be kept as a free term,
            // and a high-risk indicator then goes unflagged on the agenda and the case screen.
            for case .other(let typed) in details.riskFactors {
                let folded = NameMatch.words(typed).joined(separator: " ")
                guard folded.count >= 5,
                      let near = KnownRisk.allCases.first(where: { $0.spellings.contains { NameMatch.isOneSlip(folded, $0) } }) else { continue }
                warnings.append(fail(rowLine, "risk_factors", "risk factor \(SafeText.quoted(typed)) is not one marac knows: did you mean "
                    + "\(SafeText.quoted(near.spellings[0]))? It is kept as written"
                    + (near.isHighRiskIndicator ? ", and not flagged as a high-risk indicator" : "")))
            }
            cases.append(AgendaCase(
                caseRef: ref, victim: try requiredField("victim"), perpetrator: field("perpetrator"),
                referringAgency: try requiredField("referring_agency"), referralBasis: basis, dashScore: dash,
                referralDate: referralDate, repeatFlag: try bool("repeat"), previousHearings: hearings.sorted(),
                children: children, victimSex: victimSex, minoritised: try bool("minoritised"),
                lgbt: try bool("lgbt"), disabled: try bool("disabled"), aged16to17: try bool("aged_16_17"),
                perpetratorUnder18: try bool("perpetrator_under_18"), agenciesInvolved: list("agencies_involved"),
                notification: try bool("notification") ?? false, details: details.isEmpty ? nil : details))
        }
        if cases.isEmpty { throw fail(0, nil, "the file has a header but no cases") }
        return Result(cases: cases, warnings: warnings)
    }

    private static func newlines(in row: [String]) -> Int {
        row.reduce(0) { n, f in n + f.reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" ? 1 : 0) } }
    }

    /// The 1-based line and 0-based field (split on commas, quotes ignored) of the first byte
    /// that is not UTF-8.
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, field: Int) {
        var line = 1, start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
            let slice = bytes[start..<i]
            if String(validating: slice, as: UTF8.self) == nil {
                var field = 0, fieldStart = start
                for j in start...i where j == i || bytes[j] == UInt8(ascii: ",") {
                    if String(validating: bytes[fieldStart..<j], as: UTF8.self) == nil { return (line, field) }
                    field += 1; fieldStart = j + 1
                }
                return (line, 0)
            }
            line += 1; start = i + 1
        }
        return (line, 0)
    }

    /// Where a quoted field opens that never closes (RFC 4180: `""` inside quotes is a quote), as
    /// 1-based line and 0-based field index; nil when every quote is closed.
    private static func unclosedQuote(_ text: String) -> (line: Int, field: Int)? {
        enum State { case fieldStart, unquoted, quoted, quoteInQuoted }
        var state = State.fieldStart
        var line = 1, field = 0
        var opened = (line: 0, field: 0)
        for s in text.unicodeScalars {
            switch (state, s) {
            case (.quoted, "\""): state = .quoteInQuoted
            case (.quoted, "\n"): line += 1
            case (.quoted, _): break
            case (.fieldStart, "\""): state = .quoted; opened = (line, field)
            case (.quoteInQuoted, "\""): state = .quoted
            case (_, ","): state = .fieldStart; field += 1
            case (_, "\n"): state = .fieldStart; field = 0; line += 1
            case (_, "\r"): state = .fieldStart; field = 0
            default: state = .unquoted
            }
        }
        return state == .quoted ? opened : nil
    }

    /// Sorts cases into the SafeLives agenda order (docs/DOMAIN.md#agenda-order): with children, adult-only, then
    /// 12-month notifications; file order within each section.
    public static func agendaOrder(_ cases: [AgendaCase]) -> [AgendaCase] {
        cases.enumerated().sorted { a, b in
            a.element.section != b.element.section ? a.element.section < b.element.section : a.offset < b.offset
        }.map(\.element)
    }
}

extension ReferralBasis {
    /// Agenda spelling: the contract's words, plus the obvious variants a spreadsheet may hold.
    public static func parseAgenda(_ text: String) -> ReferralBasis? {
        switch text.trimmingWhitespace().lowercased().replacingSpaces(with: " ") {
        case "actuarial", "visible high risk", "dash", "visible": return .actuarial
        case "professional judgement", "professional judgment", "professional_judgement", "pj": return .professionalJudgement
        case "escalation", "potential escalation": return .escalation
        case "repeat": return .repeatReferral
        default: return nil
        }
    }
}

extension String {
    func replacingSpaces(with replacement: String = "_") -> String {
        split(whereSeparator: { $0 == " " || $0 == "_" }).joined(separator: replacement)
    }
}
