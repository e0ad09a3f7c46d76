import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Foundation
import Testing

/// Golden-file tests: every `Fixtures/**/*.csbs` (except helpers under a `lib/` folder) runs on a fresh emulator
/// with virtual time. Its comments say what must happen:
///
/// - `# expect: TEXT`: the next result line (ids normalised to `<id>`);
/// - `# expect reported LINE:COL ID`: a diagnostic reported on the way (under `on error continue`);
/// - `# expect error LINE:COL ID [TEXT]`: the failure that ends the run;
/// - `# expect exit N`: the run ends with `exit N`;
/// - `# args: A B …` and `# env: NAME=VALUE`: the script's arguments and environment.
@Suite("Interpreter golden files")
struct FixtureTests {
    static let fixtures: [String] = {
        guard let root = Bundle.module.resourceURL?.appendingPathComponent("Fixtures"),
            let enumerator = FileManager.default.enumerator(atPath: root.path)
        else { return [] }
        return enumerator.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".csbs") && !$0.contains("lib/") }.sorted()
    }()

    @Test func fixturesAreFound() {
        #expect(Self.fixtures.count >= 15)
    }

    @Test(arguments: fixtures)
    func fixture(_ name: String) async throws {
        let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/" + name)
        let file = SourceFile(name: url.path, text: try String(contentsOf: url, encoding: .utf8))
        let expectations = Expectations(file.text)
        let parsed = Parser.parse(file)
        #expect(!parsed.hasErrors, "fixture \(name) must parse: \(parsed.diagnostics.map(\.id))")
        var resolver = Resolver(loader: FileScriptLoader.load, functions: BuiltinFunctions.signatures)
        let unresolved = resolver.resolve(parsed.script, in: file)
        #expect(unresolved.isEmpty, "fixture \(name) must resolve: \(unresolved.map(\.diagnostic.id))")

        let output = CollectingOutput()
        let failure = try await withEmulator(backupDuration: .seconds(2)) { emulator in
            var interpreter = Interpreter(
                client: emulator.client(), output: output, environment: expectations.environment,
                arguments: expectations.arguments, scriptName: name
            )
            if case .failure(let failure) = try await interpreter.checkAndRun(file) { return Optional(failure) }
            return nil
        }
        #expect(output.results.map { Expectations.normalised($0.summary) } == expectations.results)
        let reported = output.diagnostics.compactMap { Expectations.header($0, file: file.name) }
        #expect(reported == expectations.reported, "\(output.diagnostics)")
        if let code = expectations.exit {
            #expect(failure?.category == .exit(code))
        } else if let expected = expectations.error {
            let failure = try #require(failure, "expected the run to fail with \(expected.id)")
            let location = SourceLocationConverter(file.text).location(ofOffset: failure.diagnostic.range.lowerBound)
            #expect("\(location.line):\(location.column)" == expected.location)
            #expect(failure.diagnostic.id.description == expected.id)
            if let text = expected.text {
                #expect(failure.diagnostic.message.message.contains(text))
            }
        } else {
            #expect(failure == nil, "unexpected failure: \(output.diagnostics)")
        }
    }
}

/// The `# expect` comments of a fixture.
struct Expectations {
    struct ExpectedError {
        var location: String
        var id: String
        var text: String?
    }

    var results: [String] = []
    var error: ExpectedError?
    /// `LINE:COL ID` of every diagnostic the run reports, the final error included.
    var reported: [String] = []
    var exit: Int32?
    var arguments: [String] = []
    var environment: [String: String] = [:]

    init(_ text: String) {
        for line in text.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("# expect: ") {
                results.append(String(trimmed.dropFirst("# expect: ".count)))
            } else if trimmed.hasPrefix("# expect error ") {
                let parts = trimmed.dropFirst("# expect error ".count).split(separator: " ", maxSplits: 2).map(String.init)
                error = ExpectedError(location: parts[0], id: parts[1], text: parts.count > 2 ? parts[2] : nil)
                reported.append(parts[0] + " " + parts[1])
            } else if trimmed.hasPrefix("# expect reported ") {
                reported.append(String(trimmed.dropFirst("# expect reported ".count)))
            } else if trimmed.hasPrefix("# expect exit ") {
                exit = Int32(trimmed.dropFirst("# expect exit ".count))
            } else if trimmed.hasPrefix("# args: ") {
                arguments = trimmed.dropFirst("# args: ".count).split(separator: " ").map(String.init)
            } else if trimmed.hasPrefix("# env: ") {
                let pair = trimmed.dropFirst("# env: ".count).split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 { environment[pair[0]] = pair[1] }
            }
        }
    }

    /// `LINE:COL ID` from a rendered diagnostic's header, if it points into `file`.
    static func header(_ rendered: String, file: String) -> String? {
        guard let first = rendered.split(separator: "\n").first, first.hasPrefix(file + ":") else { return nil }
        let rest = first.dropFirst(file.count + 1)
        let location = rest.split(separator: ":").prefix(2).joined(separator: ":")
        guard let open = first.lastIndex(of: "["), let close = first.lastIndex(of: "]") else { return nil }
        return location + " " + first[first.index(after: open)..<close]
    }

    /// Replaces UUIDs with `<id>` so the expectations do not depend on generated ids.
    static func normalised(_ text: String) -> String {
        text.replacing(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) { match in
            String(match.output) == "e8cc6bfd-d324-4b88-9109-9fb0ba70676f" || String(match.output).hasPrefix("00000000-")
                ? String(match.output) : "<id>"
        }
    }
}
