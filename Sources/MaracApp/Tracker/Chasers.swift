#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MaracCore
import MaracExport
import MaracJournal

/// `marac actions DIR chase --agency NAME|all`: per agency, every action it still owes across all
/// the folder's meetings, overdue first, with a short covering text, ready to attach to a secure
/// email. The CSV has blank `status`, `on` and `note` columns for the agency to fill in: the same
/// file comes back through `marac actions DIR import`.
public enum Chasers {
    public enum Format: String, Sendable, CaseIterable { case md, html, csv, docx }

    public struct Request: Sendable {
        public var folder: String
        public var agency: String
        public var format: String
        public var out: String
        public var on: String?
        public var protocolFile: String?
        public var by: String?
        public var passphrase: String?
        /// The zone whose days count ("today", "overdue").
        public var days: LocalDays

        public init(folder: String, agency: String, format: String = "md", out: String = ".", on: String? = nil,
                    protocolFile: String? = nil, by: String? = nil, passphrase: String? = nil, days: LocalDays = .london) {
            self.folder = folder; self.agency = agency; self.format = format; self.out = out; self.on = on
            self.protocolFile = protocolFile; self.by = by; self.passphrase = passphrase; self.days = days
        }
    }

    public struct Chaser: Sendable, Equatable {
        public var agency: String
        /// Overdue first (most overdue first), then soonest due, then no due date.
        public var actions: [TrackedAction]
        public var coveringText: String
        public var showVictimNames: Bool
        public var day: CalendarDate
        public var overdue: Int { actions.filter { $0.daysOverdue(on: day) != nil }.count }
    }

    public static let defaultText = """
        Dear colleague,

        Below are the {count} Marac actions that {agency} still owes ({overdue} overdue on {date}). For each one, \
        please fill in the status (\(ReturnStatus.wordList)), the day it happened ("on") and a short note, \
        and send the file back by secure email. Where an action cannot be done, please say why.

        Thank you,
        {by}, Marac coordinator
        """

    public static let csvHeader = ["marking", "agency", "action_id", "meeting_date", "case_ref", "victim", "action", "due_date",
                                   "days_overdue", "status", "on", "note", "handling"]

    /// The chasers, without writing them.
    public static func make(agency: String, loaded: ActionFolder, day: CalendarDate, rules: LocalProtocol?, by: String) throws(CommandFailure) -> [Chaser] {
        let open = loaded.open   // a filter of every action: once, not once per agency
        let owners = TrackActions.agencies(open)
        let wanted = agency.trimmingWhitespace()
        guard !wanted.isEmpty else { throw CommandFailure("--agency is empty: name an agency, or all", exitCode: ExitStatus.usage) }
        let chosen: [String]
        if wanted.lowercased() == "all" {
            chosen = owners
        } else if let one = owners.first(where: { sameAgency($0, wanted) }) {
            chosen = [one]
        } else {
            // A journal that could not be read in full may hold that agency's actions: say so in
            // the same line, or "owes nothing" would read as the whole truth.
            let unread = loaded.incomplete.isEmpty ? ""
                : " (but \(loaded.incomplete.count == 1 ? "one journal was" : "\(loaded.incomplete.count) journals were") not read in full, so this may be incomplete: "
                    + loaded.incomplete[0] + (loaded.incomplete.count > 1 ? "; …" : "") + ")"
            throw CommandFailure("no open actions for an agency called '\(SafeText.line(wanted))' in \(SafeText.line(loaded.folder))\(unread). "
                                 + "Agencies that owe actions: " + (owners.isEmpty ? "none" : owners.map(SafeText.line).joined(separator: ", ")))
        }
        let template = rules?.chaserText ?? defaultText
        return chosen.map { owner in
            let rows = open.filter { sameAgency($0.action.owner, owner) }.sorted { a, b in
                let (la, lb) = (a.daysOverdue(on: day) ?? -1, b.daysOverdue(on: day) ?? -1)
                if la != lb { return la > lb }
                let (da, db) = (a.action.due?.dayNumber ?? Int.max, b.action.due?.dayNumber ?? Int.max)
                if da != db { return da < db }
                return a.action.id < b.action.id
            }
            var chaser = Chaser(agency: owner, actions: rows, coveringText: "", showVictimNames: rules?.chaserVictimNames ?? false, day: day)
            chaser.coveringText = SafeText.block(template
                .replacingOccurrences(of: "{agency}", with: SafeText.line(owner))
                .replacingOccurrences(of: "{count}", with: String(rows.count))
                .replacingOccurrences(of: "{overdue}", with: String(chaser.overdue))
                .replacingOccurrences(of: "{date}", with: day.uk)
                .replacingOccurrences(of: "{by}", with: SafeText.line(by)))
            return chaser
        }
    }

    public struct Result: Sendable {
        public var text: String
        public var warnings: [String]
        public var files: [String]
    }

