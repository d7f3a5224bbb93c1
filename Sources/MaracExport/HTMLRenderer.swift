import MaracCore

/// Minutes and packs as one self-contained HTML file: inline CSS with a print stylesheet, no
/// scripts, no external requests (a Content-Security-Policy forbids them even if some text slipped
/// through), and well-formed XHTML-compatible markup so an XML parser can check it.
public enum HTMLRenderer {
    public static func minutes(_ m: Minutes) -> String {
        var h = HTMLWriter()
        h.document(title: "Marac minutes — \(m.meeting.area), \(m.meeting.date.uk)") { h in
            h.el("h1", "Marac minutes — \(m.meeting.area), \(m.meeting.date.uk)")

            h.section("meeting", "Meeting") { h in
                h.pairs([
                    ("Date", m.meeting.date.uk), ("Area", m.meeting.area),
                    ("Venue", m.meeting.venue.isEmpty ? "not recorded" : m.meeting.venue), ("Chair", m.meeting.chair),
                    ("Started", m.meeting.startedAt.map(\.uk) ?? "not started"),
                    ("Closed", m.meeting.closedAt.map(\.uk) ?? "not closed"),
                    ("Meeting time", spokenDuration(m.meeting.durationMillis)), ("Status", m.meeting.status),
                    ("Time per case", "target \(m.meeting.targetMinutes) minutes, limit \(m.meeting.limitMinutes) minutes"),
                ] + m.meeting.reopenReasons.map { ("Reopened", $0) })
            }

            h.section("attendance", "Attendance") { h in
                h.el("h3", "Present")
                h.table(["Agency", "Representative", "Confidentiality agreed", "Left"],
                        m.attendance.present.map { [$0.agency, $0.representative, $0.confidentialityAgreed.yesNo, $0.leftText] },
                        empty: "Nobody recorded as present.", widths: [28, 28, 20, 24])
                h.el("h3", "Observers")
                h.table(["Agency", "Name", "Confidentiality agreed", "Left"],
                        m.attendance.observers.map { [$0.agency, $0.representative, $0.confidentialityAgreed.yesNo, $0.leftText] },
                        empty: "No observers.", widths: [28, 28, 20, 24])
                h.el("h3", "Apologies")
                h.table(["Agency", "Representative", "Information sent", "Date received"],
                        m.attendance.apologies.map { [$0.agency, $0.representative, $0.informationSent.yesNo, $0.informationReceived.uk] },
                        empty: "No apologies.", widths: [28, 28, 20, 24])
                if !m.attendance.absent.isEmpty {
                    h.el("h3", "Absent")
                    h.table(["Agency", "Representative"], m.attendance.absent.map { [$0.agency, $0.representative] }, empty: "",
                            widths: [50, 50])
                }
            }

            h.section("confidentiality", "Confidentiality statement") { h in
                h.el("p", m.confidentiality.read ? "Read by the chair and agreed by those present." : "Not recorded as read.",
                     class: m.confidentiality.read ? nil : "flag")
                h.open("blockquote")
                h.paragraphs(m.confidentiality.statement)
                h.close("blockquote")
            }

            h.section("outstanding", "Outstanding actions from earlier meetings") { h in
                if m.review.isEmpty { h.el("p", "No outstanding actions were brought to this meeting.") }
                for group in m.review.groups where !group.items.isEmpty {
                    h.el("h3", group.title)
                    h.table(["ID", "Meeting", "Case", "Action", "Owner", "Due", "Note"],
                            group.items.map { [$0.id, $0.meetingDate.uk, $0.caseRef, $0.text, $0.owner, $0.due.uk, $0.note] },
                            empty: "", widths: [12, 11, 9, 26, 12, 11, 19])
                }
            }

            h.section("cases", "Cases") { h in
                if m.cases.isEmpty { h.el("p", "No cases on the agenda.") }
                for (c, heading) in zip(m.cases, m.sectionHeadings) {
                    if let heading { h.el("h3", heading) }
                    h.open("article", class: "case")
                    h.el("h4", c.title)
                    if let outcome = c.outcomeText { h.el("p", outcome, class: "flag") }
                    h.pairs([("Referral", c.referralText), ("DASH", c.dashText), ("Repeat", c.repeatText),
                             ("Children in household", c.childrenText), ("Time", c.timeText)])
                    h.el("h5", "Information shared, by agency")
                    if c.information.isEmpty { h.el("p", "None recorded.") }
                    else {
                        h.open("ul", class: "info")
                        for info in c.information {
                            h.open("li"); h.el("strong", info.agency)
                            h.open("ul")
                            for note in info.notes {
                                h.open("li", class: note.kind == .withheld ? "withheld" : nil)
                                h.el("span", (note.kind == .withheld ? "Information withheld — reason" : note.kind.label) + ": ", class: "kind")
                                h.multiline(note.text)
                                h.close("li")
                            }
                            h.close("ul"); h.close("li")
                        }
                        h.close("ul")
                    }
                    h.el("h5", "Victim's views")
                    if c.victimsViews.isEmpty { h.el("p", "Not recorded.") }
                    else {
                        h.open("ul")
                        for v in c.victimsViews {
                            h.open("li"); h.el("span", v.agency + ": ", class: "kind"); h.multiline(v.text); h.close("li")
                        }
                        h.close("ul")
                    }
                    h.pairs([("Feedback to the victim", c.feedbackText)])
                    h.el("h5", "Actions")
                    h.table(["ID", "Action", "Owner", "Due", "Category", "Status", "SMART check"],
                            c.actions.map { [$0.id, $0.text, $0.owner, $0.dueText, $0.categoryText, $0.statusText, $0.findingsText] },
                            empty: "No actions agreed.", widths: [12, 26, 13, 11, 12, 10, 16])
                    h.close("article")
                }
            }

            h.section("summary", "Summary") { h in
                let s = m.summary
                var rows: [(String, String)] = [("Cases on the agenda", String(s.casesOnAgenda)), ("Cases heard", String(s.casesHeard))]
                if s.notificationsHeard > 0 { rows.append(("12-month notifications read", String(s.notificationsHeard))) }
                rows += [("Deferred to the next meeting", String(s.deferred)), ("Withdrawn", String(s.withdrawn))]
                if s.notReached > 0 { rows.append(("Not concluded", String(s.notReached))) }
                rows += [
                    ("Meeting time", spokenDuration(s.meetingMillis)),
                    ("Time per case", s.meanPerCaseMillis.map(spokenDuration) ?? "no cases heard"),
                    ("Overruns", s.overruns.isEmpty ? "none" : s.overruns.map {
                        $0.caseRef + " (" + spokenDuration($0.takenMillis) + ": " + ($0.reason ?? "no reason recorded") + ")"
                    }.joined(separator: "; ")),
                    ("Actions agreed", String(s.actionsAgreed) + (s.actionsWithFindings > 0 ? " (\(s.actionsWithFindings) with SMART warnings)" : "")),
                ]
                h.pairs(rows)
                h.table(["Agency", "Actions"], s.actionsByAgency.map { [$0.agency, String($0.count)] }, empty: "No actions agreed.",
                        widths: [70, 30])
            }

            h.section("record", "Record") { h in
                h.pairs([("Journal", m.journal.fileName), ("Final hash", m.journal.finalHash),
                         ("Verified", (m.journal.verified ? "yes — " : "NO — ") + m.journal.condition),
                         ("Generated", m.generatedAt.uk)])
            }
        }
        return h.text
    }

