import ArgumentParser
import Foundation
import MaracApp

/// The `marac` executable: parsing only. Each subcommand calls a MaracApp function and maps its
/// failure to one line, `marac: <message>`, on stderr and a non-zero exit status.
@main
struct Marac: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marac",
        abstract: "Run a Marac (Multi-Agency Risk Assessment Conference) meeting from the terminal.",
        discussion: """
        A meeting lives in one journal file: every change is written to it before it shows on screen.
        New here? `marac demo` opens the live screen on a fictional sample; press ? there for help.
        Chairs: `marac new` makes a journal from an agenda file, `marac run` runs or resumes it.
        Admins: `marac export`, `marac actions`, `marac report`. Trainers: `marac train`, `marac replay`.
        """,
        subcommands: [DemoCommand.self, NewCommand.self, RunCommand.self, VerifyCommand.self, ExportCommand.self,
                      ActionsCommand.self, ReportCommand.self, ReplayCommand.self, TrainCommand.self]
    )
}

/// Prints `marac: <message>` on stderr and returns the exit status to throw.
func fail(_ message: String, exitCode: Int32 = 1) -> ExitCode {
    printError("marac: \(message)")
    return ExitCode(exitCode)
}

func printError(_ line: String) {
    Console.error(line)
}
