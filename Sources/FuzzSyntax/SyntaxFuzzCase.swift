import CSBSSyntax

/// One fuzz input taken through everything `csbs check` does with a file, without touching the disk:
/// UTF-8 decoding with repair, lexing, parsing, name resolution (following `source` into in-memory files) with
/// the `lint.*` warnings on, diagnostic rendering and the AST dump; and then what `csbs fmt` does with it.
///
/// Besides "no crash", it checks invariants whose violation would show up later as a wrong caret, an
/// out-of-range slice or a silent loss of a diagnostic, and the formatter's promises (``checkFormatting(of:)``);
/// a violated invariant traps on purpose, so that libFuzzer records the input.
enum SyntaxFuzzCase {
    /// The name the input file gets in diagnostics.
    static let fileName = "fuzz.csbs"

    /// Which one diagnostic of an input is rendered, of `count`: rendering (caret columns over a window of the
    /// line) was 15 % of every execution when four were rendered, so each input renders one, picked by its
    /// length. Mutations change lengths all the time, so over many executions every position is rendered,
    /// and the same input always renders the same one (libFuzzer needs repeatable runs).
    static func renderedIndex(of count: Int, inputLength: Int) -> Int? {
        count == 0 ? nil : inputLength % count
    }

    /// Runs one input.
    ///
    /// - Parameter bytes: The raw script bytes, any content.
    static func run(_ bytes: [UInt8]) {
        let (file, decodingProblems) = SourceFile.decoding(bytes, name: fileName)
        let length = file.text.utf8.count
        for problem in decodingProblems {
            FuzzInvariant.require(problem.range.upperBound <= length, "decoding diagnostic \(problem.range) past \(length)")
        }
        checkTokens(of: file.text)

        // The one front end (parse, then names): what `csbs run`, `check`, the shell and dry runs do with the input.
        // With the lint warnings of `csbs check` and the language server: they only add warnings.
        var options = CheckOptions(loader: InMemoryLoader.load)
        options.lint = true
        let checked = Checker.check(file, options: options)
        let parsed = ParseResult(
            script: checked.parsed[0].script,
            diagnostics: checked.diagnostics.filter { $0.file.name == file.name }.map(\.diagnostic)
        )
        for diagnostic in parsed.diagnostics {
            FuzzInvariant.require(
                diagnostic.range.upperBound <= length,
                "parser diagnostic \(diagnostic.id) at \(diagnostic.range) lies past the end (\(length) bytes)"
            )
        }
        FuzzInvariant.require(
            parsed.diagnostics.count <= length + 1,
            "\(parsed.diagnostics.count) diagnostics for \(length) bytes"
        )
        for statement in parsed.script.statements {
            FuzzInvariant.require(statement.range.upperBound <= length, "statement at \(statement.range) past \(length)")
        }
        FuzzInvariant.require(
            parsed.hasErrors == parsed.diagnostics.contains { $0.severity == .error },
            "hasErrors disagrees with the diagnostics"
        )
        let problems = decodingProblems + parsed.diagnostics
        if let index = renderedIndex(of: problems.count, inputLength: bytes.count) {
            let rendered = DiagnosticRenderer().render([problems[index]], in: file)
            FuzzInvariant.require(!rendered.isEmpty, "diagnostic \(problems[index].id) rendered to nothing")
        }
        _ = parsed.script.debugDump(file)

        let findings = checked.diagnostics
        for finding in findings {
            let fileLength = finding.file.text.utf8.count
            FuzzInvariant.require(
                finding.diagnostic.range.upperBound <= fileLength,
                "resolver diagnostic \(finding.diagnostic.id) at \(finding.diagnostic.range) lies past the end of "
                    + "\(finding.file.name) (\(fileLength) bytes)"
            )
        }
        if let index = renderedIndex(of: findings.count, inputLength: bytes.count) {
            let finding = findings[index]
            let rendered = DiagnosticRenderer(colorMode: .on).render(finding.diagnostic, in: finding.file)
            FuzzInvariant.require(!rendered.isEmpty, "resolver diagnostic \(finding.diagnostic.id) rendered to nothing")
        }
        for finding in findings where finding.diagnostic.id.domain == "lint" {
            FuzzInvariant.require(finding.diagnostic.severity == .warning, "lint finding \(finding.diagnostic.id) is an error")
        }
        checkFormatting(of: file)
    }

    /// `csbs fmt`'s promises: a file without syntax errors is formatted (``FormatOutcome/refused`` means the layout
    /// would not parse to the same tree: a formatter bug, never the input's fault), and formatting is idempotent
    /// (the formatted text formats to itself). The tree check itself is inside ``ScriptFormatter/format(_:options:)``.
    private static func checkFormatting(of file: SourceFile) {
        switch ScriptFormatter.format(file) {
        case .syntaxErrors:
            break
        case .refused:
            FuzzInvariant.require(false, "the formatter refused a file without syntax errors")
        case .formatted(let text):
            let again = ScriptFormatter.format(SourceFile(name: file.name, text: text))
            guard case .formatted(let twice) = again else {
                FuzzInvariant.require(false, "the formatted text does not format again (\(again))")
                return
            }
            FuzzInvariant.require(twice == text, "formatting is not idempotent")
        }
    }

    /// The lexer's tokens are in order, do not overlap, stay inside the text and end with exactly one
    /// `.endOfFile`; every `.invalid` token explains itself.
    private static func checkTokens(of text: String) {
        let length = text.utf8.count
        let tokens = Lexer.tokenize(text)
        var previousEnd = 0
        for (position, token) in tokens.enumerated() {
            FuzzInvariant.require(
                token.range.lowerBound >= previousEnd && token.range.upperBound <= length,
                "token \(position) at \(token.range) overlaps the previous one (ends at \(previousEnd)) or the end (\(length))"
            )
            previousEnd = token.range.upperBound
            let isLast = position == tokens.count - 1
            FuzzInvariant.require((token.kind == .endOfFile) == isLast, "end of file token misplaced at \(position)")
            if token.kind == .invalid {
                FuzzInvariant.require(!token.diagnostics.isEmpty, "invalid token at \(token.range) has no diagnostic")
            }
        }
    }
}

/// Serves `source` statements from memory: the file a path names contains the path itself as script text,
/// so sourced files are fuzzed too, and a path equal to the input's own name leads back to it (a cycle).
enum InMemoryLoader {
    /// Loads `path` as a file whose text is `path`.
    static func load(_ path: String, includingFile: String) -> Result<SourceFile, SourceLoadError> {
        if path.isEmpty { return .failure(SourceLoadError(reason: "empty path")) }
        return .success(SourceFile(name: path, text: path))
    }
}

/// The fuzz target's own assertions: they stay on in every build configuration.
enum FuzzInvariant {
    /// Traps with `message` when `condition` is false, so the fuzzer keeps the input.
    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        guard !condition else { return }
        fatalError("fuzz invariant violated: \(message())")
    }
}
