import MaracCore
import MaracFuzzSupport

/// Fuzz target for the agenda importer (issue 7): any bytes must give cases or a `Problem` that
/// names a line, never a crash or a hang. See Fuzz/JournalReader for how it is built and replayed.
func fuzzAgenda(_ bytes: [UInt8]) {
    guard let result = try? AgendaImport.parse(bytes: bytes, file: "fuzz.csv") else { return }
    // What was accepted must be orderable and printable without trouble.
    let ordered = AgendaImport.agendaOrder(result.cases)
    if ordered.count != result.cases.count { fatalError("agendaOrder lost or invented cases") }
    for c in ordered { _ = SafeText.line(c.victim) + SafeText.line(c.caseRef) }
    for w in result.warnings { _ = w.description }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzAgenda(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
#else
@main
struct ReplayAgendaInputs {
    static func main() { replayInputs(name: "fuzz-agenda", fuzzAgenda) }
}
#endif
