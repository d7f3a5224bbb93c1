import MaracCore
import Testing
@testable import MaracUI

/// Issue 15, forms that keep work and warnings that stop silent mistakes, from the chair's side:
/// keys in through the production loop (`FakeRuntime`), what the screen and the record then say.
@Suite("Forms keep work")
struct FormsKeepWorkTests {
    /// On the case screen of NV-101 (under discussion), 12 minutes in.
    func onCase() -> FakeRuntime {
        FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(12))
    }

    // MARK: - A due date not after the meeting asks which year

    @Test func aDueDateAlreadyPassedThisYearAsksWhichYear() throws {
        var rt = onCase()
        rt.size = Size(cols: 120, rows: 40)
        // The meeting is on 01/12/2026: 28/11 has passed this year.
        try rt.run("aCall the victim about the safety plan<Tab>Police<Tab>28/11<Tab>vict")
        #expect(rt.text.contains("28/11 has passed this year: saving asks which year"))
        try rt.run("<C-s>")
        #expect(rt.text.contains("Which year for the due date 28/11?"))
        #expect(rt.text.contains("next year = 28/11/2027"))
        #expect(rt.screen.meeting.state.actions(for: "NV-101").count == 2, "nothing written before the chair answers")
        try rt.run("n<Enter>")
        let agreed = rt.screen.meeting.state.actions(for: "NV-101")
        #expect(agreed.count == 3)
        #expect(agreed.last?.due == CalendarDate(year: 2027, month: 11, day: 28))
    }

    @Test func changingTheDateGoesBackToTheFormWithTheDateSelected() throws {
        var rt = onCase()
        try rt.run("aCall the victim about the safety plan<Tab>Police<Tab>28/11<Tab>vict<C-s>")
        try rt.run("c<Enter>")
        #expect(rt.text.contains("Add an action"))
        guard case .form(let form, _)? = rt.screen.modal else { Issue.record("the action form did not come back"); return }
        #expect(form.fields[form.focus].key == "due")
        #expect(form.fields[form.focus].isSelected)
        // Typing replaces the selected date; it is after the meeting, so it saves at once.
        try rt.run("08/12<C-s>")
        let agreed = rt.screen.meeting.state.actions(for: "NV-101")
        #expect(agreed.last?.due == CalendarDate(year: 2026, month: 12, day: 8))
        #expect(agreed.last?.text == "Call the victim about the safety plan")
    }

    @Test func escOnTheQuestionGoesBackToTheFormAsItWas() throws {
        var rt = onCase()
        try rt.run("aCall the victim about the safety plan<Tab>Police<Tab>28/11<Tab>vict<C-s><Esc>")
        guard case .form(let form, _)? = rt.screen.modal else { Issue.record("the action form closed"); return }
        #expect(form["what"] == "Call the victim about the safety plan")
        #expect(form["due"] == "28/11")
        #expect(rt.screen.meeting.state.actions(for: "NV-101").count == 2)
    }

    @Test func theMeetingDayItselfCanBeChosen() throws {
        var rt = onCase()
        try rt.run("aCall the victim about the safety plan<Tab>Police<Tab>01/12<Tab>vict<C-s>")
        #expect(rt.text.contains("01/12 is the meeting day"))
        try rt.run("t<Enter>")
        #expect(rt.screen.meeting.state.actions(for: "NV-101").last?.due == Fixture.date)
    }

    @Test func aDateAfterTheMeetingIsNotQuestioned() throws {
        var rt = onCase()
        try rt.run("aCall the victim about the safety plan<Tab>Police<Tab>08/12<Tab>vict<C-s>")
        #expect(rt.screen.modal == nil)
        #expect(rt.screen.meeting.state.actions(for: "NV-101").last?.due == CalendarDate(year: 2026, month: 12, day: 8))
    }

    // MARK: - An observer without confidentiality is marked and warned

    @Test func anObserverWhoHasNotAgreedIsWarnedAndMarked() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.opened), now: Fixture.minutes(4))
        rt.size = Size(cols: 120, rows: 40)
        try rt.run("1aHealth<Tab>Sam Student<Tab>o<Tab>n")
        #expect(rt.text.contains("an observer who has not agreed to confidentiality must not hear case detail"))
        try rt.run("<C-s>")
        #expect(rt.screen.statusMessage?.contains("Sam Student (Health Visiting) observes WITHOUT agreeing to confidentiality") == true)
        #expect(rt.screen.statusIsError)
        #expect(rt.text.contains("⚠ 1 observer has not agreed to confidentiality"))
        #expect(rt.text.contains("⚠ ✗ not agreed — must not hear cases"))
        // An observer who agreed is not marked.
        #expect(rt.screen.meeting.state.observersWithoutConfidentiality.map(\.representative) == ["Sam Student"])
    }

    @Test func startingACaseNamesTheObserverWhoHasNotAgreed() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.opened), now: Fixture.minutes(4))
        try rt.run("1aHealth<Tab>Sam Student<Tab>o<Tab>n<C-s>3s")
        #expect(rt.screen.meeting.state.activeCase == "NV-101")
        #expect(rt.screen.statusMessage?.contains("Discussion started — ⚠ observer not agreed to confidentiality: Sam Student") == true)
        #expect(rt.screen.statusIsError)
    }

    @Test func anObserverNeverAskedIsWarnedToo() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.opened), now: Fixture.minutes(4))
        try rt.run("1aHealth<Tab>Sam Student<Tab>obs<C-s>")
        #expect(rt.screen.statusMessage?.contains("observes WITHOUT agreeing") == true)
        #expect(rt.screen.meeting.state.attendance.last?.confidentialityAgreed == nil)
    }

    // MARK: - The review moves on after an outcome

    @Test func afterAnOutcomeTheReviewMovesToTheNextUnreviewedAction() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting([(0, .meetingStarted)]), now: Fixture.minutes(1))
        // Enter, an outcome, Ctrl-S; again: the second outcome is the second action's, not the first's.
        try rt.run("2<Enter>d<C-s>")
        #expect(rt.text.contains("next: "))
        try rt.run("<Enter>c<C-s>")
        let reviews = rt.screen.meeting.state.reviews
        #expect(reviews["20261117-3"]?.outcome == .done)
        #expect(reviews["20261117-5"]?.outcome == .carriedForward)
        try rt.run("<Enter>n<Tab>Not done by the date<C-s>")
        #expect(rt.screen.meeting.state.reviews["20261117-6"]?.outcome == .notDone)
        #expect(rt.text.contains("all 3 reviewed — press 3 for the agenda"))
    }

    @Test func itSkipsActionsAlreadyReviewed() throws {
        // The first (Housing) is reviewed already; recording the third moves back to the second.
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.opened), now: Fixture.minutes(4))
        try rt.run("2jj<Enter>d<C-s><Enter>p<C-s>")
        #expect(rt.screen.meeting.state.reviews["20261117-6"]?.outcome == .done)
        #expect(rt.screen.meeting.state.reviews["20261117-5"]?.outcome == .notPossible)
        #expect(rt.screen.meeting.state.reviews["20261117-3"]?.outcome == .done)
    }

    // MARK: - A re-opened form selects its old text

    @Test func typingIntoAReopenedFeedbackFormReplacesTheOldText() throws {
        var rt = onCase()
        try rt.run("fIdva<Tab>in p<Tab>Call her mobile<C-s>")
        try rt.run("f")
        #expect(rt.text.contains("typing replaces"))
        try rt.run("Idva<Tab><Tab>At her mother's, Tuesdays<C-s>")
        let feedback = try #require(rt.screen.meeting.state.cases["NV-101"]?.feedback)
        #expect(feedback.agency == "Idva")
        #expect(feedback.route == .inPerson)
        #expect(feedback.detail == "At her mother's, Tuesdays")
    }

    @Test func typingIntoAnAmendedActionReplacesItsText() throws {
        var rt = onCase()
        try rt.run("e")
        try rt.run("Visit the address daily for 14 days<Tab><Tab>+14d<Tab>vict<C-s>")
        let a = try #require(rt.screen.meeting.state.action("20261201-northvale-1"))
        #expect(a.text == "Visit the address daily for 14 days")
        #expect(a.owner == "Police")
    }

    /// The category letters the form shows are the ones saved: `c` children, `h` housing, `e` health,
    /// `j` criminal justice (`c` alone is also the start of "criminal justice"; the letter decides).
    @Test(arguments: [("v", ActionCategory.victimSafety), ("c", .children), ("a", .adultSafeguarding), ("p", .perpetrator),
                      ("h", .housing), ("e", .health), ("j", .criminalJustice)])
    func eachCategoryLetterShownIsTheCategorySaved(letter: String, category: ActionCategory) throws {
        var rt = onCase()
        try rt.run("aCall the victim about the safety plan<Tab>Police<Tab>+7d<Tab>\(letter)<C-s>")
        let agreed = rt.screen.meeting.state.actions(for: "NV-101")
        #expect(agreed.count == 3, "\(rt.text)")
        #expect(agreed.last?.category == category)
    }

    @Test func aCursorKeyKeepsTheOldTextToEditIt() throws {
        var rt = onCase()
        try rt.run("e<End> daily<Tab><Tab>+14d<Tab>vict<C-s>")
        #expect(rt.screen.meeting.state.action("20261201-northvale-1")?.text == "Monitor the situation daily")
    }

    @Test func backspaceOnASelectedValueClearsIt() throws {
        var rt = onCase()
        try rt.run("e<BS>")
        guard case .form(let form, _)? = rt.screen.modal else { Issue.record("no form"); return }
        #expect(form["what"] == "")
    }

    @Test func aReopenedReviewReplacesItsNote() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.opened), now: Fixture.minutes(4))
        try rt.run("2<Enter><Tab>Fitted 26/11, checked<C-s>")
        #expect(rt.screen.meeting.state.reviews["20261117-3"]?.note == "Fitted 26/11, checked")
    }

    // MARK: - Choice fields take a prefix, a letter or a number, and show the matches

    @Test func aLetterPicksApologiesAndTheMatchesShow() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.opened), now: Fixture.minutes(4))
        rt.size = Size(cols: 120, rows: 40)
        try rt.run("1aProbation<Tab>Lee Offsite<Tab>a")
        #expect(rt.text.contains("→ apologies"))
        #expect(rt.text.contains("↳ a [apologies] · b absent"))
        #expect(!rt.text.contains("✗ not an option"))
        try rt.run("<Tab>y<C-s>")
        let a = try #require(rt.screen.meeting.state.attendance.last)
        #expect(a.role == .apologies)
        #expect(a.informationSent == true)
    }

    @Test func notPicksNotDoneAndNotPPicksNotPossible() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting([(0, .meetingStarted)]), now: Fixture.minutes(1))
        try rt.run("2<Enter>not")
        #expect(rt.text.contains("→ not done"))
        try rt.run("<C-s><Enter>not p<C-s><Enter>4<C-s>")
        let reviews = rt.screen.meeting.state.reviews
        #expect(reviews["20261117-3"]?.outcome == .notDone)
        #expect(reviews["20261117-5"]?.outcome == .notPossible)
        #expect(reviews["20261117-6"]?.outcome == .carriedForward)
    }

    @Test func textThatMatchesNoOptionSaysSo() throws {
        var rt = onCase()
        rt.size = Size(cols: 120, rows: 40)
        try rt.run("aCall the victim about the plan<Tab>Police<Tab>+7d<Tab>xyz")
        #expect(rt.text.contains("no option matches"))
    }
}

