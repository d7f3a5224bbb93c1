import MaracCore

/// A document as a list of neutral blocks: the minutes and the packs are laid out once, here, and
/// the Markdown, HTML and Word writers each print the same blocks, so the three formats carry the
/// same record item for item. All text is plain (already through `SafeText`); each writer escapes.
enum Block {
    /// A titled part of the document (`<section id>` in HTML, a level-2 heading elsewhere).
    case section(id: String, title: String, [Block])
    /// One case (an `<article>` in HTML).
    case group([Block])
    /// Levels 3 and 4 (the document title is level 1, sections level 2).
    case heading(Int, String)
    /// A minor heading: "Information shared, by agency".
    case label(String)
    case pairs([(String, String)])
    case paragraph(String)
    /// A line that must stand out: an outcome, a warning.
    case strong(String)
    case quote(String)
    /// `(heading, [(label, text)])` items: an agency and its notes.
    case nestedList([(String, [(String, String)])])
    /// `(label, text)` items, the label in bold.
    case list([(String, String)])
    case table(header: [String], rows: [[String]], widths: [Int], empty: String, caption: String?)
}

struct Outline {
    var title: String
    var blocks: [Block]
}

enum Layout {
    static func minutes(_ m: Minutes) -> Outline {
        let title = (m.meeting.training ? "TRAINING — " : "") + "Marac minutes — \(m.meeting.area), \(m.meeting.date.uk)"
        var blocks: [Block] = m.meeting.training ? [.strong(Marking.training)] : []

        var meeting: [(String, String)] = [
            ("Date", m.meeting.date.uk), ("Area", m.meeting.area),
            ("Venue", m.meeting.venue.isEmpty ? "not recorded" : m.meeting.venue), ("Chair", m.meeting.chair),
        ]
        if let taker = m.meeting.minuteTaker { meeting.append(("Minute-taker", taker)) }
        meeting.append(("Planned", m.meeting.planned + (m.meeting.plannedOriginally.map { " (changed in the meeting from \($0))" } ?? "")))
        meeting += [
            ("Started", (m.meeting.startedAt.map(\.uk) ?? "not started")
                + (m.meeting.startedOnAnotherDay.map { " — not the meeting's date: started on \($0.uk)" } ?? "")),
            ("Closed", m.meeting.closedAt.map(\.uk) ?? "not closed"),
            ("Meeting time", spokenDuration(m.meeting.durationMillis)), ("Status", m.meeting.status),
            ("Time per case", "target \(m.meeting.targetMinutes) minutes, limit \(m.meeting.limitMinutes) minutes"),
        ]
        meeting += m.meeting.reopenReasons.map { ("Reopened", $0) }
        if let next = m.meeting.nextMeeting {
            meeting.append(("Next meeting", next.uk + (m.meeting.nextMeetingVenue.map { ", " + $0 } ?? "")))
        } else {
            meeting.append(("Next meeting", "not set"))
        }
        if !m.meeting.circulation.isEmpty { meeting.append(("Circulation", m.meeting.circulation.joined(separator: "; "))) }
        blocks.append(.section(id: "meeting", title: "Meeting", [.pairs(meeting)]))

        var attendance: [Block] = [
            .heading(3, "Present"),
            .table(header: ["Agency", "Representative", "Confidentiality agreed", "Left"],
                   rows: m.attendance.present.map { [$0.agency, $0.representative, $0.confidentialityAgreed.yesNo, $0.leftText] },
                   widths: [28, 28, 20, 24], empty: "Nobody recorded as present.", caption: nil),
            .heading(3, "Observers"),
            .table(header: ["Agency", "Name", "Confidentiality agreed", "Left"],
                   rows: m.attendance.observers.map { [$0.agency, $0.representative, $0.confidentialityAgreed.yesNo, $0.leftText] },
                   widths: [28, 28, 20, 24], empty: "No observers.", caption: nil),
            .heading(3, "Apologies"),
            .table(header: ["Agency", "Representative", "Information sent", "Date received"],
                   rows: m.attendance.apologies.map { [$0.agency, $0.representative, $0.informationSent.yesNo, $0.informationReceived.uk] },
                   widths: [28, 28, 20, 24], empty: "No apologies.", caption: nil),
        ]
        if !m.attendance.absent.isEmpty {
            attendance += [.heading(3, "Absent"),
                           .table(header: ["Agency", "Representative"], rows: m.attendance.absent.map { [$0.agency, $0.representative] },
                                  widths: [50, 50], empty: "", caption: nil)]
        }
        blocks.append(.section(id: "attendance", title: "Attendance", attendance))

        let agreement: Block = m.confidentiality.read && m.confidentiality.notAgreed.isEmpty && m.confidentiality.notRecorded.isEmpty
            ? .paragraph(m.confidentiality.agreementText) : .strong(m.confidentiality.agreementText)
        blocks.append(.section(id: "confidentiality", title: "Confidentiality statement", [agreement, .quote(m.confidentiality.statement)]))

        var review: [Block] = []
        if m.review.isEmpty { review.append(.paragraph("No outstanding actions were brought to this meeting.")) }
        for group in m.review.groups where !group.items.isEmpty {
            review += [.heading(3, group.title),
                       .table(header: ["ID", "Meeting", "Case", "Action", "Owner", "Due", "Note"],
                              rows: group.items.map { [$0.id, $0.meetingDate.uk, $0.caseRef, $0.text, $0.owner,
                                                       $0.newDue.map { "now \($0.uk)" } ?? $0.due.uk, $0.noteWithProgress] },
                              widths: [16, 13, 9, 21, 12, 13, 16], empty: "", caption: nil)]
        }
        if !m.review.betweenMeetings.isEmpty {
            review.append(.heading(3, "Closed or escalated through the tracker since the previous meeting"))
            for group in m.review.betweenMeetingGroups where !group.items.isEmpty {
                review += [.label(group.title),
                           .table(header: ["ID", "Meeting", "Case", "Action", "Owner", "Date", "Note"],
                                  rows: group.items.map { [$0.id, $0.meetingDate.uk, $0.caseRef, $0.text, $0.owner,
                                                           $0.date.uk + ($0.recordedLate ? " (recorded late)" : ""), $0.note] },
                                  widths: [16, 13, 9, 21, 12, 13, 16], empty: "", caption: nil)]
            }
            if let late = m.review.recordedLateSentence { review.append(.paragraph(late)) }
        }
        let escalations = m.review.escalations
        if !escalations.isEmpty {
            review += [.heading(3, "Escalations for the steering group"), .list(escalations.map { ("", $0) })]
        }
        blocks.append(.section(id: "outstanding", title: "Outstanding actions from earlier meetings", review))

        var cases: [Block] = []
        if m.cases.isEmpty { cases.append(.paragraph("No cases on the agenda.")) }
        for (c, heading) in zip(m.cases, m.sectionHeadings) {
            if let heading { cases.append(.heading(3, heading)) }
            cases.append(.group(caseBlocks(c)))
        }
        blocks.append(.section(id: "cases", title: "Cases", cases))

        var aob: [Block] = []
        if m.anyOtherBusiness.isEmpty { aob.append(.paragraph("None raised.")) }
        for item in m.anyOtherBusiness {
            var b: [Block] = [.heading(4, "\(item.id) \(item.title)"),
                              .pairs([("Raised by", item.raisedBy.isEmpty ? "the chair" : item.raisedBy)])]
            b.append(.label("Notes"))
            if item.notes.isEmpty { b.append(.paragraph("None recorded.")) }
            else { b.append(.list(item.notes.map { ($0.agency, $0.text) })) }
            b.append(.label("Actions"))
            b.append(.table(header: ["ID", "Action", "Owner", "Due", "Category", "Status", "SMART check"],
                            rows: item.actions.map { [$0.id, $0.text, $0.owner, $0.dueText, $0.categoryText, $0.statusText, $0.findingsText] },
                            widths: [16, 24, 12, 13, 12, 9, 14], empty: "No actions agreed.", caption: "\(item.id) — actions"))
            aob.append(.group(b))
        }
        blocks.append(.section(id: "aob", title: "Any other business", aob))

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
        blocks.append(.section(id: "summary", title: "Summary", [
            .pairs(rows),
            .table(header: ["Agency", "Actions"], rows: s.actionsByAgency.map { [$0.agency, String($0.count)] },
                   widths: [70, 30], empty: "No actions agreed.", caption: nil),
        ]))

        var record: [(String, String)] = [
            ("Journal", m.journal.fileName), ("Final hash", m.journal.finalHash),
            ("Verified", (m.journal.verified ? "yes — " : "NO — ") + m.journal.condition),
        ]
        // A signed journal: the key's fingerprint beside the final hash, so a copy edited later no longer matches.
        if let signature = m.journal.signature { record.append(("Signed", signature)) }
        record += [("Generated", m.generatedAt.uk), ("Times shown in", m.meeting.timeZone)]
        blocks.append(.section(id: "record", title: "Record", [.pairs(record)]))
        return Outline(title: title, blocks: blocks)
    }

