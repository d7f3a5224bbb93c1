import MaracCore

/// The meeting read as sentences (`where`, `list`, `case`, `register`, `review`): what the
/// full-screen header, agenda, case and register show, in words, with nothing drawn.
extension MeetingScreen {
    /// `where`: the header as one sentence or two.
    func spokenWhere() -> [String] {
        let s = state
        let p = s.projection(now: now, utcOffsetSeconds: utcOffsetSeconds)
        var parts: [String] = []
        if s.isClosed {
            parts.append("The meeting is closed; it ran for \(Spoken.minutes(p.meetingElapsedMillis))")
        } else if !s.isStarted {
            parts.append("The meeting has not started")
        } else {
            parts.append("Meeting running for \(Spoken.minutes(p.meetingElapsedMillis))" + (s.isPaused ? ", paused" : ""))
        }
        if let ref = s.activeCase, let c = s.cases[ref] {
            let position = (s.queue.firstIndex(of: ref) ?? 0) + 1
            var about = "case \(position) of \(s.queue.count), \(SafeText.line(ref))"
            let traits = spokenTraits(c)
            if !traits.isEmpty { about += ", " + traits.joined(separator: ", ") }
            let elapsed = c.elapsedMillis(now: now)
            let phase = s.phase(of: ref, now: now)
            var timing = (c.status == .paused || s.isPaused ? "paused after " : "discussing for ") + Spoken.minutes(elapsed)
            let target = s.timing.target(bonusMinutes: c.bonusMinutes) / 60_000
            let limit = s.timing.limit(bonusMinutes: c.bonusMinutes) / 60_000
            switch phase {
            case .overLimit: timing += ", past the \(target)-minute target and the \(limit)-minute limit"
            case .targetReached: timing += ", past the \(target)-minute target"
            default: timing += ", under the \(target)-minute target"
            }
            parts.append(about + "; " + timing)
        } else if let next = s.nextWaitingCase {
            parts.append("no case under discussion; next waiting is \(SafeText.line(next))")
        } else if !s.queue.isEmpty {
            parts.append("no cases left waiting")
        }
        if s.isStarted && !s.isClosed {
            // The same forecast as the full screen's header: from now, not from the planned start.
            let finish = formatClockTime(at: p.finishAt, utcOffsetSeconds: utcOffsetSeconds)
            var forecast = "\(Spoken.count(p.casesLeft, "case")) left; at this pace the meeting finishes about \(finish)"
            if !p.notReached.isEmpty {
                forecast += ", \(Spoken.count(p.notReached.count, "case")) may not be reached"
            }
            parts.append(forecast)
        }
        parts.append("you are on the \(screen.title.lowercased()) screen")
        return Spoken.lines(parts.joined(separator: "; ").sentence.capitalisedFirst)
    }

    /// "repeat", "three children", "notification only".
    func spokenTraits(_ c: CaseRecord) -> [String] {
        var traits: [String] = []
        if c.agenda.notification { traits.append("notification only") }
        // As the agenda's Rpt column decides it; a case whose agenda says nothing either way is
        // unknown, never "not a repeat" (`AgendaCase.repeatRecorded`).
        if c.isRepeat(hearingDate: state.info.date, windowMonths: state.rules.repeatWindowMonths) { traits.append("repeat") }
        else { traits.append(c.agenda.repeatRecorded ? "not a repeat" : "repeat not recorded") }
        if let n = c.agenda.children { traits.append(n == 0 ? "no children" : Spoken.count(n, "child", plural: "children")) }
        else { traits.append("children not known") }
        if let score = c.agenda.dashScore { traits.append("DASH score \(score)") }
        if c.late { traits.append("added late") }
        return traits
    }

    /// `list`: one sentence per case, in agenda order.
    func spokenAgenda() -> [String] {
        let s = state
        guard !s.queue.isEmpty else { return ["The agenda is empty."] }
        var lines = ["The agenda has \(Spoken.count(s.queue.count, "case")):"]
        for (i, c) in s.orderedCases.enumerated() {
            var text = "\(i + 1). \(SafeText.line(c.ref)), \(spokenStatus(c))"
            let traits = spokenTraits(c)
            if !traits.isEmpty { text += ", " + traits.joined(separator: ", ") }
            let actions = s.actions(for: c.ref).filter { $0.status != .withdrawn }.count
            if actions > 0 { text += ", \(Spoken.count(actions, "action"))" }
            if c.ref == agenda.selectedRef { text += " (selected)" }
            lines += Spoken.lines(text.sentence, indent: "   ")
        }
        return lines
    }

