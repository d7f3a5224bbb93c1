import Foundation
import MaracCore
import Testing
@testable import MaracJournal

/// The fast event decoder must never disagree with JSONDecoder (the reference): whatever it
/// accepts decodes to the same event, and whatever it declines is left to JSONDecoder.
@Suite("Fast event decoder agrees with JSONDecoder")
struct FastDecoderTests {
    static let encoder = JournalFormat.makeEncoder()

    /// nil: declined (or the reference failed, which the caller checks separately).
    static func fast(_ json: [UInt8]) -> MeetingEvent? {
        json.withUnsafeBufferPointer { FastEventDecoder.decode($0) }
    }

    static func reference(_ json: [UInt8]) -> MeetingEvent? {
        try? JSONDecoder().decode(MeetingEvent.self, from: Data(json))
    }

    /// The property: if the fast path answers, the reference answers the same, byte for byte once re-encoded.
    static func agree(_ json: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        guard let f = fast(json) else { return }
        let r = reference(json)
        #expect(r != nil, "fast path read what JSONDecoder rejects: \(String(decoding: json, as: UTF8.self))", sourceLocation: sourceLocation)
        guard let r else { return }
        #expect(f == r, sourceLocation: sourceLocation)
        #expect((try? encoder.encode(f)) == (try? encoder.encode(r)), "re-encoded bytes differ", sourceLocation: sourceLocation)
    }

    static let pieces: [String] = [
        "plain", " ", "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\u{C}", "\n", "\r", "\t", "\u{1F}", "\u{7F}", "é", "e\u{301}",
        "🚪", "👩‍👩‍👧", "🏳️‍🌈", "\u{202E}", "\u{FEFF}", "\u{2028}", "\u{2029}", "中文", "ü", "\u{10FFFF}", "\u{FFFD}",
        "\\u0000", "\\ud800", "{", "}", "[", "]", ",", ":", "null", "true", "1e3",
    ]

