#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation
import MaracCore
import MaracApp
import MaracExport

/// `marac actions DIR list …` (the folder first, as the usage text writes it) and `marac actions list DIR …`
/// (ArgumentParser's usual order) both work: a first word that is not a subcommand is taken as DIR.
struct ActionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "The action tracker between meetings: list, show, update, chase and import agency returns.",
        usage: "marac actions <dir> <subcommand> [<options>]",
        discussion: """
        DIR is the folder of meeting journals. The open actions are every action agreed in those \
        meetings that has not been closed since: by a status in its own meeting, by this tracker, or by \
        a later meeting's opening review. Updates are appended to DIR/tracker.jsonl (never rewritten), \
        and the next meeting's opening review starts from what is still open.

        An action ID can be given in full (20261201-northvale-3) or short where it names one action: \
        #3, or 1201-3 (the meeting's day and month, then the number).

        Examples:
          marac actions ~/marac list --agency housing --overdue
          marac actions ~/marac show #3
          marac actions ~/marac note 1201-3 --note "Locksmith booked for 04/12"
          marac actions ~/marac extend 1201-3 --due 18/12/2026 --note "Locksmith ill"
          marac actions ~/marac reassign 1201-3 --agency Housing --note "Moved"
          marac actions ~/marac done 1201-3 --on 03/12/2026 --note "Locks changed"
          marac actions ~/marac escalate 1201-6 --note "No reply after two reminders"
          marac actions ~/marac chase --agency all --format md --out ~/chasers
          marac actions ~/marac import ~/Downloads/housing-return.csv
        """,
        subcommands: [List.self, Show.self, Note.self, Extend.self, Reassign.self, Done.self, Escalate.self, NotPossible.self,
                      Chase.self, Import.self]
    )

    @Argument(help: ArgumentHelp("The folder of meeting journals, then one of the subcommands below.", valueName: "dir"), completion: .directory)
    var dir: String?

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The subcommand and its options.", valueName: "subcommand"))
    var rest: [String] = []

    static let verbs: [String: any ParsableCommand.Type] = [
        "list": List.self, "show": Show.self, "note": Note.self, "extend": Extend.self, "reassign": Reassign.self,
        "done": Done.self, "escalate": Escalate.self, "not-possible": NotPossible.self, "chase": Chase.self, "import": Import.self,
    ]
    static let verbList = "list, show, note, extend, reassign, done, escalate, not-possible, chase or import"

    func run() throws {
        guard let first = dir, !rest.isEmpty else {
            throw fail("say what to do: marac actions DIR \(Self.verbList) (see `marac actions --help`)", exitCode: ExitStatus.usage)
        }
        // `actions list DIR …` arrives here too once the folder is given: the first word is then the verb.
        let verbFirst = Self.verbs[first] != nil && Self.verbs[rest[0]] == nil
        let verb = verbFirst ? first : rest[0]
        let arguments = verbFirst ? rest : [first] + rest.dropFirst()
        guard let type = Self.verbs[verb] else {
            throw fail("'\(verb)' is not an actions subcommand: use \(Self.verbList) (see `marac actions --help`)", exitCode: ExitStatus.usage)
        }
        var command: any ParsableCommand
        do { command = try type.parseAsRoot(arguments) } catch {
            // One line through Console, as for every other command (not ArgumentParser's usage block).
            Foundation.exit(Marac.report(error, as: type, arguments: arguments, helpCommand: "marac actions \(verb) --help"))
        }
        try command.run()
    }

    struct Folder: ParsableArguments {
        @Argument(help: ArgumentHelp("The folder of meeting journals.", valueName: "dir"), completion: .directory)
        var dir: String
    }

    /// The zone whose days count (`time_zone` in the config, Europe/London by default) and who is
    /// typing (`user_name`), from the configuration; a bad configuration file stops the command.
    static func settings() throws -> (days: LocalDays, user: String?) {
        let config = try loadConfiguration()
        return (LocalDays(zone: config.timeZone), config[.userName])
    }

    /// The width the list is wrapped to: the terminal's, else $COLUMNS, else 80.
    static func terminalWidth() -> Int {
        var size = winsize()
        if isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 { return Int(size.ws_col) }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), n >= 20 { return min(n, 1000) }
        return 80
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the actions, grouped by agency (A–Z), soonest due first, with days overdue.",
            usage: "marac actions <dir> list [--all] [--status <status>] [--agency <name>] [--overdue] [--due-before <date>] [--meeting <id>] [--on <date>] [--format <format>] [--out <file>]",
            discussion: """
            Open actions by default; --all adds the closed ones, --status chooses by status.

            Examples:
              marac actions ~/marac list --agency police --overdue --on 15/12/2026
              marac actions ~/marac list --all --meeting 2026-12-01-northvale --format csv
              marac actions ~/marac list --status done --due-before 01/01/2027 --format md
            """
        )
        @OptionGroup var folder: Folder
        @Flag(help: "Closed actions too (done, not possible, not done, withdrawn).")
        var all = false
        @Option(help: ArgumentHelp("Only these statuses: open, closed, done, not-possible, not-done, withdrawn, escalated (commas between several).",
                                   valueName: "status"))
        var status: String?
        @Option(help: ArgumentHelp("Only this agency's actions (any letter case).", valueName: "name"))
        var agency: String?
        @Flag(help: "Only the actions past their due date.")
        var overdue = false
        @Option(name: .customLong("due-before"), help: ArgumentHelp("Only actions due before this day.", valueName: "date"))
        var dueBefore: String?
        @Option(help: ArgumentHelp("Only actions agreed at this meeting (its ID or its date).", valueName: "meeting"))
        var meeting: String?
        @Option(help: ArgumentHelp("Judge 'overdue' as of this day (dd/mm/yyyy or yyyy-mm-dd); default today.", valueName: "date"))
        var on: String?
        @Option(help: ArgumentHelp("text, csv, md, json or xlsx (xlsx needs --out). Default: the --out file's ending "
                                   + "(.csv, .md, .json, .xlsx), else text.", valueName: "format"))
        var format: String?
        @Option(help: ArgumentHelp("Write to this file instead of the screen (required for xlsx).", valueName: "file"))
        var out: String?

        func run() throws {
            let output: TrackActions.Output
            let (days, _) = try ActionsCommand.settings()
            do {
                let passphrase = try PassphraseSource.process.forFolder(folder.dir)
                var request = TrackActions.ListRequest(
                    folder: folder.dir, agency: agency, overdueOnly: overdue, on: on, passphrase: passphrase, all: all, status: status,
                    dueBefore: dueBefore, meeting: meeting,
                    format: format ?? formatNamed(byOut: out, among: ["csv", "md", "json", "xlsx"]) ?? "text", width: ActionsCommand.terminalWidth())
                request.days = days
                output = try TrackActions.list(request)
            } catch {
                throw fail(error.message, exitCode: error.exitCode)
            }
            for warning in output.warnings { printError("marac: warning: \(warning)") }
            guard let out else {
                if output.bytes != nil { throw fail("--format xlsx writes a workbook: give --out FILE.xlsx", exitCode: ExitStatus.usage) }
                print(output.text, terminator: "")
                return
            }
            do { try TrackActions.writeFile(output.bytes ?? Array(output.text.utf8), to: out) } catch {
                throw fail(error.message, exitCode: error.exitCode)
            }
            print("wrote \(out)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show one action: its case, its meeting and every event on it.",
            usage: "marac actions <dir> show <id>",
            discussion: "Example:\n  marac actions ~/marac show 1201-3")
        @OptionGroup var folder: Folder
        @Argument(help: ArgumentHelp("The action ID (full, #N, or MMDD-N).", valueName: "id"))
        var id: String
        func run() throws {
            let (days, _) = try ActionsCommand.settings()
            do {
                let passphrase = try PassphraseSource.process.forFolder(folder.dir)
                let output = try TrackActions.show(id, folder: folder.dir, passphrase: passphrase, days: days)
                for warning in output.warnings { printError("marac: warning: \(warning)") }
                print(output.text, terminator: "")
            } catch {
                throw fail(error.message, exitCode: error.exitCode)
            }
        }
    }

    /// What every update takes: the ID, the note, the day it happened and who typed it.
    struct Update: ParsableArguments {
        @Argument(help: ArgumentHelp("The action ID, e.g. 20261201-northvale-3, #3 or 1201-3.", valueName: "id"))
        var id: String
        @Option(help: ArgumentHelp("What happened, or why (required).", valueName: "text"))
        var note: String
        @Option(help: ArgumentHelp("The day it happened (dd/mm/yyyy or yyyy-mm-dd); default today; never in the future.", valueName: "date"))
        var on: String?
        @Option(help: ArgumentHelp("Who is recording it; default the config's user_name, else the login name.", valueName: "name"))
        var by: String?

        func record(_ kind: TrackerUpdate.Kind, in dir: String, due: String? = nil, agency: String? = nil) throws {
            let (days, user) = try ActionsCommand.settings()
            do {
                let passphrase = try PassphraseSource.process.forFolder(dir)
                print(try TrackActions.change(kind, actionID: id, note: note, on: on, by: by ?? user, due: due, agency: agency, folder: dir,
                                              passphrase: passphrase, days: days))
            } catch {
                throw fail(error.message, exitCode: error.exitCode)
            }
        }
    }

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "note", abstract: "Record progress on an action; it stays open.",
            usage: "marac actions <dir> note <id> --note <text>",
            discussion: "Example:\n  marac actions ~/marac note 1201-3 --note \"Locksmith booked for 04/12\"")
        @OptionGroup var folder: Folder
        @OptionGroup var update: Update
        func run() throws { try update.record(.note, in: folder.dir) }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend", abstract: "Give an action a new due date, with the reason.",
            usage: "marac actions <dir> extend <id> --due <date> --note <text>",
            discussion: "Example:\n  marac actions ~/marac extend 1201-3 --due 18/12/2026 --note \"Locksmith ill\"")
        @OptionGroup var folder: Folder
        @OptionGroup var update: Update
        @Option(parsing: .unconditional, help: ArgumentHelp("The new due date (dd/mm/yyyy, 14/12, +7d, fri).", valueName: "date"))
        var due: String
        func run() throws { try update.record(.extend, in: folder.dir, due: due) }
    }

    struct Reassign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reassign", abstract: "Give an action to another agency, with the reason.",
            usage: "marac actions <dir> reassign <id> --agency <name> --note <text>",
            discussion: "Example:\n  marac actions ~/marac reassign 1201-3 --agency Housing --note \"Moved\"")
        @OptionGroup var folder: Folder
        @OptionGroup var update: Update
        @Option(help: ArgumentHelp("The agency that now owns the action.", valueName: "name"))
        var agency: String
        func run() throws { try update.record(.reassign, in: folder.dir, agency: agency) }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "done", abstract: "Record that an action was done.",
            usage: "marac actions <dir> done <id> [--on <date>] --note <text>",
            discussion: "Example:\n  marac actions ~/marac done 1201-3 --on 03/12/2026 --note \"Locks changed\"")
        @OptionGroup var folder: Folder
        @OptionGroup var update: Update
        func run() throws { try update.record(.done, in: folder.dir) }
    }

    struct Escalate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "escalate", abstract: "Record that the agency did not do an action: escalated to the steering group.",
            usage: "marac actions <dir> escalate <id> [--on <date>] --note <text>",
            discussion: "Example:\n  marac actions ~/marac escalate 1201-6 --note \"No reply after two reminders\"")
        @OptionGroup var folder: Folder
        @OptionGroup var update: Update
        func run() throws { try update.record(.escalate, in: folder.dir) }
    }

    struct NotPossible: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "not-possible", abstract: "Record that an action was not possible because circumstances changed.",
            usage: "marac actions <dir> not-possible <id> [--on <date>] --note <text>",
            discussion: "Example:\n  marac actions ~/marac not-possible 1201-4 --note \"Victim moved away\"")
        @OptionGroup var folder: Folder
        @OptionGroup var update: Update
        func run() throws { try update.record(.notPossible, in: folder.dir) }
    }

    struct Chase: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chase", abstract: "Write a chaser per agency: every action it still owes, across all meetings, overdue first.",
            usage: "marac actions <dir> chase --agency <name|all> [--format <format>] [--out <folder>]",
            discussion: """
            Each chaser has a short covering text (the local protocol's `chaser_text` overrides it) and a \
            table with blank status, on and note columns for the agency to fill in and send back \
            (`marac actions DIR import FILE`). Case references always; victims' names only when the \
            local protocol says `chaser_victim_names: yes`.

            Example:
              marac actions ~/marac chase --agency all --format csv --out ~/chasers
            """)
        @OptionGroup var folder: Folder
        @Option(help: ArgumentHelp("One agency, or all.", valueName: "name|all"))
        var agency: String
        @Option(help: ArgumentHelp("md, html, docx or csv.", valueName: "format"))
        var format = "md"
        @Option(help: ArgumentHelp("The folder the chasers are written to (made if needed, in a folder that exists); default the current folder.", valueName: "dir"), completion: .directory)
        var out = "."
        @Option(help: ArgumentHelp("Judge 'overdue' as of this day; default today.", valueName: "date"))
        var on: String?
        @Option(name: .customLong("protocol"), help: ArgumentHelp("A local protocol file to take the covering text and name rule from (default: the latest meeting's).", valueName: "file"))
        var protocolFile: String?
        @Option(help: ArgumentHelp("Who signs the covering text; default the config's user_name, else the login name.", valueName: "name"))
        var by: String?

        func run() throws {
            let (days, user) = try ActionsCommand.settings()
            do {
                let passphrase = try PassphraseSource.process.forFolder(folder.dir)
                let result = try Chasers.write(Chasers.Request(folder: folder.dir, agency: agency, format: format, out: out, on: on,
                                                               protocolFile: protocolFile, by: by ?? user, passphrase: passphrase, days: days))
                for warning in result.warnings { printError("marac: warning: \(warning)") }
                print(result.text, terminator: "")
            } catch {
                throw fail(error.message, exitCode: error.exitCode)
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Apply an agency's returned chaser or pack (CSV or xlsx): all rows or none.",
            usage: "marac actions <dir> import <file>",
            discussion: """
            A CSV file (UTF-8) or an Excel workbook (.xlsx, its first sheet). It needs action_id, \
            status, on and note columns, and an agency column (or --agency). \
            Status is one of: \(ReturnStatus.wordList) (any letter case; a hyphen \
            or underscore counts as a space). In progress, or a note with the status left blank, is a \
            progress note. On is the day it happened. \
            Any bad row (unknown ID, another agency's action, a closed action, an impossible date or \
            status, a formula) is named by row and column and nothing is applied. Importing the same \
            file again applies nothing.

            Example:
              marac actions ~/marac import ~/Downloads/chaser-housing.csv
            """)
        @OptionGroup var folder: Folder
        @Argument(help: ArgumentHelp("The returned file (.csv or .xlsx).", valueName: "file"))
        var file: String
        @Option(help: ArgumentHelp("The agency the file is from, when it has no agency column.", valueName: "name"))
        var agency: String?
        @Option(help: ArgumentHelp("Who is importing it; default the config's user_name, else the login name.", valueName: "name"))
        var by: String?

        func run() throws {
            let (days, user) = try ActionsCommand.settings()
            do {
                let passphrase = try PassphraseSource.process.forFolder(folder.dir)
                print(try AgencyReturn.apply(file: file, folder: folder.dir, agency: agency, by: by ?? user, passphrase: passphrase,
                                             days: days),
                      terminator: "")
            } catch {
                throw fail(error.message, exitCode: error.exitCode)
            }
        }
    }
}
