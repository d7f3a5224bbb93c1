import MaracTestSupport
import Crypto
import Foundation
@testable import MaracApp
import MaracCore
import MaracJournal
import Testing

/// Issue 21, "what the journal can prove": the chain alone cannot see a journal cut short, put
/// back to an older copy, or rewritten and re-chained. The witness file and signed checkpoints can.
@Suite("Witness file and signed checkpoints")
struct WitnessAndSigningTests {
    /// The journal's lines (each with its `\n`).
    static func lines(_ path: String) -> [String] {
        bytes(path).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { String($0) + "\n" }
    }

    /// Rewrites line `index` (0-based) with `edit`, then re-seals it and every line after it, as
    /// someone with write access and a text editor and ten minutes would.
    static func rewriteAndRechain(_ path: String, line index: Int, _ edit: (String) -> String) throws {
        var all = lines(path)
        var prev = String(all[index - 1].dropLast(3).suffix(64))
        for i in index..<all.count {
            let text = i == index ? edit(all[i]) : all[i]
            let body = String(text[..<text.range(of: #","prev":""#)!.lowerBound])
            let sealed = HardeningTests.seal(body, prev: prev)
            all[i] = sealed.line
            prev = sealed.hash
        }
        try write(all.joined(), to: path)
    }

    static func meetingWithEvents(in dir: TempFolder) throws -> String {
        let journal = try HardeningTests.newMeeting(in: dir)
        try write(Secret.keys, to: dir.file("steps.keys"))
        let ran = try marac(["run", journal, "--keys", dir.file("steps.keys"), "--data-dir", dir.path], folder: dir.path)
        #expect(ran.status == 0, "\(ran.stderr)")
        return journal
    }

    @Test("a journal cut back to an earlier line verifies by its chain, and the witness says it is shorter")
    func truncationIsSeen() throws {
        let dir = try TempFolder()
        let journal = try Self.meetingWithEvents(in: dir)
        let all = Self.lines(journal)
        #expect(try marac(["verify", journal], folder: dir.path).status == 0)
        try write(all.prefix(all.count - 2).joined(), to: journal)
        let r = try marac(["verify", journal], folder: dir.path)
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stderr.contains("shorter than when marac last saw it"), "\(r.stderr)")
        #expect(r.stderr.contains("had \(all.count - 1) events"), "\(r.stderr)")
    }

    @Test("an older copy put back after the meeting is reported by verify and on run's screen")
    func rollbackIsSeen() throws {
        let dir = try TempFolder()
        let journal = try HardeningTests.newMeeting(in: dir)
        try FileManager.default.copyItem(atPath: journal, toPath: dir.file("old-copy"))
        try write(Secret.keys, to: dir.file("steps.keys"))
        #expect(try marac(["run", journal, "--keys", dir.file("steps.keys"), "--data-dir", dir.path], folder: dir.path).status == 0)
        try FileManager.default.removeItem(atPath: journal)
        try FileManager.default.copyItem(atPath: dir.file("old-copy"), toPath: journal)
        let r = try marac(["verify", journal], folder: dir.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains("shorter than when marac last saw it"), "\(r.stderr)")
        try write("", to: dir.file("none.keys"))
        let run = try marac(["run", journal, "--keys", dir.file("none.keys"), "--dump-screen", dir.file("s.txt"), "--data-dir", dir.path,
                             "--size", "200x30"], folder: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(bytes(dir.file("s.txt")).contains("WARNING: meeting.jsonl is shorter than when marac last saw it"), "\(bytes(dir.file("s.txt")))")
    }

    @Test("an old note rewritten and the chain recomputed: verify says the journal is not the one it saw")
    func rechainedRewriteIsSeen() throws {
        let dir = try TempFolder()
        let journal = try Self.meetingWithEvents(in: dir)
        #expect(try marac(["verify", journal], folder: dir.path).status == 0)
        let index = try #require(Self.lines(journal).firstIndex { $0.contains(Secret.note) })
        try Self.rewriteAndRechain(journal, line: index) { $0.replacingOccurrences(of: Secret.note, with: "Nothing of note") }
        // The chain is consistent again: without the witness this reads as intact.
        #expect(try JournalReader.read(path: journal).condition == .intact)
        let r = try marac(["verify", journal], folder: dir.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains("is not the journal marac last saw"), "\(r.stderr)")
    }

    // MARK: - Signing

    @Test("marac new --sign makes a 0600 key, verify names its fingerprint, checkpoints at case close, and an unsigned tail")
    func signedJournal() throws {
        let dir = try TempFolder()
        let config = dir.file("config")
        let env = ["XDG_CONFIG_HOME": config]
        try write(Secret.agenda, to: dir.file("agenda.csv"))
        let journal = dir.file("signed.jsonl")
        let made = try marac(["new", "--agenda", dir.file("agenda.csv"), "--date", "01/12/2026", "--area", "Northvale",
                              "--chair", "Alex Chair", "--out", journal, "--sign"], umask: "000", environment: env, folder: dir.path)
        #expect(made.status == 0, "\(made.stderr)")
        var info = stat()
        #expect(stat(config + "/marac/" + Signing.keyFileName, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let fingerprint = try #require(made.stderr.components(separatedBy: "signed by key ").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(fingerprint.count == 19, "\(made.stderr)")

        let verified = try marac(["verify", journal], environment: env, folder: dir.path)
        #expect(verified.status == 0)
        #expect(verified.stdout.contains("signed by key \(fingerprint) up to event"), "\(verified.stdout)")

        // A case closes through the running session: a checkpoint follows it.
        let ref = try #require(MeetingState.fold(try JournalReader.read(path: journal).events).queue.first)
        let session = try retryingWhileLocked { try MeetingSession(path: journal, passphrase: nil, logger: makeLogger(folder: dir.path)) }
        let clock = ManualClock(start: 1_796_112_000_000)
        setenv("XDG_CONFIG_HOME", config, 1)
        defer { unsetenv("XDG_CONFIG_HOME") }
        _ = session.perform(.append([.meetingStarted, .discussionStarted(caseRef: ref)]), clock: clock)
        _ = session.perform(.append([.discussionEnded(caseRef: ref, overrunReason: nil)]), clock: clock)
        _ = session.perform(.append([.noteAdded(caseRef: ref, agency: "Police", kind: .riskInformation, text: "after the close")]), clock: clock)
        session.close()
        let last = MeetingState.fold(try JournalReader.read(path: journal).events).lastSeq
        let after = try marac(["verify", journal], environment: env, folder: dir.path)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout.contains("signed by key \(fingerprint) up to event \(last - 1)"), "\(after.stdout)")
        #expect(after.stdout.contains("events \(last)–\(last) are after the last signed checkpoint"), "\(after.stdout)")
    }

    @Test("a correction after the close (marac correct) is signed like a case close: no unsigned tail")
    func correctionAfterTheCloseIsSigned() throws {
        let dir = try TempFolder()
        let config = dir.file("config")
        let env = ["XDG_CONFIG_HOME": config]
        try write(Secret.agenda, to: dir.file("agenda.csv"))
        let journal = dir.file("signed.jsonl")
        #expect(try marac(["new", "--agenda", dir.file("agenda.csv"), "--date", "01/12/2026", "--area", "Northvale",
                           "--chair", "Alex Chair", "--out", journal, "--sign"], environment: env, folder: dir.path).status == 0)
        let ref = try #require(MeetingState.fold(try JournalReader.read(path: journal).events).queue.first)
        let corrected = try marac(["correct", journal, ref, "dash", "20", "--reason", "the referral form was mistyped"],
                                  environment: env, folder: dir.path)
        #expect(corrected.status == 0, "\(corrected.stderr)")
        #expect(!corrected.stdout.contains("not signed"), "\(corrected.stdout)")
        let last = MeetingState.fold(try JournalReader.read(path: journal).events).lastSeq
        let verified = try marac(["verify", journal], environment: env, folder: dir.path)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("up to event \(last)") && verified.stdout.contains("no unsigned tail"), "\(verified.stdout)")
        // Without the key on this machine the correction is still made, and says it is not signed.
        let elsewhere = try marac(["correct", journal, ref, "dash", "21", "--reason", "checked again"],
                                  environment: ["XDG_CONFIG_HOME": dir.file("other-config")], folder: dir.path)
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        #expect(elsewhere.stdout.contains("not signed: the signing key of this journal is not on this machine"), "\(elsewhere.stdout)")
    }

    @Test("a signed event rewritten and re-chained, witness removed: the signature still catches it")
    func signatureCatchesRewrite() throws {
        let dir = try TempFolder()
        let env = ["XDG_CONFIG_HOME": dir.file("config")]
        try write(Secret.agenda, to: dir.file("agenda.csv"))
        let journal = dir.file("signed.jsonl")
        #expect(try marac(["new", "--agenda", dir.file("agenda.csv"), "--date", "01/12/2026", "--area", "Northvale",
                           "--chair", "Alex Chair", "--out", journal, "--sign"], environment: env, folder: dir.path).status == 0)
        try Self.rewriteAndRechain(journal, line: 2) { $0.replacingOccurrences(of: Secret.victim, with: "Someone Else") }
        unlink(dir.file(Witness.fileName))
        let r = try marac(["verify", journal], environment: env, folder: dir.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains("is not what key") && r.stderr.contains("rewritten after signing"), "\(r.stderr)")
        // A forged checkpoint (signed with another key) is refused too.
        let other = Curve25519.Signing.PrivateKey()
        let forged = Signing.checkpointLine(journalID: "x", seq: 1, hash: String(repeating: "0", count: 64), key: other)
        let sig = Signing.signaturePath(for: journal)
        try write(bytes(sig) + String(decoding: forged, as: UTF8.self), to: sig)
        #expect(try marac(["verify", journal], environment: env, folder: dir.path).status == 2)
    }

    @Test("verify of an encrypted journal without the passphrase says plainly what it did not check")
    func encryptedWithoutPassphrase() throws {
        let dir = try TempFolder()
        try write(Secret.agenda, to: dir.file("agenda.csv"))
        let journal = dir.file("enc.jsonl")
        #expect(try marac(["new", "--agenda", dir.file("agenda.csv"), "--date", "01/12/2026", "--area", "Northvale",
                           "--chair", "Alex Chair", "--out", journal, "--encrypt"], passphrase: "correct horse battery", folder: dir.path).status == 0)
        let r = try marac(["verify", journal], folder: dir.path)
        #expect(r.status == 0)
        #expect(r.stdout.contains("NOT checked"), "\(r.stdout)")
    }
}
