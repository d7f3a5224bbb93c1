import MaracCore

/// The five screens, in meeting order; the digit keys jump between them.
enum ScreenID: Int, CaseIterable, Equatable {
    case opening = 1, review, agenda, caseView, summary

    var title: String {
        switch self {
        case .opening: return "Opening"
        case .review: return "Review"
        case .agenda: return "Agenda"
        case .caseView: return "Case"
        case .summary: return "Summary"
        }
    }
}

/// A question that takes over the keyboard until answered.
enum Modal: Equatable {
    case form(FormModel, AnyFormSpec)
    case confirm(ConfirmPurpose)
    case closePrompts(CloseFlow)
    /// `:` the command palette, `/` the search.
    case finder(Finder)
}

enum ConfirmPurpose: Equatable {
    case quit
    case closeMeeting
    /// Starting the meeting clock on a day other than the meeting's date: the events to write if
    /// the chair starts anyway, and the screen to show then.
    case startOnAnotherDay(events: [MeetingEvent], message: String, show: ScreenID?)
    case removeAttendee(agency: String, representative: String)
    /// `u` when the last change is to another case than the one on screen: the event to undo, named.
    case undoElsewhere(seq: Int, what: String)
}

/// Closing a case: the overrun reason (if any) is carried until `.discussionEnded` is written.
struct CloseFlow: Equatable {
    var caseRef: String
    var overrunReason: String?
    var selected = 0
}

/// What to do once the journal confirms a write (write-ahead: nothing shows as done before that).
enum AfterSave: Equatable {
    case dismiss(message: String?)
    case reopen(Modal, message: String?)
    case caseClosed(String)
    /// An item of any other business was added: open it on the Case screen.
    case showAOB(String, message: String)
    /// An outstanding action's outcome was recorded: the review moves to the next one to review.
    case reviewed(actionID: String, message: String?)
    /// Close the form and show a warning (recorded, but something needs the chair's attention).
    case warn(message: String)
}
