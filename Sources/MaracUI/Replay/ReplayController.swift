import MaracCore

/// Trainer replay (`marac replay`): the live meeting screen, read-only, driven by the recorded
/// events at their recorded times. The runtime's clock (wall or manual) drives a replay clock that
/// runs `speed` times faster; events whose time has come are handed to the screen exactly as the
/// journal handed them to the live screen, so the two cannot disagree. Nothing is ever written.
public struct ReplayController: Program {
    public static let speeds = [1, 2, 5, 10, 20, 30, 60]

    public let records: [RecordedEvent]
    /// How many records the screen has seen.
    public private(set) var position: Int
    /// The recorded time the replay has reached (epoch ms).
    public private(set) var replayNow: Int64
    public private(set) var speed: Int
    public private(set) var paused: Bool
    /// Trainers: stop the replay at the moment a discussion goes past the time limit.
    public var pauseAtOverrun: Bool
    private var lastWall: Int64?
    private var screen: MeetingScreen
    private let setUpCount: Int

    public init(records: [RecordedEvent], speed: Int = 1, now: Int64, pauseAtOverrun: Bool = false) {
        self.records = records
        self.pauseAtOverrun = pauseAtOverrun
        self.speed = ReplayController.clampSpeed(speed)
        self.paused = false
        self.lastWall = now
        // Start with the meeting as `marac new` left it: the set-up, before anyone spoke.
        let setUp = records.prefix { r in
            switch r.event {
            case .meetingCreated, .caseQueued(_, false), .outstandingActionsImported: return true
            default: return false
            }
        }.count
        self.setUpCount = setUp
        self.position = setUp
        // Begin a second before the first thing said, rather than at the (earlier) moment of set-up.
        self.replayNow = setUp < records.count ? records[setUp].at - 1000 : (records.last?.at ?? now)
        self.screen = MeetingScreen(meeting: Meeting(events: Array(records.prefix(setUp))), now: replayNow, mode: .readOnly)
        refreshBar()
    }

    public var isAtEnd: Bool { position >= records.count }
    public var meeting: Meeting { screen.meeting }

    static func clampSpeed(_ s: Int) -> Int { min(60, max(1, s)) }

    public mutating func update(_ msg: Msg) -> [Effect] {
        defer { refreshBar() }
        switch msg {
        case .tick(let now):
            if !paused, let last = lastWall, now > last {
                let target = replayNow + (now - last) * Int64(speed)
                if pauseAtOverrun { advanceStoppingAtOverrun(to: target) } else { advance(to: target) }
            }
            lastWall = now
            return forward(.tick(now: replayNow))
        case .key(let key):
            if let handled = replayKey(key) { return handled }
            return forward(msg)
        case .appended, .appendFailed:
            return []   // a replay never writes, so nothing can answer it
        case .resize, .paste, .notice:
            return forward(msg)
        }
    }

    public func view(size: Size) -> ScreenBuffer { screen.view(size: size) }

    /// The screen without the replay bar: what the live screen showed at this point.
    public func viewWithoutBar(size: Size) -> ScreenBuffer {
        var inner = screen
        inner.replayBar = nil
        return inner.view(size: size)
    }

    // MARK: - Keys

    private mutating func replayKey(_ key: Key) -> [Effect]? {
        switch key {
        case .char(" "):
            paused.toggle()
        case .char("."), .right:
            paused = true
            stepForward()
        case .char(","), .left:
            paused = true
            stepBack()
        case .char("+"), .char("="):
            speed = Self.speeds.first { $0 > speed } ?? Self.speeds.last!
        case .char("-"), .char("_"):
            speed = Self.speeds.last { $0 < speed } ?? Self.speeds.first!
        case .char("]"):
            paused = true
            jumpToNextCase()
        case .char("["):
            paused = true
            jumpToPreviousCase()
        case .char("o"):
            pauseAtOverrun.toggle()
        case .char("0"), .home:
            paused = true
            rebuild(upTo: setUpCount)
        case .end:
            paused = true
            advance(to: records.last?.at ?? replayNow)
        default:
            return nil
        }
        return forward(.tick(now: replayNow))
    }

