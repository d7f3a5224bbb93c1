import MaracCore
import Testing
@testable import MaracUI

@Suite("Meeting screen behaviour")
struct MeetingScreenTests {
    func onCase(minute: Int = 17) throws -> FakeRuntime {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(minute))
        try rt.run("4")
        return rt
    }

    var formIsOpen: (FakeRuntime) -> Bool = { rt in
        if case .form = rt.screen.modal { return true } else { return false }
    }

    @Test func dueDateIsShownAsADayBesideTheField() throws {
        var rt = try onCase()
        try rt.run("aCall the victim<Tab>Idva<Tab>+7d")
        #expect(rt.text.contains("→ 08/12/2026 Tue"))
        try rt.run("<C-u>14/12")
        #expect(rt.text.contains("→ 14/12/2026 Mon"))
        try rt.run("<C-u>someday")
        #expect(rt.text.contains("✗ not a date"))
    }

    @Test func smartFindingsShowLiveAsYouType() throws {
        var rt = try onCase()
        try rt.run("aCall")
        #expect(rt.text.contains("Too short to be specific"))
        #expect(rt.text.contains("Give a bespoke due date"))
        try rt.run(" and monitor")
        #expect(rt.text.contains("'monitor' is vague"))
        #expect(rt.appends.isEmpty)
    }

    @Test func errorsBlockSavingWithTheReasonWarningsDoNot() throws {
        var rt = try onCase()
        try rt.run("aMonitor<C-s>")
        #expect(rt.appends.isEmpty)
        #expect(formIsOpen(rt))
        #expect(rt.text.contains("Not saved: Name the one agency"))
        // Warnings only: vague wording, owner not present, no category. It saves.
        try rt.run("<Tab>Probation<Tab>+7d<C-s>")
        #expect(rt.appends.count == 1)
        #expect(rt.screen.meeting.state.action("20261201-northvale-3")?.owner == "Probation")
        // Probation is not here: the chair is asked who will tell them (Esc leaves it unrecorded).
        #expect(rt.text.contains("Probation is not here"))
        try rt.run("<Esc>")
        #expect(!formIsOpen(rt))
    }

    @Test func anActionForAnAbsentAgencyRecordsWhoWillTellThem() throws {
        var rt = try onCase()
        try rt.run("aRefer to the perpetrator programme<Tab>Probation<Tab>+7d<Tab>perp<C-s>")
        #expect(rt.text.contains("Probation is not here"))
        try rt.run("<C-s>")
        let id = "20261201-northvale-3"
        #expect(rt.screen.meeting.state.absentOwnerInformers[id] == "Idva")
        #expect(!formIsOpen(rt))
    }

    @Test func ownersPresentComeFirstAndTheRestAreMarked() throws {
        let rt = try onCase()
        let owners = rt.screen.context.ownerAgencies
        let present = rt.screen.state.agenciesPresent
        #expect(Array(owners.prefix(present.count)) == present)
        #expect(rt.screen.context.presenceMark("Housing") == "apologies")
        #expect(rt.screen.context.presenceMark("Probation") == "not here")
        #expect(rt.screen.context.presenceMark("Police") == nil)
    }

    @Test func screenKeysTypedInAFieldAreText() throws {
        var rt = try onCase()
        try rt.run("aq?1pnsudx<F1>")
        #expect(formIsOpen(rt))
        #expect(!rt.quitRequested)
        #expect(rt.appends.isEmpty)
        #expect(rt.screen.screen == .caseView)
        if case .form(let form, _) = rt.screen.modal { #expect(form["what"] == "q?1pnsudx") }
    }

    @Test func appendFailedKeepsTheFormAndItsTextAndSaysNotSaved() throws {
        var rt = try onCase()
        try rt.run("aCall the victim weekly about the plan<Tab>Idva<Tab>fri<Tab>victim")
        rt.failNextAppend = "disk full"
        rt.press(.ctrl("s"))
        #expect(rt.appends.count == 1)
        #expect(formIsOpen(rt))
        if case .form(let form, _) = rt.screen.modal {
            #expect(form["what"] == "Call the victim weekly about the plan")
            #expect(form["owner"] == "Idva")
        }
        #expect(rt.screen.statusMessage == "NOT SAVED: disk full")
        #expect(rt.lines.contains { $0.contains("NOT SAVED: disk full") })
        #expect(rt.screen.meeting.state.actions.count == 2)
        // Trying again works once the journal accepts it.
        rt.press(.ctrl("s"))
        #expect(!formIsOpen(rt))
        #expect(rt.screen.meeting.state.actions.count == 3)
    }

    @Test func nothingChangesUntilTheJournalAnswers() throws {
        var screen = MeetingScreen(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        for key in KeyScript.parseOrEmpty("4oIdva<Tab><Right><Tab>Wants the locks changed") { _ = screen.update(.key(key)) }
        let before = screen.meeting.events.count
        let effects = screen.update(.key(.ctrl("s")))
        guard case .append(let events)? = effects.first else { Issue.record("no append effect"); return }
        #expect(events == [.noteAdded(caseRef: "NV-101", agency: "Idva", kind: .victimsViews, text: "Wants the locks changed")])
        #expect(screen.meeting.events.count == before)
        #expect(screen.meeting.state.cases["NV-101"]?.notes.count == 2)
        if case .form = screen.modal {} else { Issue.record("the form closed before the write was confirmed") }
        let record = RecordedEvent(seq: screen.meeting.nextSeq, at: Fixture.minutes(17), event: events[0])
        _ = screen.update(.appended([record]))
        #expect(screen.meeting.state.cases["NV-101"]?.notes.count == 3)
        #expect(screen.modal == nil)
    }

    @Test func privacyScreenHidesEveryNameAndRef() throws {
        for keys in ["1", "2", "3", "4", "5", "4a", "4?"] {
            var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
            try rt.run(keys + "<F12>")
            for size in [Size(cols: 80, rows: 24), Size(cols: 120, rows: 40)] {
                let text = rt.screen.view(size: size).text
                for c in Fixture.cases {
                    #expect(!text.contains(c.victim), "victim name visible on \(keys)")
                    #expect(!text.contains(c.caseRef), "case ref visible on \(keys)")
                }
                #expect(!text.contains("Northvale"))
                #expect(!text.contains("Harrow"))
                #expect(text.contains("Screen hidden — press F12 or Ctrl-B to show"))
            }
            // Keys do nothing while hidden; Ctrl-B shows the screen again.
            let modalBefore = rt.screen.modal
            try rt.run("qa")
            #expect(rt.screen.modal == modalBefore)
            #expect(!rt.quitRequested)
            try rt.run("<C-b>")
            #expect(!rt.text.contains("Screen hidden"))
        }
    }

    @Test func tooSmallSaysWhatIsNeeded() throws {
        let rt = try onCase()
        let buf = rt.screen.view(size: Size(cols: 70, rows: 20))
        let nonBlank = buf.lines().filter { !$0.trimmingWhitespace().isEmpty }
        #expect(nonBlank.count == 1)
        #expect(nonBlank.first?.trimmingWhitespace() == "Terminal too small: 80×24 needed, this is 70×20")
        #expect(!rt.screen.view(size: Size(cols: 80, rows: 24)).text.contains("too small"))
    }

    @Test func quitAsksFirstAndSaysEverythingIsSaved() throws {
        var rt = try onCase()
        try rt.run("q")
        #expect(rt.text.contains("Everything is already saved"))
        try rt.run("n")
        #expect(!rt.quitRequested)
        try rt.run("qy")
        #expect(rt.quitRequested)
    }

    @Test func readOnlyModeRefusesEdits() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17), mode: .readOnly)
        try rt.run("4a")
        #expect(rt.screen.modal == nil)
        #expect(rt.appends.isEmpty)
        #expect(rt.screen.statusMessage?.contains("read-only") == true)
    }

    @Test func closedMeetingIsLockedUntilReopenedWithAReason() throws {
        let timed = Fixture.discussing + [(30, .meetingClosed)]
        var rt = FakeRuntime(meeting: Fixture.meeting(timed), now: Fixture.minutes(31))
        try rt.run("4o")
        #expect(rt.screen.modal == nil)
        #expect(rt.screen.statusMessage == "meeting closed — read-only; R to reopen with a reason")
        try rt.run("R<Enter>")
        #expect(rt.text.contains("A reason is required to reopen"))
        try rt.run("Minutes needed a correction<Enter>")
        #expect(rt.screen.meeting.state.isClosed == false)
        #expect(rt.screen.meeting.state.reopenReasons == ["Minutes needed a correction"])
    }

    @Test func undoSaysWhatWasUndone() throws {
        var rt = try onCase()
        try rt.run("b")
        #expect(rt.screen.meeting.state.cases["NV-101"]?.bonusMinutes == 5)
        try rt.run("u")
        #expect(rt.screen.meeting.state.cases["NV-101"]?.bonusMinutes == 0)
        #expect(rt.screen.statusMessage == "Undone: bonus minutes granted (NV-101)")
    }

    /// On an item of any other business, `u` takes back that item's own action at once (it is the
    /// item on screen), as on a case.
    @Test func undoOnAnItemOfAnyOtherBusinessUndoesItsOwnActionAtOnce() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.opened), now: Fixture.minutes(30), size: Size(cols: 120, rows: 40))
        try rt.run("3BChange to the referral form<Tab>Police<C-s>")
        try rt.run("aSend the new referral form to every agency<Tab>Police<Tab>+7d<Tab>vict<Enter>")
        #expect(rt.screen.meeting.state.actions(for: "AOB-1").count == 1, "\(rt.text)")
        try rt.run("u")
        #expect(rt.screen.meeting.state.actions(for: "AOB-1").isEmpty, "no question for the item on screen: \(rt.text)")
    }

    /// `u` reaches back one change at a time, whatever the case: a change to a case other than
    /// the one on screen is asked about first, by name, and n leaves it as it was.
    @Test func undoOfAnotherCasesChangeAsksFirstNamingIt() throws {
        var rt = try onCase()
        let before = rt.screen.meeting.state.actions.count
        try rt.run("a")
        try rt.run("Police to visit the victim at home and agree a safety plan<Tab>Police<Tab>+7d<Tab>v<C-s>")
        let agreed = rt.screen.meeting.state.actions.count
        #expect(agreed == before + 1, "\(rt.text)")
        try rt.run("<Esc>j")            // back to the agenda, another case selected
        try rt.run("u")
        #expect(rt.text.contains("Undo action agreed for NV-101: Police to visit"), "\(rt.text)")
        #expect(rt.text.contains("not the case on screen"), "\(rt.text)")
        try rt.run("n")
        #expect(rt.screen.meeting.state.actions.count == agreed, "n keeps the action")
        try rt.run("uy")
        #expect(rt.screen.meeting.state.actions.count == before, "y undoes it")
        #expect(rt.screen.statusMessage?.hasPrefix("Undone: action agreed for NV-101") == true, "\(rt.screen.statusMessage ?? "")")
    }

    @Test func agendaReordersDefersAndWithdraws() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        try rt.run("3jJ")
        #expect(rt.screen.meeting.state.queue.prefix(3) == ["NV-101", "NV-103", "NV-102"])
        try rt.run("K")
        #expect(rt.screen.meeting.state.queue.prefix(3) == ["NV-101", "NV-102", "NV-103"])
        try rt.run("d<Right><Tab>Referrer not briefed<Enter>")
        #expect(rt.screen.meeting.state.cases["NV-102"]?.status == .deferredToNextMeeting)
        try rt.run("jw<Enter>")
        #expect(rt.text.contains("A reason is required"))
        try rt.run("Duplicate<Enter>")
        #expect(rt.screen.meeting.state.cases["NV-103"]?.status == .withdrawn)
    }

    @Test func lateCaseIsQueuedAsLate() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        // Enter on the sixth field no longer saves: the form goes on to the other agenda columns.
        try rt.run("3LNV-120<Tab>Dee Invented<Tab>GP<Tab><Right><Tab>16<Tab>1<C-s>")
        let c = rt.screen.meeting.state.cases["NV-120"]
        #expect(c?.late == true)
        #expect(c?.agenda.dashScore == 16)
        #expect(c?.agenda.children == 1)
        #expect(rt.text.contains("NV-120"))
    }

    @Test func reviewRecordsAnOutcomeWithANote() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.opened), now: Fixture.minutes(4))
        try rt.run("2j<Enter><Right><Right><Right><Tab>Bail lapsed, not re-checked<Enter>")
        let review = rt.screen.meeting.state.reviews["20261117-5"]
        #expect(review?.outcome == .notDone)
        #expect(review?.note == "Bail lapsed, not re-checked")
        #expect(rt.text.contains("2 reviewed · 1 left"))
    }

    @Test func userTextIsCleanedBeforeDrawing() throws {
        var rt = try onCase()
        rt.size = Size(cols: 120, rows: 40)
        try rt.run("oPolice<Tab><Tab>")
        rt.press(.char("\u{1B}")); try rt.run("[31mRED")
        rt.press(.ctrl("s"))
        #expect(!rt.text.contains("\u{1B}"))
        #expect(rt.text.contains("RED"))
    }
}

