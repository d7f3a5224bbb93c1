import Foundation
import Logging
import Testing
@testable import MaracApp
@testable import MaracCore
import MaracJournal
import MaracExport
import MaracUI

/// The fixed rubric (docs/TRAINING.md): the same maximum for every run of a sample, and messages that
/// say only what the run did.
@Suite struct TrainingRubricTests {
    static let size = Size(cols: 120, rows: 40)

    /// A scripted mock on `sample`, written to a fresh folder; the folder is removed by the caller.
    static func mock(_ sample: String, keys: String, compare: Bool = false, trainee: String? = nil) throws -> (Training.MockResult, MeetingState, String) {
        let dir = NSTemporaryDirectory() + "marac-rubric-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let keyFile = dir + "/mock.keys"
        try keys.write(toFile: keyFile, atomically: true, encoding: .utf8)
        let s = try #require(TrainingSample.named(sample))
        let result = try Training.mock(s, options: .init(keysFile: keyFile, size: size), logger: Logger(label: "test"),
                                       out: dir + "/out", trainee: trainee, compare: compare)
        return (result, MeetingState.fold(try JournalReader.read(path: result.journal).events), dir)
    }

    /// A bad mock: one case, one vague action, sixteen minutes, the prompts passed "no time left".
    static let badKeys = """
        <Enter>3s
        aMonitor the children<Tab>Child<Tab>fri<Tab>child<Enter>
        <Sleep 16m>
        nhistorical information shared<Enter>Pno time left<Enter><Enter>
        """
    /// Quit at once: nothing done at all.
    static let quitKeys = "qy"

    @Test(arguments: TrainingSample.all.map(\.name))
    func aGoodABadAndAQuitRunAreScoredOutOfTheSameMaximum(name: String) throws {
        let sample = try #require(TrainingSample.named(name))
        let recorded = sample.records
        let good = Scorecard.make(MeetingState.fold(recorded), now: recorded.last!.at, sample: name)
        let (bad, badState, dir1) = try Self.mock(name, keys: Self.badKeys)
        defer { try? FileManager.default.removeItem(atPath: dir1) }
        let (quit, quitState, dir2) = try Self.mock(name, keys: Self.quitKeys)
        defer { try? FileManager.default.removeItem(atPath: dir2) }
        #expect(good.outOf == bad.scorecard.outOf)
        #expect(good.outOf == quit.scorecard.outOf)
        #expect(good.outOf >= 65)
        // The parts assessed are the same parts, whatever the run did.
        #expect(good.parts.map(\.isAssessed) == bad.scorecard.parts.map(\.isAssessed))
        #expect(good.parts.map(\.isAssessed) == quit.scorecard.parts.map(\.isAssessed))
        #expect(quit.scorecard.total == 0, "\(quit.scorecard.text())")
        #expect(bad.scorecard.total < good.total)
        #expect(bad.scorecard.total > 0)
        // Every message is checked against the run it is about.
        Self.checkMessages(good, MeetingState.fold(recorded))
        Self.checkMessages(bad.scorecard, badState)
        Self.checkMessages(quit.scorecard, quitState)
    }

