import CSBSClient
import CSBSEmulatorInterface
import Dispatch
import Foundation
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
        return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(
            BuiltInEmulator.executableName
        ).path
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
            let status = Child.wait(pid)
            reaped.withLock { $0 = true }
            return status
        }

        /// Waits for `pid` to exit; its exit status, or `nil` if it was killed or could not be waited for.
        static func wait(_ pid: pid_t) -> Int32? {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 {
                if errno != EINTR { return nil }
            }
            return status & 0x7f == 0 ? (status >> 8) & 0xff : nil
        }
    }

    private static func startBlocking(executable: String, arguments: [String]) throws -> EmulatorProcess {
        let input = try pipeEnds()
        let output: (read: Int32, write: Int32)
        do { output = try pipeEnds() } catch {
            close(input.read)
            close(input.write)
            throw error
        }
        let pid: pid_t
        do {
            pid = try spawn(executable, arguments, stdin: input.read, stdout: output.write)
        } catch {
            for fd in [input.read, input.write, output.read, output.write] { close(fd) }
            throw error
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

    /// A pipe whose two ends are closed in any program this process runs.
    private static func pipeEnds() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw ClientError(kind: .configuration, message: "cannot start the built-in emulator: \(String(cString: strerror(errno)))")
        }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    /// Runs `executable` in a new process group, with the given stdin and stdout, stderr shared and no other
    /// descriptor, SIGINT, SIGTERM and SIGPIPE at their defaults and no signal blocked.
    private static func spawn(_ executable: String, _ arguments: [String], stdin: Int32, stdout: Int32) throws -> pid_t {
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, stdout, STDOUT_FILENO)
        // Nothing else this process has open goes to the child: an inherited end of someone else's pipe would keep
        // that pipe open for as long as the emulator runs (a library caller's own child processes, a test's).
        #if os(Linux)
        if let closeFrom = closeFromAction {
            _ = closeFrom(&actions, STDERR_FILENO + 1)
        }
        #else
        posix_spawn_file_actions_addinherit_np(&actions, STDERR_FILENO)
        #endif
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        #if !os(Linux)
        flags |= POSIX_SPAWN_CLOEXEC_DEFAULT
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))
        let argv = ([executable] + arguments).map { strdup($0) }
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = (argv + [nil]).withUnsafeBufferPointer { pointers in
            posix_spawn(&pid, executable, &actions, &attributes, pointers.baseAddress!, environ)
        }
        guard result == 0 else {
            throw ClientError(
                kind: .configuration,
                message: "cannot start the built-in emulator \(executable): \(String(cString: strerror(result)))"
            )
        }
        return pid
    }

    #if os(Linux)
    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later; Swift's Glibc module does not declare it),
    /// looked up by name; `nil` with an older glibc, whose children then inherit what is open without
    /// close-on-exec.
    private static let closeFromAction: (
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    )? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        else { return nil }
        return unsafeBitCast(
            symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self
        )
    }()
    #endif

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