extension KeyScript {
    static func parseOrEmpty(_ text: String) -> [Key] {
        ((try? parse(text)) ?? []).compactMap { if case .key(let k) = $0 { return k } else { return nil } }
    }
}

@Suite("Header and projection")
struct HeaderTests {
    @Test func casesThatWillNotBeReachedAreFlagged() throws {
        // A 30-minute meeting cannot reach five cases at 10 minutes each.
        var info = Fixture.info
        info.plannedDurationMinutes = 30
        let records = [RecordedEvent(seq: 0, at: Fixture.t0, event: .meetingCreated(info: info, rules: .national))]
            + Fixture.cases.enumerated().map { RecordedEvent(seq: $0.offset + 1, at: Fixture.t0, event: .caseQueued(agendaCase: $0.element, late: false)) }
        var screen = MeetingScreen(meeting: Meeting(events: records), now: Fixture.t0)
        _ = screen.update(.key(.char("3")))
        let wide = screen.view(size: Size(cols: 120, rows: 40)).lines()
        #expect(wide[0].contains("⚠ 2 not reached at this pace"))
        #expect(wide.filter { $0.contains("⚠ not reached") }.count == 2)
        #expect(screen.view(size: Size(cols: 80, rows: 24)).lines()[0].contains("⚠ 2 not reached"))
    }

