import CSBSScript
import CSBSSyntax
import Testing

/// `--var NAME=VALUE` bound to `param` declarations before the run: one conversion rule, every problem at once.
@Suite struct ScriptParametersTests {
    private func program(_ text: String) throws -> CheckedProgram {
        try #require(Checker.check(SourceFile(name: "p.csbs", text: text), options: .standard()).program)
    }

    private let script = "param retention = 7d\nparam keep = 3\nparam force = false\nparam label\nparam tier = \"gold\""

    @Test func valuesConvertToTheTypeOfTheirDefault() throws {
        let given = ["retention=14d", "keep=5", "force=true", "label=nightly", "tier=42"].compactMap(ScriptParameters.Given.init)
        let values = try ScriptParameters.bind(given, to: program(script)).get()
        #expect(values["retention"] == .duration(.seconds(14 * 86_400)))
        #expect(values["keep"] == .integer(5))
        #expect(values["force"] == .bool(true))
        #expect(values["label"] == .string("nightly"))
        #expect(values["tier"] == .string("42"), "a string default keeps the text")
    }

    @Test func everyProblemIsFoundAtOnce() throws {
        let given = ["retention=14", "keep=5", "keep=6", "retnetion=1d", "force=yes"].compactMap(ScriptParameters.Given.init)
        guard case .failure(let refusal) = ScriptParameters.bind(given, to: try program(script)) else {
            Issue.record("bound")
            return
        }
        let problems = refusal.problems
        #expect(problems.map(\.message.id.description) == [
            "param.badVar", "param.varTwice", "param.unknownVar", "param.badVar", "param.missingVar",
        ])
        #expect(problems[0].message.message.contains("not a duration"))
        #expect(problems[2].message.message.hasSuffix("did you mean 'retention'?"))
        #expect(problems[2].location == nil)
        #expect(problems[4].message.message.contains("--var label=VALUE"))
    }

    @Test func anArgumentWithoutEqualsOrNameIsNoVar() {
        #expect(ScriptParameters.Given("retention") == nil)
        #expect(ScriptParameters.Given("=1d") == nil)
        #expect(ScriptParameters.Given("a==b") == ScriptParameters.Given(name: "a", value: "=b"))
    }
}