    static func hostile(_ rng: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return ""
        case 1:
            // Very long: tens of kilobytes, with escapes sprinkled through.
            return (0..<Int.random(in: 2_000...8_000, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
        default:
            return (0..<Int.random(in: 1...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
        }
    }

    static func date(_ rng: inout SeededGenerator) -> CalendarDate {
        CalendarDate(dayNumber: Int.random(in: 0...40_000, using: &rng))
    }

    static func maybe<T>(_ rng: inout SeededGenerator, _ make: (inout SeededGenerator) -> T) -> T? {
        Bool.random(using: &rng) ? make(&rng) : nil
    }

    static func randomAction(_ rng: inout SeededGenerator) -> Action {
        Action(id: hostile(&rng), caseRef: hostile(&rng), text: hostile(&rng), owner: hostile(&rng), due: maybe(&rng, date),
               category: ActionCategory.allCases.randomElement(using: &rng).flatMap { Bool.random(using: &rng) ? $0 : nil },
               status: ActionStatus.allCases.randomElement(using: &rng)!, escalated: Bool.random(using: &rng),
               history: (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                   ActionUpdate(at: Int64.random(in: -1_000...Int64.max, using: &rng), status: ActionStatus.allCases.randomElement(using: &rng)!,
                                escalated: Bool.random(using: &rng), note: hostile(&rng))
               })
    }

    static func randomCase(_ rng: inout SeededGenerator) -> AgendaCase {
        AgendaCase(caseRef: hostile(&rng), victim: hostile(&rng), perpetrator: maybe(&rng, hostile), referringAgency: hostile(&rng),
                   referralBasis: ReferralBasis.allCases.randomElement(using: &rng)!,
                   dashScore: maybe(&rng) { Int.random(in: Int.min...Int.max, using: &$0) }, referralDate: maybe(&rng, date),
                   repeatFlag: maybe(&rng) { Bool.random(using: &$0) },
                   previousHearings: (0..<Int.random(in: 0...3, using: &rng)).map { _ in date(&rng) },
                   children: maybe(&rng) { Int.random(in: -3...12, using: &$0) }, victimSex: maybe(&rng, hostile),
                   minoritised: maybe(&rng) { Bool.random(using: &$0) }, lgbt: maybe(&rng) { Bool.random(using: &$0) },
                   disabled: maybe(&rng) { Bool.random(using: &$0) }, aged16to17: maybe(&rng) { Bool.random(using: &$0) },
                   perpetratorUnder18: maybe(&rng) { Bool.random(using: &$0) },
                   agenciesInvolved: (0..<Int.random(in: 0...4, using: &rng)).map { _ in hostile(&rng) },
                   notification: Bool.random(using: &rng))
    }

    static func randomInfo(_ rng: inout SeededGenerator) -> MeetingInfo {
        var info = MeetingInfo(id: hostile(&rng), date: date(&rng), area: hostile(&rng), chair: hostile(&rng), venue: hostile(&rng),
                               plannedStartMinutes: Int.random(in: Int.min...Int.max, using: &rng),
                               plannedDurationMinutes: Int.random(in: -5...600, using: &rng))
        info.training = maybe(&rng) { Bool.random(using: &$0) }
        return info
    }

    static func randomRules(_ rng: inout SeededGenerator) -> LocalProtocol {
        if Bool.random(using: &rng) { return .national }
        let int = { (rng: inout SeededGenerator) in Int.random(in: Int.min...Int.max, using: &rng) }
        var rules = LocalProtocol(agencies: (0..<Int.random(in: 0...5, using: &rng)).map { _ in hostile(&rng) },
                                  dashThreshold: int(&rng), escalationIncidents: int(&rng), escalationWindowMonths: int(&rng),
                                  repeatWindowMonths: int(&rng), targetMinutes: int(&rng), limitMinutes: int(&rng),
                                  confidentialityStatement: hostile(&rng))
        rules.chaserVictimNames = maybe(&rng) { Bool.random(using: &$0) }
        rules.chaserText = maybe(&rng, hostile)
        rules.timeZone = maybe(&rng, hostile)
        rules.minuteTaker = maybe(&rng, hostile)
        rules.circulation = maybe(&rng) { r in (0..<Int.random(in: 0...3, using: &r)).map { _ in hostile(&r) } }
        rules.meetingDates = maybe(&rng) { r in (0..<Int.random(in: 0...3, using: &r)).map { _ in date(&r) } }
        rules.packIdentifies = maybe(&rng, hostile)
        rules.minutesIdentify = maybe(&rng, hostile)
        rules.plannedStartMinutes = maybe(&rng, int)
        rules.plannedEndMinutes = maybe(&rng, int)
        return rules
    }

    /// One event of every kind, with random and hostile contents.
    static func randomEvents(_ rng: inout SeededGenerator) -> [MeetingEvent] {
        let s = { (rng: inout SeededGenerator) in hostile(&rng) }
        return [
            .meetingCreated(info: randomInfo(&rng), rules: randomRules(&rng)),
            .caseQueued(agendaCase: randomCase(&rng), late: Bool.random(using: &rng)),
            .outstandingActionsImported(actions: (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                OutstandingAction(id: s(&rng), meetingDate: date(&rng), caseRef: s(&rng), text: s(&rng), owner: s(&rng),
                                  due: maybe(&rng, date), category: maybe(&rng) { ActionCategory.allCases.randomElement(using: &$0)! },
                                  progress: maybe(&rng) { r in
                                      ActionProgress(kind: ActionProgress.Kind.allCases.randomElement(using: &r)!, on: date(&r), note: s(&r),
                                                     by: maybe(&r, hostile), agency: maybe(&r, hostile))
                                  })
            }),
            .meetingStarted, .meetingPaused, .meetingResumed, .confidentialityStatementRead, .meetingClosed,
            .attendanceRecorded(attendance: Attendance(agency: s(&rng), representative: s(&rng), role: AttendanceRole.allCases.randomElement(using: &rng)!,
                                                       confidentialityAgreed: maybe(&rng) { Bool.random(using: &$0) },
                                                       informationSent: maybe(&rng) { Bool.random(using: &$0) },
                                                       informationReceived: maybe(&rng, date), leftAfterCase: maybe(&rng, hostile))),
            .attendanceRemoved(agency: s(&rng), representative: s(&rng)),
            .attendeeLeft(agency: s(&rng), representative: s(&rng), afterCase: s(&rng)),
            .outstandingActionReviewed(actionID: s(&rng), outcome: ReviewOutcome.allCases.randomElement(using: &rng)!, note: s(&rng)),
            .caseMoved(caseRef: s(&rng), toPosition: Int.random(in: Int.min...Int.max, using: &rng)),
            .caseDeferred(caseRef: s(&rng), toNextMeeting: Bool.random(using: &rng), reason: s(&rng)),
            .caseWithdrawn(caseRef: s(&rng), reason: s(&rng)),
            .discussionStarted(caseRef: s(&rng)), .discussionPaused(caseRef: s(&rng)), .discussionResumed(caseRef: s(&rng)),
            .bonusMinutesGranted(caseRef: s(&rng), minutes: Int.random(in: -10...Int.max, using: &rng)),
            .discussionEnded(caseRef: s(&rng), overrunReason: maybe(&rng, hostile)),
            .noteAdded(caseRef: s(&rng), agency: s(&rng), kind: NoteKind.allCases.randomElement(using: &rng)!, text: s(&rng)),
            .feedbackAgreed(caseRef: s(&rng), feedback: VictimFeedback(agency: s(&rng), route: FeedbackRoute.allCases.randomElement(using: &rng)!,
                                                                       detail: s(&rng))),
            .promptPassed(caseRef: s(&rng), prompt: s(&rng), reason: s(&rng)),
            .actionAgreed(action: randomAction(&rng)),
            .actionAmended(actionID: s(&rng), text: s(&rng), owner: s(&rng), due: maybe(&rng, date),
                           category: ActionCategory.allCases.randomElement(using: &rng).flatMap { Bool.random(using: &rng) ? $0 : nil }),
            .actionWithdrawn(actionID: s(&rng), reason: s(&rng)),
            .actionStatusUpdated(actionID: s(&rng), status: ActionStatus.allCases.randomElement(using: &rng)!,
                                 escalated: Bool.random(using: &rng), note: s(&rng)),
            .meetingReopened(reason: s(&rng)),
            .undone(seq: Int.random(in: Int.min...Int.max, using: &rng)),
            .trackerUpdated(update: TrackerUpdate(actionID: s(&rng), kind: TrackerUpdate.Kind.allCases.randomElement(using: &rng)!,
                                                  on: date(&rng), by: s(&rng), note: s(&rng), due: maybe(&rng, date),
                                                  agency: maybe(&rng, hostile), source: maybe(&rng, hostile))),
        ]
    }

    @Test("every kind of event with hostile strings: the fast path reads it, and reads it exactly as JSONDecoder does")
    func everyKindAgrees() throws {
        var rng = SeededGenerator(seed: 8)
        for _ in 0..<60 {
            for event in Self.randomEvents(&rng) {
                let json = Array(try Self.encoder.encode(event))
                let f = Self.fast(json)
                #expect(f == event, "\(event.name)")
                #expect(Self.reference(json) == event)
                Self.agree(json)
            }
        }
    }

    @Test("an outstanding action written before progress existed reads as before, and is written back byte for byte")
    func outstandingActionWithoutProgress() throws {
        let line = #"{"outstandingActionsImported":{"actions":[{"caseRef":"MC-1990","category":"housing","due":"2026-11-28","id":"20261117-northvale-4","meetingDate":"2026-11-17","owner":"Housing","text":"Offer a housing options appointment"}]}}"#
        let json = Array(line.utf8)
        let expected = MeetingEvent.outstandingActionsImported(actions: [
            OutstandingAction(id: "20261117-northvale-4", meetingDate: CalendarDate(year: 2026, month: 11, day: 17)!, caseRef: "MC-1990",
                              text: "Offer a housing options appointment", owner: "Housing", due: CalendarDate(year: 2026, month: 11, day: 28),
                              category: .housing)])
        #expect(Self.fast(json) == expected)
        #expect(Self.reference(json) == expected)
        #expect(String(decoding: try Self.encoder.encode(expected), as: UTF8.self) == line, "an action without progress gained a key")
    }

    @Test("hand-written JSON with escapes, nulls, odd numbers and odd layout: the fast path agrees or declines")
    func handWrittenVariants() {
        let accepted = [
            #"{"noteAdded":{"agency":"Police","caseRef":"MC-1","kind":"other","text":"caf\u00e9 \ud83d\ude80 \/ \u0000 \"q\" \\ \b\f\n\r\t"}}"#,
            #"{"discussionEnded":{"caseRef":"MC-1","overrunReason":null}}"#,
            #"{"discussionEnded":{"caseRef":"MC-1"}}"#,
            #"{"noteAdded":{"text":"order of keys does not matter","kind":"decision","caseRef":"MC-1","agency":"GP"}}"#,
            #"{"bonusMinutesGranted":{"caseRef":"MC-1","minutes":-0}}"#,
            #"{"undone":{"seq":9223372036854775807}}"#,
            #"{"undone":{"seq":-9223372036854775808}}"#,
            #"{"actionAmended":{"actionID":"A-1","category":null,"due":null,"owner":"GP","text":"t"}}"#,
            #"{"actionAmended":{"actionID":"A-1","due":"05/01/2026","owner":"GP","text":"t"}}"#,
            #"{"actionAmended":{"actionID":"A-1","due":"2024-02-29","owner":"GP","text":"t"}}"#,
            #"{"actionAgreed":{"action":{"caseRef":"MC-1","due":"2024-02-29","escalated":false,"history":[],"id":"A","owner":"GP","status":"open","text":"t"}}}"#,
            #"{"actionAgreed":{"action":{"caseRef":"MC-1","due":"29/02/2024","escalated":false,"history":[],"id":"A","owner":"GP","status":"open","text":"t"}}}"#,
            #"{"trackerUpdated":{"update":{"actionID":"A-1","agency":null,"by":"C","due":null,"kind":"extend","note":"n","on":"2016-01-11","source":null}}}"#,
            #"{"trackerUpdated":{"update":{"on":"11/01/2016","note":"n","kind":"not-possible","by":"C","actionID":"A-1"}}}"#,
            #"{"outstandingActionReviewed":{"note":"n \u00e9","outcome":"carried forward","actionID":"A-1"}}"#,
            // The latest progress on an outstanding action (format 2), with an escape sequence in its note.
            #"{"outstandingActionsImported":{"actions":[{"caseRef":"MC-1","id":"A","meetingDate":"2026-11-17","owner":"Police","progress":{"agency":"Police","kind":"note","note":"Alarm \u001b[2J ordered","on":"2026-12-03"},"text":"t"}]}}"#,
            #"{"outstandingActionsImported":{"actions":[{"caseRef":"MC-1","id":"A","meetingDate":"2026-11-17","owner":"Police","progress":{"on":"2026-12-03","note":"n","kind":"carried forward","by":null,"agency":null},"text":"t"}]}}"#,
            #"{"outstandingActionsImported":{"actions":[{"caseRef":"MC-1","id":"A","meetingDate":"2026-11-17","owner":"Police","progress":null,"text":"t"}]}}"#,
            #"{"meetingCreated":{"info":{"area":"E","chair":"C","date":"2016-01-19","id":"m","plannedDurationMinutes":180,"plannedStartMinutes":570,"training":null,"venue":""},"rules":{"agencies":["Police","Idva"],"chaserText":null,"circulation":["a"],"confidentialityStatement":"s","dashThreshold":14,"escalationIncidents":3,"escalationWindowMonths":12,"limitMinutes":15,"meetingDates":["2016-02-02"],"plannedEndMinutes":null,"repeatWindowMonths":12,"targetMinutes":10,"timeZone":"Europe/London"}}}"#,
        ]
        for text in accepted {
            let json = Array(text.utf8)
            #expect(Self.fast(json) != nil, "\(text)")
            #expect(Self.reference(json) != nil, "\(text)")
            Self.agree(json)
        }
        let declinedOrAgreeing = [
            #"{"noteAdded":{"agency":"Police","caseRef":"MC-1","kind":"other","text":"lone \ud800 surrogate"}}"#,
            #"{"noteAdded":{"agency":"Police","caseRef":"MC-1","kind":"other","text":"lone low \udc00"}}"#,
            #"{"noteAdded":{"agency":"Police","caseRef":"MC-1","kind":"other","text":"bad \x escape"}}"#,
            #"{"noteAdded":{"agency":"Police","caseRef":"MC-1","kind":"other","text":"short \u12"}}"#,
            #"{"noteAdded":{"agency":"Police","caseRef":"MC-1","kind":"nonsense","text":"t"}}"#,
            #"{"noteAdded":{"agency":"Police","caseRef":"MC-1","kind":"other","text":"t","extra":1}}"#,
            #"{"noteAdded":{"agency":"Police","caseRef":"MC-1","caseRef":"MC-2","kind":"other","text":"t"}}"#,
            #"{"noteAdded":{"agency":"Police","caseRef":"MC-1","kind":"other"}}"#,
            #"{"noteAdded": {"agency":"Police","caseRef":"MC-1","kind":"other","text":"t"}}"#,
            #"{"noteAdded":{"agency":"Police","caseRef":"MC-1","kind":"other","text":"t"}} "#,
            #"{"noteAdded":{"agency":"Police","caseRef":"MC-1","kind":"other","text":"t"},"meetingStarted":{}}"#,
            #"{"bonusMinutesGranted":{"caseRef":"MC-1","minutes":1.0}}"#,
            #"{"bonusMinutesGranted":{"caseRef":"MC-1","minutes":1e2}}"#,
            #"{"bonusMinutesGranted":{"caseRef":"MC-1","minutes":01}}"#,
            #"{"bonusMinutesGranted":{"caseRef":"MC-1","minutes":"5"}}"#,
            #"{"undone":{"seq":9223372036854775808}}"#,
            #"{"meetingStarted":{"x":1}}"#,
            #"{"meetingStarted":null}"#,
            #"{"discussionStarted":{"caseRef":null}}"#,
            #"{"actionAgreed":{"action":{"caseRef":"MC-1","due":"31/02/2026","escalated":false,"history":[],"id":"A","owner":"GP","status":"open","text":"t"}}}"#,
            #"{"actionAgreed":{"action":{"caseRef":"MC-1","due":"2026-01-05","escalated":false,"history":[],"id":"A","owner":"GP","status":"open","text":"t"}}}"#,
            #"{"caseMoved":{"caseRef":"MC-1","toPosition":true}}"#,
            #"{"actionAmended":{"actionID":"A-1","due":"2026-02-29","owner":"GP","text":"t"}}"#,
            #"{"actionAgreed":{"action":{"caseRef":"MC-1","due":"2026-02-29","escalated":false,"history":[],"id":"A","owner":"GP","status":"open","text":"t"}}}"#,
            #"{"actionAmended":{"actionID":"A-1","due":"2026-13-01","owner":"GP","text":"t"}}"#,
            #"{"actionAgreed":{"action":{"caseRef":"MC-1","due":"2026-13-01","escalated":false,"history":[],"id":"A","owner":"GP","status":"open","text":"t"}}}"#,
            #"{"actionAmended":{"actionID":"A-1","due":"0000-01-01","owner":"GP","text":"t"}}"#,
            #"{"actionAgreed":{"action":{"caseRef":"MC-1","due":"0000-01-01","escalated":false,"history":[],"id":"A","owner":"GP","status":"open","text":"t"}}}"#,
            #"{"actionAmended":{"actionID":"A-1","due":"2026-1a-01","owner":"GP","text":"t"}}"#,
            #"{"actionAgreed":{"action":{"caseRef":"MC-1","due":"2026-1a-01","escalated":false,"history":[],"id":"A","owner":"GP","status":"open","text":"t"}}}"#,
            #"{"actionAmended":{"actionID":"A-1","due":" 2026-01-01","owner":"GP","text":"t"}}"#,
            #"{"actionAgreed":{"action":{"caseRef":"MC-1","due":" 2026-01-01","escalated":false,"history":[],"id":"A","owner":"GP","status":"open","text":"t"}}}"#,
            #"{"actionAmended":{"actionID":"A-1","due":"2026-01-01 ","owner":"GP","text":"t"}}"#,
            #"{"actionAgreed":{"action":{"caseRef":"MC-1","due":"2026-01-01 ","escalated":false,"history":[],"id":"A","owner":"GP","status":"open","text":"t"}}}"#,
            #"{"trackerUpdated":{"update":{"actionID":"A-1","by":"C","kind":"done","note":"n","on":"2016-02-30"}}}"#,
            #"{"trackerUpdated":{"update":{"actionID":"A-1","by":"C","kind":"finished","note":"n","on":"2016-01-11"}}}"#,
            #"{"trackerUpdated":{"update":{"actionID":"A-1","kind":"done","note":"n","on":"2016-01-11"}}}"#,
            #"{"trackerUpdated":{"update":{"actionID":"A-1","by":"C","kind":"done","note":"n","on":"2016-01-11","source":7}}}"#,
            #"{"outstandingActionReviewed":{"actionID":"A-1","note":"n","outcome":"finished"}}"#,
            #"{"outstandingActionsImported":{"actions":[{"caseRef":"MC-1","id":"A","meetingDate":"2026-11-17","owner":"P","progress":{"kind":"chased","note":"n","on":"2026-12-03"},"text":"t"}]}}"#,
            #"{"outstandingActionsImported":{"actions":[{"caseRef":"MC-1","id":"A","meetingDate":"2026-11-17","owner":"P","progress":{"kind":"note","on":"2026-12-03"},"text":"t"}]}}"#,
            #"{"outstandingActionsImported":{"actions":[{"caseRef":"MC-1","id":"A","meetingDate":"2026-11-17","owner":"P","progress":{"kind":"note","note":"n","on":"2026-02-30"},"text":"t"}]}}"#,
            #"{"outstandingActionsImported":{"actions":[{"caseRef":"MC-1","id":"A","meetingDate":"2026-11-17","owner":"P","progress":{"kind":"note","note":"n","on":"2026-12-03","x":1},"text":"t"}]}}"#,
            #"{"outstandingActionsImported":{"actions":[{"caseRef":"MC-1","id":"A","meetingDate":"2026-11-17","owner":"P","progress":{"kind":"note","note":"n","note":"m","on":"2026-12-03"},"text":"t"}]}}"#,
            #"{"outstandingActionsImported":{"actions":[{"caseRef":"MC-1","id":"A","meetingDate":"2026-11-17","owner":"P","progress":"n","text":"t"}]}}"#,
            #"{"meetingCreated":{"info":{"area":"E","chair":"C","date":"2016-01-19","id":"m","plannedDurationMinutes":180,"venue":""},"rules":{"agencies":[],"confidentialityStatement":"s","dashThreshold":14,"escalationIncidents":3,"escalationWindowMonths":12,"limitMinutes":15,"repeatWindowMonths":12,"targetMinutes":10}}}"#,
            #"{"meetingCreated":{"info":{"area":"E","chair":"C","date":"2016-01-19","id":"m","plannedDurationMinutes":180,"plannedStartMinutes":570,"venue":""},"rules":{"agencies":[],"confidentialityStatement":"s","dashThreshold":14.5,"escalationIncidents":3,"escalationWindowMonths":12,"limitMinutes":15,"repeatWindowMonths":12,"targetMinutes":10}}}"#,
            #"{"meetingCreated":{"info":{"area":"E","chair":"C","date":"2016-01-19","id":"m","plannedDurationMinutes":180,"plannedStartMinutes":570,"venue":"","training":"yes"},"rules":{"agencies":[],"confidentialityStatement":"s","dashThreshold":14,"escalationIncidents":3,"escalationWindowMonths":12,"limitMinutes":15,"repeatWindowMonths":12,"targetMinutes":10}}}"#,
            #"{"outstandingActionReviewed":{"actionID":"A-1","outcome":"done"}}"#,
            #"{"noSuchEvent":{}}"#,
            #"{}"#, "", "{", "[]", "null",
        ]
        for text in declinedOrAgreeing { Self.agree(Array(text.utf8)) }
        // Raw control characters and invalid UTF-8 inside a string.
        var raw = Array(#"{"discussionStarted":{"caseRef":"MC-"#.utf8)
        for bad: [UInt8] in [[0x0A], [0x00], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]] {
            raw = Array(#"{"discussionStarted":{"caseRef":"MC-"#.utf8) + bad + Array(#""}}"#.utf8)
            #expect(Self.fast(raw) == nil)
            Self.agree(raw)
        }
    }

    @Test("random byte damage to encoded events: the fast path never reads anything JSONDecoder would not, or differently")
    func mutatedBytesAgree() throws {
        var rng = SeededGenerator(seed: 88)
        let alphabet = Array(#"{}[]":,\/u0123456789abcdefntrlsADZ -.eE"#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xED, 0xFF]
        for _ in 0..<40 {
            for event in Self.randomEvents(&rng) {
                let json = Array(try Self.encoder.encode(event))
                guard json.count < 4_000 else { continue }
                for _ in 0..<12 {
                    var mutated = json
                    for _ in 0..<Int.random(in: 1...3, using: &rng) {
                        let i = Int.random(in: 0..<mutated.count, using: &rng)
                        switch Int.random(in: 0..<3, using: &rng) {
                        case 0: mutated[i] = alphabet.randomElement(using: &rng)!
                        case 1: mutated.remove(at: i)
                        default: mutated.insert(alphabet.randomElement(using: &rng)!, at: i)
                        }
                        if mutated.isEmpty { break }
                    }
                    Self.agree(mutated)
                }
            }
        }
    }

    @Test("a journal whose lines the fast path declines still reads, through JSONDecoder, with the same events")
    func journalMixesBothPaths() throws {
        let folder = TempFolder()
        let path = folder.file("mixed.jsonl")
        var rng = SeededGenerator(seed: 3)
        let events = (0..<5).flatMap { _ in Self.randomEvents(&rng) }
        let writer = try JournalWriter.create(path: path, kind: .meeting, id: "mixed", events: [events[0]], at: t0)
        _ = try writer.append(stamped: events.dropFirst().enumerated().map { (at: t0 + Int64($0.offset), event: $0.element) })
        writer.close()
        let read = try JournalReader.read(path: path)
        #expect(read.condition == .intact)
        #expect(read.events.map(\.event) == events)
        #expect(read.events.map(\.at) == [t0] + (0..<(events.count - 1)).map { t0 + Int64($0) })
    }
}

/// Journals long enough to be read on every core (checksums checked in parallel, events decoded
/// in parallel runs): damage anywhere must be reported exactly as in a short journal.
@Suite("Long journals read on every core")
struct LongJournalTests {
    static let count = 10_000

    /// The events of a long journal; `bad` (an index) gets an event no decoder can read, with a
    /// correct checksum and chain, as another tool might write.
    static func journal(at path: String, bad: Int? = nil) throws -> [MeetingEvent] {
        let events: [MeetingEvent] = (0..<count).map { i in
            switch i % 4 {
            case 0: return .discussionStarted(caseRef: "MC-\(i)")
            case 1: return .noteAdded(caseRef: "MC-\(i)", agency: "Police", kind: .decision, text: "Note \(i) ✓ \"q\"")
            case 2: return .actionAgreed(action: Action(id: "A-\(i)", caseRef: "MC-\(i)", text: "Text", owner: "GP",
                                                        due: CalendarDate(year: 2026, month: 1, day: 1 + i % 28), category: .housing))
            default: return .discussionEnded(caseRef: "MC-\(i)", overrunReason: nil)
            }
        }
        let writer = try JournalWriter.create(path: path, kind: .meeting, id: "long", events: [], at: t0)
        var prev = Array(writer.finalHash.utf8)
        writer.close()
        var bytes = MaracJournalTests.bytes(of: path)
        let encoder = JournalFormat.makeEncoder()
        for (i, e) in events.enumerated() {
            let json = i == bad ? Array(#"{"noSuchEvent":{}}"#.utf8) : Array(try encoder.encode(e))
            prev = JournalFormat.appendEventLine(to: &bytes, seq: i + 1, at: t0 + Int64(i), eventJSON: json, prev: prev)
        }
        write(bytes, to: path)
        return events
    }

    @Test("an intact long journal reads every event, in order, with its time")
    func intact() throws {
        let folder = TempFolder()
        let path = folder.file("long.jsonl")
        let events = try Self.journal(at: path)
        let read = try JournalReader.read(path: path)
        #expect(read.condition == .intact)
        #expect(read.events.map(\.event) == events)
        #expect(read.events.map(\.seq) == Array(1...Self.count))
        #expect(read.events.map(\.at) == (0..<Self.count).map { t0 + Int64($0) })
    }

    @Test("an unreadable event early or late: damaged at its line, exactly the events before it kept", arguments: [0, 1_234, 4_999, 5_000, 8_765, 9_999])
    func unreadableEvent(bad: Int) throws {
        let folder = TempFolder()
        let path = folder.file("long.jsonl")
        let events = try Self.journal(at: path, bad: bad)
        let read = try JournalReader.read(path: path)
        guard case .damaged(let line, let reason) = read.condition else { Issue.record("\(read.condition)"); return }
        #expect(line == bad + 2)
        #expect(reason.contains("cannot be read"))
        #expect(read.events.map(\.event) == Array(events.prefix(bad)))
    }

    @Test("a flipped byte early or late: damaged at its line; a cut last line: torn tail", arguments: [3, 2_500, 7_777])
    func flippedByte(line: Int) throws {
        let folder = TempFolder()
        let path = folder.file("long.jsonl")
        let events = try Self.journal(at: path)
        var bytes = MaracJournalTests.bytes(of: path)
        let starts = lineStarts(bytes)
        bytes[starts[line - 1] + 20] ^= 0x01
        write(bytes, to: path)
        let read = try JournalReader.read(path: path)
        guard case .damaged(let at, _) = read.condition else { Issue.record("\(read.condition)"); return }
        #expect(at == line)
        #expect(read.events.map(\.event) == Array(events.prefix(line - 2)))

        let clean = folder.file("cut.jsonl")
        _ = try Self.journal(at: clean)
        let whole = MaracJournalTests.bytes(of: clean)
        write(Array(whole.dropLast(30)), to: clean)
        let cut = try JournalReader.read(path: clean)
        #expect(cut.condition == .tornTail(bytes: whole.count - lineStarts(whole)[Self.count] - 30))
        #expect(cut.events.count == Self.count - 1)
    }
}
