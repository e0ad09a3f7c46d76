import CSBSClient
import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Foundation
import Synchronization
import Testing

@Suite("Interpreter scripting")
struct InterpreterScriptingTests {
    /// Runs `text` on a fresh emulator and returns the output and the outcome.
    private func run(
        _ text: String, name: String = "<test>", loader: Interpreter.SourceLoader? = nil,
        _ body: (EmulatorHarness) -> Void = { _ in }
    ) async throws -> (CollectingOutput, RuntimeFailure?, Duration) {
        let output = CollectingOutput()
        let file = SourceFile(name: name, text: text)
        let parsed = Parser.parse(file)
        #expect(!parsed.hasErrors, "\(parsed.diagnostics.map(\.text))")
        return try await withEmulator { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output)
            if let loader { interpreter.loader = loader }
            let result = try await interpreter.checkAndRun(file)
            if case .failure(let failure) = result { return (output, failure, emulator.clock.elapsed) }
            return (output, nil, emulator.clock.elapsed)
        }
    }

    /// Inside `${…}` a bare name is a variable wherever a value goes, not only at the start: each of these gave an
    /// answer about the text of the name before (`${n ?? 4}` printed "n", `${len(l)}` 1, `${n in l}` false) or
    /// failed when run (`${n + 1}` added 1 to the text "n").
    @Test func namesInsideBracesAreVariablesInEveryOperand() async throws {
        let script = """
            let n = 3
            let l = [3, 4]
            let r = {tags: {env: "prod"}, size: 5}
            let k = "env"
            let flag = false
            echo "${n + 1} ${n * n} ${n ?? 4} ${len(l)} ${n in l} ${[n, 2]} ${r.tags[k]} ${not flag}"
            echo "${r.size * 2} ${n..5} ${l[n - 2]} ${1 + 1} ${n == 3 and flag == false}"
            """
        let (output, failure, _) = try await run(script)
        #expect(failure == nil)
        #expect(output.results.map(\.summary) == [
            "4 9 3 2 true [3,2] prod true",
            "10 [3,4,5] 4 2 true",
        ])
    }

    @Test func sleepAdvancesTheInjectedClockOnly() async throws {
        let (output, failure, elapsed) = try await run("sleep 3h; echo done")
        #expect(failure == nil)
        #expect(output.results.map(\.summary) == ["done"])
        #expect(elapsed >= .seconds(3 * 3600), "virtual time moved by the sleep")
    }

    /// Paths computed at run time cannot be followed by the check: such files are checked when `source` runs.
    @Test func aSourceCycleThroughComputedPathsIsALocatedErrorNotARecursion() async throws {
        let files = [
            "a.csbs": "echo in-a\nlet q = \"b.csbs\"\nsource $q", "b.csbs": "let r = \"a.csbs\"\nsource $r",
        ]
        let loader: Interpreter.SourceLoader = { path, _ in
            files[path].map { .success(SourceFile(name: path, text: $0)) } ?? .failure(SourceLoadError(reason: "missing"))
        }
        let (output, failure, _) = try await run("let p = \"a.csbs\"\nsource $p", name: "main.csbs", loader: loader)
        #expect(failure?.diagnostic.id.description == "runtime.sourceCycle")
        #expect(output.diagnostics.first?.hasPrefix("b.csbs:2:1: error:") == true, "\(output.diagnostics)")
        #expect(output.results.map(\.summary) == ["in-a"])
    }

    @Test func aFileSourcedByAComputedPathIsCheckedBeforeAnyOfItRuns() async throws {
        let loader: Interpreter.SourceLoader = { path, _ in .success(SourceFile(name: path, text: "echo a\nbakup\n")) }
        let (output, failure, _) = try await run("let p = \"bad.csbs\"\nsource $p", loader: loader)
        #expect(failure?.category == .syntax)
        #expect(output.results.isEmpty)
        #expect(output.diagnostics.first?.contains("bad.csbs:2:1: error:") == true)
    }

    /// A literal path is followed by the check: an error there stops the program before anything runs.
    @Test func aFileSourcedByALiteralPathIsCheckedWithTheProgram() async throws {
        let loader: Interpreter.SourceLoader = { path, _ in .success(SourceFile(name: path, text: "echo a\nbakup\n")) }
        await #expect(throws: UncheckedScript.self) {
            _ = try await run("echo before\nsource \"bad.csbs\"", loader: loader)
        }
    }

    /// The check's parse of a literal `source` is the one that runs: the file is not read again.
    @Test func aLiteralSourceIsReadOnce() async throws {
        let reads = ReadCounter()
        let loader: Interpreter.SourceLoader = { path, _ in
            reads.increment()
            return .success(SourceFile(name: path, text: "echo inner"))
        }
        let (output, failure, _) = try await run("source \"lib.csbs\"\necho after", loader: loader)
        #expect(failure == nil)
        #expect(output.results.map(\.summary) == ["inner", "after"])
        #expect(reads.count == 1)
    }

    @Test func sourceReadsFilesRelativeToTheIncludingScript() async throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/lib", withIntermediateDirectories: true)
        try "source \"inner.csbs\"".write(toFile: folder + "/lib/outer.csbs", atomically: true, encoding: .utf8)
        try "let from_inner = 42".write(toFile: folder + "/lib/inner.csbs", atomically: true, encoding: .utf8)
        let (output, failure, _) = try await run("source \"lib/outer.csbs\"\necho $from_inner", name: folder + "/main.csbs")
        #expect(failure == nil, "\(output.diagnostics)")
        #expect(output.results.map(\.summary) == ["42"])
    }

    @Test func variablesLiveAcrossRunsLikeREPLLines() async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output)
            for line in ["let n = 1", "set n = 2", "echo $n"] {
                let file = SourceFile(name: "<repl>", text: line)
                _ = try await interpreter.checkAndRun(file)
            }
            #expect(output.results.map(\.summary) == ["2"])
            #expect(interpreter.declaredNames == ["n"])
        }
    }

    @Test func jsonLinesKeepFieldOrderAndEscapeText() {
        let record = ResultRecord(
            kind: "echo", fields: [.init("message", .string("a \"b\"\n")), .init("n", .integer(1))], summary: ""
        )
        #expect(record.jsonLine == #"{"kind":"echo","message":"a \"b\"\n","n":1}"#)
        #expect(Value.list([.duration(.seconds(90)), .null, .bool(true), .number(1.5)]).json == #"["1m30s",null,true,1.5]"#, "durations keep their units")
    }
}

/// Counts calls from a `@Sendable` closure.
private final class ReadCounter: Sendable {
    private let value = Mutex(0)

    var count: Int { value.withLock { $0 } }

    func increment() {
        value.withLock { $0 += 1 }
    }
}
