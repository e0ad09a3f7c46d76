@testable import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// `csbs fmt`'s layout: what it makes of small inputs, and over every script the repository keeps (examples, the
/// reference's blocks, the fuzz corpus) that it changes no tree, keeps every comment and is idempotent.
@Suite("ScriptFormatter")
struct ScriptFormatterTests {
    static func formatted(_ text: String, width: Int = 100) -> String? {
        switch ScriptFormatter.format(SourceFile(name: "t.csbs", text: text), options: FormatOptions(lineWidth: width)) {
        case .formatted(let output): output
        case .syntaxErrors, .refused: nil
        }
    }

    @Test func oneStatementALineWithCanonicalSpacing() {
        #expect(Self.formatted("let x=1;echo   $x\n\n\n\necho [ 1 ,2 ]  # two\n") == """
            let x = 1
            echo $x

            echo [1, 2] # two

            """)
    }

    @Test func blocksAreIndentedAndElseIfStaysOnTheBraceLine() {
        let input = """
            if $a==1 {
            echo one
              } else if $a != 2 { echo x; echo y }
            else {
            }
            for i in 1..3 parallel 2 {
            # first
            echo $i   # the number
            }
            """
        #expect(Self.formatted(input) == nil)  // `else` after a line break is an error: the file is left alone
        let valid = """
            if $a==1 {
            echo one
              } else if $a != 2 { echo x; echo y } else {
            }
            for i in 1..3 parallel 2 {
            # first

            echo $i   # the number

            }
            """
        #expect(Self.formatted("let a = 1\n" + valid) == """
            let a = 1
            if $a == 1 {
                echo one
            } else if $a != 2 {
                echo x
                echo y
            } else {}
            for i in 1..3 parallel 2 {
                # first

                echo $i # the number
            }

            """)
    }

    @Test func aShortBlockWrittenOnOneLineStaysThere() {
        #expect(Self.formatted("let a = [1]\nif $a.count > 0 {   set a = [2]   }\n") == """
            let a = [1]
            if $a.count > 0 { set a = [2] }

            """)
        #expect(Self.formatted("let a = [1]\nif $a.count > 0 { set a = [2] }\n", width: 20) == """
            let a = [1]
            if $a.count > 0 {
                set a = [2]
            }

            """)
    }

    @Test func touchingTokensStayTouchingAndTagsStayTight() {
        #expect(Self.formatted("let l = [1]\necho $l[0] $l [0]\nvault v size 10 tag env = prod tier=1\n") == """
            let l = [1]
            echo $l[0] $l [0]
            vault v size 10 tag env=prod tier=1

            """)
        #expect(Self.formatted("policy p every sa,su at 04:30\npolicy q every mo , tu at 04:30\n") == """
            policy p every sa,su at 04:30
            policy q every mo , tu at 04:30

            """)
    }

    @Test func longListsWrapOneElementALineAndWrittenBreaksStay() {
        let long = "let names = [\"alpha-server\", \"beta-server\", \"gamma-server\", {name: \"delta\", size: 10}]\n"
        #expect(Self.formatted(long, width: 40) == """
            let names = [
                "alpha-server",
                "beta-server",
                "gamma-server",
                {name: "delta", size: 10}
            ]

            """)
        let written = "let xs = [1,   # one\n  2,\n\n\n 3]\nbackup \\\n  name \"n\"   \\  # why\n wait\n"
        #expect(Self.formatted(written) == """
            let xs = [1, # one
                2,
                3]
            backup \\
                name "n" \\ # why
                wait

            """)
    }

    @Test func commentsAndTheShebangStayAndEmptyFilesStayEmpty() {
        #expect(Self.formatted("#!/usr/bin/env csbs\n# header\n\n\necho hi\n# last\n\n") == """
            #!/usr/bin/env csbs
            # header

            echo hi
            # last

            """)
        #expect(Self.formatted("") == "")
        #expect(Self.formatted("\n\n") == "")
        #expect(Self.formatted("\u{FEFF}echo a\r\necho b\r") == "echo a\necho b\n")
    }

    @Test func aFileWithSyntaxErrorsIsNotFormatted() {
        let outcome = ScriptFormatter.format(SourceFile(name: "t.csbs", text: "echo ]\nvault\n"))
        guard case .syntaxErrors(let diagnostics) = outcome else {
            Issue.record("expected syntax errors, got \(outcome)")
            return
        }
        #expect(diagnostics.count == 2)
    }

    // MARK: Every script the repository keeps

    static let corpus: [RepositoryScripts.Script] =
        RepositoryScripts.examples + RepositoryScripts.languageBlocks
        + FuzzInputs.corpus.compactMap { input in
            let (file, problems) = SourceFile.decoding(input.bytes, name: input.name)
            guard problems.isEmpty, !Parser.parse(file).hasErrors else { return nil }
            return RepositoryScripts.Script(name: "corpus/" + input.name, line: 1, text: file.text)
        }

    @Test func theCorpusIsLarge() {
        #expect(Self.corpus.count > 100)
    }

    @Test(arguments: corpus)
    func keepsTheTreeAndEveryCommentAndIsIdempotent(_ script: RepositoryScripts.Script) throws {
        let input = SourceFile(name: script.name, text: script.text)
        let output = try #require(Self.formatted(script.text), "not formatted")
        let outputFile = SourceFile(name: script.name, text: output)
        let before = Parser.parse(input)
        let after = Parser.parse(outputFile)
        #expect(after.diagnostics.isEmpty)
        #expect(after.script.debugDump(outputFile, ranges: false) == before.script.debugDump(input, ranges: false))
        #expect(Self.comments(script.text) == Self.comments(output))
        #expect(Self.formatted(output) == output, "not idempotent")
    }

    @Test(arguments: RepositoryScripts.examples + RepositoryScripts.languageBlocks)
    func theExamplesAndTheReferenceAreInCanonicalLayout(_ script: RepositoryScripts.Script) {
        let text = script.text.hasSuffix("\n") ? script.text : script.text + "\n"
        #expect(Self.formatted(text) == text)
    }

    /// The comments of a script, in order, as the lexer skips them.
    static func comments(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        let tokens = Lexer.tokenize(text)
        var comments: [String] = []
        var previousEnd = 0
        for token in tokens {
            for piece in FormatTrivia.pieces(in: bytes, from: previousEnd, to: token.range.lowerBound) {
                if case .comment(let comment) = piece { comments.append(comment) }
            }
            previousEnd = token.range.upperBound
        }
        return comments
    }
}
