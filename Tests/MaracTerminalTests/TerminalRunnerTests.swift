import Foundation
import MaracCore
import MaracUI
import Testing
@testable import MaracTerminal

/// A terminal that plays back inputs and records frames: the loop's logic without curses.
final class ScriptedTerminal: TerminalDevice {
    var size: Size
    private var inputs: [TerminalInput?]
    private(set) var drawn: [ScreenBuffer] = []
    private(set) var fullRedraws = 0

    /// True: every input is already waiting (a paste, a fast typist, a flood) and a read that
    /// must not wait still gets it. False: each arrives on its own, after the loop has drawn.
    let burst: Bool

    /// `nil` in `inputs` is a timeout. When the script runs out the terminal sends "q".
    init(size: Size = Size(cols: 20, rows: 2), inputs: [TerminalInput?], burst: Bool = false) {
        self.size = size; self.inputs = inputs; self.burst = burst
    }

    func draw(_ buffer: ScreenBuffer) { drawn.append(buffer) }
    func forceFullRedraw() { fullRedraws += 1 }
    func readKey(timeoutMillis: Int) -> TerminalInput? {
        if timeoutMillis == 0 && (!burst || inputs.isEmpty || inputs.first == .some(nil)) { return nil }
        guard !inputs.isEmpty else { return .key(.char("q")) }
        let next = inputs.removeFirst()
        if next == .resize { size = Size(cols: 30, rows: 3) }
        return next
    }
}

/// Remembers every message; "q" quits, "s" asks to save, "x" saves then quits.
struct RecordingProgram: Program {
    var messages: [Msg] = []
    var showsTicks = false

    mutating func update(_ msg: Msg) -> [Effect] {
        messages.append(msg)
        switch msg {
        case .key(.char("q")): return [.quit]
        case .key(.char("s")): return [.append([])]
        case .key(.char("x")): return [.append([]), .quit]
        default: return []
        }
    }

    func view(size: Size) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: size)
        let keys = messages.filter { if case .key = $0 { true } else { false } }.count
        let saved = messages.filter { if case .appended = $0 { true } else { false } }.count
        buffer.put("k\(keys) s\(saved)", col: 0, row: 0)
        if showsTicks, case .tick(let now)? = messages.last(where: { if case .tick = $0 { true } else { false } }) {
            buffer.put("t\(now / 1000)", col: 0, row: 1)   // the displayed second
        }
        return buffer
    }
}

/// Epoch milliseconds that move on by `step` every time they are read.
final class ManualClock {
    private(set) var now: Int64
    let step: Int64
    init(start: Int64 = 1_000_000, step: Int64) { now = start; self.step = step }
    func read() -> Int64 { defer { now += step }; return now }
}

@Suite struct TerminalRunnerTests {
    @Test func keysReachTheProgramAndQuitEndsTheLoop() throws {
        let terminal = ScriptedTerminal(inputs: [.key(.char("a")), .key(.up), .key(.char("q")), .key(.char("z"))])
        var program = RecordingProgram()
        let clock = ManualClock(step: 1)
        try TerminalRunner.run(&program, terminal: terminal, clock: clock.read) { _ in [] }
        let keys = program.messages.compactMap { if case .key(let k) = $0 { k } else { nil } }
        #expect(keys == [.char("a"), .up, .char("q")])      // nothing after quit
        #expect(terminal.drawn.last?.lines().first == "k2 s0" + String(repeating: " ", count: 15))
    }

    @Test func ctrlLRepaintsAndIsNotPassedOn() throws {
        let terminal = ScriptedTerminal(inputs: [.key(.ctrl("l"))])
        var program = RecordingProgram()
        let clock = ManualClock(step: 1)
        try TerminalRunner.run(&program, terminal: terminal, clock: clock.read) { _ in [] }
        #expect(terminal.fullRedraws == 1)
        #expect(!program.messages.contains(.key(.ctrl("l"))))
        #expect(terminal.drawn.count == 2)   // the first frame, then the same frame again after Ctrl-L
    }

