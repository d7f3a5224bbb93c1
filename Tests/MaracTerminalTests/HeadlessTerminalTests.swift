#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MaracUI
import Testing
@testable import MaracTerminal

/// Real ncurses writing to /dev/null: proves the adapter places glyphs,
/// wide characters and attributes, with no TTY. ncurses is process-global, so these run one at a time.
@Suite(.serialized) struct HeadlessTerminalTests {
    init() {
        // Widths and wide output need a UTF-8 locale.
        setenv("LC_ALL", "C.UTF-8", 1)
        _ = setlocale(LC_ALL, "C.UTF-8")
    }

    static let size = Size(cols: 30, rows: 5)

    static func sampleFrame() -> ScreenBuffer {
        var buffer = ScreenBuffer(size: size)
        buffer.put("Agenda ✓ 会议 item", col: 0, row: 0, style: Style(.title))
        buffer.put("Café é", col: 2, row: 1)
        buffer.put("RISK", col: 0, row: 2, style: Style(.danger))
        buffer.put("sel", col: 5, row: 2, style: Style(.normal, reverse: true))
        buffer.put("under", col: 9, row: 2, style: Style(.normal, underline: true))
        buffer.put("edge会", col: 24, row: 4)   // the wide char ends exactly at the right edge
        return buffer
    }

    @Test func drawsTextWideCharactersAndStylesExactly() throws {
        let terminal = try NcursesTerminal(theme: .fallback, output: .headless(Self.size), environment: [:])
        defer { terminal.restore() }
        #expect(terminal.size == Self.size)
        let frame = Self.sampleFrame()
        terminal.draw(frame)

        let pad = { (n: Int) in String(repeating: " ", count: n) }
        let expected = [
            "Agenda ✓ 会议 item" + pad(12),
            "  Café é" + pad(22),
            "RISK sel under" + pad(16),
            pad(30),
            pad(24) + "edge会",
        ]
        #expect(terminal.dumpLines() == expected)
        #expect(terminal.dumpLines() == frame.lines())

        #expect(terminal.inspect(col: 9, row: 0)?.text == "会")
        #expect(terminal.inspect(col: 0, row: 0)?.bold == true)          // title is bold in the default theme
        let danger = try #require(terminal.inspect(col: 0, row: 2))
        #expect(danger.bold && danger.colourPair != 0)                   // danger: colour and bold
        #expect(terminal.inspect(col: 5, row: 2)?.reverse == true)
        #expect(terminal.inspect(col: 9, row: 2)?.underline == true)
        #expect(terminal.inspect(col: 2, row: 1)?.colourPair == 1)       // normal role, pair 1
    }

    @Test func noColourMeansAttributesOnly() throws {
        let terminal = try NcursesTerminal(theme: .fallback, output: .headless(Self.size), environment: ["NO_COLOR": "1"])
        defer { terminal.restore() }
        #expect(!terminal.usesColour)
        terminal.draw(Self.sampleFrame())
        let danger = try #require(terminal.inspect(col: 0, row: 2))
        #expect(danger.bold && danger.colourPair == 0)
        #expect(terminal.dumpLines()[0].hasPrefix("Agenda ✓ 会议 item"))

        // The header bar (black on cyan in colour) must still stand out: reverse video.
        var bar = ScreenBuffer(size: Self.size)
        bar.put("Marac 01/02/2030", col: 0, row: 0, style: Style(.header))
        terminal.draw(bar)
        #expect(terminal.inspect(col: 0, row: 0)?.reverse == true)
    }

    @Test func monochromeThemeUsesNoColourPairs() throws {
        let terminal = try NcursesTerminal(theme: .monochrome, output: .headless(Self.size), environment: [:])
        defer { terminal.restore() }
        #expect(!terminal.usesColour)
        terminal.draw(Self.sampleFrame())
        let danger = try #require(terminal.inspect(col: 0, row: 2))
        #expect(danger.bold && danger.underline && danger.colourPair == 0)
    }

