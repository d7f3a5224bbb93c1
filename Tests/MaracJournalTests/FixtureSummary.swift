import Foundation
import MaracCore
@testable import MaracJournal

/// A plain-text account of what a journal says: its header, how it read (intact, torn, damaged),
/// every event by name, and the folded meeting state field by field. The frozen fixtures under
/// Tests/Fixtures/journal-vN/ each have one beside them (`NAME.expected`); if today's code reads a
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
        for r in contents.events {
            out.append("  #\(r.seq) t=\(r.at) \(r.event.name)")
            if case .trackerUpdated(let u) = r.event {
                // Format 2: the tracker's updates are read by MaracApp, not folded into a meeting, so the summary spells them out.
                out.append("    update \(q(u.actionID)) \(u.kind.rawValue) on \(u.on.iso) by \(q(u.by)) due \(u.due?.iso ?? "-") "
                           + "agency \(u.agency.map(q) ?? "-") source \(u.source.map(q) ?? "-"): \(q(u.note))")
            }
        }
        out.append(contentsOf: state(MeetingState.fold(contents.events)))
        return out.joined(separator: "\n") + "\n"
    }

    /// What the format 2 kinds fold into, for one case. Each line only when there is something to
    /// say, so a version 1 fixture (which has none of it) reads exactly as it did when frozen.
    static func laterState(_ c: CaseRecord) -> [String] {
        var out: [String] = []
        let d = c.details
        if !d.isEmpty || c.detailsChangedInMeeting {
            out.append("    details\(c.detailsChangedInMeeting ? " (set in the meeting)" : ""): summary \(d.referralSummary.map(q) ?? "-") "
                       + "risks [\(d.riskFactors.map { r -> String in if case .known(let k) = r { return k.rawValue } else { return "other " + q(r.label) } }.joined(separator: ", "))] "
                       + "flags [\(d.flags.map(\.rawValue).joined(separator: " "))] unsafe contact [\(d.contactSafety.map(\.rawValue).joined(separator: " "))]")
        }
        for h in c.history {
            let decided = c.historyDecisions[h.key].map { $0 ? "confirmed" : "rejected" } ?? "undecided"
            out.append("    earlier hearing \(q(h.key)) \(h.date.iso) \(h.match.rawValue) \(decided): case \(q(h.caseRef)) victim \(q(h.victim)) "
                       + "perpetrator \(h.perpetrator.map(q) ?? "-") basis \(h.referralBasis.rawValue) repeat \(h.wasRepeat) why \(q(h.why))")
            for a in h.actions {
                out.append("      earlier action \(q(a.id)) owner \(q(a.owner)) due \(a.due?.iso ?? "-") \(a.outcome.rawValue): \(q(a.text))")
            }
        }
        for n in c.notes {
            for r in n.revisions {
                out.append("    note \(n.id) (seq \(n.seq)) was \(q(r.agency)) \(r.kind.rawValue): \(q(r.text)), replaced at \(r.replacedAt): \(q(r.reason))")
            }
        }
        for n in c.withdrawnNotes {
            out.append("    withdrawn note (seq \(n.seq)): \(q(n.agency)) \(n.kind.rawValue) \(q(n.text)): \(n.withdrawalReason.map(q) ?? "-")")
        }
        if let d = c.deferredFrom {
            out.append("    deferred from \(q(d.meetingID)) \(d.meetingDate.iso): \(q(d.reason))")
        }
        for k in c.corrections {
            out.append("    corrected \(k.field.rawValue) (seq \(k.seq)) at \(k.at)\(k.afterClose ? " after the close" : ""): \(q(k.from)) → \(q(k.to)): \(q(k.reason))")
        }
        return out
    }

    /// What the format 2 kinds and optional fields fold into for the whole meeting; each line only
    /// when there is something to say (a version 1 fixture has none of it).
    static func laterMeetingState(_ s: MeetingState) -> [String] {
        var out: [String] = []
        if let training = s.info.training { out.append("  training \(training)") }
        let r = s.rules
        var optional: [String] = []
        if let v = r.chaserVictimNames { optional.append("chaser victim names \(v)") }
        if let v = r.chaserText { optional.append("chaser text \(q(v))") }
        if let v = r.timeZone { optional.append("time zone \(q(v))") }
        if let v = r.minuteTaker { optional.append("minute taker \(q(v))") }
        if let v = r.circulation { optional.append("circulation [\(v.map(q).joined(separator: " "))]") }
        if let v = r.meetingDates { optional.append("meeting dates [\(v.map(\.iso).joined(separator: " "))]") }
        if let v = r.packIdentifies { optional.append("pack identifies \(q(v))") }
        if let v = r.minutesIdentify { optional.append("minutes identify \(q(v))") }
        if let v = r.plannedStartMinutes { optional.append("usual start \(v)") }
        if let v = r.plannedEndMinutes { optional.append("usual end \(v)") }
        if !optional.isEmpty { out.append("  rules (optional): " + optional.joined(separator: ", ")) }
        if let o = s.originalPlan {
            out.append("  plan changed: now start \(s.info.plannedStartMinutes) length \(s.info.plannedDurationMinutes), first \(o.startMinutes)-\(o.endMinutes)")
        }
        for item in s.aob {
            out.append("  any other business \(q(item.id)): \(q(item.title)) raised by \(q(item.raisedBy))")
            for n in item.notes { out.append("    note \(n.id): \(q(n.agency)) \(n.kind.rawValue) at \(n.at): \(q(n.text))") }
        }
        if let next = s.nextMeeting { out.append("  next meeting \(next.date.iso) at \(q(next.venue))") }
        return out
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
        out.append(contentsOf: laterMeetingState(s))
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
            out.append(contentsOf: laterState(c))
            out.append("    actions [\(c.actionIDs.map(q).joined(separator: " "))]")
            for (prompt, reason) in c.passedPrompts.sorted(by: { $0.key < $1.key }) { out.append("    passed \(q(prompt)): \(q(reason))") }
        }
        for o in s.outstanding {
            out.append("  outstanding \(q(o.id)): from \(o.meetingDate.iso) case \(q(o.caseRef)) owner \(q(o.owner)) due \(o.due?.iso ?? "-") "
                       + "category \(o.category?.rawValue ?? "-") \(q(o.text))")
            // Only when the journal has it (format 2), so the summaries frozen before stay as they were.
            if let p = o.progress {
                out.append("    progress \(p.kind.rawValue) on \(p.on.iso) by \(p.by.map(q) ?? "-") agency \(p.agency.map(q) ?? "-"): \(q(p.note))")
            }
            if let review = s.reviews[o.id] {
                out.append("    reviewed \(review.outcome.rawValue) at \(review.at): \(q(review.note))"
                           + (review.newDue.map { " (carried forward, now due \($0.iso))" } ?? ""))
            }
        }
        for a in s.actions {
            out.append("  action \(q(a.id)): case \(q(a.caseRef)) owner \(q(a.owner)) due \(a.due?.iso ?? "-") category \(a.category?.rawValue ?? "-") "
                       + "status \(a.status.rawValue) escalated \(a.escalated) \(q(a.text))")
            for u in a.history { out.append("    update at \(u.at): \(u.status.rawValue) escalated \(u.escalated) \(q(u.note))") }
            if let teller = s.absentOwnerInformers[a.id] { out.append("    absent owner to be told by \(q(teller))") }
        }
        return out
    }

    /// Quoted with Swift's escapes, so control characters and trailing spaces show.
    static func q(_ s: String) -> String { s.debugDescription }
    static func opt<T>(_ v: T?) -> String { v.map { "\($0)" } ?? "-" }
}

