import Testing
@testable import MaracCore

@Suite struct NameMatchTests {
    @Test(arguments: [
        ("Amira Khan", "amira khan"),            // case
        ("Amira  Khan ", " Amira Khan"),         // spacing
        ("Zoë Brontë", "Zoe Bronte"),            // diacritics, precomposed
        ("Zoe\u{0308} Bronte", "Zoë Brontë"),    // diacritics, decomposed
        ("Khan Amira", "Amira Khan"),            // family name first
        ("KHAN, Amira", "amira khan"),           // register style
        ("Siobhán O'Neill", "siobhan oneill"),   // apostrophe
        ("Anna-Marie Dubois", "Anna Marie DUBOIS"),
        ("Łukasz Wójcik", "Lukasz Wojcik"),
        ("Jürgen Straße", "Jurgen Strasse"),
    ])
    func sameNames(a: String, b: String) {
        #expect(NameMatch.compare(a, b) == .same)
        #expect(NameMatch.key(a) == NameMatch.key(b))
    }

    @Test(arguments: [
        ("Denise Fowler", "Denise Folwer"), // two letters swapped
        ("Denise Fowler", "Denise Fowlr"), // one dropped
        ("Amira Khan", "A Khan"),          // initial
    ])
    func similarNamesNeedConfirming(a: String, b: String) {
        #expect(NameMatch.compare(a, b) == .similar)
    }

    /// False friends: people a careless match would link.
    @Test(arguments: [
        ("Mark Peters", "Peter Marks"),        // the same letters, other people
        ("Jo Lee", "Joe Lee"),                 // a slip in a short name is another name
        ("Ann Lee", "Anna Lee"),
        ("Amira Khan", "Samira Khanum"),       // two words differ
        ("Amira Khan", "Amira Khan Begum"),    // a third word: another person until confirmed
        ("Amira Khan", "Yasmin Khan"),         // a sister
        ("Daniel Roberts", "Daniel Robertson"),
        ("", "Amira Khan"),
    ])
    func falseFriendsDoNotMatch(a: String, b: String) {
        #expect(NameMatch.compare(a, b) == .different)
    }
}

@Suite struct CaseHistoryTests {
    static let earlierDate = CalendarDate(year: 2026, month: 7, day: 2)!
    static let today = CalendarDate(year: 2026, month: 12, day: 1)!

    func agenda(_ ref: String, _ victim: String, _ perpetrator: String?, repeatFlag: Bool? = nil) -> AgendaCase {
        AgendaCase(caseRef: ref, victim: victim, perpetrator: perpetrator, referringAgency: "Police",
                   referralBasis: .actuarial, dashScore: 15, repeatFlag: repeatFlag, children: 0)
    }

    /// An earlier meeting that heard `cases`, with one action each (the first done, later ones open).
    func earlierMeeting(_ cases: [AgendaCase], heard: Bool = true) -> CaseHistory.EarlierMeeting {
        var m = Meeting()
        var seq = 0
        func add(_ e: MeetingEvent) { m.append(RecordedEvent(seq: seq, at: 1_782_990_000_000 + Int64(seq), event: e)); seq += 1 }
        add(.meetingCreated(info: MeetingInfo(id: "2026-07-02-northvale", date: Self.earlierDate, area: "Northvale", chair: "Chair"), rules: .national))
        for c in cases { add(.caseQueued(agendaCase: c, late: false)) }
        add(.meetingStarted)
        for (i, c) in cases.enumerated() {
            add(.discussionStarted(caseRef: c.caseRef))
            add(.actionAgreed(action: Action(id: "20260702-northvale-\(i + 1)", caseRef: c.caseRef, text: "Refer to the perpetrator programme",
                                             owner: "Probation", due: CalendarDate(year: 2026, month: 7, day: 30), category: .perpetrator)))
            if heard { add(.discussionEnded(caseRef: c.caseRef, overrunReason: nil)) }
        }
        return CaseHistory.EarlierMeeting(state: m.state, statusNow: ["20260702-northvale-1": .done])
    }

