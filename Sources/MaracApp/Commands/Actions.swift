import Foundation
import MaracCore
import MaracExport
import MaracJournal

/// `marac actions DIR …`: the action tracker between meetings.
public enum TrackActions {
    public enum ListFormat: String, Sendable, CaseIterable { case text, csv, md, json, xlsx }

    public struct ListRequest: Sendable {
        public var folder: String
        public var agency: String?
        public var overdueOnly: Bool
        /// The day to judge "overdue" against: dd/mm/yyyy or yyyy-mm-dd; nil for today.
        public var on: String?
        public var passphrase: String?
        /// Closed actions too.
        public var all: Bool
        /// `open`, `closed`, `done`, `not-possible`, `not-done`, `withdrawn`, `escalated` (comma-separated).
        public var status: String?
        public var dueBefore: String?
        /// A meeting ID, its date, or a unique part of its ID.
        public var meeting: String?
        public var format: String
        /// The terminal width the text table is wrapped to.
        public var width: Int
        /// The zone whose days count ("today", "recorded late").
        public var days: LocalDays = .london

        public init(folder: String, agency: String? = nil, overdueOnly: Bool = false, on: String? = nil, passphrase: String? = nil,
                    all: Bool = false, status: String? = nil, dueBefore: String? = nil, meeting: String? = nil,
                    format: String = "text", width: Int = 80) {
            self.folder = folder; self.agency = agency; self.overdueOnly = overdueOnly; self.on = on; self.passphrase = passphrase
            self.all = all; self.status = status; self.dueBefore = dueBefore; self.meeting = meeting; self.format = format
            self.width = width
        }
    }

    public struct Output: Sendable {
        /// For stdout.
        public var text: String
        /// For stderr, one line each: journals that could not be read.
        public var warnings: [String]
        /// Binary output (xlsx), written by the caller with the safe writer; nil for text formats.
        public var bytes: [UInt8]? = nil
    }

    static func parseDay(_ text: String, option: String) throws(CommandFailure) -> CalendarDate {
        guard let parsed = CalendarDate.parse(text.trimmingWhitespace()) else {
            throw CommandFailure("\(option) '\(SafeText.line(text))' is not a date: use dd/mm/yyyy or yyyy-mm-dd (and a real day)", exitCode: ExitStatus.usage)
        }
        return parsed
    }