@Suite("Choice list")
struct ChoiceListTests {
    let roles = ChoiceList(AttendanceRole.allCases.map(\.rawValue))
    let outcomes = ChoiceList(ReviewOutcome.allCases.map(\.rawValue), letters: ReviewOutcome.allCases.map(\.letter))
    let categories = ChoiceList(ActionCategory.allCases.map(\.rawValue))

    @Test func lettersNumbersPrefixesWordsAndInitials() {
        #expect(roles.letters == ["p", "o", "a", "b"])
        #expect(roles.resolve("a") == "apologies")
        #expect(roles.resolve("b") == "absent")
        #expect(roles.resolve("ab") == "absent")
        #expect(roles.resolve("4") == "absent")
        #expect(roles.resolve("obs") == "observer")
        #expect(outcomes.resolve("not") == "not done")
        #expect(outcomes.resolve("not p") == "not possible")
        #expect(outcomes.resolve("poss") == "not possible")
        #expect(outcomes.resolve("cf") == "carried forward")
        #expect(outcomes.resolve("n") == "not done")
        #expect(categories.resolve("cj") == "criminal justice")
        #expect(categories.resolve("perp") == "perpetrator")
        #expect(categories.resolve("xyz") == nil)
        #expect(categories.resolve("") == nil)
    }

