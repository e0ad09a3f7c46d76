@testable import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// A long file's top level resolved in chunks (``Resolver/resolveInChunks(_:file:chunking:)``) gives exactly what
/// one walk gives, wherever the cuts fall: names declared, replaced and read across a cut, parameters, `confirm`,
/// procedures called before their `def`, library files, and the walk from the start when a chunk meets a `source`
/// or more findings than a file shows.
@Suite("Resolve in chunks")
struct ResolverChunksTests {
    static let regions = ["cn-north-4", "ap-southeast-1"]

    /// A resolver set up as ``Checker`` sets one up for `parsed`, with the lint warnings on.
    static func resolver(for parsed: ParseResult, loader: Resolver.Loader? = nil) -> Resolver {
        var resolver = Resolver(
            predeclared: parsed.hasErrors ? parsed.declaredNames : [], loader: loader, knownRegions: regions,
            functions: ParserCallTests.functions, procedures: parsed.hasErrors ? Checker.leftOutProcedures(parsed) : []
        )
        resolver.lint = LintTracker()
        return resolver
    }

    /// Every finding, with its file, place, id, text and notes.
    static func describe(_ findings: [FileDiagnostic]) -> [String] {
        findings.map {
            let diagnostic = $0.diagnostic
            return "\($0.file.name) \(diagnostic.range.lowerBound)-\(diagnostic.range.upperBound) \(diagnostic.id) "
                + "\(diagnostic.text) \(diagnostic.notes.map(\.range.lowerBound))"
        }
    }

    /// The findings of one walk and of the walk cut at `cuts`, and whether the chunks were taken.
    static func resolve(
        _ text: String, cuts: [Int], loader: Resolver.Loader? = nil
    ) -> (expected: [String], chunked: [String], tookChunks: Bool) {
        let file = SourceFile(name: "test.csbs", text: text)
        let parsed = Parser.parse(file)
        var whole = resolver(for: parsed, loader: loader)
        let expected = describe(whole.resolve(parsed.script, in: file))
        var chunked = resolver(for: parsed, loader: loader)
        chunked.stack = [file.name]
        chunked.lint?.noteFile(parsed.script, file)
        let tookChunks = chunked.resolveInChunks(parsed.script.statements, file: file, chunking: .cuts(cuts))
        var again = resolver(for: parsed, loader: loader)
        let found = describe(again.resolve(parsed.script, in: file, chunking: .cuts(cuts)))
        return (expected, found, tookChunks)
    }

    /// Every single cut between top-level statements, and all of them at once.
    static func expectEveryCutEqual(_ text: String, _ name: String) {
        let count = Parser.parse(SourceFile(name: "test.csbs", text: text)).script.statements.count
        guard count > 1 else { return }
        for cut in 1..<count {
            let (expected, chunked, _) = resolve(text, cuts: [cut])
            #expect(chunked == expected, "\(name) cut before statement \(cut)")
            if chunked != expected { return }
        }
        let (expected, chunked, _) = resolve(text, cuts: Array(1..<count))
        #expect(chunked == expected, "\(name) cut between every statement")
    }

    @Test(arguments: RepositoryScripts.examples + RepositoryScripts.languageBlocks)
    func repositoryScriptsResolveTheSameInChunks(_ script: RepositoryScripts.Script) {
        Self.expectEveryCutEqual(script.text, script.name)
    }

    @Test func fuzzInputsResolveTheSameInChunks() {
        let inputs = FuzzInputs.corpus + FuzzInputs.regressions
        #expect(inputs.count >= 40)
        for input in inputs {
            Self.expectEveryCutEqual(String(decoding: input.bytes, as: UTF8.self), input.name)
        }
    }

