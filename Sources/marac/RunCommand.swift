import ArgumentParser
import MaracApp

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run or resume a meeting from its journal.",
        discussion: """
        Everything is saved as you go: each change is written to the journal and synced to disk \
        before the screen shows it. After a crash or power cut, run the same command: the meeting \
        continues exactly where it stopped, with the running case's timer still counting from its \
        recorded start.

        Only one `marac run` may have a journal open. A damaged journal opens read-only. An \
        encrypted journal (`marac new --encrypt`) asks for its passphrase once, or reads MARAC_PASSPHRASE.

        Examples:
          marac run ~/.local/share/marac/2026-12-01-northvale.jsonl
          marac run meeting.jsonl --keys steps.keys --dump-screen end.txt
        """)

    @Argument(help: ArgumentHelp("The meeting journal (from `marac new`).", valueName: "journal"), completion: .file(extensions: ["jsonl"]))
    var journal: String
    @OptionGroup var screen: ScreenOptions

    func run() throws {
        try requireJournal(journal)
        try reportingErrors {
            try RunMeeting.run(path: journal, options: screen.sessionOptions(journal: journal, withFolder: true), logger: makeLogger(folder: screen.logFolder))
        }
    }
}