    func spokenStatus(_ c: CaseRecord) -> String {
        switch c.status {
        case .heard: return "heard in \(Spoken.minutes(c.elapsedMillis(now: now)))"
        case .discussing: return state.isPaused ? "under discussion, meeting paused" : "under discussion for \(Spoken.minutes(c.elapsedMillis(now: now)))"
        case .paused: return "paused after \(Spoken.minutes(c.elapsedMillis(now: now)))"
        default: return c.status.word
        }
    }

    /// `case`: the selected case's header, history, notes and actions.
    func spokenCase() -> [String] {
        guard let c = context.selectedCase ?? state.activeCase.flatMap({ state.cases[$0] }) else {
            return ["No case is selected. Type list for the agenda, or open and a case number."]
        }
        var lines: [String] = []
        let position = (state.queue.firstIndex(of: c.ref) ?? 0) + 1
        var head = "Case \(position) of \(state.queue.count), \(SafeText.line(c.ref)), \(spokenStatus(c))"
        let traits = spokenTraits(c)
        if !traits.isEmpty { head += ", " + traits.joined(separator: ", ") }
        lines += Spoken.lines(head.sentence)
        let a = c.agenda
        // The names the case screen's header shows (privacy, when on, stops `case` altogether).
        var names = "Victim \(SafeText.line(a.victim))"
        if let p = a.perpetrator, !p.isEmpty { names += ", perpetrator \(SafeText.line(p))" }
        lines += Spoken.lines(names.sentence)
        if let from = c.deferredFrom {
            lines += Spoken.lines(("Deferred from the meeting of \(Spoken.date(from.meetingDate))"
                                   + (from.reason.isEmpty ? "" : ": \(SafeText.line(from.reason))")).sentence)
        }
        lines += Spoken.lines("Referred by \(SafeText.line(a.referringAgency)), \(a.referralBasis.label)"
                              + (a.referralDate.map { " on \(Spoken.date($0))" } ?? "") + ".")
        let d = c.details
        if let summary = d.referralSummary, !summary.isEmpty { lines += Spoken.lines("Referral: \(summary)".sentence) }
        if !d.riskFactors.isEmpty {
            let ordered = d.riskFactors.filter(\.isHighRiskIndicator) + d.riskFactors.filter { !$0.isHighRiskIndicator }
            lines += Spoken.lines("Risks: " + Spoken.list(ordered.map(\.label)) + ".")
        }
        if !d.contactSafety.isEmpty {
            lines += Spoken.lines("Unsafe contact: " + Spoken.list(d.contactSafety.map(\.rawValue)) + ".")
        }
        if !d.flags.isEmpty { lines += Spoken.lines("Flags: " + Spoken.list(d.flags.map(\.label)) + ".") }
        if !a.agenciesInvolved.isEmpty { lines += Spoken.lines("Agencies involved: " + Spoken.list(a.agenciesInvolved) + ".") }
        let history = state.earlierHearingsNow(of: c).filter { c.historyDecisions[$0.key] != false }
        if history.isEmpty {
            lines.append("No earlier hearings.")
        } else {
            lines.append("Earlier hearings: \(history.count).")
            for h in history {
                let confirmed = c.historyDecisions[h.key] ?? h.match.isStrong
                lines += Spoken.lines("Heard on \(Spoken.date(h.date)) as \(SafeText.line(h.caseRef))"
                                      + (confirmed ? "" : ", a possible earlier hearing not yet confirmed")
                                      + (h.actions.isEmpty ? ", no actions agreed." : ", \(Spoken.count(h.actions.count, "action")):"), indent: "  ")
                for act in h.actions {
                    lines += Spoken.lines("\(SafeText.line(act.owner)), \(act.outcome.rawValue): \(act.text)".sentence, indent: "    ")
                }
            }
        }
        if privacy {
            lines.append("Privacy is on: notes and actions are not read.")
            return lines
        }
        let notes = c.notes
        lines.append(notes.isEmpty ? "No notes." : "Notes: \(notes.count).")
        for (i, n) in notes.enumerated() {
            lines += Spoken.lines("Note \(i + 1), \(SafeText.line(n.agency)), \(n.kind.rawValue): \(n.text)".sentence, indent: "  ")
        }
        lines += spokenActions(c)
        return lines
    }

