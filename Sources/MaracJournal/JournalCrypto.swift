import Crypto
import Foundation
import _CryptoExtras

/// At-rest encryption (docs/JOURNAL-FORMAT.md, section 5; docs/SECURITY.md): scrypt turns the passphrase into a 256-bit key; each
/// event is sealed with AES-256-GCM and stored as `"enc":"<base64 of nonce|ciphertext|tag>"`.
/// The sealed box also authenticates the journal id, the line's seq and its time, so a sealed
/// event cannot be moved to another line or journal unnoticed. The header keeps the scrypt salt and
/// cost and a key check (a known text sealed with the key), which tells a wrong passphrase apart
/// from damage. The hash chain covers the stored bytes, so `verify` needs no passphrase.
enum JournalCrypto {
    static let kdfName = "scrypt"
    static let cipherName = "AES-256-GCM"
    /// scrypt N = 2^15, r = 8, p = 1: about 32 MiB and a fraction of a second, once per open.
    static let rounds = 1 << 15
    static let blockSize = 8
    static let parallelism = 1
    private static let keyCheckText = Array("marac journal key check".utf8)

    /// New parameters and key for a journal being created.
    static func newKey(passphrase: String, journalID: String, path: String) throws(JournalError) -> (EncryptionParameters, SymmetricKey) {
        guard !passphrase.isEmpty else { throw JournalError.passphraseRequired(path: path) }
        var rng = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let key = try derive(passphrase, salt: salt, rounds: rounds, blockSize: blockSize, parallelism: parallelism, path: path)
        let check: String
        do {
            check = try AES.GCM.seal(keyCheckText, using: key, authenticating: Array("key check \(journalID)".utf8)).combined!.base64EncodedString()
        } catch {
            throw JournalError.encodingFailed(path: path, reason: "cannot seal the key check: \(error)")
        }
        let parameters = EncryptionParameters(kdf: kdfName, salt: Data(salt).base64EncodedString(), rounds: rounds,
                                              blockSize: blockSize, parallelism: parallelism, cipher: cipherName, keyCheck: check)
        return (parameters, key)
    }

    /// The key of an existing journal; `.wrongPassphrase` when the key check does not open.
    static func key(for parameters: EncryptionParameters, passphrase: String, journalID: String, path: String) throws(JournalError) -> SymmetricKey {
        guard parameters.kdf == kdfName, parameters.cipher == cipherName,
              let salt = Data(base64Encoded: parameters.salt), let check = Data(base64Encoded: parameters.keyCheck),
              parameters.rounds > 1, parameters.rounds <= 1 << 22, parameters.blockSize > 0, parameters.blockSize <= 64,
              parameters.parallelism > 0, parameters.parallelism <= 16,
              // The header comes from the file: bound scrypt's memory (128·r·N bytes) so a crafted
              // journal cannot make opening it take gigabytes. Ours use 32 MiB.
              128 * parameters.blockSize * parameters.rounds <= 256 << 20 else {
            throw JournalError.notAJournal(path: path, reason: "it is encrypted in a way this marac does not know (\(parameters.kdf), \(parameters.cipher))")
        }
        let key = try derive(passphrase, salt: Array(salt), rounds: parameters.rounds, blockSize: parameters.blockSize,
                             parallelism: parameters.parallelism, path: path)
        do {
            let opened = try AES.GCM.open(AES.GCM.SealedBox(combined: check), using: key, authenticating: Array("key check \(journalID)".utf8))
            guard Array(opened) == keyCheckText else { throw JournalError.wrongPassphrase(path: path) }
        } catch {
            throw JournalError.wrongPassphrase(path: path)
        }
        return key
    }

    private static func derive(_ passphrase: String, salt: [UInt8], rounds: Int, blockSize: Int, parallelism: Int,
                               path: String) throws(JournalError) -> SymmetricKey {
        do {
            return try KDF.Scrypt.deriveKey(from: Array(passphrase.utf8), salt: salt, outputByteCount: 32,
                                            rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        } catch {
            throw JournalError.encodingFailed(path: path, reason: "the passphrase could not be turned into a key: \(error)")
        }
    }

    /// Where a sealed event belongs, authenticated with it. Format 1: `<id>#<seq>#<t>`. Format 2
    /// adds the previous line's hash, `<id>#<seq>#<t>#<prev>`, so a sealed event opens only after
    /// the exact line it was written after: an event taken from another copy of the same journal
    /// (same id and seq, another history: a rolled-back or forked copy) does not open, even when
    /// the unkeyed chain has been recomputed around it.
    static func context(_ journalID: String, _ seq: Int, _ at: Int64, prev: ArraySlice<UInt8>, version: Int) -> [UInt8] {
        var bytes = Array("\(journalID)#\(seq)#\(at)".utf8)
        if version >= 2 {
            bytes.append(UInt8(ascii: "#"))
            bytes.append(contentsOf: prev)
        }
        return bytes
    }

    /// The JSON string (quotes included) stored as `enc`. `prev` is the previous line's hash (hex).
    static func seal(_ eventJSON: Data, key: SymmetricKey, journalID: String, seq: Int, at: Int64,
                     prev: [UInt8], version: Int) throws -> [UInt8] {
        let box = try AES.GCM.seal(eventJSON, using: key, authenticating: context(journalID, seq, at, prev: prev[...], version: version))
        return Array("\"\(box.combined!.base64EncodedString())\"".utf8)
    }

    /// The event JSON inside `enc`, or nil if it does not open with this key at this place.
    static func open(_ base64: ArraySlice<UInt8>, key: SymmetricKey, journalID: String, seq: Int, at: Int64,
                     prev: ArraySlice<UInt8>, version: Int) -> Data? {
        guard let combined = Data(base64Encoded: Data(base64)),
              let box = try? AES.GCM.SealedBox(combined: combined) else { return nil }
        return try? AES.GCM.open(box, using: key, authenticating: context(journalID, seq, at, prev: prev, version: version))
    }
}
