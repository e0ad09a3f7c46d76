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

    @Test func textFunctions() async throws {
        let (echoes, failure) = try await run(#"""
            let csv = "db-01,web-01,,web-02"
            let parts = split($csv, ",")
            echo len($parts) $parts[2] "|" join($parts, " + ")
            echo join(split("a", ","), "-") join([1, "b", [2], {c: 3m}], "")
            echo replace("a-b-c", "-", "--") lower("ÉCOLE Db") upper("web-01")
            echo contains($parts, "web-01") contains($parts, "web") contains("web-01", "eb-") contains({a: 1}, "a")
            echo contains([1, 2], "2") contains(["a", 2], 2) contains("x", "") split(42, 2)
            echo keys({name: "x", size: 10}) keys({})
            """#)
        #expect(failure == nil, "\(String(describing: failure))")
        #expect(echoes == [
            "4  | db-01 + web-01 +  + web-02",
            "a 1b[2]{\"c\":\"3m\"}",
            "a--b--c école db WEB-01",
            "true false true true",
            "true true true [\"4\",\"\"]",
            "[\"name\",\"size\"] []",
        ])
    }

    @Test func formatFillsItsBracesInOrder() async throws {
        let (echoes, failure) = try await run(#"""
            echo format("{} of {} done ({}%)", 3, len([1, 2, 3, 4]), 75)
            echo format("{{literal}} {}", [1, "a"]) format("none")
            """#)
        #expect(failure == nil)
        #expect(echoes == ["3 of 4 done (75%)", "{literal} [1,\"a\"] none"])
        for (text, message) in [
            (#"echo format("{} and {}", 1)"#, "the template has more {} than the 1 value given"),
            (#"echo format("{}", 1, 2)"#, "the template has 1 {} for 2 values"),
            (#"echo format("a } b", 1)"#, "a brace in a template is {} for a value, or {{ and }} for a brace itself"),
        ] {
            let (_, failure) = try await run(text)
            #expect(located(failure, in: text) == "runtime.badArgument@1:13", "\(text)")
            #expect(failure?.diagnostic.text == message)
        }
    }

    /// `int()` and `duration()` convert by the one rule of strings and numbers; `string()` gives what `echo` prints.
    @Test func conversionsFollowTheOneRule() async throws {
        let (echoes, failure) = try await run(
            #"""
            echo int("42") int(-3) int($env.KEEP) duration("7d") duration(90s) string(5m) string([1, {a: "b"}])
            if string(42) == "42" and int("7") == 7 { echo ok }
            """#, environment: ["KEEP": "12"])
        #expect(failure == nil)
        #expect(echoes == ["42 -3 12 7d 1m30s 5m [1,{\"a\":\"b\"}]", "ok"])
        for (text, message) in [
            (#"echo int(" 4")"#, #"'int' takes a whole number or a string such as "42", not string " 4""#),
            ("echo int(5m)", #"'int' takes a whole number or a string such as "42" (to count a duration in a unit, divide it: $d / 1s), not duration 5m"#),
            (#"echo duration("30")"#, #"'duration' takes a duration or a string such as "7d" (a duration needs a unit; multiply a number: $n * 1d), not string "30""#),
        ] {
            let (_, failure) = try await run(text)
            #expect(failure?.diagnostic.id.description == "runtime.typeMismatch", "\(text)")
            #expect(failure?.diagnostic.text == message)
        }
    }

    @Test func jsonTextBecomesAValue() async throws {
        let (echoes, failure) = try await run(#"""
            let v = json("{\"name\": \"db\", \"tags\": [\"a\", 1, 2.5, -7, true, null], \"n\": {\"z\": 1, \"a\": \"\\u00e9\\n\"}}")
            echo $v.name $v.tags[1] $v.tags[2] $v.tags[3] $v.tags[4] $v.tags[5] keys($v.n)
            echo json("  12 ") json("\"x\"") json("[]")
            """#)
        #expect(failure == nil, "\(String(describing: failure))")
        #expect(echoes == ["db 1 2.5 -7 true null [\"z\",\"a\"]", "12 x []"])
    }

    /// JSON comes from outside: bad, deep or long text is a clear error at the argument, never a crash.
    @Test func badJSONIsAClearError() async throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        for (text, message) in [
            (#"echo json("{\"a\": 1,}")"#, "'json' cannot read the text: expected a field name in quotes at byte 9"),
            (#"echo json("[1 2]")"#, "'json' cannot read the text: expected ',' or ']' in the array at byte 4"),
            (#"echo json("{\"a\": 1, \"a\": 2}")"#, "'json' cannot read the text: the field \"a\" is given twice at byte 13"),
            (#"echo json("01")"#, "'json' cannot read the text: a number does not start with 0 at byte 3"),
            (#"echo json("")"#, "'json' cannot read the text: expected a value, found the end of the text at byte 1"),
            (#"echo json("1e999")"#, "'json' cannot read the text: the number 1e999 is too large at byte 6"),
            (#"echo json("\"\\ud800\"")"#, "'json' cannot read the text: a lone surrogate in \\u escape at byte 8"),
            ("echo json(\"\(deep)\")", "'json' cannot read the text: arrays and objects nested more than 64 deep at byte 65"),
        ] {
            let (_, failure) = try await run(text)
            #expect(located(failure, in: text) == "runtime.invalidJSON@1:11", "\(text)")
            #expect(failure?.diagnostic.text == message)
        }
        let long = "[" + String(repeating: "1,", count: 1 << 19) + "1]"
        let (_, tooLong) = try await run("echo json($env.BIG)", environment: ["BIG": long])
        #expect(tooLong?.diagnostic.text == "'json' cannot read the text: the text has 1048579 bytes, more than the 1048576 JSON may have")
    }

    @Test func textAndListsAreBounded() async throws {
        let text = "let s = format(\"{}\", 1..100000)\nlet t = replace($s, \",\", $s)"
        let (_, failure) = try await run(text)
        #expect(located(failure, in: text) == "runtime.valueTooLarge@2:9")
        #expect(failure?.diagnostic.text == "'replace' would make a text of more than 1048576 bytes")
        let (_, joined) = try await run("let s = format(\"{}\", 1..100000)\necho len(join([$s], \"\")) join([$s, $s], \"\")")
        #expect(joined?.diagnostic.text == "'join' would make a text of more than 1048576 bytes")
        let (_, formatted) = try await run("let s = format(\"{}\", 1..100000)\necho format(\"{}{}\", $s, $s)")
        #expect(formatted?.diagnostic.text == "'format' would make a text of more than 1048576 bytes")
        let (_, emptySeparator) = try await run(#"echo split("a", "")"#)
        #expect(emptySeparator?.diagnostic.id.description == "runtime.badArgument")
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
