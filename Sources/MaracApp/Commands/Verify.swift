import MaracCore
import MaracJournal

/// `marac verify`: checks a journal's integrity and says exactly what is wrong and where.
///
/// Exit status: 0 intact, or a torn tail (recoverable: the writer stopped mid-write and
/// `marac run` recovers it, keeping the torn bytes beside the journal); 1 damaged in the middle
/// (line named); 2 the file cannot be read or is not a marac journal.
public enum VerifyJournal {
    public struct Outcome: Sendable, Equatable {
        public var exitCode: Int32
        /// One line, for stdout when `exitCode` is 0, for stderr otherwise.
        public var message: String
    }

    public static func run(path: String, passphrase: String? = nil) -> Outcome {
        let contents: JournalContents
        var summary: String
        do {
            contents = try JournalReader.read(path: path, passphrase: passphrase)
            summary = "\(count(contents.events.count, "event"))"
            let state = MeetingState.fold(contents.events)
            summary += contents.header.kind == .meeting ? ", \(count(state.cases.count, "case"))"
                                                         : ", \(count(state.actions.count + state.outstanding.count, "action"))"
        } catch .passphraseRequired {
            // The chain covers the stored bytes: it can be checked without the passphrase.
            do { contents = try JournalReader.verifyChain(path: path) } catch { return failure(error) }
            summary = "\(count(contents.lineCount - 1, "event")) (encrypted: checked without reading them)"
        } catch {
            return failure(error)
        }
        let hash = String(contents.finalHash.prefix(16)) + "…"
        switch contents.condition {
        case .intact:
            return Outcome(exitCode: 0, message: "ok: \(summary), final hash \(hash)")
        case let .tornTail(bytes):
            return Outcome(exitCode: 0, message: "ok with a torn tail: \(summary), final hash \(hash); the last \(count(bytes, "byte")) "
                           + "(line \(contents.lineCount + 1)) are an incomplete line (the writer stopped mid-write); "
                           + "`marac run` will recover it and keep those bytes in \(path).torn-N")
        case let .damaged(line, reason):
            return Outcome(exitCode: 1, message: "\(path) line \(line) is damaged: \(reason); the \(count(line - 1, "line")) before it are intact "
                           + "(\(summary), hash \(hash)). marac will not write to this journal: keep the file as it is")
        }
    }

    /// `--history`: the journal's corrections (notes amended or withdrawn with the text before and
    /// after, case details set, earlier hearings decided, actions amended or withdrawn), one line
    /// or three each; nil when the events cannot be read (the verify outcome says why).
    public static func history(path: String, passphrase: String? = nil) -> [String]? {
        guard let contents = try? JournalReader.read(path: path, passphrase: passphrase) else { return nil }
        let lines = AuditTrail.lines(contents.events)
        return lines.isEmpty ? ["no corrections recorded"] : lines
    }

    private static func failure(_ error: JournalError) -> Outcome {
        if case .damaged = error { return Outcome(exitCode: 1, message: error.description) }
        return Outcome(exitCode: 2, message: error.description)
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
