import MaracCore

/// Minutes and packs as Markdown: readable as plain text (Egress, a text editor) and safe when a
/// Markdown viewer turns it into HTML — user text cannot open a tag, a link or a table cell.
public enum MarkdownRenderer {
    public static func minutes(_ m: Minutes) -> String {
        var out = MarkdownWriter()
        out.line("**\(Marking.restricted)**")
        out.blank()
        out.line("# Marac minutes — \(esc(m.meeting.area)), \(m.meeting.date.uk)")
        out.blank()
        out.line("> \(esc(Marking.reminder))")
        out.blank()

        out.heading(2, "Meeting")
        out.item("Date", m.meeting.date.uk)
        out.item("Area", esc(m.meeting.area))
        if !m.meeting.venue.isEmpty { out.item("Venue", esc(m.meeting.venue)) }
        out.item("Chair", esc(m.meeting.chair))
        out.item("Started", m.meeting.startedAt.map(\.uk) ?? "not started")
        out.item("Closed", m.meeting.closedAt.map(\.uk) ?? "not closed")
        out.item("Meeting time", spokenDuration(m.meeting.durationMillis))
        out.item("Status", m.meeting.status)
        out.item("Time per case", "target \(m.meeting.targetMinutes) minutes, limit \(m.meeting.limitMinutes) minutes")
        for reason in m.meeting.reopenReasons { out.item("Reopened", esc(reason)) }
        out.blank()

        out.heading(2, "Attendance")
        out.heading(3, "Present")
        out.table(["Agency", "Representative", "Confidentiality agreed", "Left"],
                  m.attendance.present.map { [esc($0.agency), esc($0.representative), $0.confidentialityAgreed.yesNo, esc($0.leftText)] },
                  empty: "Nobody recorded as present.")
        out.heading(3, "Observers")
        out.table(["Agency", "Name", "Confidentiality agreed", "Left"],
                  m.attendance.observers.map { [esc($0.agency), esc($0.representative), $0.confidentialityAgreed.yesNo, esc($0.leftText)] },
                  empty: "No observers.")
        out.heading(3, "Apologies")
        out.table(["Agency", "Representative", "Information sent", "Date received"],
                  m.attendance.apologies.map { [esc($0.agency), esc($0.representative), $0.informationSent.yesNo, $0.informationReceived.uk] },
                  empty: "No apologies.")
        if !m.attendance.absent.isEmpty {
            out.heading(3, "Absent")
            out.table(["Agency", "Representative"], m.attendance.absent.map { [esc($0.agency), esc($0.representative)] }, empty: "")
        }

        out.heading(2, "Confidentiality statement")
        out.line(m.confidentiality.read ? "Read by the chair and agreed by those present." : "**Not recorded as read.**")
        out.blank()
        out.quote(m.confidentiality.statement)

        out.heading(2, "Outstanding actions from earlier meetings")
        if m.review.isEmpty { out.line("No outstanding actions were brought to this meeting."); out.blank() }
        for group in m.review.groups where !group.items.isEmpty {
            out.heading(3, group.title)
            out.table(["ID", "Meeting", "Case", "Action", "Owner", "Due", "Note"],
                      group.items.map { [esc($0.id), $0.meetingDate.uk, esc($0.caseRef), esc($0.text), esc($0.owner), $0.due.uk, esc($0.note)] },
                      empty: "")
        }

        out.heading(2, "Cases")
        if m.cases.isEmpty { out.line("No cases on the agenda."); out.blank() }
        for (c, heading) in zip(m.cases, m.sectionHeadings) {
            if let heading { out.heading(3, heading) }
            out.heading(4, esc(c.title))
            if let outcome = c.outcomeText { out.line("**\(esc(outcome))**"); out.blank() }
            out.item("Referral", esc(c.referralText))
            out.item("DASH", c.dashText)
            out.item("Repeat", c.repeatText)
            out.item("Children in household", c.childrenText)
            out.item("Time", esc(c.timeText))
            out.blank()
            out.line("*Information shared, by agency*")
            out.blank()
            if c.information.isEmpty { out.line("None recorded."); out.blank() }
            for info in c.information {
                out.line("- **\(esc(info.agency))**")
                for note in info.notes {
                    let label = note.kind == .withheld ? "Information withheld — reason" : note.kind.label
                    out.line("  - \(label): " + blockText(note.text, indent: "    "))
                }
            }
            if !c.information.isEmpty { out.blank() }
            out.line("*Victim's views*")
            out.blank()
            if c.victimsViews.isEmpty { out.line("Not recorded.") }
            for v in c.victimsViews { out.line("- \(esc(v.agency)): " + blockText(v.text, indent: "  ")) }
            out.blank()
            out.item("Feedback to the victim", esc(c.feedbackText))
            out.blank()
            out.line("*Actions*")
            out.blank()
            out.table(["ID", "Action", "Owner", "Due", "Category", "Status", "SMART check"],
                      c.actions.map { [esc($0.id), esc($0.text), esc($0.owner), $0.dueText, $0.categoryText, $0.statusText, esc($0.findingsText)] },
                      empty: "No actions agreed.")
        }

        out.heading(2, "Summary")
        let s = m.summary
        out.item("Cases on the agenda", String(s.casesOnAgenda))
        out.item("Cases heard", String(s.casesHeard))
        if s.notificationsHeard > 0 { out.item("12-month notifications read", String(s.notificationsHeard)) }
        out.item("Deferred to the next meeting", String(s.deferred))
        out.item("Withdrawn", String(s.withdrawn))
        if s.notReached > 0 { out.item("Not concluded", String(s.notReached)) }
        out.item("Meeting time", spokenDuration(s.meetingMillis))
        out.item("Time per case", s.meanPerCaseMillis.map(spokenDuration) ?? "no cases heard")
        out.item("Overruns", s.overruns.isEmpty ? "none"
                 : s.overruns.map { esc($0.caseRef) + " (" + spokenDuration($0.takenMillis) + ": " + esc($0.reason ?? "no reason recorded") + ")" }
                     .joined(separator: "; "))
        out.item("Actions agreed", String(s.actionsAgreed) + (s.actionsWithFindings > 0 ? " (\(s.actionsWithFindings) with SMART warnings)" : ""))
        out.blank()
        out.table(["Agency", "Actions"], s.actionsByAgency.map { [esc($0.agency), String($0.count)] }, empty: "No actions agreed.")

        out.heading(2, "Record")
        out.item("Journal", esc(m.journal.fileName))
        out.item("Final hash", "`\(m.journal.finalHash)`")
        out.item("Verified", m.journal.verified ? "yes — \(esc(m.journal.condition))" : "NO — \(esc(m.journal.condition))")
        out.item("Generated", m.generatedAt.uk)
        out.blank()
        out.line("**\(Marking.restricted)**")
        return out.text
    }

