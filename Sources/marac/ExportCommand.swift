import ArgumentParser
import MaracApp
import MaracExport

extension ExportFormat: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the minutes of a meeting, or each agency's actions, from its journal.",
        discussion: """
        Formats: md (Markdown minutes), html (one self-contained file that prints cleanly), docx (Word \
        minutes: the marking in every page header, page numbers, bordered tables), csv (the actions, \
        RFC 4180, with a UTF-8 byte-order mark unless --no-bom), xlsx (the actions as an Excel \
        workbook: dates as dates, a frozen, filtered header row) and json (the minutes as data; see \
        docs/EXPORT-FORMATS.md). Times are local: TZ, else the protocol's time_zone, else Europe/London. Every export \
        is marked "RESTRICTED when complete (OFFICIAL-SENSITIVE)" and carries the confidentiality reminder.

        --agency NAME writes a need-to-know pack for one agency: only its own actions, each with its \
        ID, the case reference, the victim's name as on the agenda (a Victim column), the action, \
        due date and category; no other agency's information, no victim's views, no addresses. The \
        victim's name is left out (case reference only) when the local protocol the meeting was \
        created with says `pack_identifies: reference`. The csv and xlsx packs end with blank \
        status, on and note columns for the agency to fill in and return (`marac actions DIR \
        import FILE`). --agency all writes one pack per agency that owns an action. Names match in \
        any letter case. (Chasers, `marac actions DIR chase`, name victims only with \
        `chaser_victim_names: yes`.)

        Files are written whole or not at all (mode 0600). The --out folder is made (mode 0700) if \
        needed, but the folder it is in must exist: a missing one is named, with the `mkdir -p` that \
        makes it, and nothing is written. The paths written are printed on stdout. An existing \
        export of the same name is replaced.

        Examples:
          marac export 2026-12-01-northvale.jsonl --format html --out minutes/
          marac export meeting.jsonl --format csv --out packs/ --agency all
          marac export meeting.jsonl --format md --out packs/ --agency "Social Care"
        """
    )

    @Argument(help: ArgumentHelp("The meeting journal.", valueName: "journal"), completion: .file(extensions: ["jsonl"]))
    var journal: String

    @Option(help: ArgumentHelp("md, html, docx, csv, xlsx or json.", valueName: "format"), completion: .list(ExportFormat.allCases.map(\.rawValue)))
    var format: ExportFormat

    @Option(help: ArgumentHelp("The folder to write to (made if needed, in a folder that exists).", valueName: "dir"), completion: .directory)
    var out: String

    @Option(help: ArgumentHelp("One agency's pack, or `all` for one pack per agency with actions.", valueName: "name"))
    var agency: String?

    @Flag(name: .customLong("no-bom"), help: "Write CSV without the UTF-8 byte-order mark spreadsheets need to read accents.")
    var noBOM = false

    @Option(help: ArgumentHelp("A council's Word template (.docx) whose styles the docx uses.", valueName: "template.docx"),
            completion: .file(extensions: ["docx"]))
    var template: String?

    func run() throws {
        try requireJournal(journal)
        do {
            let passphrase = try PassphraseSource.process.forReading([journal])
            let outcome = try ExportMinutes.run(ExportMinutes.Request(journalPath: journal, format: format, outDir: out, agency: agency,
                                                                      passphrase: passphrase, byteOrderMark: !noBOM,
                                                                      templatePath: template))
            for warning in outcome.warnings { printError("marac: warning: \(warning)") }
            for path in outcome.written { print(path) }
        } catch {
            throw fail(error.message, exitCode: error.exitCode)
        }
    }
}