    @Test func headerShowsTheClockPausedWithASymbol() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        try rt.run("p")
        #expect(rt.lines[0].contains("Ⅱ 17:00 min paused"))
        try rt.run("<Sleep 5m>")
        #expect(rt.lines[0].contains("Ⅱ 17:00 min paused"))
        try rt.run("p<Sleep 1m>")
        #expect(rt.lines[0].contains("▶ 18:00 min"))
    }
}

@Suite("Case screen edits")
struct CaseEditTests {
    func onCase() throws -> FakeRuntime {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        try rt.run("4")
        return rt
    }

    @Test func amendTheSelectedActionPrefillsTheForm() throws {
        var rt = try onCase()
        try rt.run("e")
        guard case .form(let form, let spec)? = rt.screen.modal, spec == AnyFormSpec(AmendActionForm(actionID: "20261201-northvale-1")) else { Issue.record("no amend form"); return }
        #expect(form["what"] == "Monitor the situation")
        #expect(form["owner"] == "Police")
        try rt.run("<C-u>Visit the address daily for 14 days<Tab><Tab>+14d<Tab>vict<C-s>")
        let a = try #require(rt.screen.meeting.state.action("20261201-northvale-1"))
        #expect(a.text == "Visit the address daily for 14 days")
        #expect(a.due == Fixture.date.adding(days: 14))
        #expect(a.category == .victimSafety)
    }

