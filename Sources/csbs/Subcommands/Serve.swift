import ArgumentParser
import CSBSCommandLine
import CSBSEmulatorInterface
import CSBSScript
import Foundation

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
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["--help"]
            process.environment = ["COLUMNS": String(columns)]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return nil }
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let text = String(decoding: data.prefix(65_536), as: UTF8.self)
            return process.terminationStatus == 0 && !text.isEmpty ? text : nil
        }
    }
}

/// `exit` (inside the command, the name is ParsableCommand's).
private func endProcess(_ status: Int32) -> Never {
    exit(status)
}