    public static func pack(_ p: AgencyPack) -> String {
        var h = HTMLWriter()
        h.document(title: "Marac actions for \(p.agency) — \(p.area), \(p.meetingDate.uk)") { h in
            h.el("h1", "Marac actions for \(p.agency) — \(p.area), \(p.meetingDate.uk)")
            h.el("p", "These are the actions \(p.agency) agreed to take at the Marac on \(p.meetingDate.uk). "
                 + "Report progress to the Marac coordinator before each due date, quoting the action ID.")
            h.table(["ID", "Case", "Action", "Due", "Category"],
                    p.actions.map { [$0.id, $0.caseRef, $0.text, $0.due.uk, $0.category?.label ?? "none"] },
                    empty: "No actions.", widths: [13, 12, 49, 12, 14])
            h.pairs([("Journal final hash", p.journalHash + (p.journalVerified ? " (verified)" : " (NOT verified)")),
                     ("Generated", p.generatedAt.uk)])
        }
        return h.text
    }

    /// Escapes text for element content and attribute values, and drops what XML 1.0 cannot carry
    /// (`SafeText` already removed control characters; U+FFFE and U+FFFF remain possible).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                let v = scalar.value
                if v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000 {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Column widths used by the tables, in percent.
    static let columnWidths = [9, 10, 11, 12, 13, 14, 16, 19, 20, 24, 26, 28, 30, 49, 50, 70]

    /// No scripts, fonts or images: everything needed to print is here.
    static let css = columnWidths.map { ".w\($0) { width: \($0)%; }" }.joined(separator: " ") + "\n" + """
        :root { color-scheme: light; }
        body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; color: #111;
               background: #fff; max-width: 62em; margin: 1.5em auto; padding: 0 1em; }
        .marking { border: 2px solid #111; padding: 0.3em 0.6em; font-weight: bold; text-align: center; letter-spacing: 0.04em; }
        .reminder { font-size: 10pt; border-left: 4px solid #555; padding-left: 0.6em; }
        h1 { font-size: 17pt; margin: 0.6em 0 0.3em; }
        h2 { font-size: 14pt; border-bottom: 1px solid #777; margin-top: 1.4em; }
        h3 { font-size: 12pt; margin: 1em 0 0.3em; }
        h4 { font-size: 12pt; margin: 0 0 0.3em; }
        h5 { font-size: 11pt; margin: 0.8em 0 0.2em; }
        h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; }
        dl { display: grid; grid-template-columns: max-content auto; gap: 0.1em 1em; margin: 0.4em 0; }
        dt { font-weight: bold; }
        dd { margin: 0; }
        dt, dd, td, th, li, p { overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; margin: 0.4em 0 0.8em; font-size: 9.5pt; table-layout: fixed; }
        th, td { border: 1px solid #888; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
        th { background: #eee; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        .case { border-top: 1px solid #bbb; padding-top: 0.6em; margin-top: 1em; }
        .flag { font-weight: bold; }
        .kind { font-weight: bold; }
        .withheld { font-style: italic; }
        blockquote { margin: 0.4em 0; padding-left: 0.8em; border-left: 3px solid #999; }
        @page { size: A4; margin: 16mm 14mm;
                @top-center { content: "RESTRICTED when complete (OFFICIAL-SENSITIVE)"; font-size: 9pt; font-weight: bold; }
                @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; } }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
          th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          .case { break-inside: auto; }
        }
        """
}

/// Builds well-formed markup. Every piece of text goes through `HTMLRenderer.escape`; only the
/// writer's own tags are raw.
struct HTMLWriter {
    private(set) var text = ""

