import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Testing

/// A value on its own as a statement prints it.
@Suite("Values as statements")
struct ValueStatementTests {
    private func results(_ text: String) async throws -> [ResultRecord] {
        let output = CollectingOutput()
        let outcome = try await withEmulator { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output)
            return try await interpreter.checkAndRun(SourceFile(name: "values.csbs", text: text))
        }
        if case .failure(let failure) = outcome { Issue.record("failed: \(failure.diagnostic.text)") }
        return output.results
    }

    @Test func aValueOnItsOwnPrintsIt() async throws {
        let printed = try await results("""
            let r = {name: "db", size: 10, tags: ["a"]}
            let list = [1, "two", 3m]
            $r
            $r.name
            $list[-1]
            ($r.size == 10)
            [$r.tags, null]
            len($list)
            """)
        #expect(printed.map(\.kind) == ["value", "value", "value", "value", "value", "value"])
        #expect(printed.map(\.summary) == [#"{"name":"db","size":10,"tags":["a"]}"#, "db", "3m", "true", #"[["a"],null]"#, "3"])
        #expect(printed[1].jsonLine == #"{"kind":"value","value":"db"}"#)
    }

    /// A list of records prints as a listing does: a table for people, `items` for `--json`.
    @Test func aListOfRecordsPrintsAsATable() async throws {
        let printed = try await results("let rows = [{id: 1, name: \"a\"}, {id: 2, name: \"b\"}]\n$rows\nlet none = []\n$none")
        #expect(printed.first?.summary == "2 records")
        #expect(printed.first?.rows?.count == 2)
        #expect(printed.first?.jsonLine == #"{"kind":"value","items":[{"id":1,"name":"a"},{"id":2,"name":"b"}]}"#)
        #expect(printed.last?.jsonLine == #"{"kind":"value","value":[]}"#)
    }
}
