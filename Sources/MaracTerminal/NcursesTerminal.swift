import CNcursesW
import Foundation
import MaracUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (piped, redirected, run from a script).
    case notATerminal
    /// ncurses could not start on this terminal type (unknown or unset `TERM`).
    case cannotStart(term: String)
    /// Another `NcursesTerminal` is still active in this process (ncurses has one global screen;
    /// tests that use headless terminals must not run in parallel).
    case anotherTerminalIsActive
    /// TERM is unset or `dumb`, or otherwise cannot show a screen (the message says which).
    case unsupportedTerminal(String)

    /// These mean "this terminal cannot show marac at all": the command exits with status 2.
    public var isUnsupportedTerminal: Bool {
        switch self {
        case .cannotStart, .unsupportedTerminal: return true
        case .notATerminal, .anotherTerminalIsActive: return false
        }
    }

    public var description: String {
        switch self {
        case .notATerminal:
            return "the full screen needs an interactive terminal (standard input and output both a terminal); "
                + "--screen-reader works line by line without one, and --keys FILE runs a key script."
        case .anotherTerminalIsActive:
            return "another terminal screen is already open in this process; restore it first."
        case .cannotStart(let term):
            return "unknown terminal type '\(SafeTerminalName.clean(term))'; check TERM (for example TERM=xterm-256color)."
        case .unsupportedTerminal(let message):
            return message
        }
    }
}

/// How one screen cell ended up in ncurses, read back for tests.
public struct InspectedCell: Equatable, Sendable {
    public var text: String
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool
    /// 0 when no colour is in use.
    public var colourPair: Int16
}

/// The only code that talks to ncurses (Package.swift lists the dependency direction). ncurses is not thread-safe and keeps global
/// state, so: create one at a time, and use it only from the thread (or actor) that created it.
/// Every curses global goes through the shim's accessors (Swift 6 strict concurrency).
///
/// Call `restore()` on every way out (it is idempotent; `deinit` calls it too). While it is active
/// nothing may print to stdout or stderr: log to a file.
public final class NcursesTerminal {
    public enum Output: Sendable, Equatable {
        /// The real terminal on stdin/stdout.
        case tty
        /// Real curses writing to /dev/null at a fixed size: for tests, no TTY needed.
        case headless(Size)
    }

