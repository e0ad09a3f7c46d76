import CSBSClient
import CSBSEmulatorInterface
import CSBSPlatform
import Dispatch
import FoundationEssentials
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built-in emulator of one run: `csbs-emulator` beside this executable, started as a child (see
/// ``BuiltInEmulator``). It runs in a process group of its own, so Ctrl-C at the shell's prompt reaches csbs only,
/// and it stops when its stdin ends, so it never outlives csbs, even a killed one.
struct EmulatorProcess: Sendable {
    /// Where it listens, e.g. `http://127.0.0.1:49152`.
    let endpoint: String
    private let child: Child

    /// The child's process id.
    var processIdentifier: pid_t { child.pid }

    /// How long the child may take to listen, and to stop once its stdin ends, before it is killed.
    static let startLimit = 30
    static let stopLimit = 5

    /// Starts the emulator and returns once it listens.
    /// - Parameters:
    ///   - executable: The `csbs-emulator` to run (``besideThisExecutable()``).
    ///   - arguments: Its arguments (``BuiltInEmulator/arguments(database:backupDuration:)``).
    /// - Throws: A configuration ``ClientError`` when it is not installed, stops before it listens (its own error
    ///   is on stderr, which it shares), or does not listen within ``startLimit`` seconds.
    static func start(executable: String, arguments: [String]) async throws -> EmulatorProcess {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw ClientError(
                kind: .configuration,
                message: "the built-in emulator is the program \(executable), which is not installed; install it "
                    + "beside csbs (scripts/install puts both in place) or configure cloud credentials"
            )
        }
        return try await withCheckedThrowingContinuation { started in
            DispatchQueue.global().async {
                started.resume(with: Result { try startBlocking(executable: executable, arguments: arguments) })
            }
        }
    }

    /// `csbs-emulator` in the directory of the running executable (symbolic links resolved), or `nil` when that
    /// directory is unknown.
    static func besideThisExecutable() -> String? {
        #if os(Linux)
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        #else
        guard let path = Bundle.main.executableURL?.resolvingSymlinksInPath().path else { return nil }
        #endif
        return LocalPath.joined(LocalPath.parent(of: path), BuiltInEmulator.executableName)
    }

    /// Closes the child's stdin, which stops it, and waits for it to exit (killing it after ``stopLimit`` seconds).
    /// Calling it again does nothing.
    func shutdown() async {
        await withCheckedContinuation { (stopped: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                child.stop()
                stopped.resume()
            }
        }
    }

    // MARK: - Process handling (blocking; runs off the cooperative pool)

    /// The child's process id and the write end of its stdin; reaped once.
    final class Child: Sendable {
        let pid: pid_t
        private let input: Mutex<Int32?>

        init(pid: pid_t, input: Int32) {
            self.pid = pid
            self.input = Mutex(input)
        }

        /// Closes stdin (the child then stops, if it has not already), waits for it, and kills it if it has not
        /// exited in time. Returns its exit status if it exited; `nil` when it was killed or already reaped.
        @discardableResult
        func stop() -> Int32? {
            let taken = input.withLock { fd in
                defer { fd = nil }
                return fd
            }
            guard let fd = taken else { return nil }
            close(fd)
            let reaped = Mutex(false)
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(EmulatorProcess.stopLimit)) {
                reaped.withLock { done in if !done { kill(self.pid, SIGKILL) } }
            }
            let status = ChildProcess.wait(pid)
            reaped.withLock { $0 = true }
            return status
        }

    }

    private static func startBlocking(executable: String, arguments: [String]) throws -> EmulatorProcess {
        let failure = { (error: ChildProcess.Failure) in
            ClientError(kind: .configuration, message: "cannot start the built-in emulator \(executable): \(error)")
        }
        let input: (read: Int32, write: Int32)
        let output: (read: Int32, write: Int32)
        do { input = try ChildProcess.pipe() } catch { throw failure(error) }
        do { output = try ChildProcess.pipe() } catch {
            close(input.read)
            close(input.write)
            throw failure(error)
        }
        let pid: pid_t
        do {
            pid = try ChildProcess.spawn(
                executable, arguments: arguments, streams: .init(input: input.read, output: output.write),
                newProcessGroup: true
            )
        } catch {
            for fd in [input.read, input.write, output.read, output.write] { close(fd) }
            throw failure(error)
        }
        close(input.read)
        close(output.write)
        defer { close(output.read) }
        let child = Child(pid: pid, input: input.write)
        switch readLine(output.read, limitSeconds: startLimit) {
        case .line(let line):
            if let endpoint = BuiltInEmulator.endpoint(readyLine: line) {
                return EmulatorProcess(endpoint: endpoint, child: child)
            }
            child.stop()
            throw ClientError(kind: .configuration, message: "the built-in emulator \(executable) did not say where it listens")
        case .ended:
            let status = child.stop()
            throw ClientError(
                kind: .configuration,
                message: "the built-in emulator \(executable) stopped before it listened"
                    + (status.map { " (exit status \($0))" } ?? "")
            )
        case .timedOut:
            kill(pid, SIGKILL)
            child.stop()
            throw ClientError(
                kind: .configuration,
                message: "the built-in emulator \(executable) did not listen within \(startLimit) seconds"
            )
        }
    }

    private enum ReadOutcome {
        case line(String)
        case ended
        case timedOut
    }

    /// The first line on `fd` (at most 4 KiB), waiting at most `limitSeconds` in all.
    private static func readLine(_ fd: Int32, limitSeconds: Int) -> ReadOutcome {
        let deadline = DispatchTime.now() + .seconds(limitSeconds)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while bytes.count < 4096 {
            let now = DispatchTime.now()
            guard now < deadline else { return .timedOut }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(min((deadline.uptimeNanoseconds - now.uptimeNanoseconds) / 1_000_000 + 1, 60_000))
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return .ended }
            bytes += buffer[..<count]
            if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                return .line(String(decoding: bytes[..<newline], as: UTF8.self))
            }
        }
        return .ended
    }
}
