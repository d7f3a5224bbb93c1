import Foundation

/// Where marac's shared files are: the themes, the agenda template and the recorded samples.
///
/// Looked for, in order: relative to the executable's real path (an install puts `bin/marac`
/// beside `share/marac/`, so a symlink to the binary still finds them), then the usual
/// `share/marac` folders, then the build folder (a binary run from `.build/…` in a clone). The
/// SwiftPM resource bundle is read as a plain folder, never through `Bundle.module`, which stops
/// the program when the build folder it remembers is gone (a binary copied to another machine).
public enum MaracResources {
    /// The running executable, with every symbolic link resolved.
    public static var executablePath: String {
        if let linked = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return linked }
        let argument = CommandLine.arguments.first ?? "marac"
        return URL(fileURLWithPath: argument).resolvingSymlinksInPath().path
    }

    /// The folders that may hold `themes/`, `agenda-template.csv` and `samples/`, best first. Only
    /// folders that exist are returned.
    public static func folders(executablePath: String = executablePath) -> [String] {
        let bin = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
        var candidates = [
            bin.appendingPathComponent("../share/marac").standardized.path,       // PREFIX/bin/marac → PREFIX/share/marac
        ]
        candidates += ["/usr/local/share/marac", "/usr/share/marac"]
        // A build folder: .build/<triple>/<config>/marac, with SwiftPM's resource bundle beside it.
        candidates += [
            bin.appendingPathComponent("marac_MaracApp.resources/Resources").path,
            bin.appendingPathComponent("marac_MaracApp.bundle/Contents/Resources/Resources").path,
            bin.appendingPathComponent("marac_MaracApp.bundle/Resources").path,
        ]
        var seen: Set<String> = []
        return candidates.filter { isFolder($0) && seen.insert($0).inserted }
    }

    /// The first copy of a shared file (e.g. `agenda-template.csv`), if any.
    public static func file(_ name: String, executablePath: String = executablePath) -> String? {
        folders(executablePath: executablePath).map { $0 + "/" + name }.first { FileManager.default.isReadableFile(atPath: $0) }
    }

    /// Where themes are looked for: the user's own (`$XDG_CONFIG_HOME/marac/themes`), `Themes/` in
    /// the working directory, then the shared folders above, then the repository's `Themes/` seen
    /// from a build folder. Only folders that exist are listed, so no warning names a build path
    /// that is not there.
    public static func themeFolders(currentDirectory: String = FileManager.default.currentDirectoryPath,
                                    executablePath: String = executablePath,
                                    environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var candidates: [String] = []
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            candidates.append(xdg + "/marac/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            candidates.append(home + "/.config/marac/themes")
        }
        candidates.append(URL(fileURLWithPath: currentDirectory).appendingPathComponent("Themes").path)
        for folder in folders(executablePath: executablePath) {
            candidates += [folder + "/themes", folder + "/Themes"]
        }
        let bin = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
        candidates += [bin.appendingPathComponent("../../Themes").standardized.path,
                       bin.appendingPathComponent("../../../Themes").standardized.path]
        var seen: Set<String> = []
        return candidates.filter { isFolder($0) && seen.insert($0).inserted }
    }

    /// Every theme name `--theme` can find (the built-in three and any `*.yaml` in the theme
    /// folders), sorted: for shell completion.
    public static func themeNames(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var names: Set<String> = ["default", "high-contrast", "monochrome"]
        for folder in themeFolders(environment: environment) {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where file.hasSuffix(".yaml") && !file.hasPrefix(".") {
                names.insert(String(file.dropLast(".yaml".count)))
            }
        }
        return names.sorted()
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
