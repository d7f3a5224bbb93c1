import Foundation
import MaracCore
import MaracJournal

/// `marac correct JOURNAL CASE FIELD VALUE --reason …`: corrects one case field of a meeting,
/// running or closed, as a `caseCorrected` event appended to its journal. The minutes and the data
/// return then use the corrected value; the journal keeps what the agenda said and every correction
/// (docs/DECISIONS.md, "Corrections to a case").
public enum CorrectCase {
    public struct Outcome: Sendable, Equatable {
        /// "MC-2001 DASH score: 12 → 15 (…), recorded after the meeting's close".
        public var message: String
    }

    public static func run(journal path: String, caseRef: String, field fieldName: String, value: String, reason: String,
                           passphrase: String?, now: Int64 = AppClock.wall.now) throws(CommandFailure) -> Outcome {
        guard let field = CaseField.parse(fieldName) else {
            throw CommandFailure("\(SafeText.quoted(fieldName)) is not a case field: use one of "
                                 + CaseField.allCases.map(\.rawValue).joined(separator: ", "), exitCode: ExitStatus.usage)
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("\(SafeText.line(path)): no such journal", exitCode: ExitStatus.missingInput)
        }
        let contents: JournalContents
        do { contents = try JournalReader.verifyChain(path: path) } catch { throw CommandFailure(error.description, exitCode: error.exitStatus) }
        guard contents.header.kind == .meeting else {
            throw CommandFailure("\(SafeText.line(path)) is the action tracker, not a meeting journal", exitCode: ExitStatus.badFile)
        }
        let writer: JournalWriter
        let opened: JournalContents
        do throws(JournalError) { (writer, opened) = try JournalWriter.open(path: path, passphrase: passphrase) } catch {
            if case .locked = error {
                throw CommandFailure("\(SafeText.line(path)) is open in `marac run`: correct the case on its case screen (c), or close it first")
            }
            throw CommandFailure(error.description, exitCode: error.exitStatus)
        }
        defer { writer.close() }
        let witnessed = Witness.check(journal: path, id: opened.header.id, seq: opened.lineCount - 1, hash: writer.finalHash) == .consistent
        let state = MeetingState.fold(opened.events)
        guard let ref = CaseReference.match(caseRef, in: state.queue) else {
            throw CommandFailure("no case \(SafeText.quoted(caseRef)) in \(SafeText.line(state.info.id)) (its cases: "
                                 + state.queue.map(SafeText.line).joined(separator: ", ") + ")", exitCode: ExitStatus.usage)
        }
        let event: MeetingEvent
        switch state.correction(caseRef: ref, field: field, value: value, reason: reason) {
        case .failure(let problem): throw CommandFailure("case \(SafeText.line(ref)): \(problem.message)", exitCode: ExitStatus.usage)
        case .success(let e): event = e
        }
        let records: [RecordedEvent]
        do throws(JournalError) { records = try writer.append([event], at: now) } catch {
            throw CommandFailure(error.description, exitCode: ExitStatus.ioError)
        }
        if witnessed, let last = records.last { Witness.record(journal: path, id: opened.header.id, seq: last.seq, hash: writer.finalHash, now: now) }
        // A signed journal stays signed to its end: the correction gets a checkpoint as a case close
        // does, so `verify` does not report it as an unsigned tail (when the key is on this machine).
        let unsigned = records.last.flatMap {
            Signing.checkpoint(journal: path, journalID: opened.header.id, seq: $0.seq, hash: writer.finalHash)
        }
        let after = MeetingState.fold(opened.events + records)
        guard let made = after.cases[ref]?.corrections.last else {
            throw CommandFailure("case \(SafeText.line(ref)): the correction was written but does not read back: run `marac verify`")
        }
        return Outcome(message: "\(SafeText.line(ref)) \(SafeText.line(made.summary))"
                       + (state.isClosed ? ", recorded after the meeting's close" : "")
                       + (unsigned.map { " (not signed: \($0); `marac verify` will show it as an unsigned tail)" } ?? ""))
    }
}
