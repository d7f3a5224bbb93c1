#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MaracJournal

/// Where an encrypted journal's passphrase comes from (docs/JOURNAL-FORMAT.md, section 5; docs/SECURITY.md): `MARAC_PASSPHRASE`
/// for scripts, otherwise a prompt on the controlling terminal with echo off. Never from a command
/// line argument (it would show in `ps` and in the shell history).
public struct PassphraseSource {
    public static let environmentVariable = "MARAC_PASSPHRASE"

    public var environment: [String: String]
    /// Whether a person is there to ask: standard input is a terminal.
    public var canPrompt: Bool
    /// Asks for a passphrase (the prompt text in, the answer out; nil when the terminal cannot be used).
    public var prompt: (String) -> String?

    public init(environment: [String: String], canPrompt: Bool, prompt: @escaping (String) -> String?) {
        self.environment = environment; self.canPrompt = canPrompt; self.prompt = prompt
    }

    /// The real process: its environment, and `/dev/tty` when standard input is a terminal.
    public static var process: PassphraseSource {
        PassphraseSource(environment: ProcessInfo.processInfo.environment, canPrompt: isatty(STDIN_FILENO) == 1,
                         prompt: { TerminalPrompt.readSecret(prompt: $0) })
    }

    /// No terminal and only the given environment (tests, and `verify`, which never asks).
    public static func environmentOnly(_ environment: [String: String]) -> PassphraseSource {
        PassphraseSource(environment: environment, canPrompt: false, prompt: { _ in nil })
    }

    private var fromEnvironment: String? {
        guard let value = environment[Self.environmentVariable], !value.isEmpty else { return nil }
        return value
    }

    /// The passphrase for reading (or continuing) these journals: nil when none of them is encrypted,
    /// so a plain folder never gets an encrypted tracker by accident. Asks at most once.
    public func forReading(_ journals: [String]) throws(CommandFailure) -> String? {
        guard let encrypted = journals.first(where: { EncryptedJournal.isEncrypted($0) }) else { return nil }
        if let fromEnvironment { return fromEnvironment }
        guard canPrompt else {
            throw CommandFailure("\(encrypted) is encrypted: set \(Self.environmentVariable) or run in a terminal")
        }
        let name = URL(fileURLWithPath: encrypted).lastPathComponent
        // The journal itself when it is the one encrypted (`run`, `export`), else the folder (`actions`, `report`).
        let label = encrypted == journals.first ? "Passphrase for \(name): " : "Passphrase for the encrypted journals in this folder: "
        guard let answer = prompt(label), !answer.isEmpty else {
            throw CommandFailure("\(encrypted) is encrypted and no passphrase was given")
        }
        return answer
    }

    /// The passphrase for a journal every journal in a folder shares (`marac actions DIR`, `marac report DIR`).
    /// The passphrase is tried on the first encrypted journal at once, so a wrong one is one clear
    /// error rather than every journal skipped with a warning.
    public func forFolder(_ folder: String) throws(CommandFailure) -> String? {
        let journals = EncryptedJournal.journals(in: folder)
        guard let passphrase = try forReading(journals) else { return nil }
        if let first = journals.first(where: { EncryptedJournal.isEncrypted($0) }) {
            do { _ = try JournalReader.read(path: first, passphrase: passphrase) } catch .wrongPassphrase {
                throw CommandFailure(JournalError.wrongPassphrase(path: first).description)
            } catch {
                // Damage and the like are reported, per journal, by the command itself.
            }
        }
        return passphrase
    }

    /// A new passphrase for `marac new --encrypt`: the environment, or asked twice on the terminal.
    public func forNewJournal() throws(CommandFailure) -> String {
        if let fromEnvironment { return fromEnvironment }
        guard canPrompt else {
            throw CommandFailure("--encrypt needs a passphrase: set \(Self.environmentVariable) or run in a terminal")
        }
        guard let first = prompt("New passphrase for this journal: "), !first.isEmpty else {
            throw CommandFailure("--encrypt: no passphrase was given; no journal was made")
        }
        guard let second = prompt("The same passphrase again: ") else {
            throw CommandFailure("--encrypt: the passphrase was not confirmed; no journal was made")
        }
        guard first == second else {
            throw CommandFailure("--encrypt: the two passphrases differ; no journal was made")
        }
        return first
    }
}

/// Looks at a journal's header without reading its events or needing a passphrase.
public enum EncryptedJournal {
    /// True when the file's first line is a marac journal header with encryption parameters.
    /// Anything unreadable counts as not encrypted: the reader that follows says what is wrong.
    public static func isEncrypted(_ path: String) -> Bool {
        guard let header = header(path) else { return false }
        return header.encryption != nil
    }

    static func header(_ path: String) -> JournalHeader? {
        // O_NONBLOCK and a regular file only: a FIFO in a journal's place must not stop the command here.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard (try? requireRegularFile(fd, limit: FileLimits.journal)) != nil else { return nil }
        // A header is a few hundred bytes; 64 KiB is plenty and bounds what a hostile file can cost.
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        let data = Data(buffer[0..<n])
        guard let newline = data.firstIndex(of: 0x0A) else { return nil }
        return try? JSONDecoder().decode(JournalHeader.self, from: data[data.startIndex..<newline])
    }

    /// The journals a folder command reads: `*.jsonl`, not hidden, sorted.
    public static func journals(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted()
            .map { folder.hasSuffix("/") ? folder + $0 : folder + "/" + $0 }
    }
}

/// Reads a secret from the controlling terminal with echo off. Echo is restored whatever happens:
/// on return, and on Ctrl-C / SIGTERM / SIGHUP, whose handler puts the terminal back before the
/// signal's default action ends the process.
public enum TerminalPrompt {
    // The signal handler can only reach globals: the descriptor and the settings to restore.
    nonisolated(unsafe) fileprivate static var savedFD: Int32 = -1
    nonisolated(unsafe) fileprivate static var saved = termios()

    public static func readSecret(prompt: String) -> String? {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var original = termios()
        guard tcgetattr(fd, &original) == 0 else { return nil }
        var quiet = original
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ICANON)

        saved = original
        savedFD = fd
        let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
        var previous: [sigaction] = []
        for signal in signals {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = restoreTerminalAndReraise
            #else
            action.__sigaction_u.__sa_handler = restoreTerminalAndReraise
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous.append(old)
        }
        defer {
            tcsetattr(fd, TCSAFLUSH, &original)
            savedFD = -1
            for (signal, old) in zip(signals, previous) {
                var old = old
                sigaction(signal, &old, nil)
            }
        }

        writeAll(fd, prompt)
        guard tcsetattr(fd, TCSAFLUSH, &quiet) == 0 else { return nil }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            if byte == 0x0A || byte == 0x0D { break }
            bytes.append(byte)
            if bytes.count > 4096 { break }
        }
        // Echo was off, so the Enter did not move the cursor: do it for the user.
        writeAll(fd, "\n")
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func writeAll(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

}

/// The prompt's signal handler. Async-signal-safe: tcsetattr, write, signal and raise only.
private func restoreTerminalAndReraise(_ sig: Int32) {
    let fd = TerminalPrompt.savedFD
    if fd >= 0 {
        tcsetattr(fd, TCSANOW, &TerminalPrompt.saved)
        _ = write(fd, "\n", 1)
    }
    signal(sig, SIG_DFL)
    raise(sig)
}
