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
        report(error, as: Marac.self, arguments: Array(CommandLine.arguments.dropFirst()))
    }

    /// The same for a command parsed on its own (`marac actions DIR VERB …` parses its verb itself):
    /// `helpCommand` is what the line tells the user to run for help.
    static func report(_ error: any Error, as command: any ParsableCommand.Type, arguments: [String],
                       helpCommand: String? = nil) -> Int32 {
        let code = command.exitCode(for: error).rawValue
        // `fail(...)` has already said what went wrong; its ExitCode carries only the status.
        if error is ExitCode { return code }
        if code == ExitCode.success.rawValue {
            // --help, --version, `help <command>`: the full text, on stdout, filtered.
            Console.output(command.fullMessage(for: error))
            return code
        }
        let full = command.fullMessage(for: error)
        var problem = command.message(for: error)
        if problem.isEmpty { problem = full.split(separator: "\n").first.map(String.init) ?? "unknown error" }
        if problem.hasPrefix("Error: ") { problem = String(problem.dropFirst(7)) }
        problem = problem.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "; ")
        // ArgumentParser ends a usage error with "See 'marac run --help' for more information.": keep the command it names.
        let named = full.range(of: "See '").flatMap { start in
            full[start.upperBound...].range(of: "'").map { String(full[start.upperBound..<$0.lowerBound]) }
        }
        let hint = helpCommand ?? named
        // ArgumentParser names a missing required option before an unknown one: `--fromat md` is
        // reported as "--format missing". The option typed wrong is the one to name.
        if !problem.lowercased().contains("unknown option"),
           let unknown = UnknownOption.first(in: arguments, helpText: helpText(arguments: arguments, command: command)) {
            problem = unknown   // what ArgumentParser said follows from it ("--format missing")
        }
        let seeAlready = problem.contains("--help`")
        Console.error(SafeText.line("marac: \(problem)" + (hint.map { seeAlready ? "" : " (see `\($0)`)" } ?? "")))
        return code
    }

    /// The help text of the command a usage error is about: the subcommand the arguments name
    /// (`marac new …` → `new`'s), or the command itself.
    private static func helpText(arguments: [String], command: any ParsableCommand.Type) -> String {
        guard command == Marac.self else { return command.helpMessage() }
        let sub = arguments.first.flatMap { first in
            Marac.configuration.subcommands.first { $0.configuration.commandName == first }
        }
        return sub.map { Marac.helpMessage(for: $0) } ?? ""
    }
}

/// An option on the command line that the command does not have, with the nearest it does have.
enum UnknownOption {
    /// "unknown option '--fromat' (did you mean '--format'?)" for the first `--word` in `arguments`
    /// that the help text does not list; nil when every one is known (or ArgumentParser named it).
    static func first(in arguments: [String], helpText: String) -> String? {
        let known = Set(options(in: helpText))
        guard !known.isEmpty else { return nil }
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("--"), argument.count > 2 else { continue }
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            guard !known.contains(name), name != "--help", name != "--version" else { continue }
            let nearest = known.min { distance(name, $0) < distance(name, $1) }
            let close = nearest.map { distance(name, $0) <= max(2, name.count / 3) } ?? false
            return "unknown option '\(name)'" + (close ? " (did you mean '\(nearest!)'?)" : "")
        }
        return nil
    }

    /// Every `--name` the help text mentions (`--sign/--no-sign` gives both).
    static func options(in help: String) -> [String] {
        var found: [String] = []
        var current = ""
        func flush() { if current.count > 2 { found.append(current) }; current = "" }
        var previous: Character = " "
        for ch in help {
            if !current.isEmpty {
                if ch.isLetter || ch.isNumber || ch == "-" { current.append(ch) } else { flush() }
            } else if ch == "-" && previous == "-" {
                current = "--"
            }
            previous = ch
        }
        flush()
        return found.map { $0.hasSuffix("-") ? String($0.dropLast()) : $0 }
    }

    /// Levenshtein distance: how many letters to add, drop or change.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        var row = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: y.count, by: 1) {
                let old = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] == y[j - 1] ? 0 : 1))
                previous = old
            }
        }
        return x.isEmpty ? y.count : row[y.count]
    }
}
