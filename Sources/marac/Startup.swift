import MaracApp

extension Marac {
    /// The entry point: before anything else, make sure a crash can never wait for a key on the
    /// chair's screen (see `CrashSettings`), then parse and run as ArgumentParser does.
    static func main() {
        CrashSettings.reexecIfNeeded()
        main(nil)
    }
}
