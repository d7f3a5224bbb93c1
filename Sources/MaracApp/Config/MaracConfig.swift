import Foundation
import Yams

/// The user's settings, configured once: `$XDG_CONFIG_HOME/marac/config.yaml` (default
/// `~/.config/marac/config.yaml`; `MARAC_CONFIG` names another file). Each value comes from, in
/// order: the command-line flag, the environment variable, the file, the built-in default; and
/// each remembers where it came from, which `marac config` prints.
///
///     let config = try MaracConfig.load()                 // environment and file
///     let theme = config.with(flags: [.theme: option])[.theme]
///
/// A bad file is an error naming the file, the line and the key (exit 2), as the protocol file's are.
public struct MaracConfig: Sendable, Equatable {
    public enum Key: String, CaseIterable, Sendable {
        case dataDir = "data_dir"
        case logDir = "log_dir"
        case theme
        case charset
        case screenReader = "screen_reader"
        case area
        case chair
        case venue
        case protocolFile = "protocol"
        case timeZone = "time_zone"
        case userName = "user_name"
        /// yes or no: `marac new` signs new journals (as `--sign`; `--no-sign` overrides).
        case sign

        /// The environment variable that sets it.
        public var environmentVariable: String { "MARAC_" + rawValue.uppercased() }

        /// The command-line flag that overrides it, where there is one.
        public var flag: String? {
            switch self {
            case .dataDir: return "--data-dir"
            case .logDir: return "--log-dir"
            case .theme: return "--theme"
            case .area: return "--area"
            case .chair: return "--chair"
            case .venue: return "--venue"
            case .protocolFile: return "--protocol"
            case .sign: return "--sign"
            case .charset, .screenReader, .timeZone, .userName: return nil
            }
        }

        /// One line for `marac config` and the template.
        public var meaning: String {
            switch self {
            case .dataDir: return "the folder for meeting journals (`marac new` without --out)"
            case .logDir: return "the folder for marac.log (default: the data folder)"
            case .theme: return "default, high-contrast, monochrome, or the name of a theme file"
            case .charset: return "auto, unicode or ascii: the characters the screen draws with"
            case .screenReader: return "yes or no: a layout for screen readers"
            case .area: return "the Marac area for `marac new`, e.g. Northvale"
            case .chair: return "the chair's name for `marac new`"
            case .venue: return "where meetings are held, for `marac new`"
            case .protocolFile: return "the local protocol file for `marac new` (see --print-protocol-template)"
            case .timeZone: return "the time zone for times in documents, e.g. Europe/London"
            case .userName: return "your name, recorded with action tracker updates"
            case .sign: return "yes or no: `marac new` signs new journals with your key (as --sign)"
            }
        }

        var isPath: Bool { self == .dataDir || self == .logDir || self == .protocolFile }
    }

    /// Where a value came from.
    public enum Origin: Sendable, Equatable, CustomStringConvertible {
        case flag(String)
        case environment(String)
        case file(path: String, line: Int)
        case builtIn(String)
        case unset

        public var description: String {
            switch self {
            case let .flag(name): return "flag \(name)"
            case let .environment(name): return "environment \(name)"
            case let .file(path, line): return "\(path):\(line)"
            case let .builtIn(why): return "default (\(why))"
            case .unset: return "not set"
            }
        }
    }

    public struct Setting: Sendable, Equatable {
        public var value: String?
        public var origin: Origin
    }

    public static let fileVariable = "MARAC_CONFIG"
    public static let defaultTimeZone = "Europe/London"

    /// The configuration file looked at (it need not exist).
    public private(set) var filePath: String
    public private(set) var fileExists: Bool
    public private(set) var settings: [Key: Setting]

    /// The effective value, nil when nothing sets it.
    public subscript(key: Key) -> String? { settings[key]?.value }

    /// The time zone for local times in documents (`time_zone`, checked when read; Europe/London by default).
    public var timeZone: TimeZone {
        TimeZone(identifier: self[.timeZone] ?? Self.defaultTimeZone) ?? TimeZone(identifier: Self.defaultTimeZone)!
    }

