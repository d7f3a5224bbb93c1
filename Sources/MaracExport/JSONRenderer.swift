import MaracCore

/// Minutes and packs as JSON (documented field by field in `docs/EXPORT-FORMATS.md`). Keys keep a
/// fixed, meaningful order so the file reads well and diffs cleanly; unknowns are `null`, never guessed.
public enum JSONRenderer {
    public static func minutes(_ m: Minutes) -> String {
        let document: JSON = .object([
            ("format", .string(Minutes.format)),
            ("version", .int(Minutes.version)),
            ("marking", .string(Marking.marking(training: m.meeting.training))),
            ("confidentialityReminder", .string(Marking.reminder)),
            ("generatedAt", .string(m.generatedAt.iso)),
            ("meeting", .object([
                ("id", .string(m.meeting.id)),
                ("date", .date(m.meeting.date)),
                ("area", .string(m.meeting.area)),
                ("venue", .string(m.meeting.venue)),
                ("chair", .string(m.meeting.chair)),
                ("status", .string(m.meeting.closedAt != nil ? "closed" : m.meeting.startedAt == nil ? "not started" : "in progress")),
                ("startedAt", .optional(m.meeting.startedAt.map { .string($0.iso) })),
                ("closedAt", .optional(m.meeting.closedAt.map { .string($0.iso) })),
                ("durationSeconds", .int(Int(m.meeting.durationMillis / 1000))),
                ("targetMinutes", .int(m.meeting.targetMinutes)),
                ("limitMinutes", .int(m.meeting.limitMinutes)),
                ("reopenReasons", .array(m.meeting.reopenReasons.map(JSON.string))),
                ("timeZone", .string(m.meeting.timeZone)),
                ("minuteTaker", .optional(m.meeting.minuteTaker.map(JSON.string))),
                ("circulation", .array(m.meeting.circulation.map(JSON.string))),
                ("nextMeeting", .date(m.meeting.nextMeeting)),
                ("nextMeetingVenue", .optional(m.meeting.nextMeetingVenue.map(JSON.string))),
                ("planned", .string(m.meeting.planned)),
                ("plannedOriginally", .optional(m.meeting.plannedOriginally.map(JSON.string))),
                ("startedOnAnotherDay", .date(m.meeting.startedOnAnotherDay)),
            ])),
            ("attendance", .object([
                ("present", .array(m.attendance.present.map(person))),
                ("observers", .array(m.attendance.observers.map(person))),
                ("apologies", .array(m.attendance.apologies.map { a in
                    .object([("agency", .string(a.agency)), ("representative", .string(a.representative)),
                             ("informationSent", .bool(a.informationSent)), ("informationReceived", .date(a.informationReceived))])
                })),
                ("absent", .array(m.attendance.absent.map { a in
                    .object([("agency", .string(a.agency)), ("representative", .string(a.representative))])
                })),
            ])),
            ("confidentialityStatement", .object([
                ("text", .string(m.confidentiality.statement)), ("read", .bool(m.confidentiality.read)),
                ("agreement", .string(m.confidentiality.agreementText)),
                ("notAgreed", .array(m.confidentiality.notAgreed.map(JSON.string))),
                ("notRecorded", .array(m.confidentiality.notRecorded.map(JSON.string))),
            ])),
            ("outstandingActions", .object(m.review.groups.map { ($0.key, .array($0.items.map(reviewed))) } + [
                ("closedBetweenMeetings", .object(m.review.betweenMeetingGroups.map { ($0.key, .array($0.items.map(between))) })),
                ("recordedLate", .int(m.review.recordedLateCount)),
                ("escalations", .array(m.review.escalations.map(JSON.string))),
            ])),
            ("cases", .array(m.cases.map(caseJSON))),
            ("anyOtherBusiness", .array(m.anyOtherBusiness.map { item in
                .object([("id", .string(item.id)), ("title", .string(item.title)), ("raisedBy", .string(item.raisedBy)),
                         ("notes", .array(item.notes.map { .object([("agency", .string($0.agency)), ("text", .string($0.text))]) })),
                         ("actions", .array(item.actions.map(action)))])
            })),
            ("summary", summary(m.summary)),
            ("journal", .object([
                ("file", .string(m.journal.fileName)),
                ("finalHash", .string(m.journal.finalHash)),
                ("verified", .bool(m.journal.verified)),
                ("condition", .string(m.journal.condition)),
            ] + (m.journal.signature.map { [("signature", JSON.string($0))] } ?? []))),
        ])
        return document.rendered() + "\n"
    }

