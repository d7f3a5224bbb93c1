import ArgumentParser
import Foundation
import MaracApp
import MaracCore

extension Marac {
    /// The entry point: before anything else, make sure a crash can never wait for a key on the
    /// chair's screen (see `CrashSettings`), then parse and run. ArgumentParser's own `main` would
    /// print its errors itself, bytes and all; here every message goes through `Console`.
    static func main() {
        CrashSettings.reexecIfNeeded()
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch let stopped as StoppedBySignal {
            Console.error(SafeText.line("marac: \(stopped)"))
            stopped.endProcess()
        } catch {
            Foundation.exit(report(error))
        }
    }

    /// Says what went wrong (or prints the help asked for) and returns the exit status. A usage
    /// error is one line, `marac: <problem> (see `marac <command> --help`)`, on stderr through
    /// `Console`: an argument holding an escape sequence or a control character is shown safely,
    /// never sent to the terminal, and the line never wraps into ArgumentParser's usage block.
    static func report(_ error: any Error) -> Int32 {
        let code = exitCode(for: error).rawValue
        // `fail(...)` has already said what went wrong; its ExitCode carries only the status.
        if error is ExitCode { return code }
        if code == ExitCode.success.rawValue {
            // --help, --version, `help <command>`: the full text, on stdout, filtered.
            Console.output(fullMessage(for: error))
            return code
        }
        let full = fullMessage(for: error)
        var problem = message(for: error)
        if problem.isEmpty { problem = full.split(separator: "\n").first.map(String.init) ?? "unknown error" }
        if problem.hasPrefix("Error: ") { problem = String(problem.dropFirst(7)) }
        problem = problem.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "; ")
        // ArgumentParser ends a usage error with "See 'marac run --help' for more information.": keep the command it names.
        let hint = full.range(of: "See '").flatMap { start in
            full[start.upperBound...].range(of: "'").map { String(full[start.upperBound..<$0.lowerBound]) }
        }
        Console.error(SafeText.line("marac: \(problem)" + (hint.map { " (see `\($0)`)" } ?? "")))
        return code
    }
}
