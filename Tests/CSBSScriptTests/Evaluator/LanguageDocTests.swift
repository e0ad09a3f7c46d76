import CSBSScript
import CSBSSyntax
import CSBSSyntaxTestSupport
import CSBSTestSupport
import Foundation
import Testing

/// Every ```csbs block of docs/LANGUAGE.md parses, resolves and runs cleanly against the emulator.
@Suite("docs/LANGUAGE.md examples")
struct LanguageDocTests {
    /// The text of each ```csbs block, with its 1-based starting line.
    static let examples = RepositoryScripts.languageBlocks.map { Example(line: $0.line, text: $0.text) }

    struct Example: Sendable, CustomTestStringConvertible {
        var line: Int
        var text: String
        var testDescription: String { "LANGUAGE.md:\(line)" }
    }

    @Test func everyStatementHasAnExample() {
        let all = Self.examples.map(\.text).joined(separator: "\n")
        for keyword in ["let", "set", "echo", "if", "else", "for", "while", "break", "continue", "..", "assert", "confirm", "sleep", "source", "exit", "on error",
                        "try {", "} catch e {", "} catch {", "retry ", " every ", " backoff ",
                        "vault", "attach", "backup", "$env.", "$args", "$error", "$1",
                        "backups", "show backup", "show checkpoint", "wait timeout", "restore backup", "to server",
                        "power-on", "delete backup", "servers", "detach", "resize vault", "delete vault", "tasks",
                        "policy", "bind policy", "unbind policy", "region", " tag ", " resize", " full "] {
            #expect(all.contains(keyword), "no example uses \(keyword)")
        }
    }

    @Test(arguments: examples)
    func exampleRuns(_ example: Example) async throws {
        let file = SourceFile(name: "LANGUAGE.md", text: String(repeating: "\n", count: example.line - 1) + example.text)
        let parsed = Parser.parse(file)
        #expect(parsed.diagnostics.isEmpty, "\(DiagnosticRenderer().render(parsed.diagnostics, in: file))")
        let loader: Interpreter.SourceLoader = { path, _ in
            .success(SourceFile(name: path, text: "let common_loaded = true"))
        }
        var resolver = Resolver(loader: { loader($0, $1) }, functions: BuiltinFunctions.signatures)
        let unresolved = resolver.resolve(parsed.script, in: file)
        #expect(unresolved.isEmpty, "\(unresolved.map(\.diagnostic.text))")
        let output = CollectingOutput()
        let outcome = try await withEmulator { emulator in
            var interpreter = Interpreter(
                client: emulator.client(), output: output, environment: ["BACKUP_LABEL": "nightly"],
                arguments: ["db-01"], scriptName: "docs.csbs", loader: loader, connector: emulator.regionConnector
            )
            interpreter.confirmation = .ask { _ in .line("y") }  // every `confirm` of the reference is answered yes
            return try await interpreter.checkAndRun(file)
        }
        switch outcome {
        case .success: break
        case .failure(let failure):
            #expect(failure.category == .exit(0), "\(output.transcript)")
        }
        #expect(!output.results.isEmpty, "every example prints something")
    }
}
