import Foundation
import MaracCore

public enum JournalReader {
    /// Reads without modifying anything (no lock is taken, so it also works while `marac run` has
    /// the journal open). Torn tail: events up to the last good line, condition `.tornTail`.
    /// Mid-file damage: events before the damage, condition `.damaged(line:reason:)` (1-based).
    /// Throws only when there is nothing to read: no file, not a journal, encrypted without (or
    /// with the wrong) passphrase, or a damaged header.
    public static func read(path: String, passphrase: String? = nil, fileIO: any FileIO = PosixFileIO()) throws(JournalError) -> JournalContents {
        let data = try readBytes(path, fileIO)
        let decrypt = try JournalCrypto.decryptor(for: data, path: path, passphrase: passphrase)
        return try JournalFormat.parse(data, path: path, mode: .decode(decrypt: decrypt)).contents
    }

    /// Checks the checksums, the chain and the sequence numbers without decoding events, so it
    /// needs no passphrase. `events` is empty in the result; `lineCount - 1` events were checked.
    public static func verifyChain(path: String, fileIO: any FileIO = PosixFileIO()) throws(JournalError) -> JournalContents {
        let data = try readBytes(path, fileIO)
        return try JournalFormat.parse(data, path: path, mode: .chainOnly).contents
    }

    static func readBytes(_ path: String, _ fileIO: any FileIO) throws(JournalError) -> [UInt8] {
        do { return try fileIO.readFile(path) } catch {
            throw JournalError.io(path: path, operation: "open", errno: error.errno)
        }
    }
}