    /// A yes/no value (`screen_reader`).
    public func isOn(_ key: Key) -> Bool { Self.truth(self[key] ?? "") == true }

    /// The same configuration with command-line flags applied on top (nil or empty: not given).
    public func with(flags: [Key: String?]) -> MaracConfig {
        var copy = self
        for (key, value) in flags {
            guard let value, !value.isEmpty, let flag = key.flag else { continue }
            // An inverted yes/no flag was typed as `--no-sign`: say so, not the flag it turns off.
            let typed = key == .sign && Self.truth(value) == false ? "--no-sign" : flag
            copy.settings[key] = Setting(value: value, origin: .flag(typed))
        }
        return copy
    }

    /// Reads the environment and the configuration file. Throws (exit 2) on a bad file or value.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CommandFailure) -> MaracConfig {
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let home = env("HOME")
        let path: String
        if let explicit = env(fileVariable) {
            path = explicit
        } else if let xdg = env("XDG_CONFIG_HOME"), xdg.hasPrefix("/") {
            path = xdg + "/marac/config.yaml"
        } else if let home {
            path = home + "/.config/marac/config.yaml"
        } else {
            path = ""
        }

        var config = MaracConfig(filePath: path, fileExists: false, settings: [:])
        // Built-in defaults first; each later source replaces what it sets.
        if let xdg = env("XDG_DATA_HOME"), xdg.hasPrefix("/") {
            config.settings[.dataDir] = Setting(value: xdg + "/marac", origin: .builtIn("$XDG_DATA_HOME/marac"))
        } else if let home {
            config.settings[.dataDir] = Setting(value: home + "/.local/share/marac", origin: .builtIn("~/.local/share/marac"))
        }
        config.settings[.theme] = Setting(value: "default", origin: .builtIn("built in"))
        config.settings[.charset] = Setting(value: "auto", origin: .builtIn("from the terminal's locale"))
        config.settings[.screenReader] = Setting(value: "no", origin: .builtIn("built in"))
        config.settings[.sign] = Setting(value: "no", origin: .builtIn("built in"))
        config.settings[.timeZone] = Setting(value: defaultTimeZone, origin: .builtIn("built in"))
        for key in Key.allCases where config.settings[key] == nil {
            config.settings[key] = Setting(value: nil, origin: key == .logDir ? .builtIn("the data folder") : .unset)
        }