    static func caseBlocks(_ c: CaseMinutes) -> [Block] {
        var b: [Block] = [.heading(4, c.title)]
        if let outcome = c.outcomeText { b.append(.strong(outcome)) }
        var facts: [(String, String)] = []
        if let victim = c.victim { facts.append(("Victim", victim)) }
        if c.victim != nil { facts.append(("Perpetrator", c.perpetrator ?? "not recorded")) }
        facts.append(("Referral", c.referralText))
        if let from = c.deferredFrom { facts.append(("Brought forward", from)) }
        if !c.corrections.isEmpty { facts.append(("Corrected", c.corrections.joined(separator: "; "))) }
        if c.isBareOutcome {
            // Withdrawn or deferred before anything was said: the reason above is the record.
            b.append(.pairs(facts))
            return b
        }
        facts += [("DASH", c.dashText), ("Repeat", c.repeatText), ("Children in household", c.childrenText),
                  ("Idva present", c.idvaPresent ? "yes" : "no"), ("Time", c.timeText)]
        b.append(.pairs(facts))

        b.append(.label("Information shared, by agency"))
        if c.information.isEmpty { b.append(.paragraph("None recorded.")) }
        else {
            b.append(.nestedList(c.information.map { info in
                (info.agency, info.notes.map { note in
                    (note.kind == .withheld ? "Information withheld — reason" : note.kind.label,
                     note.text + (note.flagged.map { " " + flaggedWording($0) } ?? ""))
                })
            }))
        }
        b.append(.label("Victim's views"))
        if c.victimsViews.isEmpty { b.append(.paragraph(c.idvaPresent ? "Not recorded." : "Not recorded (no Idva in the room for this case).")) }
        else { b.append(.list(c.victimsViews.map { ($0.agency, $0.text + ($0.flagged.map { " " + flaggedWording($0) } ?? "")) })) }
        b.append(.pairs([("Feedback to the victim", c.feedbackText)]))
        if !c.passedPrompts.isEmpty {
            b.append(.label("Prompts passed by the chair"))
            b.append(.list(c.passedPrompts.map { ($0.prompt, "passed: " + ($0.reason.isEmpty ? "no reason given" : $0.reason)) }))
        }
        b.append(.label("Actions"))
        b.append(.table(header: ["ID", "Action", "Owner", "Due", "Category", "Status", "SMART check"],
                        rows: c.actions.map { [$0.id, $0.text, $0.owner, $0.dueText, $0.categoryText, $0.statusText, $0.findingsText] },
                        widths: [16, 24, 12, 13, 12, 9, 14], empty: "No actions agreed.", caption: "Case \(c.ref) — actions"))
        return b
    }

