import Foundation

/// Runs the built `csbs` binary the way a user would, with a private HOME and state directory.
struct CommandRunner {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let home: String

    init() throws {
        home = NSTemporaryDirectory() + "csbs-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    /// The binary next to the test bundle (`.build/<config>/csbs`), or `CSBS_BINARY`.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["CSBS_BINARY"] { return path }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("csbs").path
    }

    var stateDatabase: String { home + "/state/csbs/emulator.sqlite" }

    /// Environment with no cloud credentials (so the built-in emulator is used) and instant backups.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ["HOME": home, "XDG_STATE_HOME": home + "/state", "XDG_CACHE_HOME": home + "/cache",
                           "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                           "CSBS_EMULATOR_BACKUP_DURATION": "0s", "NO_COLOR": "1"]
        environment.merge(extra) { $1 }
        return environment
    }

    /// Runs the binary to its end. The blocking waits (pipes, exit) happen on a Dispatch thread, not on the
    /// concurrency pool's few threads, so that tests running the binary never starve in-process tests that serve
    /// HTTP (with 2 cores the pool has 2 threads).
    /// - Parameter executable: The program to run; ``binary`` by default.
    func run(
        _ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:],
        executable: String = Self.binary
    ) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result { try runBlocking(arguments, stdin: stdin, environment: extra, executable: executable) }
                )
            }
        }
    }

    private func runBlocking(
        _ arguments: [String], stdin: String?, environment extra: [String: String], executable: String
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment(extra)
        process.currentDirectoryURL = URL(fileURLWithPath: home)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    func write(_ text: String, to name: String) throws -> String {
        let path = home + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: home)
    }
}
