import Foundation
import MaracTestSupport
import Testing

/// Issue 19: help that reads well at 80 columns, usage lines for nested subcommands, man pages
/// for every command, completions with file, folder, theme and value hints.
@Suite("help, man pages and completions")
struct HelpTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let commands: [[String]] = [[], ["demo"], ["new"], ["run"], ["verify"], ["export"], ["actions"], ["actions", "list"],
                                       ["actions", "done"], ["actions", "escalate"], ["actions", "not-possible"], ["report"],
                                       ["replay"], ["train"], ["config"]]

    func help(_ path: [String], columns: Int = 80) throws -> String {
        let dir = try TempFolder()
        let run = try marac(path + ["--help"], home: dir.path, environment: ["COLUMNS": "\(columns)"])
        #expect(run.status == 0, "\(path): \(run.stderr)")
        return run.stdout
    }

    @Test("paragraphs are wrapped once, by the parser: no line is broken early, none is over 80 columns", arguments: commands)
    func paragraphs(path: [String]) throws {
        let text = try help(path)
        let overview = text.components(separatedBy: "\nUSAGE:").first ?? ""
        let lines = overview.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // (The USAGE line is the parser's own and is never wrapped.)
        for line in overview.split(separator: "\n") { #expect(line.count <= 80, "\(path): \(line)") }
        // (The abstract, after "OVERVIEW:", is its own line.)
        for (a, b) in zip(lines, lines.dropFirst()) where !a.isEmpty && !b.isEmpty && !a.hasPrefix("  ") && !b.hasPrefix("  ")
            && !a.hasPrefix("OVERVIEW:") {
            // Greedy wrapping at 80 leaves a line short only when the next word would not fit (the
            // parser looks at 80 characters at a time, so a word ending exactly at 80 moves down too).
            let next = b.split(separator: " ").first.map(String.init) ?? ""
            #expect(a.count + 1 + next.count >= 80, "\(path): a line broken early:\n\(a)\n\(b)")
        }
    }

    @Test("examples stay one command a line, indented, at 80 columns (the width of a pipe and most terminals)", arguments: commands)
    func examples(path: [String]) throws {
        for columns in [80, 100] {
            let lines = try help(path, columns: columns).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let start = lines.firstIndex(where: { $0 == "Examples:" || $0 == "Example:" }) else {
                Issue.record("\(path): no examples"); return
            }
            let block = lines[(start + 1)...].prefix { !$0.isEmpty }
            #expect(!block.isEmpty)
            for line in block { #expect(line.hasPrefix("  marac "), "\(path) at \(columns) columns: \(line)") }
            // Quotes balance on every line: nothing was cut mid-argument.
            for line in block { #expect(line.filter { $0 == "\"" }.count % 2 == 0, "\(line)") }
        }
    }

    @Test("usage lines of nested subcommands name the whole command")
    func nestedUsage() throws {
        #expect(try help(["actions"]).contains("USAGE: marac actions <dir> <subcommand> [<options>]"))
        #expect(try help(["actions", "list"]).contains("USAGE: marac actions <dir> list [--all] [--status <status>] [--agency <name>]"))
        let dir = try TempFolder()
        let folderFirst = try marac(["actions", dir.path, "list", "--help"], home: dir.path)
        #expect(folderFirst.stdout.contains("USAGE: marac actions <dir> list"), "\(folderFirst.stdout)")
        #expect(!folderFirst.stdout.contains("USAGE: list"))
    }

    @Test("a man page for marac and every subcommand, listing every option the command has", arguments: commands)
    func manPages(path: [String]) throws {
        let name = (["marac"] + path).joined(separator: ".")     // the manual plugin's names: marac.actions.list.1
        let page = try String(contentsOfFile: Self.repository + "/docs/man/\(name).1", encoding: .utf8)
        #expect(page.contains(".Dt "))
        let options = try help(path).split(separator: "\n").filter { $0.hasPrefix("  -") }
            .compactMap { $0.split(separator: " ").first { $0.hasPrefix("--") } }
            // An inverted flag is listed as `--sign/--no-sign`: each spelling must be in the page.
            .flatMap { $0.split(separator: "/") }
            .map { String($0.split(separator: "=").first ?? $0).trimmingCharacters(in: CharacterSet(charactersIn: ",")) }
        for option in options where option != "--help" && option != "--version" {
            #expect(page.contains("Fl -" + option.dropFirst(2)),
                    "\(name).1 does not mention \(option): run scripts/gen-man.sh")
        }
    }

    @Test("completions: theme names, journal and agenda files, folders, and every closed set of values")
    func completions() throws {
        let dir = try TempFolder()
        let bash = try marac(["--generate-completion-script", "bash"], home: dir.path).stdout
        for word in ["jsonl", "csv", "well-run", "historical-overrun", "---completion demo -- --theme"] {
            #expect(bash.contains(word), "bash completion lacks \(word)")
        }
        let fish = try marac(["--generate-completion-script", "fish"], home: dir.path).stdout
        let zsh = try marac(["--generate-completion-script", "zsh"], home: dir.path).stdout
        for script in [fish, zsh] {
            #expect(script.contains("---completion demo -- --theme"))
            #expect(script.contains("text") && script.contains("json"))          // verify --format
            #expect(script.contains("html"))                                     // export and report --format
        }
        // Theme names are asked of marac as you type: the built-in ones and the user's own files.
        try FileManager.default.createDirectory(atPath: dir.file(".config/marac/themes"), withIntermediateDirectories: true)
        try "name: Northvale dark\n".write(toFile: dir.file(".config/marac/themes/northvale-dark.yaml"), atomically: true, encoding: .utf8)
        let all = try marac(["---completion", "demo", "--", "--theme", "3", "0", "marac", "demo", "--theme", ""], home: dir.path)
        #expect(all.stdout.split(separator: "\n") == ["default", "high-contrast", "monochrome", "northvale-dark"], "\(all.stdout) \(all.stderr)")
        let some = try marac(["---completion", "run", "--", "--theme", "3", "1", "marac", "run", "--theme", "h"], home: dir.path)
        #expect(some.stdout.split(separator: "\n") == ["high-contrast"], "\(some.stdout) \(some.stderr)")

        // report's --format is a closed set now: a wrong value is a usage error naming the choices.
        let wrong = try marac(["report", dir.path, "--quarter", "2026Q1", "--format", "pdf"], home: dir.path)
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("text") && wrong.stderr.contains("html"))
    }
}
