import ArgumentParser
import MaracApp

struct CorrectCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "correct",
            abstract: "Correct a field of a case in a meeting journal, with the reason (also after the meeting is closed).",
            discussion: """
            The correction is appended to the journal as an event: the minutes and `marac report` use the \
            corrected value, and the journal keeps what the agenda said and every correction, with its \
            reason and date. A closed meeting stays closed; its minutes say the correction was made after \
            the meeting. During a meeting, use the case screen instead (the journal is open in `marac run`).

            FIELD is an agenda column: victim, perpetrator, referring_agency, referral_basis, dash_score, \
            referral_date, repeat, previous_hearings, children, victim_sex, minoritised, lgbt, disabled, \
            aged_16_17, perpetrator_under_18, agencies_involved (or the start of one, e.g. dash). VALUE is \
            written as in the agenda file; "" (blank) means not known.

            Examples:
              marac correct m.jsonl MC-2001 dash_score 15 --reason "form mistyped"
              marac correct m.jsonl MC-2001 minoritised yes --reason "Idva confirmed"
            """)
    }

    @Argument(help: ArgumentHelp("The meeting journal.", valueName: "journal"), completion: .file(extensions: ["jsonl"]))
    var journal: String
    @Argument(help: ArgumentHelp("The case reference.", valueName: "case"))
    var caseRef: String
    @Argument(help: ArgumentHelp("The field to correct (an agenda column).", valueName: "field"))
    var field: String
    @Argument(help: ArgumentHelp("The corrected value (\"\" for not known).", valueName: "value"))
    var value: String
    @Option(help: "Why the field is corrected (required).")
    var reason: String

    func run() throws {
        try requireJournal(journal)
        do {
            let passphrase = try PassphraseSource.process.forReading([journal])
            let outcome = try CorrectCase.run(journal: journal, caseRef: caseRef, field: field, value: value, reason: reason,
                                              passphrase: passphrase)
            print(outcome.message)
        } catch {
            throw fail(error.message, exitCode: error.exitCode)
        }
    }
}
