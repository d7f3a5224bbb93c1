import Testing
@testable import MaracCore

/// The unsafe-feedback check must not depend on wording: a table of notes about a case where
/// Frank Fowler is the perpetrator and Denise the victim.
@Suite struct ContactNoteMatcherTests {
    static func routes(_ text: String, victimIsMale: Bool? = false) -> [ContactRoute] {
        ContactNoteMatcher.hits(in: text, perpetrator: "Frank Fowler", victim: "Denise Fowler", victimIsMale: victimIsMale).map(\.route)
    }

    @Test(arguments: [
        // The first-time chair's examples.
        ("Frank answers Denise's phone", ContactRoute.phone),
        ("Frank controls the phone", .phone),
        ("He monitors her mobile", .phone),
        ("Frank has taken her phone", .phone),
        ("He checks her phone every night", .phone),
        // More of the same, other words.
        ("He has her phone most days", .phone),
        ("Perpetrator reads her texts", .phone),
        ("Mr Fowler goes through her messages", .phone),
        ("Her partner took her mobile after the incident", .phone),
        ("Frank smashed her phone in October", .phone),
        ("He has access to her email account", .email),
        ("Frank knows her email password", .email),
        ("He opens her post", .post),
        ("The perpetrator collects the post from the shared address", .post),
        ("Frank intercepts her letters", .post),
        ("Ex-partner is tracking her phone with an app", .phone),
        ("He logged into her email and deleted messages", .email),
        ("FRANK FOWLER MONITORS HER WHATSAPP", .phone),
        ("Frank's mother says he keeps Denise's phone", .phone),
        ("Police note that he has been answering her phone when agencies call", .phone),
        ("Her husband pays for and controls the mobile contract", .phone),
        ("Denise says Frank looks at her texts", .phone),
    ])
    func accessOrControlIsFound(text: String, route: ContactRoute) {
        #expect(Self.routes(text).contains(route), "\(text)")
    }

    @Test(arguments: [
        "Denise has a new phone",                                   // no mention of him
        "She has a new phone that he does not know about",          // his access denied
        "He no longer has access to her phone",
        "Frank does not have her email address",
        "Police have seized Frank's phone as evidence",              // his phone, no access verb
        "He texts her constantly",                                   // harassment, not access (another prompt)
        "Idva checks her phone contact is safe before calling",      // not the perpetrator
        "She checks her post at her sister's address",
        "Frank Fowler has been remanded in custody",                 // no channel
        "He has never had access to her mobile",
        "Denise changed her email and phone number in November",
        "Housing sent a letter to the new address",
    ])
    func otherSentencesDoNotFire(text: String) {
        #expect(Self.routes(text).isEmpty, "\(text)")
    }

    @Test func aFemalePerpetratorIsShe() {
        #expect(ContactNoteMatcher.hits(in: "She checks his phone", perpetrator: "Kim Lane", victim: "Tom Lane", victimIsMale: true).map(\.route) == [.phone])
        #expect(ContactNoteMatcher.hits(in: "She checks his phone", perpetrator: "Kim Lane", victim: "Tom Lane", victimIsMale: false).isEmpty)
    }
}

@Suite struct UnsafeFeedbackTests {
    func record(notes: [String], contact: [ContactRoute] = [], route: FeedbackRoute) -> (CaseRecord, MeetingState) {
        var r = Sample.started()
        r.record(.caseQueued(agendaCase: AgendaCase(caseRef: "MC-9", victim: "Denise Fowler", perpetrator: "Frank Fowler",
                                                    referringAgency: "Police", referralBasis: .actuarial, children: 0,
                                                    details: CaseDetails(contactSafety: contact)), late: true))
        for n in notes { r.record(.noteAdded(caseRef: "MC-9", agency: "Police", kind: .riskInformation, text: n)) }
        r.record(.feedbackAgreed(caseRef: "MC-9", feedback: VictimFeedback(agency: "Idva", route: route)))
        return (r.state.cases["MC-9"]!, r.state)
    }

    @Test(arguments: ["Frank answers Denise's phone", "Frank controls the phone", "He monitors her mobile", "Frank has taken her phone",
                      "checks her phone"])
    func theChairsPhrasingsStopPhoneFeedback(note: String) {
        let (c, s) = record(notes: [note.hasPrefix("checks") ? "He " + note : note], route: .phone)
        #expect(CasePrompts.check(c, in: s).contains { $0.code == "phone-feedback-risk" }, "\(note)")
    }

    @Test func theFlagAloneStopsFeedbackByThatRoute() {
        let (c, s) = record(notes: [], contact: [.phone, .post], route: .phone)
        let f = CasePrompts.check(c, in: s).first { $0.code == "phone-feedback-risk" }
        #expect(f?.message.contains("Frank Fowler has access to her phone") == true)
        let (letter, s2) = record(notes: [], contact: [.post], route: .letter)
        #expect(CasePrompts.check(letter, in: s2).contains { $0.code == "unsafe-feedback-route" })
        let (safe, s3) = record(notes: [], contact: [.phone], route: .inPerson)
        #expect(!CasePrompts.check(safe, in: s3).contains { $0.code.contains("feedback-r") })
    }

    @Test func aNoteThatFiresOffersToSetTheFlag() {
        let (c, s) = record(notes: ["He monitors her mobile"], route: .inPerson)
        #expect(ContactSafetyCheck.suggestedRoutes(c) == [.phone])
        #expect(CasePrompts.check(c, in: s).contains { $0.code == "contact-safety-suggested" })
        let (flagged, _) = record(notes: ["He monitors her mobile"], contact: [.phone], route: .inPerson)
        #expect(ContactSafetyCheck.suggestedRoutes(flagged).isEmpty)
    }
}

@Suite struct CaseDetailsTests {
    @Test func agendaCellsParse() throws {
        let d = try CaseDetails.parse(summary: "Strangled at home 01/11", risks: "Choking; pregnant; threats to kill; dog bitten",
                                      flags: "MAPPA; cp plan; NRPF", contact: "phone; Post").get()
        #expect(d.riskFactors == [.known(.strangulation), .known(.pregnancy), .known(.threatsToKill), .other("dog bitten")])
        #expect(d.flags == [.mappa, .cpPlan, .noRecourse])
        #expect(d.contactSafety == [.phone, .post])
    }

    @Test func anUnknownFlagOrRouteIsNamed() {
        if case .failure(let p) = CaseDetails.parse(summary: nil, risks: nil, flags: "mapa", contact: nil) {
            #expect(p.column == "flags"); #expect(p.message.contains("'mapa'"))
        } else { Issue.record("mapa accepted") }
        if case .failure(let p) = CaseDetails.parse(summary: nil, risks: nil, flags: nil, contact: "pigeon") {
            #expect(p.column == "contact_safety")
        } else { Issue.record("pigeon accepted") }
    }

    @Test func everyDASHHighRiskIndicatorIsInTheVocabulary() {
        for term in ["strangulation or choking", "pregnancy or new baby", "separation", "weapons", "threats to kill", "stalking",
                     "escalation", "sexual abuse", "child contact"] {
            #expect(RiskFactor.parse(term)?.isHighRiskIndicator == true, "\(term)")
        }
    }
}
