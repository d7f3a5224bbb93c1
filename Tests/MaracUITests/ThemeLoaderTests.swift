import Foundation
import MaracUI
import Testing
@testable import MaracApp

/// Themes/*.yaml and the loader (owned with MaracTerminal; lives here because it needs MaracApp).
@Suite struct ThemeLoaderTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let themesDirectory = repoRoot.appendingPathComponent("Themes").path
    static let bundledDirectory = repoRoot.appendingPathComponent("Sources/MaracApp/Resources/Themes").path

    /// A scratch directory holding one theme file.
    static func directory(with text: String, name: String = "custom") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marac-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try text.write(to: dir.appendingPathComponent("\(name).yaml"), atomically: true, encoding: .utf8)
        return dir.path
    }

    static func shipped(_ name: String) throws -> String {
        try String(contentsOfFile: "\(themesDirectory)/\(name).yaml", encoding: .utf8)
    }

    @Test(arguments: ThemeLoader.shippedThemeNames)
    func eachShippedThemeLoadsWithoutWarning(name: String) {
        let (theme, warning) = ThemeLoader.load(name: name, searchPaths: [Self.themesDirectory], environment: [:])
        #expect(warning == nil)
        #expect(theme.name == name)
        #expect(Set(theme.looks.keys) == Set(StyleRole.allCases))
    }

    @Test func defaultAndMonochromeFilesMatchTheBuiltInThemes() {
        let (defaultTheme, _) = ThemeLoader.load(name: "default", searchPaths: [Self.themesDirectory], environment: [:])
        #expect(defaultTheme == Theme.fallback)
        let (mono, _) = ThemeLoader.load(name: "monochrome", searchPaths: [Self.themesDirectory], environment: [:])
        #expect(mono == Theme.monochrome)
    }

    @Test func theStatesThatMatterKeepAnAttributeInEveryTheme() {
        // Never colour alone: under NO_COLOR these must still stand out.
        for name in ThemeLoader.shippedThemeNames {
            let (theme, _) = ThemeLoader.load(name: name, searchPaths: [Self.themesDirectory], environment: [:])
            for role in [StyleRole.danger, .warning, .selection, .inputFocused, .header, .statusBar] {
                let look = theme.look(role)
                // A background colour becomes reverse video without colour (NcursesTerminal).
                let standsOut = look.bold || look.reverse || look.underline || look.background != .default
                #expect(standsOut, "\(name): \(role) relies on a foreground colour alone")
            }
        }
    }

    @Test(arguments: ThemeLoader.shippedThemeNames)
    func bundledCopyIsIdenticalToTheRepositoryTheme(name: String) throws {
        let bundled = try String(contentsOfFile: "\(Self.bundledDirectory)/\(name).yaml", encoding: .utf8)
        #expect(bundled == (try Self.shipped(name)), "run: cp Themes/*.yaml Sources/MaracApp/Resources/Themes/")
    }

    @Test func aBadColourNamesTheFileLineAndKey() throws {
        let text = try Self.shipped("default").replacingOccurrences(of: "header:       { fg: black,", with: "header:       { fg: purpel,")
        let dir = try Self.directory(with: text)
        let (theme, warning) = ThemeLoader.load(name: "custom", searchPaths: [dir], environment: [:])
        #expect(theme == Theme.fallback)
        let message = try #require(warning)
        #expect(message.contains("\(dir)/custom.yaml"))
        #expect(message.contains("roles.header.fg"))
        #expect(message.contains("unknown colour 'purpel'"))
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("purpel") }.map { $0 + 1 }
        #expect(message.contains("line \(try #require(line))"))
    }

    @Test(arguments: [
        ("name: x\ncolour: true\nroles:\n  normal: { fg: default, sparkle: true }\n", "roles.normal.sparkle", "unknown key"),
        ("name: x\ncolour: true\nroles:\n  nromal: { fg: default }\n", "roles.nromal", "unknown role"),
        ("name: x\ncolour: maybe\nroles: {}\n", "colour", "expected true or false"),
        ("name: x\ncolor: true\nroles: {}\n", "color", "unknown key"),
        ("name: x\ncolour: true\nroles:\n  normal: { bold: yes please }\n", "roles.normal.bold", "expected true or false"),
        ("name: x\ncolour: true\nroles:\n  normal: {}\n", "roles", "missing roles: muted"),
        ("name: x\ncolour: true\n", "roles", "missing"),
        ("name: [unclosed\n", "", "not valid YAML"),
        ("", "", "empty"),
    ])
    func badFilesAreReportedAndFallBack(text: String, key: String, problem: String) throws {
        let dir = try Self.directory(with: text)
        let (theme, warning) = ThemeLoader.load(name: "custom", searchPaths: [dir], environment: [:])
        #expect(theme == Theme.fallback)
        let message = try #require(warning)
        #expect(message.contains("custom.yaml"))
        if !key.isEmpty { #expect(message.contains(", \(key): ")) }
        #expect(message.contains(problem), "\(message)")
    }

    @Test func noColourTurnsColourOffButKeepsTheLooks() {
        let (theme, warning) = ThemeLoader.load(name: "high-contrast", searchPaths: [Self.themesDirectory],
                                                environment: ["NO_COLOR": "1"])
        #expect(warning == nil)
        #expect(!theme.usesColor)
        #expect(theme.look(.danger).bold)
        let (coloured, _) = ThemeLoader.load(name: "high-contrast", searchPaths: [Self.themesDirectory],
                                             environment: ["NO_COLOR": ""])   // empty means unset
        #expect(coloured.usesColor)
        let (missing, _) = ThemeLoader.load(name: "nope", searchPaths: [], environment: ["NO_COLOR": "yes"])
        #expect(!missing.usesColor)
    }

    @Test func firstSearchPathWins() throws {
        let text = try Self.shipped("monochrome").replacingOccurrences(of: "name: monochrome", with: "name: local-copy")
        let dir = try Self.directory(with: text, name: "monochrome")
        let (theme, _) = ThemeLoader.load(name: "monochrome", searchPaths: [dir, Self.themesDirectory], environment: [:])
        #expect(theme.name == "local-copy")
    }

    @Test func unknownOrUnsafeNamesWarnAndFallBack() {
        let (_, missing) = ThemeLoader.load(name: "solarised", searchPaths: [Self.themesDirectory], environment: [:])
        #expect(missing?.contains("theme 'solarised' not found") == true)
        #expect(missing?.contains(Self.themesDirectory) == true)
        let (theme, unsafe) = ThemeLoader.load(name: "../Themes/default", searchPaths: [Self.themesDirectory], environment: [:])
        #expect(theme == Theme.fallback)
        #expect(unsafe?.contains("not a plain file name") == true)
    }
}

@Suite struct ThemeSearchPathTests {
    @Test func defaultSearchPathsFindTheRepositoryAndTheBundle() {
        let paths = ThemeLoader.defaultSearchPaths(currentDirectory: "/home/chair",
                                                   executablePath: "/repo/.build/x86_64-unknown-linux-gnu/debug/marac")
        #expect(paths.first == "/home/chair/Themes")
        #expect(paths.contains("/repo/Themes"))
        #expect(paths.contains("/repo/.build/x86_64-unknown-linux-gnu/debug/marac_MaracApp.resources/Resources/Themes"))
    }
}
