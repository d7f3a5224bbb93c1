import Testing
@testable import MaracCore

@Suite struct TimingTests {
    static let policy = TimingPolicy(targetMinutes: 10, limitMinutes: 15)

    @Test(arguments: [
        (0.0, false, 0, DiscussionPhase.notStarted), (0.0, true, 0, .normal), (9.98, true, 0, .normal),
        (10.0, true, 0, .targetReached), (14.99, true, 0, .targetReached), (15.0, true, 0, .overLimit),
        (40.0, true, 0, .overLimit), (14.0, true, 5, .normal), (17.0, true, 5, .targetReached), (20.0, true, 5, .overLimit),
    ])
    func phaseTable(minutes: Double, started: Bool, bonus: Int, expected: DiscussionPhase) {
        #expect(Self.policy.phase(elapsedMillis: Int64(minutes * 60_000), started: started, bonusMinutes: bonus) == expected)
    }

    @Test func everyPhaseHasAWordAndASymbol() {
        for phase in [DiscussionPhase.notStarted, .normal, .targetReached, .overLimit] {
            #expect(!phase.word.isEmpty)
            #expect(!phase.symbol.isEmpty)
        }
        #expect(DiscussionPhase.targetReached.word == "move to actions")
    }

    @Test func localProtocolChangesTheMarks() {
        let p = TimingPolicy(LocalProtocol(targetMinutes: 8, limitMinutes: 12))
        #expect(p.phase(elapsedMillis: 8 * 60_000, started: true) == .targetReached)
        #expect(p.phase(elapsedMillis: 12 * 60_000, started: true) == .overLimit)
    }

    @Test func projectionUsesTheTargetBeforeAnyCaseIsHeard() {
        let r = Sample.started()
        let p = r.state.projection(now: r.now)
        #expect(p.casesLeft == 3)
        #expect(p.paceMillis == 600_000)
        #expect(p.projectedTotalMillis == 1_800_000)
        #expect(p.plannedMillis == 180 * 60_000)
        #expect(p.notReached.isEmpty)
    }

    @Test func slowPaceShowsCasesThatWillNotBeReached() {
        var r = Sample.started()
        var info = Sample.info
        info.plannedDurationMinutes = 60
        r.record(.meetingCreated(info: info, rules: .national))
        r.record(.discussionStarted(caseRef: "MC-1"))
        r.advance(minutes: 30)
        r.record(.discussionEnded(caseRef: "MC-1", overrunReason: "historical information"))
        let p = r.state.projection(now: r.now)
        // 30 min elapsed; pace 30 min/case: MC-2 ends at 60 (fits), MC-3 at 90 (does not).
        #expect(p.paceMillis == 1_800_000)
        #expect(p.projectedTotalMillis == 5_400_000)
        #expect(p.notReached == ["MC-3"])
        #expect(p.overrunMillis == 1_800_000)
        #expect(r.state.overruns(now: r.now).map(\.ref) == ["MC-1"])
    }

    @Test func durationsAreFormattedForPeople() {
        #expect(formatDuration(0) == "0:00")
        #expect(formatDuration(65_000) == "1:05")
        #expect(formatDuration(3_723_000) == "1:02:03")
        #expect(formatMinutes(125 * 60_000) == "2h 05m")
        #expect(formatMinutes(45 * 60_000) == "45m")
    }
}
