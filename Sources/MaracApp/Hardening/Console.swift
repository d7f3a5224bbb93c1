import Foundation
import MaracCore

/// The one way marac writes to its standard output and standard error. Every byte passes the same
/// filter as the screen (`SafeText.block`): a message that quotes a crafted journal, agenda or
/// protocol file can never set the clipboard (OSC 52), retitle the window, clear the screen or
/// reorder text. Writes use `write(2)` and ignore failure, so a closed or full stderr can never
/// crash marac (Foundation's `FileHandle.write` ends the process when a write fails).
public enum Console {
    /// `text` and a line end on standard error.
    public static func error(_ text: String) {
        write(STDERR_FILENO, safe(text) + "\n")
    }

    /// `text` and `terminator` on standard output.
    public static func output(_ text: String, terminator: String = "\n") {
        write(STDOUT_FILENO, safe(text) + safe(terminator))
    }

    /// What reaches the terminal: escape sequences, control characters (but line ends) and bidi
    /// controls removed.
    public static func safe(_ text: String) -> String {
        SafeText.block(text)
    }

    private static func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var done = 0
        bytes.withUnsafeMutableBytes { raw in
            while done < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }            // closed, full, or gone: nothing more to do
                done += n
            }
        }
        bytes.removeAll()
    }
}
