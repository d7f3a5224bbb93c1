import Testing
@testable import MaracCore

@Suite struct SmartRulesTests {
    static let today = CalendarDate(year: 2026, month: 12, day: 1)!
    static let due = CalendarDate(year: 2026, month: 12, day: 14)

    func codes(_ text: String, owner: String = "Police", due: CalendarDate? = SmartRulesTests.due,
               category: ActionCategory? = .victimSafety, present: [String] = ["Police", "Idva"]) -> Set<String> {
        Set(SmartRules.check(text: text, owner: owner, due: due, category: category, today: Self.today,
                             agenciesPresent: present).map(\.code))
    }

    @Test func aSpecificOwnedTimedActionPasses() {
        #expect(codes("Disclose previous convictions under Clare's Law to the victim") == [])
    }

    @Test(arguments: ["Monitor the situation", "Consider a referral to MATAC", "Housing to assist as appropriate",
                      "Fit an alarm ASAP", "Provide a Skyguard alarm when available"])
    func vagueWordingWarns(text: String) {
        #expect(codes(text).contains("vague-wording"))
    }

    @Test func wordsInsideOtherWordsAreNotVague() {
        #expect(!codes("Discuss demonitored tag with probation officer").contains("vague-wording"))
    }

    @Test func missingOwnerOrDateAreErrors() {
        let f = SmartRules.check(text: "Refer to perpetrator programme", owner: " ", due: nil, category: .perpetrator,
                                 today: Self.today, agenciesPresent: [])
        #expect(f.filter { $0.severity == .error }.map(\.code).sorted() == ["no-due-date", "no-owner"])
    }

    @Test func pastDueDateIsAnErrorAndAbsentOwnerAWarning() {
        let c = codes("Refer to perpetrator programme", owner: "Probation", due: CalendarDate(year: 2026, month: 11, day: 30))
        #expect(c == ["due-in-past", "owner-absent"])
    }

    @Test func noCategoryWarns() {
        #expect(codes("Refer to perpetrator programme", category: nil) == ["no-category"])
    }
}

@Suite struct CasePromptTests {
    func closeCase(children: Int?, actions: [Action], notes: [(NoteKind, String)] = [],
                   feedback: VictimFeedback? = VictimFeedback(agency: "Idva", route: .inPerson)) -> Set<String> {
        var r = Sample.started()
        r.record(.caseQueued(agendaCase: Sample.agendaCase("MC-7", children: children), late: true))
        for a in actions { r.record(.actionAgreed(action: a)) }
        for (kind, text) in notes { r.record(.noteAdded(caseRef: "MC-7", agency: "Idva", kind: kind, text: text)) }
        if let feedback { r.record(.feedbackAgreed(caseRef: "MC-7", feedback: feedback)) }
        return Set(CasePrompts.check(r.state.cases["MC-7"]!, in: r.state).map(\.code))
    }

    @Test func completeCaseHasNoPrompts() {
        let c = closeCase(children: 1, actions: [Sample.action("a1", "MC-7", .perpetrator), Sample.action("a2", "MC-7", .children),
                                                 Sample.action("a3", "MC-7", .victimSafety)],
                          notes: [(.victimsViews, "Wants him to stay away from the children")])
        #expect(c.isEmpty)
    }

    @Test func aCaseWithoutAVictimSafetyActionIsPromptedAsTheScorecardScoresIt() {
        // The trial: perpetrator and children actions, closed with "No prompts left", scored "no victim-safety action".
        let c = closeCase(children: 1, actions: [Sample.action("a1", "MC-7", .perpetrator), Sample.action("a2", "MC-7", .children)],
                          notes: [(.victimsViews, "ok")])
        #expect(c == ["no-victim-safety-action"])
        // A housing action (new locks, a sanctuary scheme) covers it, as in the rubric.
        let housing = closeCase(children: 0, actions: [Sample.action("a1", "MC-7", .perpetrator), Sample.action("a2", "MC-7", .housing)],
                                notes: [(.victimsViews, "ok")])
        #expect(!housing.contains("no-victim-safety-action"))
        #expect(CasePrompts.coversVictimSafety([Sample.action("a2", "MC-7", .housing)]))
        #expect(CasePrompts.promptTitle("no-victim-safety-action") == "No action for the victim's safety")
    }