    mutating func document(title: String, _ body: (inout HTMLWriter) -> Void) {
        text += "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        text += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n"
        text += "<meta name=\"referrer\" content=\"no-referrer\"/>\n<meta name=\"robots\" content=\"noindex, nofollow\"/>\n"
        text += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        text += "<title>" + HTMLRenderer.escape(title + " — " + Marking.restricted) + "</title>\n"
        text += "<style>\n" + HTMLRenderer.css + "\n</style>\n</head>\n<body>\n"
        el("p", Marking.restricted, class: "marking")
        el("p", Marking.reminder, class: "reminder")
        body(&self)
        el("p", Marking.restricted, class: "marking")
        text += "</body>\n</html>\n"
    }

    mutating func open(_ tag: String, class cls: String? = nil) {
        text += "<" + tag + (cls.map { " class=\"\($0)\"" } ?? "") + ">"
        if ["ul", "article", "section", "blockquote", "table", "thead", "tbody", "tr", "dl"].contains(tag) { text += "\n" }
    }

    mutating func close(_ tag: String) { text += "</" + tag + ">" + (["strong", "span", "td", "th", "dt", "dd"].contains(tag) ? "" : "\n") }

    mutating func el(_ tag: String, _ content: String, class cls: String? = nil) {
        text += "<" + tag + (cls.map { " class=\"\($0)\"" } ?? "") + ">" + HTMLRenderer.escape(content) + "</" + tag + ">"
        if !["strong", "span", "td", "th", "dt"].contains(tag) { text += "\n" }
    }

    /// Text that may span lines: each line break becomes `<br/>`.
    mutating func multiline(_ content: String) {
        text += content.split(separator: "\n", omittingEmptySubsequences: true).map { HTMLRenderer.escape(String($0)) }
            .joined(separator: "<br/>")
    }

    mutating func paragraphs(_ content: String) {
        for p in content.split(separator: "\n", omittingEmptySubsequences: true) { el("p", String(p)) }
    }

    mutating func section(_ id: String, _ title: String, _ body: (inout HTMLWriter) -> Void) {
        text += "<section id=\"\(id)\">\n"
        el("h2", title)
        body(&self)
        text += "</section>\n"
    }

    mutating func pairs(_ rows: [(String, String)]) {
        open("dl")
        for (k, v) in rows { el("dt", k); el("dd", v) }
        close("dl")
    }

    /// `widths` are column widths in percent (classes `w<n>` in the stylesheet): a fixed layout
    /// prints predictably and lets even a very long word wrap inside its own column.
    mutating func table(_ header: [String], _ rows: [[String]], empty: String, widths: [Int]) {
        if rows.isEmpty {
            if !empty.isEmpty { el("p", empty) }
            return
        }
        assert(widths.count == header.count && widths.allSatisfy(HTMLRenderer.columnWidths.contains), "column widths for \(header)")
        open("table")
        text += "<colgroup>" + widths.map { "<col class=\"w\($0)\"/>" }.joined() + "</colgroup>\n"
        open("thead"); open("tr")
        for cell in header { el("th", cell) }
        text += "\n"; close("tr"); close("thead"); open("tbody")
        for row in rows {
            open("tr")
            for cell in row { el("td", cell) }
            text += "\n"; close("tr")
        }
        close("tbody"); close("table")
    }
}
