// swift-tools-version: 6.1
import PackageDescription

/// Settings every target shares (STYLE rule 1).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "csbs",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "csbs", targets: ["csbs"]),
        .executable(name: "csbs-emulator", targets: ["csbs-emulator"]),
        .library(name: "CSBSClient", targets: ["CSBSClient"]),
        .library(name: "CSBSScript", targets: ["CSBSScript"]),
        .library(name: "CSBSEmulator", targets: ["CSBSEmulator"]),
        .library(name: "CSBSDryRun", targets: ["CSBSDryRun"]),
        .executable(name: "csbs-fuzz-syntax", targets: ["FuzzSyntax"]),
        .executable(name: "csbs-fuzz-dryrun", targets: ["FuzzDryRun"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // Bounded reads and private files and directories (the token cache, profiles, the emulator's database).
        // What csbs would otherwise take from the full Foundation, on FoundationEssentials and the C library: paths,
        // whole writes, child processes, trimming and replacing text, JSON values. The modules the csbs executable
        // links import FoundationEssentials only (start-up: docs/ARCHITECTURE.md, "Start-up"; scripts/lint holds it).
        .target(name: "CSBSPlatform", swiftSettings: swiftSettings),
        .target(name: "CSBSLocalFiles", dependencies: ["CSBSPlatform"], swiftSettings: swiftSettings),
        // Client core: configuration, auth, typed CBR operations, errors, waiters.
        .target(
            name: "CSBSClient",
            dependencies: [
                "CSBSLocalFiles",
                "CSBSPlatform",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Language syntax: tokens, lexer, AST, parser, diagnostics. No network, no terminal.
        .target(name: "CSBSSyntax", dependencies: ["CSBSPlatform"], swiftSettings: swiftSettings),
        // Language semantics: evaluator and output, on top of the client core.
        .target(
            name: "CSBSScript",
            dependencies: ["CSBSSyntax", "CSBSClient", "CSBSPlatform", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // The dry run of a script: a transport that records each request and answers from a small model of the
        // services, switching over the client's operations; the run, within limits, for `--dry-run` and fuzzing.
        .target(
            name: "CSBSDryRun",
            dependencies: [
                "CSBSClient", "CSBSPlatform", "CSBSSyntax", "CSBSScript", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // What a client of the built-in emulator knows without linking it: the emulator's accounts, and how the
        // `csbs-emulator` executable is started for a run and says where it listens. No dependencies.
        .target(name: "CSBSEmulatorInterface", swiftSettings: swiftSettings),
        // Local wire-compatible CBR v3 + IAM service. Knows neither the client nor the language.
        .target(
            name: "CSBSEmulator",
            dependencies: [
                "CSBSEmulatorInterface",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for binding the columns of the rows a checkpoint inserts (StoredColumns).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // What the two executables share: where state lives, console lines, duration flags. Neither the client nor
        // the language: csbs-emulator links neither.
        .target(
            name: "CSBSCommandLine",
            dependencies: ["CSBSPlatform", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        // glibc's `mallopt`, for the heap of a long check (csbs/Frontend/HeapReservation.swift).
        .systemLibrary(name: "CMalloc"),
        // Interactive shell: line reading (GNU readline), history, completion, the REPL loop. The language
        // reaches it only through the `ShellEngine` protocol.
        .target(name: "CSBSShell", dependencies: ["CReadline", "CSBSPlatform"], swiftSettings: swiftSettings),
        // `csbs lsp`: the Language Server Protocol on the checked front end.
        .target(name: "CSBSLanguageServer", dependencies: ["CSBSSyntax", "CSBSPlatform"], swiftSettings: swiftSettings),
        // libFuzzer target over lexer, parser and resolver (`scripts/fuzz/run`); a corpus replayer without -DFUZZING.
        // Reads saved fuzz inputs for the two fuzz executables' replayers.
        .target(name: "FuzzCorpus", swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzSyntax", dependencies: ["CSBSSyntax", "FuzzCorpus"], swiftSettings: swiftSettings),
        // libFuzzer target over the dry-run evaluator (`scripts/fuzz/run --target dryrun`); a replayer otherwise.
        .executableTarget(
            name: "FuzzDryRun", dependencies: ["CSBSDryRun", "CSBSScript", "CSBSSyntax", "FuzzCorpus"], swiftSettings: swiftSettings
        ),
        // Test helpers that need only the syntax (diagnostic markers, the saved fuzz inputs): the syntax tests link
        // neither the client nor the emulator (no NIO, Hummingbird or GRDB).
        .target(name: "CSBSSyntaxTestSupport", dependencies: ["CSBSSyntax"], swiftSettings: swiftSettings),
        // Integration test helpers: the emulator on a virtual clock, collecting output, checked runs.
        .target(
            name: "CSBSTestSupport",
            dependencies: [
                "CSBSSyntax", "CSBSSyntaxTestSupport", "CSBSClient", "CSBSScript", "CSBSEmulator", "CSBSEmulatorInterface",
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "csbs",
            dependencies: [
                "CSBSClient", "CSBSCommandLine", "CSBSLocalFiles", "CSBSPlatform", "CSBSSyntax", "CSBSScript", "CSBSDryRun", "CSBSEmulatorInterface", "CSBSShell", "CSBSLanguageServer",
                "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings,
            // Start-up time on Linux (BENCHMARKS.md, "Seed flow"): the driver exports every symbol of an executable
            // (47,000 here, each seen by the dynamic loader and, through dladdr, by the Swift runtime at every
            // start); nothing looks them up. (`scripts/build-release` also links the installed binary at a fixed
            // address; that needs the static Swift runtime, so it is not set here.)
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux]))]
        ),
        // `csbs-emulator`: `csbs serve`, and the built-in emulator of a run without credentials, in a process of its
        // own (CSBSEmulatorInterface says how csbs starts it). The csbs executable does not link the emulator.
        .executableTarget(
            name: "csbs-emulator",
            dependencies: [
                "CSBSCommandLine", "CSBSEmulator", "CSBSEmulatorInterface", "CSBSLocalFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings,
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "CSBSClientTests",
            dependencies: [
                "CSBSClient", "CSBSLocalFiles", "CSBSTestSupport", "CSBSEmulator", "CSBSEmulatorInterface",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CSBSSyntaxTests",
            dependencies: ["CSBSSyntax", "CSBSSyntaxTestSupport"],
            exclude: ["FuzzRegressions"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CSBSScriptTests",
            dependencies: [
                "CSBSScript", "CSBSSyntax", "CSBSClient", "CSBSEmulator", "CSBSEmulatorInterface", "CSBSTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CSBSDryRunTests",
            dependencies: [
                "CSBSDryRun", "CSBSScript", "CSBSSyntax", "CSBSClient", "CSBSSyntaxTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CSBSEmulatorTests",
            dependencies: [
                "CSBSEmulator", "CSBSEmulatorInterface", "CSBSTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CSBSShellTests",
            dependencies: ["CSBSShell"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CSBSLanguageServerTests",
            dependencies: ["CSBSLanguageServer", "CSBSPlatform", "CSBSSyntax"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "CSBSCommandLineTests", dependencies: ["CSBSCommandLine"], swiftSettings: swiftSettings),
        .testTarget(name: "CSBSPlatformTests", dependencies: ["CSBSPlatform"], swiftSettings: swiftSettings),
        .testTarget(
            name: "csbsTests",
            dependencies: [
                "csbs", "csbs-emulator", "CSBSClient", "CSBSCommandLine", "CSBSDryRun", "CSBSEmulator", "CSBSEmulatorInterface", "CSBSScript", "CSBSSyntax",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
