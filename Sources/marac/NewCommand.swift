import ArgumentParser
import MaracApp

struct NewCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "new",
            abstract: "Create a meeting journal from an agenda file and print its path.",
            discussion: """
            The agenda is a CSV file with a header row. Required columns: case_ref, victim, \
            referring_agency, referral_basis (actuarial, professional judgement, escalation or repeat). \
            Optional: perpetrator, dash_score, referral_date, repeat, previous_hearings, children, \
            victim_sex, minoritised, lgbt, disabled, aged_16_17, perpetrator_under_18, agencies_involved, \
            notification. Booleans are yes/no/blank; dates dd/mm/yyyy or yyyy-mm-dd; previous_hearings \
            and agencies_involved are separated by ';'. Cases are put in agenda order: with children, \
            adult-only, then 12-month notifications.

            `marac new --print-template > agenda.csv` writes a template with every column and fictional examples.

            --protocol FILE adapts the national protocol (agencies, DASH threshold, escalation and \
            repeat windows, time target and limit, confidentiality statement); `marac new \
            --print-protocol-template > protocol.yaml` writes one to edit. A key left out keeps the \
            national value.

            --area, --chair, --venue and --protocol default to `area`, `chair`, `venue` and `protocol` \
            in the configuration (see `marac config`), so a chair who always runs the same Marac types \
            only the agenda and the date.

            Without --out the journal goes to the data folder as <date>-<area>.jsonl: --data-dir, else \
            $MARAC_DATA_DIR, else `data_dir` in the configuration, else $XDG_DATA_HOME/marac, else \
            ~/.local/share/marac; the data folder is made (mode 0700) on first use, and stderr says so \
            (a mistyped --data-dir shows at once). With --out the folder \
            it names must exist already: a missing one is named, with the `mkdir -p` that makes it, \
            and nothing is written (the tracker, `marac report` and the next meeting look for a \
            journal beside the others, so one in a mistyped folder would be lost to them). The path is \
            printed on stdout. On any error in the agenda (named by file, line and column) no journal \
            is made.

            Cases the previous meeting of the same area in that folder deferred "to the next meeting" \
            are added to the agenda (first in their section, marked "deferred from" with the reason), \
            and each is named on stderr; --no-deferred leaves them out.

            --start and --end give the planned times (hh:mm, local time): the meeting screen's header \
            shows the projected finish against the planned end, and which cases will not be reached. \
            The local protocol's start_time and end_time are the defaults; without them 09:30 to 12:30.

            --encrypt seals every event with AES-256-GCM under a key made from a passphrase (scrypt). \
            Every command then asks for it once on the terminal, or reads MARAC_PASSPHRASE; `marac \
            verify` checks the chain without it. A lost passphrase cannot be recovered. See docs/SECURITY.md.

            Examples:
              marac new --agenda a.csv --date 01/12/2026 --area Northvale --chair "Ann C"
              marac new --agenda a.csv --date 2026-12-01 --area X --chair T --out m.jsonl
              marac new --agenda a.csv --date 2026-12-01 --start 13:30 --end 16:00
              marac new --agenda a.csv --date 2026-12-01 --area X --chair T --encrypt
            """
        )
    }

    @Option(help: ArgumentHelp("The agenda file (CSV).", valueName: "file.csv"), completion: .file(extensions: ["csv"]))
    var agenda: String?

    @Option(help: ArgumentHelp("The meeting date: dd/mm/yyyy or yyyy-mm-dd.", valueName: "date"))
    var date: String?

    @Option(help: "The Marac area, e.g. Northvale (default: `area` in the configuration).")
    var area: String?

    @Option(help: "The chair's name (default: `chair` in the configuration).")
    var chair: String?

    @Option(help: "Where the meeting is held (default: `venue` in the configuration).")
    var venue: String?

    @Option(help: ArgumentHelp("The planned start, local time (default: `start_time` in the protocol, else 09:30).", valueName: "hh:mm"))
    var start: String?

    @Option(help: ArgumentHelp("The planned end, local time (default: `end_time` in the protocol, else three hours after the start).", valueName: "hh:mm"))
    var end: String?

    @Option(help: ArgumentHelp("The journal file to create (never overwritten), in a folder that exists.", valueName: "journal"), completion: .file(extensions: ["jsonl"]))
    var out: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("The data folder, when --out is not given.", valueName: "dir"), completion: .directory)
    var dataDir: String?

    @Option(name: .customLong("protocol"), help: ArgumentHelp("A local protocol file (YAML); default: `protocol` in the configuration, else the national protocol.", valueName: "file.yaml"),
            completion: .file(extensions: ["yaml", "yml"]))
    var protocolFile: String?

    @Flag(help: "Encrypt the journal at rest. The passphrase is asked twice on the terminal (not shown), or read from MARAC_PASSPHRASE.")
    var encrypt = false

    @Flag(inversion: .prefixedNo,
          help: "Sign the journal's chain with your Ed25519 key (made 0600 in $XDG_CONFIG_HOME/marac, default ~/.config/marac, on first use): a signed checkpoint at every case close and at the meeting's close; `marac verify` checks them. Default: `sign` in the configuration (no).")
    var sign: Bool?

    @Flag(name: .customLong("no-deferred"), help: "Do not add the cases the previous meeting in the folder deferred to this one.")
    var noDeferred = false

    @Flag(name: .customLong("print-template"), help: "Print the agenda template (CSV) and exit.")
    var printTemplate = false

    @Flag(name: .customLong("print-protocol-template"), help: "Print the national protocol as a protocol file to adapt, and exit.")
    var printProtocolTemplate = false

    func validate() throws {
        if printTemplate || printProtocolTemplate { return }
        // --area and --chair may come from the configuration: checked in run(), once it is read.
        let missing = [("--agenda", agenda), ("--date", date)].filter { $0.1 == nil }.map(\.0)
        if !missing.isEmpty {
            throw ValidationError("missing \(missing.joined(separator: ", ")) (see `marac new --help`)")
        }
    }

    func run() throws {
        if printProtocolTemplate {
            print(LocalProtocolFile.template, terminator: "")
            return
        }
        if printTemplate {
            do { print(try NewMeeting.templateText(), terminator: "") } catch { throw fail(error.message, exitCode: error.exitCode) }
            return
        }
        let config = try loadConfiguration().with(flags: [.area: area, .chair: chair, .venue: venue, .protocolFile: protocolFile,
                                                          .sign: sign.map { $0 ? "yes" : "no" }])
        let missing = [("--area", MaracConfig.Key.area), ("--chair", .chair)].filter { config[$0.1] == nil }
        if !missing.isEmpty {
            throw fail("missing \(missing.map(\.0).joined(separator: ", ")) (or set \(missing.map(\.1.rawValue).joined(separator: " and ")) "
                       + "in the configuration; see `marac new --help`)", exitCode: ExitStatus.usage)
        }
        do {
            let passphrase = encrypt ? try PassphraseSource.process.forNewJournal() : nil
            var request = NewMeeting.Request(agendaPath: agenda!, date: date!, area: config[.area]!, chair: config[.chair]!,
                                             venue: config[.venue] ?? "", out: out, dataDir: dataDir,
                                             protocolPath: config[.protocolFile], passphrase: passphrase)
            request.sign = config.isOn(.sign)
            request.noDeferred = noDeferred
            request.start = start
            request.end = end
            let outcome = try NewMeeting.run(request)
            for warning in outcome.warnings { printError("marac: warning: \(warning)") }
            // On stderr with the other messages: stdout stays the journal's path alone, for scripts.
            for line in outcome.deferredLines { printError("marac: \(line)") }
            if let made = outcome.madeDataFolder { printError("marac: made the data folder \(made) (its first journal)") }
            print(outcome.journalPath)
            printError("marac: meeting \(outcome.meetingID) created with \(outcome.caseCount) case\(outcome.caseCount == 1 ? "" : "s")"
                       + (encrypt ? ", encrypted" : "") + (outcome.signedBy.map { ", signed by key \($0)" } ?? ""))
        } catch {
            throw fail(error.message, exitCode: error.exitCode)
        }
    }
}
