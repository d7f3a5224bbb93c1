import Foundation
import Testing
@testable import MaracApp
import MaracCore
import MaracJournal

@Suite struct TrainingSampleTests {
    @Test func thereAreAtLeastFourSamplesEachWithANote() {
        #expect(TrainingSample.all.count >= 4)
        for s in TrainingSample.all {
            #expect(!s.description.isEmpty && !s.description.contains("\n"))
            #expect(s.trainerNote.count > 100, "\(s.name) needs a trainer's note")
        }
        #expect(Set(TrainingSample.all.map(\.name)).count == TrainingSample.all.count)
    }

    @Test(arguments: TrainingSample.all.map(\.name))
    func everySampleIsACompleteClosedMeetingThatVerifies(name: String) throws {
        let sample = try #require(TrainingSample.named(name))
        let records = sample.records
        // Time only moves forward in a recording.
        #expect(zip(records, records.dropFirst()).allSatisfy { $0.at <= $1.at })
        let state = MeetingState.fold(records)
        #expect(state.isClosed)
        #expect(state.confidentialityRead)
        #expect(state.orderedCases.allSatisfy { !$0.status.isOutstanding }, "every case is heard, deferred or withdrawn")

        // Written as a journal, it reads back intact and folds to the same meeting.
        let folder = NSTemporaryDirectory() + "marac-sample-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/\(name).jsonl"
        let writer = try JournalWriter.create(path: path, kind: .meeting, id: state.info.id,
                                              events: records.map(\.event), at: records[0].at)
        writer.close()
        let contents = try JournalReader.read(path: path)
        #expect(contents.condition == .intact)
        #expect(MeetingState.fold(contents.events).queue == state.queue)
        #expect(MeetingState.fold(contents.events).actions == state.actions)
    }

    @Test func theOverrunSampleOverrunsAndSqueezesTheAgenda() throws {
        let records = try #require(TrainingSample.named("historical-overrun")).records
        let state = MeetingState.fold(records)
        let end = records.last!.at
        #expect(state.overruns(now: end).map(\.ref) == ["NV-3201", "NV-3202"])
        #expect(state.cases["NV-3205"]?.status == .deferredToNextMeeting)
        #expect(state.cases["NV-3201"]?.overrunReason?.contains("historical") == true)
    }

    @Test func theRepeatSampleOpensWithEscalations() throws {
        let state = MeetingState.fold(try #require(TrainingSample.named("repeat-heavy")).records)
        #expect(state.outstanding.count == 5)
        #expect(state.reviews.values.filter { $0.outcome == .notDone }.count == 2)
        #expect(state.reviews.values.filter { $0.outcome == .notPossible }.count == 1)
        let repeats = state.orderedCases.filter { $0.agenda.isRepeat(hearingDate: state.info.date) }.map(\.ref)
        #expect(repeats == ["NV-3401", "NV-3403", "NV-3402"])  // agenda order: children first
        #expect(state.cases["NV-3404"]?.agenda.repeatWindowLapsed(hearingDate: state.info.date) == true)
    }

    /// The vague-actions recording against the rubric: TrainingRubricTests has the hand count.
    @Test func scorecardOfTheVagueActionsSampleFindsNoPerpetratorActions() throws {
        let records = try #require(TrainingSample.named("vague-actions")).records
        let card = Scorecard.make(MeetingState.fold(records), now: records.last!.at)
        #expect(card.cases.map(\.caseRef) == ["NV-3301", "NV-3303", "NV-3302"])
        #expect(card.cases.allSatisfy { !$0.perpetratorCovered })
        #expect(card.text().contains("NV-3302"))
    }

    @Test func scorecardOfTheWellRunSampleIsClean() throws {
        let records = try #require(TrainingSample.named("well-run")).records
        let card = Scorecard.make(MeetingState.fold(records), now: records.last!.at)
        #expect(card.total == card.outOf, "\(card.text())")
    }
}

/// The recordings shipped in `samples/` (for trainers to replay and admins to try exports on) verify,
/// and are exactly what the built-in samples record.
@Suite struct ShippedSampleFileTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples").path

    @Test(arguments: TrainingSample.all.map(\.name))
    func theShippedRecordingVerifiesAndMatchesTheSample(name: String) throws {
        let path = Self.folder + "/\(name).jsonl"
        let contents = try JournalReader.read(path: path)
        #expect(contents.condition == .intact)
        #expect(contents.events == (try #require(TrainingSample.named(name))).records,
                """
                samples/\(name).jsonl no longer reads as the events it was written from: the journal format (or what its \
                events mean) has changed, so journals already written would read differently too. Do not rewrite the \
                file to hide it: fix the reader, or make the change a new format version (docs/JOURNAL-FORMAT.md, \
                "Versions"; the frozen fixtures in Tests/Fixtures/journal-v1 must still pass). Only if the sample's own \
                script was changed on purpose is the file rewritten, with `marac train \(name) --write samples`.
                """)
        let note = try String(contentsOfFile: Self.folder + "/\(name).trainer-note.txt", encoding: .utf8)
        #expect(note.trimmingCharacters(in: .whitespacesAndNewlines) == TrainingSample.named(name)?.trainerNote)
    }
}
