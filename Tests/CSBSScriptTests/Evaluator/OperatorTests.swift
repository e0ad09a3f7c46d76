import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Testing

/// `+ - * / %`, `in`, `??`, a record's keys in `for` and `$r[$key]`, run.
@Suite("Operators")
struct OperatorTests {
    private func run(_ text: String, environment: [String: String] = [:]) async throws -> (echoes: [String], failure: RuntimeFailure?) {
        let output = CollectingOutput()
        let outcome = try await withEmulator { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output, environment: environment, arguments: ["4"])
            return try await interpreter.checkAndRun(SourceFile(name: "o.csbs", text: text))
        }
        let echoes = output.results.filter { $0.kind == "echo" }.map(\.summary)
        if case .failure(let failure) = outcome { return (echoes, failure) }
        return (echoes, nil)
    }

    /// The failure's id, where it points (`line:column`) and its message.
    private func failed(_ text: String) async throws -> String? {
        let (_, failure) = try await run(text)
        guard let failure else { return nil }
        let location = SourceLocationConverter(text).location(ofOffset: failure.diagnostic.range.lowerBound)
        return "\(failure.diagnostic.id)@\(location.line):\(location.column) \(failure.diagnostic.text)"
    }

    @Test func arithmeticOnIntegersAndDurations() async throws {
        let (echoes, failure) = try await run("""
            echo (1 + 2 * 3) (7 / 2) (-7 / 2) (7 % 3) (-7 % 3) (10 - 2 - 3) ($1 + 1) ("5" * 2)
            echo (1h + 30m) (2d - 1h) (5m * 3) (2 * 250ms) (1h / 4) (90m / 1h) (7d / 1d) (100s % 30s) (5m - 10m)
            let n = 3
            echo ($n * 1d) (1..$n + 1)
            """)
        #expect(failure == nil, "\(String(describing: failure))")
        #expect(echoes == [
            "7 3 -3 1 -1 5 5 10",
            "1h30m 1d23h 15m 500ms 15m 1 7 10s -5m",
            "3d [1,2,3,4]",
        ])
    }

    @Test func plusJoinsStringsAndLists() async throws {
        let (echoes, failure) = try await run("""
            let failed = []
            for s in ["a", "b", "c"] { if $s != "b" { set failed = $failed + [$s] } }
            echo $failed ("db" + "-" + "01") ([1] + [] + [[2]])
            """)
        #expect(failure == nil)
        #expect(echoes == [#"["a","c"] db-01 [1,[2]]"#])
    }

    /// Overflow, division by zero and mismatched types are runtime errors at the operator, never a crash.
    @Test func badArithmeticIsAClearError() async throws {
        #expect(try await failed("let x = 9223372036854775807\necho ($x + 1)") == "runtime.arithmeticOverflow@2:6 the result of '+' does not fit in a 64-bit whole number")
        #expect(try await failed("let x = -9223372036854775807 - 1\necho ($x / -1)") == "runtime.arithmeticOverflow@2:6 the result of '/' does not fit in a 64-bit whole number")
        #expect(try await failed("echo (3 * 9223372036854775807)") == "runtime.arithmeticOverflow@1:6 the result of '*' does not fit in a 64-bit whole number")
        #expect(try await failed("echo (106751991167d * 2)")?.hasPrefix("runtime.arithmeticOverflow@1:6") == true)
        #expect(try await failed("let z = 0\necho (1 % $z)") == "runtime.divisionByZero@2:6 '%' by zero")
        #expect(try await failed("echo (1m / 0s)") == "runtime.divisionByZero@1:6 '/' by zero")
        #expect(try await failed("echo (\"n=\" + 5)") == #"runtime.typeMismatch@1:6 cannot use '+' on string "n=" and integer 5; to put values into text, use "${…}" or format()"#)
        #expect(try await failed("echo (1m * 1m)") == "runtime.typeMismatch@1:6 cannot use '*' on duration 1m and duration 1m")
        #expect(try await failed("echo (null - 1)") == "runtime.typeMismatch@1:6 cannot use '-' on null and integer 1")
    }

    @Test func builtValuesAreBounded() async throws {
        #expect(try await failed("let l = [0]\nwhile true { set l = $l + $l }") == "runtime.valueTooLarge@2:22 '+' would make a list of more than 100000 elements")
        #expect(try await failed("let s = \"0123456789abcdef\"\nwhile true { set s = $s + $s }") == "runtime.valueTooLarge@2:22 '+' would make a text of more than 1048576 bytes")
    }

    /// Before, wrapping a value in itself in a loop built a list 100,000 deep, and printing it crashed the run.
    @Test func builtValuesNestAtMost64Deep() async throws {
        #expect(try await failed("let s = [1]\nfor i in 1..100000 { set s = [$s] }\necho $s") == "runtime.valueTooLarge@2:30 lists and records nest at most 64 deep")
        #expect(try await failed("let s = {}\nwhile true { set s = {a: $s} }") == "runtime.valueTooLarge@2:22 lists and records nest at most 64 deep")
        let (echoes, failure) = try await run("let s = 1\nfor i in 1..64 { set s = [$s] }\necho len($s)")
        #expect(failure == nil)
        #expect(echoes == ["1"])
    }

    @Test func inLooksInListsRecordsAndStrings() async throws {
        let (echoes, failure) = try await run("""
            let l = ["db-01", 2, [3]]
            let r = {name: "x", size: 10}
            echo ("db-01" in $l) ($1 in [4]) ([3] in $l) ("web" in $l) ("name" in $r) ("id" in $r) ("b-0" in "db-01")
            if not ("web-01" in $l) { echo "not there" }
            """)
        #expect(failure == nil)
        #expect(echoes == ["true true true false true false true", "not there"])
        #expect(try await failed("echo (1 in 5)") == "runtime.typeMismatch@1:6 'in' looks in a list, a record or a string, not integer 5")
        #expect(try await failed("echo ([1] in {a: 1})") == "runtime.typeMismatch@1:7 'in' looks for text in a record, not list [1]")
    }

    @Test func defaultsReplaceNullAndMissingFields() async throws {
        let (echoes, failure) = try await run("""
            let r = {name: "x", inner: {a: 1}, none: null}
            echo ($env.CSBS_UNSET ?? "d") ($env.SET ?? "d") ($r.missing ?? 0) ($r.inner.a ?? 0) ($r.inner.b.c ?? "deep")
            echo ($r.none ?? "was null") ($r["name"] ?? "-") ($r["nope"] ?? "-") (null ?? null ?? 3) (false ?? true)
            let keep = duration($env.KEEP ?? "7d")
            echo $keep
            """, environment: ["SET": "set", "KEEP": "30d"])
        #expect(failure == nil, "\(String(describing: failure))")
        #expect(echoes == ["d set 0 1 deep", "was null x - 3 false", "30d"])
    }

    @Test func aRecordsKeysInForAndByIndex() async throws {
        let (echoes, failure) = try await run("""
            let sizes = {db: 100, web: 40}
            for k in $sizes { echo "${k}=${sizes[$k]}" }
            let key = "web"
            echo $sizes[$key] keys($sizes)
            """)
        #expect(failure == nil, "\(String(describing: failure))")
        #expect(echoes == ["db=100", "web=40", #"40 ["db","web"]"#])
        #expect(try await failed("let r = {a: 1}\necho $r[\"b\"]") == "runtime.noSuchField@2:6 the record has no field 'b'; it has a")
        #expect(try await failed("let r = {a: 1}\necho $r[0]") == "runtime.typeMismatch@2:6 a record's field is named by text, not integer 0")
        #expect(try await failed("for x in 5 + 1 { echo $x }") == "runtime.typeMismatch@1:10 'for' needs a list (or a record, for its keys) to walk through, not integer")
    }
}