    public static func pack(_ p: AgencyPack) -> String {
        let document: JSON = .object([
            ("format", .string(AgencyPack.format)),
            ("version", .int(AgencyPack.version)),
            ("marking", .string(Marking.marking(training: p.training))),
            ("confidentialityReminder", .string(Marking.reminder)),
            ("generatedAt", .string(p.generatedAt.iso)),
            ("agency", .string(p.agency)),
            ("meeting", .object([("id", .string(p.meetingID)), ("date", .date(p.meetingDate)), ("area", .string(p.area))])),
            ("identifies", .string(p.identifiesVictim ? "reference and victim" : "reference")),
            ("actions", .array(p.actions.map { a in
                .object([("id", .string(a.id)), ("caseRef", .string(a.caseRef)), ("victim", .optional(a.victim.map(JSON.string))),
                         ("text", .string(a.text)),
                         ("due", .date(a.due)), ("category", .optional(a.category.map { .string($0.rawValue) }))])
            })),
            ("journal", .object([("finalHash", .string(p.journalHash)), ("verified", .bool(p.journalVerified))])),
        ])
        return document.rendered() + "\n"
    }

    static func person(_ a: AttendanceLine) -> JSON {
        .object([("agency", .string(a.agency)), ("representative", .string(a.representative)),
                 ("confidentialityAgreed", .bool(a.confidentialityAgreed)),
                 ("leftAfterCase", .optional(a.leftAfterCase.map(JSON.string)))])
    }

    static func reviewed(_ r: ReviewedAction) -> JSON {
        var fields: [(String, JSON)] = [
            ("id", .string(r.id)), ("meetingDate", .date(r.meetingDate)), ("caseRef", .string(r.caseRef)),
            ("text", .string(r.text)), ("owner", .string(r.owner)), ("due", .date(r.due)),
            ("category", .optional(r.category.map { .string($0.rawValue) })),
            ("outcome", .optional(r.outcome.map { .string($0.rawValue) })), ("note", .string(r.note)),
        ]
        // Only when carried forward to a new date, so older minutes keep their exact shape.
        if let newDue = r.newDue { fields.append(("newDue", .date(newDue))) }
        // Likewise only when the journal recorded what came back before the meeting.
        if let p = r.progress {
            fields.append(("latestProgress", .object([
                ("kind", .string(p.kind.rawValue)), ("on", .date(p.on)), ("note", .string(SafeText.line(p.note))),
                ("by", .optional(p.by.map { .string(SafeText.line($0)) })), ("agency", .optional(p.agency.map { .string(SafeText.line($0)) })),
                ("said", .string(p.line)),
            ])))
        }
        return .object(fields)
    }

    static func between(_ b: ClosedBetweenMeetings) -> JSON {
        .object([
            ("id", .string(b.id)), ("meetingDate", .date(b.meetingDate)), ("caseRef", .string(b.caseRef)),
            ("text", .string(b.text)), ("owner", .string(b.owner)), ("status", .string(b.status.rawValue)),
            ("escalated", .bool(b.escalated)), ("date", .date(b.date)), ("note", .string(b.note)),
            ("recordedLate", .bool(b.recordedLate)),
        ])
    }

    static func sectionKey(_ s: AgendaSection) -> String {
        switch s {
        case .withChildren: return "with children"
        case .adultOnly: return "adult only"
        case .twelveMonthNotification: return "12-month notification"
        }
    }

