import MaracUI

/// What the live loop needs from a terminal. `NcursesTerminal` is the real one; tests drive the
/// loop with a scripted one.
public protocol TerminalDevice: AnyObject {
    var size: Size { get }
    func draw(_ buffer: ScreenBuffer)
    func readKey(timeoutMillis: Int) -> TerminalInput?
    func forceFullRedraw()
    /// True once the keyboard has gone for good (a closed terminal): the loop ends as if quit.
    var inputLost: Bool { get }
}

extension TerminalDevice {
    public var inputLost: Bool { false }
}

extension NcursesTerminal: TerminalDevice {}

/// The live loop: one thread reads keys with a timeout, so the clock advances without a second
/// thread touching curses.
public struct TerminalRunner {
    /// Runs `program` until it returns `Effect.quit`.
    ///
    /// - `clock` gives epoch milliseconds; the program gets `.tick(now:)` at the start, whenever the
    ///   wait times out, and at least once a second while keys keep arriving.
    /// - `perform` carries out every effect except `.quit` (the app appends to the journal and
    ///   answers `[.appended]` or `[.appendFailed]`); its messages go straight back to the program,
    ///   before the next effect, so the program sees each write's outcome in order.
    /// - Ctrl-L repaints the whole screen and is not passed on.
    /// - The screen is redrawn only when the frame differs from the last one drawn.
    ///
    /// The caller owns the terminal and must `restore()` it afterwards, however this returns.
    public static func run<P: Program, T: TerminalDevice>(_ program: inout P, terminal: T, clock: () -> Int64,
                                                        tickMillis: Int = 250, perform: (Effect) throws -> [Msg]) throws {
        let tickEvery = max(1, tickMillis)
        var lastTick = clock()
        if try deliver(.tick(now: lastTick), to: &program, perform: perform) { return }
        var lastDrawn: ScreenBuffer?

        while true {
            let frame = program.view(size: terminal.size)
            if frame != lastDrawn {
                terminal.draw(frame)
                lastDrawn = frame
            }

            let input = terminal.readKey(timeoutMillis: tickEvery)
            var messages: [Msg] = []
            switch input {
            case .key(.ctrl("l")):
                terminal.forceFullRedraw()
                lastDrawn = nil
            case .key(let key):
                messages.append(.key(key))
            case .resize:
                messages.append(.resize(terminal.size))
                lastDrawn = nil
            case nil:
                // Everything is already in the journal, so a lost terminal simply ends the run.
                if terminal.inputLost { return }
            }
            let now = clock()
            if input == nil || now - lastTick >= 1000 {
                messages.append(.tick(now: now))
                lastTick = now
            }
            for message in messages {
                if try deliver(message, to: &program, perform: perform) { return }
            }
        }
    }

    /// Feeds one message to the program and carries out its effects depth first. True means quit.
    static func deliver<P: Program>(_ message: Msg, to program: inout P, perform: (Effect) throws -> [Msg]) throws -> Bool {
        for effect in program.update(message) {
            if effect == .quit { return true }
            for answer in try perform(effect) {
                if try deliver(answer, to: &program, perform: perform) { return true }
            }
        }
        return false
    }
}
