import MaracApp

// Every `print` in this module goes through `Console`, so nothing marac writes to its standard
// output can drive the terminal, whoever adds the next message (this shadows Swift's `print`
// within the `marac` target only).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Console.output(items.map { "\($0)" }.joined(separator: separator), terminator: terminator)
}