    @Test func listsOfReferencesHaveNoLettersOrNumbers() {
        let refs = ChoiceList(["NV-101", "NV-102", "NV-110"])
        #expect(refs.letters.allSatisfy { $0 == nil })
        #expect(refs.resolve("1") == nil)
        #expect(refs.resolve("102") == "NV-102")
        let notes = ChoiceList(["#1", "#2", "#10"])
        #expect(notes.resolve("1") == "#1")
        #expect(notes.resolve("10") == "#10")
    }

    @Test func matchesNarrowAsYouType() {
        #expect(roles.matches("a") == [2, 3])
        #expect(roles.matches("") == [0, 1, 2, 3])
        #expect(outcomes.matches("not") == [1, 2])
    }
}

/// Issue 15 item 6: the late-case form has every agenda column (docs/AGENDA-FORMAT.md).
@Suite("Late case, every column")
struct LateCaseEveryColumnTests {
    /// Every column, in the form's order, as a chair would type it.
    static let keys = "3L"
        + "NV-130<Tab>Tia Madeup<Tab>Police<Tab>a<Tab>18<Tab>2<Tab>"
        + "Rob Madeup<Tab>24/11<Tab>15/03/2026; 02/06/2025<Tab>y<Tab>"
        + "f<Tab>y<Tab>n<Tab>n<Tab>n<Tab>y<Tab>"
        + "Police; Children's Social Care<Tab><Tab>"
        + "Assault after separation<Tab>strangulation; separation<Tab>mappa<Tab>phone; home"