    /// The actions chosen by the request, sorted agency A–Z then soonest due, and the heading.
    static func select(_ request: ListRequest, loaded: ActionFolder, day: CalendarDate) throws(CommandFailure)
        -> (rows: [TrackedAction], heading: String, overdue: Int) {
        var rows = loaded.actions
        var statuses: Set<String>?
        if let s = request.status?.trimmingWhitespace(), !s.isEmpty {
            let known = ["open", "closed", "done", "not-possible", "not-done", "withdrawn", "escalated"]
            var wanted = Set<String>()
            for raw in s.lowercased().split(separator: ",") {
                let word = raw.trimmingWhitespace().replacingOccurrences(of: " ", with: "-")
                guard known.contains(word) else {
                    throw CommandFailure("--status '\(SafeText.line(String(raw)))' is not a status: use \(known.joined(separator: ", ")) (commas between several)", exitCode: ExitStatus.usage)
                }
                wanted.insert(word)
            }
            statuses = wanted
        }
        if let statuses {
            rows = rows.filter { a in
                let word = a.status.rawValue.replacingOccurrences(of: " ", with: "-")
                return statuses.contains(word) || (statuses.contains("closed") && !a.isOpen) || (statuses.contains("escalated") && a.escalated)
            }
        } else if !request.all {
            rows = rows.filter(\.isOpen)
        }
        var heading = statuses != nil || request.all ? "Actions" : "Open actions"
        if let agency = request.agency?.trimmingWhitespace(), !agency.isEmpty {
            let owners = agencies(loaded.actions)
            guard let owner = owners.first(where: { sameAgency($0, agency) }) else {
                throw CommandFailure("no actions for an agency called '\(SafeText.line(agency))' in \(SafeText.line(request.folder)). Agencies with actions: "
                                     + (owners.isEmpty ? "none" : owners.map(SafeText.line).joined(separator: ", ")))
            }
            rows = rows.filter { sameAgency($0.action.owner, owner) }
            heading += " for \(SafeText.line(owner))"
        }
        if let m = request.meeting?.trimmingWhitespace(), !m.isEmpty {
            let date = CalendarDate.parse(m)
            let ids = Set(loaded.actions.map(\.meetingID))
            let chosen = ids.filter { $0.lowercased() == m.lowercased() }.isEmpty
                ? ids.filter { id in date.map { d in loaded.actions.contains { $0.meetingID == id && $0.action.meetingDate == d } } ?? id.lowercased().contains(m.lowercased()) }
                : ids.filter { $0.lowercased() == m.lowercased() }
            guard !chosen.isEmpty else {
                throw CommandFailure("--meeting '\(SafeText.line(m))' matches no meeting in \(SafeText.line(request.folder)): give its ID (e.g. "
                                     + "\(SafeText.line(ids.sorted().last ?? "2026-12-01-northvale"))) or its date")
            }
            rows = rows.filter { chosen.contains($0.meetingID) }
            heading += " from \(chosen.sorted().map(SafeText.line).joined(separator: ", "))"
        }
        if let d = request.dueBefore {
            let limit = try parseDay(d, option: "--due-before")
            rows = rows.filter { $0.action.due.map { $0 < limit } ?? false }
            heading += " due before \(limit.uk)"
        }
        let overdue = rows.filter { $0.daysOverdue(on: day) != nil }
        if request.overdueOnly {
            rows = overdue
            heading = heading.replacingOccurrences(of: "Open actions", with: "Overdue actions")
            if !heading.hasPrefix("Overdue") { heading = "Overdue " + heading.prefix(1).lowercased() + heading.dropFirst() }
        }
        return (sorted(rows), heading, overdue.count)
    }

    /// Agency A–Z (letter case ignored), then soonest due (no due date last), then meeting and number.
    public static func sorted(_ rows: [TrackedAction]) -> [TrackedAction] {
        rows.sorted { a, b in
            let (oa, ob) = (a.action.owner.trimmingWhitespace().lowercased(), b.action.owner.trimmingWhitespace().lowercased())
            if oa != ob { return oa < ob }
            let (da, db) = (a.action.due?.dayNumber ?? Int.max, b.action.due?.dayNumber ?? Int.max)
            if da != db { return da < db }
            if a.action.meetingDate != b.action.meetingDate { return a.action.meetingDate < b.action.meetingDate }
            return (Int(a.number) ?? 0, a.action.id) < (Int(b.number) ?? 0, b.action.id)
        }
    }

    /// The actions as a table grouped by agency (or CSV, Markdown, JSON, xlsx).
    public static func list(_ request: ListRequest, today: CalendarDate? = nil) throws(CommandFailure) -> Output {
        let today = today ?? localToday(request.days)
        guard let format = ListFormat(rawValue: request.format.lowercased()) else {
            throw CommandFailure("--format '\(SafeText.line(request.format))' is not a list format: use text, csv, md, json or xlsx", exitCode: ExitStatus.usage)
        }
        let day = try request.on.map { (s) throws(CommandFailure) in try parseDay(s, option: "--on") } ?? today
        let loaded = try ActionFolder.load(folder: request.folder, passphrase: request.passphrase, days: request.days)
        let (rows, heading, overdue) = try select(request, loaded: loaded, day: day)
        let showStatus = request.all || request.status != nil
        switch format {
        case .csv: return Output(text: ActionTable.csv(rows, day: day), warnings: loaded.problems)
        case .json: return Output(text: ActionTable.json(rows, day: day), warnings: loaded.problems)
        case .md: return Output(text: ActionTable.markdown(rows, day: day, heading: "\(heading) in \(SafeText.line(request.folder)) on \(day.uk)"),
                                warnings: loaded.problems)
        case .xlsx:
            let bytes = try ActionTable.xlsx(rows, day: day, title: "\(heading) on \(day.uk)")
            return Output(text: "", warnings: loaded.problems, bytes: bytes)
        case .text: break
        }
        var text = "\(heading) in \(SafeText.line(request.folder)) on \(day.uk): \(rows.count)"
        if !request.overdueOnly && overdue > 0 { text += " (\(overdue) overdue)" }
        text += "\n"
        if rows.isEmpty {
            text += "\nNothing to show.\n"
            return Output(text: text, warnings: loaded.problems)
        }
        text += ActionTable.text(rows, day: day, width: request.width, showStatus: showStatus)
        return Output(text: text, warnings: loaded.problems)
    }

