import CSBSPlatform
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Programs started with `ChildProcess`: their streams, environment, exit status and descriptors.
@Suite struct ChildProcessTests {
    private func output(of executable: String, _ arguments: [String], environment: [String: String]? = nil) throws
        -> (text: String, status: Int32?)
    {
        let pipe = try ChildProcess.pipe()
        let pid = try ChildProcess.spawn(
            executable, arguments: arguments, streams: .init(output: pipe.write), environment: environment
        )
        close(pipe.write)
        let bytes = FileDescriptors.readAll(pipe.read, limit: 1 << 20) ?? []
        close(pipe.read)
        return (String(decoding: bytes, as: UTF8.self), ChildProcess.wait(pid))
    }

    @Test func outputAndExitStatus() throws {
        let run = try output(of: "/bin/sh", ["-c", "echo hello; exit 7"])
        #expect(run.text == "hello\n")
        #expect(run.status == 7)
    }

    @Test func theGivenEnvironmentIsTheWholeEnvironment() throws {
        let run = try output(of: "/usr/bin/env", [], environment: ["ONLY": "this"])
        #expect(run.text == "ONLY=this\n")
    }

    @Test func aSignalEndIsNoStatus() throws {
        #expect(try output(of: "/bin/sh", ["-c", "kill -KILL $$"]).status == nil)
    }

    @Test func noOtherDescriptorIsInherited() throws {
        // A descriptor without close-on-exec, as a library caller might hold one.
        let stray = open("/dev/null", O_RDONLY)
        defer { close(stray) }
        #expect(stray > STDERR_FILENO)
        let check = "[ -e /proc/self/fd/\(stray) ] && echo open || echo closed"
        #expect(try output(of: "/bin/sh", ["-c", check]).text == "closed\n")
        #expect(try output(of: "/bin/sh", ["-c", "[ -e /proc/self/fd/1 ] && echo open"]).text == "open\n")
    }

    @Test func aMissingProgramIsAFailure() {
        #expect(throws: ChildProcess.Failure.self) {
            try ChildProcess.spawn("/nonexistent/csbs-child", arguments: [])
        }
    }
}
