import Foundation

/// Shared by both fuzz targets. `fuzz-… FILE|DIR …`: runs every saved input through the target once (corpus check, crash replay).
public func replayInputs(name: String, _ target: ([UInt8]) -> Void) {
    let args = Array(CommandLine.arguments.dropFirst())
    if args.isEmpty {
        FileHandle.standardError.write(Data("usage: \(name) FILE|DIR …  (replays saved fuzz inputs; scripts/fuzz.sh fuzzes)\n".utf8))
        exit(2)
    }
    var count = 0
    for arg in args {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: arg, isDirectory: &isDir) else {
            FileHandle.standardError.write(Data("\(name): \(arg): no such file or folder\n".utf8)); exit(2)
        }
        let files = isDir.boolValue
            ? ((try? FileManager.default.contentsOfDirectory(atPath: arg)) ?? []).filter { !$0.hasPrefix(".") }.sorted().map { arg + "/" + $0 }
            : [arg]
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            target(Array(data))
            count += 1
        }
    }
    print("\(name): \(count) input\(count == 1 ? "" : "s") replayed, no crash")
}