    /// A blank equality field the chair asked about and corrected in the meeting (F on the case
    /// screen) counts as asked, even with no note saying so; a correction after the close does not.
    @Test func aBlankEqualityFieldCorrectedInTheMeetingCountsAsAsked() throws {
        let date = try #require(CalendarDate(year: 2026, month: 11, day: 17))
        let info = MeetingInfo(id: MeetingInfo.makeID(date: date, area: "Northvale"), date: date, area: "Northvale", chair: "Chair Sample")
        let blank = AgendaCase(caseRef: "NV-1", victim: "Vic Sample", referringAgency: "Police", referralBasis: .actuarial,
                               victimSex: "female", lgbt: false, disabled: false)
        func part(_ correctAfterClose: Bool) -> (Int?, [String]) {
            var events: [MeetingEvent] = [.meetingCreated(info: info, rules: .national), .caseQueued(agendaCase: blank, late: false),
                                          .meetingStarted, .discussionStarted(caseRef: "NV-1")]
            let correction = MeetingEvent.caseCorrected(caseRef: "NV-1", field: .minoritised, value: "yes", reason: "asked the Idva")
            if !correctAfterClose { events.append(correction) }
            events += [.discussionEnded(caseRef: "NV-1", overrunReason: nil), .meetingClosed]
            if correctAfterClose { events.append(correction) }
            let records = events.enumerated().map { RecordedEvent(seq: $0.offset + 1, at: 1_794_900_000_000 + Int64($0.offset) * 60_000, event: $0.element) }
            let card = Scorecard.make(MeetingState.fold(records), now: records.last!.at)
            let p = card.part(.equalityAsked)
            return (p?.score, p?.messages ?? [])
        }
        let inMeeting = part(false)
        #expect(inMeeting.1 == ["NV-1: minoritised blank on the agenda; asked and corrected in the meeting (minoritised)."], "\(inMeeting.1)")
        #expect(inMeeting.0 != nil && inMeeting.0! > 0)
        let afterClose = part(true)
        #expect(afterClose.0 == 0, "\(afterClose.1)")
        #expect(afterClose.1 == ["NV-1: minoritised blank on the agenda and not asked: ask, and record the answer."])
    }

    @Test func theWellRunRecordingScoresFullMarks() throws {
        let records = try #require(TrainingSample.named("well-run")).records
        let card = Scorecard.make(MeetingState.fold(records), now: records.last!.at)
        #expect(card.total == card.outOf, "\(card.text())")
        #expect(card.rewrites.isEmpty)
    }

    /// Hand count of the vague-actions recording (see the sample): 3 cases heard, all within 15 minutes.
    @Test func theVagueActionsRecordingScoresAsCountedByHand() throws {
        let records = try #require(TrainingSample.named("vague-actions")).records
        let state = MeetingState.fold(records)
        let card = Scorecard.make(state, now: records.last!.at)
        func score(_ p: RubricPart) -> Int? { card.part(p)?.score }
        #expect(score(.coreAgencies) == 5)          // Mental Health sent apologies; Health Visiting is the health agency present
        #expect(score(.victimsViews) == 3)          // NV-3303 has no victim's-views note: 2 of 3 → 3 of 5
        #expect(score(.confidentiality) == 5)
        #expect(score(.wording) == 3)               // NV-3303 "refuses to engage": 2 of 3
        #expect(score(.timePerCase) == 5)
        #expect(score(.agendaCompleted) == 5)
        #expect(score(.smartActions) == 0)          // every one of the 5 actions has a finding
        #expect(score(.coverage) == 5)              // 4 of 8
        #expect(score(.safeFeedback) == 3)          // NV-3302 by phone, the perpetrator answers it: 2 of 3
        #expect(score(.outstandingReviewed) == nil)
        #expect(card.rewrites.count == 5)
        let coverage = try #require(card.part(.coverage)).messages
        #expect(coverage.contains("NV-3301: no perpetrator action."))
        #expect(coverage.contains("NV-3303: no victim-safety or perpetrator action."))
        Self.checkMessages(card, state)
    }

