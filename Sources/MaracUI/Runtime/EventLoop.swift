import MaracCore

/// What one read from an input port produced, already decoded (keys, a whole bracketed paste, a
/// new size). Ports never hand the loop raw bytes.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    /// Text the terminal delivered as one bracketed paste: never keys, never a shortcut.
    case paste(String)
    /// The terminal is now this size.
    case resize(Size)
}

/// Where keys and sizes come from: the real terminal, a `--keys` script, a test.
public protocol InputPort: AnyObject {
    /// The size the screen has now (sent to the program before anything else).
    var size: Size { get }
    /// Waits up to `timeoutMillis` (0: only what is already waiting) and returns the next input,
    /// or nil when none came in time.
    func next(timeoutMillis: Int) -> InputEvent?
    /// True once input has gone for good (a closed terminal, the end of a script): the loop ends.
    var isClosed: Bool { get }
}

/// Where frames go. The real terminal sends only the difference; a script or a test keeps the last one.
public protocol ScreenSink: AnyObject {
    func draw(_ frame: ScreenBuffer)
    /// Ctrl-L: the next `draw` repaints every cell, in case something scribbled on the terminal.
    func repaintAll()
}

/// The one event loop every run goes through — a real terminal, a `--keys` script and the UI
/// tests — so they all see the same messages in the same order (docs/ARCHITECTURE.md, "The loop"):
///
/// 1. `.resize(real size)` first, then `.tick(now)`;
/// 2. then, over and over: draw the frame if it changed; wait for input (a timeout is a tick);
///    take every input already waiting before drawing again, so a burst of keys costs one frame;
/// 3. each message's effects are carried out in order, depth first: an `.append` goes to the
///    journal port at once and its answer (`.appended` / `.appendFailed`) is delivered before the
///    next effect; `.quit` ends the loop there and then, and nothing after it is delivered.
///
/// Ctrl-L is the loop's own key (repaint) and never reaches the program.
public struct EventLoop<P: Program> {
    public var program: P
    /// Carries out one effect (an append to the journal) and answers with the journal's messages.
    public let perform: (Effect) throws -> [Msg]
    public private(set) var hasQuit = false
    /// The size the program was last told.
    public private(set) var size = Size(cols: 0, rows: 0)
    /// The most inputs taken in one burst before a frame is drawn (a frame now and then during a
    /// flood keeps the screen alive without costing a frame per key).
    public static var burstLimit: Int { 4096 }

    public init(program: P, perform: @escaping (Effect) throws -> [Msg]) {
        self.program = program
        self.perform = perform
    }

    /// The first two messages of every run: the real size, then the time.
    public mutating func start(size: Size, now: Int64) throws {
        try send(.resize(size))
        try send(.tick(now: now))
    }

    /// Delivers one message and carries out its effects depth first (see the type's comment).
    public mutating func send(_ msg: Msg) throws {
        guard !hasQuit else { return }
        if case .resize(let s) = msg { size = s }
        for effect in program.update(msg) {
            if effect == .quit { hasQuit = true; return }
            for answer in try perform(effect) {
                try send(answer)
                if hasQuit { return }
            }
        }
    }

    /// One decoded input. Ctrl-L repaints (the loop's own key); a paste and a key go to the program.
    public mutating func handle(_ input: InputEvent, screen: ScreenSink? = nil) throws {
        switch input {
        case .key(.ctrl("l")): screen?.repaintAll()
        case .key(let key): try send(.key(key))
        case .paste(let text): try send(.paste(text))
        case .resize(let s): try send(.resize(s))
        }
    }

    /// Runs until the program quits or the input closes.
    /// - `clock` gives epoch milliseconds; a wait that times out sends `.tick`, and so does a burst
    ///   of keys once a second has passed since the last tick.
    public mutating func run(input: InputPort, screen: ScreenSink, clock: () -> Int64, tickMillis: Int = 250) throws {
        let tickEvery = max(1, tickMillis)
        var lastTick = clock()
        try start(size: input.size, now: lastTick)
        var lastDrawn: ScreenBuffer?
        while !hasQuit {
            let frame = program.view(size: size)
            if frame != lastDrawn {
                screen.draw(frame)
                lastDrawn = frame
            }
            guard let first = input.next(timeoutMillis: tickEvery) else {
                // Everything is already in the journal, so a lost terminal simply ends the run.
                if input.isClosed { return }
                lastTick = clock()
                try send(.tick(now: lastTick))
                continue
            }
            var burst = [first]
            while burst.count < Self.burstLimit, let more = input.next(timeoutMillis: 0) { burst.append(more) }
            for event in burst {
                if case .key(.ctrl("l")) = event { lastDrawn = nil }
                if case .resize = event { lastDrawn = nil }
                try handle(event, screen: screen)
                if hasQuit { return }
            }
            let now = clock()
            if now - lastTick >= 1000 {
                lastTick = now
                try send(.tick(now: now))
            }
        }
    }
}

/// A screen sink that keeps only the last frame: `--keys` runs and tests.
public final class LastFrameSink: ScreenSink {
    public private(set) var frame: ScreenBuffer?
    public private(set) var frames = 0
    public private(set) var repaints = 0
    public init() {}
    public func draw(_ frame: ScreenBuffer) { self.frame = frame; frames += 1 }
    public func repaintAll() { repaints += 1 }
}