    func spokenActions(_ c: CaseRecord) -> [String] {
        let actions = state.actions(for: c.ref)
        var lines = [actions.isEmpty ? "No actions yet." : "Actions: \(actions.count)."]
        for (i, a) in actions.enumerated() {
            let due = a.due.map { "due \(Spoken.dayAndDate($0))" } ?? "no due date"
            lines += Spoken.lines("Action \(i + 1), \(SafeText.line(state.displayID(a.id))), \(SafeText.line(a.owner)), \(due), "
                                  + "\(a.status.label): \(a.text)".sentence, indent: "  ")
        }
        return lines
    }

    /// `register`: the attendance register, numbered.
    func spokenRegister() -> [String] {
        let register = state.attendance
        var lines = [register.isEmpty ? "Nobody is on the attendance register yet." : "The register has \(Spoken.count(register.count, "person", plural: "people")):"]
        for (i, a) in register.enumerated() {
            var text = "\(i + 1). \(SafeText.line(a.representative)), \(SafeText.line(a.agency)), \(a.role.rawValue)"
            if a.confidentialityAgreed == true { text += ", agreed confidentiality" }
            if let left = a.leftAfterCase { text += ", left after case \(SafeText.line(left))" }
            lines += Spoken.lines(text.sentence, indent: "   ")
        }
        lines += state.confidentialityRead ? ["The confidentiality statement has been read."] : spokenStatement()
        return lines
    }

    /// The confidentiality statement, to read aloud before any case is heard, until it is recorded
    /// as read (`statement`): the full screen shows it on the opening for the chair to read out.
    func spokenStatement() -> [String] {
        guard !state.confidentialityRead else { return ["The confidentiality statement has been read."] }
        return ["The confidentiality statement has not been recorded as read. Read it aloud:"]
            + Spoken.lines(SafeText.line(state.rules.confidentialityStatement), indent: "   ")
            + ["Then type statement to record that it was read."]
    }

    /// `review`: the outstanding actions from earlier meetings, with their outcomes so far.
    func spokenReview() -> [String] {
        let list = ReviewController.order(state)
        guard !list.isEmpty else { return ["No actions from earlier meetings to review."] }
        let done = list.filter { state.reviews[$0.id] != nil }.count
        var lines = ["\(Spoken.count(list.count, "action").capitalisedFirst) to review, \(done == 0 ? "none" : "\(done)") recorded:"]
        for (i, a) in list.enumerated() {
            lines += spokenReviewItem(a, number: i + 1)
        }
        return lines
    }

    func spokenReviewItem(_ a: OutstandingAction, number: Int) -> [String] {
        let outcome = state.reviews[a.id].map { "outcome recorded: \($0.outcome.label)" } ?? "no outcome yet"
        var due = a.due.map { "due \(Spoken.date($0))" } ?? "no due date"
        if state.reviews[a.id] == nil, let late = a.overdueWords(on: state.info.date) { due += ", \(late)" }
        let order = ReviewController.order(state)
        let selected = order.indices.contains(review.index) && order[review.index].id == a.id ? " (selected)" : ""
        var lines = Spoken.lines("\(number). \(a.displayID), case \(SafeText.line(a.caseRef)), \(SafeText.line(a.owner)), \(due), \(outcome)\(selected): \(a.text)".sentence,
                                 indent: "   ")
        if let progress = a.progress {
            lines += Spoken.lines("Latest: \(progress.attribution), \(Spoken.date(progress.on)): \(SafeText.line(progress.note))".sentence, indent: "   ")
        }
        return lines
    }
}
