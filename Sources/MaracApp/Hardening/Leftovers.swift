import Foundation
import MaracJournal

/// `marac new` writes a journal to a hidden `.<name>.creating-<pid>-<n>` file and links it into
/// place; `kill -9` at the wrong moment leaves that file behind. The next `marac new` in the
/// same folder removes such leftovers — only regular files with exactly that name pattern whose
/// lock nobody holds (the creator holds an exclusive lock on its file until it is done), so a
/// `marac new` still running elsewhere is never disturbed.
public enum Leftovers {
    /// Removes abandoned temporary journals in `folder`; returns the names removed.
    @discardableResult
    public static func removeAbandonedCreations(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var removed: [String] = []
        for name in names where isCreationTemp(name) {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_uid == getuid() else { continue }
            let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
            guard fd >= 0 else { continue }
            // Locked: its creator is still at work.
            if flock(fd, LOCK_EX | LOCK_NB) == 0 && unlink(path) == 0 { removed.append(name) }
            close(fd)
        }
        return removed
    }

    /// `.<name>.creating-<digits>-<digits>`
    static func isCreationTemp(_ name: String) -> Bool {
        guard name.hasPrefix("."), let r = name.range(of: ".creating-", options: .backwards) else { return false }
        let parts = name[r.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
