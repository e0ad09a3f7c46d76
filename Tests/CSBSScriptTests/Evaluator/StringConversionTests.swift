import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Testing

/// Arguments and `$env` values are strings; where a number or a duration is needed, a string that is entirely such a
/// literal converts (one rule: ``Value/integerConversion``, ``Value/durationConversion``), and a comparison of a
/// string with a number converts the string or fails — never silently false.
@Suite("Strings where numbers and durations are needed")
struct StringConversionTests {
    private func run(_ text: String, arguments: [String] = [], environment: [String: String] = [:]) async throws
        -> (CollectingOutput, RuntimeFailure?)
    {
        let output = CollectingOutput()
        return try await withEmulator { emulator in
            var interpreter = Interpreter(
                client: emulator.client(), output: output, environment: environment, arguments: arguments
            )
            if case .failure(let failure) = try await interpreter.checkAndRun(SourceFile(name: "t.csbs", text: text)) {
                return (output, failure)
            }
            return (output, nil)
        }
    }

    private func echoes(_ output: CollectingOutput) -> [String] {
        output.results.filter { $0.kind == "echo" }.map(\.summary)
    }

    @Test func argumentsConvertWhereAStatementNeedsANumberOrADuration() async throws {
        let script = """
            let l = ["a", "b", "c"]
            echo $l[$1]
            if $1 > 0 { echo "more than zero" }
            sleep $2
            sleep "1s"
            for x in [1, 2] parallel $1 { echo "item ${x}" }
            vault "conv" size $3
            let b = backups since $2 limit $1
            exit $1
            """
        let (output, failure) = try await run(script, arguments: ["1", "7d", "40"])
        #expect(failure?.category == .exit(1), "\(output.transcript)")
        #expect(echoes(output) == ["b", "more than zero", "item 1", "item 2"])
    }

    @Test func aStringComparedWithANumberIsComparedAsANumber() async throws {
        let script = """
            if "1" == 1 { echo "equal" }
            if $env.DRY == 1 { echo "dry" }
            if $env.DRY != 2 { echo "not two" }
            if "-3" < 0 { echo "negative" }
            if "90s" > 1m { echo "longer" }
            if "10" > "9" { echo "text order" } else { echo "strings compare as text" }
            """
        let (output, failure) = try await run(script, environment: ["DRY": "1"])
        #expect(failure == nil, "\(output.transcript)")
        #expect(echoes(output) == ["equal", "dry", "not two", "negative", "longer", "strings compare as text"])
    }

    @Test func aStringThatIsNoNumberIsATypeMismatchNotSilentlyFalse() async throws {
        let (output, failure) = try await run("if $env.DRY == 1 { echo dry }", environment: ["DRY": "yes"])
        #expect(failure?.diagnostic.id.description == "runtime.typeMismatch")
        #expect(failure?.diagnostic.text.contains("string \"yes\"") == true, "\(output.transcript)")
        #expect(failure?.diagnostic.text.contains("not a whole number") == true)
    }

    /// Only text that is entirely a literal converts: no blanks, no other notations, and a duration needs its unit.
    @Test(arguments: [
        ("exit $1", " 3"), ("exit $1", "3 "), ("exit $1", "0x10"), ("exit $1", "+3"), ("exit $1", "3s"),
        ("sleep $1", "30"), ("sleep $1", "1 s"), ("sleep $1", "-5s"), ("let l = [1]\necho $l[$1]", "zero"),
    ])
    func onlyTextThatIsEntirelyALiteralConverts(_ script: String, _ argument: String) async throws {
        let (output, failure) = try await run(script, arguments: [argument])
        #expect(failure?.category == .command, "\(output.transcript)")
        #expect(failure?.diagnostic.id.description == "runtime.typeMismatch" || failure?.diagnostic.id.description == "runtime.badArgument")
    }

    @Test func aDurationWithoutAUnitSaysSo() async throws {
        let (_, failure) = try await run("sleep $1", arguments: ["30"])
        #expect(failure?.diagnostic.text.contains("a duration needs a unit") == true)
    }

    @Test func theConversionRule() {
        #expect(Value.string("42").integerConversion == 42)
        #expect(Value.string("-1").integerConversion == -1)
        #expect(Value.string("7d").durationConversion == .seconds(7 * 86_400))
        #expect(Value.string("250ms").durationConversion == .milliseconds(250))
        #expect(Value.string("99999999999999999999").integerConversion == nil)
        #expect(Value.string("4#2").integerConversion == nil)
        #expect(Value.string("").integerConversion == nil)
        #expect(Value.string("5").durationConversion == nil)
        #expect(Value.bool(true).integerConversion == nil)
    }
}
