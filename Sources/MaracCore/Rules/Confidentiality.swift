/// Who may hear case detail: everyone in the room agrees to the confidentiality statement. An
/// observer (a student, a new representative shadowing, an inspector) has no agency duty of their
/// own, so one who has not agreed — said no, or was not asked — is marked on the register and the
/// chair is warned: they leave before cases are heard, or agree first.
extension Attendance {
    public var isObserverWithoutConfidentiality: Bool {
        role == .observer && confidentialityAgreed != true && leftAfterCase == nil
    }
}

extension MeetingState {
    /// Observers on the register who have not agreed to confidentiality.
    public var observersWithoutConfidentiality: [Attendance] {
        attendance.filter(\.isObserverWithoutConfidentiality)
    }
}