    /// Texts where what one chunk does depends on the chunks before it.
    @Test(arguments: [
        // A name declared, read, declared again (ending the first, unread or read) across cuts.
        "let a = 1\necho $a\nlet a = 2\nlet b = 3\necho $b\nlet a = 4\nvaults\n",
        "let a = 1\nlet a = 2\nlet a = 3\necho $a\nvaults\n",
        // A parameter after a `let` of its name keeps the `let`; a `let` after a parameter.
        "param p\nlet p = 1\necho $p\nparam q\necho $q\nlet r = 1\nparam r\nvaults\n",
        // `confirm` before a forced delete in a later chunk; a delete before any confirm.
        "delete vault \"x\" force\nconfirm \"sure?\"\nlet n = 1\ndelete vault \"y\" force\n",
        // A procedure called before its `def`, whose body reads a top-level name declared after it.
        "echo greet(1)\ndef greet(x) {\n  delete vault \"v\" force\n  return $late\n}\nlet late = 1\nconfirm \"ok\"\nvaults\n",
        // Built-in names, unknown names with suggestions, `set` of undeclared names.
        "let env = 1\nlet env = 2\necho $undefined\nlet value = 1\necho $valeu\nset zzz = 1\nset value = 2\n",
        // Names in blocks, loops and handlers; an exempt `_` name; unused top-level names.
        "for i in [1] {\n  let inner = 1\n}\nlet _unused = 2\nlet top = 3\ntry {\n  vaults\n} catch e {\n  echo $top\n}\n",
        // A library: no command at the top level, so its top-level names are not reported.
        "let a = 1\nlet b = 2\ndef f() {\n  let unused = 1\n  return 1\n}\n",
        // Procedures defined twice and shadowing a built-in; wrong argument counts; `break` outside a loop.
        "def len(x) {\n  return 1\n}\ndef p() {\n  return 1\n}\ndef p() {\n  return 2\n}\necho p(1)\nbreak\nvaults\n",
        // A parallel body and an unknown region.
        "let shared = 1\nfor s in [1, 2] parallel 2 {\n  set shared = 2\n}\nregion \"mars-1\"\nvaults\n",
        // Statements left out for their errors still declare their names.
        "let x = (\necho $x\nlet y = 1\necho $y $x\nvaults\n",
    ])
    func cutsAcrossTheTopLevelResolveTheSame(_ text: String) {
        Self.expectEveryCutEqual(text, text.debugDescription)
        let count = Parser.parse(SourceFile(name: "test.csbs", text: text)).script.statements.count
        #expect(Self.resolve(text, cuts: [count / 2]).tookChunks, "the chunks were taken")
    }

    @Test func aChunkThatMeetsASourceStatementIsWalkedAgainFromTheStart() {
        let text = "let a = 1\nvaults\nsource \"lib.csbs\"\necho $a $fromLibrary\n"
        let loader: Resolver.Loader = { path, _ in
            .success(SourceFile(name: path, text: "let fromLibrary = 1\ndef helper() {\n  return 1\n}\n"))
        }
        for cut in 1..<4 {
            let (expected, chunked, tookChunks) = Self.resolve(text, cuts: [cut], loader: loader)
            #expect(!tookChunks)
            #expect(chunked == expected)
        }
        // Without a loader nothing is followed, and the chunks hold.
        #expect(Self.resolve(text, cuts: [2]).tookChunks)
    }

    @Test func chunksWithMoreFindingsThanAFileShowsAreWalkedAgainFromTheStart() {
        let text = String(repeating: "echo $missing\n", count: 60) + "vaults\n" + String(repeating: "echo $gone\n", count: 60)
        let (expected, chunked, tookChunks) = Self.resolve(text, cuts: [61])
        #expect(!tookChunks)
        #expect(chunked == expected)
        #expect(expected.count == DiagnosticLimit.perFile)
    }

    @Test func aLongRunbookIsResolvedOnTwoThreadsAsInOneWalk() {
        let text = (0..<4_000).map { number in
            """
            let b\(number) = backup name "nightly-\(number)" wait
            let shared = \(number)
            if $b\(number).status == "available" {
              echo "ok ${b\(number).id} $b\(max(number - 3_000, 0)).id $shared"
            }
            \(number % 500 == 0 ? "echo \"$shared[0]\"\n" : "")\(number == 2_000 ? "confirm \"go on?\"\n" : "")\
            \(number % 400 == 0 ? "delete vault \"v\(number)\" force\n" : "")\
            \(number % 300 == 0 ? "let unused\(number) = 1\n" : "")

            """
        }.joined()
        let file = SourceFile(name: "long.csbs", text: text)
        #expect(file.text.utf8.count >= 2 * ParsePieces.minimumPieceBytes)
        let parsed = Parser.parse(file)
        var whole = Self.resolver(for: parsed)
        let expected = Self.describe(whole.resolve(parsed.script, in: file))
        var chunked = Self.resolver(for: parsed)
        let found = Self.describe(chunked.resolve(parsed.script, in: file, threads: ParseThreads(count: 2)))
        #expect(found == expected)
        #expect(expected.count > 20 && expected.count < DiagnosticLimit.perFile)
        var probe = Self.resolver(for: parsed)
        probe.stack = [file.name]
        let tookChunks = probe.resolveInChunks(
            parsed.script.statements, file: file, chunking: .threads(ParseThreads(count: 2))
        )
        #expect(tookChunks, "the chunks were taken")
        #expect(
            Resolver.chunkStarts(of: parsed.script.statements, pieces: 2).count == 1,
            "the statements are cut in two"
        )
    }
}
