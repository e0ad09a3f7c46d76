import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// `+ - * / %`, `in` and `??`: tokens, precedence, and what the parser and `csbs check` refuse.
@Suite struct ParserOperatorTests {
    private func dump(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let file = SourceFile(name: "test.csbs", text: text)
        let result = Parser.parse(file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.text))", sourceLocation: sourceLocation)
        return result.script.debugDump(file)
    }

    @Test func operatorsAreTokensButMinusIsAWord() {
        let kinds = Lexer.tokenize("1+2*3/4%5 ?? a-b - c").dropLast().map(\.kind)
        #expect(kinds == [
            .integer(1), .punctuation(.plus), .integer(2), .punctuation(.star), .integer(3), .punctuation(.slash),
            .integer(4), .punctuation(.percent), .integer(5), .punctuation(.questionQuestion), .word("a-b"), .word("-"),
            .word("c"),
        ])
        #expect(Lexer.tokenize("a ? b").map(\.diagnostics.count) == [0, 1, 0, 0], "a lone ? is not a token")
    }

    @Test func multiplicationBindsTighterThanAdditionThenRangeThenDefaultThenComparison() {
        #expect(dump("let x = 1 + 2 * 3 - 4 % 2 == $a ?? $b ?? 5") == """
            Script
              Let x @1:1-1:43
                value: == @1:9-1:43
                  left: - @1:9-1:26
                    left: + @1:9-1:18
                      left: integer 1 @1:9-1:10
                      right: * @1:13-1:18
                        left: integer 2 @1:13-1:14
                        right: integer 3 @1:17-1:18
                    right: % @1:21-1:26
                      left: integer 4 @1:21-1:22
                      right: integer 2 @1:25-1:26
                  right: ?? @1:30-1:43
                    left: variable $a @1:30-1:32
                    right: ?? @1:36-1:43
                      left: variable $b @1:36-1:38
                      right: integer 5 @1:42-1:43

            """)
        #expect(dump("for i in 1..$n + 1 { echo $i }\nif not $x in $l and $y { echo a }") == """
            Script
              For i @1:1-1:31
                in: range @1:10-1:19
                  from: integer 1 @1:10-1:11
                  to: + @1:13-1:19
                    left: variable $n @1:13-1:15
                    right: integer 1 @1:18-1:19
                body: Block @1:20-1:31
                  Echo @1:22-1:29
                    value: variable $i @1:27-1:29
              If @2:1-2:34
                condition: and @2:4-2:23
                  left: not @2:4-2:16
                    operand: in @2:8-2:16
                      left: variable $x @2:8-2:10
                      right: variable $l @2:14-2:16
                  right: variable $y @2:21-2:23
                then: Block @2:24-2:34
                  Echo @2:26-2:32
                    value: word a @2:31-2:32

            """)
    }

    @Test func aStatementsArgumentIsAnOperandSoArithmeticThereNeedsParentheses() {
        #expect(dump("echo 1 - 2 (3 - 1)") == """
            Script
              Echo @1:1-1:19
                value: integer 1 @1:6-1:7
                value: word - @1:8-1:9
                value: integer 2 @1:10-1:11
                value: - @1:12-1:19
                  left: integer 3 @1:13-1:14
                  right: integer 1 @1:17-1:18

            """)
        assertDiagnostics("echo $a 1️⃣+ 1", [DiagSpec("1️⃣", id: "parse.expectedExpression")])
    }

    @Test func operatorsNeedOperandsAndComparisonsDoNotChain() {
        assertDiagnostics("let x = 1 +1️⃣", [DiagSpec("1️⃣", id: "parse.expectedExpression")])
        assertDiagnostics("let x = 1️⃣* 2", [DiagSpec("1️⃣", id: "parse.expectedExpression")])
        assertDiagnostics("let x = $a ??1️⃣ ", [DiagSpec("1️⃣", id: "parse.expectedExpression")])
        assertDiagnostics("let x = $a in $b 1️⃣in $c", [DiagSpec("1️⃣", id: "parse.chainedComparison")])
        assertDiagnostics("let x = $a 1️⃣-1", [DiagSpec("1️⃣", id: "parse.unexpectedToken")])
    }

    /// Each operator counts one level of nesting, so a long chain cannot exhaust the stack of what walks the tree.
    @Test func aLongChainOfOperatorsHitsTheNestingLimit() {
        let chain = "let x = 1" + String(repeating: " + 1", count: Parser.maximumDepth)
        #expect(Parser.parse(SourceFile(name: "ok.csbs", text: chain)).diagnostics.isEmpty)
        let tooLong = chain + " + 1"
        #expect(Parser.parse(SourceFile(name: "deep.csbs", text: tooLong)).diagnostics.map(\.id.description) == ["parse.nestingTooDeep"])
        let ands = "let x = true" + String(repeating: " and true", count: Parser.maximumDepth + 1)
        #expect(Parser.parse(SourceFile(name: "and.csbs", text: ands)).diagnostics.map(\.id.description) == ["parse.nestingTooDeep"])
        // The message names operators: it said "blocks, brackets or 'not' nest too deeply" of a flat chain.
        let message = Parser.parse(SourceFile(name: "deep.csbs", text: tooLong)).diagnostics.first?.message.message
        #expect(message?.hasPrefix("too many operators in one expression: each operator, like each bracket") == true)
        let brackets = "let x = " + String(repeating: "[", count: Parser.maximumDepth + 1)
        let bracketMessage = Parser.parse(SourceFile(name: "b.csbs", text: brackets)).diagnostics.first?.message.message
        #expect(bracketMessage?.hasPrefix("blocks, brackets, calls or 'not' nest too deeply") == true)
    }

    @Test func arithmeticIsNotACondition() {
        assertCheckDiagnostics("if 1️⃣$a + 1 { echo a }\nfor k in {a: 1} { echo $k }", [
            DiagSpec("1️⃣", id: "check.expectedCondition", message: "the condition of 'if' must be true or false, such as $x == 1, not a result of '+'")
        ], options: CheckOptions(predeclared: ["a"]))
    }
}
