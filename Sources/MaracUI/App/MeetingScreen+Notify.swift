extension MeetingScreen {
    /// A message from the runtime shown in the status line: a recovered journal, a theme problem.
    public mutating func notify(_ text: String, error: Bool = false) {
        setStatus(text, error: error)
    }
}