    public static func pack(_ p: AgencyPack) -> String {
        var out = MarkdownWriter()
        out.line("**\(Marking.restricted)**")
        out.blank()
        out.line("# Marac actions for \(esc(p.agency)) — \(esc(p.area)), \(p.meetingDate.uk)")
        out.blank()
        out.line("> \(esc(Marking.reminder))")
        out.blank()
        out.line("These are the actions \(esc(p.agency)) agreed to take at the Marac on \(p.meetingDate.uk). "
                 + "Report progress to the Marac coordinator before each due date, quoting the action ID.")
        out.blank()
        out.table(["ID", "Case", "Action", "Due", "Category"],
                  p.actions.map { [esc($0.id), esc($0.caseRef), esc($0.text), $0.due.uk, $0.category?.label ?? "none"] },
                  empty: "No actions.")
        out.item("Journal final hash", "`\(p.journalHash)`" + (p.journalVerified ? " (verified)" : " (NOT verified)"))
        out.item("Generated", p.generatedAt.uk)
        out.blank()
        out.line("**\(Marking.restricted)**")
        return out.text
    }

    /// Escapes text so Markdown shows it literally: no emphasis, links, HTML tags or table cells.
    static func esc(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#":
                out.append("\\"); out.append(ch)
            case "\n":
                out.append(" ")
            default:
                out.append(ch)
            }
        }
        return out
    }

    /// A note that may span lines: continuation lines indented so they stay in their list item.
    static func blockText(_ text: String, indent: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { esc(String($0)) }
        return lines.joined(separator: "  \n" + indent)
    }
}

/// Builds Markdown line by line; keeps a blank line between blocks.
struct MarkdownWriter {
    private(set) var text = ""

    mutating func line(_ s: String) { text += s + "\n" }
    mutating func blank() { if !text.hasSuffix("\n\n") { text += "\n" } }

    mutating func heading(_ level: Int, _ title: String) {
        blank()
        line(String(repeating: "#", count: level) + " " + title)
        blank()
    }

    mutating func item(_ label: String, _ value: String) { line("- **\(label):** \(value)") }

    mutating func quote(_ block: String) {
        for l in block.split(separator: "\n", omittingEmptySubsequences: false) { line("> " + MarkdownRenderer.esc(String(l))) }
        blank()
    }

    /// A pipe table; cells must already be escaped. With no rows, prints `empty` instead.
    mutating func table(_ header: [String], _ rows: [[String]], empty: String) {
        if rows.isEmpty {
            if !empty.isEmpty { line(empty); blank() }
            return
        }
        line("| " + header.joined(separator: " | ") + " |")
        line("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
        for row in rows { line("| " + row.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |") }
        blank()
    }
}
