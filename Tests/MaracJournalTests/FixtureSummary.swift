import Foundation
import MaracCore
@testable import MaracJournal

/// A plain-text account of what a journal says: its header, how it read (intact, torn, damaged),
/// every event by name, and the folded meeting state field by field. The frozen fixtures under
/// Tests/Fixtures/journal-v1/ each have one beside them (`NAME.expected`); if today's code reads a
/// fixture differently, the texts differ and the test shows where.
///
/// Deterministic: no dictionary order, no locale, no clock.
enum FixtureSummary {
    static func render(_ contents: JournalContents) -> String {
        var out: [String] = []
        let h = contents.header
        out.append("header: format \(h.format) version \(h.version) kind \(h.kind.rawValue) id \(q(h.id)) createdAt \(h.createdAt)"
                   + (h.encryption.map { " encrypted \($0.kdf) N=\($0.rounds) r=\($0.blockSize) p=\($0.parallelism) \($0.cipher)" } ?? ""))
        switch contents.condition {
        case .intact: out.append("condition: intact")
        case let .tornTail(bytes): out.append("condition: torn tail of \(bytes) bytes")
        case let .damaged(line, reason): out.append("condition: damaged at line \(line): \(reason)")
        }
        out.append("good lines: \(contents.lineCount)")
        out.append("final hash: \(contents.finalHash)")
        out.append("events: \(contents.events.count)")
        for r in contents.events { out.append("  #\(r.seq) t=\(r.at) \(r.event.name)") }
        out.append(contentsOf: state(MeetingState.fold(contents.events)))
        return out.joined(separator: "\n") + "\n"
    }

    static func state(_ s: MeetingState) -> [String] {
        var out: [String] = ["state:"]
        let i = s.info
        out.append("  meeting: id \(q(i.id)) date \(i.date.iso) area \(q(i.area)) chair \(q(i.chair)) venue \(q(i.venue)) "
                   + "start \(i.plannedStartMinutes) length \(i.plannedDurationMinutes)")
        let r = s.rules
        out.append("  rules: dash \(r.dashThreshold) escalation \(r.escalationIncidents) in \(r.escalationWindowMonths) months, "
                   + "repeat window \(r.repeatWindowMonths) months, target \(r.targetMinutes) limit \(r.limitMinutes), "
                   + "\(r.agencies.count) agencies, statement \(r.confidentialityStatement.count) characters")
        out.append("  started \(opt(s.startedAt)) paused \(opt(s.pausedAt)) pausedMillis \(s.pausedMillis) closed \(opt(s.closedAt)) "
                   + "confidentiality read \(s.confidentialityRead)")
        out.append("  reopened: \(s.reopenReasons.map(q).joined(separator: ", "))")
        out.append("  active case: \(s.activeCase.map(q) ?? "none")")
        out.append("  undone: \(s.undone.sorted().map(String.init).joined(separator: " "))")
        out.append("  last seq \(s.lastSeq) last event at \(opt(s.lastEventAt))")
        for a in s.attendance {
            out.append("  attendance: \(q(a.agency)) \(q(a.representative)) \(a.role.rawValue) confidentiality \(opt(a.confidentialityAgreed)) "
                       + "info sent \(opt(a.informationSent)) received \(a.informationReceived?.iso ?? "-") left after \(a.leftAfterCase.map(q) ?? "-")")
        }
        for c in s.orderedCases {
            let a = c.agenda
            out.append("  case \(q(c.ref)): \(c.status.rawValue)\(c.late ? " late" : "") victim \(q(a.victim)) perpetrator \(a.perpetrator.map(q) ?? "-") "
                       + "referred by \(q(a.referringAgency)) basis \(a.referralBasis.rawValue) dash \(opt(a.dashScore)) "
                       + "referred \(a.referralDate?.iso ?? "-") repeat \(opt(a.repeatFlag)) hearings [\(a.previousHearings.map(\.iso).joined(separator: " "))] "
                       + "children \(opt(a.children)) sex \(a.victimSex.map(q) ?? "-") minoritised \(opt(a.minoritised)) lgbt \(opt(a.lgbt)) "
                       + "disabled \(opt(a.disabled)) 16-17 \(opt(a.aged16to17)) perpetrator under 18 \(opt(a.perpetratorUnder18)) "
                       + "agencies [\(a.agenciesInvolved.map(q).joined(separator: " "))] notification \(a.notification)")
            out.append("    segments [\(c.segments.map { "\($0.start)-\(opt($0.end))" }.joined(separator: " "))] bonus \(c.bonusMinutes) "
                       + "overrun \(c.overrunReason.map(q) ?? "-") deferral \(c.deferralReason.map(q) ?? "-") to end \(c.deferredToEndCount) "
                       + "withdrawal \(c.withdrawalReason.map(q) ?? "-") closed \(opt(c.closedAt))")
            for n in c.notes { out.append("    note \(n.id): \(q(n.agency)) \(n.kind.rawValue) at \(n.at): \(q(n.text))") }
            if let f = c.feedback { out.append("    feedback: \(q(f.agency)) \(f.route.rawValue) \(q(f.detail))") }
            out.append("    actions [\(c.actionIDs.map(q).joined(separator: " "))]")
            for (prompt, reason) in c.passedPrompts.sorted(by: { $0.key < $1.key }) { out.append("    passed \(q(prompt)): \(q(reason))") }
        }
        for o in s.outstanding {
            out.append("  outstanding \(q(o.id)): from \(o.meetingDate.iso) case \(q(o.caseRef)) owner \(q(o.owner)) due \(o.due?.iso ?? "-") "
                       + "category \(o.category?.rawValue ?? "-") \(q(o.text))")
            if let review = s.reviews[o.id] { out.append("    reviewed \(review.outcome.rawValue) at \(review.at): \(q(review.note))") }
        }
        for a in s.actions {
            out.append("  action \(q(a.id)): case \(q(a.caseRef)) owner \(q(a.owner)) due \(a.due?.iso ?? "-") category \(a.category?.rawValue ?? "-") "
                       + "status \(a.status.rawValue) escalated \(a.escalated) \(q(a.text))")
            for u in a.history { out.append("    update at \(u.at): \(u.status.rawValue) escalated \(u.escalated) \(q(u.note))") }
        }
        return out
    }

