import Foundation
import MaracCore
import MaracJournal

/// Finds earlier hearings of each case on an agenda in the other meeting journals of the data
/// folder (docs/AGENDA-FORMAT.md, "Earlier hearings"). Run when a meeting is made and again each
/// time it opens; what it finds is recorded (`.caseHistoryFound`), so replays and the minutes show
/// what the chair saw.
public enum CaseHistoryImport {
    /// The folder's earlier meetings, with each action's status as the folder has it now, and the
    /// files that could not be read (named, one line each).
    public static func earlierMeetings(folder: String, passphrase: String?, excludingMeeting meetingID: String?)
        -> (meetings: [CaseHistory.EarlierMeeting], problems: [String]) {
        guard let loaded = try? ActionFolder.load(folder: folder, passphrase: passphrase) else { return ([], []) }
        var statusNow: [String: ActionStatus] = [:]
        for a in loaded.actions { statusNow[a.action.id] = a.status }
        var meetings: [CaseHistory.EarlierMeeting] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names.sorted() where name.hasSuffix(".jsonl") && !name.hasPrefix(".") && name != ActionFolder.trackerFileName {
            // ActionFolder has already named any file it could not read.
            guard let contents = try? JournalReader.read(path: AtomicFile.join(folder, name), passphrase: passphrase),
                  contents.header.kind == .meeting else { continue }
            let state = Meeting(events: contents.events).state
            if state.info.id == meetingID { continue }
            meetings.append(CaseHistory.EarlierMeeting(state: state, statusNow: statusNow))
        }
        return (meetings, loaded.problems)
    }

    /// `.caseHistoryFound` for each case whose earlier hearings differ from what the meeting
    /// already records (nothing when the folder holds nothing new).
    public static func events(for cases: [(agenda: AgendaCase, recorded: [EarlierHearing])], meetingDate: CalendarDate,
                              earlier: [CaseHistory.EarlierMeeting]) -> [MeetingEvent] {
        cases.compactMap { c in
            let found = CaseHistory.find(for: c.agenda, in: earlier, before: meetingDate)
            return found == c.recorded ? nil : .caseHistoryFound(caseRef: c.agenda.caseRef, hearings: found)
        }
    }
}
