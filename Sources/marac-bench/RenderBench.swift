import Foundation
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

        // One full frame = the view into a buffer, then the ncurses flush of that buffer, timed
        // together per frame (and each part alone). Frames alternate the agenda and the case
        // screen, so every flush repaints the whole screen: the worst case.
        let terminal = try NcursesTerminal(theme: .fallback, output: .headless(size))
        defer { terminal.restore() }
        var view = Samples(), flush = Samples(), frame = Samples()
        for i in 0..<frames {
            let screen = i % 2 == 0 ? agenda : caseScreen
            let start = DispatchTime.now().uptimeNanoseconds
            let buffer = screen.view(size: size)
            let drawn = DispatchTime.now().uptimeNanoseconds
            terminal.draw(buffer)
            let end = DispatchTime.now().uptimeNanoseconds
            view.values.append(Double(drawn - start) / 1e6)
            flush.values.append(Double(end - drawn) / 1e6)
            frame.values.append(Double(end - start) / 1e6)
        }
        return [
            Figure(name: "render: view of a 60-case meeting (part)", value: view, baselines: [("60 Hz frame", 16.7)],
                   target: "—", met: nil),
            Figure(name: "render: ncurses flush of that frame (part)", value: flush, baselines: [("60 Hz frame", 16.7)],
                   target: "—", met: nil),
            Figure(name: "render: one full frame, 60 cases, 200×60", value: frame, baselines: [("60 Hz frame", 16.7)],
                   target: "p99 < 2 ms", met: frame.p99 < 2),
        ]
    }
}