    static func pack(_ p: AgencyPack) -> Outline {
        let title = (p.training ? "TRAINING — " : "") + "Marac actions for \(p.agency) — \(p.area), \(p.meetingDate.uk)"
        let named = p.identifiesVictim
        let header = named ? ["ID", "Case", "Victim", "Action", "Due", "Category"] : ["ID", "Case", "Action", "Due", "Category"]
        let rows = p.actions.map { a -> [String] in
            named ? [a.id, a.caseRef, a.victim ?? "", a.text, a.due.uk, a.category?.label ?? "none"]
                : [a.id, a.caseRef, a.text, a.due.uk, a.category?.label ?? "none"]
        }
        return Outline(title: title, blocks: (p.training ? [.strong(Marking.training)] : []) + [
            .paragraph("These are the actions \(p.agency) agreed to take at the Marac on \(p.meetingDate.uk). "
                       + "Report progress to the Marac coordinator before each due date, quoting the action ID."),
            .table(header: header, rows: rows, widths: named ? [16, 11, 15, 30, 13, 15] : [16, 12, 44, 13, 15], empty: "No actions.",
                   caption: nil),
            .pairs([("Journal final hash", p.journalHash + (p.journalVerified ? " (verified)" : " (NOT verified)")),
                    ("Generated", p.generatedAt.uk)]),
        ])
    }
}