    @Test func aChangedReferenceStillLinksByNames() {
        let then = earlierMeeting([agenda("MC-0990", "Denise Fowler", "Frank Fowler")])
        let found = CaseHistory.find(for: agenda("MC-1207", "FOWLER Denise", "Frank  Fowler"), in: [then], before: Self.today)
        #expect(found.count == 1)
        #expect(found[0].match == .names)
        #expect(found[0].caseRef == "MC-0990")
        #expect(found[0].date == Self.earlierDate)
        #expect(found[0].actions.map(\.outcome) == [.done])
        #expect(found[0].actions[0].owner == "Probation")
    }

    @Test func sameReferenceLinksEvenWithAnAccentDropped() {
        let then = earlierMeeting([agenda("MC-1", "Zoë Brontë", "Liam Hart")])
        let found = CaseHistory.find(for: agenda("mc-1", "Zoe Bronte", "Liam Hart"), in: [then], before: Self.today)
        #expect(found.map(\.match) == [.reference])
    }

    @Test func aSlipInANameIsOnlyPossible() {
        let then = earlierMeeting([agenda("MC-0990", "Denise Fowler", "Frank Fowler")])
        let found = CaseHistory.find(for: agenda("MC-1207", "Denise Fowlr", "Frank Fowler"), in: [then], before: Self.today)
        #expect(found.map(\.match) == [.possible])
    }

    @Test func falseFriendsDoNotLink() {
        let then = earlierMeeting([
            agenda("MC-0990", "Yasmin Khan", "Omar Khan"),   // her sister, the same perpetrator's family name
            agenda("MC-0991", "Omar Khan", "Amira Khan"),    // roles the other way round
            agenda("MC-0992", "Amira Khan", "Bilal Hussain"), // the same victim, another perpetrator
        ])
        let found = CaseHistory.find(for: agenda("MC-1207", "Amira Khan", "Omar Khan"), in: [then], before: Self.today)
        #expect(found.isEmpty)
    }

    @Test func aReusedReferenceWithOtherNamesIsNotTakenAsThisCase() {
        let then = earlierMeeting([agenda("MC-5", "Priya Shah", "Tom Reed")])
        let found = CaseHistory.find(for: agenda("MC-5", "Denise Fowler", "Frank Fowler"), in: [then], before: Self.today)
        #expect(found.map(\.match) == [.possible])
    }

    @Test func casesNotHeardAndLaterMeetingsAreNotHistory() {
        let deferred = earlierMeeting([agenda("MC-0990", "Denise Fowler", "Frank Fowler")], heard: false)
        #expect(CaseHistory.find(for: agenda("MC-1", "Denise Fowler", "Frank Fowler"), in: [deferred], before: Self.today).isEmpty)
        let heard = earlierMeeting([agenda("MC-0990", "Denise Fowler", "Frank Fowler")])
        #expect(CaseHistory.find(for: agenda("MC-1", "Denise Fowler", "Frank Fowler"), in: [heard], before: Self.earlierDate).isEmpty)
    }

    @Test func confirmedHistoryMakesARepeatTheAgendaMissed() {
        let then = earlierMeeting([agenda("MC-0990", "Denise Fowler", "Frank Fowlr")])
        let now = agenda("MC-1207", "Denise Fowler", "Frank Fowler", repeatFlag: false)
        let found = CaseHistory.find(for: now, in: [then], before: Self.today)
        var r = Recorder()
        r.record(.meetingCreated(info: MeetingInfo(id: "m", date: Self.today, area: "Northvale", chair: "Chair"), rules: .national))
        r.record(.caseQueued(agendaCase: now, late: false))
        r.record(.caseHistoryFound(caseRef: "MC-1207", hearings: found))
        var c = r.state.cases["MC-1207"]!
        #expect(c.unconfirmedHistory.count == 1)
        #expect(!c.isRepeat(hearingDate: Self.today))
        r.record(.earlierHearingDecided(caseRef: "MC-1207", hearingKey: found[0].key, confirmed: true))
        c = r.state.cases["MC-1207"]!
        #expect(c.unconfirmedHistory.isEmpty)
        #expect(c.isRepeat(hearingDate: Self.today))
        let why = c.repeatDisagreement(hearingDate: Self.today)
        #expect(why?.contains("the agenda says not a repeat") == true)
        #expect(why?.contains("02/07/2026") == true)
        r.record(.earlierHearingDecided(caseRef: "MC-1207", hearingKey: found[0].key, confirmed: false))
        #expect(!r.state.cases["MC-1207"]!.isRepeat(hearingDate: Self.today))
    }
}