    /// Signals after which the terminal must be put back before the process dies (htop's CRT).
    static let restoringSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGFPE, SIGILL,
                                            SIGABRT, SIGTRAP]
    /// Of those, the requests to stop: the handler only records them, and the loop ends the run the
    /// ordinary way (`stopSignal`), so the terminal is restored and the journal closed by normal code.
    /// The others (faults, SIGQUIT) end the process at once after an async-signal-safe restore.
    static let stoppingSignals: Set<Int32> = [SIGINT, SIGTERM, SIGHUP]

    public let theme: Theme
    /// False for a theme without colour, `NO_COLOR`, or a terminal without colours: attributes only.
    public let usesColour: Bool
    /// Unicode, or ASCII with the terminal's line drawing (chosen at start, see `TerminalSupport`).
    public let charset: Charset
    /// ASCII drawing on the Linux console in a UTF-8 locale: its font still shows accented Latin,
    /// Greek and Cyrillic letters, so names in those scripts are drawn as they are.
    private let showsEuropeanLetters: Bool
    public private(set) var isActive = true

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let headlessFiles: [UnsafeMutablePointer<FILE>]
    private var installedSignals: [Int32] = []
    /// Colour pair and attributes per role, computed once from the theme.
    private var roleLooks: [StyleRole: (attrs: attr_t, pair: Int16)] = [:] { didSet { lastRole = nil } }
    /// The look of the last cell drawn (see `put`).
    private var lastRole: StyleRole?
    private var lastLook: (attrs: attr_t, pair: Int16) = (0, 0)
    private var cursorShown: Bool?

    /// Starts curses. For `.tty`, restoring signal handlers are installed first so ncurses leaves
    /// SIGINT/SIGTERM alone.
    public init(theme: Theme, output: Output = .tty,
                environment: [String: String] = NcursesTerminal.processEnvironment(), charset forcedCharset: Charset? = nil) throws {
        self.theme = theme
        guard Self.claimCurses() else { throw TerminalError.anotherTerminalIsActive }
        var started = false
        defer { if !started { Self.releaseCurses() } }
        _ = setlocale(LC_ALL, "")
        let localeIsUTF8 = cnc_locale_is_utf8() != 0

        switch output {
        case .tty:
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
            let forced = forcedCharset?.rawValue ?? environment[TerminalSupport.forceVariable]
            let chosen: Charset
            switch TerminalSupport.detect(term: environment["TERM"], localeIsUTF8: localeIsUTF8, forced: forced) {
            case .unsupported(let message): throw TerminalError.unsupportedTerminal(message)
            case .screen(let detected): chosen = detected
            }
            charset = chosen
            showsEuropeanLetters = chosen == .ascii && localeIsUTF8 && environment["TERM"] == "linux"
            if chosen == .unicode { Self.selectUTF8Locale() }
            // Swift's importer emits only the shim functions Swift calls; the handler needs this one too.
            _ = cnc_saved_actions()
            cnc_clear_stop_request()
            cnc_save_shell_modes()
            for sig in Self.restoringSignals where cnc_install_restore_handler(sig, Self.stoppingSignals.contains(sig) ? 1 : 0) == 0 {
                installedSignals.append(sig)
            }
            guard let screen = newterm(nil, cnc_stdout(), cnc_stdin()) else {
                for sig in installedSignals { _ = cnc_reinstate_handler(sig) }
                throw TerminalError.cannotStart(term: environment["TERM"] ?? "(unset)")
            }
            self.screen = screen
            headlessFiles = []
        case .headless(let size):
            charset = forcedCharset ?? .unicode
            showsEuropeanLetters = false
            Self.selectUTF8Locale()
            guard let out = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r") else {
                throw TerminalError.cannotStart(term: "headless")
            }
            guard let screen = newterm("xterm-256color", out, input) else {
                fclose(out); fclose(input)
                throw TerminalError.cannotStart(term: "xterm-256color")
            }
            self.screen = screen
            headlessFiles = [out, input]
            _ = resizeterm(Int32(max(1, size.rows)), Int32(max(1, size.cols)))
        }
        window = cnc_stdscr()

        _ = raw()            // Ctrl-C, Ctrl-S, Ctrl-Q, Ctrl-Z arrive as keys, not signals or flow control
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        _ = intrflush(window, false)
        _ = set_escdelay(25)  // a lone Esc is Esc after 25 ms, not the default 1 s

        let noColour = !(environment["NO_COLOR"] ?? "").isEmpty
        usesColour = theme.usesColor && !noColour && has_colors()
        if usesColour {
            _ = start_color()
            let defaultsWork = use_default_colors() == cnc_ok()
            let colourCount = Int(cnc_colors())
            for (index, role) in StyleRole.allCases.enumerated() {
                let look = theme.look(role)
                let pair = Int16(index + 1)
                _ = init_pair(pair, Self.colourNumber(look.foreground, colours: colourCount, isBackground: false, defaultsWork: defaultsWork),
                              Self.colourNumber(look.background, colours: colourCount, isBackground: true, defaultsWork: defaultsWork))
                roleLooks[role] = (Self.attributes(of: look), pair)
            }
        } else {
            for role in StyleRole.allCases { roleLooks[role] = (Self.attributesWithoutColour(of: theme.look(role)), 0) }
        }
        showCursor(false)
        if case .tty = output {
            // What a signal handler writes if the process must end at once (bracketed paste off first).
            cnc_prepare_emergency_restore()
            Self.writeToTerminal(Self.bracketedPasteOn)
        }
        started = true
    }

    /// Bracketed paste (xterm's mode 2004): the terminal wraps a paste in `ESC [ 200 ~` … `ESC [ 201 ~`
    /// so `InputAssembler` can hand it on as text, never as keys. Off again on restore.
    static let bracketedPasteOn = "\u{1B}[?2004h", bracketedPasteOff = "\u{1B}[?2004l"

    /// Writes a mode switch straight to the terminal, around curses (which knows nothing of it).
    static func writeToTerminal(_ text: String) {
        let bytes = Array(text.utf8)
        #if canImport(Glibc)
        _ = bytes.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
        #else
        _ = bytes.withUnsafeBytes { Darwin.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
        #endif
    }

    deinit { restore() }

    /// One curses screen per process at a time.
    private static let cursesLock = NSLock()
    nonisolated(unsafe) private static var cursesInUse = false

    private static func claimCurses() -> Bool {
        cursesLock.lock(); defer { cursesLock.unlock() }
        if cursesInUse { return false }
        cursesInUse = true
        return true
    }

    private static func releaseCurses() {
        cursesLock.lock(); defer { cursesLock.unlock() }
        cursesInUse = false
    }

    public static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        for name in ["NO_COLOR", "TERM", TerminalSupport.forceVariable] { if let value = getenv(name) { result[name] = String(cString: value) } }
        return result
    }

    /// The locale must be set before curses starts, or non-ASCII text is mangled.
    /// Unicode drawing forced on a locale that is not UTF-8 (`--unicode`) uses C.UTF-8 for characters;
    /// otherwise a non-UTF-8 locale means ASCII drawing in the user's own locale.
    static func selectUTF8Locale() {
        _ = setlocale(LC_ALL, "")
        if cnc_locale_is_utf8() == 0 { _ = setlocale(LC_CTYPE, "C.UTF-8") }
    }

    // MARK: - Output

    public var size: Size {
        guard isActive else { return Size(cols: 0, rows: 0) }
        return Size(cols: Int(cnc_getmaxx(window)), rows: Int(cnc_getmaxy(window)))
    }

    /// Copies a frame to the screen. ncurses compares it with what is already shown and sends only
    /// the difference.
    public func draw(_ buffer: ScreenBuffer) {
        guard isActive else { return }
        _ = werase(window)
        let screenSize = size
        let rows = min(buffer.size.rows, screenSize.rows), cols = min(buffer.size.cols, screenSize.cols)
        for y in 0..<max(0, rows) {
            for x in 0..<max(0, cols) {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                put(cell, col: x, row: y, lastCol: cols - 1)
            }
        }
        if let cursor = buffer.cursor, cursor.col >= 0, cursor.row >= 0, cursor.col < cols, cursor.row < rows {
            _ = wmove(window, Int32(cursor.row), Int32(cursor.col))
            showCursor(true)
        } else {
            showCursor(false)
        }
        _ = wnoutrefresh(window)
        _ = doupdate()
    }

    /// Ctrl-L: repaint every cell on the next `draw`, in case something else scribbled on the terminal.
    public func forceFullRedraw() {
        guard isActive else { return }
        _ = clearok(cnc_curscr(), true)
    }

    /// Resizes the headless screen, as a terminal resize would (queues a resize input).
    public func resize(to newSize: Size) {
        guard isActive else { return }
        _ = resizeterm(Int32(max(1, newSize.rows)), Int32(max(1, newSize.cols)))
    }

    private func put(_ cell: Cell, col: Int, row: Int, lastCol: Int) {
        // Neighbouring cells nearly always share a role, and a StyleRole key hashes its String
        // raw value: remember the last look rather than hash for each of 12,000 cells a frame.
        if cell.style.role != lastRole {
            lastRole = cell.style.role
            lastLook = roleLooks[cell.style.role] ?? (cnc_a_normal(), 0)
        }
        let look = lastLook
        var attrs = look.attrs
        if cell.style.bold { attrs |= cnc_a_bold() }
        if cell.style.reverse { attrs |= cnc_a_reverse() }
        if cell.style.underline { attrs |= cnc_a_underline() }

        // Fast path for the common cell, one printable ASCII character: the same result as the
        // general path below (one piece, that character, width 1) without building arrays.
        if let ascii = Self.singleASCII(cell.text), cell.width == 1 {
            writeOne(wchar_t(ascii), attrs: attrs, pair: look.pair, col: col, row: row)
            return
        }
        if charset == .ascii && !(showsEuropeanLetters && AsciiRendering.linuxConsoleShows(cell)) {
            switch AsciiRendering.glyph(for: cell) {
            case .line(let line):
                _ = cnc_add_acs(window, Int32(row), Int32(col), CChar(line.rawValue.asciiValue ?? 0x78), attrs, look.pair)
            case .text(let text, let marked):
                let marking = marked ? cnc_a_underline() : 0
                for (i, byte) in text.utf8.enumerated() where col + i <= lastCol {
                    writeOne(wchar_t(byte), attrs: attrs | marking, pair: look.pair, col: col + i, row: row)
                }
            }
            return
        }
        var x = col
        for piece in Self.pieces(for: cell, terminalWidth: Self.cLibraryWidth) {
            // No room for a wide piece at the right edge: leave the rest blank rather than shift.
            guard x + piece.width - 1 <= lastCol else { break }
            write(piece.scalars, attrs: attrs, pair: look.pair, col: x, row: row)
            x += piece.width
        }
    }

    private func write(_ scalars: [wchar_t], attrs: attr_t, pair: Int16, col: Int, row: Int) {
        var cc = cchar_t()
        _ = scalars.withUnsafeBufferPointer { cnc_setcchar_cluster(&cc, $0.baseAddress, Int32($0.count), attrs, pair) }
        // The bottom-right cell returns ERR (the cursor cannot advance) but is still written.
        _ = mvwadd_wch(window, Int32(row), Int32(col), &cc)
    }

    static func wide(_ s: Unicode.Scalar) -> wchar_t { wchar_t(bitPattern: s.value) }

    /// One character with no combining marks, without allocating: the stack holds it and its terminator.
    private func writeOne(_ ch: wchar_t, attrs: attr_t, pair: Int16, col: Int, row: Int) {
        var cc = cchar_t()
        var text: (wchar_t, wchar_t) = (ch, 0)
        withUnsafePointer(to: &text) { p in
            p.withMemoryRebound(to: wchar_t.self, capacity: 2) { _ = cnc_setcchar(&cc, $0, attrs, pair) }
        }
        _ = mvwadd_wch(window, Int32(row), Int32(col), &cc)
    }

    /// The scalar value of a text that is exactly one ASCII byte, else nil.
    static func singleASCII(_ text: String) -> UInt32? {
        var bytes = text.utf8.makeIterator()
        guard let b = bytes.next(), b < 0x80, bytes.next() == nil else { return nil }
        return UInt32(b)
    }

    /// The C library's `wcwidth` under the current locale: what ncurses and the terminal count.
    static func cLibraryWidth(_ scalar: UInt32) -> Int { Int(cnc_wcwidth(scalar)) }

    /// One ncurses cell to write: its code points and the columns ncurses gives it (the C
    /// library's `wcwidth` of the first one, which is also how far the terminal moves).
    struct Piece: Equatable {
        var scalars: [wchar_t]
        var width: Int
        static let blank = Piece(scalars: [wide(" ")], width: 1)
    }

    /// How a cluster of `cell.width` columns (the layout's width, `CharWidth`) goes to ncurses so
    /// that every code point is sent and ncurses' grid stays the layout's grid. ncurses and the
    /// terminal measure with the C library's `wcwidth`, a code point at a time, which differs from
    /// the layout on spacing marks, flags, emoji sequences and characters newer than the C library:
    /// 1. Split the cluster where the C library sees a spacing character (a consonant of a conjunct,
    ///    a spacing vowel sign, a flag's second letter), each piece with the marks that follow it.
    ///    When those pieces add up to the layout's width, write them side by side: the terminal
    ///    receives the cluster's bytes in order, as one run, and draws it as it would anyway.
    /// 2. Otherwise (an emoji with a skin tone or a ZWJ sequence, which the C library counts as
    ///    several pictures, or VS16 which it ignores) write the whole cluster into one cell measured
    ///    by its first character, padded with blanks up to the layout's width.
    ///    A cell holds at most CCHARW_MAX (5) code points: a longer cluster (a family of four is
    ///    seven) is drawn as its first emoji, or its first five code points when it is not an emoji
    ///    sequence. The journal and the documents keep the whole text.
    /// 3. A first character the C library cannot measure (newer than its Unicode data) or measures
    ///    wider than the layout: "?" padded to the width, so the row never shifts.
    static func pieces(for cell: Cell, terminalWidth: (UInt32) -> Int) -> [Piece] {
        let scalars = cell.text.unicodeScalars.map(\.value)
        let width = max(1, cell.width)
        guard let base = scalars.first else { return Array(repeating: .blank, count: width) }
        let capacity = Int(cnc_ccharw_max())

        var split: [Piece] = []
        var splittable = true
        for v in scalars {
            let w = terminalWidth(v)
            if w > 0 {
                split.append(Piece(scalars: [wchar_t(bitPattern: v)], width: w))
            } else if w == 0, !split.isEmpty, split[split.count - 1].scalars.count < capacity {
                split[split.count - 1].scalars.append(wchar_t(bitPattern: v))
            } else {
                splittable = false; break
            }
        }
        if splittable && split.reduce(0, { $0 + $1.width }) == width { return split }

        let baseWidth = terminalWidth(base)
        guard baseWidth >= 1, baseWidth <= width else {
            return [Piece(scalars: [wide("?")], width: 1)] + Array(repeating: .blank, count: width - 1)
        }
        var whole = scalars.filter { terminalWidth($0) >= 0 }
        if whole.count > capacity {
            if let joiner = whole.firstIndex(of: CharWidth.zeroWidthJoiner) { whole = Array(whole[..<joiner]) }
            whole = Array(whole.prefix(capacity))
        }
        return [Piece(scalars: whole.map { wchar_t(bitPattern: $0) }, width: baseWidth)]
            + Array(repeating: .blank, count: width - baseWidth)
    }

    private func showCursor(_ visible: Bool) {
        guard cursorShown != visible else { return }
        cursorShown = visible
        _ = curs_set(visible ? 1 : 0)   // ERR on terminals that cannot hide it: nothing to do
    }

    // MARK: - Input

    /// Waits up to `timeoutMillis` for a key (negative: forever). nil on timeout or an ignored key.
    public func readKey(timeoutMillis: Int) -> TerminalInput? {
        guard isActive else { return nil }
        wtimeout(window, Int32(clamping: timeoutMillis))
        var code: wint_t = 0
        let status = wget_wch(window, &code)
        if status == ERR, headlessFiles.isEmpty, Self.standardInputHungUp() { inputLost = true }
        return KeyDecoder.decode(status: status, code: UInt32(code))
    }

    /// The signal (SIGTERM, SIGHUP, SIGINT) that asked this run to stop, or nil. The loop ends the
    /// run when it sees one (`TerminalPort.isClosed`); the command then ends the process with it.
    public var stopSignal: Int32? {
        guard headlessFiles.isEmpty else { return nil }
        let requested = cnc_stop_requested()
        return requested == 0 ? nil : requested
    }

    /// The keyboard is gone: the terminal window was closed or the ssh link dropped without a
    /// SIGHUP reaching us. Reading would fail at once, forever, spinning a core; the runner stops.
    public private(set) var inputLost = false

    static func standardInputHungUp() -> Bool {
        var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&fd, 1, 0) >= 0 else { return false }
        return fd.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    // MARK: - Teardown

    /// Puts the terminal back as it was. Safe to call more than once.
    public func restore() {
        guard isActive else { return }
        isActive = false
        if headlessFiles.isEmpty { Self.writeToTerminal(Self.bracketedPasteOff) }
        _ = endwin()
        if headlessFiles.isEmpty { cnc_forget_emergency_restore() }
        for sig in installedSignals { _ = cnc_reinstate_handler(sig) }
        installedSignals = []
        delscreen(screen)
        for file in headlessFiles { fclose(file) }
        Self.releaseCurses()
    }

    // MARK: - Reading the screen back (tests; tig's save_display)

    /// Each row as ncurses holds it. A wide character is one character here (it covers two columns),
    /// so this equals `ScreenBuffer.lines()` for the frame drawn.
    public func dumpLines() -> [String] {
        guard isActive else { return [] }
        let current = size
        return (0..<current.rows).map { row in
            var chars = [wchar_t](repeating: 0, count: current.cols + 1)
            let count = mvwinnwstr(window, Int32(row), 0, &chars, Int32(current.cols))
            guard count > 0 else { return "" }
            var line = String.UnicodeScalarView()
            for c in chars.prefix(Int(count)) { if let s = Unicode.Scalar(UInt32(bitPattern: c)) { line.append(s) } }
            return String(line)
        }
    }

    /// The character and attributes ncurses holds at one cell.
    public func inspect(col: Int, row: Int) -> InspectedCell? {
        guard isActive else { return nil }
        var cc = cchar_t()
        guard mvwin_wch(window, Int32(row), Int32(col), &cc) == cnc_ok() else { return nil }
        var chars = [wchar_t](repeating: 0, count: Int(cnc_ccharw_max()) + 1)
        var attrs: attr_t = 0
        var pair: Int16 = 0
        _ = getcchar(&cc, &chars, &attrs, &pair, nil)
        var text = String.UnicodeScalarView()
        for c in chars.prefix(while: { $0 != 0 }) { if let s = Unicode.Scalar(UInt32(bitPattern: c)) { text.append(s) } }
        return InspectedCell(text: String(text), bold: attrs & cnc_a_bold() != 0, reverse: attrs & cnc_a_reverse() != 0,
                             underline: attrs & cnc_a_underline() != 0, dim: attrs & cnc_a_dim() != 0, colourPair: pair)
    }

    // MARK: - Theme mapping

    static func attributes(of look: Theme.Look) -> attr_t {
        var attrs = cnc_a_normal()
        if look.bold { attrs |= cnc_a_bold() }
        if look.reverse { attrs |= cnc_a_reverse() }
        if look.underline { attrs |= cnc_a_underline() }
        if look.dim { attrs |= cnc_a_dim() }
        return attrs
    }

    /// Without colour a bar drawn as "black on cyan" would vanish into the text around it, so a
    /// role with a background colour becomes reverse video (never colour alone).
    static func attributesWithoutColour(of look: Theme.Look) -> attr_t {
        var attrs = attributes(of: look)
        if look.background != .default && !look.reverse { attrs |= cnc_a_reverse() }
        return attrs
    }

    /// ncurses colour numbers: -1 is the terminal's own colour (use_default_colors), 0–7 the ANSI
    /// colours, 8–15 their bright forms where the terminal has 16 or more colours.
    static func colourNumber(_ colour: Theme.Color, colours: Int, isBackground: Bool, defaultsWork: Bool) -> Int16 {
        let base: Int16
        var bright = false
        switch colour {
        case .default: return defaultsWork ? -1 : (isBackground ? 0 : 7)
        case .black: base = 0
        case .red: base = 1
        case .green: base = 2
        case .yellow: base = 3
        case .blue: base = 4
        case .magenta: base = 5
        case .cyan: base = 6
        case .white: base = 7
        case .brightBlack: base = 0; bright = true
        case .brightRed: base = 1; bright = true
        case .brightGreen: base = 2; bright = true
        case .brightYellow: base = 3; bright = true
        case .brightBlue: base = 4; bright = true
        case .brightMagenta: base = 5; bright = true
        case .brightCyan: base = 6; bright = true
        case .brightWhite: base = 7; bright = true
        }
        return bright && colours >= 16 ? base + 8 : base
    }
}

extension KeyDecoder {
    /// The decoder's key-code table against the ncurses header this was built with.
    static func codesMatchCurses() -> Bool {
        let pairs: [(UInt32, Int32)] = [
            (Code.down, KEY_DOWN), (Code.up, KEY_UP), (Code.left, KEY_LEFT), (Code.right, KEY_RIGHT),
            (Code.home, KEY_HOME), (Code.backspace, KEY_BACKSPACE), (Code.deleteChar, KEY_DC),
            (Code.nextPage, KEY_NPAGE), (Code.previousPage, KEY_PPAGE), (Code.enter, KEY_ENTER),
            (Code.backTab, KEY_BTAB), (Code.end, KEY_END), (Code.find, KEY_FIND), (Code.select, KEY_SELECT),
            (Code.resize, KEY_RESIZE), (Code.function(5), cnc_key_f(5)), (Code.function(12), cnc_key_f(12)),
        ]
        return pairs.allSatisfy { UInt32($0.1) == $0.0 }
            && Int32(keyCodeStatus) == cnc_key_code_yes() && characterStatus == cnc_ok()
    }
}
