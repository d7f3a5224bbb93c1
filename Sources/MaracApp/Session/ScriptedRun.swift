import Foundation
import MaracCore
import MaracJournal
import MaracTerminal
import MaracUI

/// Drives a program from a `--keys` script with no terminal (docs/DECISIONS.md), through
/// the same `EventLoop` as a live run: keys are delivered at the manual clock's current instant;
/// `<Sleep 11m>` advances the clock and is a wait that timed out (a tick); effects go through the
/// same `perform` as a live run, so the journal gets every event.
public enum ScriptedRun {
    public struct Outcome {
        public var screen: ScreenBuffer
        public var quit: Bool
        public var stepsRun: Int
    }

    public static func run<P: Program>(_ program: inout P, steps: [ScriptStep], clock: ManualClock, size: Size,
                                       perform: @escaping (Effect) -> [Msg]) -> Outcome {
        let port = ScriptPort(steps: steps, clock: clock, size: size)
        let sink = LastFrameSink()
        var loop = EventLoop(program: program, perform: perform)
        defer { program = loop.program }
        // `perform` cannot throw here, so neither can the loop.
        try? loop.run(input: port, screen: sink, clock: { clock.now })
        return Outcome(screen: loop.program.view(size: loop.size), quit: loop.hasQuit, stepsRun: port.stepsTaken)
    }
}

/// A `--keys` script as the loop's input port. Keys and resizes are "already waiting"; a sleep is
/// a wait: it is taken only by a read that may wait, moves the manual clock on, and reads as a
/// timeout (so the loop ticks). The end of the script closes the input.
public final class ScriptPort: InputPort {
    private var steps: ArraySlice<ScriptStep>
    private let clock: ManualClock
    public private(set) var size: Size
    public private(set) var stepsTaken = 0

    public init(steps: [ScriptStep], clock: ManualClock, size: Size) {
        self.steps = steps[...]; self.clock = clock; self.size = size
    }

    /// Closed once a read finds the script finished (not when the last step is taken: a final
    /// `<Sleep>` must still be answered with its tick).
    public private(set) var isClosed = false

    public func next(timeoutMillis: Int) -> InputEvent? {
        guard let step = steps.first else {
            if timeoutMillis > 0 { isClosed = true }
            return nil
        }
        switch step {
        case .key(let key):
            take()
            return .key(key)
        case .paste(let text):
            take()
            return .paste(text)
        case .resize(let newSize):
            take()
            size = newSize
            return .resize(newSize)
        case .sleep(let millis):
            guard timeoutMillis > 0 else { return nil }
            take()
            clock.advance(millis: millis)
            return nil
        }
    }

    private func take() { steps.removeFirst(); stepsTaken += 1 }
}

/// Reads and parses a `--keys` file; a problem names the file (and the line and column).
/// Only a regular file is read (a FIFO would wait for a writer for ever, a device could be read without end).
func loadKeyScript(_ path: String) throws -> [ScriptStep] {
    let data: [UInt8]
    do { data = try PosixFileIO().readFile(path, limit: FileLimits.small) }
    catch { throw AppError("cannot read the keys file \(path): \(InputFile.reason(error, limit: FileLimits.small))") }
    guard let text = String(validating: data, as: UTF8.self) else { throw AppError("\(path): the keys file is not UTF-8 text") }
    do { return try KeyScript.parse(text) } catch { throw AppError("\(path): \(error)") }
}

/// Runs a program on the real terminal until it quits, restores the terminal on every way out, then
/// writes the final screen if `--dump-screen` asked for it.
func runOnTerminal<P: Program>(_ program: inout P, theme: Theme, clock: Clock, dumpScreenFile: String?,
                               perform: @escaping (Effect) -> [Msg]) throws {
    let terminal: NcursesTerminal
    do { terminal = try NcursesTerminal(theme: theme) }
    catch let error as TerminalError where error.isUnsupportedTerminal {
        // TERM=dumb, unset or unknown: one line and status 2, before anything is drawn.
        throw CommandFailure(error.description, exitCode: 2)
    }
    defer { terminal.restore() }
    // The size is taken from the loop, not the terminal: once restored, a terminal has no size
    // (reading it there is what once wrote an empty dump).
    let lastSize = try TerminalRunner.run(&program, terminal: terminal, clock: { clock.now }, perform: perform)
    let stoppedBy = terminal.stopSignal
    terminal.restore()
    if let dumpScreenFile { try writeScreenDump(program.view(size: lastSize), to: dumpScreenFile) }
    // SIGTERM, SIGHUP or SIGINT ended the loop: the terminal is back as it was; the callers' own
    // ways out (closing the journal) run as the error passes them, and `main` ends with the signal.
    if let stoppedBy { throw StoppedBySignal(signal: stoppedBy) }
}

/// The run was asked to stop by a signal (docs/DECISIONS.md, "s3-11paste: signals"). Thrown once the
/// terminal is restored; the entry point says so in one line and ends the process with the same
/// signal, so a parent (a shell, systemd) sees it killed as it asked.
public struct StoppedBySignal: Error, CustomStringConvertible {
    public let signal: Int32

    public init(signal: Int32) { self.signal = signal }

    public var name: String {
        switch signal {
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        case SIGINT: return "SIGINT"
        default: return "signal \(signal)"
        }
    }

    public var description: String { "stopped by \(name); everything saved before it is kept" }

    /// Ends the process with the signal, its default action restored (a terminating signal ends it).
    public func endProcess() -> Never {
        Foundation.signal(signal, SIG_DFL)
        raise(signal)
        exit(128 + signal)
    }
}

/// `--dump-screen`: the screen as plain text, trailing spaces trimmed.
func writeScreenDump(_ screen: ScreenBuffer, to path: String) throws {
    let text = screen.lines().map { line -> String in
        var l = line
        while l.hasSuffix(" ") { l.removeLast() }
        return l
    }.joined(separator: "\n") + "\n"
    // A dump shows case detail: written whole or not at all, mode 0600, like an export.
    do { try AtomicFile.write(Array(text.utf8), to: path) }
    catch { throw CommandFailure("cannot write the screen dump: \(error.message)", exitCode: error.exitCode) }
}