@Suite struct YoungPeopleTests {
    func agenda(children: Int?, aged16to17: Bool? = nil, under18: Bool? = nil) -> AgendaCase {
        AgendaCase(caseRef: "MC-1", victim: "V", perpetrator: "P", referringAgency: "Police", referralBasis: .actuarial,
                   children: children, aged16to17: aged16to17, perpetratorUnder18: under18)
    }

    @Test func youngPeopleAndUnknownChildrenSortWithTheChildrensCases() {
        #expect(agenda(children: 0).section == .adultOnly)
        #expect(agenda(children: 0, aged16to17: true).section == .withChildren)
        #expect(agenda(children: 0, under18: true).section == .withChildren)
        #expect(agenda(children: nil).section == .withChildren)
        #expect(agenda(children: nil).childrenUnknown)
        #expect(agenda(children: 2).section == .withChildren)
    }

    @Test func promptsForYoungPeople() {
        var r = Sample.started()
        r.record(.caseQueued(agendaCase: AgendaCase(caseRef: "MC-9", victim: "V", perpetrator: "P", referringAgency: "Police",
                                                    referralBasis: .actuarial, children: nil, aged16to17: true,
                                                    perpetratorUnder18: true), late: true))
        let codes = Set(CasePrompts.check(r.state.cases["MC-9"]!, in: r.state).map(\.code))
        #expect(codes.isSuperset(of: ["victim-16-17", "perpetrator-under-18", "children-unknown"]))
        r.record(.actionAgreed(action: Action(id: "a", caseRef: "MC-9", text: "Refer to the Youth Offending Service for a assessment",
                                              owner: "Children's Social Care", due: nil, category: .children)))
        let after = Set(CasePrompts.check(r.state.cases["MC-9"]!, in: r.state).map(\.code))
        #expect(!after.contains("victim-16-17"))
        #expect(!after.contains("perpetrator-under-18"))
    }
}

@Suite struct NoteCorrectionTests {
    @Test func amendKeepsTheOriginalAndWithdrawRemovesTheNote() {
        var r = Sample.started()
        r.record(.noteAdded(caseRef: "MC-1", agency: "Police", kind: .riskInformation, text: "Frank Fowlr has a knife"))
        let seq = r.meeting.events.last!.seq
        r.record(.noteAdded(caseRef: "MC-1", agency: "Idva", kind: .other, text: "Second note"))
        let second = r.meeting.events.last!.seq
        r.record(.noteAmended(caseRef: "MC-1", noteSeq: seq, agency: "Probation", kind: .riskInformation,
                              text: "Frank Fowler has a knife", reason: "name misspelt; it was probation's information"))
        var c = r.state.cases["MC-1"]!
        #expect(c.notes.first!.text == "Frank Fowler has a knife")
        #expect(c.notes.first!.agency == "Probation")
        #expect(c.notes.first!.isAmended)
        #expect(c.notes.first!.revisions.map(\.text) == ["Frank Fowlr has a knife"])
        r.record(.noteWithdrawn(caseRef: "MC-1", noteSeq: second, reason: "typed in the wrong case"))
        c = r.state.cases["MC-1"]!
        #expect(c.notes.map(\.text) == ["Frank Fowler has a knife"])
        #expect(c.withdrawnNotes.map(\.withdrawalReason) == ["typed in the wrong case"])
        // Undoing the withdrawal brings the note back.
        r.record(.undone(seq: r.meeting.events.last!.seq))
        #expect(r.state.cases["MC-1"]!.notes.count == 2)
    }

    @Test func caseDetailsSetInTheMeetingReplaceTheAgendas() {
        var r = Sample.started()
        r.record(.caseDetailsSet(caseRef: "MC-2", details: CaseDetails(flags: [.mappa], contactSafety: [.phone])))
        let c = r.state.cases["MC-2"]!
        #expect(c.details.flags == [.mappa])
        #expect(c.details.contactSafety == [.phone])
        #expect(c.detailsChangedInMeeting)
    }
}
