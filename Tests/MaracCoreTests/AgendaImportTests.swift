import MaracCore
import Testing

@Suite("Agenda import")
struct AgendaImportTests {
    let header = "case_ref,victim,perpetrator,referring_agency,referral_basis,dash_score,referral_date,children,previous_hearings,agencies_involved,notification"

    func parse(_ text: String) throws(AgendaImport.Problem) -> AgendaImport.Result {
        try AgendaImport.parse(bytes: Array(text.utf8), file: "agenda.csv")
    }

    /// The problem parsing `text` reports (nil if it parsed).
    func problem(_ text: String) -> AgendaImport.Problem? {
        do { _ = try parse(text); return nil } catch { return error }
    }

    @Test("a good agenda: every field read, in file order, sorted into agenda order")
    func goodAgenda() throws {
        let r = try parse("""
        \(header)
        MC-1001,Amira K,Daniel R,Police,actuarial,16,03/11/2026,0,,Police;Idva,no
        MC-1002,Joan P,,Idva,professional judgement,,2026-11-10,2,14/01/2026;02/02/2025,Idva ; Housing,
        MC-1003,Beth L,,Police,repeat,15,,,,,yes

        """)
        #expect(r.warnings.isEmpty)
        #expect(r.cases.map(\.caseRef) == ["MC-1001", "MC-1002", "MC-1003"])
        let c = r.cases[1]
        #expect(c.referralBasis == .professionalJudgement)
        #expect(c.dashScore == nil)
        #expect(c.perpetrator == nil)
        #expect(c.referralDate == CalendarDate(year: 2026, month: 11, day: 10))
        #expect(c.previousHearings == [CalendarDate(year: 2025, month: 2, day: 2)!, CalendarDate(year: 2026, month: 1, day: 14)!])
        #expect(c.agenciesInvolved == ["Idva", "Housing"])
        #expect(r.cases[2].notification)
        #expect(AgendaImport.agendaOrder(r.cases).map(\.caseRef) == ["MC-1002", "MC-1001", "MC-1003"])
    }

    @Test("every contract column at once parses without warnings")
    func allColumns() throws {
        let r = try parse("""
        \(AgendaImport.columns.joined(separator: ","))
        MC-1001,Amira K,Daniel R,Police,actuarial,16,03/11/2026,no,,2,female,no,no,no,no,no,Police;Idva,no
        """)
        #expect(r.cases.count == 1 && r.warnings.isEmpty)
        #expect(r.cases[0].victimSex == "female" && r.cases[0].repeatFlag == false)
    }

