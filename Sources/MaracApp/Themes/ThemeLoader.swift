import Foundation
import MaracJournal
import MaracUI
import Yams

/// A theme file that cannot be used, with where and why.
public struct ThemeFileError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    /// The key path inside the file, e.g. `roles.header.fg`; empty for the file as a whole.
    public var key: String
    public var problem: String

    public var description: String {
        let place = [file, line.map { "line \($0)" }, key.isEmpty ? nil : key].compactMap { $0 }.joined(separator: ", ")
        return "\(place): \(problem)"
    }
}

/// Loads `Themes/<name>.yaml` (format: see the comment at the top of any shipped theme).
/// A theme problem never stops the app: it gets a warning naming the file, line and key, and the
/// built-in `Theme.fallback`.
public enum ThemeLoader {
    public static let shippedThemeNames = ["default", "high-contrast", "monochrome"]

    /// - Parameters:
    ///   - searchPaths: directories to look in, first match wins (the lead passes `./Themes`, the
    ///     repository's `Themes/` next to the build, then the bundled copy: `defaultSearchPaths`).
    ///   - environment: `NO_COLOR` set and non-empty turns colour off (https://no-color.org).
    public static func load(name: String, searchPaths: [String],
                            environment: [String: String]) -> (Theme, warning: String?) {
        var (theme, warning) = loadIgnoringEnvironment(name: name, searchPaths: searchPaths)
        if !(environment["NO_COLOR"] ?? "").isEmpty { theme.usesColor = false }
        return (theme, warning)
    }

    static func loadIgnoringEnvironment(name: String, searchPaths: [String]) -> (Theme, warning: String?) {
        let fallbackNote = "using the built-in theme instead."
        guard isPlainName(name) else {
            return (.fallback, "theme name '\(name)' is not a plain file name (letters, digits, '-', '_', '.'); \(fallbackNote)")
        }
        let fileManager = FileManager.default
        let candidates = searchPaths.map { URL(fileURLWithPath: $0).appendingPathComponent("\(name).yaml").path }
        guard let path = candidates.first(where: { fileManager.fileExists(atPath: $0) }) else {
            let looked = searchPaths.isEmpty ? "no search paths" : searchPaths.joined(separator: ", ")
            return (.fallback, "theme '\(name)' not found (looked in: \(looked)); \(fallbackNote)")
        }
        let text: String
        do { text = try InputFile.text(path, what: "the theme") } catch { return (.fallback, "\(error.message); \(fallbackNote)") }
        do {
            return (try parse(text, file: path), nil)
        } catch {
            return (.fallback, "theme file \(error.description); \(fallbackNote)")
        }
    }

    /// Where themes usually are: the working directory's `Themes/`, the repository's `Themes/`
    /// seen from a binary in `.build/<config>/`, then the copy bundled with the app's resources.
    public static func defaultSearchPaths(currentDirectory: String, executablePath: String) -> [String] {
        let executableDirectory = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
        return [
            URL(fileURLWithPath: currentDirectory).appendingPathComponent("Themes").path,
            executableDirectory.appendingPathComponent("../../Themes").standardized.path,
            executableDirectory.appendingPathComponent("../../../Themes").standardized.path,
            executableDirectory.appendingPathComponent("marac_MaracApp.resources/Resources/Themes").path,
            executableDirectory.appendingPathComponent("marac_MaracApp.bundle/Contents/Resources/Resources/Themes").path,
            executableDirectory.appendingPathComponent("marac_MaracApp.bundle/Resources/Themes").path,
        ]
    }

    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0) }
    }

    // MARK: - Parsing

    static let topKeys = ["name", "colour", "roles"]
    static let lookKeys = ["fg", "bg", "bold", "reverse", "underline", "dim"]

    /// Parses one theme file. `file` is only used to name the file in errors.
    public static func parse(_ text: String, file: String) throws(ThemeFileError) -> Theme {
        func fail(_ node: Node?, _ key: String, _ problem: String) -> ThemeFileError {
            ThemeFileError(file: file, line: node?.mark?.line, key: key, problem: problem)
        }
        let root: Node
        switch YAMLSyntax.compose(text) {
        case .success(let node?): root = node
        case .success(nil): throw fail(nil, "", "the file is empty")
        case .failure(let p): throw ThemeFileError(file: file, line: p.line, key: "", problem: p.text)
        }
        guard let top = root.mapping else { throw fail(root, "", "expected 'name:', 'colour:' and 'roles:' at the top level") }

        var name: String?
        var usesColor = true
        var looks: [StyleRole: Theme.Look] = [:]
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            switch key {
            case "name":
                guard let text = value.scalar?.string, !text.isEmpty else { throw fail(value, key, "expected a name") }
                name = text
            case "colour":
                guard let flag = value.bool else { throw fail(value, key, "expected true or false, found '\(value.string ?? "a list")'") }
                usesColor = flag
            case "roles":
                looks = try parseRoles(value, fail: fail)
            default:
                throw fail(keyNode, key, "unknown key (expected one of: \(topKeys.joined(separator: ", ")))")
            }
        }
        guard top["roles"] != nil else { throw fail(root, "roles", "missing: every theme needs a 'roles:' section") }
        let fallbackName = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return Theme(name: name ?? fallbackName, looks: looks, usesColor: usesColor)
    }

    static func parseRoles(_ node: Node, fail: (Node?, String, String) -> ThemeFileError) throws(ThemeFileError) -> [StyleRole: Theme.Look] {
        guard let roles = node.mapping else { throw fail(node, "roles", "expected one line per role") }
        var looks: [StyleRole: Theme.Look] = [:]
        for (keyNode, value) in roles {
            let roleName = keyNode.string ?? ""
            let path = "roles.\(roleName)"
            guard let role = StyleRole(rawValue: roleName) else {
                throw fail(keyNode, path, "unknown role (expected one of: \(StyleRole.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let fields = value.mapping else {
                throw fail(value, path, "expected { fg: ..., bg: ..., bold: ..., reverse: ..., underline: ..., dim: ... }")
            }
            var look = Theme.Look()
            for (fieldNode, fieldValue) in fields {
                let field = fieldNode.string ?? ""
                let fieldPath = "\(path).\(field)"
                switch field {
                case "fg", "bg":
                    let text = fieldValue.scalar?.string ?? ""
                    guard let colour = Theme.Color(rawValue: text) else {
                        throw fail(fieldValue, fieldPath, "unknown colour '\(text)' (expected one of: \(Theme.Color.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    if field == "fg" { look.foreground = colour } else { look.background = colour }
                case "bold", "reverse", "underline", "dim":
                    guard let flag = fieldValue.bool else {
                        throw fail(fieldValue, fieldPath, "expected true or false, found '\(fieldValue.string ?? "a list")'")
                    }
                    switch field {
                    case "bold": look.bold = flag
                    case "reverse": look.reverse = flag
                    case "underline": look.underline = flag
                    default: look.dim = flag
                    }
                default:
                    throw fail(fieldNode, fieldPath, "unknown key (expected one of: \(lookKeys.joined(separator: ", ")))")
                }
            }
            looks[role] = look
        }
        let missing = StyleRole.allCases.filter { looks[$0] == nil }
        if !missing.isEmpty {
            throw fail(node, "roles", "missing role\(missing.count == 1 ? "" : "s"): \(missing.map(\.rawValue).joined(separator: ", "))")
        }
        return looks
    }
}
