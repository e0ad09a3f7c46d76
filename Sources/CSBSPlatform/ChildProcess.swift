#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Programs csbs runs: the built-in emulator, the pager, the external editor, `csbs-emulator --help`. Started with
/// `posix_spawn`: the child gets the descriptors it is given as its standard input, output and error and no other
/// (an inherited end of someone else's pipe would keep that pipe open for as long as the child runs), no blocked
/// signal, and SIGINT, SIGTERM, SIGPIPE and SIGQUIT at their defaults (the shell ignores some of them).
public enum ChildProcess {
    /// Why a program did not start, or a pipe was not made.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The C library's text for the error, e.g. "No such file or directory".
        public let description: String

        init(code: Int32) {
            description = String(cString: strerror(code))
        }
    }

    /// What a started program gets instead of this process's own standard input, output or error.
    public struct Streams: Sendable {
        public var input: Int32?
        public var output: Int32?
        public var error: Int32?

        /// `nil` for a stream this process shares with the child.
        public init(input: Int32? = nil, output: Int32? = nil, error: Int32? = nil) {
            self.input = input
            self.output = output
            self.error = error
        }
    }

    /// Starts `executable` (a path) with `arguments` (after the program's name).
    /// - Parameters:
    ///   - environment: The child's whole environment; `nil` for this process's.
    ///   - newProcessGroup: Runs it in a process group of its own, so the terminal's Ctrl-C does not reach it.
    /// - Returns: Its process id, for ``wait(_:)``.
    public static func spawn(
        _ executable: String, arguments: [String], streams: Streams = Streams(), environment: [String: String]? = nil,
        newProcessGroup: Bool = false
    ) throws(Failure) -> pid_t {
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (descriptor, target) in [(streams.input, STDIN_FILENO), (streams.output, STDOUT_FILENO), (streams.error, STDERR_FILENO)] {
            if let descriptor { posix_spawn_file_actions_adddup2(&actions, descriptor, target) }
        }
        #if os(Linux)
        if let closeFrom = closeFromAction {
            _ = closeFrom(&actions, STDERR_FILENO + 1)
        }
        #else
        for target in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] { posix_spawn_file_actions_addinherit_np(&actions, target) }
        #endif
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if newProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        #if !os(Linux)
        flags |= POSIX_SPAWN_CLOEXEC_DEFAULT
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))
        let argv = ([executable] + arguments).map { strdup($0) }
        defer { for pointer in argv { free(pointer) } }
        let environmentLines = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } }
        defer { for pointer in environmentLines ?? [] { free(pointer) } }
        var pid: pid_t = 0
        let result = (argv + [nil]).withUnsafeBufferPointer { arguments in
            guard let environmentLines else {
                return posix_spawn(&pid, executable, &actions, &attributes, arguments.baseAddress!, environ)
            }
            return (environmentLines + [nil]).withUnsafeBufferPointer { lines in
                posix_spawn(&pid, executable, &actions, &attributes, arguments.baseAddress!, lines.baseAddress!)
            }
        }
        guard result == 0 else { throw Failure(code: result) }
        return pid
    }

    /// Waits for `pid` to end.
    /// - Returns: Its exit status; `nil` when a signal ended it or it could not be waited for.
    public static func wait(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return nil }
        }
        return status & 0x7f == 0 ? (status >> 8) & 0xff : nil
    }

    /// A pipe whose two ends are closed in any program this process runs (close-on-exec).
    public static func pipe() throws(Failure) -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [0, 0]
        #if canImport(Glibc)
        guard Glibc.pipe(&descriptors) == 0 else { throw Failure(code: errno) }
        #else
        guard Darwin.pipe(&descriptors) == 0 else { throw Failure(code: errno) }
        #endif
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return (descriptors[0], descriptors[1])
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
}
