/// What a key script left unfinished, for the scripted run to say on stderr: a script that ends
/// with a form still open (a save refused, a field typed into that should have been the next key)
/// saved nothing of it, which an author reading only the exit status would not know.
extension MeetingScreen {
    /// The open form's title and the reason its last save was refused (if it was), or nil.
    public var unfinishedForm: (title: String, problem: String?)? {
        guard case .form(let form, _) = modal else { return nil }
        return (form.title, form.problem)
    }
}
