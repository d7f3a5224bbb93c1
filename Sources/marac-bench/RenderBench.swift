import MaracApp
import MaracCore
import MaracTerminal
import MaracUI

/// One full frame of a 60-case meeting at 200×60: the pure view into the screen buffer, and the
/// ncurses flush of that buffer (headless: real curses writing to /dev/null).
enum RenderBench {
    static func meeting(cases: Int) -> Meeting {
        // A synthetic meeting cut just after its 60th case is queued, with a few heard.
        let all = SyntheticJournal.events(count: 20_000)
        var events: [RecordedEvent] = []
        var queued = 0
        for (i, e) in all.enumerated() {
            if case .caseQueued = e.event { queued += 1; if queued > cases { break } }
            events.append(RecordedEvent(seq: i + 1, at: e.at, event: e.event))
        }
        return Meeting(events: events)
    }

    static func run(frames: Int) throws -> [Figure] {
        let size = Size(cols: 200, rows: 60)
        let m = meeting(cases: 60)
        let now = m.state.lastEventAt ?? 0
        var agenda = MeetingScreen(meeting: m, now: now)
        _ = agenda.update(.resize(size))
        _ = agenda.update(.key(.char("3")))
        var caseScreen = agenda
        _ = caseScreen.update(.key(.enter))

        var view = Samples()
        var buffers: [ScreenBuffer] = []
        for i in 0..<frames {
            let screen = i % 2 == 0 ? agenda : caseScreen
            view.time { buffers.append(screen.view(size: size)) }
            if buffers.count > 2 { buffers.removeFirst() }
        }

        let terminal = try NcursesTerminal(theme: .fallback, output: .headless(size))
        defer { terminal.restore() }
        let frameA = agenda.view(size: size), frameB = caseScreen.view(size: size)
        var flush = Samples()
        for i in 0..<frames {
            flush.time { terminal.draw(i % 2 == 0 ? frameA : frameB) }
        }
        return [
            Figure(name: "render: view of a 60-case meeting, 200×60", value: view, baselines: [("60 Hz frame", 16.7)],
                   target: "p99 < 2 ms", met: view.p99 < 2),
            Figure(name: "render: ncurses flush of that frame (headless)", value: flush, baselines: [("60 Hz frame", 16.7)],
                   target: "p99 < 2 ms (with the view)", met: view.p99 + flush.p99 < 2),
        ]
    }
}
