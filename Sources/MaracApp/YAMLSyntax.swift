import MaracCore
import Yams

/// Reading a YAML text into a node tree, for every YAML file marac reads (configuration, local
/// protocol, theme, trainer's notes): one place says where the text stops being YAML, so each
/// reader's one-line error names the same line and column, in words safe to print.
enum YAMLSyntax {
    struct Problem: Error {
        /// 1-based, when Yams knows where.
        var line: Int?
        var column: Int?
        /// Yams's description of what is wrong, with anything that could drive a terminal removed
        /// (it may quote the file's own characters).
        var message: String

        /// "not valid YAML: … (column 7)", or "not valid YAML" when Yams says nothing more.
        var text: String {
            message.isEmpty ? "not valid YAML" : "not valid YAML: \(message)" + (column.map { " (column \($0))" } ?? "")
        }
    }

    /// A file's problem as one line, exit 2: `FILE:LINE (key): problem` (line and key when known).
    static func failure(_ file: String, line: Int?, key: String?, _ problem: String) -> CommandFailure {
        CommandFailure(file + (line.map { ":\($0)" } ?? "") + (key.map { " (\($0))" } ?? "") + ": " + problem,
                       exitCode: ExitStatus.badFile)
    }

    /// The document's root node (nil for an empty file, or one of only comments); text that is not
    /// YAML fails in that one line.
    static func document(_ text: String, file: String) throws(CommandFailure) -> Node? {
        switch compose(text) {
        case .success(let node): return node
        case .failure(let p): throw failure(file, line: p.line, key: nil, p.text)
        }
    }

    /// The document's root node (nil for an empty file, or one of only comments), or where it fails.
    static func compose(_ text: String) -> Result<Node?, Problem> {
        do { return .success(try Yams.compose(yaml: text)) } catch {
            if let yaml = error as? YamlError {
                switch yaml {
                case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                    return .failure(Problem(line: mark.line, column: mark.column, message: SafeText.line(problem)))
                default: break
                }
            }
            let first = String(describing: error).split(separator: "\n").first.map(String.init) ?? ""
            return .failure(Problem(line: nil, column: nil, message: SafeText.line(first)))
        }
    }
}
