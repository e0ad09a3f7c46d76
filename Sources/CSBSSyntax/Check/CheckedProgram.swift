/// A parsed file: its statements and the file they came from.
public struct ParsedFile: Sendable {
    public let script: Script
    public let file: SourceFile
}

/// Where a `source` statement was written: the path as written and the name of the file holding it.
public struct SourcedFileKey: Sendable, Hashable {
    public let path: String
    public let includingFile: String

    public init(path: String, includingFile: String) {
        self.path = path
        self.includingFile = includingFile
    }
}

/// Scripts that parsed and resolved without an error, with the files their literal `source` statements name,
/// parsed once. Only ``Checker/check(_:options:)`` makes one, so whatever takes a `CheckedProgram` (the
/// interpreter) runs nothing that was not checked.
public struct CheckedProgram: Sendable {
    /// The scripts, in the order they run.
    public let files: [ParsedFile]
    /// The sourced files the check followed.
    let sourced: [SourcedFileKey: ParsedFile]

    /// The sourced file that `source PATH` in `includingFile` names, as the check parsed it; `nil` for a path
    /// the check could not follow (one computed at run time).
    public func sourcedFile(path: String, includingFile: String) -> ParsedFile? {
        sourced[SourcedFileKey(path: path, includingFile: includingFile)]
    }

    /// Whether no file holds a statement.
    public var isEmpty: Bool {
        files.allSatisfy { $0.script.statements.isEmpty }
    }
}

/// What a check found: every diagnostic of every file, and the program when there was no error.
public struct CheckResult: Sendable {
    /// Parse and name diagnostics of every file (sourced files included), file by file in the order met: at most
    /// ``DiagnosticLimit/perFile`` of each, then a `check.moreDiagnostics` note with the number left out.
    public let diagnostics: [FileDiagnostic]
    /// Every file as parsed, errors or not (statements with errors left out).
    public let parsed: [ParsedFile]
    /// The checked program; `nil` when any diagnostic is an error.
    public let program: CheckedProgram?

    /// The number of error diagnostics.
    public var errorCount: Int {
        diagnostics.count { $0.diagnostic.severity == .error }
    }
}

/// What a check may use besides the files.
public struct CheckOptions {
    /// Names already defined, such as the variables of earlier REPL lines or of the scope a `source` runs in.
    public var predeclared: Set<String>
    /// Reads sourced files; without one, `source` is not followed.
    public var loader: Resolver.Loader?
    /// The regions a literal `region NAME` may name; `nil` checks none.
    public var knownRegions: [String]?
    /// The built-in functions a call may name (the interpreter's table); a call of any other name is an error.
    public var functions: [FunctionSignature]
    /// The procedures defined before (by earlier shell input): callable, and free to be defined again.
    public var procedures: [FunctionSignature]
    /// Whether to add the `lint.*` warnings (``LintTracker``): `csbs check` and the language server; a run has no
    /// use for them.
    public var lint = false
    /// The threads the parse of a long file may use (``Parser/parse(_:threads:)``: the result is the same for any
    /// number). `csbs check` and batch runs pass the processor count; a shell line or a language server's document
    /// is parsed on the calling thread.
    public var parseThreads = ParseThreads.callingThreadOnly

    public init(
        predeclared: Set<String> = [], loader: Resolver.Loader? = nil, knownRegions: [String]? = nil,
        functions: [FunctionSignature] = [], procedures: [FunctionSignature] = []
    ) {
        self.predeclared = predeclared
        self.loader = loader
        self.knownRegions = knownRegions
        self.functions = functions
        self.procedures = procedures
    }
}

/// The one front end: parse, then resolve names (following `source`), for batch runs, `csbs check`, the shell,
/// dry runs and the fuzzers alike.
public enum Checker {
    /// The procedures whose `def` was left out for its errors, each taking any number of arguments.
    static func leftOutProcedures(_ parsed: ParseResult) -> [FunctionSignature] {
        let defined = Set(parsed.script.procedures.map(\.name))
        return parsed.declaredProcedures.subtracting(defined).sorted().map {
            FunctionSignature(name: $0, minimumArguments: 0, maximumArguments: nil, synopsis: "\($0)(…)")
        }
    }

    /// Checks `files`, each on its own (a file's names do not reach the next one). A file with syntax errors is
    /// resolved too, as far as it parsed, so one run reports both kinds of error: its statements with errors are
    /// left out, and the names they (and every other statement) declare count as declared everywhere in it.
    public static func check(_ files: [SourceFile], options: CheckOptions) -> CheckResult {
        var diagnostics: [FileDiagnostic] = []
        var parsedFiles: [ParsedFile] = []
        var sourced: [SourcedFileKey: ParsedFile] = [:]
        var hasErrors = false
        var omitted: [String: Int] = [:]
        for file in files {
            let parsed = Parser.parse(file, threads: options.parseThreads)
            diagnostics += parsed.diagnostics.map { FileDiagnostic(file: file, diagnostic: $0) }
            omitted[file.name, default: 0] += parsed.omittedDiagnostics
            hasErrors = hasErrors || parsed.hasErrors
            var resolver = Resolver(
                predeclared: parsed.hasErrors ? options.predeclared.union(parsed.declaredNames) : options.predeclared,
                loader: options.loader, knownRegions: options.knownRegions, functions: options.functions,
                procedures: options.procedures + (parsed.hasErrors ? Self.leftOutProcedures(parsed) : [])
            )
            if options.lint {
                var lint = LintTracker()
                if parsed.hasErrors { lint.noteSyntaxErrors(in: file) }
                resolver.lint = lint
            }
            resolver.reserveTopLevelNames(parsed.declaredNameList.count)
            let findings = resolver.resolve(parsed.script, in: file, threads: options.parseThreads)
            diagnostics += findings
            hasErrors = hasErrors || findings.contains { $0.diagnostic.severity == .error }
            sourced.merge(resolver.sourced) { first, _ in first }
            omitted.merge(resolver.omitted, uniquingKeysWith: +)
            parsedFiles.append(ParsedFile(script: parsed.script, file: file))
        }
        diagnostics = DiagnosticLimit.capped(inPositionOrder(diagnostics), alsoOmitted: omitted)
        let program = hasErrors ? nil : CheckedProgram(files: parsedFiles, sourced: sourced)
        return CheckResult(diagnostics: diagnostics, parsed: parsedFiles, program: program)
    }

    /// The diagnostics file by file in the order the files were met, each file's in position order (parse,
    /// name and literal problems interleaved as they appear in the file).
    private static func inPositionOrder(_ diagnostics: [FileDiagnostic]) -> [FileDiagnostic] {
        var order: [String: Int] = [:]
        for item in diagnostics where order[item.file.name] == nil { order[item.file.name] = order.count }
        return diagnostics.enumerated()
            .sorted {
                let left = (order[$0.element.file.name] ?? 0, $0.element.diagnostic.range.lowerBound, $0.offset)
                let right = (order[$1.element.file.name] ?? 0, $1.element.diagnostic.range.lowerBound, $1.offset)
                return left < right
            }
            .map(\.element)
    }

    /// Checks one file.
    public static func check(_ file: SourceFile, options: CheckOptions) -> CheckResult {
        check([file], options: options)
    }
}
