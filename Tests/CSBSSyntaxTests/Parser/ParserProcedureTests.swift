import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// `def NAME(PARAM, …) { … }` and `return [VALUE]`: the grammar, and what `csbs check` refuses before anything runs.
@Suite struct ParserProcedureTests {
    static var options: CheckOptions { CheckOptions(functions: ParserCallTests.functions) }

    private func dump(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let file = SourceFile(name: "test.csbs", text: text)
        let result = Parser.parse(file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.text))", sourceLocation: sourceLocation)
        return result.script.debugDump(file)
    }

    @Test func aDefHasParametersABodyAndReturns() {
        #expect(dump("def twice(n,\n  unit,) {\n  return $n * 2\n}\ndef noop() { return }") == """
            Script
              Def twice(n, unit) @1:1-4:2
                body: Block @2:10-4:2
                  Return @3:3-3:16
                    value: * @3:10-3:16
                      left: variable $n @3:10-3:12
                      right: integer 2 @3:15-3:16
              Def noop() @5:1-5:22
                body: Block @5:12-5:22
                  Return @5:14-5:20

            """)
    }

    @Test func malformedDefinitionsAreReportedWhereTheyGoWrong() {
        assertDiagnostics("def 1️⃣(x) { }", [DiagSpec("1️⃣", id: "parse.expectedProcedureName")])
        assertDiagnostics("def 1️⃣backup(x) { }", [
            DiagSpec("1️⃣", id: "parse.keywordAsProcedureName", message: "'backup' is a statement of the language; give the procedure another name, such as 'backup_one'")
        ])
        assertDiagnostics("def f 1️⃣{ }", [DiagSpec("1️⃣", id: "parse.expectedKeyword")])
        assertDiagnostics("def f(a, 1️⃣a) { }", [
            DiagSpec("1️⃣", id: "parse.duplicateParameter", message: "the parameter 'a' is named more than once in this 'def'")
        ])
        assertDiagnostics("def f(a, 1️⃣\"b\") { }", [DiagSpec("1️⃣", id: "parse.expectedVariableName")])
        assertDiagnostics("def f(a 2️⃣{ }", [DiagSpec("2️⃣", id: "parse.expectedClosing")])
    }

    @Test func proceduresAreDeclaredBeforeTheFileSoOrderAndMutualRecursionDoNotMatter() {
        assertCheckDiagnostics("""
            echo even(4)
            def even(n) { if $n == 0 { return true }
            return odd($n - 1) }
            def odd(n) { if $n == 0 { return false }
            return even($n - 1) }
            """, [], options: Self.options)
    }

    @Test func aBodySeesItsParametersAndTheTopLevelButNotTheCallersBlocks() {
        assertCheckDiagnostics("""
            let total = 0
            def add(n) {
                let doubled = $n * 2
                set total = $total + $doubled + $later
            }
            if true {
                let local = 1
                def_user(1)
            }
            def def_user(x) { echo 1️⃣$local }
            let later = 5
            """, [DiagSpec("1️⃣", id: "resolve.undefinedVariable")], options: Self.options)
    }

    @Test func theCheckRefusesMisusedProceduresAndReturns() {
        assertCheckDiagnostics("""
            def 1️⃣len(x) { return 1 }
            def g(x) { return $x }
            def 2️⃣g(y) { return $y }
            3️⃣return 1
            if true {
                def 4️⃣inner() { }
            }
            echo 5️⃣g(1, 2)
            def h(items) {
                for i in $items parallel 2 { 6️⃣return $i }
                while true { return 1 }
            }
            def k(7️⃣error) { }
            """, [
            DiagSpec("1️⃣", id: "resolve.procedureShadowsBuiltin"),
            DiagSpec("2️⃣", id: "resolve.procedureDefinedTwice"),
            DiagSpec("3️⃣", id: "resolve.returnOutsideProcedure"),
            DiagSpec("4️⃣", id: "resolve.defNotAtTopLevel"),
            DiagSpec("5️⃣", id: "resolve.wrongArgumentCount", message: "'g' takes 1 argument, not 2: g(x)"),
            DiagSpec("6️⃣", id: "resolve.returnInParallel"),
            DiagSpec("7️⃣", id: "resolve.reservedName"),
        ], options: Self.options)
    }

    @Test func breakInABodyNeedsALoopOfTheBody() {
        assertCheckDiagnostics("for i in [1] { f() }\ndef f() { 1️⃣break }", [DiagSpec("1️⃣", id: "resolve.breakOutsideLoop")], options: Self.options)
    }

    /// A `def` left out for a syntax error still names a procedure: its calls add no second error.
    @Test func aBrokenDefDoesNotMakeItsCallsUnknown() {
        assertCheckDiagnostics("def f(a) { let 1️⃣= }\necho f(1, 2)", [DiagSpec("1️⃣", id: "parse.expectedVariableName")], options: Self.options)
    }

    /// Procedures of earlier input (the shell) are callable and may be defined again.
    @Test func proceduresOfEarlierInputAreCallableAndRedefinable() {
        var options = Self.options
        options.procedures = [FunctionSignature(name: "greet", minimumArguments: 1, maximumArguments: 1, synopsis: "greet(who)")]
        assertCheckDiagnostics("echo greet(\"x\")", [], options: options)
        assertCheckDiagnostics("def greet(a, b) { }\necho greet(1, 2)", [], options: options)
    }
}
