import Foundation
import MaracTestSupport
import Testing

/// Issue 19: `scripts/install.sh PREFIX` gives a working installation away from the build folder:
/// the binary, themes, agenda template, samples, man pages and completions, found relative to
/// the binary's real path; nothing it prints names the build folder.
@Suite("install layout", .serialized)
struct InstallTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Installs the built binary (no second build) into a new temporary prefix.
    func install() throws -> (prefix: TempFolder, home: TempFolder) {
        let prefix = try TempFolder()
        let home = try TempFolder()
        try run("/bin/bash", [Self.repository + "/scripts/install.sh", "--binary", Binary.marac, prefix.path])
        return (prefix, home)
    }

    @Test("the layout: bin, share/marac (themes, template, samples), man pages and completions")
    func layout() throws {
        let (prefix, _) = try install()
        let fm = FileManager.default
        #expect(fm.isExecutableFile(atPath: prefix.file("bin/marac")))
        for theme in ["default", "high-contrast", "monochrome"] {
            #expect(fm.fileExists(atPath: prefix.file("share/marac/themes/\(theme).yaml")))
        }
        #expect(fm.fileExists(atPath: prefix.file("share/marac/agenda-template.csv")))
        #expect(fm.fileExists(atPath: prefix.file("share/marac/samples/well-run.jsonl")))
        for page in ["marac", "marac.demo", "marac.new", "marac.run", "marac.verify", "marac.export", "marac.actions",
                     "marac.actions.list", "marac.report", "marac.replay", "marac.train", "marac.config"] {
            #expect(fm.fileExists(atPath: prefix.file("share/man/man1/\(page).1")), "\(page).1")
        }
        let bash = try String(contentsOfFile: prefix.file("share/bash-completion/completions/marac"), encoding: .utf8)
        #expect(bash.contains("---completion demo -- --theme") && bash.contains("jsonl"))
        #expect(fm.fileExists(atPath: prefix.file("share/zsh/site-functions/_marac")))
        #expect(fm.fileExists(atPath: prefix.file("share/fish/vendor_completions.d/marac.fish")))
    }

    @Test("from the prefix: demo (scripted), new --print-template and --theme high-contrast work, with no build path anywhere")
    func runsFromThePrefix() throws {
        let (prefix, home) = try install()
        let installed = prefix.file("bin/marac")
        // Run from a folder with no Themes/ of its own, through a symbolic link as PATH tools often are.
        try FileManager.default.createDirectory(atPath: home.file("bin"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: home.file("bin/marac"), withDestinationPath: installed)
        let buildFolder = URL(fileURLWithPath: Binary.marac).deletingLastPathComponent().path

        for executable in [installed, home.file("bin/marac")] {
            let template = try marac(["new", "--print-template"], home: home.path, executable: executable, directory: home.path)
            #expect(template.status == 0, "\(template.stderr)")
            #expect(template.stdout.hasPrefix("case_ref,victim,"))
        }

        try "4".write(toFile: home.file("one.keys"), atomically: true, encoding: .utf8)
        let demo = try marac(["demo", "--keys", home.file("one.keys"), "--dump-screen", home.file("demo.txt"), "--theme", "high-contrast"],
                             home: home.path, executable: installed, directory: home.path)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(!demo.stderr.contains("not found"), "\(demo.stderr)")
        #expect(try String(contentsOfFile: home.file("demo.txt"), encoding: .utf8).contains("NV-"))

        // A theme that is not there is named, with folders of the installation, never the build's.
        let missing = try marac(["demo", "--keys", home.file("one.keys"), "--theme", "solarised"],
                                home: home.path, executable: installed, directory: home.path)
        #expect(missing.stderr.contains("theme 'solarised' not found"))
        #expect(missing.stderr.contains(prefix.file("share/marac/themes")))

        var everything = missing.stdout + missing.stderr + demo.stdout + demo.stderr
        for args in [["--help"], ["new", "--help"], ["demo", "--help"], ["config"], ["--version"]] {
            let r = try marac(args, home: home.path, executable: installed, directory: home.path)
            everything += r.stdout + r.stderr
        }
        #expect(!everything.contains(buildFolder) && !everything.contains(".build/"), "a build path was printed")
    }

    @Test("the installed demo in a real terminal opens with the high-contrast theme and no warning",
          .enabled(if: TmuxSession.isAvailable || ProcessInfo.processInfo.environment["CI"] != nil, "tmux is not installed (CI installs it)"))
    func themeInATerminal() throws {
        let (prefix, home) = try install()
        for (theme, warns) in [("solarised", true), ("high-contrast", false)] {
            let tmux = try TmuxSession(command: "cd \(shellQuote(home.path)) && \(shellQuote(prefix.file("bin/marac"))) demo --theme \(theme)",
                                       environment: ["HOME": home.path, "TMPDIR": home.path, "MARAC_DATA_DIR": home.path])
            if warns {
                _ = try tmux.waitFor(text: "not found")     // the control: a missing theme is said on screen
            } else {
                let screen = try tmux.waitFor(text: "Press Enter to start the meeting")
                #expect(!screen.contains("not found"), "\(screen)")
            }
        }
    }
}
