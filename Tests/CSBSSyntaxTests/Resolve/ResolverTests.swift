import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

@Suite struct ResolverTests {
    /// Resolves marked text and compares `(marker offset, id)` pairs with the expected ones.
    private func findings(_ text: String, loader: Resolver.Loader? = nil) -> [String] {
        let file = SourceFile(name: "main.csbs", text: text)
        let parsed = Parser.parse(file)
        #expect(!parsed.hasErrors, "\(parsed.diagnostics.map(\.text))")
        var resolver = Resolver(loader: loader)
        return resolver.resolve(parsed.script, in: file).map {
            let location = SourceLocationConverter($0.file.text).location(ofOffset: $0.diagnostic.range.lowerBound)
            return "\($0.file.name):\(location) \($0.diagnostic.id)"
        }
    }

    @Test func declaredBeforeUseInAnEnclosingBlock() {
        #expect(findings("let a = 1\nif true { let b = $a; echo $b }\necho $a $1 $env.HOME $args $error").isEmpty)
        #expect(findings("for s in [1] { echo $s }\necho $s") == ["main.csbs:2:6 resolve.undefinedVariable"])
        #expect(findings("echo $nme\nlet name = 1") == ["main.csbs:1:6 resolve.undefinedVariable"])
    }

    @Test func setNeedsADeclarationAndBuiltinsAreReserved() {
        #expect(findings("set x = 1") == ["main.csbs:1:5 resolve.setUndeclared"])
        #expect(findings("let x = 1\nif true { set x = 2 }").isEmpty)
        #expect(findings("let env = 1") == ["main.csbs:1:5 resolve.reservedName"])
    }

    @Test func suggestionsNameTheClosestVariable() {
        let file = SourceFile(name: "m", text: "let vault_id = 1\necho $vault_di")
        var resolver = Resolver()
        let message = resolver.resolve(Parser.parse(file).script, in: file).first?.diagnostic.text ?? ""
        #expect(message.contains("did you mean '$vault_id'?"))
    }

    @Test func sourcedFilesAreFollowedInTheSameScopeAndCyclesReported() {
        let files = [
            "lib.csbs": "let shared = 1\necho $unknown",
            "a.csbs": "source \"b.csbs\"",
            "b.csbs": "source \"a.csbs\"",
        ]
        let loader: Resolver.Loader = { path, _ in
            guard let text = files[path] else { return .failure(SourceLoadError(reason: "no such file")) }
            return .success(SourceFile(name: path, text: text))
        }
        #expect(findings("source \"lib.csbs\"\necho $shared", loader: loader) == ["lib.csbs:2:6 resolve.undefinedVariable"])
        #expect(findings("source \"a.csbs\"", loader: loader) == ["b.csbs:1:1 resolve.sourceCycle"])
        #expect(findings("source \"gone.csbs\"", loader: loader) == ["main.csbs:1:8 resolve.sourceUnreadable"])
    }
}
