import MaracCore

/// `F` on the case screen: correct one case field (equality fields, dates, DASH, perpetrator,
/// children, referral details…) with a reason, as a `caseCorrected` event. First which field, then
/// its new value (the current one filled in, selected so typing replaces it) and why. After the
/// meeting is closed, `marac correct` does the same from the command line.
struct CorrectFieldForm: FormSpec {
    var caseRef: String

    func makeForm(in screen: ScreenContext) -> FormModel {
        FormModel(title: "Correct a case field (recorded, with a reason; the original is kept)", fields: [
            FormField("field", "Field", .choice(CaseField.allCases.map(\.rawValue)),
                      hint: "←/→ or type the start of one: dash_score, children, minoritised, referral_date …"),
        ])
    }

    func context(in screen: ScreenContext) -> String? { screen.caseContext(caseRef) }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        guard let field = (f.field("field")?.chosen).flatMap(CaseField.init(rawValue:)) ?? CaseField.parse(f["field"]) else {
            return .refused("Choose the field to correct")
        }
        return .next(.form(CorrectValueForm(caseRef: caseRef, field: field), in: screen))
    }
}

struct CorrectValueForm: FormSpec {
    var caseRef: String
    var field: CaseField

    func makeForm(in screen: ScreenContext) -> FormModel {
        let current = screen.state.cases[caseRef].map { field.value(in: $0.agenda) } ?? ""
        // Shown as it is typed in the agenda: dd/mm/yyyy dates, `;` between items.
        let shown = field == .referralDate || field == .previousHearings
            ? current.split(separator: ";").map { CalendarDate.parse(String($0))?.uk ?? String($0) }.joined(separator: "; ")
            : current
        return FormModel(title: "Correct \(field.label.lowercased())", fields: [
            FormField("value", field.label, value: shown, hint: field.hint),
            FormField("reason", "Reason", hint: "required: why it is corrected (the old value stays in the record)"),
        ])
    }

    func context(in screen: ScreenContext) -> String? {
        let current = screen.state.cases[caseRef].map { field.display(field.value(in: $0.agenda)) } ?? ""
        return "\(screen.caseContext(caseRef) ?? SafeText.line(caseRef)) · now: \(SafeText.line(current))"
    }

    func submit(_ f: FormModel, in screen: ScreenContext) -> FormResult {
        switch screen.state.correction(caseRef: caseRef, field: field, value: f["value"], reason: f["reason"]) {
        case .failure(let problem): return .refused(problem.message)
        case .success(let event):
            guard case .caseCorrected(_, _, let value, _) = event else { return .refused("Nothing to correct") }
            return .write([event], .dismiss(message: "\(field.label) of \(SafeText.line(caseRef)) corrected to \(SafeText.line(field.display(value))) (recorded)"))
        }
    }
}
