import Foundation
import MaracApp
import MaracCore
import MaracJournal
import MaracTestSupport
import Testing

/// Issue 19: configure once. `$XDG_CONFIG_HOME/marac/config.yaml`; flags over environment over
/// the file; `marac config` says where each value came from; a bad key names file, line and key.
@Suite("configuration")
struct ConfigTests {
    let agenda = "case_ref,victim,referring_agency,referral_basis\nMC-1,Amira K,Police,actuarial\n"

    func writeConfig(_ text: String, in dir: TempFolder) throws -> String {
        try FileManager.default.createDirectory(atPath: dir.file("config/marac"), withIntermediateDirectories: true)
        let path = dir.file("config/marac/config.yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("with no file: defaults, the data folder under XDG_DATA_HOME when it is set")
    func defaults() throws {
        let dir = try TempFolder()
        let plain = try marac(["config"], home: dir.path)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("configuration file: \(dir.path)/.config/marac/config.yaml (not there; defaults apply)"))
        #expect(plain.stdout.contains("\(dir.path)/.local/share/marac"))
        #expect(plain.stdout.contains("Europe/London"))
        let xdg = try marac(["config"], home: dir.path, environment: ["XDG_DATA_HOME": dir.file("data"), "XDG_CONFIG_HOME": dir.file("config")])
        #expect(xdg.stdout.contains("configuration file: \(dir.file("config"))/marac/config.yaml"))
        let dataLine = xdg.stdout.split(separator: "\n").first { $0.hasPrefix("data_dir") }.map(String.init) ?? ""
        #expect(dataLine.contains(dir.file("data") + "/marac") && dataLine.contains("$XDG_DATA_HOME/marac"), "\(dataLine)")
    }

    @Test("the file sets the theme, area and chair; the environment overrides the file; `marac config` names each source")
    func precedence() throws {
        let dir = try TempFolder()
        let path = try writeConfig("# Northvale\ntheme: high-contrast\narea: Northvale\nchair: Ann Pike\ndata_dir: meetings\n", in: dir)
        let env = ["XDG_CONFIG_HOME": dir.file("config")]
        let shown = try marac(["config"], home: dir.path, environment: env)
        #expect(shown.status == 0, "\(shown.stderr)")
        let lines = shown.stdout.split(separator: "\n").map(String.init)
        func line(_ key: String) -> String { lines.first { $0.hasPrefix(key + " ") } ?? "" }
        #expect(line("theme").contains("high-contrast") && line("theme").hasSuffix("\(path):2"))
        #expect(line("area").contains("Northvale") && line("area").hasSuffix("\(path):3"))
        // A relative path in the file is relative to the file's folder.
        #expect(line("data_dir").contains(dir.file("config/marac/meetings")))

        let overridden = try marac(["config"], home: dir.path, environment: env.merging(["MARAC_THEME": "monochrome"]) { $1 })
        let theme = overridden.stdout.split(separator: "\n").first { $0.hasPrefix("theme ") } ?? ""
        #expect(theme.contains("monochrome") && theme.hasSuffix("environment MARAC_THEME"), "\(theme)")
    }

    @Test("marac new takes area and chair from the file and writes to its data folder; a flag overrides the file")
    func newUsesTheConfiguration() throws {
        let dir = try TempFolder()
        _ = try writeConfig("area: Northvale\nchair: Ann Pike\nvenue: Room 2\ndata_dir: \(dir.file("meetings"))\n", in: dir)
        try agenda.write(toFile: dir.file("agenda.csv"), atomically: true, encoding: .utf8)
        let env = ["XDG_CONFIG_HOME": dir.file("config")]
        let made = try marac(["new", "--agenda", dir.file("agenda.csv"), "--date", "01/12/2026"], home: dir.path, environment: env)
        #expect(made.status == 0, "\(made.stderr)")
        let journal = dir.file("meetings/2026-12-01-northvale.jsonl")
        #expect(made.stdout == journal + "\n")
        let info = MeetingState.fold(try JournalReader.read(path: journal).events).info
        #expect(info.chair == "Ann Pike" && info.venue == "Room 2" && info.area == "Northvale")

        let flagged = try marac(["new", "--agenda", dir.file("agenda.csv"), "--date", "02/12/2026", "--chair", "Sam Idris"],
                                home: dir.path, environment: env)
        #expect(flagged.status == 0, "\(flagged.stderr)")
        let second = MeetingState.fold(try JournalReader.read(path: dir.file("meetings/2026-12-02-northvale.jsonl")).events).info
        #expect(second.chair == "Sam Idris")

        // Without the file, area and chair are still required, as before.
        let bare = try marac(["new", "--agenda", dir.file("agenda.csv"), "--date", "03/12/2026"], home: dir.path)
        #expect(bare.status == 64)
        #expect(bare.stderr.contains("missing --area, --chair"))
    }

    @Test("a bad key or value is one line naming the file, the line and the key, exit 2, and nothing runs",
          arguments: [("theme: default\ncolour_theme: dark\n", ":2 (colour_theme): unknown key 'colour_theme'"),
                      ("charset: ebcdic\n", ":1 (charset): 'ebcdic' should be auto, unicode or ascii"),
                      ("time_zone: Mars/Olympus\n", ":1 (time_zone): 'Mars/Olympus' is not a time zone"),
                      ("area: [a, b]\n", ":1 (area): expected one value"),
                      ("theme: [unclosed\n", ":2: not valid YAML")])
    func badFile(text: String, expected: String) throws {
        let dir = try TempFolder()
        let path = try writeConfig(text, in: dir)
        let env = ["XDG_CONFIG_HOME": dir.file("config")]
        try "4".write(toFile: dir.file("one.keys"), atomically: true, encoding: .utf8)
        for args in [["config"], ["demo", "--keys", dir.file("one.keys"), "--dump-screen", dir.file("screen.txt")]] {
            let run = try marac(args, home: dir.path, environment: env)
            #expect(run.status == 2, "\(args): \(run.stderr)")
            #expect(run.stderr.hasPrefix("marac: \(path)\(expected)"), "\(run.stderr)")
            #expect(run.stderr.filter { $0 == "\n" }.count == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("screen.txt")))
    }

    @Test("a bad environment value names the variable")
    func badEnvironment() throws {
        let dir = try TempFolder()
        let run = try marac(["config"], home: dir.path, environment: ["MARAC_SCREEN_READER": "maybe"])
        #expect(run.status == 2)
        #expect(run.stderr == "marac: MARAC_SCREEN_READER: 'maybe' should be yes or no\n")
    }

    @Test("--log-dir puts marac.log there; the old --data-dir spelling still works but is not advertised")
    func logDir() throws {
        let dir = try TempFolder()
        try "4".write(toFile: dir.file("one.keys"), atomically: true, encoding: .utf8)
        let run = try marac(["demo", "--keys", dir.file("one.keys"), "--log-dir", dir.file("logs")], home: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.file("logs/marac.log")))
        let old = try marac(["demo", "--keys", dir.file("one.keys"), "--data-dir", dir.file("old-logs")], home: dir.path)
        #expect(old.status == 0, "\(old.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.file("old-logs/marac.log")))
        let help = try marac(["demo", "--help"], home: dir.path)
        #expect(help.stdout.contains("--log-dir") && !help.stdout.contains("--data-dir"))
        // log_dir in the environment (or the file) is used when no flag is given.
        let fromEnvironment = try marac(["demo", "--keys", dir.file("one.keys")], home: dir.path, environment: ["MARAC_LOG_DIR": dir.file("env-logs")])
        #expect(fromEnvironment.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.file("env-logs/marac.log")))
    }

    @Test("the template parses and sets nothing; the API reads the same file")
    func templateAndAPI() throws {
        let dir = try TempFolder()
        let path = try writeConfig(MaracConfig.template, in: dir)
        let config = try MaracConfig.load(environment: ["HOME": dir.path, "XDG_CONFIG_HOME": dir.file("config")])
        #expect(config.fileExists && config.filePath == path)
        #expect(config[.theme] == "default" && config[.area] == nil)
        try "screen_reader: yes\nuser_name: Sam Idris\n".write(toFile: path, atomically: true, encoding: .utf8)
        let set = try MaracConfig.load(environment: ["HOME": dir.path, "XDG_CONFIG_HOME": dir.file("config")])
        #expect(set.isOn(.screenReader) && set[.userName] == "Sam Idris")
        #expect(set.timeZone.identifier == "Europe/London")
        #expect(set.settings[.userName]?.origin == .file(path: path, line: 2))
        #expect(set.with(flags: [.theme: "monochrome"]).settings[.theme]?.origin == .flag("--theme"))
        #expect(set.with(flags: [.sign: "no"]).settings[.sign]?.origin == .flag("--no-sign"))
        #expect(set.with(flags: [.sign: "yes"]).settings[.sign]?.origin == .flag("--sign"))
    }
}