    @Test func anActionOwnedByAnAbsentAgencyWithNobodyToTellThemIsPrompted() {
        var r = Sample.started()
        r.record(.attendanceRecorded(attendance: Attendance(agency: "Idva", representative: "Pat Test", role: .present, confidentialityAgreed: true)))
        r.record(.attendanceRecorded(attendance: Attendance(agency: "Housing", representative: "Chris Test", role: .apologies, informationSent: true)))
        r.record(.actionAgreed(action: Sample.action("20261201-mc-1", "MC-2", .housing, owner: "Housing")))
        r.record(.actionAgreed(action: Sample.action("20261201-mc-2", "MC-2", .victimSafety, owner: "Idva")))
        func prompts() -> [Finding] { CasePrompts.check(r.state.cases["MC-2"]!, in: r.state).filter { $0.code.hasPrefix("absent-owner") } }
        #expect(prompts().map(\.code) == [CasePrompts.absentOwnerCode("20261201-mc-1")])
        #expect(prompts().first?.message == "Action 20261201-mc-1 is owned by Housing, who are not here: who will tell them?")
        #expect(CasePrompts.absentOwnerAction(inCode: prompts()[0].code) == "20261201-mc-1")
        #expect(CasePrompts.promptTitle(prompts()[0].code).contains("no one named to tell them"))
        r.record(.absentOwnerToBeTold(actionID: "20261201-mc-1", byAgency: "Idva"))
        #expect(prompts().isEmpty)
    }

    @Test func anAbsentOwnerPromptPassesForItsOwnActionOnly() {
        var r = Sample.started()
        r.record(.attendanceRecorded(attendance: Attendance(agency: "Idva", representative: "Pat Test", role: .present, confidentialityAgreed: true)))
        r.record(.actionAgreed(action: Sample.action("x-1", "MC-2", .housing, owner: "Housing")))
        r.record(.actionAgreed(action: Sample.action("x-2", "MC-2", .perpetrator, owner: "Probation")))
        r.record(.promptPassed(caseRef: "MC-2", prompt: CasePrompts.absentOwnerCode("x-1"), reason: "Housing were copied in by email"))
        let codes = CasePrompts.check(r.state.cases["MC-2"]!, in: r.state).map(\.code)
        #expect(!codes.contains(CasePrompts.absentOwnerCode("x-1")))
        #expect(codes.contains(CasePrompts.absentOwnerCode("x-2")))
    }

    @Test func noRegisterNoAbsentOwnerPrompt() {
        // Before anyone is registered nobody present could be named (as when the action is agreed).
        var r = Sample.started()
        r.record(.actionAgreed(action: Sample.action("x-1", "MC-2", .housing, owner: "Housing")))
        #expect(!CasePrompts.check(r.state.cases["MC-2"]!, in: r.state).contains { $0.code.hasPrefix("absent-owner") })
    }

    @Test func missingPerpetratorAndChildrenActionsArePrompted() {
        let c = closeCase(children: 2, actions: [Sample.action("a1", "MC-7", .victimSafety)], notes: [(.victimsViews, "ok")])
        #expect(c == ["no-perpetrator-action", "no-children-action"])
    }

    @Test func phoneFeedbackWhenThePerpetratorHasThePhoneIsPrompted() {
        let c = closeCase(children: 0, actions: [Sample.action("a1", "MC-7", .perpetrator)],
                          notes: [(.victimsViews, "He has been answering her phone when the Idva calls")],
                          feedback: VictimFeedback(agency: "Idva", route: .phone))
        #expect(c.contains("phone-feedback-risk"))
        let safe = closeCase(children: 0, actions: [Sample.action("a1", "MC-7", .perpetrator)],
                             notes: [(.victimsViews, "He has been answering her phone")],
                             feedback: VictimFeedback(agency: "Idva", route: .inPerson))
        #expect(!safe.contains("phone-feedback-risk"))
    }

    @Test(arguments: ["She refuses to engage with services", "Victim chose to go back to him", "In my opinion she is exaggerating"])
    func opinionOrVictimBlamingIsPrompted(text: String) {
        let c = closeCase(children: 0, actions: [Sample.action("a1", "MC-7", .perpetrator)], notes: [(.riskInformation, text), (.victimsViews, "x")])
        #expect(c.contains("judgemental-wording"))
    }

