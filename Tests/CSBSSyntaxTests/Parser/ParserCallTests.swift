import CSBSPlatform
import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// Calls `name(argument, …)`: the grammar, and what `csbs check` refuses before anything runs.
@Suite struct ParserCallTests {
    /// A stand-in for the interpreter's table (the syntax tests do not link it).
    static let functions = [
        FunctionSignature(name: "len", minimumArguments: 1, maximumArguments: 1, synopsis: "len(VALUE)"),
        FunctionSignature(name: "replace", minimumArguments: 3, maximumArguments: 3, synopsis: "replace(TEXT, OLD, NEW)"),
        FunctionSignature(name: "format", minimumArguments: 1, maximumArguments: nil, synopsis: "format(TEMPLATE, VALUE…)"),
        FunctionSignature(name: "now", minimumArguments: 0, maximumArguments: 0, synopsis: "now()"),
    ]
    static var options: CheckOptions { CheckOptions(functions: functions) }

    private func dump(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let file = SourceFile(name: "test.csbs", text: text)
        let result = Parser.parse(file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.text))", sourceLocation: sourceLocation)
        return result.script.debugDump(file)
    }

    @Test func aNameTouchingAParenthesisIsACall() {
        #expect(dump("let n = len($x)\necho format(\"{} of {}\",\n  1, [now()],) f (1)") == """
            Script
              Let n @1:1-1:16
                value: call len @1:9-1:16
                  argument: variable $x @1:13-1:15
              Echo @2:1-3:21
                value: call format @2:6-3:15
                  argument: string "{} of {}" @2:13-2:23
                  argument: integer 1 @3:3-3:4
                  argument: list @3:6-3:13
                    element: call now @3:7-3:12
                value: word f @3:16-3:17
                value: integer 1 @3:18-3:21

            """)
    }

    @Test func callsNestAndTakeFieldsAndIndexes() {
        #expect(dump("let x = len(split($a, \",\"))[0].n") == """
            Script
              Let x @1:1-1:33
                value: field n @1:9-1:33
                  of: index @1:9-1:31
                    of: call len @1:9-1:28
                      argument: call split @1:13-1:27
                        argument: variable $a @1:19-1:21
                        argument: string "," @1:23-1:26
                    at: integer 0 @1:29-1:30

            """)
    }

    @Test func aCallIsAnExpressionInsideAnInterpolation() {
        #expect(dump("echo \"${len(items)} items\"") == """
            Script
              Echo @1:1-1:27
                value: interpolated @1:6-1:27
                  code: call len @1:9-1:19
                    argument: variable $items @1:13-1:18
                  literal " items"

            """)
    }

    @Test func anUnclosedCallIsReportedAtItsParenthesis() {
        assertDiagnostics("let n = len($x1️⃣", [
            DiagSpec("1️⃣", id: "parse.expectedClosing", message: "expected ')' to close the call of 'len'")
        ])
        assertDiagnostics("let n = len2️⃣(\n  $x\n", [
            DiagSpec("2️⃣", id: "parse.expectedClosing", message: "the call of 'len' opened here is never closed; expected ')'")
        ])
        assertDiagnostics("let n = len($x 1️⃣$y)", [DiagSpec("1️⃣", id: "parse.expectedClosing")])
        assertDiagnostics("let n = len(1️⃣,)", [DiagSpec("1️⃣", id: "parse.expectedExpression")])
    }

    @Test func callsNestNoDeeperThanTheLimit() {
        let deep = String(repeating: "len(", count: Parser.maximumDepth + 1) + "1" + String(repeating: ")", count: Parser.maximumDepth + 1)
        let result = Parser.parse(SourceFile(name: "deep.csbs", text: "let x = " + deep))
        #expect(result.diagnostics.map(\.id.description) == ["parse.nestingTooDeep"])
    }

    @Test func anUnknownFunctionIsACheckErrorWithASuggestion() {
        assertCheckDiagnostics("let n = 1️⃣lenn(1)\necho 2️⃣frobnicate()", [
            DiagSpec("1️⃣", id: "resolve.unknownFunction", message: "there is no function called 'lenn'; did you mean 'len'?"),
            DiagSpec(
                "2️⃣", id: "resolve.unknownFunction",
                message: "there is no function called 'frobnicate'; the reference lists the built-in functions (help functions)"),
        ], options: Self.options)
    }

    @Test func theCountOfArgumentsIsCheckedBeforeTheRun() {
        assertCheckDiagnostics("let a = 1️⃣len()\nlet b = 2️⃣replace(\"a\", \"b\")\nlet c = 3️⃣now(1)\nlet d = 4️⃣format()\nlet e = format(\"{}\", 1, 2, 3)", [
            DiagSpec("1️⃣", id: "resolve.wrongArgumentCount", message: "'len' takes 1 argument, not 0: len(VALUE)"),
            DiagSpec("2️⃣", id: "resolve.wrongArgumentCount", message: "'replace' takes 3 arguments, not 2: replace(TEXT, OLD, NEW)"),
            DiagSpec("3️⃣", id: "resolve.wrongArgumentCount", message: "'now' takes no arguments, not 1: now()"),
            DiagSpec("4️⃣", id: "resolve.wrongArgumentCount", message: "'format' takes at least 1 argument, not 0: format(TEMPLATE, VALUE…)"),
        ], options: Self.options)
    }

    @Test func aCallsArgumentsAreResolvedToo() {
        assertCheckDiagnostics("let n = len(1️⃣$undefined)", [DiagSpec("1️⃣", id: "resolve.undefinedVariable")], options: Self.options)
    }

    /// The resolver is the one look-up of a call's name; a script's procedure is declared to it.
    @Test func aDeclaredFunctionIsCallable() {
        var resolver = Resolver(functions: Self.functions)
        resolver.declareFunction(FunctionSignature(name: "greet", minimumArguments: 1, maximumArguments: 1, synopsis: "greet(NAME)"))
        #expect(resolver.function(named: "greet")?.synopsis == "greet(NAME)")
        #expect(resolver.function(named: "len") != nil)
        let file = SourceFile(name: "t.csbs", text: "echo greet(\"x\") len(\"y\")")
        #expect(resolver.resolve(Parser.parse(file).script, in: file).isEmpty)
    }
}
