import ArgumentParser
import Foundation
import MaracApp
import MaracUI

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Trainers: replay a recorded meeting, read-only, with its real timing.",
        discussion: """
        The live meeting screens driven by the recorded events; `?` lists the replay's keys (and \
        pauses a playing replay until help closes). Space \
        pause/play, n next stop (a prompt passed, a SMART warning, an overrun or a trainer's note), \
        → or . step, ← or , step back, ] / [ next / previous case, + / - speed (1, 2, 5, 10, 20, 30, \
        60, 120, 240×), Home the start, End the end; T, O, P, A stop at amber, overruns, prompts, \
        actions (as --pause-at); b bookmarks the moment in the notes file, in the trainer's words \
        (Enter saves, Esc cancels). Every other key works as on \
        the live screen, read-only. Nothing is written to the journal.

        The trainer's notes beside the journal (NAME.notes.yaml for NAME.jsonl; docs/REPLAY.md) \
        show at their moment, and stop the replay where a note says `pause: yes`.

        Examples:
          marac replay samples/historical-overrun.jsonl --speed 20 --pause-at amber
          marac replay meeting.jsonl --pause-at overrun,prompt --speed 60
          marac replay --sample vague-actions --pause-at action
        """)

    @Argument(help: ArgumentHelp("The journal to replay.", valueName: "journal"), completion: .file(extensions: ["jsonl"]))
    var journal: String?
    @Option(help: ArgumentHelp("Replay a shipped sample instead (see `marac train --list`).", valueName: "name"),
            completion: .list(Training.sampleNames))
    var sample: String?
    // `.unconditional`: "--speed -5" is refused by name, not read as a missing value.
    @Option(parsing: .unconditional, help: "Replay speed, 1 to 240.") var speed: Int = 1
    @Option(name: .customLong("pause-at"),
            help: ArgumentHelp("Stop at amber, overrun, prompt or action (repeat it, or a comma list; keys T O P A).", valueName: "when"))
    var pauseAt: [String] = []
    @Flag(name: .customLong("pause-at-overrun"), help: "The same as --pause-at overrun.")
    var pauseAtOverrun = false
    @Option(help: ArgumentHelp("The trainer's notes file (default: NAME.notes.yaml beside the journal).", valueName: "file"),
            completion: .file(extensions: ["yaml"]))
    var notes: String?
    @OptionGroup var screen: ScreenOptions

    /// The stops asked for, or the word that is not one.
    var stops: Set<ReplayStop> {
        get throws {
            var stops: Set<ReplayStop> = pauseAtOverrun ? [.overrun] : []
            for value in pauseAt {
                guard let parsed = ReplayStop.parse(value) else {
                    throw ValidationError("--pause-at '\(value)': give amber, overrun, prompt or action (or a comma list of them)")
                }
                stops.formUnion(parsed)
            }
            return stops
        }
    }

    func validate() throws {
        guard (1...ReplayController.maximumSpeed).contains(speed) else {
            throw ValidationError("--speed \(speed) is not a replay speed: give one from 1 to \(ReplayController.maximumSpeed)")
        }
        guard (journal == nil) != (sample == nil) else { throw ValidationError("give a journal or --sample NAME (one of them)") }
        _ = try stops
    }

    func run() throws {
        try reportingErrors {
            let plan = ReplayPlan(speed: speed, stops: try stops, notesFile: notes)
            if let sample {
                let s = try Training.sample(sample)
                _ = try Training.replaySample(s, plan: plan, options: screen.sessionOptions(mode: .readOnly))
            } else if let journal {
                try ExitStatus.requireJournal(journal)
                _ = try Training.replay(path: journal, plan: plan, options: screen.sessionOptions(mode: .readOnly, journal: journal))
            }
        }
    }
}

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Trainers: list the sample meetings, or run a scored mock meeting on one.",
        discussion: """
        `marac train --list` lists the shipped fictional meetings. `marac train NAME` opens the live \
        screen on that sample's agenda, marked TRAINING; quitting ends the mock, and a scorecard marks the run on a \
        fixed rubric (docs/TRAINING.md): one part per thing a chair controls (statement, agencies, the \
        victim's views, wording, time, the agenda, SMART actions, coverage, safe feedback, prompts and \
        deferrals for time, equality, the outstanding review), each worth fixed points, so every run of \
        a sample has the same maximum. Weak actions get a suggested SMART rewrite.

        `--out DIR` keeps the mock's journal and its scorecard (text and HTML) together in DIR (never \
        replacing a file); without it they go to a new temporary folder. `--trainee NAME` puts the \
        trainee's name on the scorecard. `--compare` also shows (and saves) the run beside the sample's \
        recorded run, case by case: time, actions, coverage, and what the recorded chair agreed. \
        Both are printed wrapped at whole words to the terminal's width; the .txt files at 80 columns.

        `--note` prints the trainer's note; `--write DIR` writes the sample's full recording as a \
        journal (to replay or export).

        Examples:
          marac train --list
          marac train vague-actions --note
          marac train well-run --out ~/training/sam --trainee "Sam Lee" --compare
        """)

    @Argument(help: ArgumentHelp("The sample to run.", valueName: "name"), completion: .list(Training.sampleNames)) var name: String?
    @Flag(help: "List the samples.") var list = false
    @Flag(help: "Print the trainer's note for the sample.") var note = false
    @Option(help: ArgumentHelp("Write the sample's recording as a journal into this folder (made if needed, in a folder that exists).", valueName: "dir"), completion: .directory) var write: String?
    @Option(help: ArgumentHelp("Keep the mock's journal and scorecard (text and HTML) in this folder (made if needed, in a folder that exists).", valueName: "dir"), completion: .directory)
    var out: String?
    @Option(help: ArgumentHelp("The trainee's name, for the scorecard.", valueName: "name")) var trainee: String?
    @Flag(help: "After the mock, show it beside the sample's recorded run, case by case (also saved as text and HTML).")
    var compare = false
    @OptionGroup var screen: ScreenOptions

    func validate() throws {
        if !list && name == nil { throw ValidationError("give a sample name, or --list") }
        if let trainee, trainee.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--trainee needs a name") }
    }

    func run() throws {
        try reportingErrors {
            if list { print(Training.list()); return }
            guard let name else { return }
            let sample = try Training.sample(name)
            if note { print(sample.trainerNote); return }
            if let write {
                try AtomicFile.makeOutputFolder(write)
                let path = URL(fileURLWithPath: write).appendingPathComponent("\(sample.name).jsonl").path
                try Training.writeRecording(sample, to: path)
                print(path)
                return
            }
            let result = try Training.mock(sample, options: screen.sessionOptions(), logger: makeLogger(folder: screen.logFolder),
                                           out: out, trainee: trainee, compare: compare)
            print(result.report(width: ActionsCommand.terminalWidth()))
        }
    }
}
