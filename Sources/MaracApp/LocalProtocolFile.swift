import Foundation
import MaracJournal
import MaracCore
import Yams

/// The local protocol file (`marac new --protocol FILE`; docs/DOMAIN.md): YAML, every key optional;
/// a key left out keeps the national default. A misspelt key is an error, never silently ignored
/// (a typo in `limit_minutes` would otherwise change how the meeting is timed without anyone noticing).
///
///     agencies: [Police, Idva, Children's Social Care]
///     dash_threshold: 14
///     escalation_incidents: 3
///     escalation_window_months: 12
///     repeat_window_months: 12
///     target_minutes: 10
///     limit_minutes: 15
///     confidentiality_statement: This meeting is strictly confidential. …
public enum LocalProtocolFile {
    public static let keys = ["agencies", "dash_threshold", "escalation_incidents", "escalation_window_months",
                              "repeat_window_months", "target_minutes", "limit_minutes", "confidentiality_statement",
                              "chaser_victim_names", "chaser_text",
                              "time_zone", "minute_taker", "circulation", "meeting_dates", "pack_identifies", "minutes_identify",
                              "start_time", "end_time"]

    public static func load(path: String) throws(CommandFailure) -> LocalProtocol {
        let text = try InputFile.text(path, what: "the protocol file", missingExit: ExitStatus.missingInput)
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(CommandFailure) -> LocalProtocol {
        func fail(_ mark: Mark?, _ key: String?, _ message: String) -> CommandFailure {
            YAMLSyntax.failure(file, line: mark?.line, key: key, message)
        }
        let root = try YAMLSyntax.document(text, file: file)
        var rules = LocalProtocol.national
        guard let root else { return rules }   // an empty file: the national protocol
        guard let mapping = root.mapping else { throw fail(root.mark, nil, "expected 'key: value' lines (see `marac new --help`)") }

        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            func int(_ range: ClosedRange<Int>) throws(CommandFailure) -> Int {
                guard let n = value.int, range.contains(n) else {
                    throw fail(value.mark, key, "'\(value.string ?? "?")' should be a whole number from \(range.lowerBound) to \(range.upperBound)")
                }
                return n
            }
            switch key {
            case "agencies":
                guard let list = value.sequence, !list.isEmpty else { throw fail(value.mark, key, "should be a list of agency names") }
                var names: [String] = []
                for item in list {
                    let name = SafeText.line(item.string ?? "").trimmingWhitespace()
                    guard !name.isEmpty else { throw fail(item.mark, key, "an agency name is empty") }
                    guard !names.contains(where: { $0.lowercased() == name.lowercased() }) else {
                        throw fail(item.mark, key, "'\(name)' is listed twice")
                    }
                    names.append(name)
                }
                rules.agencies = names
            case "dash_threshold": rules.dashThreshold = try int(1...24)
            case "escalation_incidents": rules.escalationIncidents = try int(1...50)
            case "escalation_window_months": rules.escalationWindowMonths = try int(1...60)
            case "repeat_window_months": rules.repeatWindowMonths = try int(1...60)
            case "target_minutes": rules.targetMinutes = try int(1...120)
            case "limit_minutes": rules.limitMinutes = try int(1...240)
            case "confidentiality_statement":
                let statement = SafeText.block(value.string ?? "").trimmingWhitespace()
                guard !statement.isEmpty else { throw fail(value.mark, key, "the statement is empty") }
                rules.confidentialityStatement = statement
            case "chaser_victim_names":
                switch (value.string ?? "").trimmingWhitespace().lowercased() {
                case "yes", "true": rules.chaserVictimNames = true
                case "no", "false": rules.chaserVictimNames = false
                default: throw fail(value.mark, key, "'\(SafeText.line(value.string ?? "?"))' should be yes or no")
                }
            case "chaser_text":
                let text = SafeText.block(value.string ?? "").trimmingWhitespace()
                guard !text.isEmpty else { throw fail(value.mark, key, "the covering text is empty") }
                rules.chaserText = text
            case "time_zone":
                let name = (value.string ?? "").trimmingWhitespace()
                guard TimeZone(identifier: name) != nil else {
                    throw fail(value.mark, key, "'\(SafeText.line(name))' is not a time zone name (e.g. Europe/London)")
                }
                rules.timeZone = name
            case "minute_taker":
                let name = SafeText.line(value.string ?? "").trimmingWhitespace()
                guard !name.isEmpty else { throw fail(value.mark, key, "the minute-taker is empty") }
                rules.minuteTaker = name
            case "circulation":
                guard let list = value.sequence, !list.isEmpty else { throw fail(value.mark, key, "should be a list of agencies or people") }
                var names: [String] = []
                for item in list {
                    let name = SafeText.line(item.string ?? "").trimmingWhitespace()
                    guard !name.isEmpty else { throw fail(item.mark, key, "an entry is empty") }
                    names.append(name)
                }
                rules.circulation = names
            case "meeting_dates":
                guard let list = value.sequence else { throw fail(value.mark, key, "should be a list of dates (yyyy-mm-dd)") }
                var dates: [CalendarDate] = []
                for item in list {
                    guard let d = CalendarDate.parse(item.string ?? "") else {
                        throw fail(item.mark, key, "'\(SafeText.line(item.string ?? ""))' is not a date (yyyy-mm-dd)")
                    }
                    dates.append(d)
                }
                rules.meetingDates = dates.sorted()
            case "pack_identifies":
                let v = (value.string ?? "").trimmingWhitespace().lowercased()
                guard ["reference", "reference and victim"].contains(v) else {
                    throw fail(value.mark, key, "should be 'reference' or 'reference and victim'")
                }
                rules.packIdentifies = v
            case "minutes_identify":
                let v = (value.string ?? "").trimmingWhitespace().lowercased()
                guard ["reference", "names"].contains(v) else { throw fail(value.mark, key, "should be 'reference' or 'names'") }
                rules.minutesIdentify = v
            case "start_time", "end_time":
                // Quoted or not ("09:30" unquoted is a number in old YAML): read as typed.
                guard let minutes = parseClockTime(value.string ?? "") else {
                    throw fail(value.mark, key, "'\(SafeText.line(value.string ?? ""))' is not a time of day: use hh:mm, e.g. 09:30")
                }
                if key == "start_time" { rules.plannedStartMinutes = minutes } else { rules.plannedEndMinutes = minutes }
            default:
                throw fail(keyNode.mark, key, "unknown key '\(key)'; the keys are: \(keys.joined(separator: ", "))")
            }
        }
        if let start = rules.plannedStartMinutes, let end = rules.plannedEndMinutes, end <= start {
            throw fail(nil, "end_time", "the end (\(formatClockTime(minutes: end))) is not after the start (\(formatClockTime(minutes: start)))")
        }
        if rules.limitMinutes < rules.targetMinutes {
            throw fail(nil, "limit_minutes", "the limit (\(rules.limitMinutes) minutes) is shorter than the target (\(rules.targetMinutes) minutes)")
        }
        return rules
    }

