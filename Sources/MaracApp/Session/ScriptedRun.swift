import MaracCore
import MaracUI

/// Drives a program from a `--keys` script with no terminal (DESIGN §2 "Scripted runs"): keys are
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
