import Foundation
import MaracCore
import MaracUI

/// Runs the screen-reader mode (docs/ACCESSIBILITY.md) on plain standard input and output: lines
/// in, lines out. It never touches the terminal's modes (no ncurses, no raw mode, no escape
/// sequence): the terminal's own line editing and echo are what the chair and the screen reader
/// already know. Between lines it waits on the input with a timeout, so that a target or limit
/// crossed is announced at once, on a fresh line, with the question then shown again.
public enum SpokenRun {
    /// Ctrl-C while a line is being typed: handled as the full-screen interface handles it
    /// (a form is cancelled keeping a draft; elsewhere "Quit?" is asked), never an abrupt exit.
    nonisolated(unsafe) static var interrupted: sig_atomic_t = 0

    /// Runs until the chair quits or the input ends (everything is already in the journal).
    /// `perform` writes to the journal (write-ahead) and answers as for the full-screen runs.
    public static func run(_ screen: MeetingScreen, clock: Clock, input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO,
                           perform: @escaping (Effect) -> [Msg]) -> MeetingScreen {
        let out = LineOutput(fd: output, echoes: isatty(input) == 1)
        var spoken = SpokenMeeting(screen: screen, perform: perform)
        out.say(spoken.start(now: clock.now))
        out.ask(spoken.prompt)
        let previous = signal(SIGINT) { _ in SpokenRun.interrupted = 1 }
        defer { signal(SIGINT, previous) }
        var pending: [UInt8] = []
        var lastTick = clock.now
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !spoken.finished {
            var fds = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fds, 1, 250)
            if interrupted != 0 {
                interrupted = 0
                pending.removeAll()
                out.freshLine()
                out.say(spoken.interrupt())
                if !spoken.finished { out.ask(spoken.prompt) }
                continue
            }
            if ready > 0 {
                let n = read(input, &buffer, buffer.count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    // The input ended (Ctrl-D, a closed terminal, the end of a file): nothing is lost.
                    out.freshLine()
                    out.say(["The input ended. Everything is saved."])
                    break
                }
                pending.append(contentsOf: buffer[0..<n])
                while let newline = pending.firstIndex(of: 10) {
                    var bytes = Array(pending[..<newline])
                    pending.removeSubrange(...newline)
                    if bytes.last == 13 { bytes.removeLast() }
                    out.answered()
                    out.say(spoken.answer(String(decoding: bytes, as: UTF8.self)))
                    if spoken.finished { break }
                    out.ask(spoken.prompt)
                }
                if pending.count > 64 * 1024 { pending.removeAll() }   // a line no one typed
            }
            let now = clock.now
            if now - lastTick >= 1000 || ready == 0 {
                lastTick = now
                let announcements = spoken.tick(now: now)
                if !announcements.isEmpty {
                    out.freshLine()
                    out.say(announcements)
                    out.ask(spoken.prompt)
                }
            }
        }
        return spoken.screen
    }
}

/// Standard output, written with write(2) as whole lines (nothing buffered where a crash could lose it).
final class LineOutput {
    let fd: Int32
    /// The terminal echoes what is typed, newline included; without one (a pipe) the answer never
    /// reaches the screen, so the line after a question is ended here.
    let echoes: Bool
    private var asking = false

    init(fd: Int32, echoes: Bool) { self.fd = fd; self.echoes = echoes }

    func say(_ lines: [String]) {
        for line in lines { write(line + "\n") }
    }

    /// The question, left open for the answer (no newline).
    func ask(_ prompt: String) {
        write(prompt)
        asking = true
    }

    /// The chair ended a line (the terminal's echo moved to a fresh line).
    func answered() {
        if asking && !echoes { write("\n") }
        asking = false
    }

    /// Before an announcement: end the open question's line, so the announcement starts afresh.
    func freshLine() {
        if asking { write("\n") }
        asking = false
    }

    private func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }
}