    /// `show ID`: the action, its case, its meeting, and every event on it.
    public static func show(_ id: String, folder: String, passphrase: String? = nil, days: LocalDays = .london,
                            today: CalendarDate? = nil) throws(CommandFailure) -> Output {
        let today = today ?? localToday(days)
        let loaded = try ActionFolder.load(folder: folder, passphrase: passphrase, days: days)
        let a = try ActionIDs.resolve(id, in: loaded)
        let clean = SafeText.line
        var lines: [String] = []
        var headline = "\(clean(a.action.id)): \(a.status.label)"
        if a.escalated { headline += ", escalated to the steering group" }
        if let closed = a.closedOn { headline += " on \(closed.uk)" }
        if let late = a.daysOverdue(on: today) { headline += ", \(late) day\(late == 1 ? "" : "s") overdue" }
        lines.append(headline)
        lines.append("  Action:   \(clean(a.action.text))")
        lines.append("  Agency:   \(clean(a.action.owner))")
        lines.append("  Due:      \(a.action.due?.uk ?? "no due date")")
        if let c = a.action.category { lines.append("  Category: \(c.label)") }
        lines.append("  Case:     \(clean(a.action.caseRef))")
        lines.append("  Meeting:  \(clean(a.meetingID)) on \(a.action.meetingDate.uk) (\(clean(a.journal)))")
        lines.append("  History:")
        for e in a.history {
            var line = "    \(e.on.uk)  \(e.kind.rawValue)"
            switch e.kind {
            case .extend: line += e.due.map { " to \($0.uk)" } ?? ""
            case .reassign: line += e.agency.map { " to \(clean($0))" } ?? ""
            case .agreed: line += " for \(clean(e.agency ?? a.action.owner))" + (e.due.map { ", due \($0.uk)" } ?? "")
            case .reviewed, .closedInMeeting:
                line += e.due.map { " (carried forward, now due \($0.uk))" } ?? " (\(e.status.label))"
            default: break
            }
            if !e.note.isEmpty && e.kind != .agreed { line += ": \(clean(e.note))" }
            var whoWhen: [String] = []
            if let by = e.by, !by.isEmpty { whoWhen.append("by \(clean(by))") }
            whoWhen.append("typed \(LocalTime.describe(millis: e.at))")
            if e.isRecordedLate { whoWhen.append("recorded late") }
            line += " (\(whoWhen.joined(separator: ", ")); \(clean(e.file)))"
            lines.append(line)
        }
        return Output(text: lines.joined(separator: "\n") + "\n", warnings: loaded.problems)
    }

    /// `done`, `not-possible`, `escalate`: one line saying what was recorded.
    public static func update(_ outcome: ActionTracker.Outcome, actionID: String, note: String, on: String? = nil, by: String? = nil,
                              folder: String, passphrase: String? = nil, now: Int64 = NewMeeting.currentMillis(),
                              fileIO: any FileIO = PosixFileIO(), days: LocalDays = .london) throws(CommandFailure) -> String {
        try change(outcome.kind, actionID: actionID, note: note, on: on, by: by, folder: folder, passphrase: passphrase,
                   now: now, fileIO: fileIO, days: days)
    }

