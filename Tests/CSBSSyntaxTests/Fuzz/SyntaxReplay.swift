import CSBSSyntax
import Testing

/// What the syntax fuzz target (`Sources/FuzzSyntax`) does with one input, as test expectations: decode with
/// repair, lex, parse, render every diagnostic, dump the tree, resolve names with `source` served from memory,
/// check with the `lint.*` warnings on, and format (`csbs fmt`: never refused, idempotent). Used to replay saved
/// fuzz inputs.
enum SyntaxReplay {
    /// A summary of one replay, for bounds checks.
    struct Outcome: Sendable {
        var tokens: Int
        var statements: Int
        var diagnostics: Int
        var findings: Int
        var renderedBytes: Int
    }

    /// Runs `bytes` through the whole syntax pipeline, recording an issue for every broken invariant.
    static func run(_ bytes: [UInt8], name: String = "fuzz.csbs") -> Outcome {
        let (file, decodingProblems) = SourceFile.decoding(bytes, name: name)
        let length = file.text.utf8.count
        for problem in decodingProblems {
            #expect(problem.range.upperBound <= length, "decoding diagnostic past the end")
        }

        let tokens = Lexer.tokenize(file.text)
        var previousEnd = 0
        for (position, token) in tokens.enumerated() {
            #expect(token.range.lowerBound >= previousEnd, "token \(position) overlaps the one before it")
            #expect(token.range.upperBound <= length, "token \(position) lies past the end")
            #expect((token.kind == .endOfFile) == (position == tokens.count - 1), "misplaced end of file")
            if token.kind == .invalid { #expect(!token.diagnostics.isEmpty, "silent invalid token") }
            previousEnd = token.range.upperBound
        }

        let parsed = Parser.parse(file)
        for diagnostic in parsed.diagnostics {
            #expect(diagnostic.range.upperBound <= length, "\(diagnostic.id) at \(diagnostic.range) past \(length)")
        }
        for statement in parsed.script.statements {
            #expect(statement.range.upperBound <= length, "statement at \(statement.range) past \(length)")
        }
        // Capped: rendering cost is diagnostics × line length (see FuzzFindingsTests), and a saved hang must not
        // turn into a slow test.
        let sample = Array((decodingProblems + parsed.diagnostics).prefix(64))
        var rendered = DiagnosticRenderer().render(sample, in: file)
        _ = parsed.script.debugDump(file)

        let loader: Resolver.Loader = { path, _ in
            path.isEmpty ? .failure(SourceLoadError(reason: "empty path")) : .success(SourceFile(name: path, text: path))
        }
        var resolver = Resolver(loader: loader)
        let findings = resolver.resolve(parsed.script, in: file)
        for finding in findings {
            #expect(finding.diagnostic.range.upperBound <= finding.file.text.utf8.count, "\(finding.diagnostic.id)")
        }
        for finding in findings.prefix(64) {
            rendered += DiagnosticRenderer(colorMode: .on).render(finding.diagnostic, in: finding.file)
        }
        checkLint(file, loader: loader)
        checkFormatting(file)
        return Outcome(
            tokens: tokens.count, statements: parsed.script.statements.count, diagnostics: parsed.diagnostics.count,
            findings: findings.count, renderedBytes: rendered.utf8.count
        )
    }

    /// `csbs check`'s lint warnings: inside their file, and warnings only.
    static func checkLint(_ file: SourceFile, loader: Resolver.Loader?) {
        var options = CheckOptions(loader: loader)
        options.lint = true
        for finding in Checker.check(file, options: options).diagnostics {
            #expect(finding.diagnostic.range.upperBound <= finding.file.text.utf8.count, "\(finding.diagnostic.id)")
            if finding.diagnostic.id.domain == "lint" {
                #expect(finding.diagnostic.severity == .warning, "\(finding.diagnostic.id) is an error")
            }
        }
    }

    /// `csbs fmt`: a file without syntax errors is formatted (not refused), and its layout formats to itself.
    static func checkFormatting(_ file: SourceFile) {
        switch ScriptFormatter.format(file) {
        case .syntaxErrors:
            break
        case .refused:
            Issue.record("the formatter refused a file without syntax errors")
        case .formatted(let text):
            guard case .formatted(let twice) = ScriptFormatter.format(SourceFile(name: file.name, text: text)) else {
                Issue.record("the formatted text does not format again")
                return
            }
            #expect(twice == text, "formatting is not idempotent")
        }
    }
}
