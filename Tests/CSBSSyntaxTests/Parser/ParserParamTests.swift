import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// `param NAME [= DEFAULT]`: the grammar, and what the check refuses before anything runs.
@Suite struct ParserParamTests {
    private func check(_ text: String) -> CheckResult {
        Checker.check(SourceFile(name: "p.csbs", text: text), options: CheckOptions())
    }

    @Test func aParamDumpsWithItsLiteralDefaultAndDeclaresItsName() {
        let file = SourceFile(name: "p.csbs", text: "param retention = 7d\nparam label\necho $retention $label")
        let result = Parser.parse(file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.text))")
        #expect(result.script.debugDump(file).hasPrefix("""
            Script
              Param retention @1:1-1:21
                default: duration 604800s @1:19-1:21
              Param label @2:1-2:12

            """.dropLast()))
        #expect(check(file.text).program != nil, "both names are declared")
    }

    @Test func aDefaultIsALiteralAndAParamStandsAtTheTopLevel() {
        let computed = check("param n = (1 + 2)")
        #expect(computed.diagnostics.map(\.diagnostic.id.description) == ["parse.paramDefaultNotLiteral"])
        let nested = check("if true { param n = 1 }")
        #expect(nested.diagnostics.map(\.diagnostic.id.description) == ["resolve.paramNotAtTopLevel"])
        let reserved = check("param env = \"x\"")
        #expect(reserved.diagnostics.map(\.diagnostic.id.description) == ["resolve.reservedName"])
    }
}
