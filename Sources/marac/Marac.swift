import ArgumentParser
import Foundation
import MaracApp

/// The `marac` executable: parsing only. Each subcommand calls a MaracApp function and maps its
/// failure to one line, `marac: <what>: <why>`, on stderr and an exit status from the convention
/// in the README ("Errors and exit status"; `ExitStatus` in MaracApp).
@main
struct Marac: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marac",
        abstract: "Run a Marac (Multi-Agency Risk Assessment Conference) meeting from the terminal.",
        discussion: """
        A meeting lives in one journal file: every change is written to it before it shows on screen.

        New here? `marac demo` opens the live screen on a fictional sample; press ? there for help. \
        Chairs: `marac new` makes a journal from an agenda file, `marac run` runs or resumes it. \
        Admins: `marac export`, `marac actions`, `marac report`. Trainers: `marac train`, `marac replay`.

        Settings you would otherwise type every time (data folder, theme, area, chair, venue, local \
        protocol) go in ~/.config/marac/config.yaml: `marac config` shows them and where each came from.

        Exit status: 0 ok; 1 failure; 2 a file is not what it should be (not a journal, damaged, a \
        bad configuration file); 3 a partial result (a report marked INCOMPLETE); 64 a usage error; \
        66 a missing input; 73 an output cannot be created; 74 an input/output error.

        Examples:
          marac demo
          marac new --agenda agenda.csv --date 01/12/2026 --area Northvale --chair Ann
          marac run ~/.local/share/marac/2026-12-01-northvale.jsonl
          marac config
        """,
        version: MaracVersion.description,
        subcommands: [DemoCommand.self, NewCommand.self, RunCommand.self, VerifyCommand.self, ExportCommand.self,
                      ActionsCommand.self, CorrectCommand.self, ReportCommand.self, ReplayCommand.self, TrainCommand.self, ConfigCommand.self]
    )
}

/// Prints `marac: <message>` on stderr and returns the exit status to throw.
func fail(_ message: String, exitCode: Int32 = ExitStatus.failure) -> ExitCode {
    printError("marac: \(message)")
    return ExitCode(exitCode)
}

func printError(_ line: String) {
    Console.error(line)
}

/// The configuration from the environment and the file, read once per run. A bad file stops the
/// command with its file, line and key (exit 2).
func loadConfiguration() throws -> MaracConfig {
    if let loaded = ConfigCache.loaded { return loaded }
    do {
        let config = try MaracConfig.load()
        ConfigCache.loaded = config
        return config
    } catch {
        throw fail(error.message, exitCode: error.exitCode)
    }
}

private enum ConfigCache {
    nonisolated(unsafe) static var loaded: MaracConfig?
}

/// Fails with 66 before anything else when an input journal is missing, worded the same for every command.
func requireJournal(_ path: String) throws {
    do { try ExitStatus.requireJournal(path) } catch { throw fail(error.message, exitCode: error.exitCode) }
}

/// Fails with 66 when an input folder is missing.
func requireFolder(_ path: String) throws {
    do { try ExitStatus.requireFolder(path) } catch { throw fail(error.message, exitCode: error.exitCode) }
}

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the settings in effect and where each came from.",
        discussion: """
        The file is $XDG_CONFIG_HOME/marac/config.yaml, by default ~/.config/marac/config.yaml \
        (MARAC_CONFIG names another). Each setting comes from, first found: a command-line flag, its \
        environment variable (MARAC_THEME, MARAC_DATA_DIR …), the file, the built-in default. A path \
        in the file may start with ~/ or be relative to the file's folder. An unknown key or a bad \
        value is an error naming the file, the line and the key.

        Examples:
          marac config
          marac config --print-template > ~/.config/marac/config.yaml
        """)

    @Flag(name: .customLong("print-template"), help: "Print a commented configuration file with every key, and exit.")
    var printTemplate = false

    @Flag(help: "Print only the path of the configuration file.")
    var path = false

    func run() throws {
        if printTemplate { print(MaracConfig.template, terminator: ""); return }
        let config = try loadConfiguration()
        if path { print(config.filePath); return }
        print(config.report, terminator: "")
    }
}