    /// The report's wrong messages, each pinned: "no due date" only where an action has none; the missing
    /// column named, not "check perpetrator actions and children actions"; nothing about overruns or
    /// "within the limit" in a run of zero minutes.
    @Test func messagesAreNeverBoilerplate() throws {
        let (bad, badState, dir) = try Self.mock("vague-actions", keys: """
            <Enter>3s
            aRefer the perpetrator to the Changing Paths programme<Tab>Prob<Tab>+7d<Tab>perp<Enter>
            aMonitor the children<Tab>Child<Tab>fri<Tab>child<Enter>
            <Sleep 16m>
            nhistorical information shared<Enter>PPassed for the exercise<Enter><Enter>
            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = bad.scorecard.text(width: 1000)   // unwrapped: each message whole on its line
        #expect(badState.actions.allSatisfy { $0.due != nil })
        #expect(!text.contains("due date"))
        // The live close prompts for a victim-safety action too (CasePrompts), so coverage needs no note about it.
        #expect(try #require(bad.scorecard.part(.coverage)).messages == ["NV-3301: no victim-safety action."])
        #expect(text.contains("NV-3301 ran 16 minutes, past the 15-minute limit; reason given: \"historical information shared\"."))
        #expect(text.contains("Not reached: NV-3303, NV-3302. Earlier overruns (NV-3301) took their time."))
        #expect(text.contains("'monitor' is vague"))
        Self.checkMessages(bad.scorecard, badState)

        let (quit, quitState, dir2) = try Self.mock("vague-actions", keys: Self.quitKeys)
        defer { try? FileManager.default.removeItem(atPath: dir2) }
        let quitText = quit.scorecard.text()
        #expect(quitText.contains("The meeting was never started"))
        let said = quit.scorecard.parts.flatMap(\.messages).joined(separator: "\n")
        #expect(!said.lowercased().contains("overrun"))
        #expect(!said.contains("within"))
        #expect(!said.contains("Every") && !said.contains("All "))
        Self.checkMessages(quit.scorecard, quitState)
    }

    /// A discussion left running when the trainee quits counts up to that moment, not to its start.
    @Test func anUnclosedDiscussionCountsUpToTheQuit() throws {
        let (result, state, dir) = try Self.mock("historical-overrun", keys: "<Enter>3s<Sleep 11m>")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(result.scorecard.cases.map(\.caseRef) == ["NV-3201"])
        #expect(result.scorecard.cases[0].minutes == 11)
        #expect(result.scorecard.cases[0].phase == .targetReached)
        // Not closed, so not kept to time: it had simply not ended when the mock did.
        #expect(result.scorecard.part(.timePerCase)?.messages
                == ["NV-3201 was not finished: started but never closed (11 minutes when the mock ended), so it does not count as kept to time."])
        #expect(result.scorecard.part(.timePerCase)?.score == 0)
        #expect(result.scorecard.part(.agendaCompleted)?.messages == ["Started but not closed: NV-3201.", "Not reached: NV-3202, NV-3203, NV-3204, NV-3205."])
        Self.checkMessages(result.scorecard, state)
    }

    @Test func promptsAndDeferralsForTimeAreScored() throws {
        let (bad, state, dir) = try Self.mock("well-run", keys: Self.badKeys + "\n3jd<Right><Tab>no time left: the meeting overran<Enter>")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let prompts = try #require(bad.scorecard.part(.promptsForTime))
        #expect(prompts.score == 0)
        #expect(prompts.messages.allSatisfy { $0.hasPrefix("NV-3101: ") && $0.hasSuffix("passed because \"no time left\".") })
        #expect(!prompts.messages.isEmpty)
        let deferred = try #require(state.orderedCases.first { $0.status == .deferredToNextMeeting })
        let deferrals = try #require(bad.scorecard.part(.deferralsForTime))
        #expect(deferrals.score == 3)   // 3 of 4 cases not deferred for time
        #expect(deferrals.messages == ["\(deferred.ref) was deferred to the next meeting for lack of time: \"no time left: the meeting overran\"."])
        Self.checkMessages(bad.scorecard, state)
    }

    // MARK: - Suggested rewrites

    @Test func weakActionsOfTheVagueSampleGetConcreteRewrites() throws {
        let records = try #require(TrainingSample.named("vague-actions")).records
        let state = MeetingState.fold(records)
        let card = Scorecard.make(state, now: records.last!.at)
        let byText = Dictionary(uniqueKeysWithValues: card.rewrites.map { ($0.original, $0.suggestion) })
        #expect(byText["Provide a Skyguard alarm as soon as one becomes available"] == "Police to provide a Skyguard alarm by 03/04/2026 (victim safety)")
        #expect(byText["Consider a referral to Early Help as appropriate"] == "Children's Social Care to decide on a referral to Early Help by 28/04/2026 (children)")
        #expect(byText["Monitor her mood"] == "Mental Health to check her mood and book a face-to-face review with the victim, seen alone by 14/04/2026 (health); Mental Health is not in the room: agree who tells them today")
        #expect(byText["Support ASAP"] == "Idva to agree a safety plan with the victim in person by 03/04/2026 (victim safety)")
        #expect(byText["School to keep an eye on the children"] == "Education to check on the children by 05/04/2026 (children)")
        // No suggestion keeps a vague word, and each has a date.
        for r in card.rewrites {
            #expect(SmartRules.vaguePhrases.allSatisfy { !containsPhrase(r.suggestion, $0) }, "\(r.suggestion)")
            #expect(r.suggestion.contains(" by "))
        }
    }

    @Test func aRewriteWithNoOwnerOrCategorySaysWhatIsMissing() {
        let today = CalendarDate(year: 2026, month: 12, day: 1)!
        let a = Action(id: "x-1", caseRef: "C", text: "Look into it ASAP", owner: "", due: nil, category: nil)
        #expect(SmartRewrite.suggest(a, today: today, agenciesPresent: ["Police"])
                == "[one agency in the room] to say what will be done, for whom by 08/12/2026 (category: choose one)")
    }

    /// "Monitor the situation" made "check the situation" is still vague: a concrete verb on a vague
    /// object gives way to the category's concrete step, and the suggestion passes the SMART check
    /// that found the original wanting.
    @Test func aRewriteNeverKeepsAVagueObject() {
        let today = CalendarDate(year: 2026, month: 3, day: 3)!
        let due = CalendarDate(year: 2026, month: 3, day: 10)!
        for (text, category) in [("Police to monitor the situation", ActionCategory.victimSafety), ("Keep an eye on things", .children),
                                 ("Monitor it", .perpetrator)] {
            let a = Action(id: "x-1", caseRef: "C", text: text, owner: "Police", due: due, category: category)
            #expect(!SmartRules.check(a, today: today, agenciesPresent: ["Police"]).isEmpty)
            let suggestion = SmartRewrite.suggest(a, today: today, agenciesPresent: ["Police"])
            for vague in ["situation", "things", " it "] { #expect(!suggestion.contains(vague), "\(suggestion)") }
            let rewritten = Action(id: "x-2", caseRef: "C", text: String(suggestion.dropFirst("Police to ".count).prefix { $0 != "(" }),
                                   owner: "Police", due: due, category: category)
            #expect(SmartRules.check(rewritten, today: today, agenciesPresent: ["Police"]).isEmpty, "\(suggestion)")
        }
        let a = Action(id: "x-1", caseRef: "C", text: "Police to monitor the situation", owner: "Police", due: due, category: .victimSafety)
        #expect(SmartRewrite.suggest(a, today: today, agenciesPresent: ["Police"])
                == "Police to agree a safety plan with the victim in person by 10/03/2026 (victim safety)")
    }

    // MARK: - A mock that is a mock

    @Test func theMockKeepsItsFilesTogetherAndTheReportNamesThem() throws {
        let (result, state, dir) = try Self.mock("well-run", keys: Self.badKeys, compare: true, trainee: "Sam Lee")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(state.info.isTraining)
        #expect(result.files == ["well-run-mock.jsonl", "well-run-scorecard.txt", "well-run-scorecard.html",
                                 "well-run-compare.txt", "well-run-compare.html"].map { dir + "/out/" + $0 })
        for f in result.files {
            #expect(FileManager.default.fileExists(atPath: f), "\(f)")
            #expect(result.report().contains(f))
        }
        let text = try String(contentsOfFile: result.files[1], encoding: .utf8)
        #expect(text.hasPrefix("TRAINING — MOCK MEETING SCORECARD"))
        #expect(text.contains("Trainee: Sam Lee"))
        let html = try String(contentsOfFile: result.files[2], encoding: .utf8)
        #expect(html.contains("<h1>TRAINING — Mock meeting scorecard: well-run</h1>"))
        #expect(html.contains("Sam Lee"))
        // A second run into the same folder refuses before it starts, and changes nothing.
        let before = try Data(contentsOf: URL(fileURLWithPath: result.files[0]))
        let s = try #require(TrainingSample.named("well-run"))
        #expect(throws: CommandFailure.self) {
            _ = try Training.mock(s, options: .init(keysFile: dir + "/mock.keys", size: Self.size), logger: Logger(label: "test"), out: dir + "/out")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: result.files[0])) == before)
    }

    /// Quitting a mock ends it and scores it (running it again into the same folder refuses), so
    /// the quit question says that, and where the scorecard goes — not "run it again to continue".
    @Test(arguments: [Size(cols: 80, rows: 24), Size(cols: 120, rows: 40)])
    func quittingAMockSaysItIsScoredNow(size: Size) throws {
        let dir = NSTemporaryDirectory() + "marac-quit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try #require(TrainingSample.named("well-run"))
        let keys = dir + "/k", dump = dir + "/screen.txt", out = dir + "/sam"
        try "<Enter>3sq".write(toFile: keys, atomically: true, encoding: .utf8)
        _ = try Training.mock(s, options: .init(keysFile: keys, dumpScreenFile: dump, size: size), logger: Logger(label: "test"), out: out)
        let screen = try String(contentsOfFile: dump, encoding: .utf8)
        #expect(screen.contains("Quit the mock? It ends here and is scored now."), "\(screen)")
        #expect(screen.contains("The scorecard is written to "))
        #expect(screen.contains(String(out.suffix(30))), "\(screen)")
        #expect(!screen.contains("run it again"))
        #expect(!screen.contains("Everything is already saved"))
        #expect(screen.split(separator: "\n").allSatisfy { CharWidth.of(String($0)) <= size.cols })
    }

    @Test(arguments: [Size(cols: 80, rows: 24), Size(cols: 120, rows: 40)])
    func everyScreenOfAMockSaysTraining(size: Size) throws {
        let dir = NSTemporaryDirectory() + "marac-banner-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try #require(TrainingSample.named("vague-actions"))
        for screen in ["1", "<Enter>2", "<Enter>3", "<Enter>3s", "<Enter>5"] {
            let keys = dir + "/k", out = dir + "/out-" + UUID().uuidString
            try screen.write(toFile: keys, atomically: true, encoding: .utf8)
            let dump = dir + "/screen.txt"
            try? FileManager.default.removeItem(atPath: dump)
            _ = try Training.mock(s, options: .init(keysFile: keys, dumpScreenFile: dump, size: size), logger: Logger(label: "test"), out: out)
            let top = try #require(try String(contentsOfFile: dump, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).first)
            #expect(top.hasPrefix(" TRAINING  "), "\(screen): \(top)")
            // The header keeps its clock beside the banner.
            #expect(top.contains("Not started") || top.contains("Meeting") || top.contains("▶"), "\(screen): \(top)")
        }
    }

    @Test func aReplayOfAMockSaysTrainingAndARealMeetingsDoesNot() throws {
        let (result, _, dir) = try Self.mock("vague-actions", keys: Self.badKeys)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let size = Size(cols: 80, rows: 24)
        for (records, training) in [(try JournalReader.read(path: result.journal).events, true),
                                    (TrainingSample.named("vague-actions")!.records, false)] {
            let clock = ManualClock(start: 0)
            var replay = ReplayController(records: records, speed: 60, now: 0)
            _ = ScriptedRun.run(&replay, steps: try KeyScript.parse("<Sleep 1m>"), clock: clock, size: size) { _ in [] }
            let top = replay.view(size: size).lines()[0]
            #expect(top.hasPrefix(" TRAINING ") == training, "\(top)")
        }
    }

    @Test func everyExportOfAMockSaysTraining() throws {
        let (result, state, dir) = try Self.mock("vague-actions", keys: """
            <Enter>3s
            aRefer the perpetrator to the Changing Paths programme<Tab>Prob<Tab>+7d<Tab>perp<Enter>
            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let facts = JournalFacts(fileName: "mock.jsonl", finalHash: "h", verified: true, condition: "intact")
        let minutes = Minutes(state: state, journal: facts, now: state.lastEventAt!)
        for format in ExportFormat.allCases {
            let doc = Exporter.minutes(minutes, format: format)
            #expect(doc.contents.contains("TRAINING"), "minutes as \(format)")
        }
        let pack = try AgencyPack.make(agency: "Probation", state: state, journal: facts, now: state.lastEventAt!)
        for format in ExportFormat.allCases {
            #expect(Exporter.pack(pack, format: format).contents.contains("TRAINING"), "pack as \(format)")
        }
        // A real meeting's never does.
        let real = TrainingSample.named("vague-actions")!.records
        let realMinutes = Minutes(state: MeetingState.fold(real), journal: facts, now: real.last!.at)
        for format in ExportFormat.allCases { #expect(!Exporter.minutes(realMinutes, format: format).contents.contains("TRAINING")) }
        _ = result
    }

    // MARK: - Every message against the run

    /// Each message of each part is recognised by a rule that checks its claim against the state; a
    /// message no rule recognises fails (so a new boilerplate line cannot slip in unchecked).
    static func checkMessages(_ card: Scorecard, _ state: MeetingState, sourceLocation: SourceLocation = #_sourceLocation) {
        let agenda = state.orderedCases.filter { !$0.agenda.notification }
        let heard = agenda.filter { $0.status == .heard || $0.wasStarted }
        let heardRefs = Set(heard.map(\.ref))
        func live(_ ref: String) -> [Action] { state.actions(for: ref).filter { $0.status != .withdrawn } }
        func fail(_ part: RubricPart, _ m: String, _ why: String) {
            Issue.record("\(part.rawValue): \"\(m)\" — \(why)", sourceLocation: sourceLocation)
        }
        func ref(_ m: String) -> String? {
            guard let colon = m.firstIndex(of: ":"), m.hasPrefix("NV-") else { return nil }
            return String(m[..<colon])
        }
        func firstWordRef(_ m: String) -> String? { m.hasPrefix("NV-") ? m.split(separator: " ").first.map(String.init) : nil }
        let nothingHeard = "No case was heard, so there is nothing to credit here."

        if !state.isStarted { #expect(card.summaryLine.hasPrefix("The meeting was never started"), sourceLocation: sourceLocation) }
        for part in card.parts {
            for m in part.messages {
                if m == nothingHeard || m == "No case was discussed, so time per case could not be shown." {
                    if !heard.isEmpty { fail(part.id, m, "cases were heard") }
                    continue
                }
                switch part.id {
                case .coreAgencies:
                    if m == "Nobody was recorded as present on the attendance register." { if !state.agenciesPresent.isEmpty { fail(part.id, m, "people were present") } }
                    else if m.hasPrefix("Every core agency was present") {
                        if !CoreAgency.allCases.allSatisfy({ c in state.agenciesPresent.contains(where: c.matches) }) { fail(part.id, m, "one is missing") }
                    } else if let name = m.split(separator: ":").first, let core = CoreAgency(rawValue: String(name)) {
                        if state.agenciesPresent.contains(where: core.matches) { fail(part.id, m, "\(core.rawValue) was present") }
                        if m.contains("apologies") != state.attendance.contains(where: { $0.role == .apologies && core.matches($0.agency) }) {
                            fail(part.id, m, "apologies wrong")
                        }
                    } else { fail(part.id, m, "unrecognised") }
                case .victimsViews:
                    if let r = ref(m) {
                        let views = state.cases[r]?.notes.filter { $0.kind == .victimsViews } ?? []
                        if m.hasSuffix("no note of the victim's views.") { if !views.isEmpty { fail(part.id, m, "there is one") } }
                        else if m.contains("not by the Idva") {
                            if views.isEmpty || views.contains(where: { CoreAgency.idva.matches($0.agency) }) { fail(part.id, m, "wrong") }
                        } else { fail(part.id, m, "unrecognised") }
                        if !heardRefs.contains(r) { fail(part.id, m, "case not heard") }
                    } else if m.hasPrefix("The Idva gave the victim's views in all") {
                        if !heard.allSatisfy({ $0.notes.contains { $0.kind == .victimsViews && CoreAgency.idva.matches($0.agency) } }) { fail(part.id, m, "not all") }
                    } else if m == "The Idva was not recorded as in the room." { if state.idvaPresent { fail(part.id, m, "it was") } }
                    else { fail(part.id, m, "unrecognised") }
                case .confidentiality:
                    if m == "The statement was read." { if !state.confidentialityRead { fail(part.id, m, "not read") } }
                    else if m.hasPrefix("The confidentiality statement was not recorded as read") { if state.confidentialityRead { fail(part.id, m, "it was") } }
                    else if m == "Nobody was on the register to agree it." { if state.attendance.contains(where: { $0.role == .present || $0.role == .observer }) { fail(part.id, m, "people were") } }
                    else if m.hasPrefix("All "), m.hasSuffix("people in the room agreed it.") {
                        if state.attendance.contains(where: { ($0.role == .present || $0.role == .observer) && $0.confidentialityAgreed != true }) { fail(part.id, m, "not all") }
                    } else if m.hasPrefix("Not recorded as agreeing it:") {
                        if !state.attendance.contains(where: { ($0.role == .present || $0.role == .observer) && $0.confidentialityAgreed != true }) { fail(part.id, m, "all did") }
                    } else { fail(part.id, m, "unrecognised") }
                case .wording:
                    if let r = ref(m), let phrase = m.split(separator: "'").dropFirst().first {
                        let c = state.cases[r]!
                        let texts = c.notes.map(\.text) + live(r).map(\.text) + [c.feedback?.detail ?? ""]
                        if !texts.contains(where: { containsPhrase($0, String(phrase)) }) { fail(part.id, m, "words not there") }
                    } else if m.hasPrefix("No note, action or feedback") {
                        if heard.contains(where: { c in (c.notes.map(\.text) + live(c.ref).map(\.text)).contains { CasePrompts.judgementalPhrase(in: $0) != nil } }) { fail(part.id, m, "there is") }
                    } else { fail(part.id, m, "unrecognised") }
                case .timePerCase:
                    if let r = firstWordRef(m), m.contains(" ran ") {
                        if state.phase(of: r, now: state.lastEventAt ?? 0) != .overLimit && card.cases.first(where: { $0.caseRef == r })?.phase != .overLimit { fail(part.id, m, "did not overrun") }
                    } else if let r = firstWordRef(m), m.contains(" was not finished: started but never closed") {
                        if state.cases[r]?.status.isOutstanding != true || state.cases[r]?.wasStarted != true { fail(part.id, m, "it was closed or never started") }
                    } else if m.contains(" discussed stayed within ") || m.contains(" closed stayed within ") {
                        if card.cases.contains(where: { $0.phase == .overLimit }) || card.cases.isEmpty { fail(part.id, m, "one overran") }
                        if m.contains(" discussed "), card.cases.contains(where: { $0.status.isOutstanding }) { fail(part.id, m, "one was never closed") }
                    } else { fail(part.id, m, "unrecognised") }
                    if m.contains(" 0 minutes") { fail(part.id, m, "a discussion that ran is never '0 minutes'") }
                case .agendaCompleted:
                    if m.hasPrefix("Not reached: ") {
                        let listed = m.dropFirst("Not reached: ".count).prefix { $0 != "." }.components(separatedBy: ", ")
                        if listed != card.notReached { fail(part.id, m, "not reached is \(card.notReached)") }
                        if m.contains("Earlier overruns") != card.cases.contains(where: { $0.phase == .overLimit }) { fail(part.id, m, "overrun claim wrong") }
                    } else if m.hasPrefix("All ") && m.hasSuffix("were heard, deferred or withdrawn.") {
                        if agenda.contains(where: { $0.status.isOutstanding }) { fail(part.id, m, "some open") }
                    } else if m.hasPrefix("Started but not closed: ") {
                        if !agenda.contains(where: { $0.status.isOutstanding && $0.wasStarted }) { fail(part.id, m, "none") }
                    } else { fail(part.id, m, "unrecognised") }
                case .deferralsForTime:
                    if let r = firstWordRef(m), m.contains("was deferred") {
                        if state.cases[r]?.deferralReason == nil { fail(part.id, m, "not deferred") }
                    } else if m == "No case was deferred for lack of time." {
                        if agenda.contains(where: { $0.deferralReason.map(Rubric.citesTime) == true && $0.status != .heard }) { fail(part.id, m, "one was") }
                    } else { fail(part.id, m, "unrecognised") }
                case .smartActions:
                    if m.hasPrefix("#"), let id = m.split(separator: " ").first {
                        guard let a = state.actions.first(where: { state.displayID($0.id) == String(id) }) else { fail(part.id, m, "no such action"); continue }
                        let found = SmartRules.check(a, today: state.info.date, agenciesPresent: state.agenciesPresent)
                        if found.isEmpty { fail(part.id, m, "the action is SMART") }
                        for f in found where !m.contains(f.message) { fail(part.id, m, "misses \(f.message)") }
                        if m.contains("bespoke due date") && a.due != nil { fail(part.id, m, "it has a due date") }
                    } else if m.hasPrefix("No action was agreed") {
                        if heard.contains(where: { !live($0.ref).isEmpty }) { fail(part.id, m, "actions exist") }
                    } else if m.hasPrefix("All "), m.contains("actions are specific") {
                        if !card.rewrites.isEmpty { fail(part.id, m, "some are weak") }
                    } else if m.contains("actions need work") {
                        if card.rewrites.isEmpty { fail(part.id, m, "none are weak") }
                    } else { fail(part.id, m, "unrecognised") }
                case .coverage:
                    if let r = ref(m), m.hasSuffix(" action.") {
                        let claimed = Set(m.dropFirst(r.count + ": no ".count).dropLast(" action.".count)
                            .replacingOccurrences(of: " or ", with: ", ").components(separatedBy: ", "))
                        let a = live(r)
                        var missing: Set<String> = []
                        if !Rubric.coversVictim(a) { missing.insert("victim-safety") }
                        if !a.contains(where: { $0.category == .perpetrator }) { missing.insert("perpetrator") }
                        if state.cases[r]!.agenda.hasChildren, !a.contains(where: { $0.category == .children }) { missing.insert("children") }
                        if claimed != missing { fail(part.id, m, "missing is really \(missing.sorted())") }
                    } else if m.hasPrefix("Every case heard has") {
                        if part.score != part.points { fail(part.id, m, "not full") }
                    } else { fail(part.id, m, "unrecognised") }
                case .safeFeedback:
                    if let r = ref(m) {
                        let c = state.cases[r]!
                        if m.contains("nobody was agreed") { if c.feedback != nil { fail(part.id, m, "feedback agreed") } }
                        else if c.feedback == nil { fail(part.id, m, "no feedback at all") }
                    } else if m.hasPrefix("A safe feedback route was agreed") {
                        if heard.contains(where: { $0.feedback == nil }) { fail(part.id, m, "one has none") }
                    } else { fail(part.id, m, "unrecognised") }
                case .promptsForTime:
                    if let r = ref(m), let reason = m.components(separatedBy: "passed because \"").last?.dropLast(2) {
                        if !(state.cases[r]?.passedPrompts.values.contains(String(reason)) ?? false) { fail(part.id, m, "no such pass") }
                    } else if m == "No prompt was passed for lack of time." {
                        if heard.contains(where: { $0.passedPrompts.values.contains(where: Rubric.citesTime) }) { fail(part.id, m, "one was") }
                    } else { fail(part.id, m, "unrecognised") }
                case .equalityAsked:
                    if let r = ref(m), m.contains("blank on the agenda") {
                        let blank = Rubric.blankEquality(state.cases[r]!)
                        if !m.contains(Rubric.list(blank) + " blank") { fail(part.id, m, "blank fields are \(blank)") }
                    } else if m == "The agenda records every equality field for every case." {
                        if agenda.contains(where: { !Rubric.blankEquality($0).isEmpty }) { fail(part.id, m, "one is blank") }
                    } else if m.hasPrefix("The cases with blank equality fields") {
                        if heard.contains(where: { !Rubric.blankEquality($0).isEmpty }) { fail(part.id, m, "one was heard") }
                    } else { fail(part.id, m, "unrecognised") }
                case .outstandingReviewed:
                    if m.hasPrefix("Not reviewed: ") {
                        if !state.outstanding.contains(where: { m.contains($0.displayID) && state.reviews[$0.id] == nil }) { fail(part.id, m, "it was") }
                    } else if m == "No action was outstanding from earlier meetings." { if !state.outstanding.isEmpty { fail(part.id, m, "some were") } }
                    else if m.hasPrefix("All "), m.hasSuffix("outstanding actions were reviewed.") {
                        if state.outstanding.contains(where: { state.reviews[$0.id] == nil }) { fail(part.id, m, "not all") }
                    } else { fail(part.id, m, "unrecognised") }
                }
            }
        }
    }
}