    @Test func passedPromptsStayPassed() {
        var r = Sample.started()
        r.record(.promptPassed(caseRef: "MC-2", prompt: "no-perpetrator-action", reason: "perpetrator in custody; MAPPA lead"))
        let codes = CasePrompts.check(r.state.cases["MC-2"]!, in: r.state).map(\.code)
        #expect(!codes.contains("no-perpetrator-action"))
        #expect(codes.contains("no-actions"))
    }
}

@Suite struct RepeatTests {
    static let hearing = CalendarDate(year: 2026, month: 12, day: 1)!

    @Test func aHearingWithinTwelveMonthsMakesARepeat() {
        let c = Sample.agendaCase("R1", hearings: [CalendarDate(year: 2026, month: 3, day: 10)!],
                                  referral: CalendarDate(year: 2026, month: 11, day: 20))
        #expect(c.isRepeat(hearingDate: Self.hearing))
        #expect(!c.repeatWindowLapsed(hearingDate: Self.hearing))
    }

    @Test func aHearingOverTwelveMonthsAgoIsANewReferral() {
        let c = Sample.agendaCase("R2", hearings: [CalendarDate(year: 2025, month: 10, day: 1)!],
                                  referral: CalendarDate(year: 2026, month: 11, day: 20))
        #expect(!c.isRepeat(hearingDate: Self.hearing))
        #expect(c.repeatWindowLapsed(hearingDate: Self.hearing))
    }

    @Test func theAgendaFlagOrBasisAlsoMakesARepeat() {
        #expect(Sample.agendaCase("R3", basis: .repeatReferral).isRepeat(hearingDate: Self.hearing))
        #expect(!Sample.agendaCase("R4").isRepeat(hearingDate: Self.hearing))
    }

    @Test func agendaOrderPutsChildrenFirstThenAdultsThenNotifications() {
        let cases = [Sample.agendaCase("A1"), Sample.agendaCase("N1", notification: true), Sample.agendaCase("C1", children: 1),
                     Sample.agendaCase("A2", children: 0), Sample.agendaCase("C2", children: 3)]
        // A1's children are not known (blank): it sorts with the children's cases until someone asks.
        #expect(AgendaImport.agendaOrder(cases).map(\.caseRef) == ["A1", "C1", "C2", "A2", "N1"])
    }
}

@Suite struct SafeTextTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("title\u{1B}]0;pwned\u{07}after", "titleafter"),
        ("red\u{1B}[31mtext\u{1B}[0m", "redtext"),
        ("dcs\u{1B}Pq#0;2;0;0;0\u{1B}\\end", "dcsend"),
        ("bidi \u{202E}evil\u{202C} x", "bidi evil x"),
        ("line\nbreak\ttab", "line break tab"),
        ("bell\u{07}nul\u{0}del\u{7F}c1\u{9B}31m", "bellnuldelc1"),
        ("Zoë Ünal 会议 ✓", "Zoë Ünal 会议 ✓"),
    ])
    func cleansTerminalControls(input: String, expected: String) {
        #expect(SafeText.line(input) == expected)
    }

    @Test func blocksKeepNewlines() {
        #expect(SafeText.block("a\r\nb\u{1B}[2Jc") == "a\nbc")
    }

    @Test func truncationMarksTheCut() {
        #expect(SafeText.truncate("abcdef", 4) == "abc…")
        #expect(SafeText.truncate("abc", 4) == "abc")
    }
}

@Suite struct FarOffDueDateTests {
    @Test func aDueDateMonthsAwayIsQueriedButNotRefused() {
        let today = CalendarDate(year: 2026, month: 12, day: 15)!
        // "14/12" typed on 15/12 becomes 14/12 next year.
        let due = try? DueDateInput.parse("14/12", today: today).get()
        let findings = SmartRules.check(text: "Refer the perpetrator to the programme", owner: "Probation", due: due,
                                        category: .perpetrator, today: today, agenciesPresent: ["Probation"])
        #expect(findings.map(\.code) == ["due-far-off"])
        #expect(findings.allSatisfy { $0.severity == .warning })
        let soon = SmartRules.check(text: "Refer the perpetrator to the programme", owner: "Probation",
                                    due: today.adding(days: 21), category: .perpetrator, today: today, agenciesPresent: ["Probation"])
        #expect(soon.isEmpty)
    }
}
