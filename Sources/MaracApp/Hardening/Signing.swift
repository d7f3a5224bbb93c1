import Crypto
import Foundation
import MaracJournal

/// Optional signing of a journal's chain (`marac new --sign`): an Ed25519 key kept 0600 in the
/// user's config folder signs a checkpoint — the journal id, a sequence number and that line's
/// hash — at every case close and at the meeting's close. The checkpoints live beside the journal
/// in `<journal>.sig` (one JSON line each, appended), so the journal format itself is unchanged
/// and an older marac still reads the journal.
///
/// What it adds to the hash chain: someone who can write the journal but does not hold the key
/// cannot rewrite a signed event and re-chain, or cut the journal back behind a checkpoint,
/// without `verify` saying so. Deleting the `.sig` file makes the journal read as unsigned, which
/// `verify` says too; the minutes carry the final hash and the key's fingerprint, so the copy that
/// was circulated is what a later copy is checked against (docs/SECURITY.md).
public enum Signing {
    public static let keyFileName = "signing-key.ed25519"

    /// `$XDG_CONFIG_HOME/marac`, else `~/.config/marac`.
    public static func configFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/marac" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.config/marac"
    }

    static func keyPath(environment: [String: String]) -> String { configFolder(environment: environment) + "/" + keyFileName }

    public static func signaturePath(for journal: String) -> String { journal + ".sig" }

    /// The first 16 hex digits of the SHA-256 of the public key: what people compare.
    public static func fingerprint(_ key: Curve25519.Signing.PublicKey) -> String {
        let digest = SHA256.hash(data: key.rawRepresentation)
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        return stride(from: 0, to: 16, by: 4).map { i in
            String(hex[hex.index(hex.startIndex, offsetBy: i)..<hex.index(hex.startIndex, offsetBy: i + 4)])
        }.joined(separator: ":")
    }

    /// The user's signing key, made (0600, in a 0700 folder) when there is none yet and `create`.
    public static func loadKey(create: Bool, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(CommandFailure) -> Curve25519.Signing.PrivateKey? {
        let path = keyPath(environment: environment)
        if let bytes = try? PosixFileIO().readFile(path, limit: FileLimits.small) {
            guard let raw = Data(base64Encoded: String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
                  let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
                throw CommandFailure("\(path): not a marac signing key (it should hold one base64 line); move it aside to make a new one")
            }
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
                throw CommandFailure("\(path): the signing key can be read by other accounts (mode \(String(info.st_mode & 0o777, radix: 8))): run chmod 600 on it")
            }
            return key
        }
        guard create else { return nil }
        let key = Curve25519.Signing.PrivateKey()
        try AtomicFile.makeFolder(configFolder(environment: environment))
        try AtomicFile.write(Array((key.rawRepresentation.base64EncodedString() + "\n").utf8), to: path)
        return key
    }

    struct Header: Codable {
        var format = "marac-signatures"
        var version = 1
        var journalID: String
        var publicKey: String
        var fingerprint: String
    }

    struct Checkpoint: Codable {
        var seq: Int
        var hash: String
        var signature: String
    }

    static func message(journalID: String, seq: Int, hash: String) -> Data {
        Data("marac-checkpoint\n\(journalID)\n\(seq)\n\(hash)".utf8)
    }

    /// Starts the signature file of a journal just created, with its first checkpoint.
    public static func start(journal: String, journalID: String, seq: Int, hash: String,
                             key: Curve25519.Signing.PrivateKey) throws(CommandFailure) {
        let header = Header(journalID: journalID, publicKey: key.publicKey.rawRepresentation.base64EncodedString(),
                            fingerprint: fingerprint(key.publicKey))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let line = try? encoder.encode(header) else { throw CommandFailure("\(journal): cannot start its signature file") }
        try AtomicFile.write(Array(line) + [0x0A] + checkpointLine(journalID: journalID, seq: seq, hash: hash, key: key),
                             to: signaturePath(for: journal))
    }

    static func checkpointLine(journalID: String, seq: Int, hash: String, key: Curve25519.Signing.PrivateKey) -> [UInt8] {
        let signature = (try? key.signature(for: message(journalID: journalID, seq: seq, hash: hash))) ?? Data()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let line = (try? encoder.encode(Checkpoint(seq: seq, hash: hash, signature: signature.base64EncodedString()))) ?? Data()
        return Array(line) + [0x0A]
    }

    /// Appends a checkpoint when the journal is signed and this machine holds the key it was
    /// signed with. Returns a problem to log, or nil. Never fails the meeting: a checkpoint that
    /// cannot be written leaves an unsigned tail, which `verify` reports.
    @discardableResult
    public static func checkpoint(journal: String, journalID: String, seq: Int, hash: String,
                                  environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let sigPath = signaturePath(for: journal)
        guard let bytes = try? PosixFileIO().readFile(sigPath, limit: FileLimits.agenda) else { return nil }  // not signed
        guard let first = bytes.split(separator: 0x0A).first,
              let header = try? JSONDecoder().decode(Header.self, from: Data(first)) else { return "signature file unreadable" }
        guard let key = (try? loadKey(create: false, environment: environment)) ?? nil,
              key.publicKey.rawRepresentation.base64EncodedString() == header.publicKey else {
            return "the signing key of this journal is not on this machine: checkpoint skipped"
        }
        let fd = open(sigPath, O_WRONLY | O_APPEND | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return "signature file cannot be opened" }
        defer { close(fd) }
        let line = checkpointLine(journalID: journalID, seq: seq, hash: hash, key: key)
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else { return "checkpoint not written" }
        _ = fsync(fd)
        return nil
    }

    /// What `verify` says about signatures.
    public enum Report: Equatable, Sendable {
        case unsigned
        /// `signedUpTo`: the last event covered by a good checkpoint; `lastSeq`: the journal's last event.
        case signed(fingerprint: String, signedUpTo: Int, lastSeq: Int)
        case broken(String)

        /// A phrase for verify's line; nil when there is nothing to say.
        public var summary: String? {
            switch self {
            case .unsigned: return nil
            case let .signed(fp, upTo, last):
                let tail = last > upTo ? "; events \(upTo + 1)–\(last) are after the last signed checkpoint (unsigned tail)" : "; no unsigned tail"
                return "signed by key \(fp) up to event \(upTo)\(tail)"
            case .broken(let why): return why
            }
        }
    }

    /// Checks `<journal>.sig` against the journal: every checkpoint's signature, and that the
    /// journal still has that hash at that sequence number.
    public static func check(journal: String, journalID: String, lastSeq: Int) -> Report {
        let sigPath = signaturePath(for: journal)
        guard let bytes = try? PosixFileIO().readFile(sigPath, limit: FileLimits.agenda) else { return .unsigned }
        let lines = bytes.split(separator: 0x0A)
        guard let first = lines.first, let header = try? JSONDecoder().decode(Header.self, from: Data(first)),
              let raw = Data(base64Encoded: header.publicKey),
              let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            return .broken("\(sigPath) is not a marac signature file")
        }
        let fp = fingerprint(publicKey)
        guard header.journalID == journalID else { return .broken("\(sigPath) signs another journal (\(header.journalID))") }
        let hashes = lineHashes(journal)
        var upTo = 0
        for (i, line) in lines.dropFirst().enumerated() {
            guard let c = try? JSONDecoder().decode(Checkpoint.self, from: Data(line)),
                  let signature = Data(base64Encoded: c.signature),
                  publicKey.isValidSignature(signature, for: message(journalID: journalID, seq: c.seq, hash: c.hash)) else {
                // A last line cut short by a crash while appending is not a forgery.
                if i == lines.count - 2 && bytes.last != 0x0A { break }
                return .broken("\(sigPath) line \(i + 2): the checkpoint's signature does not verify with key \(fp) (altered or forged)")
            }
            guard c.seq <= lastSeq else {
                return .broken("the journal ends at event \(lastSeq) but key \(fp) signed it up to event \(c.seq): it was cut short after signing")
            }
            guard c.seq < hashes.count, hashes[c.seq] == c.hash else {
                return .broken("event \(c.seq) is not what key \(fp) signed: the journal was rewritten after signing")
            }
            upTo = max(upTo, c.seq)
        }
        return .signed(fingerprint: fp, signedUpTo: upTo, lastSeq: lastSeq)
    }

    /// The `h` of every complete line, by sequence number.
    static func lineHashes(_ journal: String) -> [String] {
        guard let bytes = try? PosixFileIO().readFile(journal) else { return [] }
        return bytes.withUnsafeBufferPointer { buf -> [String] in
            guard let base = buf.baseAddress else { return [] }
            var out: [String] = []
            var offset = 0
            while offset < buf.count, let p = memchr(base + offset, 0x0A, buf.count - offset) {
                let end = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                out.append(end - offset >= 66 ? String(decoding: buf[(end - 66)..<(end - 2)], as: UTF8.self) : "")
                offset = end + 1
            }
            return out
        }
    }
}