    @Test func timeoutsTickWithTheClockAndKeysStillTickEverySecond() throws {
        // Three timeouts, then six keys while the clock moves 300 ms per read.
        let typing = Array(repeating: TerminalInput?.some(.key(.char("a"))), count: 6)
        let terminal = ScriptedTerminal(inputs: [nil, nil, nil] + typing)
        var program = RecordingProgram()
        let clock = ManualClock(start: 10_000, step: 300)
        try TerminalRunner.run(&program, terminal: terminal, clock: clock.read) { _ in [] }
        let ticks = program.messages.compactMap { if case .tick(let now) = $0 { now } else { nil } }
        // Start, three timeouts, then during typing only when a second has passed since the last tick.
        #expect(ticks == [10_000, 10_300, 10_600, 10_900, 12_100])
    }

    @Test func effectResultsGoBackBeforeTheNextEffect() throws {
        let terminal = ScriptedTerminal(inputs: [.key(.char("s")), .key(.char("x"))])
        var program = RecordingProgram()
        var performed: [Effect] = []
        let clock = ManualClock(step: 1)
        try TerminalRunner.run(&program, terminal: terminal, clock: clock.read) { effect in
            performed.append(effect)
            return [.appended([])]
        }
        #expect(performed == [.append([]), .append([])])   // never .quit
        let tail = program.messages.suffix(4)
        #expect(Array(tail) == [.key(.char("s")), .appended([]), .key(.char("x")), .appended([])])
        #expect(terminal.drawn.last?.lines().first?.hasPrefix("k1 s1") == true)   // "x" quit before a redraw
    }

    @Test func aFailedPerformStopsTheLoopWithTheError() {
        struct DiskGone: Error {}
        let terminal = ScriptedTerminal(inputs: [.key(.char("s")), .key(.char("a"))])
        var program = RecordingProgram()
        let clock = ManualClock(step: 1)
        #expect(throws: DiskGone.self) {
            try TerminalRunner.run(&program, terminal: terminal, clock: clock.read) { _ in throw DiskGone() }
        }
        #expect(!program.messages.contains(.key(.char("a"))))
    }

    @Test func resizeSendsTheNewSizeAndRedraws() throws {
        let terminal = ScriptedTerminal(inputs: [.resize])
        var program = RecordingProgram()
        let clock = ManualClock(step: 1)
        try TerminalRunner.run(&program, terminal: terminal, clock: clock.read) { _ in [] }
        #expect(program.messages.contains(.resize(Size(cols: 30, rows: 3))))
        #expect(terminal.drawn.map(\.size) == [Size(cols: 20, rows: 2), Size(cols: 30, rows: 3)])
    }

    @Test func redrawsOnlyWhenTheFrameChanges() throws {
        // 100 ms per clock read: ten timeouts cross one second boundary once.
        let terminal = ScriptedTerminal(inputs: Array(repeating: nil, count: 10))
        var program = RecordingProgram(showsTicks: true)
        let clock = ManualClock(start: 5_500, step: 100)
        try TerminalRunner.run(&program, terminal: terminal, clock: clock.read) { _ in [] }
        let seconds = terminal.drawn.map { $0.lines()[1].split(separator: " ").first.map(String.init) ?? "" }
        #expect(seconds == ["t5", "t6"])
    }

    @Test func aBurstOfWaitingKeysIsReadWholeBeforeOneFrameIsDrawn() throws {
        // 500 keys already waiting (a paste without bracketed paste, a flood): one frame for all of them.
        let terminal = ScriptedTerminal(inputs: Array(repeating: .key(.char("a")), count: 500), burst: true)
        var program = RecordingProgram()
        let clock = ManualClock(step: 1)
        try TerminalRunner.run(&program, terminal: terminal, clock: clock.read) { _ in [] }
        #expect(terminal.drawn.map { $0.lines()[0].prefix(6) } == ["k0 s0 ", "k500 s"])
    }

    @Test func theRealSizeIsSentFirstBeforeAnyTickOrKey() throws {
        // The bug: the model thought it was 80x24 until the first SIGWINCH.
        let terminal = ScriptedTerminal(size: Size(cols: 120, rows: 40), inputs: [.key(.char("a"))])
        var program = RecordingProgram()
        let clock = ManualClock(step: 1)
        try TerminalRunner.run(&program, terminal: terminal, clock: clock.read) { _ in [] }
        #expect(program.messages.first == .resize(Size(cols: 120, rows: 40)))
        #expect(program.messages.dropFirst().first.map { if case .tick = $0 { true } else { false } } == true)
    }

    @Test func theLoopReturnsTheSizeLastDrawnForADumpAfterRestore() throws {
        // The bug: `--dump-screen` read the size of a restored terminal (0x0) and wrote an empty file.
        let terminal = ScriptedTerminal(size: Size(cols: 100, rows: 30), inputs: [.resize])
        var program = RecordingProgram()
        let clock = ManualClock(step: 1)
        let size = try TerminalRunner.run(&program, terminal: terminal, clock: clock.read) { _ in [] }
        #expect(size == Size(cols: 30, rows: 3))
    }

    @Test func escapeSequencesNcursesDidNotKnowArriveAsOneKeyOrNone() throws {
        // ESC [ 4 ~ (End under tmux/screen) and an unknown ESC [ 99 ~: never "[", "4", "~".
        let bytes = "\u{1B}[4~\u{1B}[99~"
        let reads = bytes.unicodeScalars.map { TerminalInput.key(KeyDecoder.decodeCharacter($0.value)!) }
        let terminal = ScriptedTerminal(inputs: reads, burst: true)
        var program = RecordingProgram()
        let clock = ManualClock(step: 1)
        try TerminalRunner.run(&program, terminal: terminal, clock: clock.read) { _ in [] }
        let keys = program.messages.compactMap { if case .key(let k) = $0 { k } else { nil } }
        #expect(keys == [.end, .char("q")])
    }
}

