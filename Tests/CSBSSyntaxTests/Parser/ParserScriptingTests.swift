import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// The scripting grammar: variables, expressions, blocks and the statements around them.
@Suite struct ParserScriptingTests {
    private func dump(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let file = SourceFile(name: "test.csbs", text: text)
        let result = Parser.parse(file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.text))", sourceLocation: sourceLocation)
        return result.script.debugDump(file)
    }

    @Test func letCapturesACommandOrAnExpression() {
        #expect(dump("let cp = backup wait\nset n = $cp.id") == """
            Script
              Let cp @1:1-1:21
                Backup @1:10-1:21
                  Wait @1:17-1:21
              Set n @2:1-2:15
                value: field id @2:9-2:15
                  of: variable $cp @2:9-2:12

            """)
    }

    @Test func precedenceIsNotThenComparisonThenAndThenOr() {
        #expect(dump("assert not $a == 1 and $b or $c \"msg\"") == """
            Script
              Assert @1:1-1:38
                condition: or @1:8-1:32
                  left: and @1:8-1:26
                    left: not @1:8-1:19
                      operand: == @1:12-1:19
                        left: variable $a @1:12-1:14
                        right: integer 1 @1:18-1:19
                    right: variable $b @1:24-1:26
                  right: variable $c @1:30-1:32
                message: string "msg" @1:33-1:38

            """)
    }

    @Test func ifElseIfElseAndForSpanLines() {
        let text = """
            if $x { echo a } else if $y {
                echo b
            } else { echo c }
            for s in [1, -2] {
                echo $s
            }
            """
        #expect(dump(text) == """
            Script
              If @1:1-3:18
                condition: variable $x @1:4-1:6
                then: Block @1:7-1:17
                  Echo @1:9-1:15
                    value: word a @1:14-1:15
                else: Block @1:23-3:18
                  If @1:23-3:18
                    condition: variable $y @1:26-1:28
                    then: Block @1:29-3:2
                      Echo @2:5-2:11
                        value: word b @2:10-2:11
                    else: Block @3:8-3:18
                      Echo @3:10-3:16
                        value: word c @3:15-3:16
              For s @4:1-6:2
                in: list @4:10-4:17
                  element: integer 1 @4:11-4:12
                  element: integer -2 @4:14-4:16
                body: Block @4:18-6:2
                  Echo @5:5-5:12
                    value: variable $s @5:10-5:12

            """)
    }

    @Test func interpolationRecordsIndexesAndLiterals() {
        #expect(dump(#"echo "id=${cp.id}!" $l[0].name {a: true, b: null} 5m"#) == """
            Script
              Echo @1:1-1:53
                value: interpolated @1:6-1:20
                  literal "id="
                  code: field id @1:12-1:17
                    of: variable $cp @1:12-1:14
                  literal "!"
                value: field name @1:21-1:31
                  of: index @1:21-1:26
                    of: variable $l @1:21-1:23
                    at: integer 0 @1:24-1:25
                value: record @1:32-1:50
                  a: bool true @1:36-1:40
                  b: null @1:45-1:49
                value: duration 300s @1:51-1:53

            """)
    }

    @Test func smallStatements() {
        #expect(dump("sleep 5m; source \"lib.csbs\"; exit; exit 3; on error continue") == """
            Script
              Sleep @1:1-1:9
                duration: duration 300s @1:7-1:9
              Source @1:11-1:28
                path: string "lib.csbs" @1:18-1:28
              Exit @1:30-1:34
              Exit @1:36-1:42
                code: integer 3 @1:41-1:42
              OnError continue @1:44-1:61

            """)
    }

    @Test func commandArgumentsMayBeComputed() {
        #expect(dump("vault $name size $n; attach server $s.id name \"${n}\"; backup wait timeout $t") == """
            Script
              Vault @1:1-1:20
                name: variable $name @1:7-1:12
                size: variable $n @1:18-1:20
              Attach server @1:22-1:53
                id: field id @1:36-1:41
                  of: variable $s @1:36-1:38
                name: interpolated @1:47-1:53
                  code: variable $n @1:50-1:51
              Backup @1:55-1:77
                Wait @1:62-1:77
                  timeout: variable $t @1:75-1:77

            """)
    }
}

/// Markers point where each scripting error must be reported.
@Suite struct ScriptingDiagnosticsTests {
    @Test func expressionErrors() {
        assertDiagnostics("let x =1️⃣ ;", [DiagSpec("1️⃣", id: "parse.expectedExpression")])
        assertDiagnostics("let 1️⃣9x = 1", [DiagSpec("1️⃣", id: "parse.expectedVariableName")])
        assertDiagnostics("let x 1️⃣1", [DiagSpec("1️⃣", id: "parse.expectedKeyword", message: "expected '=' after the variable name")])
        assertDiagnostics("let x = [1, 21️⃣", [DiagSpec("1️⃣", id: "parse.expectedClosing", message: "expected ']' to close the list")])
        assertDiagnostics("assert 1 < 2 1️⃣< 3", [DiagSpec("1️⃣", id: "parse.chainedComparison")])
        assertDiagnostics("echo $x1️⃣.", [DiagSpec("1️⃣", id: "parse.expectedFieldName")])
        assertDiagnostics("let r = {a: 1, 1️⃣name 1}\necho ok", [DiagSpec("1️⃣", id: "parse.expectedRecordKey")])
        assertDiagnostics("echo 1️⃣$", [DiagSpec("1️⃣", id: "lex.expectedVariableName")])
        // A shell's `${x}` outside a string: one error naming both ways to write it, the `}` closing it is no
        // block's end, and the next line parses.
        assertDiagnostics("echo 1️⃣${x}\necho 2️⃣${", [
            DiagSpec(
                "1️⃣", id: "lex.interpolationOutsideString",
                message: #"'${…}' inserts a value only inside a double-quoted string: write "${…}", or $name for a variable"#
            ),
            DiagSpec("2️⃣", id: "lex.interpolationOutsideString"),
        ])
        assertDiagnostics("on error 1️⃣maybe", [DiagSpec("1️⃣", id: "parse.expectedErrorMode")])
    }

    @Test func blockErrors() {
        assertDiagnostics("if true 1️⃣echo x", [DiagSpec("1️⃣", id: "parse.expectedBlock")])
        assertDiagnostics("for x in [1] 1️⃣{\n  echo $x\n", [DiagSpec("1️⃣", id: "parse.unterminatedBlock")])
        assertDiagnostics("echo a\n1️⃣}\necho b", [DiagSpec("1️⃣", id: "parse.unexpectedClosingBrace")])
        assertDiagnostics("for x 1️⃣of [1] { }", [DiagSpec("1️⃣", id: "parse.expectedKeyword")])
    }

    @Test func everyErrorInsideBlocksIsReportedAndTheirLinesAreNotLeftOver() {
        let result = assertDiagnostics("if $x == 1️⃣{\n  bakup\n}\nfor s in [1] {\n  2️⃣frob\n  echo ok\n}\n3️⃣vaul x size 1", [
            DiagSpec("1️⃣", id: "parse.expectedExpression"),
            DiagSpec("2️⃣", id: "parse.unknownStatement"),
            DiagSpec("3️⃣", id: "parse.unknownStatement"),
        ])
        #expect(result.script.statements.isEmpty)
    }

    @Test func interpolationErrorsPointInsideTheString() {
        assertDiagnostics(#"echo "a 1️⃣${}""#, [DiagSpec("1️⃣", id: "lex.emptyInterpolation")])
        assertDiagnostics(#"echo "a 1️⃣${x""#, [DiagSpec("1️⃣", id: "lex.unterminatedInterpolation")])
        assertDiagnostics(#"echo "${x 1️⃣y}""#, [DiagSpec("1️⃣", id: "parse.unexpectedInInterpolation")])
        assertDiagnostics(#"echo "${1️⃣@}""#, [DiagSpec("1️⃣", id: "lex.unexpectedCharacter")])
    }

    /// A `${…}` may hold strings, with their escapes, `}` and `${…}` of their own; the string around it goes on
    /// after its `}` (it was `lex.quoteInInterpolation` at the inner quote).
    @Test func anInterpolationHoldsStrings() {
        assertDiagnostics(#"echo "names: ${join($l, ", ")} and more""#, [])
        assertDiagnostics(#"echo "${x ?? "n}o\"ne"} ${y}""#, [])
        assertDiagnostics(#"echo "${ {a: "}"}.a }""#, [])
        assertDiagnostics(#"echo "${x ?? "in ${y ?? "z"}"}""#, [])
        guard case .echo(let echo)? = Parser.parse(SourceFile(name: "t", text: #"echo "<${x ?? "n}o\"ne"}>""#)).script
            .statements.first, case .interpolated(let parts, _)? = echo.values.first,
            case .expression(.binary(.coalesce, .variable("x", _), .string(let text, _), _)) = parts[1]
        else {
            Issue.record("not read as x ?? a string")
            return
        }
        #expect(text == #"n}o"ne"# && parts.count == 3)
        // A quote with no end of the interpolation after it is the outer string's end, as before
        assertDiagnostics(#"echo "a 1️⃣${x" "y""#, [DiagSpec("1️⃣", id: "lex.unterminatedInterpolation")])
        assertDiagnostics(#"echo "1️⃣${f("a"#, [DiagSpec("1️⃣", id: "lex.unterminatedInterpolation")])
        assertDiagnostics(#"echo "1️⃣${x ?? "a\"#, [DiagSpec("1️⃣", id: "lex.unterminatedInterpolation")])
    }

    /// Strings nest inside `${…}` at most ``Lexer/maximumStringNesting`` deep: deeper is an unterminated
    /// interpolation, not a recursion without bound.
    @Test func stringsInInterpolationsNestToALimit() {
        func nested(_ depth: Int) -> String {
            depth == 0 ? "x" : "\"${" + nested(depth - 1) + "}\""
        }
        let within = "echo " + nested(Lexer.maximumStringNesting)
        #expect(!Parser.parse(SourceFile(name: "t", text: within)).hasErrors)
        let past = "echo " + nested(Lexer.maximumStringNesting + 2)
        #expect(Parser.parse(SourceFile(name: "t", text: past)).diagnostics.contains { $0.id.description == "lex.unterminatedInterpolation" })
    }
}
