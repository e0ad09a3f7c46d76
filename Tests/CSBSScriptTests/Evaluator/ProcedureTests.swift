import CSBSClient
import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Testing

/// `def` procedures run against the emulator: their scope, their result, recursion, failures inside them, and the
/// commands they send.
@Suite("Procedures")
struct ProcedureTests {
    struct Run {
        var output: CollectingOutput
        var failure: RuntimeFailure?
        var echoes: [String] { output.results.filter { $0.kind == "echo" }.map(\.summary) }
    }

    private func run(_ text: String, files: [String: String] = [:]) async throws -> Run {
        let output = CollectingOutput()
        let loader: Interpreter.SourceLoader = { path, _ in
            files[path].map { .success(SourceFile(name: path, text: $0)) } ?? .failure(SourceLoadError(reason: "missing"))
        }
        return try await withEmulator { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output, loader: loader)
            let result = try await interpreter.checkAndRun(SourceFile(name: "main.csbs", text: text))
            var run = Run(output: output)
            if case .failure(let failure) = result { run.failure = failure }
            return run
        }
    }

    @Test func aProcedureReturnsAValueAndMayBeCalledBeforeItsDef() async throws {
        let run = try await run("""
            echo twice(21) twice("ab") fact(10)
            def twice(x) { return $x + $x }
            def fact(n) {
                if $n <= 1 { return 1 }
                return $n * fact($n - 1)
            }
            def nothing() { }
            echo (nothing() == null)
            """)
        #expect(run.failure == nil, "\(run.output.transcript)")
        #expect(run.echoes == ["42 abab 3628800", "true"])
    }

    @Test func theBodyHasItsOwnScopeAndMaySetTheTopLevel() async throws {
        let run = try await run("""
            let total = 0
            let n = "outer"
            def add(n) {
                let doubled = $n * 2
                set total = $total + $doubled
            }
            for i in 1..4 { add($i) }
            echo $total $n
            """)
        #expect(run.failure == nil, "\(run.output.transcript)")
        #expect(run.echoes == ["20 outer"], "the parameter hides the top-level n only inside the body")
    }

    @Test func aCalledProcedurePrintsItsValueUnlessItIsNull() async throws {
        let run = try await run("""
            def answer() { return 42 }
            def say(x) { echo $x }
            answer()
            say("hi")
            """)
        #expect(run.failure == nil)
        #expect(run.output.results.map(\.summary) == ["42", "hi"])
    }

    @Test func returnLeavesLoopsAndTryBodies() async throws {
        let run = try await run("""
            def first_even(items) {
                for i in $items {
                    try {
                        if $i % 2 == 0 { return $i }
                    } catch { echo "never" }
                }
                return null
            }
            echo first_even([1, 3, 8, 10]) first_even([1])
            """)
        #expect(run.failure == nil, "\(run.output.transcript)")
        #expect(run.echoes == ["8 null"])
    }

    @Test func runawayRecursionStopsWithAClearError() async throws {
        let run = try await run("def down(n) { return down($n + 1) }\necho down(0)")
        #expect(run.failure?.diagnostic.id.description == "runtime.recursionLimit")
        #expect(run.echoes.isEmpty)
    }

    /// A failure inside a procedure is located in its body, and a `try` around the call catches it.
    @Test func aFailureInsideIsReportedAtTheBodyAndCaughtByTheCaller() async throws {
        let caught = try await run("""
            def select(name) {
                use vault $name
                return "selected"
            }
            try { echo select("no-such") } catch e { echo "caught ${e.code} at line ${e.line}" }
            """)
        #expect(caught.failure == nil, "\(caught.output.transcript)")
        #expect(caught.echoes == ["caught runtime.badArgument at line 2"])
        let uncaught = try await run("def select(name) {\n  use vault $name\n}\nlet r = select(\"no-such\")")
        #expect(uncaught.failure?.diagnostic.range.lowerBound == 31, "at `$name` on line 2")
    }

    /// Procedures send commands: a backup step written once and called for several servers.
    @Test func aProcedureRunsCommandsAndReturnsTheirResults() async throws {
        let run = try await run("""
            vault "proc-vault" size 40
            def protect_one(server) {
                attach server $server
                let b = backup server $server wait
                return $b.status
            }
            echo protect_one("e8cc6bfd-d324-4b88-9109-9fb0ba70676f")
            """)
        #expect(run.failure == nil, "\(run.output.transcript)")
        #expect(run.echoes == ["available"])
    }

    /// A sourced library's procedures are callable after the `source`, with the library's relative paths.
    @Test func aSourcedLibraryDefinesProcedures() async throws {
        let run = try await run(
            "source \"lib.csbs\"\necho shout(\"hi\")",
            files: ["lib.csbs": "def shout(text) { return upper($text) + \"!\" }"]
        )
        #expect(run.failure == nil, "\(run.output.transcript)")
        #expect(run.echoes == ["HI!"])
    }

    /// Inside a parallel item a procedure may use its own variables, but not change the top level.
    @Test func aProcedureInAParallelItemKeepsTheTopLevelReadOnly() async throws {
        let ok = try await run("""
            def square(n) {
                let result = $n * $n
                set result = $result + 0
                return $result
            }
            let seen = 0
            for i in [1, 2, 3] parallel 2 { echo square($i) }
            """)
        #expect(ok.failure == nil, "\(ok.output.transcript)")
        #expect(Set(ok.echoes) == ["1", "4", "9"])
        let refused = try await run("""
            let count = 0
            def bump() { set count = $count + 1 }
            for i in [1, 2] parallel 2 { bump() }
            """)
        #expect(refused.failure != nil)
        #expect(refused.output.transcript.contains("runtime.setInParallel"), "\(refused.output.transcript)")
    }

    /// The shell checks each input on its own: procedures of earlier input stay defined.
    @Test func proceduresOutliveTheInputThatDefinedThem() async throws {
        let output = CollectingOutput()
        try await withEmulator { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output)
            _ = try await interpreter.checkAndRun(SourceFile(name: "<1>", text: "def inc(x) { return $x + 1 }"))
            let second = try await interpreter.checkAndRun(SourceFile(name: "<2>", text: "echo inc(1)"))
            if case .failure(let failure) = second { Issue.record("\(failure.diagnostic.text)") }
        }
        #expect(output.results.map(\.summary) == ["2"])
    }
}
