import Foundation
import MaracCore
import MaracExport
import MaracJournal

/// `marac actions DIR …`: the action tracker between meetings.
public enum TrackActions {
    public struct ListRequest: Sendable {
        public var folder: String
        public var agency: String?
        public var overdueOnly: Bool
        /// The day to judge "overdue" against: dd/mm/yyyy or yyyy-mm-dd; nil for today.
        public var on: String?
        public var passphrase: String?

        public init(folder: String, agency: String? = nil, overdueOnly: Bool = false, on: String? = nil, passphrase: String? = nil) {
            self.folder = folder; self.agency = agency; self.overdueOnly = overdueOnly; self.on = on; self.passphrase = passphrase
        }
    }

    public struct Output: Sendable {
        /// For stdout.
        public var text: String
        /// For stderr, one line each: journals that could not be read.
        public var warnings: [String]
    }

    /// The open actions as a table grouped by agency (id, case, due, OVERDUE marker, text).
    public static func list(_ request: ListRequest, today: CalendarDate = localToday()) throws(CommandFailure) -> Output {
        let day: CalendarDate
        if let on = request.on {
            guard let parsed = CalendarDate.parse(on) else {
                throw CommandFailure("--on '\(SafeText.line(on))' is not a date: use dd/mm/yyyy or yyyy-mm-dd (and a real day)")
            }
            day = parsed
        } else {
            day = today
        }
        let loaded = try ActionFolder.load(folder: request.folder, passphrase: request.passphrase)
        var open = loaded.open
        var heading = "Open actions in \(SafeText.line(request.folder))"
        if let agency = request.agency?.trimmingWhitespace(), !agency.isEmpty {
            let owners = agencies(loaded.actions)
            guard let owner = owners.first(where: { sameAgency($0, agency) }) else {
                throw CommandFailure("no actions for an agency called '\(SafeText.line(agency))' in \(request.folder). Agencies with actions: "
                                     + (owners.isEmpty ? "none" : owners.map(SafeText.line).joined(separator: ", ")))
            }
            open = open.filter { sameAgency($0.action.owner, owner) }
            heading = "Open actions for \(SafeText.line(owner)) in \(SafeText.line(request.folder))"
        }
        let overdue = open.filter { $0.action.due.map { $0 < day } ?? false }
        if request.overdueOnly {
            open = overdue
            heading = heading.replacingOccurrences(of: "Open actions", with: "Overdue actions")
        }
        var text = "\(heading) on \(day.uk): \(open.count)"
        if !request.overdueOnly && !overdue.isEmpty { text += " (\(overdue.count) overdue)" }
        text += "\n"
        if open.isEmpty {
            text += "\nNothing to show.\n"
            return Output(text: text, warnings: loaded.problems)
        }
        text += table(open, day: day)
        return Output(text: text, warnings: loaded.problems)
    }

    /// `done`, `not-possible`, `escalate`: one line saying what was recorded.
    public static func update(_ outcome: ActionTracker.Outcome, actionID: String, note: String, folder: String,
                              passphrase: String? = nil, now: Int64 = NewMeeting.currentMillis(),
                              fileIO: any FileIO = PosixFileIO()) throws(CommandFailure) -> String {
        let t = try ActionTracker.record(outcome, actionID: actionID, note: note, folder: folder, passphrase: passphrase,
                                         now: now, fileIO: fileIO)
        let what: String
        switch outcome {
        case .done: what = "done"
        case .notPossible: what = "not possible — circumstances changed"
        case .escalate: what = "not done by the agency — escalated to the steering group"
        }
        return "\(SafeText.line(t.action.id)) (\(SafeText.line(t.action.owner)), case \(SafeText.line(t.action.caseRef))) recorded as \(what) "
            + "in \(AtomicFile.join(folder, ActionFolder.trackerFileName))"
    }

    /// Agencies owning any action in the folder, first spelling kept, in order of first appearance.
    static func agencies(_ actions: [TrackedAction]) -> [String] {
        var owners: [String] = []
        for a in actions where !owners.contains(where: { sameAgency($0, a.action.owner) }) {
            owners.append(a.action.owner.trimmingWhitespace())
        }
        return owners
    }

    static func table(_ actions: [TrackedAction], day: CalendarDate) -> String {
        let clean = actions.map { a in
            (id: SafeText.truncate(SafeText.line(a.action.id), 24),
             ref: SafeText.truncate(SafeText.line(a.action.caseRef), 20),
             due: a.action.due?.uk ?? "no due date",
             dueDay: a.action.due?.dayNumber,
             overdue: a.action.due.map { $0 < day } ?? false,
             text: SafeText.line(a.action.text),
             owner: SafeText.line(a.action.owner))
        }
        let idWidth = max(2, clean.map(\.id.count).max() ?? 0)
        let refWidth = max(4, clean.map(\.ref.count).max() ?? 0)
        let dueWidth = 11
        func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }

        var out = ""
        var owners: [String] = []
        for r in clean where !owners.contains(where: { sameAgency($0, r.owner) }) { owners.append(r.owner.trimmingWhitespace()) }
        for owner in owners {
            // Soonest due first; actions with no due date last; otherwise the order they were agreed.
            let rows = clean.enumerated().filter { sameAgency($0.element.owner, owner) }.sorted {
                let (a, b) = ($0.element.dueDay ?? Int.max, $1.element.dueDay ?? Int.max)
                return a != b ? a < b : $0.offset < $1.offset
            }.map(\.element)
            out += "\n\(owner) (\(rows.count))\n"
            out += "  " + pad("ID", idWidth) + "  " + pad("Case", refWidth) + "  " + pad("Due", dueWidth) + "  " + pad("", 7) + "  Action\n"
            for r in rows {
                out += "  " + pad(r.id, idWidth) + "  " + pad(r.ref, refWidth) + "  " + pad(r.due, dueWidth) + "  "
                    + pad(r.overdue ? "OVERDUE" : "", 7) + "  " + r.text + "\n"
            }
        }
        return out
    }

    /// Today in the machine's own time zone (an admin's "today", not UTC's).
    public static func localToday() -> CalendarDate {
        AppClock.wall.localToday
    }
}
