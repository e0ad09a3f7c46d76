import CSBSScript
import CSBSSyntax
import CSBSSyntaxTestSupport
import CSBSTestSupport
import Foundation
import Testing

/// Calls of the built-in functions (``BuiltinFunctions``), run.
@Suite("Built-in functions")
struct FunctionTests {
    /// Runs `text` on a fresh emulator: what `echo` printed, and the failure, if any.
    private func run(_ text: String, environment: [String: String] = [:]) async throws -> (echoes: [String], failure: RuntimeFailure?) {
        let output = CollectingOutput()
        let outcome = try await withEmulator { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output, environment: environment)
            return try await interpreter.checkAndRun(SourceFile(name: "f.csbs", text: text))
        }
        let echoes = output.results.filter { $0.kind == "echo" }.map(\.summary)
        if case .failure(let failure) = outcome { return (echoes, failure) }
        return (echoes, nil)
    }

    /// The failure's id and where it points, as `id@line:column`.
    private func located(_ failure: RuntimeFailure?, in text: String) -> String? {
        guard let failure else { return nil }
        let location = SourceLocationConverter(text).location(ofOffset: failure.diagnostic.range.lowerBound)
        return "\(failure.diagnostic.id)@\(location.line):\(location.column)"
    }

    @Test func lenCountsListsRecordsAndCharacters() async throws {
        let (echoes, failure) = try await run("""
            echo len([1, 2, 3]) len({a: 1}) len("héllo") len([]) len(1..4)
            let l = [[1], [2, 3]]
            if len($l[1]) == 2 { echo "two" }
            echo "${len($l)} lists"
            """)
        #expect(failure == nil)
        #expect(echoes == ["3 1 5 0 4", "two", "2 lists"])
    }

    @Test func aFunctionsTypeErrorNamesTheValueAndPointsAtTheArgument() async throws {
        let text = "let n = 5\necho len(   $n)"
        let (_, failure) = try await run(text)
        #expect(located(failure, in: text) == "runtime.typeMismatch@2:13")
        #expect(failure?.diagnostic.text == "'len' takes a list, a record or a string, not integer 5")
    }

    /// The front end knows the interpreter's functions: an unknown one or a wrong count fails before anything runs.
    @Test func theStandardCheckKnowsTheBuiltinFunctions() {
        let file = SourceFile(name: "t.csbs", text: "echo len(1, 2)\necho lne(1)\necho len(\"ok\")")
        let result = Checker.check(file, options: .standard())
        #expect(result.diagnostics.map(\.diagnostic.id.description) == ["resolve.wrongArgumentCount", "resolve.unknownFunction"])
        #expect(result.diagnostics.last?.diagnostic.text.hasSuffix("did you mean 'len'?") == true)
        #expect(result.program == nil)
    }

    /// Every built-in function has its line in docs/LANGUAGE.md's table, as the function table gives it, so
    /// `help functions` lists it.
    @Test func everyFunctionIsDocumented() throws {
        let reference = try String(
            contentsOfFile: RepositoryScripts.root.appendingPathComponent("docs/LANGUAGE.md").path, encoding: .utf8
        )
        for line in BuiltinFunctions.referenceLines {
            #expect(reference.contains("\n" + line + "\n"), "docs/LANGUAGE.md lacks the line \(line)")
        }
    }
}