    @Test func aCharacterNcursesMeasuresNarrowerKeepsTheRowAligned() throws {
        let terminal = try NcursesTerminal(theme: .fallback, output: .headless(Self.size), environment: [:])
        defer { terminal.restore() }
        var frame = ScreenBuffer(size: Self.size)
        let end = frame.put("a✔️b", col: 0, row: 0)     // heavy check + emoji selector: laid out 2 wide
        #expect(end == 4)
        terminal.draw(frame)
        #expect(terminal.inspect(col: 3, row: 0)?.text == "b")
        #expect(terminal.inspect(col: 2, row: 0)?.text == " ")
    }

    @Test func resizeIsReportedAndTheNewSizeDraws() throws {
        let terminal = try NcursesTerminal(theme: .fallback, output: .headless(Self.size), environment: [:])
        defer { terminal.restore() }
        terminal.draw(Self.sampleFrame())
        let bigger = Size(cols: 40, rows: 8)
        terminal.resize(to: bigger)
        #expect(terminal.size == bigger)
        #expect(terminal.readKey(timeoutMillis: 0) == .resize)

        var frame = ScreenBuffer(size: bigger)
        frame.put("after resize 会议", col: 1, row: 7)
        terminal.draw(frame)
        #expect(terminal.dumpLines() == frame.lines())

        // A frame bigger than the screen is clipped, not a crash.
        let smaller = Size(cols: 12, rows: 3)
        terminal.resize(to: smaller)
        var wide = ScreenBuffer(size: bigger)
        wide.put("0123456789会议xyz", col: 0, row: 0)
        terminal.draw(wide)
        #expect(terminal.dumpLines() == ["0123456789会", "            ", "            "])
    }

    @Test func restoreIsIdempotentAndAnotherTerminalCanFollow() throws {
        let terminal = try NcursesTerminal(theme: .fallback, output: .headless(Self.size), environment: [:])
        terminal.restore()
        terminal.restore()
        #expect(!terminal.isActive)
        terminal.draw(Self.sampleFrame())      // ignored, not a crash
        #expect(terminal.dumpLines().isEmpty)
        #expect(terminal.readKey(timeoutMillis: 0) == nil)

        let next = try NcursesTerminal(theme: .fallback, output: .headless(Self.size), environment: [:])
        defer { next.restore() }
        // ncurses has one global screen: a second one at the same time is refused, not corrupted.
        #expect(throws: TerminalError.anotherTerminalIsActive) {
            _ = try NcursesTerminal(theme: .fallback, output: .headless(Self.size), environment: [:])
        }
        next.draw(Self.sampleFrame())
        #expect(next.dumpLines() == Self.sampleFrame().lines())
    }

    @Test func theRunnerDrivesRealCurses() throws {
        let terminal = try NcursesTerminal(theme: .fallback, output: .headless(Self.size), environment: [:])
        defer { terminal.restore() }
        terminal.resize(to: Size(cols: 40, rows: 6))     // queues a resize for the loop to read

        /// Quits on its third tick; shows the last size it was told about.
        struct QuitsAfterTicks: Program {
            var ticks = 0
            var told: Size?
            mutating func update(_ msg: Msg) -> [Effect] {
                if case .resize(let size) = msg { told = size }
                if case .tick = msg { ticks += 1 }
                return ticks == 3 ? [.quit] : []
            }
            func view(size: Size) -> ScreenBuffer {
                var buffer = ScreenBuffer(size: size)
                buffer.put("ticks \(ticks) 会议 told \(told.map { "\($0.cols)x\($0.rows)" } ?? "-")", col: 0, row: 0)
                return buffer
            }
        }
        var program = QuitsAfterTicks()
        var now: Int64 = 0
        // /dev/null input: every read returns at once with nothing, i.e. a timeout and a tick.
        try TerminalRunner.run(&program, terminal: terminal, clock: { now += 10; return now }, tickMillis: 1) { _ in [] }
        #expect(program.told == Size(cols: 40, rows: 6))
        #expect(terminal.dumpLines()[0] == "ticks 2 会议 told 40x6" + String(repeating: " ", count: 18))
    }

    @Test func aLiveTerminalNeedsATTY() {
        // `swift test` runs with stdin/stdout that are not both terminals in CI; skip otherwise.
        guard isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0 else { return }
        #expect(throws: TerminalError.notATerminal) {
            _ = try NcursesTerminal(theme: .fallback, output: .tty, environment: [:])
        }
    }
}