    private mutating func forward(_ msg: Msg) -> [Effect] {
        screen.update(msg).filter { $0 == .quit }
    }

    // MARK: - Moving through the recording

    private mutating func advance(to time: Int64) {
        replayNow = time
        var batch: [RecordedEvent] = []
        while position < records.count, records[position].at <= time {
            batch.append(records[position])
            position += 1
        }
        if !batch.isEmpty { _ = screen.update(.appended(batch)) }
        // Nothing was recorded after the last event: the replay's clock stops there.
        if isAtEnd, let last = records.last { replayNow = last.at }
    }

    private mutating func stepForward() {
        guard position < records.count else { return }
        let next = records[position]
        advance(to: next.at)
    }

    private mutating func stepBack() {
        guard position > setUpCount else { return }
        rebuild(upTo: position - 1)
    }

    private mutating func rebuild(upTo count: Int) {
        position = max(setUpCount, min(count, records.count))
        replayNow = position > 0 ? records[position - 1].at : replayNow
        var fresh = MeetingScreen(meeting: Meeting(events: Array(records.prefix(position))), now: replayNow, mode: .readOnly)
        fresh.replayBar = screen.replayBar
        screen = fresh
    }

    /// Moves event by event so a limit crossed between two events is caught at its exact moment.
    private mutating func advanceStoppingAtOverrun(to target: Int64) {
        while true {
            if let crossing = nextOverrun(before: target) {
                advance(to: crossing)
                paused = true
                return
            }
            guard position < records.count, records[position].at <= target else { break }
            advance(to: records[position].at)
        }
        advance(to: target)
    }

    /// The first moment after `replayNow` and no later than `target` at which a running discussion
    /// reaches its limit, if there is one.
    private func nextOverrun(before target: Int64) -> Int64? {
        let state = screen.meeting.state
        var candidates: [Int64] = []
        // The running case, as the screen has it now, crossing before the next event arrives.
        if let ref = state.activeCase, let c = state.cases[ref], c.isRunning {
            let limit = state.timing.limit(bonusMinutes: c.bonusMinutes)
            let elapsed = c.elapsedMillis(now: replayNow)
            if elapsed < limit { candidates.append(replayNow + (limit - elapsed)) }
        }
        let nextEvent = position < records.count ? records[position].at : Int64.max
        guard let crossing = candidates.min(), crossing <= target, crossing <= nextEvent else { return nil }
        return crossing
    }

    private func isCaseStart(_ r: RecordedEvent) -> Bool {
        if case .discussionStarted = r.event { return true }
        return false
    }

    private mutating func jumpToNextCase() {
        guard let i = records[position...].firstIndex(where: isCaseStart) else { return }
        advance(to: records[i].at)
    }

    private mutating func jumpToPreviousCase() {
        // The start of the case before the one being shown.
        let starts = records[setUpCount..<position].indices.filter { isCaseStart(records[$0]) }
        guard let target = starts.dropLast().last ?? starts.last else { return rebuild(upTo: setUpCount) }
        rebuild(upTo: target + 1)
    }

    // MARK: - The replay bar

    private mutating func refreshBar() {
        // Positions are measured from the recorded start of the meeting (not the journal's creation,
        // which may be days earlier), so the bar's "of" figure never changes during a replay.
        let started = records.first { if case .meetingStarted = $0.event { return true } else { return false } }
        let start = started?.at ?? (setUpCount < records.count ? records[setUpCount].at : records.first?.at ?? replayNow)
        let end = max(start, records.last?.at ?? replayNow)
        let last = position > 0 ? records[position - 1].event.name : "start"
        var mark = paused ? "Ⅱ PAUSED" : (isAtEnd ? "■ END" : "▶ PLAYING")
        if pauseAtOverrun { mark += " (stops at overruns)" }
        screen.replayBar = "REPLAY \(mark) \(speed)× │ \(formatDuration(max(0, replayNow - start))) of \(formatDuration(end - start))"
            + " │ \(position)/\(records.count) \(last) │ Space pause ←/→ step [/] case +/- speed o stop at overruns"
    }
}