    @Test("victim_sex is stored in one form: the import, the late-case form and a correction agree")
    func victimSexStoredInOneForm() throws {
        let r = try parse("""
        \(AgendaImport.columns.joined(separator: ","))
        MC-1001,Amira K,,Police,actuarial,16,,,,,F,,,,,,,no
        MC-1002,Joan P,,Police,actuarial,16,,,,,M,,,,,,,no
        MC-1003,Beth L,,Police,actuarial,16,,,,,Unknown,,,,,,,no
        """)
        #expect(r.cases.map(\.victimSex) == ["female", "male", "unknown"])
        for typed in ["F", "M", "Unknown", ""] {
            let imported = try CaseFieldRules.victimSex(typed).get() ?? ""
            #expect(try CaseField.victimSex.normalise(typed).get() == imported, "\(typed)")
        }
        #expect(problem("""
        \(AgendaImport.columns.joined(separator: ","))
        MC-1001,Amira K,,Police,actuarial,16,,,,,woman,,,,,,,no
        """)?.column == "victim_sex")
    }

    struct BadCase: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var line: Int
        var column: String?
        var says: String
        var description: String { name }
    }

    static let bad: [BadCase] = [
        BadCase(name: "missing required column", text: "case_ref,victim,referral_basis\nMC-1,Amira K,actuarial\n",
                line: 1, column: "referring_agency", says: "required column 'referring_agency' is missing"),
        BadCase(name: "bad basis", text: "case_ref,victim,referring_agency,referral_basis\nMC-1,Amira K,Police,actuarial\nMC-2,Joan P,Police,gut feeling\n",
                line: 3, column: "referral_basis", says: "'gut feeling' is not one of"),
        BadCase(name: "impossible date", text: "case_ref,victim,referring_agency,referral_basis,referral_date\nMC-1,Amira K,Police,actuarial,31/02/2026\n",
                line: 2, column: "referral_date", says: "'31/02/2026' is not a date"),
        BadCase(name: "non-numeric DASH", text: "case_ref,victim,referring_agency,referral_basis,dash_score\nMC-1,Amira K,Police,actuarial,high\n",
                line: 2, column: "dash_score", says: "'high' is not a DASH score"),
        BadCase(name: "DASH out of range", text: "case_ref,victim,referring_agency,referral_basis,dash_score\nMC-1,Amira K,Police,actuarial,25\n",
                line: 2, column: "dash_score", says: "whole number from 0 to 24"),
        BadCase(name: "duplicate case ref", text: "case_ref,victim,referring_agency,referral_basis\nMC-1,Amira K,Police,actuarial\nMC-2,Joan P,Idva,repeat\nMC-1,Beth L,Police,escalation\n",
                line: 4, column: "case_ref", says: "case 'MC-1' is already on line 2"),
        BadCase(name: "empty required field", text: "case_ref,victim,referring_agency,referral_basis\nMC-1,,Police,actuarial\n",
                line: 2, column: "victim", says: "'victim' is required but empty"),
        BadCase(name: "bad boolean", text: "case_ref,victim,referring_agency,referral_basis,disabled\nMC-1,Amira K,Police,actuarial,maybe\n",
                line: 2, column: "disabled", says: "'maybe' should be yes, no or blank"),
        BadCase(name: "bad hearing date in a list", text: "case_ref,victim,referring_agency,referral_basis,previous_hearings\nMC-1,Amira K,Police,actuarial,01/01/2026;2026-13-01\n",
                line: 2, column: "previous_hearings", says: "'2026-13-01' is not a date"),
        BadCase(name: "too many fields", text: "case_ref,victim,referring_agency,referral_basis\nMC-1,Amira K,Police,actuarial,extra\n",
                line: 2, column: "#5", says: "the row has 5 fields but the header has 4"),
        BadCase(name: "line numbers count a quoted line break and a blank line", text: "case_ref,victim,referring_agency,referral_basis\nMC-1,\"Amira\nK\",Police,actuarial\n\nMC-2,Joan P,Police,nonsense\n",
                line: 5, column: "referral_basis", says: "'nonsense'"),
        BadCase(name: "unterminated quote", text: "case_ref,victim,referring_agency,referral_basis\nMC-1,\"Amira K,Police,actuarial\nMC-2,Joan P,Police,repeat\n",
                line: 2, column: "victim", says: "quoted field is never closed"),
        BadCase(name: "semicolon-separated file", text: "case_ref;victim;referring_agency;referral_basis\nMC-1;Amira K;Police;actuarial\n",
                line: 1, column: "case_ref", says: "separated by ';'"),
        BadCase(name: "header only", text: "case_ref,victim,referring_agency,referral_basis\n",
                line: 0, column: nil, says: "has a header but no cases"),
    ]

    @Test("bad input: one error naming the line, the column and what is wrong", arguments: bad)
    func badInput(_ c: BadCase) {
        guard let p = problem(c.text) else { Issue.record("\(c.name): parsed without error"); return }
        #expect(p.file == "agenda.csv")
        #expect(p.line == c.line, "\(p)")
        #expect(p.column == c.column, "\(p)")
        #expect(p.message.contains(c.says), "\(p)")
        if c.line > 0 { #expect(p.description.hasPrefix("agenda.csv:\(c.line)")) }
    }

    @Test("an empty or blank file is refused")
    func emptyFile() {
        for text in ["", "\n\n", "  \r\n"] {
            let p = problem(text)
            #expect(p?.message.contains("empty") == true, "\(String(describing: p))")
        }
    }

    @Test("a file that is not UTF-8 is refused, naming the line and column")
    func notUTF8() {
        var bytes = Array("case_ref,victim,referring_agency,referral_basis\nMC-1,Amira K,Police,actuarial\nMC-2,Jo".utf8)
        bytes.append(0xE9)   // Latin-1 é
        bytes += Array("l P,Police,repeat\n".utf8)
        do { _ = try AgendaImport.parse(bytes: bytes, file: "agenda.csv"); Issue.record("parsed Latin-1") } catch {
            #expect(error.line == 3)
            #expect(error.column == "victim")
            #expect(error.message.contains("UTF-8"))
        }
    }

    @Test("a risk factor one slip from a known one is warned about, naming the line and what was meant")
    func misspeltRiskFactor() throws {
        let text = "case_ref,victim,referring_agency,referral_basis,risk_factors\nMC-1,Amira K,Police,actuarial,strangulaton; stalking\n"
            + "MC-2,Joan P,Idva,repeat,money worries\n"
        let result = try AgendaImport.parse(bytes: Array(text.utf8), file: "agenda.csv")
        #expect(result.warnings.count == 1, "\(result.warnings)")
        let w = try #require(result.warnings.first)
        #expect(w.line == 2 && w.column == "risk_factors")
        #expect(w.message.contains("'strangulaton'") && w.message.contains("did you mean 'strangulation'?")
                && w.message.contains("not flagged as a high-risk indicator"), "\(w.message)")
        // Kept as typed: nothing is changed behind the coordinator's back.
        #expect(result.cases[0].details?.riskFactors.first == .other("strangulaton"))
    }

    @Test("Windows line ends and a byte-order mark are accepted")
    func crlfAndBOM() throws {
        let text = "case_ref,victim,referring_agency,referral_basis\r\nMC-1,Amira K,Police,actuarial\r\nMC-2,Joan P,Idva,repeat\r\n"
        let r = try AgendaImport.parse(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8), file: "agenda.csv")
        #expect(r.cases.map(\.caseRef) == ["MC-1", "MC-2"])
        #expect(r.cases[1].referralBasis == .repeatReferral)
        #expect(r.cases[1].victim == "Joan P")
        // and errors still name the right line with CRLF
        let p = problem("case_ref,victim,referring_agency,referral_basis\r\nMC-1,Amira K,Police,actuarial\r\nMC-2,Joan P,Idva,bogus\r\n")
        #expect(p?.line == 3)
    }

    @Test("an unknown column is a warning naming it, not an error")
    func unknownColumn() throws {
        let r = try parse("case_ref,victim,referring_agency,referral_basis,shoe_size\nMC-1,Amira K,Police,actuarial,9\n")
        #expect(r.cases.count == 1)
        #expect(r.warnings.count == 1)
        #expect(r.warnings.first?.line == 1)
        #expect(r.warnings.first?.column == "shoe_size")
        #expect(r.warnings.first?.message.contains("unknown column 'shoe_size'") == true)
    }

    @Test("header names are matched loosely: case, spaces and underscores")
    func looseHeader() throws {
        let r = try parse("Case Ref,Victim,Referring Agency,Referral_Basis\nMC-1,Amira K,Police,Professional Judgement\n")
        #expect(r.cases.first?.referralBasis == .professionalJudgement)
    }
}

@Suite("Agenda import: people's mistakes")
struct AgendaImportMistakeTests {
    func parse(_ text: String) throws -> AgendaImport.Result {
        try AgendaImport.parse(bytes: Array(text.utf8), file: "agenda.csv")
    }

    @Test func referencesDifferingOnlyInLetterCaseAreOneCase() {
        #expect(throws: AgendaImport.Problem.self) {
            try parse("case_ref,victim,referring_agency,referral_basis\nMC-1,V One,Police,actuarial\nmc-1,V Two,Police,actuarial\n")
        }
    }

    @Test func anActuarialReferralBelowTheThresholdIsQueried() throws {
        let result = try parse("case_ref,victim,referring_agency,referral_basis,dash_score\nMC-1,V One,Police,actuarial,3\nMC-2,V Two,Police,actuarial,16\n")
        #expect(result.cases.count == 2)
        #expect(result.warnings.map(\.line) == [2])
        #expect(result.warnings.first?.column == "dash_score")
        #expect(result.warnings.first?.message.contains("professional judgement") == true)
    }
}

@Suite("Agenda import: dates against the meeting")
struct AgendaDatesAgainstMeetingTests {
    @Test func datesAfterTheMeetingAreWarnedWithLineAndColumn() throws {
        let text = "case_ref,victim,referring_agency,referral_basis,referral_date,previous_hearings\n"
            + "MC-1,V One,Police,actuarial,20/11/2026,\n"
            + "MC-2,V Two,Police,actuarial,20/12/2026,03/12/2026\n"
        let result = try AgendaImport.parse(bytes: Array(text.utf8), file: "a.csv",
                                            meetingDate: CalendarDate(year: 2026, month: 12, day: 1)!)
        #expect(result.cases.count == 2)
        #expect(result.warnings.map { "\($0.line) \($0.column ?? "")" } == ["3 referral_date", "3 previous_hearings"])
    }
}
