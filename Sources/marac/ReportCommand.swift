import ArgumentParser
import Foundation
import MaracApp

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The quarterly Marac data return and governance report for a folder of meeting journals.",
        discussion: """
        Counts every meeting journal in the folder whose meeting date falls in the period: cases \
        heard (repeats included; deferred, withdrawn and 12-month notifications shown apart), repeat \
        rate, children, male, Black/Asian/racially minoritised, LGBT+ and disabled victims, victims \
        aged 16–17, perpetrators aged 17 or under and referrals by source, each against its \
        recommended range with a word and a symbol (✓ within, ▼ below, ▲ above), and one line per \
        meeting as SafeLives collects it.

        For the steering group: time per case, overruns, actions by agency (overdue and escalated \
        at the period end, using tracker.jsonl when the folder has one), attendance by agency and \
        days from referral to hearing.

        Every output is marked RESTRICTED when complete (OFFICIAL-SENSITIVE).

        Exit status: 0 written; 1 no journals or no meetings in the period; 3 written but \
        INCOMPLETE (a journal could not be read in full: it is named on stderr and in the report); \
        64 bad arguments; 66 no such folder; 73 the --out file cannot be written.

        Examples:
          marac report ~/marac --quarter 2026Q3
          marac report ~/marac --quarter 2026Q3 --adult-female-population 150000
          marac report ~/marac --quarter 2026Q3 --format html --out q3.html
          marac report ~/marac --from 01/07/2026 --to 2026-08-31 --format csv
        """
    )

    @Argument(help: ArgumentHelp("The folder holding the meeting journals (*.jsonl).", valueName: "dir"), completion: .directory)
    var folder: String

    @Option(help: ArgumentHelp("A calendar quarter: 2026Q3 (Q1 = January–March).", valueName: "yyyyQn"))
    var quarter: String?

    @Option(help: ArgumentHelp("First day of the period (dd/mm/yyyy or yyyy-mm-dd); use with --to.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last day of the period, included.", valueName: "date"))
    var to: String?

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, md, csv, html, xlsx
        case meetingsCSV = "meetings-csv"
    }

    @Option(help: ArgumentHelp("text (for the terminal), md, csv (figures and ranges), meetings-csv (one row a meeting), html, or xlsx (with --out). "
                               + "Default: the --out file's ending (.md, .csv, .html, .xlsx), else text.", valueName: "format"))
    var format: Format?

    @Flag(name: .customLong("no-bom"), help: "Write a CSV file without the UTF-8 byte-order mark spreadsheets need to read accents.")
    var noBOM = false

    @Option(help: ArgumentHelp("Write to this file (atomically, mode 0600) instead of the screen.", valueName: "file"), completion: .file())
    var out: String?

    // `.unconditional`: a value that starts with '-' ("-5") is this option's value, for run() to
    // refuse by name, rather than an unknown option that leaves the value "missing".
    @Option(name: .customLong("minoritised-population"), parsing: .unconditional,
            help: ArgumentHelp("Local Black, Asian and racially minoritised population, in percent, to compare with.", valueName: "pct"))
    var minoritisedPopulation: String?

    @Option(name: .customLong("adult-female-population"), parsing: .unconditional,
            help: ArgumentHelp("Adult female population of the area, for the recommended 40 cases a year per 10,000.", valueName: "n"))
    var adultFemalePopulation: String?

    func run() throws {
        try requireFolder(folder)
        let passphrase: String?
        do { passphrase = try PassphraseSource.process.forFolder(folder) } catch {
            throw fail(error.message, exitCode: error.exitCode)
        }
        var request = MaracReportCommand.Request(
            folder: folder, quarter: quarter, from: from, to: to,
            format: format?.rawValue ?? formatNamed(byOut: out, among: ["md", "csv", "html", "xlsx"]) ?? Format.text.rawValue, out: out,
            minoritisedPopulation: minoritisedPopulation, adultFemalePopulation: adultFemalePopulation,
            passphrase: passphrase, byteOrderMark: !noBOM)
        request.days = LocalDays(zone: try loadConfiguration().timeZone)
        let outcome = MaracReportCommand.run(request)
        if !outcome.stdout.isEmpty { Console.output(outcome.stdout, terminator: "") }
        for line in outcome.stderr {
            // One prefix for every command: `marac: <what>: <why>`.
            printError("marac: " + (line.hasPrefix("marac report: ") ? String(line.dropFirst("marac report: ".count)) : line))
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
