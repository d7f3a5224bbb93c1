import ArgumentParser
import MaracApp
import MaracCore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the live meeting screen on a built-in fictional sample agenda.",
        discussion: """
        The first thing to run. Seven fictional cases and three outstanding actions from a fictional \
        previous meeting; the journal goes in a new temporary folder, whose path is printed at the \
        end. Every key is shown at the bottom of the screen; press ? for help and a glossary.

        Examples:
          marac demo
          marac demo --theme high-contrast
          marac demo --keys script.keys --dump-screen screen.txt --size 120x40
        """)

    @OptionGroup var screen: ScreenOptions
    @Option(help: ArgumentHelp("Meeting date for the sample (default today): dd/mm/yyyy or yyyy-mm-dd.", valueName: "date"))
    var date: String?

    func run() throws {
        try reportingErrors {
            var day: CalendarDate?
            if let date {
                guard let d = CalendarDate.parse(date) else { throw CommandFailure("--date '\(date)' is not a date: use dd/mm/yyyy", exitCode: ExitStatus.usage) }
                day = d
            }
            let path = try DemoMeeting.run(date: day, options: screen.sessionOptions(), logger: makeLogger(folder: screen.logFolder))
            print("The demo meeting's journal is \(path)")
        }
    }
}
