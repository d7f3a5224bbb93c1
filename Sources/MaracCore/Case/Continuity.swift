/// What one meeting hands to the next (docs/DECISIONS.md, "Continuity between meetings").
public enum Continuity {
    /// A case the previous meeting deferred "to the next meeting", as the new meeting takes it.
    public struct Carried: Sendable, Equatable {
        public var caseRef: String
        /// The case as the previous meeting last had it: its corrections and details included.
        public var agenda: AgendaCase
        public var from: DeferredFrom
        /// The new agenda lists it already (matched as references are, `CaseReference`).
        public var alreadyOnAgenda: Bool
    }

    /// The previous meeting of the same Marac (same area) before `info`'s date, among `earlier`:
    /// the latest by date; of copies of one meeting, the fullest.
    public static func previousMeeting(before info: MeetingInfo, earlier: [MeetingState]) -> MeetingState? {
        let sameArea = earlier.filter {
            $0.info.id != info.id && $0.info.date < info.date
                && MeetingInfo.makeID(date: info.date, area: $0.info.area) == MeetingInfo.makeID(date: info.date, area: info.area)
        }
        return sameArea.max { ($0.info.date, $0.lastSeq) < ($1.info.date, $1.lastSeq) }
    }

    /// The cases the previous meeting deferred to the next meeting, in its agenda order.
    public static func deferredCases(to info: MeetingInfo, earlier: [MeetingState], agenda: [AgendaCase]) -> [Carried] {
        guard let previous = previousMeeting(before: info, earlier: earlier) else { return [] }
        let refs = agenda.map(\.caseRef)
        return previous.orderedCases.filter { $0.status == .deferredToNextMeeting }.map { c in
            var carried = c.agenda
            carried.details = c.details.isEmpty ? nil : c.details
            let onAgenda = CaseReference.match(c.ref, in: refs)
            return Carried(caseRef: onAgenda ?? c.ref, agenda: carried,
                           from: DeferredFrom(meetingID: previous.info.id, meetingDate: previous.info.date,
                                              reason: SafeText.line(c.deferralReason ?? "")),
                           alreadyOnAgenda: onAgenda != nil)
        }
    }
}
