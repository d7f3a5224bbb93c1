// swift-tools-version:6.0
import PackageDescription

// Dependency direction (docs/DECISIONS.md §1): marac → {MaracApp} → {MaracTerminal, MaracUI, MaracJournal, MaracExport} → MaracCore.
// MaracTerminal is the only target that may import CNcursesW.
let package = Package(
    name: "marac",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "marac", targets: ["marac"]),
        .executable(name: "marac-bench", targets: ["marac-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // Pure domain: events, reducer, queue, timing, SMART rules, agenda import, statistics. No I/O.
        .target(name: "MaracCore", dependencies: [.product(name: "CSV", package: "CSV.swift")]),
        // Append-only hash-chained journal: fdatasync, torn-tail recovery, lock, encryption.
        .target(name: "MaracJournal", dependencies: [
            "MaracCore",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        // Pure renderers: minutes, action packs, data return.
        .target(name: "MaracExport", dependencies: ["MaracCore"]),
        // Pure UI: (state, message) -> (state, effects); view(state, size) -> frame.
        .target(name: "MaracUI", dependencies: ["MaracCore"]),
        // ncursesw through a system library and a header shim.
        .systemLibrary(name: "CNcursesW", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        // The only code that talks to ncurses.
        .target(name: "MaracTerminal", dependencies: ["MaracUI", "CNcursesW"]),
        // Wiring shared by the executables: command implementations, run loop, config, themes, logging.
        .target(name: "MaracApp", dependencies: [
            "MaracCore", "MaracJournal", "MaracExport", "MaracUI", "MaracTerminal",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            // Ed25519 signing of journal checkpoints (Hardening/Signing.swift).
            .product(name: "Crypto", package: "swift-crypto"),
        ], resources: [.copy("Resources")]),
        .executableTarget(name: "marac", dependencies: [
            "MaracApp",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // SQLite is a benchmark peer only (docs/PERFORMANCE.md): the app never uses it.
        .systemLibrary(name: "CSQLite3", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .executableTarget(name: "marac-bench", dependencies: [
            "MaracApp", "CSQLite3",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Fuzz targets (issue 7): `scripts/fuzz.sh` builds them with libFuzzer; a normal build makes
        // corpus replayers (`fuzz-journal FILE|DIR`, `fuzz-agenda FILE|DIR`).
        .target(name: "MaracFuzzSupport", path: "Fuzz/Support"),
        .executableTarget(name: "fuzz-journal", dependencies: ["MaracJournal", "MaracFuzzSupport"], path: "Fuzz/JournalReader"),
        .executableTarget(name: "fuzz-agenda", dependencies: ["MaracCore", "MaracFuzzSupport"], path: "Fuzz/AgendaImport"),
        .testTarget(name: "MaracCoreTests", dependencies: ["MaracCore"]),
        .testTarget(name: "MaracJournalTests", dependencies: ["MaracJournal", "MaracTestSupport"]),
        .testTarget(name: "MaracExportTests", dependencies: ["MaracExport", "MaracJournal", "MaracApp"], exclude: ["Goldens"]),
        .testTarget(name: "MaracUITests", dependencies: ["MaracUI", "MaracApp"], exclude: ["Goldens"]),
        .testTarget(name: "MaracTerminalTests", dependencies: ["MaracTerminal"]),
        .testTarget(name: "MaracAppTests", dependencies: ["MaracApp", "MaracJournal"]),
        // tmux and process helpers shared by the end-to-end and security tests.
        .target(name: "MaracTestSupport", dependencies: ["MaracJournal"], path: "Tests/MaracTestSupport"),
        // `marac run` with the kill -9 tests' ack log (a SaveListener), so marac itself carries no test hook.
        .executableTarget(name: "marac-crash-harness", dependencies: ["MaracApp", "MaracCore"], path: "Tests/CrashHarness"),
        // Issue 20: `marac run --screen-reader` on a clock the pty test can move on (a real pty has no <Sleep>).
        .executableTarget(name: "marac-clock-harness", dependencies: ["MaracApp", "MaracCore"], path: "Tests/ClockHarness"),
        .testTarget(name: "MaracEndToEndTests", dependencies: ["MaracApp", "MaracJournal", "MaracTestSupport", "marac", "marac-clock-harness"]),
        // Issue 19: the command-line conventions from the user's side: safe outputs, --version, exit
        // codes, configuration, the install layout, man pages, completions and help.
        .testTarget(name: "MaracCLITests", dependencies: ["MaracApp", "MaracJournal", "MaracTestSupport", "marac"]),
        // Issue 7: encryption end to end, file modes, hostile input, kill -9 and injected disk faults.
        .testTarget(name: "MaracSecurityTests", dependencies: ["MaracApp", "MaracJournal", "MaracUI", "MaracCore", "MaracTestSupport", "marac",
                                                              "marac-crash-harness", "fuzz-journal", "fuzz-agenda",
                                                              .product(name: "Crypto", package: "swift-crypto")],
                    exclude: ["Regressions"]),
    ],
    swiftLanguageModes: [.v6]
)
