@testable import MaracCore
import Testing

/// Issue 21: references that read the same are one case; inputs that are slips are refused.
@Suite("Look-alike references, NUL bytes, far due dates")
struct LookAlikeTests {
    static let header = "case_ref,victim,referring_agency,referral_basis\n"

    static func parse(_ rows: [String]) throws(AgendaImport.Problem) -> AgendaImport.Result {
        try AgendaImport.parse(bytes: Array((header + rows.joined(separator: "\n") + "\n").utf8), file: "agenda.csv")
    }

    @Test("MC-1001, MC-1001 with a hidden U+202E and MC-1001 with a zero-width space are one case")
    func lookAlikesAreDuplicates() {
        for lookAlike in ["MC-\u{202E}1001", "MC-1001\u{200B}", "MC-10\u{2060}01", "\u{FEFF}mc-1001", "MC-\u{00A0}1001".replacingOccurrences(of: "\u{00A0}", with: "")] {
            do {
                _ = try Self.parse(["MC-1001,A Person,Police,actuarial", "\(lookAlike),B Person,Police,actuarial"])
                Issue.record("\(lookAlike.unicodeScalars.map { String($0.value, radix: 16) }) was accepted as a second case")
            } catch {
                #expect(error.line == 3, "\(error)")
                #expect(error.column == "case_ref")
                #expect(error.message.contains("already on line 2"), "\(error.message)")
            }
        }
    }

    @Test("letters from other scripts that look Latin are the same case: Cyrillic МК-0104, Greek ΜΚ-0104, full-width ＭＫ－０１０４")
    func crossScriptLookAlikesAreDuplicates() throws {
        for lookAlike in ["\u{041C}\u{041A}-0104", "\u{039C}\u{039A}-0104", "\u{FF2D}\u{FF2B}\u{FF0D}\u{FF10}\u{FF11}\u{FF10}\u{FF14}",
                          "M\u{041A}-0104", "m\u{043A}-0104".replacingOccurrences(of: "\u{043A}", with: "k")] {
            do {
                _ = try Self.parse(["MK-0104,A Person,Police,actuarial", "\(lookAlike),B Person,Police,actuarial"])
                Issue.record("\(lookAlike.unicodeScalars.map { String($0.value, radix: 16) }) was accepted as a second case")
            } catch {
                #expect(error.line == 3, "\(error)")
                #expect(error.message.contains("already on line 2"), "\(error.message)")
            }
        }
        // Alone, the look-alike reference is stored as the Latin one and reported with the codes it replaced.
        let r = try Self.parse(["\u{041C}\u{041A}-0104,A Person,Police,actuarial"])
        #expect(r.cases.map(\.caseRef) == ["MK-0104"])
        #expect(r.cases[0].caseRef.unicodeScalars.allSatisfy { $0.isASCII })
        let warning = try #require(r.warnings.first { $0.column == "case_ref" })
        #expect(warning.message.contains("U+041C") && warning.message.contains("U+041A"), "\(warning.message)")
        // A reference genuinely in another script keeps its letters; only its look-alikes are folded for comparing.
        #expect(CaseReference.clean("\u{0414}\u{041A}-1").value == "\u{0414}\u{041A}-1")
        #expect(CaseReference.key("\u{0414}\u{041A}-1") == CaseReference.key("\u{0414}K-1"))
        #expect(CaseReference.key("MC-1001") != CaseReference.key("MC-1002"))
    }

    @Test("a reference that needed cleaning is stored clean and reported, its hidden characters shown by code")
    func cleanedReferenceIsReported() throws {
        let r = try Self.parse(["MC-\u{202E}1001\u{200B},A Person,Police,actuarial"])
        #expect(r.cases.map(\.caseRef) == ["MC-1001"])
        let warning = try #require(r.warnings.first { $0.column == "case_ref" })
        #expect(warning.line == 2)
        #expect(warning.message.contains("U+202E") && warning.message.contains("U+200B"), "\(warning.message)")
        #expect(warning.message.contains("\\u{202E}"), "the value is quoted with the hidden character shown: \(warning.message)")
        #expect(!warning.message.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x200B })
    }

    @Test("a reference of nothing but invisible characters is refused")
    func invisibleOnly() {
        #expect(throws: AgendaImport.Problem.self) { try Self.parse(["\u{200B}\u{202E},A Person,Police,actuarial"]) }
    }

    @Test("canonically equivalent spellings are one case (é as one character or e and an accent)")
    func canonicalEquivalence() {
        #expect(CaseReference.key("CAFÉ-1") == CaseReference.key("cafe\u{301}-1"))
        #expect(CaseReference.match("mc-1001\u{200D}", in: ["MC-1001", "MC-2002"]) == "MC-1001")
        #expect(CaseReference.match("MC-1002", in: ["MC-1001"]) == nil)
    }

    @Test("a NUL byte in an agenda: the error names its line")
    func nulNamesItsLine() {
        let bytes = Array((Self.header + "MC-1,A,Police,actuarial\nMC-2,B\u{0},Police,actuarial\n").utf8)
        do { _ = try AgendaImport.parse(bytes: bytes, file: "agenda.csv"); Issue.record("accepted a NUL") } catch {
            #expect(error.line == 3, "\(error)")
            #expect(error.description.hasPrefix("agenda.csv:3"), "\(error)")
        }
    }

    @Test("due dates more than two years after the meeting are refused; two years is allowed")
    func farDueDates() {
        let today = CalendarDate(year: 2026, month: 12, day: 1)!
        for text in ["31/12/9999", "02/12/2028", "+25m", "+3650d"] {
            guard case .failure(let problem) = DueDateInput.parse(text, today: today) else {
                Issue.record("\(text) accepted"); continue
            }
            if case .tooFar = problem {} else if text == "+3650d" {} else { Issue.record("\(text): \(problem)") }
        }
        #expect(DueDateInput.parse("01/12/2028", today: today) == .success(CalendarDate(year: 2028, month: 12, day: 1)!))
        #expect(DueDateInput.parse("+24m", today: today) == .success(CalendarDate(year: 2028, month: 12, day: 1)!))
        if case .failure(let p) = DueDateInput.parse("31/12/9999", today: today) {
            #expect(p.description.contains("01/12/2028"), "\(p)")
        }
    }

    @Test("a quoted value is cut to its length and shows escape sequences as codes")
    func quotedValues() {
        let q = SafeText.quoted("\u{1B}]52;c;abc\u{07}" + String(repeating: "x", count: 200), limit: 20)
        #expect(!q.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(q.hasPrefix("'\\u{1B}]52;c;abc\\u{7}"), "\(q)")
        #expect(q.hasSuffix("…'"))
    }
}