    @Test func everyColumnIsRecorded() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        try rt.run(Self.keys + "<C-s>")
        let c = try #require(rt.screen.meeting.state.cases["NV-130"])
        #expect(c.late)
        let a = c.agenda
        #expect(a.victim == "Tia Madeup")
        #expect(a.referringAgency == "Police")
        #expect(a.referralBasis == .actuarial)
        #expect(a.dashScore == 18)
        #expect(a.children == 2)
        #expect(a.perpetrator == "Rob Madeup")
        #expect(a.referralDate == CalendarDate(year: 2026, month: 11, day: 24))
        #expect(a.previousHearings == [CalendarDate(year: 2025, month: 6, day: 2)!, CalendarDate(year: 2026, month: 3, day: 15)!])
        #expect(a.repeatFlag == true)
        #expect(a.victimSex == "female")
        #expect(a.minoritised == true)
        #expect(a.lgbt == false)
        #expect(a.disabled == false)
        #expect(a.aged16to17 == false)
        #expect(a.perpetratorUnder18 == true)
        #expect(a.agenciesInvolved == ["Police", "Children's Social Care"])
        #expect(a.notification == false)
        #expect(a.details?.referralSummary == "Assault after separation")
        #expect(a.details?.flags == [.mappa])
        #expect(a.details?.contactSafety.count == 2)
        #expect(a.details?.riskFactors.count == 2)
    }

    @Test func aFieldThatCannotBeReadIsNamedAndNothingIsWritten() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        try rt.run("3LNV-131<Tab>Tia Madeup<Tab>Police<Tab>a<Tab><Tab>lots<C-s>")
        #expect(rt.text.contains("Children: 'lots' is not a number of children"))
        #expect(rt.screen.meeting.state.cases["NV-131"] == nil)
        try rt.run("<BS><BS><BS><BS><Tab><Tab>31/02/2026<C-s>")
        #expect(rt.text.contains("Referred on: '31/02/2026' is not a date"))
        #expect(rt.screen.meeting.state.cases["NV-131"] == nil)
    }

    @Test func aLongFormShowsTheFieldsAroundTheFocusAt80By24() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        try rt.run("3L")
        #expect(rt.text.contains("↕ fields 1–"))
        // Shift-Tab from the first field goes to the last, which is then on screen with its cursor.
        try rt.run("<S-Tab>")
        #expect(rt.text.contains("›Unsafe route"))
        #expect(rt.text.contains("↕ fields 10–22 of 22"))
    }

    @Test func anActuarialScoreBelowTheThresholdIsQueriedAsYouType() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17))
        rt.size = Size(cols: 120, rows: 40)
        try rt.run("3LNV-132<Tab>Tia Madeup<Tab>Police<Tab>a<Tab>9")
        #expect(rt.text.contains("DASH 9 is below 14 for an actuarial referral"))
    }
}
