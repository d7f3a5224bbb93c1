import Foundation
import MaracCore

/// A purpose-built reader for the event JSON that `JournalWriter` writes, used before the general
/// `JSONDecoder` path because that path (Codable over a synthesized enum) was most of the cost of
/// opening a long journal (docs/PERFORMANCE.md).
///
/// It is deliberately strict: it accepts only what our encoder produces (no whitespace, every key
/// known, no key twice, integers without fractions or exponents, valid UTF-8, no lone surrogates)
/// and answers nil for anything else, including event kinds it does not know. nil is never an error: the caller then
/// decodes the same bytes with `JSONDecoder`, the reference, which either reads them or names the
/// problem. So whatever this accepts must decode to exactly what `JSONDecoder` gives; the
/// journal tests check that on random events with hostile strings.
enum FastEventDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> MeetingEvent? {
        guard let base = bytes.baseAddress else { return nil }
        var r = Reader(p: base, i: 0, end: bytes.count)
        // {"<case>":{<payload>}}
        guard r.take(UInt8(ascii: "{")), let name = r.key() else { return nil }
        guard let event = r.payload(of: name), r.take(UInt8(ascii: "}")), r.i == r.end else { return nil }
        return event
    }
}

/// A JSON object key, as raw ASCII bytes (a key with an escape or non-ASCII byte is not one of ours).
private struct Key {
    var p: UnsafePointer<UInt8>
    var count: Int

    /// Lets `switch key { case "caseRef": … }` compare bytes without making a String.
    static func ~= (pattern: StaticString, key: Key) -> Bool {
        pattern.utf8CodeUnitCount == key.count && memcmp(pattern.utf8Start, key.p, key.count) == 0
    }
}

private struct Reader {
    let p: UnsafePointer<UInt8>
    var i: Int
    let end: Int

    // MARK: Tokens

    mutating func take(_ byte: UInt8) -> Bool {
        guard i < end, p[i] == byte else { return false }
        i += 1
        return true
    }

    var next: UInt8? { i < end ? p[i] : nil }

