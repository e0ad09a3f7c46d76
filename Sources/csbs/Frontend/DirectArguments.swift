import CSBSClient
import CSBSScript

/// Reads the command lines a script runner uses most without ArgumentParser: `csbs -c TEXT…`, `… | csbs`,
/// `csbs FILE ARGS…` and `csbs run FILE ARGS…`, with the output and connection options, `csbs` with only
/// connection options on a terminal (the interactive shell), and `csbs check FILE…` with its options.
///
/// ArgumentParser builds its whole option table through reflection on every start; in a short run that was about
/// a fifth of the process's CPU (most of it the Swift runtime looking up protocol conformances for the first
/// time; BENCHMARKS.md, "Seed flow"). Anything this reader is not sure of — an option it does not know (`--help`,
/// `--version` among them), an option given twice, a value that looks like a flag or is empty, `--`, an endpoint
/// ArgumentParser would refuse — returns nil, and ArgumentParser reads the line as before, so help, usage errors
/// and their exit status come from one place. Tests check that every line read here means what ArgumentParser
/// reads it as.
enum DirectArguments {
    /// What a line read here asks for.
    enum Request: Equatable {
        case script(ScriptRequest)
        case shell(ShellRequest)
        case check(CheckRequest)
    }

    /// - Parameters:
    ///   - arguments: the command line after ``Main/arguments(_:)`` (a leading FILE already turned into `run FILE`).
    ///   - stdinIsTerminal: whether stdin is a terminal (with no `-c`, the root command then starts the shell).
    /// - Returns: the batch run, the shell or the check, or nil when ArgumentParser must read the line.
    static func parse(_ arguments: [String], stdinIsTerminal: Bool) -> Request? {
        if arguments.first == "check" { return check(arguments.dropFirst()).map(Request.check) }
        var reader = Reader()
        if arguments.first == "run" {
            var file: String?
            var scriptArguments: [String] = []
            for argument in arguments.dropFirst() {
                if reader.pending != nil || argument.hasPrefix("-") {
                    guard argument != "-c", reader.take(argument) else { return nil }
                } else if file == nil {
                    file = argument
                } else {
                    scriptArguments.append(argument)
                }
            }
            guard let file, reader.isComplete else { return nil }
            var request = reader.request(script: .file(file))
            request.arguments = scriptArguments
            return .script(request)
        }
        for argument in arguments {
            guard reader.take(argument) else { return nil }
        }
        guard reader.isComplete else { return nil }
        if !reader.commands.isEmpty {
            var request = reader.request(script: .commands(reader.commands))
            request.arguments = reader.scriptArguments
            return .script(request)
        }
        guard reader.scriptArguments.isEmpty else { return nil }
        guard stdinIsTerminal else { return .script(reader.request(script: .standardInput)) }
        // The shell takes the connection options and `--verbose`; the others (ArgumentParser refuses `--dry-run`
        // here and ignores the rest) are left to ArgumentParser.
        return reader.shell.map(Request.shell)
    }

    /// `csbs check FILE…` with `--warnings-as-errors` and `--report=FORMAT:FILE` (as ``Main/arguments(_:)`` joins
    /// `--report FORMAT FILE`), each at most once, and FILEs (`-` is stdin); any other word that starts with `-`
    /// (`--help`, `--`), or no FILE, is left to ArgumentParser.
    private static func check(_ arguments: ArraySlice<String>) -> CheckRequest? {
        var request = CheckRequest(files: [])
        let warningsAsErrors = "--" + CheckRequest.Option.warningsAsErrors
        let report = "--" + CheckRequest.Option.report + "="
        for argument in arguments {
            if argument == warningsAsErrors, !request.warningsAsErrors {
                request.warningsAsErrors = true
            } else if argument.hasPrefix(report), request.report == nil {
                guard let given = ReportRequest(argument: String(argument.dropFirst(report.count))) else { return nil }
                request.report = given
            } else if argument.hasPrefix("-"), argument != "-" {
                return nil
            } else {
                request.files.append(argument)
            }
        }
        return request.files.isEmpty ? nil : request
    }

    /// Whether `option` is one of the options whose value is the next argument (`-c TEXT`, `--region NAME`, …):
    /// how ``Main/arguments(_:)`` finds a FILE after options.
    static func takesValue(_ option: String) -> Bool {
        Reader.value(option) != nil
    }

    /// The options both forms share, read one argument at a time.
    private struct Reader {
        /// Each a bit of ``seen``.
        enum Flag: UInt16 { case json = 1, quiet = 2, dryRun = 4, verbose = 8, insecure = 16, yes = 4096 }
        /// Each a bit of ``seen`` too (`command` and `scriptArgument` may repeat and are never marked).
        enum Value: UInt16 {
            case command = 0, scriptArgument = 1, variable = 2
            case endpoint = 32, region = 64, profile = 128, iamEndpoint = 256, cbrEndpoint = 512
            case csbsEndpoint = 1024, caBundle = 2048
        }

