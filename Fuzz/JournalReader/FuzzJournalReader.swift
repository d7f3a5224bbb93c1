#if canImport(Glibc)
import Glibc
#endif
import MaracJournal
import MaracFuzzSupport

/// Fuzz target for the journal reader (issue 7): any bytes at all must give contents or a
/// `JournalError`, never a crash, a hang or unbounded memory. Built two ways:
/// - `scripts/fuzz.sh` compiles it with `-sanitize=fuzzer -DFUZZING`: libFuzzer calls
///   `LLVMFuzzerTestOneInput` with generated inputs;
/// - a normal `swift build` makes `fuzz-journal FILE|DIR …`, which replays saved inputs (the
///   corpus, a crash) through the same code, without libFuzzer.
func fuzzJournal(_ bytes: [UInt8]) {
    let io = MemoryFileIO(bytes)
    if let contents = try? JournalReader.read(path: "fuzz.jsonl", fileIO: io) {
        // What the reader accepted must also pass the chain-only check, to the same end.
        guard let chain = try? JournalReader.verifyChain(path: "fuzz.jsonl", fileIO: io),
              chain.finalHash == contents.finalHash, chain.condition == contents.condition else {
            fatalError("read and verifyChain disagree on the same bytes")
        }
    } else {
        _ = try? JournalReader.verifyChain(path: "fuzz.jsonl", fileIO: io)
    }
}

/// The reader's file seam over bytes in memory (no disk I/O per input).
struct MemoryFileIO: FileIO {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    func open(_ path: String, flags: Int32, mode: UInt32) throws(FileIOError) -> Int32 { 3 }
    func close(_ fd: Int32) {}
    func readAll(_ fd: Int32) throws(FileIOError) -> [UInt8] { bytes }
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(FileIOError) -> Int { throw FileIOError(errno: EROFS) }
    func fdatasync(_ fd: Int32) throws(FileIOError) {}
    func fsync(_ fd: Int32) throws(FileIOError) {}
    func ftruncate(_ fd: Int32, length: Int64) throws(FileIOError) { throw FileIOError(errno: EROFS) }
    func fchmod(_ fd: Int32, mode: UInt32) throws(FileIOError) {}
    func lockExclusive(_ fd: Int32) throws(FileIOError) {}
    func makeDirectory(_ path: String, mode: UInt32) throws(FileIOError) { throw FileIOError(errno: EROFS) }
    func link(_ existing: String, _ new: String) throws(FileIOError) { throw FileIOError(errno: EROFS) }
    func rename(_ from: String, _ to: String) throws(FileIOError) { throw FileIOError(errno: EROFS) }
    func unlink(_ path: String) throws(FileIOError) { throw FileIOError(errno: EROFS) }
    func exists(_ path: String) -> Bool { true }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzJournal(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
#else
@main
struct ReplayJournalInputs {
    static func main() { replayInputs(name: "fuzz-journal", fuzzJournal) }
}
#endif
