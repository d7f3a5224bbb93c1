import ArgumentParser
import MaracApp

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a journal's integrity and say exactly what is wrong and where.",
        discussion: """
        Checks every line's checksum, the hash chain and the sequence numbers, and reads every \
        event. Read-only: it never changes the journal and works while `marac run` has it open. An \
        encrypted journal's chain is checked without its passphrase; with MARAC_PASSPHRASE set its \
        events are read too.

        Exit status: 0 intact, or a torn tail (the writer stopped mid-write; `marac run` recovers it \
        and keeps the torn bytes beside the journal); 2 damaged in the middle (the line is named) or \
        not a marac journal; 66 no such file; 74 the file cannot be read.

        --format json prints one JSON object on stdout whatever the result (keys: path, condition, \
        ok, exitStatus, events, cases, actions, encrypted, finalHash, damagedLine, tornBytes, reason, \
        message), with the same exit status.

        Examples:
          marac verify ~/.local/share/marac/2026-12-01-northvale.jsonl
          marac verify 2026-12-01-northvale.jsonl --format json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("The journal file.", valueName: "journal"), completion: .file(extensions: ["jsonl"]))
    var journal: String

    @Option(help: ArgumentHelp("text (one sentence) or json (one object, for scripts).", valueName: "format"))
    var format: Format = .text

    @Flag(name: .customLong("history"), help: "Also list the corrections: notes amended or withdrawn (text before and after), case details set, earlier hearings confirmed or rejected, actions amended or withdrawn.")
    var history = false

    func run() throws {
        // Never asks: without a passphrase an encrypted journal's chain is still checked in full.
        if format == .json {
            let outcome = VerifyJournal.run(path: journal, passphrase: environmentPassphrase)
            print(VerifyJournal.json(outcome, path: journal))
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
            return
        }
        try requireJournal(journal)
        let outcome = VerifyJournal.run(path: journal, passphrase: environmentPassphrase)
        if outcome.exitCode == 0 {
            print(outcome.message)
            if history {
                guard let lines = VerifyJournal.history(path: journal, passphrase: environmentPassphrase) else {
                    throw fail("\(journal): the history needs the events read: set MARAC_PASSPHRASE for an encrypted journal", exitCode: ExitStatus.failure)
                }
                for line in lines { print(line) }
            }
        } else {
            throw fail(outcome.message, exitCode: outcome.exitCode)
        }
    }
}