    /// Writes one file per agency into `out`: all of them, or (on any failure) none.
    public static func write(_ request: Request, today: CalendarDate? = nil) throws(CommandFailure) -> Result {
        let today = today ?? TrackActions.localToday(request.days)
        guard let format = Format(rawValue: request.format.lowercased()) else {
            throw CommandFailure("--format '\(SafeText.line(request.format))' is not a chaser format: use md, html, docx or csv", exitCode: ExitStatus.usage)
        }
        let day = try request.on.map { (s) throws(CommandFailure) in try TrackActions.parseDay(s, option: "--on") } ?? today
        // Checked before the folder is read (the folder itself is made only once the chasers are ready).
        try OutputTarget.requireFolder(holding: request.out)
        let loaded = try ActionFolder.load(folder: request.folder, passphrase: request.passphrase, days: request.days)
        let rules = try request.protocolFile.map { (f) throws(CommandFailure) in try LocalProtocolFile.load(path: f) } ?? loaded.latestProtocol
        let by = request.by ?? TrackActions.defaultUser()
        let chasers = try make(agency: request.agency, loaded: loaded, day: day, rules: rules, by: by)

        var documents: [(path: String, bytes: [UInt8])] = []
        for c in chasers {
            let name = "chaser-\(Exporter.fileSafe(c.agency))-\(day.iso).\(format.rawValue)"
            let bytes: [UInt8]
            switch format {
            case .md: bytes = Array(markdown(c).utf8)
            case .html: bytes = Array(html(c).utf8)
            case .csv: bytes = Array(csv(c).utf8)
            case .docx: bytes = try OfficePackage.zip(word(c).parts())
            }
            documents.append((AtomicFile.join(request.out, name), bytes))
        }
        try AtomicFile.makeOutputFolder(request.out)
        try OutputFiles.writeAll(documents)
        var text = ""
        for (c, d) in zip(chasers, documents) {
            text += "wrote \(SafeText.line(d.path)) (\(SafeText.line(c.agency)): \(c.actions.count) action\(c.actions.count == 1 ? "" : "s"), \(c.overdue) overdue)\n"
        }
        // Chasers go to agencies under the coordinator's name: a login name ("root", "jsmith2") is
        // not one, so say where the name is set before the files are sent.
        let unsigned = request.by == nil
            ? ["the covering text is signed '\(SafeText.line(by))' (the login name): set user_name in the configuration (`marac config`) or give --by NAME"]
            : []
        return Result(text: text, warnings: loaded.problems + unsigned, files: documents.map(\.path))
    }

    static func victim(_ c: Chaser, _ a: TrackedAction) -> String { c.showVictimNames ? a.victim : "" }

    public static func csv(_ c: Chaser) -> String {
        var rows = [csvHeader]
        for a in c.actions {
            rows.append([Marking.restricted, c.agency, a.action.id, a.action.meetingDate.iso, a.action.caseRef, victim(c, a), a.action.text,
                         a.action.due?.iso ?? "", a.daysOverdue(on: c.day).map(String.init) ?? "", "", "", "", Marking.reminder])
        }
        return CSVText.table(rows)
    }

    public static func markdown(_ c: Chaser) -> String {
        let cell = MarkdownText.cell
        var out = "**\(Marking.restricted)**\n\n# Marac actions outstanding: \(cell(c.agency))\n\n"
        out += "As of \(c.day.uk): \(c.actions.count) action\(c.actions.count == 1 ? "" : "s"), \(c.overdue) overdue.\n\n"
        out += c.coveringText.split(separator: "\n", omittingEmptySubsequences: false).map { MarkdownText.cell(String($0)) }
            .joined(separator: "\n") + "\n\n"
        out += "| Action ID | Meeting | Case | " + (c.showVictimNames ? "Victim | " : "") + "Action | Due | Overdue | Status | On | Note |\n"
        out += "|---|---|---|" + (c.showVictimNames ? "---|" : "") + "---|---|---|---|---|---|\n"
        for a in c.actions {
            out += "| \(cell(a.action.id)) | \(a.action.meetingDate.uk) | \(cell(a.action.caseRef)) | "
                + (c.showVictimNames ? "\(cell(a.victim)) | " : "")
                + "\(cell(a.action.text)) | \(a.action.due?.uk ?? "none") | \(ActionTable.lateText(a.daysOverdue(on: c.day))) |  |  |  |\n"
        }
        out += "\n_\(cell(Marking.reminder))_\n"
        return out
    }