    @Test func withdrawAnActionNeedsAReason() throws {
        var rt = try onCase()
        try rt.run("jx<Enter>")
        #expect(rt.text.contains("A reason is required"))
        try rt.run("Duplicate of another action<Enter>")
        #expect(rt.screen.meeting.state.action("20261201-northvale-2")?.status == .withdrawn)
        #expect(rt.text.contains("✗ #2 withdrawn"))
    }

    @Test func feedbackRouteIsRecorded() throws {
        var rt = try onCase()
        try rt.run("f<Tab>in<Tab>At the Idva office on Thursday<Enter>")
        let f = rt.screen.meeting.state.cases["NV-101"]?.feedback
        #expect(f == VictimFeedback(agency: "Idva", route: .inPerson, detail: "At the Idva office on Thursday"))
        // At 80×24 the wrapped actions above may push it below the fold: PgDn scrolls the case detail.
        if !rt.text.contains("Feedback to the victim: Idva, in person") { rt.press(.pageDown) }
        #expect(rt.text.contains("Feedback to the victim: Idva, in person"))
    }

    @Test func withheldInformationAsksForTheReason() throws {
        var rt = try onCase()
        try rt.run("oGP<Tab>information w<Tab><C-s>")
        #expect(rt.text.contains("Say what is withheld and the reason"))
        try rt.run("Medical records: consent not yet given<C-s>")
        let note = rt.screen.meeting.state.cases["NV-101"]?.notes.last
        #expect(note?.kind == .withheld)
        #expect(note?.agency == "GP")
    }

