import Foundation

// The header line (line 1, seq 0) and its decoding. The byte layout of every line is in
// JournalLineCodec.swift; the whole format is written down in docs/JOURNAL-FORMAT.md.

public enum JournalKind: String, Codable, Sendable { case meeting = "meeting", tracker = "tracker" }

/// At-rest encryption (issue 7): scrypt turns the passphrase into an AES-256-GCM key; each line's
/// `event` is replaced by `"enc":"<base64 of nonce|ciphertext|tag>"`. The chain covers the stored
/// bytes, so `marac verify` works without the passphrase.
public struct EncryptionParameters: Codable, Sendable, Equatable {
    /// "scrypt"
    public var kdf: String
    /// Base64 salt.
    public var salt: String
    /// scrypt cost parameters (N = rounds).
    public var rounds: Int
    public var blockSize: Int
    public var parallelism: Int
    /// "AES-256-GCM"
    public var cipher: String
    /// Base64 of a known plaintext sealed with the key: tells a wrong passphrase from damage.
    public var keyCheck: String

    public init(kdf: String = "scrypt", salt: String, rounds: Int, blockSize: Int, parallelism: Int,
                cipher: String = "AES-256-GCM", keyCheck: String) {
        self.kdf = kdf; self.salt = salt; self.rounds = rounds; self.blockSize = blockSize
        self.parallelism = parallelism; self.cipher = cipher; self.keyCheck = keyCheck
    }
}

public struct JournalHeader: Codable, Sendable, Equatable {
    /// Always "marac-journal".
    public var format: String
    /// The format version: 2 for journals this marac creates; 1 for journals made by earlier
    /// releases, which are still read and continued (docs/JOURNAL-FORMAT.md, "Versions").
    public var version: Int
    public var kind: JournalKind
    /// The meeting id (`MeetingInfo.id`) or the tracker id.
    public var id: String
    /// Epoch milliseconds.
    public var createdAt: Int64
    /// nil: plain text.
    public var encryption: EncryptionParameters?

    public static let formatName = "marac-journal"
    /// The newest format: what new journals are written in, and the newest this marac reads.
    /// Version 2 (session of 01/12/2026): the event kinds added after version 1 was frozen, and
    /// encrypted lines bound to the previous line's hash.
    public static let currentVersion = 2
    /// The oldest format this marac reads (and continues).
    public static let oldestVersion = 1

    public init(kind: JournalKind, id: String, createdAt: Int64, encryption: EncryptionParameters? = nil,
                version: Int = JournalHeader.currentVersion) {
        self.format = JournalHeader.formatName; self.version = version
        self.kind = kind; self.id = id; self.createdAt = createdAt; self.encryption = encryption
    }
}

extension JournalFormat {
    /// The fields every version's header has: read first, so a newer header whose other fields this
    /// marac does not know is reported as newer, never as unreadable.
    struct HeaderIdentity: Decodable {
        var seq: Int
        var format: String?
        var version: Int?
    }

    static func decodeHeader(_ line: Data, path: String) throws(JournalError) -> JournalHeader {
        let decoder = JSONDecoder()
        do {
            let identity = try decoder.decode(HeaderIdentity.self, from: line)
            guard identity.seq == 0, identity.format == JournalHeader.formatName else {
                throw JournalError.notAJournal(path: path, reason: "its first line is not a marac journal header")
            }
            if let version = identity.version, version > JournalHeader.currentVersion {
                throw JournalError.newerFormat(path: path, version: version)
            }
            if let version = identity.version, version < JournalHeader.oldestVersion {
                throw JournalError.notAJournal(path: path, reason: "its header gives format version \(version), which no marac wrote")
            }
            return try decoder.decode(JournalHeader.self, from: line)
        } catch let e as JournalError {
            throw e
        } catch {
            throw JournalError.notAJournal(path: path, reason: "its header line cannot be read (\(describe(error)))")
        }
    }
}

// The header's names on disk, written out so that renaming a Swift property can never change a file.
extension JournalHeader {
    enum CodingKeys: String, CodingKey {
        case format = "format", version = "version", kind = "kind", id = "id", createdAt = "createdAt", encryption = "encryption"
    }
}

extension EncryptionParameters {
    enum CodingKeys: String, CodingKey {
        case kdf = "kdf", salt = "salt", rounds = "rounds", blockSize = "blockSize", parallelism = "parallelism"
        case cipher = "cipher", keyCheck = "keyCheck"
    }
}