    /// Any tracker update: one line saying what was recorded.
    public static func change(_ kind: TrackerUpdate.Kind, actionID: String, note: String, on: String? = nil, by: String? = nil,
                              due: String? = nil, agency: String? = nil, folder: String, passphrase: String? = nil,
                              now: Int64 = NewMeeting.currentMillis(), fileIO: any FileIO = PosixFileIO(),
                              days: LocalDays = .london) throws(CommandFailure) -> String {
        let onDay = try on.map { (s) throws(CommandFailure) in try parseDay(s, option: "--on") }
        let dueDay = try due.map { (s) throws(CommandFailure) in try DueOption.parse(s, option: "--due", today: days.day(now)) }
        let t = try ActionTracker.update(kind, actionID: actionID, note: note, on: onDay, by: by ?? defaultUser(), due: dueDay,
                                         agency: agency, folder: folder, passphrase: passphrase, now: now, fileIO: fileIO, days: days)
        let what: String
        switch kind {
        case .done: what = "recorded as done"
        case .notPossible: what = "recorded as not possible — circumstances changed"
        case .escalate: what = "recorded as not done by the agency — escalated to the steering group"
        case .note: what = "progress note recorded (still open)"
        case .extend: what = "now due \(t.action.due?.uk ?? "")"
        case .reassign: what = "now owned by \(SafeText.line(t.action.owner))"
        }
        let day = t.history.last?.on ?? days.day(now)
        let late = t.history.last?.isRecordedLate == true ? " (recorded late)" : ""
        return "\(SafeText.line(t.action.id)) (\(SafeText.line(kind == .reassign ? t.history.last?.agency ?? t.action.owner : t.action.owner)), "
            + "case \(SafeText.line(t.action.caseRef))) \(what) on \(day.uk)\(late), "
            + "in \(ActionFolder.trackerPathForWriting(folder: folder))"
    }

    /// Writes a list to a file, whole or not at all (never over a device, FIFO or symlink).
    public static func writeFile(_ bytes: [UInt8], to path: String) throws(CommandFailure) {
        try OutputFiles.writeAll([(path, bytes)])
    }

    /// Agencies owning any action in the folder, first spelling kept, A–Z.
    static func agencies(_ actions: [TrackedAction]) -> [String] {
        var owners: [String] = []
        for a in actions where !owners.contains(where: { sameAgency($0, a.action.owner) }) {
            owners.append(a.action.owner.trimmingWhitespace())
        }
        return owners.sorted { $0.lowercased() < $1.lowercased() }
    }

    /// Who typed an update when `--by` is not given: the config's `user_name` (its file or
    /// `MARAC_USER_NAME`), else the login name.
    public static func defaultUser(configured: String? = nil,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let name = configured.map(SafeText.line)?.trimmingWhitespace(), !name.isEmpty { return name }
        for key in ["USER", "LOGNAME"] {
            if let v = environment[key]?.trimmingWhitespace(), !v.isEmpty { return SafeText.line(v) }
        }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name, !String(cString: name).isEmpty {
            return SafeText.line(String(cString: name))
        }
        return "unknown"
    }

    /// Today in the configured zone (an admin's "today", not UTC's; Europe/London by default).
    public static func localToday(_ days: LocalDays = .london) -> CalendarDate {
        days.day(AppClock.wall.now)
    }
}

/// Due dates as typed on the command line: `14/12/2026`, `2026-12-14`, `14/12`, `+7d`, `fri`, the
/// same as the action form.
enum DueOption {
    static func parse(_ text: String, option: String, today: CalendarDate) throws(CommandFailure) -> CalendarDate {
        if let d = CalendarDate.parse(text.trimmingWhitespace()) { return d }
        if case .success(let d) = DueDateInput.parse(text, today: today) { return d }
        throw CommandFailure("\(option) '\(SafeText.line(text))' is not a date: use dd/mm/yyyy, yyyy-mm-dd, 14/12, +7d or fri", exitCode: ExitStatus.usage)
    }
}
