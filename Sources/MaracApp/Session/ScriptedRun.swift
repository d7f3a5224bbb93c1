import Foundation
import MaracCore
import MaracTerminal
import MaracUI

/// Drives a program from a `--keys` script with no terminal (docs/DECISIONS.md): keys are
/// delivered at the manual clock's current instant; `<Sleep 11m>` advances the clock and sends a
/// tick; effects go through the same `perform` as a live run, so the journal gets every event.
public enum ScriptedRun {
    public struct Outcome {
        public var screen: ScreenBuffer
        public var quit: Bool
        public var stepsRun: Int
    }

    public static func run<P: Program>(_ program: inout P, steps: [ScriptStep], clock: ManualClock, size: Size,
                                       perform: (Effect) -> [Msg]) -> Outcome {
        var size = size
        var quit = false

        func deliver(_ msg: Msg) {
            var pending = [msg]
            while !pending.isEmpty, !quit {
                let next = pending.removeFirst()
                for effect in program.update(next) {
                    if effect == .quit { quit = true; break }
                    pending.append(contentsOf: perform(effect))
                }
            }
        }

        deliver(.resize(size))
        deliver(.tick(now: clock.now))
        var ran = 0
        for step in steps {
            if quit { break }
            ran += 1
            switch step {
            case .key(let key):
                deliver(.key(key))
            case .sleep(let millis):
                // Tick every simulated second would be faithful but slow; the UI only needs the new now.
                clock.advance(millis: millis)
                deliver(.tick(now: clock.now))
            case .resize(let newSize):
                size = newSize
                deliver(.resize(size))
            }
        }
        return Outcome(screen: program.view(size: size), quit: quit, stepsRun: ran)
    }
}

/// Reads and parses a `--keys` file; a problem names the file (and the line and column).
func loadKeyScript(_ path: String) throws -> [ScriptStep] {
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) }
    catch { throw AppError("cannot read the keys file \(path): \(error.localizedDescription)") }
    do { return try KeyScript.parse(text) } catch { throw AppError("\(path): \(error)") }
}

/// Runs a program on the real terminal until it quits, restores the terminal on every way out, then
/// writes the final screen if `--dump-screen` asked for it.
func runOnTerminal<P: Program>(_ program: inout P, theme: Theme, clock: Clock, dumpScreenFile: String?,
                               perform: (Effect) -> [Msg]) throws {
    let terminal: NcursesTerminal
    do { terminal = try NcursesTerminal(theme: theme) }
    catch let error as TerminalError where error.isUnsupportedTerminal {
        // TERM=dumb, unset or unknown: one line and status 2, before anything is drawn.
        throw CommandFailure(error.description, exitCode: 2)
    }
    defer { terminal.restore() }
    try TerminalRunner.run(&program, terminal: terminal, clock: { clock.now }, perform: perform)
    terminal.restore()
    if let dumpScreenFile { try writeScreenDump(program.view(size: terminal.size), to: dumpScreenFile) }
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
