import ArgumentParser
import Foundation
import MaracApp
import MaracCore
import MaracJournal
import MaracUI

/// Options every screen command shares: scripted runs, screen dumps, size and theme.
struct ScreenOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Read keystrokes from this file instead of the keyboard and run headless on a manual clock. Vim notation: <Enter> <Tab> <S-Tab> <Esc> <Up> <F12> <C-b> …; <Sleep 11m> advances the clock.", valueName: "file"),
            completion: .file())
    var keys: String?

    @Option(name: .customLong("dump-screen"), help: ArgumentHelp("Write the final screen as plain text to this file.", valueName: "file"),
            completion: .file())
    var dumpScreen: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Screen size for scripted runs, COLSxROWS.", valueName: "size"))
    var size: String = "80x24"

    @Option(help: ArgumentHelp("Theme: default, high-contrast, monochrome, or a theme file's name (default: `theme` in the configuration). NO_COLOR is honoured.",
                               valueName: "name"),
            completion: .custom { _, _, prefix in MaracResources.themeNames().filter { $0.hasPrefix(prefix) } })
    var theme: String?

    @Option(name: .customLong("log-dir"), help: ArgumentHelp("Folder for marac.log, made if needed in a folder that exists (default: `log_dir` in the configuration, else the data folder).", valueName: "dir"),
            completion: .directory)
    var logDir: String?

    /// The old spelling of --log-dir (it meant the log folder here but the journal folder in `new`).
    @Option(name: .customLong("data-dir"), help: .hidden)
    var legacyLogDir: String?

    @Flag(help: "Draw with ASCII and the terminal's line-drawing characters (chosen by itself on the Linux console, a VT100 or a locale that is not UTF-8).")
    var ascii = false

    @Flag(help: "Draw with Unicode even where marac would choose ASCII.")
    var unicode = false

    @Flag(name: .customLong("screen-reader"), help: "A line-by-line interface for screen readers: no drawing, commands and questions in words (also `screen_reader: yes` in the configuration, or MARAC_SCREEN_READER=1).")
    var screenReader = false

    func validate() throws {
        guard parseSize(size) != nil else {
            throw ValidationError("--size '\(size)' is not a screen size: give COLSxROWS, 10 to 1000 columns by 5 to 500 rows, e.g. 80x24")
        }
        if ascii && unicode { throw ValidationError("choose one of --ascii and --unicode") }
    }

    func sessionOptions(mode: MeetingScreen.Mode = .live) throws -> MeetingSession.Options {
        // The terminal reads the choice where a user could also set it (MARAC_CHARSET).
        if ascii || unicode { setenv(TerminalSupport.forceVariable, ascii ? "ascii" : "unicode", 1) }
        // Before the run, not after it: a dump that cannot be written must not cost the whole script.
        if let dumpScreen { try OutputTarget.requireFolder(holding: dumpScreen) }
        // A --log-dir typed on the command line is made, but not the folders above it (the
        // configured or default log folder is marac's own, made with its parents on first use).
        if let explicit = logDir ?? legacyLogDir { try OutputTarget.requireFolder(holding: explicit) }
        let config = try loadConfiguration().with(flags: [.theme: theme])
        // A scripted run draws no colours, but a theme that cannot be found is still worth saying.
        if keys != nil, let warning = ThemeLoader.loadForApp(name: config[.theme] ?? "default").warning {
            printError("marac: warning: \(warning)")
        }
        return MeetingSession.Options(keysFile: keys, dumpScreenFile: dumpScreen, size: parseSize(size) ?? Size(cols: 80, rows: 24),
                                      themeName: config[.theme] ?? "default", mode: mode,
                                      passphrase: ProcessInfo.processInfo.environment["MARAC_PASSPHRASE"],
                                      screenReader: screenReader || config.isOn(.screenReader))
    }

    /// --log-dir, else `log_dir` (environment or configuration file), else the data folder.
    var logFolder: String? {
        let config = (try? loadConfiguration())?.with(flags: [.logDir: logDir ?? legacyLogDir])
        return config?[.logDir] ?? config?[.dataDir]
    }

    /// The options for a command on an existing journal: its passphrase from MARAC_PASSPHRASE or
    /// the terminal when it is encrypted (asked once). `withFolder`: `run` also reads the other
    /// meetings beside the journal (their open actions), so an encrypted one there counts too.
    func sessionOptions(mode: MeetingScreen.Mode = .live, journal: String, withFolder: Bool = false) throws -> MeetingSession.Options {
        var options = try sessionOptions(mode: mode)
        var journals = [journal]
        if withFolder { journals += EncryptedJournal.journals(in: URL(fileURLWithPath: journal).deletingLastPathComponent().path) }
        options.passphrase = try PassphraseSource.process.forReading(journals)
        return options
    }
}

/// `MARAC_PASSPHRASE`, when set and not empty (commands that never ask, such as `verify`).
var environmentPassphrase: String? {
    ProcessInfo.processInfo.environment[PassphraseSource.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
}

/// Runs a command body, turning any error into one line on stderr and a non-zero exit.
func reportingErrors(_ body: () throws -> Void) throws {
    do { try body() }
    catch let exit as ExitCode { throw exit }
    catch let stopped as StoppedBySignal { throw stopped }   // `main` ends the process with the signal
    catch let failure as CommandFailure { throw fail(failure.message, exitCode: failure.exitCode) }
    catch let journal as JournalError { throw fail(journal.description, exitCode: journal.exitStatus) }
    catch { throw fail(String(describing: error)) }
}

/// The format an `--out` file's ending names, when `--format` is not given: `report --out q4.csv`
/// writes CSV, not the terminal's text into a file called .csv. Only the endings in `known` count.
func formatNamed(byOut out: String?, among known: [String]) -> String? {
    guard let out, let dot = out.lastIndex(of: "."), !out[dot...].contains("/") else { return nil }
    let ending = out[out.index(after: dot)...].lowercased()
    return known.contains(ending) ? ending : nil
}
