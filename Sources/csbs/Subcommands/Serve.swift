import ArgumentParser
import CSBSCommandLine
import CSBSEmulatorInterface
import CSBSPlatform
import CSBSScript
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CSBSCommand {
    /// `csbs serve`: runs `csbs-emulator` (installed beside csbs) in this process's place, with the words after
    /// `serve`; its options and help are the emulator's (``BuiltInEmulator``). Listed here for `csbs --help`;
    /// ``Main`` hands `serve …` and `help serve` on before parsing, so `csbs serve --help` shows the emulator's help.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: BuiltInEmulator.serveAbstract,
            discussion: "Its options: csbs serve --help."
        )

        @Argument(parsing: .captureForPassthrough, help: .hidden)
        var arguments: [String] = []

        func run() throws {
            Self.exec(arguments)
        }

        /// What `csbs-emulator` runs with when the command line is `serve …` or `help serve`; `nil` otherwise.
        static func emulatorArguments(_ commandLine: [String]) -> [String]? {
            if commandLine.first == "serve" { return Array(commandLine.dropFirst()) }
            if commandLine == ["help", "serve"] { return ["--help"] }
            return nil
        }

        /// Replaces this process with `csbs-emulator ARGUMENTS…`; returns only if that is impossible, after saying
        /// why (exit status 78).
        static func exec(_ arguments: [String]) -> Never {
            guard let executable = EmulatorProcess.besideThisExecutable() else {
                Console.err("csbs serve: cannot find the directory of csbs, where its emulator is")
                endProcess(ExitStatus.configuration.rawValue)
            }
            let argv = ([executable] + arguments).map { strdup($0) }
            _ = (argv + [nil]).withUnsafeBufferPointer { execv(executable, $0.baseAddress!) }
            Console.err(
                "csbs serve: cannot run \(executable) (\(String(cString: strerror(errno)))); install it beside csbs "
                    + "(scripts/install puts both in place)"
            )
            endProcess(ExitStatus.configuration.rawValue)
        }

        /// The emulator's `--help` at `columns`, for the manual page; `nil` when it is not installed or says nothing.
        static func help(columns: Int) -> String? {
            guard let executable = EmulatorProcess.besideThisExecutable(),
                FileManager.default.isExecutableFile(atPath: executable)
            else { return nil }
            let nothing = open("/dev/null", O_WRONLY | O_CLOEXEC)
            defer { if nothing >= 0 { close(nothing) } }
            guard nothing >= 0, let output = try? ChildProcess.pipe() else { return nil }
            let pid = try? ChildProcess.spawn(
                executable, arguments: ["--help"], streams: .init(output: output.write, error: nothing),
                environment: ["COLUMNS": String(columns)]
            )
            close(output.write)
            let data = pid == nil ? [] : FileDescriptors.readAll(output.read, limit: 65_536) ?? []
            close(output.read)  // a longer text ends the child on SIGPIPE rather than leave it blocked
            guard let pid else { return nil }
            let status = ChildProcess.wait(pid)
            let text = String(decoding: data.prefix(65_536), as: UTF8.self)
            return status == 0 && !text.isEmpty ? text : nil
        }
    }
}

/// `exit` (inside the command, the name is ParsableCommand's).
private func endProcess(_ status: Int32) -> Never {
    exit(status)
}