    /// `"key":` — the key itself must be plain ASCII without escapes.
    mutating func key() -> Key? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = i
        while i < end, p[i] != UInt8(ascii: "\"") {
            if p[i] == UInt8(ascii: "\\") || p[i] >= 0x80 || p[i] < 0x20 { return nil }
            i += 1
        }
        let k = Key(p: p + start, count: i - start)
        guard take(UInt8(ascii: "\"")), take(UInt8(ascii: ":")) else { return nil }
        return k
    }

    /// Runs `field` for each key of an object, `{}` included. false if the object is malformed
    /// or `field` refused a key.
    mutating func object(_ field: (inout Reader, Key) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            guard let k = key(), field(&self, k) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    mutating func null() -> Bool {
        guard end - i >= 4, p[i] == UInt8(ascii: "n"), p[i + 1] == UInt8(ascii: "u"), p[i + 2] == UInt8(ascii: "l"),
              p[i + 3] == UInt8(ascii: "l") else { return false }
        i += 4
        return true
    }

    mutating func bool() -> Bool? {
        if end - i >= 4, p[i] == UInt8(ascii: "t"), p[i + 1] == UInt8(ascii: "r"), p[i + 2] == UInt8(ascii: "u"),
           p[i + 3] == UInt8(ascii: "e") { i += 4; return true }
        if end - i >= 5, p[i] == UInt8(ascii: "f"), p[i + 1] == UInt8(ascii: "a"), p[i + 2] == UInt8(ascii: "l"),
           p[i + 3] == UInt8(ascii: "s"), p[i + 4] == UInt8(ascii: "e") { i += 5; return false }
        return nil
    }

    /// A JSON integer as our encoder writes one: `-`?, then `0` or a digit run not starting with 0.
    /// Anything with a fraction or exponent, or out of range, is left to JSONDecoder.
    mutating func int() -> Int? {
        let negative = take(UInt8(ascii: "-"))
        let start = i
        var n = 0
        while i < end, p[i] >= 0x30, p[i] <= 0x39 {
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int(p[i] - 0x30)) : m.addingReportingOverflow(Int(p[i] - 0x30))
            if o1 || o2 { return nil }
            n = s
            i += 1
        }
        let digits = i - start
        if digits == 0 || (digits > 1 && p[start] == 0x30) { return nil }
        if let c = next, c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { return nil }
        return n
    }

    /// A JSON string. Unescaped runs are copied as they are (validated as UTF-8); escapes are
    /// decoded into a scratch buffer. Raw control characters, invalid UTF-8 and lone surrogates: nil.
    mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = i
        while i < end {
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                let s = Reader.makeString(UnsafeBufferPointer(start: p + start, count: i - start))
                i += 1
                return s
            }
            if c == UInt8(ascii: "\\") { return escapedString(from: start) }
            if c < 0x20 { return nil }
            i += 1
        }
        return nil
    }

    private mutating func escapedString(from start: Int) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(i - start + 16)
        out.append(contentsOf: UnsafeBufferPointer(start: p + start, count: i - start))
        while i < end {
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return out.withUnsafeBufferPointer(Reader.makeString)
            }
            if c < 0x20 { return nil }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            i += 1
            guard i < end else { return nil }
            let e = p[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var v = hex4() else { return nil }
                if (0xD800...0xDBFF).contains(v) {
                    // A high surrogate must be followed by an escaped low one.
                    guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(v) {
                    return nil
                }
                guard let scalar = Unicode.Scalar(v) else { return nil }
                out.append(contentsOf: UTF8.encode(scalar)!)
            default: return nil
            }
        }
        return nil
    }

    /// A String from UTF-8 bytes, nil if they are not valid UTF-8. Most strings in a journal are
    /// ASCII, which cannot be invalid: those skip the generic `String(validating:as:)`, which
    /// profiling showed at over a thousand instructions a string.
    static func makeString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    private mutating func hex4() -> UInt32? {
        guard end - i >= 4 else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = p[i]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    // MARK: Values of the model

    /// A date. Our encoder writes `"yyyy-mm-dd"`: read straight from the digits, it gives exactly
    /// what `CalendarDate.parse` gives for that text (which costs far more: it trims and splits
    /// a String). Any other text goes through `CalendarDate.parse` itself.
    mutating func date() -> CalendarDate? {
        if end - i >= 12, p[i] == UInt8(ascii: "\""), p[i + 5] == UInt8(ascii: "-"), p[i + 8] == UInt8(ascii: "-"),
           p[i + 11] == UInt8(ascii: "\"") {
            func digits(_ from: Int, _ count: Int) -> Int? {
                var n = 0
                for k in from..<(from + count) {
                    let d = p[k] &- 0x30
                    guard d <= 9 else { return nil }
                    n = n * 10 + Int(d)
                }
                return n
            }
            if let y = digits(i + 1, 4), let m = digits(i + 6, 2), let d = digits(i + 9, 2) {
                i += 12
                return CalendarDate(year: y, month: m, day: d)
            }
        }
        return string().flatMap(CalendarDate.parse)
    }
    mutating func raw<T: RawRepresentable>(_: T.Type) -> T? where T.RawValue == String { string().flatMap(T.init(rawValue:)) }

    /// An optional value: `null` or the value. (JSONDecoder reads `null` as absent too.)
    mutating func optional<T>(_ value: (inout Reader) -> T?) -> T?? {
        if null() { return .some(nil) }
        guard let v = value(&self) else { return nil }
        return .some(v)
    }

    mutating func array<T>(_ element: (inout Reader) -> T?) -> [T]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var out: [T] = []
        if take(UInt8(ascii: "]")) { return out }
        repeat {
            guard let e = element(&self) else { return nil }
            out.append(e)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? out : nil
    }

    // MARK: Events

    /// `{…}` for the event `name`, then nothing else but the closing brace the caller takes.
    mutating func payload(of name: Key) -> MeetingEvent? {
        switch name {
        case "meetingStarted": return empty(.meetingStarted)
        case "meetingPaused": return empty(.meetingPaused)
        case "meetingResumed": return empty(.meetingResumed)
        case "confidentialityStatementRead": return empty(.confidentialityStatementRead)
        case "meetingClosed": return empty(.meetingClosed)
        case "discussionStarted": return caseRefOnly().map { .discussionStarted(caseRef: $0) }
        case "discussionPaused": return caseRefOnly().map { .discussionPaused(caseRef: $0) }
        case "discussionResumed": return caseRefOnly().map { .discussionResumed(caseRef: $0) }
        case "noteAdded": return noteAdded()
        case "actionAgreed": return actionAgreed()
        case "outstandingActionsImported": return outstandingActionsImported()
        case "feedbackAgreed": return feedbackAgreed()
        case "discussionEnded": return discussionEnded()
        case "caseQueued": return caseQueued()
        case "attendanceRecorded": return attendanceRecorded()
        case "outstandingActionReviewed": return outstandingActionReviewed()
        case "trackerUpdated": return trackerUpdated()
        case "meetingCreated": return meetingCreated()
        default: return otherEvent(name)
        }
    }

    private mutating func empty(_ e: MeetingEvent) -> MeetingEvent? {
        take(UInt8(ascii: "{")) && take(UInt8(ascii: "}")) ? e : nil
    }

    private mutating func caseRefOnly() -> String? {
        var ref: String?
        guard object({ r, k in
            guard case "caseRef" = k, ref == nil else { return false }
            ref = r.string()
            return ref != nil
        }) else { return nil }
        return ref
    }

    private mutating func noteAdded() -> MeetingEvent? {
        var ref: String?, agency: String?, kind: NoteKind?, text: String?
        guard object({ r, k in
            switch k {
            case "caseRef": guard ref == nil else { return false }; ref = r.string(); return ref != nil
            case "agency": guard agency == nil else { return false }; agency = r.string(); return agency != nil
            case "kind": guard kind == nil else { return false }; kind = r.raw(NoteKind.self); return kind != nil
            case "text": guard text == nil else { return false }; text = r.string(); return text != nil
            default: return false
            }
        }), let ref, let agency, let kind, let text else { return nil }
        return .noteAdded(caseRef: ref, agency: agency, kind: kind, text: text)
    }

    private mutating func discussionEnded() -> MeetingEvent? {
        var ref: String?, reason: String??
        guard object({ r, k in
            switch k {
            case "caseRef": guard ref == nil else { return false }; ref = r.string(); return ref != nil
            case "overrunReason": guard reason == nil else { return false }; reason = r.optional { $0.string() }; return reason != nil
            default: return false
            }
        }), let ref else { return nil }
        return .discussionEnded(caseRef: ref, overrunReason: reason ?? nil)
    }

    private mutating func feedbackAgreed() -> MeetingEvent? {
        var ref: String?, feedback: VictimFeedback?
        guard object({ r, k in
            switch k {
            case "caseRef": guard ref == nil else { return false }; ref = r.string(); return ref != nil
            case "feedback": guard feedback == nil else { return false }; feedback = r.victimFeedback(); return feedback != nil
            default: return false
            }
        }), let ref, let feedback else { return nil }
        return .feedbackAgreed(caseRef: ref, feedback: feedback)
    }

    private mutating func victimFeedback() -> VictimFeedback? {
        var agency: String?, route: FeedbackRoute?, detail: String?
        guard object({ r, k in
            switch k {
            case "agency": guard agency == nil else { return false }; agency = r.string(); return agency != nil
            case "route": guard route == nil else { return false }; route = r.raw(FeedbackRoute.self); return route != nil
            case "detail": guard detail == nil else { return false }; detail = r.string(); return detail != nil
            default: return false
            }
        }), let agency, let route, let detail else { return nil }
        return VictimFeedback(agency: agency, route: route, detail: detail)
    }

    private mutating func actionAgreed() -> MeetingEvent? {
        var action: Action?
        guard object({ r, k in
            guard case "action" = k, action == nil else { return false }
            action = r.action()
            return action != nil
        }), let action else { return nil }
        return .actionAgreed(action: action)
    }

    /// Once per meeting, but with every action still open (150 in a busy Marac): through
    /// JSONDecoder it was a third of reading ten years of meetings (docs/PERFORMANCE.md).
    private mutating func outstandingActionsImported() -> MeetingEvent? {
        var actions: [OutstandingAction]?
        guard object({ r, k in
            guard case "actions" = k, actions == nil else { return false }
            actions = r.array { $0.outstandingAction() }
            return actions != nil
        }), let actions else { return nil }
        return .outstandingActionsImported(actions: actions)
    }

    /// Once per journal, but the first line of every journal of a folder: through JSONDecoder
    /// (a decoder made per journal, and the local protocol's 18 fields) it cost a fifth of hashing
    /// the whole folder (docs/PERFORMANCE.md).
    private mutating func meetingCreated() -> MeetingEvent? {
        var info: MeetingInfo?, rules: LocalProtocol?
        guard object({ r, k in
            switch k {
            case "info": guard info == nil else { return false }; info = r.meetingInfo(); return info != nil
            case "rules": guard rules == nil else { return false }; rules = r.localProtocol(); return rules != nil
            default: return false
            }
        }), let info, let rules else { return nil }
        return .meetingCreated(info: info, rules: rules)
    }

    private mutating func meetingInfo() -> MeetingInfo? {
        var id: String?, date: CalendarDate?, area: String?, chair: String?, venue: String?
        var start: Int?, duration: Int?, training: Bool??
        guard object({ r, k in
            switch k {
            case "id": guard id == nil else { return false }; id = r.string(); return id != nil
            case "date": guard date == nil else { return false }; date = r.date(); return date != nil
            case "area": guard area == nil else { return false }; area = r.string(); return area != nil
            case "chair": guard chair == nil else { return false }; chair = r.string(); return chair != nil
            case "venue": guard venue == nil else { return false }; venue = r.string(); return venue != nil
            case "plannedStartMinutes": guard start == nil else { return false }; start = r.int(); return start != nil
            case "plannedDurationMinutes": guard duration == nil else { return false }; duration = r.int(); return duration != nil
            case "training": guard training == nil else { return false }; training = r.optional { $0.bool() }; return training != nil
            default: return false
            }
        }), let id, let date, let area, let chair, let venue, let start, let duration else { return nil }
        var info = MeetingInfo(id: id, date: date, area: area, chair: chair, venue: venue,
                               plannedStartMinutes: start, plannedDurationMinutes: duration)
        info.training = training ?? nil
        return info
    }

    private mutating func localProtocol() -> LocalProtocol? {
        var agencies: [String]?, dash: Int?, incidents: Int?, escalationWindow: Int?, repeatWindow: Int?
        var target: Int?, limit: Int?, statement: String?
        var victimNames: Bool??, chaserText: String??, timeZone: String??, minuteTaker: String??
        var circulation: [String]??, meetingDates: [CalendarDate]??, packIdentifies: String??, minutesIdentify: String??
        var plannedStart: Int??, plannedEnd: Int??
        guard object({ r, k in
            switch k {
            case "agencies": guard agencies == nil else { return false }; agencies = r.array { $0.string() }; return agencies != nil
            case "dashThreshold": guard dash == nil else { return false }; dash = r.int(); return dash != nil
            case "escalationIncidents": guard incidents == nil else { return false }; incidents = r.int(); return incidents != nil
            case "escalationWindowMonths":
                guard escalationWindow == nil else { return false }; escalationWindow = r.int(); return escalationWindow != nil
            case "repeatWindowMonths": guard repeatWindow == nil else { return false }; repeatWindow = r.int(); return repeatWindow != nil
            case "targetMinutes": guard target == nil else { return false }; target = r.int(); return target != nil
            case "limitMinutes": guard limit == nil else { return false }; limit = r.int(); return limit != nil
            case "confidentialityStatement": guard statement == nil else { return false }; statement = r.string(); return statement != nil
            case "chaserVictimNames": guard victimNames == nil else { return false }; victimNames = r.optional { $0.bool() }; return victimNames != nil
            case "chaserText": guard chaserText == nil else { return false }; chaserText = r.optional { $0.string() }; return chaserText != nil
            case "timeZone": guard timeZone == nil else { return false }; timeZone = r.optional { $0.string() }; return timeZone != nil
            case "minuteTaker": guard minuteTaker == nil else { return false }; minuteTaker = r.optional { $0.string() }; return minuteTaker != nil
            case "circulation":
                guard circulation == nil else { return false }; circulation = r.optional { $0.array { $0.string() } }; return circulation != nil
            case "meetingDates":
                guard meetingDates == nil else { return false }; meetingDates = r.optional { $0.array { $0.date() } }; return meetingDates != nil
            case "packIdentifies":
                guard packIdentifies == nil else { return false }; packIdentifies = r.optional { $0.string() }; return packIdentifies != nil
            case "minutesIdentify":
                guard minutesIdentify == nil else { return false }; minutesIdentify = r.optional { $0.string() }; return minutesIdentify != nil
            case "plannedStartMinutes":
                guard plannedStart == nil else { return false }; plannedStart = r.optional { $0.int() }; return plannedStart != nil
            case "plannedEndMinutes":
                guard plannedEnd == nil else { return false }; plannedEnd = r.optional { $0.int() }; return plannedEnd != nil
            default: return false
            }
        }), let agencies, let dash, let incidents, let escalationWindow, let repeatWindow, let target, let limit, let statement
        else { return nil }
        var rules = LocalProtocol(agencies: agencies, dashThreshold: dash, escalationIncidents: incidents,
                                  escalationWindowMonths: escalationWindow, repeatWindowMonths: repeatWindow,
                                  targetMinutes: target, limitMinutes: limit, confidentialityStatement: statement)
        rules.chaserVictimNames = victimNames ?? nil
        rules.chaserText = chaserText ?? nil
        rules.timeZone = timeZone ?? nil
        rules.minuteTaker = minuteTaker ?? nil
        rules.circulation = circulation ?? nil
        rules.meetingDates = meetingDates ?? nil
        rules.packIdentifies = packIdentifies ?? nil
        rules.minutesIdentify = minutesIdentify ?? nil
        rules.plannedStartMinutes = plannedStart ?? nil
        rules.plannedEndMinutes = plannedEnd ?? nil
        return rules
    }

    /// Every open action reviewed at every meeting (~36,000 over ten years): read directly, not
    /// through `otherEvent`'s dictionaries, which were most of its cost.
    private mutating func outstandingActionReviewed() -> MeetingEvent? {
        var id: String?, outcome: ReviewOutcome?, note: String?
        guard object({ r, k in
            switch k {
            case "actionID": guard id == nil else { return false }; id = r.string(); return id != nil
            case "outcome": guard outcome == nil else { return false }; outcome = r.raw(ReviewOutcome.self); return outcome != nil
            case "note": guard note == nil else { return false }; note = r.string(); return note != nil
            default: return false
            }
        }), let id, let outcome, let note else { return nil }
        return .outstandingActionReviewed(actionID: id, outcome: outcome, note: note)
    }

    /// The tracker journal's updates between meetings: one file, so through JSONDecoder its
    /// lines were read on one core after every meeting had been read on both (docs/PERFORMANCE.md).
    private mutating func trackerUpdated() -> MeetingEvent? {
        var update: TrackerUpdate?
        guard object({ r, k in
            guard case "update" = k, update == nil else { return false }
            update = r.trackerUpdate()
            return update != nil
        }), let update else { return nil }
        return .trackerUpdated(update: update)
    }

    private mutating func trackerUpdate() -> TrackerUpdate? {
        var id: String?, kind: TrackerUpdate.Kind?, on: CalendarDate?, by: String?, note: String?
        var due: CalendarDate??, agency: String??, source: String??
        guard object({ r, k in
            switch k {
            case "actionID": guard id == nil else { return false }; id = r.string(); return id != nil
            case "kind": guard kind == nil else { return false }; kind = r.raw(TrackerUpdate.Kind.self); return kind != nil
            case "on": guard on == nil else { return false }; on = r.date(); return on != nil
            case "by": guard by == nil else { return false }; by = r.string(); return by != nil
            case "note": guard note == nil else { return false }; note = r.string(); return note != nil
            case "due": guard due == nil else { return false }; due = r.optional { $0.date() }; return due != nil
            case "agency": guard agency == nil else { return false }; agency = r.optional { $0.string() }; return agency != nil
            case "source": guard source == nil else { return false }; source = r.optional { $0.string() }; return source != nil
            default: return false
            }
        }), let id, let kind, let on, let by, let note else { return nil }
        return TrackerUpdate(actionID: id, kind: kind, on: on, by: by, note: note, due: due ?? nil, agency: agency ?? nil,
                             source: source ?? nil)
    }

    private mutating func outstandingAction() -> OutstandingAction? {
        var id: String?, meetingDate: CalendarDate?, ref: String?, text: String?, owner: String?
        var due: CalendarDate??, category: ActionCategory??, progress: ActionProgress??
        guard object({ r, k in
            switch k {
            case "id": guard id == nil else { return false }; id = r.string(); return id != nil
            case "meetingDate": guard meetingDate == nil else { return false }; meetingDate = r.date(); return meetingDate != nil
            case "progress": guard progress == nil else { return false }; progress = r.optional { $0.actionProgress() }; return progress != nil
            case "caseRef": guard ref == nil else { return false }; ref = r.string(); return ref != nil
            case "text": guard text == nil else { return false }; text = r.string(); return text != nil
            case "owner": guard owner == nil else { return false }; owner = r.string(); return owner != nil
            case "due": guard due == nil else { return false }; due = r.optional { $0.date() }; return due != nil
            case "category": guard category == nil else { return false }; category = r.optional { $0.raw(ActionCategory.self) }; return category != nil
            default: return false
            }
        }), let id, let meetingDate, let ref, let text, let owner else { return nil }
        return OutstandingAction(id: id, meetingDate: meetingDate, caseRef: ref, text: text, owner: owner, due: due ?? nil,
                                 category: category ?? nil, progress: progress ?? nil)
    }

    /// `OutstandingAction.progress` (format 2): read in the same pass as its action.
    private mutating func actionProgress() -> ActionProgress? {
        var kind: ActionProgress.Kind?, on: CalendarDate?, note: String?, by: String??, agency: String??
        guard object({ r, k in
            switch k {
            case "kind": guard kind == nil else { return false }; kind = r.raw(ActionProgress.Kind.self); return kind != nil
            case "on": guard on == nil else { return false }; on = r.date(); return on != nil
            case "note": guard note == nil else { return false }; note = r.string(); return note != nil
            case "by": guard by == nil else { return false }; by = r.optional { $0.string() }; return by != nil
            case "agency": guard agency == nil else { return false }; agency = r.optional { $0.string() }; return agency != nil
            default: return false
            }
        }), let kind, let on, let note else { return nil }
        return ActionProgress(kind: kind, on: on, note: note, by: by ?? nil, agency: agency ?? nil)
    }

    private mutating func action() -> Action? {
        var id: String?, ref: String?, text: String?, owner: String?, status: ActionStatus?, escalated: Bool?
        var due: CalendarDate??, category: ActionCategory??, history: [ActionUpdate]?
        guard object({ r, k in
            switch k {
            case "id": guard id == nil else { return false }; id = r.string(); return id != nil
            case "caseRef": guard ref == nil else { return false }; ref = r.string(); return ref != nil
            case "text": guard text == nil else { return false }; text = r.string(); return text != nil
            case "owner": guard owner == nil else { return false }; owner = r.string(); return owner != nil
            case "status": guard status == nil else { return false }; status = r.raw(ActionStatus.self); return status != nil
            case "escalated": guard escalated == nil else { return false }; escalated = r.bool(); return escalated != nil
            case "due": guard due == nil else { return false }; due = r.optional { $0.date() }; return due != nil
            case "category": guard category == nil else { return false }; category = r.optional { $0.raw(ActionCategory.self) }; return category != nil
            case "history": guard history == nil else { return false }; history = r.array { $0.actionUpdate() }; return history != nil
            default: return false
            }
        }), let id, let ref, let text, let owner, let status, let escalated, let history else { return nil }
        return Action(id: id, caseRef: ref, text: text, owner: owner, due: due ?? nil, category: category ?? nil,
                      status: status, escalated: escalated, history: history)
    }

    private mutating func actionUpdate() -> ActionUpdate? {
        var at: Int?, status: ActionStatus?, escalated: Bool?, note: String?
        guard object({ r, k in
            switch k {
            case "at": guard at == nil else { return false }; at = r.int(); return at != nil
            case "status": guard status == nil else { return false }; status = r.raw(ActionStatus.self); return status != nil
            case "escalated": guard escalated == nil else { return false }; escalated = r.bool(); return escalated != nil
            case "note": guard note == nil else { return false }; note = r.string(); return note != nil
            default: return false
            }
        }), let at, let status, let escalated, let note else { return nil }
        return ActionUpdate(at: Int64(at), status: status, escalated: escalated, note: note)
    }

    private mutating func attendanceRecorded() -> MeetingEvent? {
        var attendance: Attendance?
        guard object({ r, k in
            guard case "attendance" = k, attendance == nil else { return false }
            attendance = r.attendance()
            return attendance != nil
        }), let attendance else { return nil }
        return .attendanceRecorded(attendance: attendance)
    }

    private mutating func attendance() -> Attendance? {
        var agency: String?, rep: String?, role: AttendanceRole?
        var agreed: Bool??, sent: Bool??, received: CalendarDate??, left: String??
        guard object({ r, k in
            switch k {
            case "agency": guard agency == nil else { return false }; agency = r.string(); return agency != nil
            case "representative": guard rep == nil else { return false }; rep = r.string(); return rep != nil
            case "role": guard role == nil else { return false }; role = r.raw(AttendanceRole.self); return role != nil
            case "confidentialityAgreed": guard agreed == nil else { return false }; agreed = r.optional { $0.bool() }; return agreed != nil
            case "informationSent": guard sent == nil else { return false }; sent = r.optional { $0.bool() }; return sent != nil
            case "informationReceived": guard received == nil else { return false }; received = r.optional { $0.date() }; return received != nil
            case "leftAfterCase": guard left == nil else { return false }; left = r.optional { $0.string() }; return left != nil
            default: return false
            }
        }), let agency, let rep, let role else { return nil }
        return Attendance(agency: agency, representative: rep, role: role, confidentialityAgreed: agreed ?? nil,
                          informationSent: sent ?? nil, informationReceived: received ?? nil, leftAfterCase: left ?? nil)
    }

    private mutating func caseQueued() -> MeetingEvent? {
        var agenda: AgendaCase?, late: Bool?
        guard object({ r, k in
            switch k {
            case "agendaCase": guard agenda == nil else { return false }; agenda = r.agendaCase(); return agenda != nil
            case "late": guard late == nil else { return false }; late = r.bool(); return late != nil
            default: return false
            }
        }), let agenda, let late else { return nil }
        return .caseQueued(agendaCase: agenda, late: late)
    }

    private mutating func agendaCase() -> AgendaCase? {
        var ref: String?, victim: String?, referring: String?, basis: ReferralBasis?, hearings: [CalendarDate]?
        var involved: [String]?, notification: Bool?
        var perpetrator: String??, dash: Int??, referralDate: CalendarDate??, repeatFlag: Bool??, children: Int??
        var sex: String??, minoritised: Bool??, lgbt: Bool??, disabled: Bool??, aged16to17: Bool??, under18: Bool??
        guard object({ r, k in
            switch k {
            case "caseRef": guard ref == nil else { return false }; ref = r.string(); return ref != nil
            case "victim": guard victim == nil else { return false }; victim = r.string(); return victim != nil
            case "referringAgency": guard referring == nil else { return false }; referring = r.string(); return referring != nil
            case "referralBasis": guard basis == nil else { return false }; basis = r.raw(ReferralBasis.self); return basis != nil
            case "previousHearings": guard hearings == nil else { return false }; hearings = r.array { $0.date() }; return hearings != nil
            case "agenciesInvolved": guard involved == nil else { return false }; involved = r.array { $0.string() }; return involved != nil
            case "notification": guard notification == nil else { return false }; notification = r.bool(); return notification != nil
            case "perpetrator": guard perpetrator == nil else { return false }; perpetrator = r.optional { $0.string() }; return perpetrator != nil
            case "dashScore": guard dash == nil else { return false }; dash = r.optional { $0.int() }; return dash != nil
            case "referralDate": guard referralDate == nil else { return false }; referralDate = r.optional { $0.date() }; return referralDate != nil
            case "repeatFlag": guard repeatFlag == nil else { return false }; repeatFlag = r.optional { $0.bool() }; return repeatFlag != nil
            case "children": guard children == nil else { return false }; children = r.optional { $0.int() }; return children != nil
            case "victimSex": guard sex == nil else { return false }; sex = r.optional { $0.string() }; return sex != nil
            case "minoritised": guard minoritised == nil else { return false }; minoritised = r.optional { $0.bool() }; return minoritised != nil
            case "lgbt": guard lgbt == nil else { return false }; lgbt = r.optional { $0.bool() }; return lgbt != nil
            case "disabled": guard disabled == nil else { return false }; disabled = r.optional { $0.bool() }; return disabled != nil
            case "aged16to17": guard aged16to17 == nil else { return false }; aged16to17 = r.optional { $0.bool() }; return aged16to17 != nil
            case "perpetratorUnder18": guard under18 == nil else { return false }; under18 = r.optional { $0.bool() }; return under18 != nil
            default: return false
            }
        }), let ref, let victim, let referring, let basis, let hearings, let involved, let notification else { return nil }
        return AgendaCase(caseRef: ref, victim: victim, perpetrator: perpetrator ?? nil, referringAgency: referring,
                          referralBasis: basis, dashScore: dash ?? nil, referralDate: referralDate ?? nil,
                          repeatFlag: repeatFlag ?? nil, previousHearings: hearings, children: children ?? nil,
                          victimSex: sex ?? nil, minoritised: minoritised ?? nil, lgbt: lgbt ?? nil, disabled: disabled ?? nil,
                          aged16to17: aged16to17 ?? nil, perpetratorUnder18: under18 ?? nil, agenciesInvolved: involved,
                          notification: notification)
    }

    /// The remaining events: a flat payload of strings, ints, bools and enum raw values. Fields are
    /// gathered by name and the event built once the object closes.
    private mutating func otherEvent(_ name: Key) -> MeetingEvent? {
        var strings: [String: String] = [:]
        var ints: [String: Int] = [:]
        var bools: [String: Bool] = [:]
        var nulls: Set<String> = []
        // Which JSON type each known field has; anything else is refused.
        enum Kind { case string, int, bool, optionalDate, optionalString }
        func kind(_ k: Key) -> (String, Kind)? {
            switch k {
            case "caseRef": return ("caseRef", .string)
            case "reason": return ("reason", .string)
            case "agency": return ("agency", .string)
            case "representative": return ("representative", .string)
            case "afterCase": return ("afterCase", .string)
            case "actionID": return ("actionID", .string)
            case "outcome": return ("outcome", .string)
            case "note": return ("note", .string)
            case "prompt": return ("prompt", .string)
            case "text": return ("text", .string)
            case "owner": return ("owner", .string)
            case "status": return ("status", .string)
            case "due": return ("due", .optionalDate)
            case "category": return ("category", .optionalString)
            case "toPosition": return ("toPosition", .int)
            case "minutes": return ("minutes", .int)
            case "seq": return ("seq", .int)
            case "toNextMeeting": return ("toNextMeeting", .bool)
            case "escalated": return ("escalated", .bool)
            default: return nil
            }
        }
        guard object({ r, k in
            guard let (field, type) = kind(k), strings[field] == nil, ints[field] == nil, bools[field] == nil,
                  !nulls.contains(field) else { return false }
            switch type {
            case .string: guard let s = r.string() else { return false }; strings[field] = s
            case .int: guard let n = r.int() else { return false }; ints[field] = n
            case .bool: guard let b = r.bool() else { return false }; bools[field] = b
            case .optionalDate, .optionalString:
                if r.null() { nulls.insert(field); return true }
                guard let s = r.string() else { return false }
                strings[field] = s
            }
            return true
        }) else { return nil }

        // Every field present must belong to the event, and every required one be there.
        func only(_ allowed: Set<String>) -> Bool {
            strings.keys.allSatisfy(allowed.contains) && ints.keys.allSatisfy(allowed.contains)
                && bools.keys.allSatisfy(allowed.contains) && nulls.allSatisfy(allowed.contains)
        }
        switch name {
        case "attendanceRemoved":
            guard only(["agency", "representative"]), let a = strings["agency"], let rep = strings["representative"] else { return nil }
            return .attendanceRemoved(agency: a, representative: rep)
        case "attendeeLeft":
            guard only(["agency", "representative", "afterCase"]), let a = strings["agency"], let rep = strings["representative"],
                  let after = strings["afterCase"] else { return nil }
            return .attendeeLeft(agency: a, representative: rep, afterCase: after)
        case "outstandingActionReviewed":
            guard only(["actionID", "outcome", "note"]), let id = strings["actionID"],
                  let outcome = strings["outcome"].flatMap(ReviewOutcome.init(rawValue:)), let note = strings["note"] else { return nil }
            return .outstandingActionReviewed(actionID: id, outcome: outcome, note: note)
        case "caseMoved":
            guard only(["caseRef", "toPosition"]), let ref = strings["caseRef"], let position = ints["toPosition"] else { return nil }
            return .caseMoved(caseRef: ref, toPosition: position)
        case "caseDeferred":
            guard only(["caseRef", "toNextMeeting", "reason"]), let ref = strings["caseRef"], let next = bools["toNextMeeting"],
                  let reason = strings["reason"] else { return nil }
            return .caseDeferred(caseRef: ref, toNextMeeting: next, reason: reason)
        case "caseWithdrawn":
            guard only(["caseRef", "reason"]), let ref = strings["caseRef"], let reason = strings["reason"] else { return nil }
            return .caseWithdrawn(caseRef: ref, reason: reason)
        case "bonusMinutesGranted":
            guard only(["caseRef", "minutes"]), let ref = strings["caseRef"], let minutes = ints["minutes"] else { return nil }
            return .bonusMinutesGranted(caseRef: ref, minutes: minutes)
        case "promptPassed":
            guard only(["caseRef", "prompt", "reason"]), let ref = strings["caseRef"], let prompt = strings["prompt"],
                  let reason = strings["reason"] else { return nil }
            return .promptPassed(caseRef: ref, prompt: prompt, reason: reason)
        case "actionAmended":
            guard only(["actionID", "text", "owner", "due", "category"]), let id = strings["actionID"], let text = strings["text"],
                  let owner = strings["owner"] else { return nil }
            var due: CalendarDate?
            if let d = strings["due"] { guard let parsed = CalendarDate.parse(d) else { return nil }; due = parsed }
            var category: ActionCategory?
            if let c = strings["category"] { guard let parsed = ActionCategory(rawValue: c) else { return nil }; category = parsed }
            return .actionAmended(actionID: id, text: text, owner: owner, due: due, category: category)
        case "actionWithdrawn":
            guard only(["actionID", "reason"]), let id = strings["actionID"], let reason = strings["reason"] else { return nil }
            return .actionWithdrawn(actionID: id, reason: reason)
        case "actionStatusUpdated":
            guard only(["actionID", "status", "escalated", "note"]), let id = strings["actionID"],
                  let status = strings["status"].flatMap(ActionStatus.init(rawValue:)), let escalated = bools["escalated"],
                  let note = strings["note"] else { return nil }
            return .actionStatusUpdated(actionID: id, status: status, escalated: escalated, note: note)
        case "meetingReopened":
            guard only(["reason"]), let reason = strings["reason"] else { return nil }
            return .meetingReopened(reason: reason)
        case "undone":
            guard only(["seq"]), let seq = ints["seq"] else { return nil }
            return .undone(seq: seq)
        default:
            return nil
        }
    }
}