    /// The national protocol written as a protocol file, to copy and adapt.
    public static var template: String {
        let n = LocalProtocol.national
        return """
        # marac local protocol. Every key is optional: one left out keeps the national default shown here.
        agencies:
        \(n.agencies.map { "  - \"\($0)\"" }.joined(separator: "\n"))
        dash_threshold: \(n.dashThreshold)             # visible high risk: DASH score at or above this (of 24)
        escalation_incidents: \(n.escalationIncidents)         # potential escalation: this many incidents …
        escalation_window_months: \(n.escalationWindowMonths)    # … within this many months
        repeat_window_months: \(n.repeatWindowMonths)        # a repeat: an incident within this many months of the last Marac
        target_minutes: \(n.targetMinutes)             # time per case: amber at the target …
        limit_minutes: \(n.limitMinutes)              # … red past the limit
        confidentiality_statement: >-
          \(n.confidentialityStatement)
        # chaser_victim_names: no      # chasers name the case reference only; yes adds the victim's name
        # chaser_text: >-              # the chasers' covering text; {agency} {count} {overdue} {date} {by} are filled in
        #   Dear colleague, …
        # time_zone: Europe/London            # times in documents (default: TZ, else Europe/London)
        # minute_taker: "A. N. Other, Marac coordinator"
        # circulation: [Police, Idva, "Children's Social Care"]
        # meeting_dates: [2027-01-05, 2027-02-02]   # the minutes name the next one
        # start_time: "09:30"                      # the usual planned start and end (marac new --start / --end)
        # end_time: "12:30"
        # pack_identifies: reference and victim     # or: reference (action packs name the case by reference only)
        # minutes_identify: names                   # or: reference (full minutes without victim/perpetrator names)

        """
    }
}