/// A terminal whose process is sent a stop request (SIGTERM) after some keys have been typed; the
/// keys typed after it are still waiting when the loop must end.
final class SignalledTerminal: TerminalDevice {
    let size = Size(cols: 20, rows: 2)
    private var keys: [Key]
    private let stopAfter: Int
    private(set) var reads = 0
    private(set) var readsAfterStop = 0
    init(keys: [Key], stopAfter: Int) { self.keys = keys; self.stopAfter = stopAfter }

    var stopSignal: Int32? { reads >= stopAfter ? SIGTERM : nil }
    func draw(_ buffer: ScreenBuffer) {}
    func forceFullRedraw() {}
    func readKey(timeoutMillis: Int) -> TerminalInput? {
        if stopSignal != nil { readsAfterStop += 1 }
        guard !keys.isEmpty else { return nil }
        reads += 1
        return .key(keys.removeFirst())
    }
}

@Suite struct StopRequestTests {
    /// SIGTERM's handler only sets a flag: the loop sees it at its next read, reads nothing more and
    /// ends as a quit would (the command then restores the terminal and ends with the signal).
    @Test func aStopRequestEndsTheLoopAtItsNextRead() throws {
        let terminal = SignalledTerminal(keys: [.char("a"), .char("b"), .char("c"), .char("d")], stopAfter: 2)
        var program = RecordingProgram()
        let clock = ManualClock(step: 1)
        try TerminalRunner.run(&program, terminal: terminal, clock: clock.read) { _ in [] }
        let keys = program.messages.compactMap { if case .key(let k) = $0 { k } else { nil } }
        #expect(keys == [.char("a"), .char("b")])
        #expect(terminal.readsAfterStop == 0)
    }
}
