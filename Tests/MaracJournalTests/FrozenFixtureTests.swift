import Foundation
@testable import MaracCore
import Testing
@testable import MaracJournal

/// The frozen journals of every format version (Tests/Fixtures/journal-v1/, journal-v2/): written
/// once, never regenerated. Each must read today exactly as it did when it was frozen, and the format
/// document's schema tables must match both the files and the code.
@Suite("Frozen fixtures of every format version: read as they were, and as docs/JOURNAL-FORMAT.md says")
struct FrozenFixtureTests {
    @Test("the fixtures are all there, each with its expected summary", arguments: FixtureSummary.versions)
    func complete(version: Int) throws {
        let folder = FixtureSummary.folder(version), names = FixtureSummary.names(version)
        #expect(names.count >= [1: 39, 2: 11][version, default: 1], "fixtures missing from \(folder)")
        for name in names {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/\(name).expected"), "journal-v\(version)/\(name).jsonl has no \(name).expected")
        }
        let expected = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".expected") }
        for file in expected {
            #expect(names.contains(String(file.dropLast(9))), "journal-v\(version)/\(file) has no journal beside it")
        }
    }

    @Test("each fixture reads today exactly as it did when frozen", arguments: FixtureSummary.all)
    func readsAsFrozen(fixture: String) throws {
        let (version, name) = FixtureSummary.split(fixture)
        let expected = try String(contentsOfFile: "\(FixtureSummary.folder(version))/\(name).expected", encoding: .utf8)
        let actual = FixtureSummary.read(name, version: version)
        guard actual != expected else { return }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let i = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
        Issue.record("""
            Tests/Fixtures/\(fixture).jsonl no longer reads as it did when it was frozen: the journal format, \
            or what its events mean, has changed. Frozen fixtures are never regenerated, because every journal \
            already written must still read the same. Fix the reader; if the change is deliberate, it is a new \
            format version (docs/JOURNAL-FORMAT.md, "Versions") with its own fixtures, and older files must \
            still read as before.
            First difference, line \(i + 1):
              frozen: \(i < e.count ? String(e[i]) : "(nothing)")
              today:  \(i < a.count ? String(a[i]) : "(nothing)")
            """)
    }

    @Test("the document's event table lists exactly the kinds the code has, with the code's versions, each with a fixture in its version's folder")
    func eventTableMatchesCode() throws {
        let table = try Schema.load()
        let codeKinds = MeetingEvent.kindNames
        #expect(Set(table.events.keys) == Set(codeKinds),
                "docs/JOURNAL-FORMAT.md section 8 and MeetingEvent disagree: only in the document \(Set(table.events.keys).subtracting(codeKinds).sorted()), only in the code \(Set(codeKinds).subtracting(table.events.keys).sorted())")
        for (kind, row) in table.events {
            #expect(row.since == MeetingEvent.formatVersion(ofKind: kind),
                    "\(kind): docs/JOURNAL-FORMAT.md says since \(row.since), the code (MeetingEvent.formatVersion) \(MeetingEvent.formatVersion(ofKind: kind))")
            #expect(FixtureSummary.versions.contains(row.since), "\(kind): since \(row.since), a version with no fixture folder")
            #expect(FixtureSummary.names(row.since).contains { $0.hasPrefix("kind-") && $0.hasSuffix("-\(kind)") },
                    "no frozen fixture journal-v\(row.since)/kind-NN-\(kind).jsonl (scripts/freeze-fixture.sh writes one)")
        }
    }

    @Test("new journals are written in the newest format, and there is a fixture folder for it")
    func newestVersion() {
        #expect(JournalHeader.currentVersion == FixtureSummary.versions.last)
        #expect(JournalHeader(kind: .meeting, id: "x", createdAt: 0).version == JournalHeader.currentVersion)
    }

    @Test("the document's object table matches every stored property of the types written to a journal")
    func objectTableMatchesCode() throws {
        let table = try Schema.load()
        // Mirror lists stored properties, so a property left out of the coding keys (an optional one
        // would be skipped silently) is caught here.
        let day = CalendarDate(year: 2026, month: 12, day: 1)!
        let samples: [(String, Any, [String])] = [
            ("MeetingInfo", MeetingInfo(id: "", date: day, area: "", chair: ""), MeetingInfo.CodingKeys.allCases.map(\.rawValue)),
            ("LocalProtocol", LocalProtocol.national, LocalProtocol.CodingKeys.allCases.map(\.rawValue)),
            ("AgendaCase", AgendaCase(caseRef: "", victim: "", referringAgency: "", referralBasis: .actuarial, previousHearings: [], agenciesInvolved: []),
             AgendaCase.CodingKeys.allCases.map(\.rawValue)),
            ("OutstandingAction", OutstandingAction(id: "", meetingDate: day, caseRef: "", text: "", owner: "", due: nil, category: nil),
             OutstandingAction.CodingKeys.allCases.map(\.rawValue)),
            ("Attendance", Attendance(agency: "", representative: "", role: .present), Attendance.CodingKeys.allCases.map(\.rawValue)),
            ("VictimFeedback", VictimFeedback(agency: "", route: .letter), VictimFeedback.CodingKeys.allCases.map(\.rawValue)),
            ("Action", Action(id: "", caseRef: "", text: "", owner: "", due: nil, category: nil), Action.CodingKeys.allCases.map(\.rawValue)),
            ("ActionUpdate", ActionUpdate(at: 0, status: .open, escalated: false, note: ""), ActionUpdate.CodingKeys.allCases.map(\.rawValue)),
            // Format 2.
            ("TrackerUpdate", TrackerUpdate(actionID: "", kind: .note, on: day, by: "", note: ""), TrackerUpdate.CodingKeys.allCases.map(\.rawValue)),
            ("EarlierAction", EarlierAction(id: "", text: "", owner: "", due: nil, outcome: .open), EarlierAction.CodingKeys.allCases.map(\.rawValue)),
            ("ActionProgress", ActionProgress(kind: .note, on: day, note: ""), ActionProgress.CodingKeys.allCases.map(\.rawValue)),
        ]
        // Objects whose coding keys are private to their type: the keys on disk are read off an encoded sample with every field set.
        let encoded: [(String, Any, any Encodable)] = [
            ("EarlierHearing", EarlierHearing(meetingID: "", date: day, caseRef: "", victim: "", perpetrator: nil, referralBasis: .actuarial,
                                              wasRepeat: false, match: .names, why: "", actions: []),
             EarlierHearing(meetingID: "", date: day, caseRef: "", victim: "", perpetrator: "", referralBasis: .actuarial,
                            wasRepeat: false, match: .names, why: "", actions: [])),
            ("CaseDetails", CaseDetails(), CaseDetails(referralSummary: "")),
        ]
        var keysOnDisk: [(String, Any, [String])] = []
        for (name, value, full) in encoded {
            let json = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(full))
            guard case .object(let members) = json else { Issue.record("\(name) does not encode as an object"); continue }
            keysOnDisk.append((name, value, Array(members.keys)))
        }
        // RiskFactor is one of two keys, never both: `{"known":…}` or `{"other":…}`.
        let riskKeys = [RiskFactor.known(.stalking), .other("x")].compactMap { r -> String? in
            guard let data = try? JSONEncoder().encode(r), case .object(let m)? = try? JSONDecoder().decode(JSONValue.self, from: data) else { return nil }
            return m.keys.first
        }
        #expect(Set(table.objects["RiskFactor"]?.map(\.name) ?? []) == Set(riskKeys), "RiskFactor: docs/JOURNAL-FORMAT.md lists \(table.objects["RiskFactor"]?.map(\.name) ?? []), the code \(riskKeys)")
        #expect(table.objects["RiskFactor"]?.allSatisfy { $0.type.hasSuffix("?") } == true, "RiskFactor's two keys are each optional (one or the other)")
        #expect(Set(table.objects.keys) == Set((samples + keysOnDisk).map(\.0) + ["RiskFactor"]))
        for (name, value, keys) in samples + keysOnDisk {
            let stored = Mirror(reflecting: value).children.compactMap(\.label)
            #expect(Set(stored) == Set(keys), "\(name): stored properties \(stored.sorted()) but coding keys \(keys.sorted())")
            #expect(Set(table.objects[name]?.map(\.name) ?? []) == Set(keys), "\(name): docs/JOURNAL-FORMAT.md lists \(table.objects[name]?.map(\.name) ?? []), the code \(keys)")
        }
    }

    @Test("the document's enumerations are exactly the values the code writes")
    func enumTableMatchesCode() throws {
        let table = try Schema.load()
        let code: [String: [String]] = [
            "ReferralBasis": ReferralBasis.allCases.map(\.rawValue), "AttendanceRole": AttendanceRole.allCases.map(\.rawValue),
            "NoteKind": NoteKind.allCases.map(\.rawValue), "FeedbackRoute": FeedbackRoute.allCases.map(\.rawValue),
            "ActionCategory": ActionCategory.allCases.map(\.rawValue), "ActionStatus": ActionStatus.allCases.map(\.rawValue),
            "ReviewOutcome": ReviewOutcome.allCases.map(\.rawValue),
            // Format 2.
            "TrackerUpdateKind": TrackerUpdate.Kind.allCases.map(\.rawValue), "HistoryMatch": [HistoryMatch.reference, .names, .possible].map(\.rawValue),
            "EarlierOutcome": [EarlierOutcome.done, .notPossible, .notDone, .open, .withdrawn].map(\.rawValue), "KnownRisk": KnownRisk.allCases.map(\.rawValue),
            "CaseFlag": CaseFlag.allCases.map(\.rawValue), "ContactRoute": ContactRoute.allCases.map(\.rawValue),
            "ActionProgressKind": ActionProgress.Kind.allCases.map(\.rawValue),
        ]
        #expect(Set(table.enums.keys) == Set(code.keys))
        for (name, values) in code { #expect(table.enums[name] == values, "\(name): document \(table.enums[name] ?? []), code \(values)") }
    }

    @Test("every event in the plain fixtures has exactly the fields the document's tables give, with their JSON types")
    func fixturesFollowTheTables() throws {
        let table = try Schema.load()
        var seen = Set<String>()
        for (name, line) in Self.plainEventLines() {
            guard case .object(let event)? = try? JSONDecoder().decode(JSONValue.self, from: Data(line.event)),
                  event.count == 1, let (kind, payload) = event.first else {
                Issue.record("\(name): an event that is not an object with one key"); continue
            }
            seen.insert(kind)
            guard let row = table.events[kind] else { Issue.record("\(name): kind \(kind) is not in the document"); continue }
            for problem in table.check(payload, fields: row.fields, at: kind) { Issue.record("\(name) line \(line.number): \(problem)") }
        }
        // Every kind of every version appears in some fixture, so every row of the table is checked against a real line.
        let allKinds = Set(table.events.keys)
        #expect(allKinds.isSubset(of: seen), "kinds with no fixture line: \(allKinds.subtracting(seen).sorted())")
    }

    @Test("the fast decoder reads every fixture event exactly as JSONDecoder does, and reads every kind the table marks fast")
    func fastDecoderAgreesOnFixtures() throws {
        let table = try Schema.load()
        var fastKinds = Set<String>()
        for (name, line) in Self.plainEventLines() {
            let reference = try JSONDecoder().decode(MeetingEvent.self, from: Data(line.event))
            let fast = line.event.withUnsafeBufferPointer { FastEventDecoder.decode($0) }
            let kind = String(decoding: line.event.dropFirst(2).prefix { $0 != UInt8(ascii: "\"") }, as: UTF8.self)
            if let fast {
                #expect(fast == reference, "\(name) line \(line.number): the fast decoder reads \(kind) differently")
                fastKinds.insert(kind)
            } else {
                // "fast" is for lines without version 2 fields inside version 1 objects (the general decoder reads those).
                let usesLaterField = table.laterFields.contains { line.event.firstRange(of: Array("\"\($0)\":".utf8)) != nil }
                #expect(table.events[kind]?.fast == false || usesLaterField,
                        "\(name) line \(line.number): the fast decoder declined \(kind), which the table marks fast")
            }
        }
        let marked = Set(table.events.filter { $0.value.fast }.keys)
        #expect(fastKinds == marked, "fast in the table but never read fast: \(marked.subtracting(fastKinds).sorted()); read fast but not marked: \(fastKinds.subtracting(marked).sorted())")
    }

    /// The event JSON of every good line of every plain fixture (the edge cases included: the lines
    /// before their damage are ordinary lines).
    static func plainEventLines() -> [(String, (number: Int, event: [UInt8]))] {
        var out: [(String, (number: Int, event: [UInt8]))] = []
        for fixture in FixtureSummary.all {
            let (version, name) = FixtureSummary.split(fixture)
            guard FixtureSummary.passphrase(name, version: version) == nil else { continue }
            let path = "\(FixtureSummary.folder(version))/\(name).jsonl"
            guard let good = try? JournalReader.verifyChain(path: path).lineCount else { continue }
            let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
            for (i, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(good).enumerated() where i > 0 {
                let marker = Array(#","event":"#.utf8)
                guard line.count > 146 + marker.count, line.last == UInt8(ascii: "}"),
                      let at = line.firstRange(of: marker) else { continue }
                let start = at.upperBound, end = line.endIndex - 146
                guard start < end, case .object? = try? JSONDecoder().decode(JSONValue.self, from: Data(line)) else { continue }
                out.append((fixture, (i + 1, Array(line[start..<end]))))
            }
        }
        return out
    }
}

/// The schema tables of docs/JOURNAL-FORMAT.md, parsed.
struct Schema {
    struct Field { var name: String; var type: String }
    struct EventRow { var since: Int; var fields: [Field]; var fast: Bool }
    var events: [String: EventRow] = [:]
    var objects: [String: [Field]] = [:]
    var enums: [String: [String]] = [:]
    /// Fields version 2 added to version 1 objects (the objects table's last column).
    var laterFields: Set<String> = []

    static let path: String = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent(); url.deleteLastPathComponent(); url.deleteLastPathComponent()
        return url.appendingPathComponent("docs/JOURNAL-FORMAT.md").path
    }()

    static func load() throws -> Schema {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        func rows(_ marker: String) -> [[String]] {
            guard let a = text.range(of: "<!-- schema:\(marker) -->"), let b = text.range(of: "<!-- /schema:\(marker) -->") else { return [] }
            return text[a.upperBound..<b.lowerBound].split(separator: "\n").filter { $0.hasPrefix("| `") }.map { line in
                line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                    .map { $0.trimmingCharacters(in: .whitespaces) }
            }
        }
        func names(_ cell: String) -> [String] {
            cell.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
                .filter { !$0.isEmpty }
        }
        func fields(_ cell: String) -> [Field] {
            names(cell).map { f in
                let parts = f.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                return Field(name: parts[0], type: parts.count > 1 ? parts[1] : "?")
            }
        }
        var s = Schema()
        for r in rows("events") where r.count >= 4 { s.events[names(r[0])[0]] = EventRow(since: Int(r[1]) ?? 0, fields: fields(r[2]), fast: r[3] == "yes") }
        for r in rows("objects") where r.count >= 2 {
            s.objects[names(r[0])[0]] = fields(r[1])
            if r.count >= 3, !r[2].hasPrefix("the whole") { s.laterFields.formUnion(names(r[2])) }
        }
        for r in rows("enums") where r.count >= 2 { s.enums[names(r[0])[0]] = names(r[1]) }
        if s.events.isEmpty || s.objects.isEmpty || s.enums.isEmpty { throw SchemaError("cannot find the schema tables in \(path)") }
        return s
    }

    /// What is wrong with `value` against `fields` (empty: nothing).
    func check(_ value: JSONValue, fields: [Field], at path: String) -> [String] {
        guard case .object(let members) = value else { return ["\(path) is not an object"] }
        var problems: [String] = []
        let known = Set(fields.map(\.name))
        for key in members.keys where !known.contains(key) { problems.append("\(path).\(key) is not in the document") }
        for f in fields {
            let optional = f.type.hasSuffix("?")
            guard let v = members[f.name], v != .null else {
                if !optional { problems.append("\(path).\(f.name) is required but missing") }
                continue
            }
            problems += check(v, type: optional ? String(f.type.dropLast()) : f.type, at: "\(path).\(f.name)")
        }
        return problems
    }

    func check(_ v: JSONValue, type: String, at path: String) -> [String] {
        if type.hasPrefix("[") && type.hasSuffix("]") {
            guard case .array(let items) = v else { return ["\(path) is not an array"] }
            return items.enumerated().flatMap { check($1, type: String(type.dropFirst().dropLast()), at: "\(path)[\($0)]") }
        }
        switch (type, v) {
        case ("string", .string), ("int", .int), ("bool", .bool): return []
        case ("date", .string(let s)): return CalendarDate.parse(s) == nil ? ["\(path) is not a date: \(s)"] : []
        default:
            if let fields = objects[type] { return check(v, fields: fields, at: path) }
            if let values = enums[type] {
                guard case .string(let s) = v, values.contains(s) else { return ["\(path) is not a \(type)"] }
                return []
            }
            return ["\(path) is not a \(type)"]
        }
    }
}

struct SchemaError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Any JSON value, keeping booleans, integers and other numbers apart (JSONDecoder is strict about them).
enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), int(Int), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }
}
