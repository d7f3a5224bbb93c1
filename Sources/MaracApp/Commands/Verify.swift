import Foundation
import MaracCore
import MaracJournal

/// `marac verify`: checks a journal's integrity and says exactly what is wrong and where.
///
/// Exit status (README "Errors and exit status"): 0 intact, or a torn tail (recoverable: the
/// writer stopped mid-write and `marac run` recovers it, keeping the torn bytes beside the
/// journal); 2 damaged in the middle (line named) or not a marac journal; 66 no such file;
/// 74 the file cannot be read.
public enum VerifyJournal {
    /// What `verify` found, in the words of `--format json` (docs/EXPORT-FORMATS.md style: stable keys).
    public enum Condition: String, Sendable, Codable {
        case intact, tornTail = "torn-tail", damaged, notAJournal = "not-a-journal", missing, unreadable
    }

    public struct Outcome: Sendable, Equatable {
        public var exitCode: Int32
        /// One line, for stdout when `exitCode` is 0, for stderr otherwise.
        public var message: String
        public var condition: Condition = .intact
        public var events: Int? = nil
        public var cases: Int? = nil
        public var actions: Int? = nil
        public var encrypted = false
        public var finalHash: String? = nil
        public var damagedLine: Int? = nil
        public var tornBytes: Int? = nil
        public var reason: String? = nil
    }

    public static func run(path: String, passphrase: String? = nil) -> Outcome {
        let contents: JournalContents
        var summary: String
        var base = Outcome(exitCode: 0, message: "")
        do {
            contents = try JournalReader.read(path: path, passphrase: passphrase)
            base.events = contents.events.count
            summary = "\(count(contents.events.count, "event"))"
            let state = MeetingState.fold(contents.events)
            if contents.header.kind == .meeting {
                base.cases = state.cases.count
                summary += ", \(count(state.cases.count, "case"))"
            } else {
                base.actions = state.actions.count + state.outstanding.count
                summary += ", \(count(state.actions.count + state.outstanding.count, "action"))"
            }
        } catch .passphraseRequired {
            // The chain covers the stored bytes: it can be checked without the passphrase.
            do { contents = try JournalReader.verifyChain(path: path) } catch { return failure(error) }
            base.encrypted = true
            base.events = contents.lineCount - 1
            summary = "\(count(contents.lineCount - 1, "event")) (encrypted, no passphrase given: checksums, chain and sequence checked; "
                + "the events were not decrypted, so whether each one opens with the journal's key, and what it says, was NOT checked)"
        } catch {
            return failure(error)
        }
        base.finalHash = contents.finalHash
        let hash = String(contents.finalHash.prefix(16)) + "…"
        // Cut short, rolled back or rewritten since marac last saw it (Witness): the chain cannot tell.
        let lastSeq = contents.lineCount - 1
        if case .damaged = contents.condition {} else {
            let finding = Witness.check(journal: path, id: contents.header.id, seq: lastSeq, hash: contents.finalHash)
            if let problem = Witness.message(finding, journal: path) {
                base.exitCode = ExitStatus.badFile
                base.condition = .damaged
                base.reason = problem
                base.message = problem + " (\(summary), final hash \(hash) now). marac will not write to it: keep the file as it is"
                return base
            }
            Witness.record(journal: path, id: contents.header.id, seq: lastSeq, hash: contents.finalHash)
        }
        // Signed checkpoints (`marac new --sign`): the key, and any events after the last one.
        let signing = Signing.check(journal: path, journalID: contents.header.id, lastSeq: lastSeq)
        if case .broken(let problem) = signing {
            base.exitCode = ExitStatus.badFile
            base.condition = .damaged
            base.reason = problem
            base.message = "\(path): \(problem) (\(summary), final hash \(hash) now). marac will not write to it: keep the file as it is"
            return base
        }
        if let said = signing.summary { summary += "; " + said }
        switch contents.condition {
        case .intact:
            base.message = "ok: \(summary), final hash \(hash)"
        case let .tornTail(bytes):
            base.condition = .tornTail
            base.tornBytes = bytes
            base.message = "ok with a torn tail: \(summary), final hash \(hash); the last \(count(bytes, "byte")) "
                + "(line \(contents.lineCount + 1)) are an incomplete line (the writer stopped mid-write); "
                + "`marac run` will recover it and keep those bytes in \(path).torn-N"
        case let .damaged(line, reason):
            base.exitCode = ExitStatus.badFile
            base.condition = .damaged
            base.damagedLine = line
            base.reason = reason
            base.message = "\(path) line \(line) is damaged: \(reason); the \(count(line - 1, "line")) before it are intact "
                + "(\(summary), hash \(hash)). marac will not write to this journal: keep the file as it is"
        }
        return base
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
        var outcome = Outcome(exitCode: error.exitStatus, message: error.description)
        switch error {
        case let .damaged(_, line, reason):
            outcome.condition = .damaged; outcome.damagedLine = line; outcome.reason = reason
        case let .notAJournal(_, reason):
            outcome.condition = .notAJournal; outcome.reason = reason
        case let .io(_, _, code):
            outcome.condition = outcome.exitCode == ExitStatus.missingInput ? .missing : .unreadable
            outcome.reason = JournalError.describe(errno: code)
        default:
            outcome.condition = .unreadable; outcome.reason = error.description
        }
        return outcome
    }

    /// `verify --format json`: one JSON object on one line, the same facts as the sentence.
    /// Keys: path, condition (intact, torn-tail, damaged, not-a-journal, missing, unreadable), ok,
    /// exitStatus, events, cases or actions, encrypted, finalHash, damagedLine, tornBytes, reason, message.
    public static func json(_ outcome: Outcome, path: String) -> String {
        struct Report: Encodable {
            var path: String
            var condition: Condition
            var ok: Bool
            var exitStatus: Int32
            var events: Int?
            var cases: Int?
            var actions: Int?
            var encrypted: Bool
            var finalHash: String?
            var damagedLine: Int?
            var tornBytes: Int?
            var reason: String?
            var message: String
        }
        let report = Report(path: path, condition: outcome.condition, ok: outcome.exitCode == 0, exitStatus: outcome.exitCode,
                            events: outcome.events, cases: outcome.cases, actions: outcome.actions, encrypted: outcome.encrypted,
                            finalHash: outcome.finalHash, damagedLine: outcome.damagedLine, tornBytes: outcome.tornBytes,
                            reason: outcome.reason, message: outcome.message)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