    public static func word(_ c: Chaser) -> WordDocument {
        var doc = WordDocument(title: "Marac actions outstanding: \(SafeText.line(c.agency))", headerText: Marking.restricted,
                               footerText: Marking.reminder)
        doc.heading(1, "Marac actions outstanding: \(SafeText.line(c.agency))")
        doc.paragraph("As of \(c.day.uk): \(c.actions.count) action\(c.actions.count == 1 ? "" : "s"), \(c.overdue) overdue.")
        for para in c.coveringText.components(separatedBy: "\n\n") { doc.paragraph(para.replacingOccurrences(of: "\n", with: " ")) }
        let header = ["Action ID", "Meeting", "Case"] + (c.showVictimNames ? ["Victim"] : []) + ["Action", "Due", "Overdue", "Status", "On", "Note"]
        let widths = c.showVictimNames ? [14, 9, 8, 10, 23, 9, 7, 7, 6, 7] : [15, 9, 9, 29, 9, 8, 7, 6, 8]
        let rows = c.actions.map { a in
            [a.action.id, a.action.meetingDate.uk, a.action.caseRef] + (c.showVictimNames ? [a.victim] : [])
                + [a.action.text, a.action.due?.uk ?? "none", ActionTable.lateText(a.daysOverdue(on: c.day)), "", "", ""]
        }
        doc.table(header, rows.map { $0.map(SafeText.line) }, widths: widths)
        return doc
    }

    public static func html(_ c: Chaser) -> String {
        let e = HTMLRenderer.escape
        var out = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<title>Marac actions outstanding: \(e(c.agency))</title>\n"
        out += "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #444;padding:4px 6px;text-align:left;vertical-align:top}.overdue{font-weight:bold}</style>\n"
        out += "</head>\n<body>\n<p><strong>\(e(Marking.restricted))</strong></p>\n"
        out += "<h1>Marac actions outstanding: \(e(c.agency))</h1>\n"
        out += "<p>As of \(c.day.uk): \(c.actions.count) action\(c.actions.count == 1 ? "" : "s"), \(c.overdue) overdue.</p>\n"
        for para in c.coveringText.components(separatedBy: "\n\n") {
            out += "<p>" + e(para).replacingOccurrences(of: "\n", with: "<br>") + "</p>\n"
        }
        out += "<table>\n<tr><th>Action ID</th><th>Meeting</th><th>Case</th>" + (c.showVictimNames ? "<th>Victim</th>" : "")
            + "<th>Action</th><th>Due</th><th>Overdue</th><th>Status</th><th>On</th><th>Note</th></tr>\n"
        for a in c.actions {
            let late = a.daysOverdue(on: c.day)
            out += "<tr\(late != nil ? " class=\"overdue\"" : "")><td>\(e(a.action.id))</td><td>\(a.action.meetingDate.uk)</td><td>\(e(a.action.caseRef))</td>"
                + (c.showVictimNames ? "<td>\(e(a.victim))</td>" : "")
                + "<td>\(e(a.action.text))</td><td>\(a.action.due?.uk ?? "none")</td><td>\(ActionTable.lateText(late))</td><td></td><td></td><td></td></tr>\n"
        }
        out += "</table>\n<p><em>\(e(Marking.reminder))</em></p>\n</body>\n</html>\n"
        return out
    }
}

/// Writes several files all or none: each to a hidden temporary file beside its target first, then
/// all renamed into place; any failure removes every temporary file and leaves the targets as they
/// were. A target that exists and is not a regular file (a device, FIFO, symlink) is refused.
enum OutputFiles {
    static func writeAll(_ documents: [(path: String, bytes: [UInt8])]) throws(CommandFailure) {
        var temps: [String] = []
        func cleanUp() { for t in temps { unlink(t) } }
        for d in documents {
            do { try OutputTarget.requireFolder(holding: d.path) } catch { cleanUp(); throw error }
            var st = stat()
            if lstat(d.path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG {
                cleanUp()
                throw CommandFailure("\(SafeText.line(d.path)) exists and is not a regular file: nothing was written")
            }
            let slash = d.path.lastIndex(of: "/")
            let dir = slash.map { String(d.path[..<$0]) } ?? "."
            let base = slash.map { String(d.path[d.path.index(after: $0)...]) } ?? d.path
            let temp = (dir.isEmpty ? "" : dir) + "/.\(base).tmp-\(getpid())"
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                let why = String(cString: strerror(errno))
                cleanUp()
                throw CommandFailure("\(SafeText.line(d.path)): cannot write (\(why)); nothing was written")
            }
            temps.append(temp)
            var offset = 0
            var failed: Int32 = 0
            d.bytes.withUnsafeBytes { raw in
                while offset < raw.count {
                    let n = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 { if errno == EINTR { continue }; failed = errno; return }
                    offset += n
                }
            }
            if failed == 0 && fsync(fd) != 0 { failed = errno }
            close(fd)
            if failed != 0 {
                cleanUp()
                throw CommandFailure("\(SafeText.line(d.path)): writing failed (\(String(cString: strerror(failed)))); nothing was written")
            }
        }
        for (d, t) in zip(documents, temps) where rename(t, d.path) != 0 {
            let why = String(cString: strerror(errno))
            cleanUp()
            throw CommandFailure("\(SafeText.line(d.path)): cannot put it in place (\(why)); some chasers may already be written")
        }
    }
}

private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}
