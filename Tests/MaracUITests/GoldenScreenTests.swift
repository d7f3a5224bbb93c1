import MaracCore
import Testing
@testable import MaracUI

/// Every screen and overlay at 80×24 and 120×40, compared with the files in `Goldens/`.
@Suite("Golden screens")
struct GoldenScreenTests {
    func runtime(_ timed: [(Int, MeetingEvent)], at minute: Int, keys: String = "") throws -> FakeRuntime {
        var rt = FakeRuntime(meeting: Fixture.meeting(timed), now: Fixture.minutes(minute))
        try rt.run(keys)
        return rt
    }

    @Test func openingBeforeTheMeetingStarts() throws {
        Golden.check("opening-new", try runtime([], at: -10, keys: "1").screen)
    }

    @Test func openingWithRegister() throws {
        Golden.check("opening", try runtime(Fixture.opened, at: 4, keys: "1").screen)
    }

    @Test func reviewOfOutstandingActions() throws {
        Golden.check("review", try runtime(Fixture.opened, at: 4, keys: "2j").screen)
    }

    @Test func reviewForm() throws {
        Golden.check("review-form", try runtime(Fixture.opened, at: 4, keys: "2j<Enter><Right><Right>").screen)
    }

    @Test func reviewWhenNothingIsOutstanding() throws {
        var events = Fixture.setUp
        events.removeLast()
        let records = events.enumerated().map { RecordedEvent(seq: $0.offset, at: Fixture.t0, event: $0.element) }
        var screen = MeetingScreen(meeting: Meeting(events: records), now: Fixture.t0)
        _ = screen.update(.key(.char("2")))
        Golden.check("review-empty", screen)
    }

    @Test func agendaQueue() throws {
        Golden.check("agenda", try runtime(Fixture.discussing, at: 17, keys: "3j").screen)
    }

    @Test func caseAtTarget() throws {
        Golden.check("case-target", try runtime(Fixture.discussing, at: 17, keys: "4").screen)
    }

    @Test func caseOverLimit() throws {
        Golden.check("case-over-limit", try runtime(Fixture.discussing, at: 22, keys: "4j").screen)
    }

    @Test func caseOnTimeBeforeNotes() throws {
        Golden.check("case-on-time", try runtime(Fixture.opened + [(5, .discussionStarted(caseRef: "NV-101"))], at: 8, keys: "4").screen)
    }

    @Test func actionFormWithLiveFindingsAndCompletion() throws {
        Golden.check("action-form", try runtime(Fixture.discussing, at: 17, keys: "4aMonitor as appropriate<Tab>Ho").screen)
    }

    @Test func actionFormReadyToSave() throws {
        Golden.check("action-form-ready", try runtime(Fixture.discussing, at: 17,
                                                      keys: "4aRefer the perpetrator to the programme<Tab>Prob<Tab>+7d<Tab>perp").screen)
    }

    @Test func actionFormNotSaved() throws {
        var rt = try runtime(Fixture.discussing, at: 17, keys: "4aCall the victim weekly about the plan<Tab>Idva<Tab>fri<Tab>victim")
        rt.failNextAppend = "disk full"
        rt.press(.ctrl("s"))
        Golden.check("action-form-not-saved", rt.screen)
    }

    @Test func noteForm() throws {
        Golden.check("note-form", try runtime(Fixture.discussing, at: 17, keys: "4oPo<Tab><Right>").screen)
    }

    /// A pasted note of three lines: on three rows of the form, the cursor after its last line, the
    /// line-break key named under the field and in the hint bar.
    @Test func noteFormWithThreeLines() throws {
        Golden.check("note-form-lines", try runtime(Fixture.discussing, at: 17,
                     keys: "4oPolice<Tab><Tab><Paste Seen at home on 28/11\\nunder review by the Idva\\nno contact since>").screen)
    }

    @Test func feedbackForm() throws {
        Golden.check("feedback-form", try runtime(Fixture.discussing, at: 17, keys: "4f<Tab>ph").screen)
    }

    @Test func attendanceForm() throws {
        Golden.check("attendance-form", try runtime(Fixture.opened, at: 4, keys: "1aChil").screen)
    }

    @Test func lateCaseForm() throws {
        Golden.check("late-case-form", try runtime(Fixture.discussing, at: 17, keys: "3LNV-120<Tab>Dee Invented<Tab>GP").screen)
    }

    @Test func deferForm() throws {
        Golden.check("defer-form", try runtime(Fixture.discussing, at: 17, keys: "3jd<Right>").screen)
    }

    @Test func overrunReasonForm() throws {
        Golden.check("overrun-form", try runtime(Fixture.discussing, at: 22, keys: "4n").screen)
    }

    @Test func closePrompts() throws {
        Golden.check("close-prompts", try runtime(Fixture.discussing, at: 22, keys: "4nhistorical information shared<Enter>").screen)
    }

    @Test func summary() throws {
        let timed = Fixture.discussing + [
            (24, .discussionEnded(caseRef: "NV-101", overrunReason: "historical information shared")),
            (25, .caseDeferred(caseRef: "NV-104", toNextMeeting: true, reason: "Referrer has not briefed the representative")),
            (26, .caseWithdrawn(caseRef: "NV-103", reason: "Duplicate referral")),
        ]
        Golden.check("summary", try runtime(timed, at: 27, keys: "5").screen)
    }

    @Test func summaryClosed() throws {
        let timed = Fixture.discussing + [(24, .discussionEnded(caseRef: "NV-101", overrunReason: nil)), (30, .meetingClosed)]
        Golden.check("summary-closed", try runtime(timed, at: 31, keys: "5a").screen)
    }

    @Test func closeMeetingConfirm() throws {
        Golden.check("close-confirm", try runtime(Fixture.discussing, at: 17, keys: "5C").screen)
    }

    @Test func helpOverlay() throws {
        Golden.check("help", try runtime(Fixture.discussing, at: 17, keys: "4?").screen)
    }

    @Test func helpOverlayScrolledToGlossary() throws {
        Golden.check("help-glossary", try runtime(Fixture.discussing, at: 17, keys: "3?<PageDown><PageDown>").screen)
    }

    @Test func privacyScreen() throws {
        Golden.check("privacy", try runtime(Fixture.discussing, at: 17, keys: "4<F12>").screen)
    }

    @Test func quitConfirm() throws {
        Golden.check("quit-confirm", try runtime(Fixture.discussing, at: 17, keys: "3q").screen)
    }

    @Test func tooSmall() throws {
        let screen = try runtime(Fixture.discussing, at: 17, keys: "4").screen
        Golden.check("too-small", screen, sizes: [Size(cols: 79, rows: 24), Size(cols: 120, rows: 20)])
    }

    @Test func replayBar() throws {
        var rt = FakeRuntime(meeting: Fixture.meeting(Fixture.discussing), now: Fixture.minutes(17), mode: .readOnly)
        rt.screen.replayBar = "REPLAY ▶ ×4 · 09:47 · event 19 of 19 · space pause · ←/→ step · +/- speed"
        try rt.run("4a")
        Golden.check("replay-read-only", rt.screen)
    }
}