    static func caseJSON(_ c: CaseMinutes) -> JSON {
        .object([
            ("position", .int(c.position)),
            ("ref", .string(c.ref)),
            ("victim", .optional(c.victim.map(JSON.string))),
            ("perpetrator", .optional(c.perpetrator.map(JSON.string))),
            ("idvaPresent", .bool(c.idvaPresent)),
            ("section", .string(sectionKey(c.section))),
            ("late", .bool(c.late)),
            ("status", .string(c.status.rawValue)),
            ("referralBasis", .string(c.referralBasis.rawValue)),
            ("referringAgency", .string(c.referringAgency)),
            ("referralDate", .date(c.referralDate)),
            ("dashScore", .optional(c.dashScore.map(JSON.int))),
            ("dashThreshold", .int(c.dashThreshold)),
            ("repeat", c.isRepeat || c.repeatRecorded ? .bool(c.isRepeat) : .null),
            ("previousHearings", .array(c.previousHearings.map { .date($0) })),
            ("repeatWindowLapsed", .bool(c.repeatWindowLapsed)),
            ("children", .optional(c.children.map(JSON.int))),
            ("time", .optional(c.time.map { t in
                .object([
                    ("takenSeconds", .int(Int(t.takenMillis / 1000))), ("targetSeconds", .int(Int(t.targetMillis / 1000))),
                    ("limitSeconds", .int(Int(t.limitMillis / 1000))), ("bonusMinutes", .int(t.bonusMinutes)),
                    ("overran", .bool(t.overran)), ("overrunReason", .optional(t.overrunReason.map(JSON.string))),
                ])
            })),
            ("deferredToNextMeeting", .bool(c.deferredToNextMeeting)),
            ("movedToEndCount", .int(c.deferredToEndCount)),
            ("deferralReason", .optional(c.deferralReason.map(JSON.string))),
            ("withdrawalReason", .optional(c.withdrawalReason.map(JSON.string))),
            ("information", .array(c.information.map { info in
                .object([("agency", .string(info.agency)), ("notes", .array(info.notes.map { n in
                    .object([("kind", .string(n.kind.rawValue)), ("text", .string(n.text)),
                             ("flagged", .optional(n.flagged.map(JSON.string)))])
                }))])
            })),
            ("victimsViews", .array(c.victimsViews.map { v in
                .object([("agency", .string(v.agency)), ("text", .string(v.text)), ("flagged", .optional(v.flagged.map(JSON.string)))])
            })),
            ("passedPrompts", .array(c.passedPrompts.map { p in
                .object([("code", .string(p.code)), ("prompt", .string(p.prompt)), ("reason", .string(p.reason))])
            })),
            ("feedback", .optional(c.feedback.map { f in
                .object([("agency", .string(f.agency)), ("route", .string(f.route.rawValue)), ("detail", .string(f.detail))])
            })),
            ("actions", .array(c.actions.map(action))),
        ])
    }

    static func action(_ a: ActionLine) -> JSON {
        .object([
            ("id", .string(a.id)), ("caseRef", .string(a.caseRef)), ("text", .string(a.text)), ("owner", .string(a.owner)),
            ("due", .date(a.due)), ("category", .optional(a.category.map { .string($0.rawValue) })),
            ("status", .string(a.status.rawValue)), ("escalated", .bool(a.escalated)),
            ("smartFindings", .array(a.findings.map { f in
                .object([("severity", .string(f.severity == .error ? "error" : "warning")), ("code", .string(f.code)),
                         ("message", .string(f.message))])
            })),
        ])
    }

    static func summary(_ s: ClosingSummary) -> JSON {
        .object([
            ("casesOnAgenda", .int(s.casesOnAgenda)), ("casesHeard", .int(s.casesHeard)),
            ("notificationsHeard", .int(s.notificationsHeard)), ("deferred", .int(s.deferred)),
            ("withdrawn", .int(s.withdrawn)), ("notConcluded", .int(s.notReached)),
            ("meetingSeconds", .int(Int(s.meetingMillis / 1000))),
            ("meanSecondsPerCase", .optional(s.meanPerCaseMillis.map { .int(Int($0 / 1000)) })),
            ("overruns", .array(s.overruns.map { o in
                .object([("caseRef", .string(o.caseRef)), ("takenSeconds", .int(Int(o.takenMillis / 1000))),
                         ("reason", .optional(o.reason.map(JSON.string)))])
            })),
            ("actionsAgreed", .int(s.actionsAgreed)), ("actionsWithFindings", .int(s.actionsWithFindings)),
            ("actionsByAgency", .array(s.actionsByAgency.map { .object([("agency", .string($0.agency)), ("count", .int($0.count))]) })),
        ])
    }
}

/// A small JSON value with ordered object keys. Strings are escaped so the output is also safe to
/// embed in HTML (`<`, `>`, `&` as `\u003c` …) and in JavaScript (U+2028, U+2029).
indirect enum JSON {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    static func optional(_ value: JSON?) -> JSON { value ?? .null }
    static func bool(_ value: Bool?) -> JSON { value.map(JSON.bool) ?? .null }
    static func date(_ value: CalendarDate?) -> JSON { value.map { .string($0.iso) } ?? .null }

    func rendered(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .string(let s): return JSON.quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { inner + JSON.quote($0.0) + ": " + $0.1.rendered(indent: inner) }.joined(separator: ",\n")
                + "\n" + indent + "}"
        }
    }

    static func quote(_ s: String) -> String { Escape.json(s) }
}
