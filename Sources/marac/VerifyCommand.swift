import ArgumentParser
import MaracApp

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a journal's integrity and say exactly what is wrong and where.",
        discussion: """
        Checks every line's checksum, the hash chain and the sequence numbers, and reads every event.
        Read-only: it never changes the journal and works while `marac run` has it open.
        An encrypted journal's chain is checked without its passphrase; with MARAC_PASSPHRASE set its
        events are read too.

        Exit status: 0 intact, or a torn tail (the writer stopped mid-write; `marac run` recovers it
        and keeps the torn bytes beside the journal); 1 damaged in the middle (the line is named);
        2 the file cannot be read or is not a marac journal.

        Example:
          marac verify ~/.local/share/marac/2026-12-01-northvale.jsonl
          ok: 42 events, 9 cases, final hash 3f9a0c1b2d4e5f60…
        """
    )

    @Argument(help: ArgumentHelp("The journal file.", valueName: "journal"))
    var journal: String

    @Flag(name: .customLong("history"), help: "Also list the corrections: notes amended or withdrawn (text before and after), case details set, earlier hearings confirmed or rejected, actions amended or withdrawn.")
    var history = false

    func run() throws {
        // Never asks: without a passphrase an encrypted journal's chain is still checked in full.
        let outcome = VerifyJournal.run(path: journal, passphrase: environmentPassphrase)
        if outcome.exitCode == 0 {
            print(outcome.message)
            if history {
                guard let lines = VerifyJournal.history(path: journal, passphrase: environmentPassphrase) else {
                    throw fail("\(journal): the history needs the events read: set MARAC_PASSPHRASE for an encrypted journal", exitCode: 2)
                }
                for line in lines { print(line) }
            }
        } else {
            throw fail(outcome.message, exitCode: outcome.exitCode)
        }
    }
}
