import ArgumentParser
import MaracApp

/// `marac actions DIR list …` (the folder first, as the usage text writes it) and `marac actions list DIR …`
/// (ArgumentParser's usual order) both work: a first word that is not a subcommand is taken as DIR.
struct ActionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "The action tracker between meetings: list open and overdue actions, record what happened.",
        usage: "marac actions <dir> <subcommand> [<options>]",
        discussion: """
        DIR is the folder of meeting journals. The open actions are every action agreed in those \
        meetings that has not been closed since: by a status in its own meeting, by this tracker, or by \
        a later meeting's opening review. Updates are appended to DIR/tracker.jsonl (never rewritten), \
        and the next meeting's opening review starts from what is still open.

        `marac actions list DIR …` works too, and `marac actions list --help` shows each subcommand's options.

        Examples:
          marac actions ~/marac list --agency housing --overdue
          marac actions ~/marac done 20261201-northvale-3 --note "Locks changed 03/12"
          marac actions ~/marac escalate 20261201-northvale-6 --note "No reply"
          marac actions ~/marac not-possible 20261201-northvale-4 --note "Moved away"
        """,
        subcommands: [List.self, Done.self, Escalate.self, NotPossible.self]
    )

    @Argument(help: ArgumentHelp("The folder of meeting journals, then one of the subcommands below.", valueName: "dir"), completion: .directory)
    var dir: String?

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The subcommand and its options.", valueName: "subcommand"))
    var rest: [String] = []

    func run() throws {
        let commands: [String: any ParsableCommand.Type] = [
            "list": List.self, "done": Done.self, "escalate": Escalate.self, "not-possible": NotPossible.self,
        ]
        guard let first = dir, !rest.isEmpty else {
            throw fail("say what to do: marac actions DIR list | done ID --note TEXT | escalate ID --note TEXT | not-possible ID --note TEXT "
                       + "(see `marac actions --help`)", exitCode: ExitStatus.usage)
        }
        // `actions list DIR …` arrives here too once the folder is given: the first word is then the verb.
        let verbFirst = commands[first] != nil && commands[rest[0]] == nil
        let verb = verbFirst ? first : rest[0]
        let arguments = verbFirst ? rest : [first] + rest.dropFirst()
        guard let type = commands[verb] else {
            throw fail("'\(verb)' is not an actions subcommand: use list, done, escalate or not-possible (see `marac actions --help`)", exitCode: ExitStatus.usage)
        }
        var command: any ParsableCommand
        do { command = try type.parseAsRoot(arguments) } catch { type.exit(withError: error) }
        try command.run()
    }

    struct Folder: ParsableArguments {
        @Argument(help: ArgumentHelp("The folder of meeting journals.", valueName: "dir"), completion: .directory)
        var dir: String
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the open actions, grouped by agency, soonest due first.",
            usage: "marac actions <dir> list [--agency <name>] [--overdue] [--on <date>]",
            discussion: """
            Example:
              marac actions ~/marac list --agency police --overdue --on 15/12/2026
            """
        )
        @OptionGroup var folder: Folder
        @Option(help: ArgumentHelp("Only this agency's actions (any letter case).", valueName: "name"))
        var agency: String?
        @Flag(help: "Only the actions past their due date.")
        var overdue = false
        @Option(help: ArgumentHelp("Judge 'overdue' as of this day (dd/mm/yyyy or yyyy-mm-dd); default today.", valueName: "date"))
        var on: String?

        func run() throws {
            do {
                let passphrase = try PassphraseSource.process.forFolder(folder.dir)
                let output = try TrackActions.list(TrackActions.ListRequest(folder: folder.dir, agency: agency, overdueOnly: overdue, on: on,
                                                                            passphrase: passphrase))
                for warning in output.warnings { printError("marac: warning: \(warning)") }
                print(output.text, terminator: "")
            } catch {
                throw fail(error.message, exitCode: error.exitCode)
            }
        }
    }

    struct Update: ParsableArguments {
        @Argument(help: ArgumentHelp("The action ID, e.g. 20261201-northvale-3.", valueName: "id"))
        var id: String
        @Option(help: ArgumentHelp("What happened (required).", valueName: "text"))
        var note: String

        func record(_ outcome: ActionTracker.Outcome, in dir: String) throws {
            do {
                let passphrase = try PassphraseSource.process.forFolder(dir)
                print(try TrackActions.update(outcome, actionID: id, note: note, folder: dir, passphrase: passphrase))
            } catch {
                throw fail(error.message, exitCode: error.exitCode)
            }
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "done", abstract: "Record that an action was done.",
            usage: "marac actions <dir> done <id> --note <text>",
            discussion: "Example:\n  marac actions ~/marac done 20261201-northvale-3 --note \"Locks changed 03/12\"")
        @OptionGroup var folder: Folder
        @OptionGroup var update: Update
        func run() throws { try update.record(.done, in: folder.dir) }
    }

    struct Escalate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "escalate", abstract: "Record that the agency did not do an action: escalated to the steering group.",
            usage: "marac actions <dir> escalate <id> --note <text>",
            discussion: "Example:\n  marac actions ~/marac escalate 20261201-northvale-6 --note \"No reply\"")
        @OptionGroup var folder: Folder
        @OptionGroup var update: Update
        func run() throws { try update.record(.escalate, in: folder.dir) }
    }

    struct NotPossible: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "not-possible", abstract: "Record that an action was not possible because circumstances changed.",
            usage: "marac actions <dir> not-possible <id> --note <text>",
            discussion: "Example:\n  marac actions ~/marac not-possible 20261201-northvale-4 --note \"Moved away\"")
        @OptionGroup var folder: Folder
        @OptionGroup var update: Update
        func run() throws { try update.record(.notPossible, in: folder.dir) }
    }
}