        // Switches and a bit set rather than dictionaries and sets: each of those is a generic type the Swift
        // runtime builds on first use, looking up its conformances in the whole binary — measurable in a short run.
        static func flag(_ name: String) -> Flag? {
            switch name {
            case "--json": .json
            case "-q", "--quiet": .quiet
            case "--dry-run": .dryRun
            case "-v", "--verbose": .verbose
            case "--insecure-skip-tls-verify": .insecure
            case "-y", "--yes": .yes
            default: nil
            }
        }

        static func value(_ name: String) -> Value? {
            switch name {
            case "-c": .command
            case "--script-argument": .scriptArgument
            case "--var": .variable
            case "--endpoint": .endpoint
            case "--region": .region
            case "--profile": .profile
            case "--iam-endpoint": .iamEndpoint
            case "--cbr-endpoint": .cbrEndpoint
            case "--csbs-endpoint": .csbsEndpoint
            case "--ca-bundle": .caBundle
            default: nil
            }
        }

        /// The flags and options seen so far.
        var seen: UInt16 = 0
        var commands: [String] = []
        /// `$1`, `$2`, … of a `-c` script (``Main/arguments(_:)`` writes its words as `--script-argument WORD`).
        var scriptArguments: [String] = []
        /// `--var NAME=VALUE`, in order.
        var variables: [ScriptParameters.Given] = []
        var connection = ConfigurationOverrides()
        /// An option whose value is the next argument.
        var pending: (name: String, value: Value)?

        var isComplete: Bool { pending == nil }

        /// Takes one argument; false when ArgumentParser must read the line instead.
        mutating func take(_ argument: String) -> Bool {
            if let (name, option) = pending {
                pending = nil
                return set(option, name: name, to: argument)
            }
            if let flag = Self.flag(argument) {
                return mark(flag.rawValue)
            }
            if let option = Self.value(argument) {
                pending = (argument, option)
                return true
            }
            // `--name=value`, for long options only (as ArgumentParser).
            guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return false }
            let name = String(argument[..<equals])
            guard let option = Self.value(name) else { return false }
            return set(option, name: name, to: String(argument[argument.index(after: equals)...]))
        }

        private mutating func set(_ option: Value, name: String, to value: String) -> Bool {
            guard !value.hasPrefix("-") else { return false }
            if option == .command {
                commands.append(value)
                return true
            }
            if option == .scriptArgument {
                scriptArguments.append(value)
                return true
            }
            if option == .variable {
                // Without `=`, ArgumentParser reads the line and says what `--var` needs.
                guard let given = ScriptParameters.Given(value) else { return false }
                variables.append(given)
                return true
            }
            guard !value.isEmpty, mark(option.rawValue) else { return false }
            switch option {
            case .command, .scriptArgument, .variable: break
            case .endpoint: connection.endpoint = value
            case .region: connection.region = value
            case .profile: connection.profile = value
            case .iamEndpoint: connection.iamEndpoint = value
            case .cbrEndpoint: connection.cbrEndpoint = value
            case .csbsEndpoint: connection.csbsEndpoint = value
            case .caBundle: connection.caBundlePath = value
            }
            switch option {
            case .endpoint, .iamEndpoint, .cbrEndpoint, .csbsEndpoint:
                return ConnectionOptions.endpointProblem(flag: name, value: value) == nil
            default:
                return true
            }
        }

        /// Marks a flag or option as given; false when it was already (ArgumentParser decides what that means).
        private mutating func mark(_ bit: UInt16) -> Bool {
            guard seen & bit == 0 else { return false }
            seen |= bit
            return true
        }

        private func has(_ flag: Flag) -> Bool { seen & flag.rawValue != 0 }

        /// The shell, when no option but the connection's and `--verbose` was given.
        var shell: ShellRequest? {
            let allowed = Flag.verbose.rawValue | Flag.insecure.rawValue | Value.endpoint.rawValue | Value.region.rawValue
                | Value.profile.rawValue | Value.iamEndpoint.rawValue | Value.cbrEndpoint.rawValue
                | Value.csbsEndpoint.rawValue | Value.caBundle.rawValue
            guard seen & ~allowed == 0, variables.isEmpty else { return nil }
            return ShellRequest(connection: overrides, verbose: has(.verbose))
        }

        /// The connection options given.
        private var overrides: ConfigurationOverrides {
            var connection = connection
            if has(.insecure) { connection.insecureSkipTLSVerification = true }
            return connection
        }

        func request(script: ScriptRequest.Script) -> ScriptRequest {
            let mode = TerminalOutput.Mode(json: has(.json), quiet: has(.quiet))
            var request = ScriptRequest(
                script: script, mode: mode, dryRun: has(.dryRun), verbose: has(.verbose), connection: overrides
            )
            request.variables = variables
            request.assumeYes = has(.yes)
            return request
        }
    }
}
