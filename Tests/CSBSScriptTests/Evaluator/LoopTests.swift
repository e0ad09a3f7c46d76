import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Testing

/// `while`, `break`, `continue` and integer ranges, run.
@Suite("Loops")
struct LoopTests {
    /// Runs `text` on a fresh emulator: what `echo` and the other statements printed, and the failure, if any.
    private func run(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws
        -> (results: [String], failure: RuntimeFailure?)
    {
        let output = CollectingOutput()
        let file = SourceFile(name: "loops.csbs", text: text)
        let outcome = try await withEmulator { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output)
            return try await interpreter.checkAndRun(file)
        }
        let results = output.results.map(\.summary)
        if case .failure(let failure) = outcome { return (results, failure) }
        return (results, nil)
    }

    @Test func aRangeCountsUpFromItsFirstBoundToItsLastBothIncluded() async throws {
        let (results, failure) = try await run("""
            for i in 1..3 { echo $i }
            let from = "-1"
            let to = 1
            echo ($from..$to)
            """)
        #expect(failure == nil)
        #expect(results == ["1", "2", "3", "[-1,0,1]"])
    }

    @Test func aComputedRangeWhoseEndIsBelowItsStartIsEmpty() async throws {
        let (results, failure) = try await run("let n = 0\nfor i in 1..$n { echo never }\necho (5..$n).count")
        #expect(failure == nil)
        #expect(results == ["0"])
    }

    @Test func aComputedRangeIsCheckedWhenItIsEvaluated() async throws {
        let (_, tooLarge) = try await run("let n = 100001\nfor i in 1..$n { echo $i }")
        #expect(tooLarge?.diagnostic.id.description == "runtime.rangeTooLarge")
        let (_, wide) = try await run("let n = -9223372036854775807\nlet r = $n..9223372036854775807")
        #expect(wide?.diagnostic.id.description == "runtime.rangeTooLarge", "no overflow counting it")
        let (_, notANumber) = try await run("let n = \"ten\"\nlet r = 1..$n")
        #expect(notANumber?.diagnostic.id.description == "runtime.typeMismatch")
    }

    @Test func continueSkipsToTheNextItemAndBreakEndsTheInnermostLoop() async throws {
        let (results, failure) = try await run("""
            for i in 1..5 {
                if $i == 2 { continue }
                if $i == 4 { break }
                for j in ["a", "b"] {
                    if $j == "b" { break }
                    echo "${i}${j}"
                }
            }
            echo done
            """)
        #expect(failure == nil)
        #expect(results == ["1a", "3a", "done"])
    }

    @Test func whileRunsWhileItsConditionIsTrue() async throws {
        let (results, failure) = try await run("""
            let queue = ["a", "b", "c"]
            let done = false
            let n = 0
            while not $done {
                echo $queue[$n]
                if $queue[$n] == "b" { set done = true; continue }
                set n = 1
            }
            while true { break }
            echo end
            """)
        #expect(failure == nil)
        #expect(results == ["a", "b", "end"])
    }

    @Test func whileTakesTheSameConditionsAsIf() async throws {
        let (results, failure) = try await run("let x = 1\necho before\nwhile $x { echo never }")
        #expect(results == ["before"])
        #expect(failure?.diagnostic.id.description == "runtime.typeMismatch")
        #expect(failure?.diagnostic.text.contains("a condition must be true or false") == true)
    }

    @Test func aWhileLoopThatNeverEndsStopsAtTheIterationLimit() async throws {
        let (results, failure) = try await run("""
            on error continue
            let runs = 0
            while true { set runs = 1 }
            echo "went on: ${error.id}"
            """)
        #expect(failure == nil)
        #expect(results == ["went on: runtime.loopLimit"])
        let (_, stopped) = try await run("while true { let x = 1 }")
        #expect(stopped?.diagnostic.id.description == "runtime.loopLimit")
        #expect(stopped?.diagnostic.text.contains("\(WhileStmt.maximumIterations) times") == true)
    }

    /// `break` and `continue` are not failures: `on error continue` does not see them and `$error` keeps its value.
    @Test func breakAndContinueAreNotErrors() async throws {
        let (results, failure) = try await run("""
            on error continue
            for i in 1..3 {
                if $i == 1 { continue }
                break
            }
            echo "error is ${error}"
            """)
        #expect(failure == nil)
        #expect(results == ["error is null"])
    }

    @Test func continueEndsOneItemOfAParallelLoop() async throws {
        let (results, failure) = try await run("""
            for s in 1..3 parallel 2 {
                if $s == 2 { continue }
                echo "item ${s}"
            }
            """)
        #expect(failure == nil)
        #expect(results == ["item 1", "item 3", "parallel for: 3 items, 3 succeeded, 0 failed"])
    }
}
