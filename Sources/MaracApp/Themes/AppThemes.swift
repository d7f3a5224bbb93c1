import Foundation
import MaracUI

extension ThemeLoader {
    /// The theme for a run of the app: looked up beside the working directory, the repository and
    /// the bundled resources; `NO_COLOR` honoured.
    public static func loadForApp(name: String) -> (Theme, warning: String?) {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return load(name: name,
                    searchPaths: defaultSearchPaths(currentDirectory: FileManager.default.currentDirectoryPath,
                                                    executablePath: executable),
                    environment: ProcessInfo.processInfo.environment)
    }
}