    @Test func pausingTheDiscussionStopsItsTimer() throws {
        var rt = try onCase()
        try rt.run("s<Sleep 3m>")
        let paused = try #require(rt.screen.meeting.state.cases["NV-101"]).elapsedMillis(now: rt.clock)
        #expect(paused == 12 * 60_000)
        #expect(rt.text.contains("Ⅱ paused"))
        try rt.run("s<Sleep 1m>")
        let resumed = try #require(rt.screen.meeting.state.cases["NV-101"]).elapsedMillis(now: rt.clock)
        #expect(resumed == 13 * 60_000)
    }

    @Test func someoneLeavingAfterACaseIsRecorded() throws {
        var rt = try onCase()
        try rt.run("1jjl<Enter>")
        let a = rt.screen.meeting.state.attendance.first { $0.agency == "Children's Social Care" }
        #expect(a?.leftAfterCase == "NV-101")
        #expect(rt.text.contains("left after NV-101"))
    }
}

@Suite("Replay")
struct ReplayTests {
    @Test func readOnlyScreenFollowsTheRecordedMeeting() {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.opened), now: Fixture.minutes(4), mode: .readOnly)
        #expect(rt.screen.screen == .agenda)
        // The replay runtime feeds recorded events in; the screen moves to the case being discussed.
        let next = rt.screen.meeting.nextSeq
        rt.send(.appended([RecordedEvent(seq: next, at: Fixture.minutes(5), event: .discussionStarted(caseRef: "NV-101"))]))
        #expect(rt.screen.screen == .caseView)
        #expect(rt.screen.agenda.selectedRef == "NV-101")
        rt.send(.appended([RecordedEvent(seq: next + 1, at: Fixture.minutes(9), event: .meetingClosed)]))
        #expect(rt.screen.screen == .summary)
    }
}

@Suite("Keys that are not text")
struct NonTextKeyTests {
    @Test func ctrlLRedrawsWithoutTypingAndEscCancelsWithoutSaving() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        try rt.run("4aCall<C-l>")
        if case .form(let form, _) = rt.screen.modal { #expect(form["what"] == "Call") } else { Issue.record("form closed") }
        try rt.run("<Esc>")
        #expect(rt.screen.modal == nil)
        #expect(rt.appends.isEmpty)
        #expect(rt.screen.statusMessage?.hasPrefix("Cancelled — nothing saved") == true)
    }

    @Test func resizingBelowTheMinimumAndBack() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        try rt.run("3<Resize 70x20>")
        #expect(rt.text.contains("Terminal too small: 80×24 needed, this is 70×20"))
        try rt.run("<Resize 100x30>")
        #expect(rt.lines.count == 30)
        #expect(rt.lines[2].contains("Agenda"))
    }
}
