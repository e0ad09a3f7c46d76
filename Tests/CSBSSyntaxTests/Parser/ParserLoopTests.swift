import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// `while`, `break`, `continue` and integer ranges: the grammar, and what `csbs check` refuses before anything runs.
@Suite struct ParserLoopTests {
    private func dump(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let file = SourceFile(name: "test.csbs", text: text)
        let result = Parser.parse(file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.text))", sourceLocation: sourceLocation)
        return result.script.debugDump(file)
    }

    @Test func twoDotsAreATokenOfTheirOwnAndEndTheWordBeforeThem() {
        let kinds = Lexer.tokenize("1..30 $a..$b -2..x 1 .. 3").dropLast().map(\.kind)
        #expect(kinds == [
            .integer(1), .punctuation(.dotDot), .integer(30), .variable("a"), .punctuation(.dotDot), .variable("b"),
            .word("-2"), .punctuation(.dotDot), .word("x"), .integer(1), .punctuation(.dotDot), .integer(3),
        ])
        #expect(Lexer.tokenize("a.b").dropLast().map(\.kind) == [.word("a.b")], "one dot stays in the word")
    }

    @Test func whileBreakAndContinueDump() {
        #expect(dump("while not $done {\n  if $x { continue }\n  break\n}") == """
            Script
              While @1:1-4:2
                condition: not @1:7-1:16
                  operand: variable $done @1:11-1:16
                body: Block @1:17-4:2
                  If @2:3-2:21
                    condition: variable $x @2:6-2:8
                    then: Block @2:9-2:21
                      Continue @2:11-2:19
                  Break @3:3-3:8

            """)
    }

    @Test func rangesAreExpressionsWithLiteralOrComputedBounds() {
        #expect(dump("for i in 1..30 { echo $i }\nlet r = $a..$b.n\nassert (-2 .. 2) == [-2, -1, 0, 1, 2]") == """
            Script
              For i @1:1-1:27
                in: range @1:10-1:15
                  from: integer 1 @1:10-1:11
                  to: integer 30 @1:13-1:15
                body: Block @1:16-1:27
                  Echo @1:18-1:25
                    value: variable $i @1:23-1:25
              Let r @2:1-2:17
                value: range @2:9-2:17
                  from: variable $a @2:9-2:11
                  to: field n @2:13-2:17
                    of: variable $b @2:13-2:15
              Assert @3:1-3:38
                condition: == @3:8-3:38
                  left: range @3:8-3:17
                    from: integer -2 @3:9-3:11
                    to: integer 2 @3:15-3:16
                  right: list @3:21-3:38
                    element: integer -2 @3:22-3:24
                    element: integer -1 @3:26-3:28
                    element: integer 0 @3:30-3:31
                    element: integer 1 @3:33-3:34
                    element: integer 2 @3:36-3:37

            """)
    }

    @Test func literalBoundsAreCheckedBeforeAnythingRuns() {
        assertDiagnostics("for i in 1️⃣5..1 { echo $i }", [
            DiagSpec(
                "1️⃣", id: "parse.descendingRange",
                message: "the range 5..1 is empty: a range counts up from its first bound to its last; write 1..5")
        ])
        assertDiagnostics("for i in 1️⃣0..100000 { echo $i }", [
            DiagSpec(
                "1️⃣", id: "parse.rangeTooLarge",
                message: "the range 0..100000 holds more than 100000 numbers, the most a range may hold")
        ])
        assertDiagnostics("for i in 1..100000 { echo $i }", [])
        assertDiagnostics("for i in 1️⃣abc..2️⃣5m { echo $i }", [
            DiagSpec("1️⃣", id: "parse.expectedRangeBound", message: "a range's bounds are whole numbers, such as 1..30 or 1..$n, not 'abc'"),
            DiagSpec("2️⃣", id: "parse.expectedRangeBound"),
        ])
        assertDiagnostics("let r = \"1\"..\"3\"", [])
        assertDiagnostics("let r = 1..2 1️⃣..3", [DiagSpec("1️⃣", id: "parse.expectedExpression")])
        assertDiagnostics("let r = 1..1️⃣", [DiagSpec("1️⃣", id: "parse.expectedExpression")])
    }

    @Test func whileNeedsAConditionAndABlock() {
        assertDiagnostics("while 1️⃣{ echo a }", [DiagSpec("1️⃣", id: "parse.expectedExpression")])
        assertDiagnostics("while true1️⃣", [
            DiagSpec("1️⃣", id: "parse.expectedBlock", message: "expected '{' to start the block of 'while'")
        ])
        assertDiagnostics("while true {\n  break 1️⃣2\n}", [DiagSpec("1️⃣", id: "parse.unexpectedToken")])
    }

    /// The same rule as at run time: a condition is `true` or `false`; a literal of another kind is refused by check.
    @Test func aLiteralConditionThatIsNotABoolIsACheckError() {
        assertCheckDiagnostics("while 1️⃣1 { break }\nif 2️⃣\"yes\" { echo a } else if 3️⃣x { echo b }\nwhile true and $env.X == null { break }", [
            DiagSpec(
                "1️⃣", id: "check.expectedCondition",
                message: "the condition of 'while' must be true or false, such as $x == 1, not 1"),
            DiagSpec("2️⃣", id: "check.expectedCondition"),
            DiagSpec("3️⃣", id: "check.expectedCondition"),
        ])
    }

    @Test func breakAndContinueOutsideALoopAreCheckErrors() {
        assertCheckDiagnostics("1️⃣break\nif true { 2️⃣continue }\nfor i in [1] { if true { break } }\nwhile false { continue }", [
            DiagSpec("1️⃣", id: "resolve.breakOutsideLoop", message: "'break' is only allowed inside the body of a 'for' or 'while' loop"),
            DiagSpec("2️⃣", id: "resolve.continueOutsideLoop"),
        ])
    }

    @Test func breakCannotEndAParallelLoopButContinueEndsItsItem() {
        assertCheckDiagnostics(
            "for s in [1, 2] 2️⃣parallel 2 {\n  if $s == 1 { continue }\n  for t in [1] { break }\n  1️⃣break\n}", [
                DiagSpec("1️⃣", id: "resolve.breakInParallel", notes: [DiagSpec("2️⃣", id: "resolve.parallelHere")])
            ])
    }

    /// A sourced file is resolved on its own: its `break` cannot end a loop of the file that sources it.
    @Test func aSourcedFileCannotBreakTheLoopAroundItsSource() {
        let options = CheckOptions(loader: { path, _ in .success(SourceFile(name: path, text: "break")) })
        let result = Checker.check(SourceFile(name: "main.csbs", text: "for i in [1] { source \"lib.csbs\" }"), options: options)
        #expect(result.diagnostics.map { "\($0.file.name) \($0.diagnostic.id)" } == ["lib.csbs resolve.breakOutsideLoop"])
    }

    /// `else if` is the one spelling; `elif` and its cousins get a suggestion wherever they are written.
    @Test func elifSuggestsElseIf() {
        assertDiagnostics("1️⃣elif true { echo a }", [
            DiagSpec("1️⃣", id: "parse.unknownStatement", message: "unknown statement 'elif'; did you mean 'else if'?")
        ])
        assertDiagnostics("if true { echo a } 1️⃣elif true { echo b }", [
            DiagSpec("1️⃣", id: "parse.unexpectedToken", message: "unexpected 'elif' in 'if' statement; did you mean 'else if'?")
        ])
        assertDiagnostics("if true { echo a } 1️⃣elsif true { echo b }", [DiagSpec("1️⃣", id: "parse.unexpectedToken")])
    }
}
