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
    /// The signal that asked the run to stop (SIGTERM, SIGHUP, SIGINT), or nil: the loop ends as if quit.
    var stopSignal: Int32? { get }
}

extension TerminalDevice {
    public var inputLost: Bool { false }
    public var stopSignal: Int32? { nil }
}

extension NcursesTerminal: TerminalDevice {}

/// A terminal as the event loop's ports: its keys (escape sequences and bracketed pastes
/// assembled, see `InputAssembler`) and sizes in, frames out.
public final class TerminalPort<T: TerminalDevice>: InputPort, ScreenSink {
    public let terminal: T
    private var assembler = InputAssembler()

    public init(_ terminal: T) { self.terminal = terminal }

    public var size: Size { terminal.size }
    public var isClosed: Bool { terminal.inputLost || terminal.stopSignal != nil }

    public func next(timeoutMillis: Int) -> InputEvent? {
        let terminal = self.terminal
        // Asked to stop: read nothing more, so the loop sees the input closed at once.
        guard terminal.stopSignal == nil else { return nil }
        switch assembler.next(timeoutMillis: timeoutMillis, read: { terminal.readKey(timeoutMillis: $0) }) {
        case nil: return nil
        case .key(let key): return .key(key)
        case .paste(let text): return .paste(text)
        case .resize: return .resize(terminal.size)
        }
    }

    public func draw(_ frame: ScreenBuffer) { terminal.draw(frame) }
    public func repaintAll() { terminal.forceFullRedraw() }
}

/// The live run: the one `EventLoop` on a terminal's ports. One thread reads keys with a timeout,
/// so the clock advances without a second thread touching curses.
public enum TerminalRunner {
    /// Runs `program` until it returns `Effect.quit` or the keyboard is lost, and returns the size
    /// the program last drew at (a `--dump-screen` after the terminal is restored needs it: a
    /// restored terminal has no size).
    ///
    /// The caller owns the terminal and must `restore()` it afterwards, however this returns.
    @discardableResult
    public static func run<P: Program, T: TerminalDevice>(_ program: inout P, terminal: T, clock: () -> Int64,
                                                        tickMillis: Int = 250, perform: @escaping (Effect) throws -> [Msg]) throws -> Size {
        var loop = EventLoop(program: program, perform: perform)
        let port = TerminalPort(terminal)
        defer { program = loop.program }
        try loop.run(input: port, screen: port, clock: clock, tickMillis: tickMillis)
        return loop.size
    }
}