    /// Quoted with Swift's escapes, so control characters and trailing spaces show.
    static func q(_ s: String) -> String { s.debugDescription }
    static func opt<T>(_ v: T?) -> String { v.map { "\($0)" } ?? "-" }
}

extension FixtureSummary {
    /// Where the frozen fixtures are, from this file's place in the repository.
    static let folder: String = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()   // MaracJournalTests
        url.deleteLastPathComponent()   // Tests
        return url.appendingPathComponent("Fixtures/journal-v1").path
    }()

    /// Every fixture journal's name (without `.jsonl`), sorted.
    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }.sorted()
    }

    static func passphrase(_ name: String) -> String? {
        (try? String(contentsOfFile: "\(folder)/\(name).passphrase", encoding: .utf8))
    }

    /// The summary of fixture `name` as today's code reads it: the full read (with the passphrase
    /// beside it, if any), then what the chain-only check says. Errors are summarised too, with the
    /// folder taken out of the path so the text does not depend on where the repository is.
    static func read(_ name: String) -> String {
        let path = "\(folder)/\(name).jsonl"
        func clean(_ error: JournalError) -> String { error.description.replacingOccurrences(of: folder + "/", with: "") }
        var text: String
        do {
            text = render(try JournalReader.read(path: path, passphrase: passphrase(name)))
        } catch {
            text = "error: \(clean(error))\n"
        }
        do {
            let chain = try JournalReader.verifyChain(path: path)
            switch chain.condition {
            case .intact: text += "chain only: intact, \(chain.lineCount) lines, final hash \(chain.finalHash)\n"
            case let .tornTail(bytes): text += "chain only: torn tail of \(bytes) bytes after \(chain.lineCount) lines, final hash \(chain.finalHash)\n"
            case let .damaged(line, _): text += "chain only: damaged at line \(line), final hash \(chain.finalHash)\n"
            }
        } catch {
            text += "chain only: error: \(clean(error))\n"
        }
        return text
    }
}
