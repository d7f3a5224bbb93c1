import Foundation
import MaracUI

extension ThemeLoader {
    /// The theme for a run of the app: the user's themes, the working directory's `Themes/`, the
    /// installed and built-in copies (MaracResources.themeFolders); `NO_COLOR` honoured.
    public static func loadForApp(name: String) -> (Theme, warning: String?) {
        load(name: name, searchPaths: MaracResources.themeFolders(), environment: ProcessInfo.processInfo.environment)
    }
}
