import CSBSEmulatorInterface
import Foundation
import Testing

@testable import csbs

#if canImport(Glibc)
import Glibc
#endif

/// The built-in emulator runs as `csbs-emulator`, a child of csbs (``EmulatorProcess``): the client binary carries none
/// of its stack, the child ignores the terminal's Ctrl-C, and it never outlives csbs.
@Suite struct BuiltInEmulatorProcessTests {
    @Test func theClientBinaryLinksNeitherTheServerNorTheDatabase() throws {
        let binary = try Data(contentsOf: URL(fileURLWithPath: CommandRunner.binary), options: .alwaysMapped)
        for module in ["Hummingbird", "GRDB", "sqlite3_open"] {
            #expect(binary.range(of: Data(module.utf8)) == nil, "csbs contains \(module)")
        }
    }

    @Test func theReadyLineNamesAnHTTPEndpointOnly() {
        #expect(BuiltInEmulator.endpoint(readyLine: BuiltInEmulator.readyLine(endpoint: "http://127.0.0.1:4")) == "http://127.0.0.1:4")
        #expect(BuiltInEmulator.endpoint(readyLine: "csbs-emulator listening on https://x") == nil)
        #expect(BuiltInEmulator.endpoint(readyLine: "# csbs emulator listening on http://127.0.0.1:4") == nil)
    }

    #if os(Linux)
    @Test func theEmulatorHasItsOwnProcessGroupAndEndsWhenCsbsIsKilled() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
        process.arguments = ["-c", #"vault "kill_me" size 100; attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f; backup wait"#]
        process.environment = runner.environment(["CSBS_EMULATOR_BACKUP_DURATION": "1h"])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let csbs = process.processIdentifier
        let child = try await Self.poll { Self.children(of: csbs).first }
        #expect(Self.command(of: child).hasSuffix(BuiltInEmulator.executableName))
        #expect(getpgid(child) == child && getpgid(child) != getpgid(csbs))
        // Wait until the backup is under way (the client is waiting), then kill csbs outright.
        _ = try await Self.poll { FileManager.default.fileExists(atPath: runner.stateDatabase) ? true : nil }
        kill(csbs, SIGKILL)
        process.waitUntilExit()
        _ = try await Self.poll { Self.isGone(child) ? true : nil }
    }

    /// The pids whose parent is `pid` (a child is listed under the thread that started it).
    static func children(of pid: pid_t) -> [pid_t] {
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return threads.flatMap { thread in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(thread)/children", encoding: .utf8)) ?? ""
            return text.split(separator: " ").compactMap { pid_t($0) }
        }
    }

    static func command(of pid: pid_t) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) ?? ""
    }

    /// Exited: no such process, or a zombie nobody has reaped yet.
    static func isGone(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
    }

    /// The first non-nil answer of `probe`, asked every 20 ms for at most 20 s.
    static func poll<T>(_ probe: () -> T?) async throws -> T {
        for _ in 0..<1000 {
            if let answer = probe() { return answer }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw PollTimeout()
    }

    struct PollTimeout: Error {}
    #endif

    @Test func withoutTheEmulatorBesideItCsbsSaysSoAndExits78() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let alone = runner.home + "/bin"
        try FileManager.default.createDirectory(atPath: alone, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CommandRunner.binary, toPath: alone + "/csbs")
        let outcome = try await runner.run(["-c", "vaults"], executable: alone + "/csbs")
        #expect(outcome.status == 78)
        #expect(outcome.stderr.contains("the built-in emulator is the program \(alone)/csbs-emulator, which is not installed"))
        let serve = try await runner.run(["serve", "--port", "0"], executable: alone + "/csbs")
        #expect(serve.status == 78 && serve.stderr.contains("cannot run \(alone)/csbs-emulator"), "\(serve.stderr)")
    }
}

#if os(Linux)
/// The child gets stdin, stdout and stderr only: a descriptor the starting process has open without close-on-exec
/// (here, a pipe's write end) is not kept open by the emulator for as long as it runs.
@Suite struct BuiltInEmulatorDescriptorTests {
    @Test func theEmulatorKeepsNoEndOfAnotherPipe() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { for end in ends { close(end) } }
        let pipeName = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(ends[1])")
        let executable = try #require(EmulatorProcess.besideThisExecutable())
        let emulator = try await EmulatorProcess.start(
            executable: executable, arguments: BuiltInEmulator.arguments(database: runner.stateDatabase, backupDuration: nil)
        )
        let directory = "/proc/\(emulator.processIdentifier)/fd"
        let open = try FileManager.default.contentsOfDirectory(atPath: directory).compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: directory + "/" + $0)
        }
        await emulator.shutdown()
        #expect(!open.isEmpty)
        #expect(!open.contains(pipeName), "\(open)")
    }
}
#endif
