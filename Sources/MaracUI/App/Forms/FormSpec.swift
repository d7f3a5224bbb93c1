import MaracCore

/// One form: its fields, how its answers are checked and which events they make, in one type.
/// Like a screen, it reads the meeting through a `ScreenContext` and never changes the root.
/// Adding a form is adding one of these (docs/ARCHITECTURE.md, "How to add… a form"); the form's
/// look and keys (`FormModel`, `FormView`) are the same for every form.
///
/// A spec is a value: what it carries (the case, the action) is its identity, so a cancelled
/// draft comes back when the same form for the same thing is opened again.
protocol FormSpec: Equatable, Sendable {
    /// The form as it opens, from the meeting as it is now.
    func makeForm(in screen: ScreenContext) -> FormModel
    /// Checks the answers: refused (the form stays open with the reason), go on to another
    /// question, or the events to write and what to do once they are durable.
    func submit(_ form: FormModel, in screen: ScreenContext) -> FormResult
    /// A line above the fields naming what the form is about (the case, the action).
    func context(in screen: ScreenContext) -> String?
    /// Checks shown live under the fields as the chair types.
    func liveChecks(_ form: FormModel, in screen: ScreenContext) -> LiveChecks
    /// The chair types content worth keeping if the form is cancelled by mistake.
    var keepsDrafts: Bool { get }
    /// Where Esc goes back to: most forms simply close.
    var returnsTo: Modal? { get }
}

extension FormSpec {
    func context(in screen: ScreenContext) -> String? { nil }
    func liveChecks(_ form: FormModel, in screen: ScreenContext) -> LiveChecks { .none }
    var keepsDrafts: Bool { false }
    var returnsTo: Modal? { nil }

    fileprivate func isSame(as other: any FormSpec) -> Bool { (other as? Self) == self }
}

/// What a submitted form leads to.
enum FormResult {
    case refused(String)
    case next(Modal?)
    case write([MeetingEvent], AfterSave)
}

/// What a form shows under its fields while it is being filled in.
enum LiveChecks: Equatable {
    case none
    /// The SMART check of an action: errors block saving, warnings guide (a ✓ line when clean).
    case smart([Finding])
    /// Warnings only (nothing shown when there are none).
    case warnings([Finding])
}

/// Any form spec, as the modal stack and the drafts hold it.
struct AnyFormSpec: Equatable, Sendable {
    let spec: any FormSpec

    init(_ spec: some FormSpec) { self.spec = spec }

    static func == (a: AnyFormSpec, b: AnyFormSpec) -> Bool { a.spec.isSame(as: b.spec) }

    /// The spec as a given form type, if it is one (tests and callers that need its data).
    func `as`<F: FormSpec>(_ type: F.Type) -> F? { spec as? F }
}

extension Modal {
    /// The modal for a form opened from a spec.
    static func form(_ spec: some FormSpec, in screen: ScreenContext) -> Modal {
        .form(spec.makeForm(in: screen), AnyFormSpec(spec))
    }
}

extension MeetingScreen {
    /// Opens a built form (a screen asks with `ScreenRequest.open`), or the draft the chair left in
    /// the same form (cancelled with typing in it).
    mutating func openForm(_ form: FormModel, _ spec: AnyFormSpec) {
        if let refusal = editRefusal() { setStatus(refusal, error: true); return }
        if let i = drafts.firstIndex(where: { $0.spec == spec }) {
            modal = .form(drafts.remove(at: i).form, spec)
            setStatus("Your unsaved draft is back — Esc again keeps it, Ctrl-U clears a field")
            return
        }
        modal = .form(form, spec)
        setStatus(nil)
    }

    /// Checks a submitted form and writes its events; a refusal keeps the form open with the reason.
    mutating func submit(_ submitted: FormModel, _ spec: AnyFormSpec) -> [Effect] {
        var form = submitted
        form.problem = nil
        switch spec.spec.submit(form, in: context) {
        case .refused(let problem):
            form.problem = problem
            modal = .form(form, spec)
            return []
        case .next(let next):
            modal = next
            return []
        case .write(let events, let after):
            modal = .form(form, spec)
            let effects = save(events, then: after)
            if effects.isEmpty, case .form(var f, let s) = modal {
                f.problem = statusMessage
                modal = .form(f, s)
            }
            return effects
        }
    }

}

extension ScreenContext {
    /// "Case NV-101 · Jane Example": the context line of a form about one case.
    func caseContext(_ ref: String) -> String? {
        // An item of any other business takes notes and actions like a case (Screens/MeetingShape.swift).
        if let item = state.aobItem(ref) { return "\(item.id) · any other business: \(SafeText.line(item.title))" }
        guard let c = state.cases[ref] else { return nil }
        return "Case \(SafeText.line(ref)) · \(SafeText.line(c.agenda.victim))"
    }

    /// "Police: Check bail conditions …": the context line of a form about one action of this meeting.
    func actionContext(_ id: String) -> String? {
        guard let a = state.action(id) else { return nil }
        return "\(SafeText.line(a.owner)): \(SafeText.line(a.text))"
    }
}

/// Shared field lists.
enum Choices {
    static let yesNo = ["yes", "no"]
}
