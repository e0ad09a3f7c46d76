import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

@Suite("The one front end")
struct CheckerTests {
    private let files = ["lib.csbs": "let shared = 1", "bad.csbs": "bakup"]

    private func options(regions: [String]? = nil) -> CheckOptions {
        let files = files
        return CheckOptions(
            loader: { path, _ in
                files[path].map { .success(SourceFile(name: path, text: $0)) }
                    ?? .failure(SourceLoadError(reason: "missing"))
            },
            knownRegions: regions
        )
    }

    @Test func aProgramComesOnlyFromACheckWithoutErrors() {
        let good = Checker.check(SourceFile(name: "a.csbs", text: "let x = 1\necho $x"), options: options())
        #expect(good.program?.files.map(\.file.name) == ["a.csbs"])
        let bad = Checker.check(SourceFile(name: "a.csbs", text: "echo $nope"), options: options())
        #expect(bad.program == nil)
        #expect(bad.errorCount == 1)
        #expect(bad.parsed.count == 1, "the trees are kept for tools even when the check fails")
    }

    @Test func everyFileIsCheckedAndItsDiagnosticsComeInFileOrder() {
        let result = Checker.check(
            [SourceFile(name: "1.csbs", text: "bakup"), SourceFile(name: "2.csbs", text: "echo $nope")],
            options: options()
        )
        #expect(result.diagnostics.map(\.file.name) == ["1.csbs", "2.csbs"])
        #expect(result.program == nil)
    }

    @Test func literalSourcesAreParsedOnceAndHandedToTheProgram() {
        let result = Checker.check(SourceFile(name: "main.csbs", text: "source \"lib.csbs\"\necho $shared"), options: options())
        let sourced = result.program?.sourcedFile(path: "lib.csbs", includingFile: "main.csbs")
        #expect(sourced?.file.name == "lib.csbs")
        #expect(sourced?.script.statements.count == 1)
        #expect(result.program?.sourcedFile(path: "lib.csbs", includingFile: "other.csbs") == nil)
    }

    @Test func aSourcedFileThatDoesNotParseFailsTheProgram() {
        let result = Checker.check(SourceFile(name: "main.csbs", text: "source \"bad.csbs\""), options: options())
        #expect(result.program == nil)
        #expect(result.diagnostics.first?.file.name == "bad.csbs")
    }

    @Test func resolveErrorsComeWithParseErrorsInOneRun() {
        let result = assertCheckDiagnostics("1️⃣bakup\necho 2️⃣$nope\nlet x = 3️⃣)\necho $x", [
            DiagSpec("1️⃣", id: "parse.unknownStatement"),
            DiagSpec("2️⃣", id: "resolve.undefinedVariable"),
            DiagSpec("3️⃣", id: "parse.expectedExpression"),
        ])
        #expect(result.program == nil)
    }

    @Test func regionsAreCheckedWhenTheOptionsNameThem() {
        let script = SourceFile(name: "r.csbs", text: "region cn-nowhere-9")
        #expect(Checker.check(script, options: options()).program != nil)
        let checked = Checker.check(script, options: options(regions: ["cn-north-4"]))
        #expect(checked.diagnostics.map(\.diagnostic.id.description) == ["resolve.unknownRegion"])
    }
}