extension FixtureSummary {
    /// The format versions that have frozen fixtures (`Tests/Fixtures/journal-vN/`).
    static let versions = [1, 2]

    /// Where the frozen fixtures of format `version` are, from this file's place in the repository.
    static func folder(_ version: Int) -> String {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()   // MaracJournalTests
        url.deleteLastPathComponent()   // Tests
        return url.appendingPathComponent("Fixtures/journal-v\(version)").path
    }

    /// Every fixture journal of format `version`, by name (without `.jsonl`), sorted.
    static func names(_ version: Int) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder(version))) ?? [])
            .filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }.sorted()
    }

    /// Every fixture of every version, as `journal-vN/NAME`.
    static var all: [String] { versions.flatMap { v in names(v).map { "journal-v\(v)/\($0)" } } }

    /// The version and name in `journal-vN/NAME`.
    static func split(_ id: String) -> (version: Int, name: String) {
        let parts = id.split(separator: "/", maxSplits: 1)
        return (Int(parts[0].dropFirst("journal-v".count)) ?? 0, String(parts[1]))
    }

    static func passphrase(_ name: String, version: Int) -> String? {
        (try? String(contentsOfFile: "\(folder(version))/\(name).passphrase", encoding: .utf8))
    }

    /// The summary of fixture `name` as today's code reads it: the full read (with the passphrase
    /// beside it, if any), then what the chain-only check says. Errors are summarised too, with the
    /// folder taken out of the path so the text does not depend on where the repository is.
    static func read(_ name: String, version: Int) -> String {
        read(path: "\(folder(version))/\(name).jsonl", passphrase: passphrase(name, version: version))
    }

    static func read(path: String, passphrase: String?) -> String {
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        func clean(_ error: JournalError) -> String { error.description.replacingOccurrences(of: dir + "/", with: "") }
        var text: String
        do {
            text = render(try JournalReader.read(path: path, passphrase: passphrase))
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