        if !path.isEmpty, let data = FileManager.default.contents(atPath: path) {
            config.fileExists = true
            let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
            for (key, value, line) in try parse(String(decoding: data, as: UTF8.self), file: path) {
                let resolved = try checked(value, for: key, where: "\(path):\(line) (\(key.rawValue))", relativeTo: base, home: home)
                config.settings[key] = Setting(value: resolved, origin: .file(path: path, line: line))
            }
        } else if !path.isEmpty, FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("\(path): the configuration file cannot be read", exitCode: ExitStatus.badFile)
        }

        for key in Key.allCases {
            guard let value = env(key.environmentVariable) else { continue }
            let resolved = try checked(value, for: key, where: key.environmentVariable, relativeTo: nil, home: home)
            config.settings[key] = Setting(value: resolved, origin: .environment(key.environmentVariable))
        }
        return config
    }

    /// The file's keys in order with their line numbers. Unknown keys, lists and nested maps are errors.
    static func parse(_ text: String, file: String) throws(CommandFailure) -> [(Key, String, Int)] {
        func fail(_ line: Int?, _ key: String?, _ problem: String) -> CommandFailure {
            YAMLSyntax.failure(file, line: line, key: key, problem)
        }
        let root = try YAMLSyntax.document(text, file: file)
        guard let root else { return [] }            // an empty file (or only comments) sets nothing
        guard let mapping = root.mapping else { throw fail(line(of: root), nil, "expected `key: value` lines (see `marac config --print-template`)") }
        var seen: Set<Key> = []
        var result: [(Key, String, Int)] = []
        for (keyNode, valueNode) in mapping {
            let name = keyNode.string ?? ""
            let at = line(of: keyNode)
            guard let key = Key(rawValue: name) else {
                throw fail(at, name, "unknown key '\(name)' (known: \(Key.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard !seen.contains(key) else { throw fail(at, name, "'\(name)' is set twice") }
            seen.insert(key)
            guard let scalar = valueNode.scalar else { throw fail(at, name, "expected one value, not a list or a map") }
            let value = scalar.string.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { throw fail(at, name, "has no value (leave the key out to keep the default)") }
            result.append((key, value, at ?? 0))
        }
        return result
    }

    /// Checks one value and expands `~/` (and, in the file, a path relative to the file's folder).
    static func checked(_ value: String, for key: Key, where place: String, relativeTo base: String?, home: String?) throws(CommandFailure) -> String {
        func fail(_ problem: String) -> CommandFailure { CommandFailure("\(place): \(problem)", exitCode: ExitStatus.badFile) }
        switch key {
        case .charset:
            guard ["auto", "unicode", "ascii"].contains(value.lowercased()) else { throw fail("'\(value)' should be auto, unicode or ascii") }
            return value.lowercased()
        case .screenReader, .sign:
            guard let on = truth(value) else { throw fail("'\(value)' should be yes or no") }
            return on ? "yes" : "no"
        case .timeZone:
            guard TimeZone(identifier: value) != nil else { throw fail("'\(value)' is not a time zone (e.g. Europe/London)") }
            return value
        case .theme:
            guard value.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0) }),
                  !value.hasPrefix(".") else { throw fail("'\(value)' is not a theme name (letters, digits, '-', '_', '.')") }
            return value
        case .dataDir, .logDir, .protocolFile:
            if value == "~" || value.hasPrefix("~/") {
                guard let home else { throw fail("'\(value)' starts with ~ but HOME is not set") }
                return home + value.dropFirst()
            }
            if let base, !value.hasPrefix("/") { return base + "/" + value }
            return value
        case .area, .chair, .venue, .userName:
            guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw fail("contains a control character")
            }
            return value
        }
    }

    static func truth(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "true", "on", "1": return true
        case "no", "false", "off", "0": return false
        default: return nil
        }
    }

    private static func line(of node: Node) -> Int? { node.mark.map { $0.line } }


    // MARK: - For people

    /// `marac config`: every key, its effective value and where it came from.
    public var report: String {
        var lines = ["configuration file: \(filePath.isEmpty ? "(none: HOME is not set)" : filePath)\(fileExists ? "" : " (not there; defaults apply)")"]
        let width = Key.allCases.map(\.rawValue.count).max() ?? 0
        let values = Key.allCases.map { settings[$0]?.value ?? "-" }
        let valueWidth = min(48, values.map(\.count).max() ?? 0)
        for (key, value) in zip(Key.allCases, values) {
            let origin = settings[key]?.origin ?? .unset
            lines.append(key.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                         + (value.count < valueWidth ? value.padding(toLength: valueWidth, withPad: " ", startingAt: 0) : value)
                         + "  " + origin.description)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A commented file to start from: every key, commented out, with what it means.
    public static var template: String {
        var text = """
        # marac configuration: ~/.config/marac/config.yaml (or $XDG_CONFIG_HOME/marac/config.yaml).
        # A command-line flag overrides the environment (MARAC_THEME …), which overrides this file.
        # Remove the '# ' before a key to set it. `marac config` shows what is in effect and why.

        """
        let examples: [Key: String] = [
            .dataDir: "~/marac", .logDir: "~/marac/logs", .theme: "high-contrast", .charset: "auto", .screenReader: "no",
            .area: "Northvale", .chair: "DI Ann Pike", .venue: "Northvale Police Station, Room 2",
            .protocolFile: "~/marac/northvale-protocol.yaml", .timeZone: "Europe/London", .userName: "Sam Idris", .sign: "no",
        ]
        for key in Key.allCases {
            text += "\n# \(key.meaning) (\(key.environmentVariable)\(key.flag.map { ", \($0)" } ?? ""))\n# \(key.rawValue): \(examples[key] ?? "")\n"
        }
        return text
    }
}
